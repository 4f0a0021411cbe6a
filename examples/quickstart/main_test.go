package main

import (
	"bytes"
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kestrel-dev/workos/workostest"
)

func TestRunWithoutAPIKeyTellsTheWholeStoryAgainstTheFake(t *testing.T) {
	var out bytes.Buffer
	start := time.Now()
	err := run(context.Background(), &out, func(string) string { return "" })
	require.NoError(t, err, out.String())
	assert.Less(t, time.Since(start), 10*time.Second, "the README's main command must finish in seconds")

	got := out.String()
	for _, want := range []string{
		"runs against an in-process fake WorkOS API",
		" 1. Create an organization",
		"created Acme Corp (org_",
		"with the domain acme.example (verified)",
		"admin   EnvironmentRole",
		"<ada@example.com>",
		"ada@example.com joined as admin",
		"1. ada@example.com\n",
		"4. margaret@example.com\n",
		"All() fetched 2 pages behind the scenes",
		"ada@example.com        admin   active",
		"for alan@example.com is pending until",
		"holds the invitation email",
		"signed in as ada@example.com, into organization org_",
		"sub     user_",
		"sid     session_",
		"org_id  org_",
		"role    admin",
		"expires in 5m0s",
		"new access token verified, same session: true",
		"a replay just after (a retry after a lost reply) gets the same new pair",
		"using the old one again later answers invalid_grant",
		`cookie value starting "Fe26.2*"`,
		"unsealed: user ada@example.com, organization org_",
		"is now revoked",
		"its refresh token no longer works (invalid_grant)",
		"Read back the events these steps produced",
		"organization.created                 x1",
		"user.created                         x",
		"organization_membership.created      x",
		"invitation.created                   x1",
		"authentication.password_succeeded    x1",
		"session.created                      x1",
		"session.revoked                      x1",
		"a sync loop stores event_",
		"Done.",
	} {
		assert.Contains(t, got, want)
	}
	assert.NotContains(t, got, "correct-horse-battery-staple", "the password must not be printed")
}

func TestRunWithAPIKeyMakesOnlyReadOnlyCalls(t *testing.T) {
	// The fake stands in for the real API: WORKOS_BASE_URL points at it.
	srv := workostest.NewServer(t)
	org := srv.CreateOrganization("Acme Corp")
	ada := srv.CreateUser(workostest.NewUser{Email: "ada@example.com"})
	srv.AddMembership(ada.ID, org.ID, workostest.StatusActive, "admin")
	env := map[string]string{
		"WORKOS_API_KEY":   srv.APIKey(),
		"WORKOS_CLIENT_ID": srv.ClientID(),
		"WORKOS_BASE_URL":  srv.URL(),
	}

	var out bytes.Buffer
	err := run(context.Background(), &out, func(k string) string { return env[k] })
	require.NoError(t, err, out.String())

	got := out.String()
	assert.Contains(t, got, "read-only")
	assert.Contains(t, got, ada.ID+" <ada@example.com>")
	assert.Contains(t, got, "key ")
	assert.Contains(t, got, "in "+org.ID+" as admin (active)")
	assert.Contains(t, got, "Nothing was changed.")
	assert.NotContains(t, got, "fake")

	reqs := srv.Requests()
	require.Len(t, reqs, 3, "list users, get JWKS, list memberships")
	for _, r := range reqs {
		assert.Equal(t, http.MethodGet, r.Method, r.Path)
	}
	assert.Equal(t, "/user_management/users", reqs[0].Path)
	assert.Equal(t, "/sso/jwks/"+srv.ClientID(), reqs[1].Path)
	assert.Equal(t, "/user_management/organization_memberships", reqs[2].Path)
}

func TestRunWithAPIKeyButNoClientIDRefusesBeforeAnyCall(t *testing.T) {
	env := map[string]string{"WORKOS_API_KEY": "sk_test_123"}
	var out bytes.Buffer
	err := run(context.Background(), &out, func(k string) string { return env[k] })
	require.ErrorContains(t, err, "WORKOS_CLIENT_ID is not")
	assert.Empty(t, out.String())
}
