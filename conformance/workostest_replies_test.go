// Issue 6: every reply of the workostest fake server must validate against
// the spec. This drives the SDK through a whole tenant's life against the
// fake, with every exchange checked by specCheckingTransport.

package conformance

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"sort"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kestrel-dev/workos"
	"github.com/kestrel-dev/workos/workostest"
)

// fakeRunners drive the fake through the operations of one area each, with
// every exchange checked. Each area's cases file appends its own in init.
var fakeRunners []func(t *testing.T, ctx context.Context, c *workos.Client, srv *workostest.Server)

func TestWorkostestRepliesConformToTheSpec(t *testing.T) {
	spec := loadSpec(t)
	srv := workostest.NewServer(t)
	hc, tr := checkedHTTPClient(t, srv.HTTPClient().Transport)
	hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	c := srv.Client(workos.WithHTTPClient(hc))
	um := c.UserManagement
	ctx := context.Background()
	org := srv.CreateOrganization("Acme")

	// Users.
	u, err := um.CreateUser(ctx, workos.CreateUserParams{Email: "ada@example.com", Password: workos.PlainPassword("correct horse battery"),
		FirstName: workos.String("Ada"), LastName: workos.String("Lovelace"), ExternalID: "ext-ada",
		Metadata: map[string]string{"plan": "pro", "legacy": "yes"}})
	require.NoError(t, err)
	_, err = um.GetUser(ctx, u.ID)
	assert.NoError(t, err)
	_, err = um.GetUserByExternalID(ctx, "ext-ada")
	assert.NoError(t, err)
	_, err = um.UpdateUser(ctx, u.ID, workos.UpdateUserParams{FirstName: workos.String("Augusta"),
		Metadata: map[string]workos.Nullable[string]{"legacy": workos.Null[string]()}, Locale: workos.Value(workos.LocaleEnglishGB)})
	assert.NoError(t, err)
	_, err = um.ListUsers(ctx, workos.ListUsersParams{Email: "ada@example.com", ListParams: workos.ListParams{Limit: 5, Order: workos.OrderAsc}}).Page()
	assert.NoError(t, err)
	_, err = um.GetUser(ctx, "user_01NOSUCHUSER0000000000000")
	assert.ErrorIs(t, err, workos.ErrNotFound)
	// A taken email: the spec declares no 409 here (issue 6 says 409); the
	// API answers 400 user_creation_error with errors[].code
	// email_not_available, and so does the fake.
	_, err = um.CreateUser(ctx, workos.CreateUserParams{Email: "ada@example.com"})
	var dupErr *workos.APIError
	if assert.ErrorAs(t, err, &dupErr) {
		assert.Equal(t, http.StatusBadRequest, dupErr.StatusCode)
		assert.Equal(t, workos.ErrorCode("user_creation_error"), dupErr.Code)
	}

	// Email verification, email change, password reset, magic auth.
	_, err = um.SendVerificationEmail(ctx, u.ID)
	assert.NoError(t, err)
	if mail, ok := srv.LastEmail("ada@example.com"); assert.True(t, ok) {
		_, err = um.GetEmailVerification(ctx, mail.ObjectID)
		assert.NoError(t, err)
		_, err = um.VerifyEmail(ctx, u.ID, workos.VerifyEmailParams{Code: mail.Code})
		assert.NoError(t, err)
	}
	_, err = um.ResetPassword(ctx, workos.ResetPasswordParams{Email: "ada@example.com"})
	assert.NoError(t, err)
	if mail, ok := srv.LastEmail("ada@example.com"); assert.True(t, ok) {
		_, err = um.GetPasswordReset(ctx, mail.ObjectID)
		assert.NoError(t, err)
		_, err = um.ConfirmPasswordReset(ctx, workos.ConfirmPasswordResetParams{Token: mail.Token, NewPassword: "another horse battery"})
		assert.NoError(t, err)
	}
	ma, err := um.CreateMagicAuth(ctx, workos.CreateMagicAuthParams{Email: "ada@example.com"})
	if assert.NoError(t, err) {
		_, err = um.GetMagicAuth(ctx, ma.ID)
		assert.NoError(t, err)
		if mail, ok := srv.LastEmail("ada@example.com"); assert.True(t, ok) {
			_, err = um.AuthenticateWithMagicAuth(ctx, workos.AuthenticateWithMagicAuthParams{Code: mail.Code, Email: "ada@example.com"})
			assert.NoError(t, err)
		}
	}

	// Memberships.
	m, err := um.CreateOrganizationMembership(ctx, workos.CreateOrganizationMembershipParams{UserID: u.ID, OrganizationID: org.ID, Role: workos.RoleSlug("admin")})
	require.NoError(t, err)
	_, err = um.GetOrganizationMembership(ctx, m.ID)
	assert.NoError(t, err)
	srv.SetRolePermissions("billing", "invoices:read")
	_, err = um.UpdateOrganizationMembership(ctx, m.ID, workos.UpdateOrganizationMembershipParams{Role: workos.RoleSlugs{"admin", "billing"}})
	assert.NoError(t, err)
	_, err = um.ListOrganizationMemberships(ctx, workos.ListOrganizationMembershipsParams{UserID: u.ID,
		Statuses: []workos.OrganizationMembershipStatus{workos.OrganizationMembershipStatusActive}}).Page()
	assert.NoError(t, err)
	_, err = um.ListOrganizationMembershipGroups(ctx, m.ID, workos.ListOrganizationMembershipGroupsParams{}).Page()
	assert.NoError(t, err)
	_, err = um.DeactivateOrganizationMembership(ctx, m.ID)
	assert.NoError(t, err)
	_, err = um.ReactivateOrganizationMembership(ctx, m.ID)
	assert.NoError(t, err)

	// Invitations.
	inv, err := um.SendInvitation(ctx, workos.SendInvitationParams{Email: "grace@example.com", OrganizationID: org.ID, RoleSlug: "member"})
	if assert.NoError(t, err) {
		_, err = um.GetInvitation(ctx, inv.ID)
		assert.NoError(t, err)
		_, err = um.FindInvitationByToken(ctx, inv.Token)
		assert.NoError(t, err)
		_, err = um.ListInvitations(ctx, workos.ListInvitationsParams{OrganizationID: org.ID}).Page()
		assert.NoError(t, err)
		_, err = um.ResendInvitation(ctx, inv.ID, workos.ResendInvitationParams{})
		assert.NoError(t, err)
		_, err = um.RevokeInvitation(ctx, inv.ID)
		assert.NoError(t, err)
	}
	srv.CreateUser(workostest.NewUser{Email: "hopper@example.com", EmailVerified: true})
	inv2, err := um.SendInvitation(ctx, workos.SendInvitationParams{Email: "hopper@example.com", OrganizationID: org.ID})
	if assert.NoError(t, err) {
		_, err = um.AcceptInvitation(ctx, inv2.ID)
		assert.NoError(t, err)
	}

	// Sign-in, sessions, tokens.
	auth, err := um.AuthenticateWithPassword(ctx, workos.AuthenticateWithPasswordParams{Email: "ada@example.com", Password: "another horse battery"})
	if assert.NoError(t, err) {
		_, err = um.AuthenticateWithRefreshToken(ctx, workos.AuthenticateWithRefreshTokenParams{RefreshToken: auth.RefreshToken, OrganizationID: org.ID})
		assert.NoError(t, err)
	}
	_, err = um.AuthenticateWithRefreshToken(ctx, workos.AuthenticateWithRefreshTokenParams{RefreshToken: "not-a-refresh-token"})
	var grantErr *workos.APIError
	if assert.ErrorAs(t, err, &grantErr, "an unknown refresh token is refused") {
		assert.Equal(t, http.StatusBadRequest, grantErr.StatusCode)
		assert.Equal(t, "invalid_grant", grantErr.OAuthError)
	}
	sessions, err := um.ListSessions(ctx, u.ID, workos.ListSessionsParams{}).Page()
	if assert.NoError(t, err) && assert.NotEmpty(t, sessions.Data) {
		_, err = um.RevokeSession(ctx, workos.RevokeSessionParams{SessionID: sessions.Data[0].ID})
		assert.NoError(t, err)
	}
	_, err = um.GetJWKS(ctx, srv.ClientID())
	assert.NoError(t, err)

	// Device flow.
	dev, err := um.CreateDevice(ctx, workos.CreateDeviceParams{})
	if assert.NoError(t, err) {
		require.NoError(t, srv.ApproveDevice(dev.UserCode, u.ID))
		_, err = um.AuthenticateWithDeviceCode(ctx, workos.AuthenticateWithDeviceCodeParams{DeviceCode: dev.DeviceCode})
		assert.NoError(t, err)
	}

	// Browser redirects: the authorization URL (with PKCE) and logout.
	srv.SetAuthorizeUser(u.ID)
	pk, err := um.GetAuthorizationURLWithPKCE(workos.GetAuthorizationURLParams{RedirectURI: "https://app.example.com/callback", Provider: workos.AuthorizationProviderAuthKit})
	require.NoError(t, err)
	resp, err := hc.Get(pk.URL)
	require.NoError(t, err)
	_ = resp.Body.Close()
	if loc, err := url.Parse(resp.Header.Get("Location")); assert.NoError(t, err) && assert.NotEmpty(t, loc.Query().Get("code")) {
		_, err = um.AuthenticateWithCodePKCE(ctx, workos.AuthenticateWithCodePKCEParams{Code: loc.Query().Get("code"), CodeVerifier: pk.CodeVerifier})
		assert.NoError(t, err)
	}
	tokens := srv.SignIn(u.ID, org.ID)
	logout, err := um.GetLogoutURL(tokens.SessionID, "https://app.example.com/")
	require.NoError(t, err)
	resp, err = hc.Get(logout)
	require.NoError(t, err)
	_ = resp.Body.Close()

	// Environment configuration.
	_, err = um.GetJWTTemplate(ctx)
	assert.NoError(t, err)
	_, err = um.UpdateJWTTemplate(ctx, workos.UpdateJWTTemplateParams{Content: `{"tier": {{ user.metadata.plan }}}`})
	assert.NoError(t, err)
	_, err = um.CreateCORSOrigin(ctx, workos.CreateCORSOriginParams{Origin: "https://app.example.com"})
	assert.NoError(t, err)
	_, err = um.ListCORSOrigins(ctx, workos.ListCORSOriginsParams{}).Page()
	assert.NoError(t, err)
	ru, err := um.CreateRedirectURI(ctx, workos.CreateRedirectURIParams{URI: "https://app.example.com/callback"})
	if assert.NoError(t, err) {
		_, err = um.ListRedirectURIs(ctx, workos.ListRedirectURIsParams{}).Page()
		assert.NoError(t, err)
		_, err = um.DeleteRedirectURI(ctx, ru.ID)
		assert.NoError(t, err)
	}

	// Factors, keys, flags, applications, connected accounts, Radar.
	_, err = um.EnrollAuthFactor(ctx, u.ID, workos.EnrollAuthFactorParams{TOTPIssuer: "Acme"})
	assert.NoError(t, err)
	_, err = um.ListAuthFactors(ctx, u.ID, workos.ListAuthFactorsParams{}).Page()
	assert.NoError(t, err)
	_, err = um.CreateUserAPIKey(ctx, u.ID, workos.CreateUserAPIKeyParams{Name: "ci", OrganizationID: org.ID})
	assert.NoError(t, err)
	_, err = um.ListUserAPIKeys(ctx, u.ID, workos.ListUserAPIKeysParams{}).Page()
	assert.NoError(t, err)
	_, err = um.ListUserFeatureFlags(ctx, u.ID, workos.ListUserFeatureFlagsParams{}).Page()
	assert.NoError(t, err)
	appID := srv.AddAuthorizedApplication(u.ID, "CLI", "openid", "profile")
	apps, err := um.ListUserAuthorizedApplications(ctx, u.ID, workos.ListUserAuthorizedApplicationsParams{}).Page()
	if assert.NoError(t, err) && assert.Len(t, apps.Data, 1) {
		assert.Equal(t, appID, apps.Data[0].Application.ID)
	}
	_, err = um.DeleteUserAuthorizedApplication(ctx, u.ID, appID)
	assert.NoError(t, err)
	_, err = um.DeleteUserAuthorizedApplication(ctx, u.ID, appID)
	assert.ErrorIs(t, err, workos.ErrNotFound, "deleting twice answers 404")
	_, err = um.GetUserIdentities(ctx, u.ID)
	assert.NoError(t, err)
	_, err = um.CreateConnectedAccount(ctx, u.ID, "github", workos.CreateConnectedAccountParams{AccessToken: "gho_abc", Scopes: []string{"repo"}})
	assert.NoError(t, err)
	_, err = um.GetConnectedAccount(ctx, u.ID, "github", workos.GetConnectedAccountParams{})
	assert.NoError(t, err)
	_, err = um.UpdateConnectedAccount(ctx, u.ID, "github", workos.UpdateConnectedAccountParams{Scopes: []string{"repo", "user"}})
	assert.NoError(t, err)
	_, err = um.ListDataProviders(ctx, u.ID, workos.ListDataProvidersParams{})
	assert.NoError(t, err)
	_, err = um.DeleteConnectedAccount(ctx, u.ID, "github", workos.DeleteConnectedAccountParams{})
	assert.NoError(t, err)
	// The fake raises no Radar challenge by itself; the test API hands out
	// the pending token such a sign-in would carry. (An unknown token
	// answers 400, a status the spec leaves undeclared for this operation,
	// so that case is tested in workostest, not here.)
	_, err = um.SendRadarChallenge(ctx, workos.SendRadarChallengeParams{UserID: u.ID,
		PendingAuthenticationToken: srv.PendingAuthenticationToken(u.ID), PhoneNumber: "+15005550006"})
	assert.NoError(t, err)
	if id := srv.CreateRadarChallenge(u.ID); assert.NotEmpty(t, id) {
		_, err = um.GetRadarChallenge(ctx, id)
		assert.NoError(t, err)
	}

	// Email change last: it changes the address the inbox is read from.
	_, err = um.SendEmailChange(ctx, u.ID, workos.SendEmailChangeParams{NewEmail: "ada.l@example.com"})
	if assert.NoError(t, err) {
		if mail, ok := srv.LastEmail("ada.l@example.com"); assert.True(t, ok) {
			_, err = um.ConfirmEmailChange(ctx, u.ID, workos.ConfirmEmailChangeParams{Code: mail.Code})
			assert.NoError(t, err)
		}
	}

	// Deletions.
	_, err = um.DeleteOrganizationMembership(ctx, m.ID)
	assert.NoError(t, err)
	_, err = um.DeleteUser(ctx, u.ID)
	assert.NoError(t, err)
	var apiErr *workos.APIError
	_, err = um.DeleteUser(ctx, u.ID)
	assert.True(t, errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusNotFound, "deleting twice answers 404: %v", err)

	// Areas beyond User Management drive their own operations.
	for _, run := range fakeRunners {
		run(t, ctx, c, srv)
	}

	seen := tr.Seen()
	var unseen []string
	for _, op := range spec.ops {
		if seen[op] == 0 {
			unseen = append(unseen, op.String())
		}
	}
	sort.Strings(unseen)
	t.Logf("workostest: %d/%d in-scope operations exchanged and checked", len(spec.ops)-len(unseen), len(spec.ops))
	assert.Empty(t, unseen, "every in-scope operation is exchanged with the fake and checked")
}
