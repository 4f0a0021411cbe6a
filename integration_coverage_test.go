package workos_test

import (
	"encoding/json"
	"net/http"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/kestrel-dev/workos"
	"github.com/kestrel-dev/workos/workostest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestIntegration_OperationListMatchesSpec checks that the list of 60
// operations the coverage test demands is exactly the spec's list.
func TestIntegration_OperationListMatchesSpec(t *testing.T) {
	spec := integSpecOperations(t)
	require.Len(t, spec, 60)
	want := append([]string(nil), spec...)
	got := append([]string(nil), integOperations...)
	sort.Strings(want)
	sort.Strings(got)
	assert.Equal(t, want, got)
}

// TestIntegration_OperationOfPicksTheMostSpecificTemplate checks the
// matcher the coverage test relies on.
func TestIntegration_OperationOfPicksTheMostSpecificTemplate(t *testing.T) {
	cases := map[string]string{
		"GET /user_management/users/external_id/identities":   "GET /user_management/users/external_id/{external_id}",
		"GET /user_management/users/user_1/identities":        "GET /user_management/users/{id}/identities",
		"GET /user_management/invitations/by_token/tok":       "GET /user_management/invitations/by_token/{token}",
		"POST /user_management/invitations/inv_1/accept":      "POST /user_management/invitations/{id}/accept",
		"GET /user_management/sessions/logout":                "GET /user_management/sessions/logout",
		"POST /user_management/authorize/device":              "POST /user_management/authorize/device",
		"GET /user_management/users/u/connected_accounts/git": "GET /user_management/users/{user_id}/connected_accounts/{slug}",
		"PATCH /user_management/users/u":                      "",
		"GET /user_management/nothing":                        "",
	}
	for req, want := range cases {
		m, p, _ := strings.Cut(req, " ")
		assert.Equal(t, want, integOperationOf(m, p), req)
	}
}

// integGrants records the grant_type of every authenticate request.
type integGrants struct {
	mu   sync.Mutex
	seen map[string]int
}

func (g *integGrants) observe(x workostest.Exchange) {
	if x.Method != http.MethodPost || x.Path != "/user_management/authenticate" {
		return
	}
	var body struct {
		GrantType string `json:"grant_type"`
	}
	if json.Unmarshal(x.RequestBody, &body) != nil {
		return
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.seen == nil {
		g.seen = map[string]int{}
	}
	g.seen[body.GrantType]++
}

func (g *integGrants) count(gt workos.GrantType) int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.seen[string(gt)]
}

// TestIntegration_EveryOperation walks every UserManagement method through
// realistic flows against one workostest server, asserting what each call
// returns, and fails unless all 60 operations of the API were answered
// with success along the way.
func TestIntegration_EveryOperation(t *testing.T) {
	var cov integCoverage
	var grants integGrants
	srv := workostest.NewServer(t, workostest.WithObserver(func(x workostest.Exchange) {
		cov.observe(x)
		grants.observe(x)
	}))
	w := &integWorld{srv: srv, client: srv.Client(), org: srv.CreateOrganization("Acme"), org2: srv.CreateOrganization("Globex")}
	w.um = w.client.UserManagement

	steps := []struct {
		name string
		run  func(t *testing.T, w *integWorld)
	}{
		{"users", integUsers},
		{"email_verification", integEmailVerification},
		{"email_change", integEmailChange},
		{"password_reset", integPasswordReset},
		{"magic_auth", integMagicAuth},
		{"memberships", integMemberships},
		{"invitations", integInvitations},
		{"password_sign_in_and_tokens", integPasswordSignIn},
		{"sessions", integSessions},
		{"challenges", integChallenges},
		{"totp", integTOTP},
		{"authorization_code", integAuthorizationCode},
		{"device_code", integDeviceCode},
		{"create_authenticate", integCreateAuthenticate},
		{"radar", integRadar},
		{"environment", integEnvironment},
		{"user_extras", integUserExtras},
		{"retries", integRetries},
		{"logout_and_delete", integLogoutAndDelete},
	}
	ran := 0
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			ran++
			s.run(t, w)
		})
	}
	if ran < len(steps) {
		t.Skipf("only %d of %d steps ran (-run filter); operation coverage not checked", ran, len(steps))
	}
	assert.Empty(t, cov.missing(), "operations never answered with success by the integration flows")
	for _, gt := range []workos.GrantType{
		workos.GrantTypePassword, workos.GrantTypeAuthorizationCode, workos.GrantTypeRefreshToken,
		workos.GrantTypeMagicAuth, workos.GrantTypeEmailVerification, workos.GrantTypeMFATOTP,
		workos.GrantTypeOrganizationSelection, workos.GrantTypeDeviceCode,
		workos.GrantTypeRadarEmailChallenge, workos.GrantTypeRadarSMSChallenge,
	} {
		assert.Positive(t, grants.count(gt), "grant %s never sent", gt)
	}
}

// integWorld is the state the steps of TestIntegration_EveryOperation
// share: one server, one client, and what earlier steps created.
type integWorld struct {
	srv       *workostest.Server
	client    *workos.Client
	um        *workos.UserManagementService
	org, org2 workostest.Organization

	ada, grace *workos.User // ada has a password; grace is unverified at first
	adaPass    string
	adaMember  string // ada's membership in org
}

// integAll drains a List, failing the test on an error.
func integAll[T any](t *testing.T, l *workos.List[T]) []T {
	t.Helper()
	var out []T
	for item, err := range l.All() {
		require.NoError(t, err)
		out = append(out, item)
	}
	return out
}

func integSameUser(t *testing.T, want, got *workos.User) {
	t.Helper()
	assert.Equal(t, want.ID, got.ID)
	assert.Equal(t, want.Email, got.Email)
	assert.Equal(t, want.EmailVerified, got.EmailVerified)
	assert.Equal(t, want.FirstName, got.FirstName)
	assert.Equal(t, want.LastName, got.LastName)
	assert.Equal(t, want.ExternalID, got.ExternalID)
	assert.Equal(t, want.Metadata, got.Metadata)
	assert.True(t, want.CreatedAt.Equal(got.CreatedAt), "created_at %v != %v", want.CreatedAt, got.CreatedAt)
}
