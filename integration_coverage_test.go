package workos_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"math/big"
	"net/http"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

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

func integUsers(t *testing.T, w *integWorld) {
	ctx := integCtx(t)
	w.adaPass = "correct horse battery"
	created, err := w.um.CreateUser(ctx, workos.CreateUserParams{
		Email: "ada@example.com", Password: workos.PlainPassword(w.adaPass),
		FirstName: workos.String("Ada"), LastName: workos.String("Lovelace"),
		EmailVerified: workos.Bool(true), ExternalID: "crm-ada",
		Metadata: map[string]string{"plan": "pro"},
	})
	require.NoError(t, err)
	assert.Equal(t, http.StatusCreated, created.LastResponse.StatusCode)
	assert.Equal(t, "user", created.Object)
	assert.True(t, strings.HasPrefix(created.ID, "user_"), created.ID)
	assert.Equal(t, "ada@example.com", created.Email)
	assert.True(t, created.EmailVerified)
	assert.Equal(t, workos.String("Ada"), created.FirstName)
	assert.Equal(t, workos.String("Lovelace"), created.LastName)
	assert.Equal(t, workos.String("crm-ada"), created.ExternalID)
	assert.Equal(t, map[string]string{"plan": "pro"}, created.Metadata)
	assert.Nil(t, created.LastSignInAt)
	assert.WithinDuration(t, w.srv.Now(), created.CreatedAt, time.Second)
	ada := created.User
	w.ada = &ada

	got, err := w.um.GetUser(ctx, ada.ID)
	require.NoError(t, err)
	integSameUser(t, &ada, got)
	byExt, err := w.um.GetUserByExternalID(ctx, "crm-ada")
	require.NoError(t, err)
	integSameUser(t, &ada, byExt)

	updated, err := w.um.UpdateUser(ctx, ada.ID, workos.UpdateUserParams{
		FirstName:  workos.String("Augusta Ada"),
		Metadata:   map[string]workos.Nullable[string]{"plan": workos.Null[string](), "team": workos.Value("engines")},
		ExternalID: workos.Value("crm-ada-2"),
		Locale:     workos.Value(workos.LocaleEnglishGB),
	})
	require.NoError(t, err)
	assert.Equal(t, ada.ID, updated.ID)
	assert.Equal(t, workos.String("Augusta Ada"), updated.FirstName)
	assert.Equal(t, workos.String("Lovelace"), updated.LastName, "fields not sent stay as they were")
	assert.Equal(t, map[string]string{"team": "engines"}, updated.Metadata)
	assert.Equal(t, workos.String("crm-ada-2"), updated.ExternalID)
	assert.Equal(t, workos.String("en-GB"), updated.Locale)
	w.ada = updated

	_, err = w.um.GetUserByExternalID(ctx, "crm-ada")
	assert.ErrorIs(t, err, workos.ErrNotFound, "the old external id no longer finds the user")
	byExt, err = w.um.GetUserByExternalID(ctx, "crm-ada-2")
	require.NoError(t, err)
	assert.Equal(t, ada.ID, byExt.ID)

	// An explicit null clears the external ID; a new password works at once.
	w.adaPass = "difference engine"
	cleared, err := w.um.UpdateUser(ctx, ada.ID, workos.UpdateUserParams{ExternalID: workos.Null[string](), Password: workos.PlainPassword(w.adaPass)})
	require.NoError(t, err)
	assert.Nil(t, cleared.ExternalID)
	assert.Equal(t, workos.String("en-GB"), cleared.Locale, "fields not sent stay as they were")
	_, err = w.um.GetUserByExternalID(ctx, "crm-ada-2")
	assert.ErrorIs(t, err, workos.ErrNotFound)
	signedIn, err := w.um.AuthenticateWithPassword(ctx, workos.AuthenticateWithPasswordParams{Email: ada.Email, Password: w.adaPass})
	require.NoError(t, err)
	assert.Equal(t, ada.ID, signedIn.User.ID)
	w.ada = cleared

	// The API answers a taken email with 400 user_creation_error, the
	// reason in errors[].
	_, err = w.um.CreateUser(ctx, workos.CreateUserParams{Email: "ada@example.com"})
	apiErr := integAPIError(t, err, http.StatusBadRequest, "user_creation_error")
	assert.ErrorIs(t, err, workos.ErrBadRequest)
	require.Len(t, apiErr.Errors, 1)
	assert.Equal(t, "email_not_available", apiErr.Errors[0].Code)
	assert.NotEmpty(t, apiErr.RequestID)

	_, err = w.um.GetUser(ctx, "user_01NOBODY")
	integAPIError(t, err, http.StatusNotFound, "")
	assert.ErrorIs(t, err, workos.ErrNotFound)

	graceResp, err := w.um.CreateUser(ctx, workos.CreateUserParams{
		Email: "grace@example.com", Password: workos.PlainPassword("cobol forever"), FirstName: workos.String("Grace"),
	})
	require.NoError(t, err)
	assert.False(t, graceResp.EmailVerified)
	grace := graceResp.User
	w.grace = &grace

	only := integAll(t, w.um.ListUsers(ctx, workos.ListUsersParams{Email: "GRACE@example.com"}))
	require.Len(t, only, 1, "the email filter matches without case")
	assert.Equal(t, grace.ID, only[0].ID)
	both := integAll(t, w.um.ListUsers(ctx, workos.ListUsersParams{ListParams: workos.ListParams{Order: workos.OrderAsc}}))
	require.Len(t, both, 2)
	assert.Equal(t, []string{ada.ID, grace.ID}, []string{both[0].ID, both[1].ID})

	// Characters that need escaping survive the trip: a "+" in a query
	// value, and "/", " ", "#" and "?" in a path segment.
	odd, err := w.um.CreateUser(ctx, workos.CreateUserParams{Email: "ada+lists@example.com", ExternalID: "acct/42 #x?y"})
	require.NoError(t, err)
	plus := integAll(t, w.um.ListUsers(ctx, workos.ListUsersParams{Email: "ada+lists@example.com"}))
	require.Len(t, plus, 1)
	assert.Equal(t, odd.ID, plus[0].ID)
	byOdd, err := w.um.GetUserByExternalID(ctx, "acct/42 #x?y")
	require.NoError(t, err)
	assert.Equal(t, odd.ID, byOdd.ID)
	_, err = w.um.DeleteUser(ctx, odd.ID)
	require.NoError(t, err)
}

func integEmailVerification(t *testing.T, w *integWorld) {
	ctx := integCtx(t)
	sent, err := w.um.SendVerificationEmail(ctx, w.grace.ID)
	require.NoError(t, err)
	assert.Equal(t, w.grace.ID, sent.User.ID)
	mail := integMail(t, w.srv, w.grace.Email, workostest.EmailVerification)
	require.Len(t, mail.Code, 6)

	ev, err := w.um.GetEmailVerification(ctx, mail.ObjectID)
	require.NoError(t, err)
	assert.Equal(t, "email_verification", ev.Object)
	assert.Equal(t, mail.ObjectID, ev.ID)
	assert.Equal(t, w.grace.ID, ev.UserID)
	assert.Equal(t, w.grace.Email, ev.Email)
	assert.Equal(t, mail.Code, ev.Code)
	assert.True(t, ev.ExpiresAt.After(w.srv.Now()))

	wrong := "000000"
	if mail.Code == wrong {
		wrong = "111111"
	}
	_, err = w.um.VerifyEmail(ctx, w.grace.ID, workos.VerifyEmailParams{Code: wrong})
	var apiErr *workos.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusBadRequest, apiErr.StatusCode)

	verified, err := w.um.VerifyEmail(ctx, w.grace.ID, workos.VerifyEmailParams{Code: mail.Code})
	require.NoError(t, err)
	assert.True(t, verified.User.EmailVerified)
	assert.Equal(t, w.grace.ID, verified.User.ID)

	_, err = w.um.SendVerificationEmail(ctx, w.grace.ID)
	integAPIError(t, err, http.StatusBadRequest, "email_already_verified")
}

func integEmailChange(t *testing.T, w *integWorld) {
	ctx := integCtx(t)
	change, err := w.um.SendEmailChange(ctx, w.grace.ID, workos.SendEmailChangeParams{NewEmail: "grace@navy.example"})
	require.NoError(t, err)
	assert.Equal(t, "email_change", change.Object)
	assert.Equal(t, "grace@navy.example", change.NewEmail)
	assert.Equal(t, "grace@example.com", change.User.Email, "the address changes only on confirmation")
	assert.True(t, change.ExpiresAt.After(w.srv.Now()))
	mail := integMail(t, w.srv, "grace@navy.example", workostest.EmailChange)

	_, err = w.um.ConfirmEmailChange(ctx, w.grace.ID, workos.ConfirmEmailChangeParams{Code: "not-the-code"})
	integAPIError(t, err, http.StatusBadRequest, "email_change_code_incorrect")

	done, err := w.um.ConfirmEmailChange(ctx, w.grace.ID, workos.ConfirmEmailChangeParams{Code: mail.Code})
	require.NoError(t, err)
	assert.Equal(t, "email_change_confirmation", done.Object)
	assert.Equal(t, "grace@navy.example", done.User.Email)
	got, err := w.um.GetUser(ctx, w.grace.ID)
	require.NoError(t, err)
	assert.Equal(t, "grace@navy.example", got.Email)
	w.grace = got

	_, err = w.um.SendEmailChange(ctx, w.grace.ID, workos.SendEmailChangeParams{NewEmail: w.ada.Email})
	integAPIError(t, err, http.StatusConflict, "email_not_available")
	assert.ErrorIs(t, err, workos.ErrConflict)
}

func integPasswordReset(t *testing.T, w *integWorld) {
	ctx := integCtx(t)
	pr, err := w.um.ResetPassword(ctx, workos.ResetPasswordParams{Email: w.ada.Email})
	require.NoError(t, err)
	assert.Equal(t, http.StatusCreated, pr.LastResponse.StatusCode)
	assert.Equal(t, "password_reset", pr.Object)
	assert.Equal(t, w.ada.ID, pr.UserID)
	assert.Equal(t, w.ada.Email, pr.Email)
	mail := integMail(t, w.srv, w.ada.Email, workostest.EmailPasswordReset)
	assert.Equal(t, pr.ID, mail.ObjectID)
	assert.Equal(t, mail.Token, pr.PasswordResetToken)
	assert.Equal(t, mail.URL, pr.PasswordResetURL)

	again, err := w.um.GetPasswordReset(ctx, pr.ID)
	require.NoError(t, err)
	assert.Equal(t, pr.ID, again.ID)
	assert.Equal(t, pr.PasswordResetToken, again.PasswordResetToken)
	assert.True(t, pr.ExpiresAt.Equal(again.ExpiresAt))

	_, err = w.um.ConfirmPasswordReset(ctx, workos.ConfirmPasswordResetParams{Token: mail.Token, NewPassword: "short"})
	apiErr := integAPIError(t, err, http.StatusBadRequest, "password_reset_error")
	assert.NotEmpty(t, apiErr.Errors, "the strength failure says why")
	assert.NotContains(t, err.Error(), mail.Token)

	newPass := "analytical engine 1843"
	done, err := w.um.ConfirmPasswordReset(ctx, workos.ConfirmPasswordResetParams{Token: mail.Token, NewPassword: newPass})
	require.NoError(t, err)
	assert.Equal(t, w.ada.ID, done.User.ID)

	_, err = w.um.AuthenticateWithPassword(ctx, workos.AuthenticateWithPasswordParams{Email: w.ada.Email, Password: w.adaPass})
	integAPIError(t, err, http.StatusBadRequest, workos.ErrorCodeInvalidCredentials)
	w.adaPass = newPass
	_, err = w.um.ConfirmPasswordReset(ctx, workos.ConfirmPasswordResetParams{Token: mail.Token, NewPassword: "yet another password"})
	require.Error(t, err, "a reset token works once")
}

func integMagicAuth(t *testing.T, w *integWorld) {
	ctx := integCtx(t)
	ma, err := w.um.CreateMagicAuth(ctx, workos.CreateMagicAuthParams{Email: w.grace.Email})
	require.NoError(t, err)
	assert.Equal(t, "magic_auth", ma.Object)
	assert.Equal(t, w.grace.ID, ma.UserID)
	assert.Equal(t, w.grace.Email, ma.Email)
	mail := integMail(t, w.srv, w.grace.Email, workostest.EmailMagicAuth)
	assert.Equal(t, ma.ID, mail.ObjectID)
	assert.Equal(t, mail.Code, ma.Code)

	got, err := w.um.GetMagicAuth(ctx, ma.ID)
	require.NoError(t, err)
	assert.Equal(t, ma.ID, got.ID)
	assert.Equal(t, mail.Code, got.Code)
	assert.True(t, ma.ExpiresAt.Equal(got.ExpiresAt))

	resp, err := w.um.AuthenticateWithMagicAuth(ctx, workos.AuthenticateWithMagicAuthParams{Code: mail.Code, Email: w.grace.Email})
	require.NoError(t, err)
	assert.Equal(t, w.grace.ID, resp.User.ID)
	assert.Equal(t, workos.AuthenticationMethodMagicAuth, resp.AuthenticationMethod)
	claims, err := integVerifier(t, w).Verify(ctx, resp.AccessToken)
	require.NoError(t, err)
	assert.Equal(t, w.grace.ID, claims.Subject)
	next, err := w.um.AuthenticateWithRefreshToken(ctx, workos.AuthenticateWithRefreshTokenParams{RefreshToken: resp.RefreshToken})
	require.NoError(t, err)
	assert.Equal(t, w.grace.ID, next.User.ID)

	_, err = w.um.AuthenticateWithMagicAuth(ctx, workos.AuthenticateWithMagicAuthParams{Code: mail.Code, Email: w.grace.Email})
	integAPIError(t, err, http.StatusBadRequest, workos.ErrorCodeOneTimeCodePreviouslyUsed)
}

func integMemberships(t *testing.T, w *integWorld) {
	ctx := integCtx(t)
	// The fake accepts only roles that exist: member and admin come with
	// it, billing and owner are defined here.
	w.srv.SetRolePermissions("billing", "invoices:read")
	w.srv.SetRolePermissions("owner", "org:manage")
	am, err := w.um.CreateOrganizationMembership(ctx, workos.CreateOrganizationMembershipParams{
		UserID: w.ada.ID, OrganizationID: w.org.ID, Role: workos.RoleSlug("admin"),
	})
	require.NoError(t, err)
	assert.Equal(t, http.StatusCreated, am.LastResponse.StatusCode)
	assert.Equal(t, "organization_membership", am.Object)
	assert.Equal(t, w.ada.ID, am.UserID)
	assert.Equal(t, w.org.ID, am.OrganizationID)
	assert.Equal(t, workos.OrganizationMembershipStatusActive, am.Status)
	assert.Equal(t, "admin", am.Role.Slug)
	assert.Equal(t, []workos.SlimRole{{Slug: "admin"}}, am.Roles)
	assert.Equal(t, w.ada.ID, am.User.ID)
	w.adaMember = am.ID

	gm, err := w.um.CreateOrganizationMembership(ctx, workos.CreateOrganizationMembershipParams{
		UserID: w.grace.ID, OrganizationID: w.org.ID, Role: workos.RoleSlugs{"member", "billing"},
	})
	require.NoError(t, err)
	assert.Equal(t, []workos.SlimRole{{Slug: "member"}, {Slug: "billing"}}, gm.Roles)

	got, err := w.um.GetOrganizationMembership(ctx, am.ID)
	require.NoError(t, err)
	assert.Equal(t, am.ID, got.ID)
	assert.Equal(t, am.Roles, got.Roles)

	up, err := w.um.UpdateOrganizationMembership(ctx, am.ID, workos.UpdateOrganizationMembershipParams{Role: workos.RoleSlug("owner")})
	require.NoError(t, err)
	assert.Equal(t, "owner", up.Role.Slug)
	assert.Equal(t, []workos.SlimRole{{Slug: "owner"}}, up.Roles)

	off, err := w.um.DeactivateOrganizationMembership(ctx, gm.ID)
	require.NoError(t, err)
	assert.Equal(t, workos.OrganizationMembershipStatusInactive, off.Status)
	assert.Equal(t, gm.Roles, off.Roles, "deactivation keeps the roles")

	active := integAll(t, w.um.ListOrganizationMemberships(ctx, workos.ListOrganizationMembershipsParams{OrganizationID: w.org.ID}))
	require.Len(t, active, 1, "only active memberships by default")
	assert.Equal(t, am.ID, active[0].ID)
	all := integAll(t, w.um.ListOrganizationMemberships(ctx, workos.ListOrganizationMembershipsParams{
		OrganizationID: w.org.ID,
		Statuses:       []workos.OrganizationMembershipStatus{workos.OrganizationMembershipStatusActive, workos.OrganizationMembershipStatusInactive},
		ListParams:     workos.ListParams{Order: workos.OrderAsc},
	}))
	require.Len(t, all, 2)
	assert.Equal(t, []string{am.ID, gm.ID}, []string{all[0].ID, all[1].ID})
	assert.Equal(t, workos.OrganizationMembershipStatusInactive, all[1].Status)
	last := w.srv.Requests()[len(w.srv.Requests())-1]
	assert.Contains(t, last.Query, "statuses=active,inactive", "statuses are comma-joined")

	on, err := w.um.ReactivateOrganizationMembership(ctx, gm.ID)
	require.NoError(t, err)
	assert.Equal(t, workos.OrganizationMembershipStatusActive, on.Status)
	assert.Equal(t, gm.Roles, on.Roles)

	groups, err := w.um.ListOrganizationMembershipGroups(ctx, am.ID, workos.ListOrganizationMembershipGroupsParams{}).Page()
	require.NoError(t, err)
	assert.Equal(t, "list", groups.Object)
	assert.Empty(t, groups.Data)
	_, err = w.um.ListOrganizationMembershipGroups(ctx, "om_01NOPE", workos.ListOrganizationMembershipGroupsParams{}).Page()
	assert.ErrorIs(t, err, workos.ErrNotFound)

	del, err := w.um.DeleteOrganizationMembership(ctx, gm.ID)
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, del.StatusCode)
	_, err = w.um.GetOrganizationMembership(ctx, gm.ID)
	assert.ErrorIs(t, err, workos.ErrNotFound)

	_, err = w.um.ListOrganizationMemberships(ctx, workos.ListOrganizationMembershipsParams{}).Page()
	assert.ErrorIs(t, err, workos.ErrInvalidParams, "user or organization is required, checked before sending")
}

func integInvitations(t *testing.T, w *integWorld) {
	ctx := integCtx(t)
	inv, err := w.um.SendInvitation(ctx, workos.SendInvitationParams{
		Email: "hopper@example.com", OrganizationID: w.org.ID, RoleSlug: "member",
		InviterUserID: w.ada.ID, ExpiresInDays: 3,
	})
	require.NoError(t, err)
	assert.Equal(t, http.StatusCreated, inv.LastResponse.StatusCode)
	assert.Equal(t, "invitation", inv.Object)
	assert.Equal(t, "hopper@example.com", inv.Email)
	assert.Equal(t, workos.InvitationStatePending, inv.State)
	assert.Equal(t, workos.String(w.org.ID), inv.OrganizationID)
	assert.Equal(t, workos.String("member"), inv.RoleSlug)
	assert.Equal(t, workos.String(w.ada.ID), inv.InviterUserID)
	assert.Nil(t, inv.AcceptedAt)
	assert.Nil(t, inv.RevokedAt)
	assert.WithinDuration(t, w.srv.Now().AddDate(0, 0, 3), inv.ExpiresAt, time.Second)
	mail := integMail(t, w.srv, "hopper@example.com", workostest.EmailInvitation)
	assert.Equal(t, inv.Token, mail.Token)
	assert.Equal(t, inv.AcceptInvitationURL, mail.URL)

	got, err := w.um.GetInvitation(ctx, inv.ID)
	require.NoError(t, err)
	assert.Equal(t, inv.ID, got.ID)
	byTok, err := w.um.FindInvitationByToken(ctx, inv.Token)
	require.NoError(t, err)
	assert.Equal(t, inv.ID, byTok.ID)
	_, err = w.um.FindInvitationByToken(ctx, "not-a-token")
	assert.ErrorIs(t, err, workos.ErrNotFound)

	listed := integAll(t, w.um.ListInvitations(ctx, workos.ListInvitationsParams{Email: "hopper@example.com", OrganizationID: w.org.ID}))
	require.Len(t, listed, 1)
	assert.Equal(t, inv.ID, listed[0].ID)

	resent, err := w.um.ResendInvitation(ctx, inv.ID, workos.ResendInvitationParams{Locale: workos.LocaleFrench})
	require.NoError(t, err)
	assert.Equal(t, inv.ID, resent.ID)
	assert.Len(t, w.srv.Inbox("hopper@example.com"), 2, "the resend sends a second email")

	acc, err := w.um.AcceptInvitation(ctx, inv.ID)
	require.NoError(t, err)
	assert.Equal(t, workos.InvitationStateAccepted, acc.State)
	require.NotNil(t, acc.AcceptedAt)
	assert.WithinDuration(t, w.srv.Now(), *acc.AcceptedAt, time.Second)
	require.NotNil(t, acc.AcceptedUserID)
	hopper, err := w.um.GetUser(ctx, *acc.AcceptedUserID)
	require.NoError(t, err)
	assert.Equal(t, "hopper@example.com", hopper.Email)
	ms := integAll(t, w.um.ListOrganizationMemberships(ctx, workos.ListOrganizationMembershipsParams{UserID: hopper.ID}))
	require.Len(t, ms, 1, "accepting joins the organization")
	assert.Equal(t, w.org.ID, ms[0].OrganizationID)
	assert.Equal(t, "member", ms[0].Role.Slug)

	_, err = w.um.AcceptInvitation(ctx, inv.ID)
	integAPIError(t, err, http.StatusBadRequest, "invite_not_pending")
	_, err = w.um.ResendInvitation(ctx, inv.ID, workos.ResendInvitationParams{})
	integAPIError(t, err, http.StatusBadRequest, "invite_accepted")

	other, err := w.um.SendInvitation(ctx, workos.SendInvitationParams{Email: "babbage@example.com"})
	require.NoError(t, err)
	assert.Nil(t, other.OrganizationID)
	rev, err := w.um.RevokeInvitation(ctx, other.ID)
	require.NoError(t, err)
	assert.Equal(t, workos.InvitationStateRevoked, rev.State)
	require.NotNil(t, rev.RevokedAt)
	assert.WithinDuration(t, w.srv.Now(), *rev.RevokedAt, time.Second)
	_, err = w.um.ResendInvitation(ctx, other.ID, workos.ResendInvitationParams{})
	integAPIError(t, err, http.StatusBadRequest, "invite_revoked")
}

// integVerifier builds a Verifier for the fake's tokens.
func integVerifier(t *testing.T, w *integWorld) *workos.Verifier {
	t.Helper()
	v, err := workos.NewVerifier(w.client, workos.WithTokenIssuer(w.srv.Issuer()), workos.WithVerifierClock(w.srv.Now))
	require.NoError(t, err)
	return v
}

func integPasswordSignIn(t *testing.T, w *integWorld) {
	ctx := integCtx(t)
	jwks, err := w.um.GetJWKS(ctx, "")
	require.NoError(t, err)
	require.Len(t, jwks.Keys, 1)
	pub, kid := w.srv.PublicKey()
	assert.Equal(t, kid, jwks.Keys[0].KeyID)
	assert.Equal(t, "RS256", jwks.Keys[0].Algorithm)
	assert.Equal(t, "RSA", jwks.Keys[0].KeyType)
	assert.Equal(t, base64.RawURLEncoding.EncodeToString(pub.N.Bytes()), jwks.Keys[0].N, "the published key is the signing key")
	assert.Equal(t, base64.RawURLEncoding.EncodeToString(big.NewInt(int64(pub.E)).Bytes()), jwks.Keys[0].E)
	_, err = w.um.GetJWKS(ctx, "client_other")
	assert.ErrorIs(t, err, workos.ErrNotFound, "no key set for another client")

	resp, err := w.um.AuthenticateWithPassword(ctx, workos.AuthenticateWithPasswordParams{
		Email: w.ada.Email, Password: w.adaPass, IPAddress: "203.0.113.7", UserAgent: "integration/1.0",
	})
	require.NoError(t, err)
	assert.Equal(t, w.ada.ID, resp.User.ID)
	assert.Equal(t, w.org.ID, resp.OrganizationID, "a user with one organization signs in to it")
	assert.Equal(t, workos.AuthenticationMethodPassword, resp.AuthenticationMethod)
	require.NotNil(t, resp.User.LastSignInAt)
	assert.WithinDuration(t, w.srv.Now(), *resp.User.LastSignInAt, time.Second)

	claims, err := integVerifier(t, w).Verify(ctx, resp.AccessToken)
	require.NoError(t, err)
	assert.Equal(t, w.srv.Issuer(), claims.Issuer)
	assert.Equal(t, w.ada.ID, claims.Subject)
	assert.Equal(t, w.org.ID, claims.OrganizationID)
	assert.Equal(t, "owner", claims.Role)
	assert.Equal(t, []string{"owner"}, claims.Roles)
	assert.True(t, strings.HasPrefix(claims.SessionID, "session_"), claims.SessionID)
	assert.True(t, claims.ExpiresAt.After(w.srv.Now()))

	// A service without a Client verifies through the JWKS URL alone.
	jwksURL, err := w.um.GetJWKSURL("")
	require.NoError(t, err)
	assert.Equal(t, w.srv.URL()+"/sso/jwks/"+w.srv.ClientID(), jwksURL)
	standalone, err := workos.NewJWKSVerifier(w.srv.ClientID(), jwksURL, w.srv.HTTPClient(),
		workos.WithTokenIssuer(w.srv.Issuer()), workos.WithVerifierClock(w.srv.Now))
	require.NoError(t, err)
	again, err := standalone.Verify(ctx, resp.AccessToken)
	require.NoError(t, err)
	assert.Equal(t, claims.JWTID, again.JWTID)

	strict, err := workos.NewVerifier(w.client, workos.WithTokenIssuer("https://elsewhere.example"), workos.WithVerifierClock(w.srv.Now))
	require.NoError(t, err)
	_, err = strict.Verify(ctx, resp.AccessToken)
	assert.ErrorIs(t, err, workos.ErrTokenIssuer)

	// Refresh rotates: the new token works, the old one is spent.
	next, err := w.um.AuthenticateWithRefreshToken(ctx, workos.AuthenticateWithRefreshTokenParams{RefreshToken: resp.RefreshToken})
	require.NoError(t, err)
	assert.NotEqual(t, resp.RefreshToken, next.RefreshToken)
	nextClaims, err := integVerifier(t, w).Verify(ctx, next.AccessToken)
	require.NoError(t, err)
	assert.Equal(t, claims.SessionID, nextClaims.SessionID, "a refresh keeps the session")
	w.srv.Advance(workostest.DefaultRefreshReplayWindow) // past the replay window
	_, err = w.um.AuthenticateWithRefreshToken(ctx, workos.AuthenticateWithRefreshTokenParams{RefreshToken: resp.RefreshToken})
	assert.True(t, workos.IsInvalidGrant(err), "reuse of a refresh token: %v", err)
	assert.NotContains(t, err.Error(), resp.RefreshToken)

	_, err = w.um.AuthenticateWithPassword(ctx, workos.AuthenticateWithPasswordParams{Email: w.ada.Email, Password: "wrong password"})
	integAPIError(t, err, http.StatusBadRequest, workos.ErrorCodeInvalidCredentials)
}

func integSessions(t *testing.T, w *integWorld) {
	ctx := integCtx(t)
	resp, err := w.um.AuthenticateWithPassword(ctx, workos.AuthenticateWithPasswordParams{
		Email: w.ada.Email, Password: w.adaPass, IPAddress: "198.51.100.4", UserAgent: "sessions-test",
	})
	require.NoError(t, err)
	claims, err := integVerifier(t, w).Verify(ctx, resp.AccessToken)
	require.NoError(t, err)

	sessions := integAll(t, w.um.ListSessions(ctx, w.ada.ID, workos.ListSessionsParams{}))
	require.GreaterOrEqual(t, len(sessions), 2, "one session per password sign-in")
	newest := sessions[0]
	assert.Equal(t, claims.SessionID, newest.ID, "newest first")
	assert.Equal(t, "session", newest.Object)
	assert.Equal(t, w.ada.ID, newest.UserID)
	assert.Equal(t, w.org.ID, newest.OrganizationID)
	assert.Equal(t, workos.SessionStatusActive, newest.Status)
	assert.Equal(t, workos.SessionAuthMethodPassword, newest.AuthMethod)
	assert.Equal(t, workos.String("198.51.100.4"), newest.IPAddress)
	assert.Equal(t, workos.String("sessions-test"), newest.UserAgent)
	assert.Nil(t, newest.EndedAt)

	r, err := w.um.RevokeSession(ctx, workos.RevokeSessionParams{SessionID: claims.SessionID})
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, r.StatusCode)
	sessions = integAll(t, w.um.ListSessions(ctx, w.ada.ID, workos.ListSessionsParams{}))
	assert.Equal(t, workos.SessionStatusRevoked, sessions[0].Status)
	require.NotNil(t, sessions[0].EndedAt)
	assert.WithinDuration(t, w.srv.Now(), *sessions[0].EndedAt, time.Second)
	_, err = w.um.AuthenticateWithRefreshToken(ctx, workos.AuthenticateWithRefreshTokenParams{RefreshToken: resp.RefreshToken})
	assert.True(t, workos.IsInvalidGrant(err), "a revoked session cannot be refreshed: %v", err)

	_, err = w.um.RevokeSession(ctx, workos.RevokeSessionParams{SessionID: "session_01NOPE"})
	integAPIError(t, err, http.StatusBadRequest, "")
}

func integChallenges(t *testing.T, w *integWorld) {
	ctx := integCtx(t)
	// Organization selection: ada joins a second organization.
	_, err := w.um.CreateOrganizationMembership(ctx, workos.CreateOrganizationMembershipParams{UserID: w.ada.ID, OrganizationID: w.org2.ID})
	require.NoError(t, err)
	_, err = w.um.AuthenticateWithPassword(ctx, workos.AuthenticateWithPasswordParams{Email: w.ada.Email, Password: w.adaPass})
	var sel *workos.OrganizationSelectionRequiredError
	require.ErrorAs(t, err, &sel)
	assert.Equal(t, http.StatusForbidden, sel.StatusCode)
	assert.Equal(t, workos.ErrorCodeOrganizationSelectionRequired, sel.Code)
	require.NotNil(t, sel.User)
	assert.Equal(t, w.ada.ID, sel.User.ID)
	assert.ElementsMatch(t, []workos.OrganizationChoice{{ID: w.org.ID, Name: "Acme"}, {ID: w.org2.ID, Name: "Globex"}}, sel.Organizations)
	assert.NotContains(t, err.Error(), sel.PendingAuthenticationToken)

	picked, err := w.um.AuthenticateWithOrganizationSelection(ctx, workos.AuthenticateWithOrganizationSelectionParams{
		PendingAuthenticationToken: sel.PendingAuthenticationToken, OrganizationID: w.org2.ID,
	})
	require.NoError(t, err)
	assert.Equal(t, w.org2.ID, picked.OrganizationID)
	assert.Equal(t, w.ada.ID, picked.User.ID)
	_, err = w.um.AuthenticateWithOrganizationSelection(ctx, workos.AuthenticateWithOrganizationSelectionParams{
		PendingAuthenticationToken: sel.PendingAuthenticationToken, OrganizationID: w.org2.ID,
	})
	integAPIError(t, err, http.StatusBadRequest, workos.ErrorCodeInvalidPendingAuthenticationToken)

	// Switching organization on refresh.
	sw, err := w.um.AuthenticateWithRefreshToken(ctx, workos.AuthenticateWithRefreshTokenParams{RefreshToken: picked.RefreshToken, OrganizationID: w.org.ID})
	require.NoError(t, err)
	assert.Equal(t, w.org.ID, sw.OrganizationID)

	// Email verification required for an unverified user.
	w.srv.RequireEmailVerification(true)
	defer w.srv.RequireEmailVerification(false)
	linus := w.srv.CreateUser(workostest.NewUser{Email: "linus@example.com", Password: "penguins rule"})
	_, err = w.um.AuthenticateWithPassword(ctx, workos.AuthenticateWithPasswordParams{Email: linus.Email, Password: "penguins rule"})
	var evr *workos.EmailVerificationRequiredError
	require.ErrorAs(t, err, &evr)
	assert.Equal(t, http.StatusForbidden, evr.StatusCode)
	assert.Equal(t, linus.Email, evr.Email)
	require.NotEmpty(t, evr.PendingAuthenticationToken)
	ev, err := w.um.GetEmailVerification(ctx, evr.EmailVerificationID)
	require.NoError(t, err)
	mail := integMail(t, w.srv, linus.Email, workostest.EmailVerification)
	assert.Equal(t, mail.Code, ev.Code)
	assert.Equal(t, linus.ID, ev.UserID)

	done, err := w.um.AuthenticateWithEmailVerification(ctx, workos.AuthenticateWithEmailVerificationParams{
		Code: mail.Code, PendingAuthenticationToken: evr.PendingAuthenticationToken,
	})
	require.NoError(t, err)
	assert.Equal(t, linus.ID, done.User.ID)
	assert.True(t, done.User.EmailVerified)
	assert.Empty(t, done.OrganizationID, "linus has no organization")
}

func integTOTP(t *testing.T, w *integWorld) {
	ctx := integCtx(t)
	u := w.srv.CreateUser(workostest.NewUser{Email: "turing@example.com", Password: "enigma machine", EmailVerified: true})
	enr, err := w.um.EnrollAuthFactor(ctx, u.ID, workos.EnrollAuthFactorParams{TOTPIssuer: "Acme", TOTPUser: u.Email})
	require.NoError(t, err)
	f := enr.AuthenticationFactor
	assert.Equal(t, "authentication_factor", f.Object)
	assert.Equal(t, workos.AuthenticationFactorTypeTOTP, f.Type)
	assert.Equal(t, u.ID, f.UserID)
	require.NotNil(t, f.TOTP)
	assert.Equal(t, "Acme", f.TOTP.Issuer)
	assert.Equal(t, u.Email, f.TOTP.User)
	assert.NotEmpty(t, f.TOTP.Secret)
	assert.True(t, strings.HasPrefix(f.TOTP.URI, "otpauth://totp/"), f.TOTP.URI)
	assert.Equal(t, f.ID, enr.AuthenticationChallenge.AuthenticationFactorID)

	factors := integAll(t, w.um.ListAuthFactors(ctx, u.ID, workos.ListAuthFactorsParams{}))
	require.Len(t, factors, 1)
	assert.Equal(t, f.ID, factors[0].ID)
	require.NotNil(t, factors[0].TOTP)
	assert.Empty(t, factors[0].TOTP.Secret, "the secret is shown only at enrollment")

	_, err = w.um.AuthenticateWithPassword(ctx, workos.AuthenticateWithPasswordParams{Email: u.Email, Password: "enigma machine"})
	var mfa *workos.MFAChallengeError
	require.ErrorAs(t, err, &mfa)
	assert.Equal(t, workos.ErrorCodeMFAChallenge, mfa.Code)
	require.Len(t, mfa.AuthenticationFactors, 1)
	assert.Equal(t, f.ID, mfa.AuthenticationFactors[0].ID)

	code := w.srv.TOTPCode(f.ID)
	require.Len(t, code, 6)
	wrong := "000000"
	if code == wrong {
		wrong = "111111"
	}
	_, err = w.um.AuthenticateWithTOTP(ctx, workos.AuthenticateWithTOTPParams{
		Code: wrong, PendingAuthenticationToken: mfa.PendingAuthenticationToken, AuthenticationChallengeID: enr.AuthenticationChallenge.ID,
	})
	integAPIError(t, err, http.StatusBadRequest, workos.ErrorCodeInvalidOneTimeCode)
	resp, err := w.um.AuthenticateWithTOTP(ctx, workos.AuthenticateWithTOTPParams{
		Code: code, PendingAuthenticationToken: mfa.PendingAuthenticationToken, AuthenticationChallengeID: enr.AuthenticationChallenge.ID,
	})
	require.NoError(t, err)
	assert.Equal(t, u.ID, resp.User.ID)
	claims, err := integVerifier(t, w).Verify(ctx, resp.AccessToken)
	require.NoError(t, err)
	assert.Equal(t, u.ID, claims.Subject)
}

func integAuthorizationCode(t *testing.T, w *integWorld) {
	ctx := integCtx(t)
	const cb = "https://app.example/callback"
	// Public client: PKCE, no API key on the exchange.
	p, err := w.um.GetAuthorizationURLWithPKCE(workos.GetAuthorizationURLParams{
		RedirectURI: cb, Provider: workos.AuthorizationProviderAuthKit, LoginHint: w.grace.Email,
	})
	require.NoError(t, err)
	require.NotEmpty(t, p.State)
	status, loc := integFollow(t, w.srv, p.URL)
	require.Equal(t, http.StatusFound, status)
	require.True(t, strings.HasPrefix(loc, cb+"?"), loc)
	q := integQuery(t, loc)
	assert.Equal(t, p.State, q.Get("state"))
	code := q.Get("code")
	require.NotEmpty(t, code)

	_, err = w.um.AuthenticateWithCodePKCE(ctx, workos.AuthenticateWithCodePKCEParams{Code: code, CodeVerifier: workos.GenerateCodeVerifier()})
	assert.True(t, workos.IsInvalidGrant(err), "a verifier that does not match the challenge: %v", err)

	// A fresh code (the failed exchange may have spent nothing, but ask again
	// to be independent of that).
	status, loc = integFollow(t, w.srv, p.URL)
	require.Equal(t, http.StatusFound, status)
	code = integQuery(t, loc).Get("code")
	before := len(w.srv.Requests())
	resp, err := w.um.AuthenticateWithCodePKCE(ctx, workos.AuthenticateWithCodePKCEParams{Code: code, CodeVerifier: p.CodeVerifier})
	require.NoError(t, err)
	assert.Equal(t, w.grace.ID, resp.User.ID)
	assert.Empty(t, resp.OrganizationID, "grace left her only organization")
	reqs := w.srv.Requests()[before:]
	require.Len(t, reqs, 1)
	assert.False(t, reqs[0].Authorized, "the PKCE exchange sends no API key")
	_, err = w.um.AuthenticateWithCodePKCE(ctx, workos.AuthenticateWithCodePKCEParams{Code: code, CodeVerifier: p.CodeVerifier})
	assert.True(t, workos.IsInvalidGrant(err), "a code works once: %v", err)

	// Confidential client: no PKCE, the API key is the client secret.
	u, err := w.um.GetAuthorizationURL(workos.GetAuthorizationURLParams{
		RedirectURI: cb, Provider: workos.AuthorizationProviderGoogleOAuth, LoginHint: w.grace.Email, State: "st-42",
	})
	require.NoError(t, err)
	status, loc = integFollow(t, w.srv, u)
	require.Equal(t, http.StatusFound, status)
	q = integQuery(t, loc)
	assert.Equal(t, "st-42", q.Get("state"))
	resp, err = w.um.AuthenticateWithCode(ctx, workos.AuthenticateWithCodeParams{Code: q.Get("code")})
	require.NoError(t, err)
	assert.Equal(t, w.grace.ID, resp.User.ID)
	assert.Equal(t, workos.AuthenticationMethodGoogleOAuth, resp.AuthenticationMethod)
}

func integDeviceCode(t *testing.T, w *integWorld) {
	ctx := integCtx(t)
	// A CLI has no API key.
	cli := w.srv.Client(workos.WithAPIKey(""))
	da, err := cli.UserManagement.CreateDevice(ctx, workos.CreateDeviceParams{})
	require.NoError(t, err)
	assert.NotEmpty(t, da.DeviceCode)
	assert.Regexp(t, `^[A-Z]{4}-[A-Z]{4}$`, da.UserCode)
	assert.Equal(t, w.srv.URL()+"/device", da.VerificationURI)
	assert.Contains(t, da.VerificationURIComplete, da.UserCode)
	assert.Equal(t, 5*time.Minute, da.ExpiresAfter())
	assert.Equal(t, w.srv.LastUserCode(), da.UserCode)

	_, err = cli.UserManagement.AuthenticateWithDeviceCode(ctx, workos.AuthenticateWithDeviceCodeParams{DeviceCode: da.DeviceCode})
	integAPIError(t, err, http.StatusBadRequest, workos.ErrorCodeAuthorizationPending)

	waits := 0
	resp, err := cli.UserManagement.PollDeviceCode(ctx, workos.PollDeviceCodeParams{
		DeviceCode: da.DeviceCode, Interval: da.PollInterval(),
		Sleep: func(ctx context.Context, d time.Duration) error {
			waits++
			assert.Equal(t, da.PollInterval(), d)
			if waits == 2 { // the user approves while the CLI waits
				require.NoError(t, w.srv.ApproveDevice(da.UserCode, w.grace.ID))
			}
			return nil
		},
	})
	require.NoError(t, err)
	assert.Equal(t, 2, waits, "one pending poll, then the approved one")
	assert.Equal(t, w.grace.ID, resp.User.ID)

	_, err = cli.UserManagement.AuthenticateWithDeviceCode(ctx, workos.AuthenticateWithDeviceCodeParams{DeviceCode: da.DeviceCode})
	assert.True(t, workos.IsInvalidGrant(err), "a device code works once: %v", err)

	// AuthorizeDevice (the Ruby SDK's path, /oauth2/device_authorization)
	// starts the same flow; this one the user refuses.
	denied, err := cli.UserManagement.AuthorizeDevice(ctx, workos.AuthorizeDeviceParams{})
	require.NoError(t, err)
	assert.Equal(t, w.srv.LastUserCode(), denied.UserCode)
	assert.NotEqual(t, da.DeviceCode, denied.DeviceCode)
	require.NoError(t, w.srv.DenyDevice(denied.UserCode))
	_, err = cli.UserManagement.PollDeviceCode(ctx, workos.PollDeviceCodeParams{
		DeviceCode: denied.DeviceCode, Sleep: func(context.Context, time.Duration) error { return nil },
	})
	var dce *workos.DeviceCodeError
	require.ErrorAs(t, err, &dce)
	assert.ErrorIs(t, err, workos.ErrDeviceAccessDenied)
}

func integCreateAuthenticate(t *testing.T, w *integWorld) {
	ctx := integCtx(t)
	resp, err := w.um.CreateAuthenticate(ctx, workos.CreateAuthenticateParams{
		GrantType: workos.GrantTypePassword, Email: w.grace.Email, Password: "cobol forever",
	})
	require.NoError(t, err)
	assert.Equal(t, w.grace.ID, resp.User.ID)
	assert.Equal(t, workos.AuthenticationMethodPassword, resp.AuthenticationMethod)

	next, err := w.um.CreateAuthenticate(ctx, workos.CreateAuthenticateParams{GrantType: workos.GrantTypeRefreshToken, RefreshToken: resp.RefreshToken})
	require.NoError(t, err)
	assert.Equal(t, w.grace.ID, next.User.ID)

	before := len(w.srv.Requests())
	_, err = w.um.CreateAuthenticate(ctx, workos.CreateAuthenticateParams{GrantType: workos.GrantTypePassword, Email: w.grace.Email})
	assert.ErrorIs(t, err, workos.ErrInvalidParams, "a password grant without a password")
	assert.Len(t, w.srv.Requests(), before, "nothing was sent")
}

func integRadar(t *testing.T, w *integWorld) {
	ctx := integCtx(t)
	sms, err := w.um.SendRadarChallenge(ctx, workos.SendRadarChallengeParams{
		UserID: w.grace.ID, PendingAuthenticationToken: w.srv.PendingAuthenticationToken(w.grace.ID), PhoneNumber: "+15555550100",
	})
	require.NoError(t, err)
	assert.Equal(t, http.StatusCreated, sms.LastResponse.StatusCode)
	assert.True(t, strings.HasPrefix(sms.VerificationID, "radar_verification_"), sms.VerificationID)
	assert.Equal(t, "+15555550100", sms.PhoneNumber)

	id := w.srv.CreateRadarChallenge(w.grace.ID)
	require.NotEmpty(t, id)
	ch, err := w.um.GetRadarChallenge(ctx, id)
	require.NoError(t, err)
	assert.Equal(t, "radar_challenge", ch.Object)
	assert.Equal(t, id, ch.ID)
	assert.Equal(t, "email", ch.Type)
	assert.Equal(t, w.grace.ID, ch.UserID)
	assert.Equal(t, w.grace.Email, ch.Email)
	assert.Regexp(t, `^\d{6}$`, ch.Code)
	_, err = w.um.GetRadarChallenge(ctx, "radar_challenge_01NOPE")
	assert.ErrorIs(t, err, workos.ErrNotFound)

	// The fake never raises a Radar challenge on sign-in, so it has no
	// pending token to finish: both grants reach it and are refused with
	// the API's error for an unknown pending token.
	_, err = w.um.AuthenticateWithRadarEmailChallenge(ctx, workos.AuthenticateWithRadarEmailChallengeParams{
		Code: ch.Code, RadarChallengeID: id, PendingAuthenticationToken: "pending_from_radar",
	})
	integAPIError(t, err, http.StatusBadRequest, workos.ErrorCodeInvalidPendingAuthenticationToken)
	_, err = w.um.AuthenticateWithRadarSMSChallenge(ctx, workos.AuthenticateWithRadarSMSChallengeParams{
		Code: "123456", PendingAuthenticationToken: "pending_from_radar", VerificationID: sms.VerificationID, PhoneNumber: sms.PhoneNumber,
	})
	integAPIError(t, err, http.StatusBadRequest, workos.ErrorCodeInvalidPendingAuthenticationToken)
}

func integEnvironment(t *testing.T, w *integWorld) {
	ctx := integCtx(t)
	origin, err := w.um.CreateCORSOrigin(ctx, workos.CreateCORSOriginParams{Origin: "https://app.example.com"})
	require.NoError(t, err)
	assert.Equal(t, "cors_origin", origin.Object)
	assert.Equal(t, "https://app.example.com", origin.Origin)
	_, err = w.um.CreateCORSOrigin(ctx, workos.CreateCORSOriginParams{Origin: "https://app.example.com"})
	integAPIError(t, err, http.StatusConflict, "duplicate_cors_origin")
	_, err = w.um.CreateCORSOrigin(ctx, workos.CreateCORSOriginParams{Origin: "https://admin.example.com"})
	require.NoError(t, err)
	origins := integAll(t, w.um.ListCORSOrigins(ctx, workos.ListCORSOriginsParams{ListParams: workos.ListParams{Order: workos.OrderAsc}}))
	require.Len(t, origins, 2)
	assert.Equal(t, origin.ID, origins[0].ID)
	assert.Equal(t, "https://admin.example.com", origins[1].Origin)

	first, err := w.um.CreateRedirectURI(ctx, workos.CreateRedirectURIParams{URI: "https://app.example.com/callback"})
	require.NoError(t, err)
	assert.Equal(t, "redirect_uri", first.Object)
	assert.True(t, first.Default, "the first redirect URI is the default")
	second, err := w.um.CreateRedirectURI(ctx, workos.CreateRedirectURIParams{URI: "https://staging.example.com/callback"})
	require.NoError(t, err)
	assert.False(t, second.Default)
	uris := integAll(t, w.um.ListRedirectURIs(ctx, workos.ListRedirectURIsParams{}))
	require.Len(t, uris, 2)
	assert.Equal(t, []string{second.ID, first.ID}, []string{uris[0].ID, uris[1].ID}, "newest first")
	del, err := w.um.DeleteRedirectURI(ctx, second.ID)
	require.NoError(t, err)
	assert.Equal(t, http.StatusNoContent, del.StatusCode)
	uris = integAll(t, w.um.ListRedirectURIs(ctx, workos.ListRedirectURIsParams{}))
	require.Len(t, uris, 1)
	assert.Equal(t, first.URI, uris[0].URI)
	_, err = w.um.DeleteRedirectURI(ctx, second.ID)
	assert.ErrorIs(t, err, workos.ErrNotFound)

	tmpl, err := w.um.GetJWTTemplate(ctx)
	require.NoError(t, err)
	assert.Equal(t, "jwt_template", tmpl.Object)
	assert.Equal(t, "{}", tmpl.Content)
	content := `{"urn:acme:tier": "{{ organization.metadata.tier }}"}`
	up, err := w.um.UpdateJWTTemplate(ctx, workos.UpdateJWTTemplateParams{Content: content})
	require.NoError(t, err)
	assert.Equal(t, content, up.Content)
	tmpl, err = w.um.GetJWTTemplate(ctx)
	require.NoError(t, err)
	assert.Equal(t, content, tmpl.Content)
	assert.True(t, tmpl.UpdatedAt.Time.Equal(up.UpdatedAt.Time))
}

func integUserExtras(t *testing.T, w *integWorld) {
	ctx := integCtx(t)
	ids, err := w.um.GetUserIdentities(ctx, w.ada.ID)
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, ids.LastResponse.StatusCode)
	assert.Empty(t, ids.Data, "the fake links no OAuth identities")
	_, err = w.um.GetUserIdentities(ctx, "user_01NOPE")
	assert.ErrorIs(t, err, workos.ErrNotFound)

	key, err := w.um.CreateUserAPIKey(ctx, w.ada.ID, workos.CreateUserAPIKeyParams{
		Name: "ci", OrganizationID: w.org.ID, Permissions: []string{"posts:read"},
	})
	require.NoError(t, err)
	assert.Equal(t, "api_key", key.Object)
	assert.Equal(t, "ci", key.Name)
	assert.Equal(t, workos.UserAPIKeyOwner{Type: "user", ID: w.ada.ID, OrganizationID: w.org.ID}, key.Owner)
	assert.Equal(t, []string{"posts:read"}, key.Permissions)
	require.True(t, strings.HasPrefix(key.Value, "sk_"), "the secret comes back once")
	assert.NotContains(t, key.String(), key.Value)
	keys := integAll(t, w.um.ListUserAPIKeys(ctx, w.ada.ID, workos.ListUserAPIKeysParams{OrganizationID: w.org.ID}))
	require.Len(t, keys, 1)
	assert.Equal(t, key.ID, keys[0].ID)
	assert.True(t, strings.HasSuffix(keys[0].ObfuscatedValue, key.Value[len(key.Value)-4:]), keys[0].ObfuscatedValue)
	assert.Empty(t, integAll(t, w.um.ListUserAPIKeys(ctx, w.ada.ID, workos.ListUserAPIKeysParams{OrganizationID: w.org2.ID})))

	flags := integAll(t, w.um.ListUserFeatureFlags(ctx, w.ada.ID, workos.ListUserFeatureFlagsParams{}))
	assert.Empty(t, flags)
	_, err = w.um.ListUserFeatureFlags(ctx, "user_01NOPE", workos.ListUserFeatureFlagsParams{}).Page()
	assert.ErrorIs(t, err, workos.ErrNotFound)

	appID := w.srv.AddAuthorizedApplication(w.ada.ID, "CLI", "openid", "profile")
	apps := integAll(t, w.um.ListUserAuthorizedApplications(ctx, w.ada.ID, workos.ListUserAuthorizedApplicationsParams{}))
	require.Len(t, apps, 1)
	assert.Equal(t, "authorized_connect_application", apps[0].Object)
	assert.Equal(t, []string{"openid", "profile"}, apps[0].GrantedScopes)
	assert.Equal(t, "CLI", apps[0].Application.Name)
	r, err := w.um.DeleteUserAuthorizedApplication(ctx, w.ada.ID, appID)
	require.NoError(t, err)
	assert.Equal(t, http.StatusNoContent, r.StatusCode)
	assert.Empty(t, integAll(t, w.um.ListUserAuthorizedApplications(ctx, w.ada.ID, workos.ListUserAuthorizedApplicationsParams{})))
	_, err = w.um.DeleteUserAuthorizedApplication(ctx, w.ada.ID, appID)
	assert.ErrorIs(t, err, workos.ErrNotFound)

	ca, err := w.um.CreateConnectedAccount(ctx, w.ada.ID, "github", workos.CreateConnectedAccountParams{
		OrganizationID: w.org.ID, AccessToken: "gho_secret", Scopes: []string{"repo", "read:user"},
	})
	require.NoError(t, err)
	assert.Equal(t, "connected_account", ca.Object)
	assert.Equal(t, workos.String(w.ada.ID), ca.UserID)
	assert.Equal(t, workos.String(w.org.ID), ca.OrganizationID)
	assert.Equal(t, []string{"repo", "read:user"}, ca.Scopes)
	assert.Equal(t, workos.ConnectedAccountStateConnected, ca.State)
	got, err := w.um.GetConnectedAccount(ctx, w.ada.ID, "github", workos.GetConnectedAccountParams{OrganizationID: w.org.ID})
	require.NoError(t, err)
	assert.Equal(t, ca.ID, got.ID)
	_, err = w.um.GetConnectedAccount(ctx, w.ada.ID, "github", workos.GetConnectedAccountParams{})
	assert.ErrorIs(t, err, workos.ErrNotFound, "the account is scoped to the organization")
	st := workos.ConnectedAccountStateNeedsReauthorization
	upd, err := w.um.UpdateConnectedAccount(ctx, w.ada.ID, "github", workos.UpdateConnectedAccountParams{OrganizationID: w.org.ID, State: st})
	require.NoError(t, err)
	assert.Equal(t, st, upd.State)
	assert.Equal(t, ca.Scopes, upd.Scopes, "fields not sent stay")
	gone, err := w.um.DeleteConnectedAccount(ctx, w.ada.ID, "github", workos.DeleteConnectedAccountParams{OrganizationID: w.org.ID})
	require.NoError(t, err)
	assert.Equal(t, http.StatusNoContent, gone.StatusCode)
	_, err = w.um.GetConnectedAccount(ctx, w.ada.ID, "github", workos.GetConnectedAccountParams{OrganizationID: w.org.ID})
	assert.ErrorIs(t, err, workos.ErrNotFound)

	dp, err := w.um.ListDataProviders(ctx, w.ada.ID, workos.ListDataProvidersParams{})
	require.NoError(t, err)
	assert.Equal(t, "list", dp.Object)
	assert.Empty(t, dp.Data)
}

func integRetries(t *testing.T, w *integWorld) {
	ctx := integCtx(t)
	path := "/user_management/users/" + w.ada.ID
	count := func() int { return w.srv.CountRequests(http.MethodGet, path) }

	// Two 503s, then success: three attempts in all.
	n := count()
	w.srv.FailNext(http.MethodGet, path, 2, http.StatusServiceUnavailable, 0)
	got, err := w.um.GetUser(ctx, w.ada.ID)
	require.NoError(t, err)
	assert.Equal(t, w.ada.ID, got.ID)
	assert.Equal(t, n+3, count())

	// A 429 with Retry-After: the client waits as told, then succeeds.
	n = count()
	w.srv.FailNext(http.MethodGet, path, 1, http.StatusTooManyRequests, time.Second)
	start := time.Now()
	_, err = w.um.GetUser(ctx, w.ada.ID)
	require.NoError(t, err)
	assert.GreaterOrEqual(t, time.Since(start), time.Second, "Retry-After was honoured")
	assert.Equal(t, n+2, count())

	// Failures beyond the retry budget (2 retries) come back typed.
	n = count()
	w.srv.FailNext(http.MethodGet, path, 3, http.StatusBadGateway, 0)
	_, err = w.um.GetUser(ctx, w.ada.ID)
	integAPIError(t, err, http.StatusBadGateway, "")
	assert.ErrorIs(t, err, workos.ErrServer)
	assert.Equal(t, n+3, count())

	// A 400 is not retried.
	n = count()
	w.srv.FailNext(http.MethodGet, path, 1, http.StatusBadRequest, 0)
	_, err = w.um.GetUser(ctx, w.ada.ID)
	assert.ErrorIs(t, err, workos.ErrBadRequest)
	assert.Equal(t, n+1, count())

	// A POST whose reply was lost is retried with the same Idempotency-Key
	// and done once.
	w.srv.InjectFault(workostest.Fault{Method: http.MethodPost, Path: "/user_management/users", Status: http.StatusServiceUnavailable, AfterHandling: true})
	created, err := w.um.CreateUser(ctx, workos.CreateUserParams{Email: "idem@example.com"})
	require.NoError(t, err)
	same := integAll(t, w.um.ListUsers(ctx, workos.ListUsersParams{Email: "idem@example.com"}))
	require.Len(t, same, 1, "the user was created once")
	assert.Equal(t, created.ID, same[0].ID)
}

func integLogoutAndDelete(t *testing.T, w *integWorld) {
	ctx := integCtx(t)
	resp, err := w.um.AuthenticateWithPassword(ctx, workos.AuthenticateWithPasswordParams{Email: w.grace.Email, Password: "cobol forever"})
	require.NoError(t, err)
	claims, err := integVerifier(t, w).Verify(ctx, resp.AccessToken)
	require.NoError(t, err)

	u, err := w.um.GetLogoutURL(claims.SessionID, "https://app.example/bye")
	require.NoError(t, err)
	status, loc := integFollow(t, w.srv, u)
	assert.Equal(t, http.StatusFound, status)
	assert.Equal(t, "https://app.example/bye", loc)
	var ended bool
	for _, s := range w.srv.Sessions(w.grace.ID) {
		if s.ID == claims.SessionID {
			ended = !s.Active
		}
	}
	assert.True(t, ended, "logout ended the session")
	_, err = w.um.AuthenticateWithRefreshToken(ctx, workos.AuthenticateWithRefreshTokenParams{RefreshToken: resp.RefreshToken})
	assert.True(t, workos.IsInvalidGrant(err), "a logged-out session cannot be refreshed: %v", err)

	// Deleting a user ends their sessions too.
	live, err := w.um.AuthenticateWithPassword(ctx, workos.AuthenticateWithPasswordParams{Email: w.grace.Email, Password: "cobol forever"})
	require.NoError(t, err)
	r, err := w.um.DeleteUser(ctx, w.grace.ID)
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, r.StatusCode)
	_, err = w.um.GetUser(ctx, w.grace.ID)
	assert.ErrorIs(t, err, workos.ErrNotFound)
	_, err = w.um.AuthenticateWithRefreshToken(ctx, workos.AuthenticateWithRefreshTokenParams{RefreshToken: live.RefreshToken})
	assert.True(t, workos.IsInvalidGrant(err), "a deleted user's session cannot be refreshed: %v", err)
	var apiErr *workos.APIError
	assert.True(t, errors.As(err, &apiErr))
}
