// Rows for every SDK method beyond the handful in conformance_test.go, one
// per call shape. TestRequestConformance fails unless, together, the rows
// cover all in-scope operations (the area files, such as
// cases_events_test.go, add theirs).

package conformance

import (
	"context"
	"time"

	"github.com/kestrel-dev/workos"
)

func init() {
	conformanceCases = append(conformanceCases, moreCases...)
}

// More realistic inputs, shaped like the spec's examples.
const (
	testMembershipID = "om_01E4ZCR3C56J083X43JQXF3JK5"
	testInvitationID = "invitation_01E4ZCR3C56J083X43JQXF3JK5"
	testPendingToken = "cTDQJTTkTkkVYxQUlKBIxEsFs"
	testSessionID    = "session_01H93ZY4F80QPBEZ1R5B2SHQG8"
)

var moreCases = []conformanceCase{
	// Users.
	{"CreateUser", "POST /user_management/users", func(ctx context.Context, c *workos.Client) (any, error) {
		return c.UserManagement.CreateUser(ctx, workos.CreateUserParams{Email: testEmail, Password: workos.PlainPassword("i8uv6g34kd490s"),
			FirstName: workos.String("Marcelina"), LastName: workos.String("Davis"), EmailVerified: workos.Bool(false),
			Metadata: map[string]string{"timezone": "America/New_York"}, ExternalID: "f1ffa2b2-c20b-4d39-be5c-212726e11222"})
	}},
	{"CreateUser/PasswordHash", "POST /user_management/users", func(ctx context.Context, c *workos.Client) (any, error) {
		return c.UserManagement.CreateUser(ctx, workos.CreateUserParams{Email: testEmail,
			Password: workos.PasswordHash{Hash: "$2b$10$abcdefghijklmnopqrstuv", Type: workos.PasswordHashTypeBcrypt}})
	}},
	{"GetUserByExternalID", "GET /user_management/users/external_id/{external_id}", func(ctx context.Context, c *workos.Client) (any, error) {
		return c.UserManagement.GetUserByExternalID(ctx, "f1ffa2b2-c20b-4d39-be5c-212726e11222")
	}},
	{"UpdateUser", "PUT /user_management/users/{id}", func(ctx context.Context, c *workos.Client) (any, error) {
		return c.UserManagement.UpdateUser(ctx, testUserID, workos.UpdateUserParams{FirstName: workos.String("Marcelina"),
			Metadata:   map[string]workos.Nullable[string]{"timezone": workos.Value("Europe/Paris"), "legacy": workos.Null[string]()},
			ExternalID: workos.Null[string](), Locale: workos.Value(workos.LocaleEnglishUS)})
	}},
	{"UpdateUser/PasswordHash", "PUT /user_management/users/{id}", func(ctx context.Context, c *workos.Client) (any, error) {
		return c.UserManagement.UpdateUser(ctx, testUserID, workos.UpdateUserParams{
			Password: workos.PasswordHash{Hash: "c2FsdGVkaGFzaA==", Type: workos.PasswordHashTypeSSHA256, SaltPosition: workos.PasswordSaltPositionSuffix}})
	}},

	// Email verification and email change.
	{"GetEmailVerification", "GET /user_management/email_verification/{id}", func(ctx context.Context, c *workos.Client) (any, error) {
		return c.UserManagement.GetEmailVerification(ctx, "email_verification_01HYGGEB6FYMWQNWF3XDZG7VV3")
	}},
	{"SendVerificationEmail", "POST /user_management/users/{id}/email_verification/send", func(ctx context.Context, c *workos.Client) (any, error) {
		return c.UserManagement.SendVerificationEmail(ctx, testUserID)
	}},
	{"VerifyEmail", "POST /user_management/users/{id}/email_verification/confirm", func(ctx context.Context, c *workos.Client) (any, error) {
		return c.UserManagement.VerifyEmail(ctx, testUserID, workos.VerifyEmailParams{Code: "123456"})
	}},
	{"SendEmailChange", "POST /user_management/users/{id}/email_change/send", func(ctx context.Context, c *workos.Client) (any, error) {
		return c.UserManagement.SendEmailChange(ctx, testUserID, workos.SendEmailChangeParams{NewEmail: "marcelina.new@example.com"})
	}},
	{"ConfirmEmailChange", "POST /user_management/users/{id}/email_change/confirm", func(ctx context.Context, c *workos.Client) (any, error) {
		return c.UserManagement.ConfirmEmailChange(ctx, testUserID, workos.ConfirmEmailChangeParams{Code: "123456"})
	}},

	// Password reset and magic auth.
	{"ResetPassword", "POST /user_management/password_reset", func(ctx context.Context, c *workos.Client) (any, error) {
		return c.UserManagement.ResetPassword(ctx, workos.ResetPasswordParams{Email: testEmail})
	}},
	{"GetPasswordReset", "GET /user_management/password_reset/{id}", func(ctx context.Context, c *workos.Client) (any, error) {
		return c.UserManagement.GetPasswordReset(ctx, "password_reset_01HYGDNK5G7FZ4YJFXYXPB5JRW")
	}},
	{"ConfirmPasswordReset", "POST /user_management/password_reset/confirm", func(ctx context.Context, c *workos.Client) (any, error) {
		return c.UserManagement.ConfirmPasswordReset(ctx, workos.ConfirmPasswordResetParams{Token: "Z1uX3RbwcIl5fIGJJJCXXisdI", NewPassword: "i8uv6g34kd490s"})
	}},
	{"CreateMagicAuth", "POST /user_management/magic_auth", func(ctx context.Context, c *workos.Client) (any, error) {
		return c.UserManagement.CreateMagicAuth(ctx, workos.CreateMagicAuthParams{Email: testEmail, IPAddress: "192.0.2.1", UserAgent: "Mozilla/5.0"})
	}},
	{"GetMagicAuth", "GET /user_management/magic_auth/{id}", func(ctx context.Context, c *workos.Client) (any, error) {
		return c.UserManagement.GetMagicAuth(ctx, "magic_auth_01HWZBQAY251RZ9BKB4RZW4D4A")
	}},

	// Invitations.
	{"ListInvitations", "GET /user_management/invitations", func(ctx context.Context, c *workos.Client) (any, error) {
		return c.UserManagement.ListInvitations(ctx, workos.ListInvitationsParams{OrganizationID: testOrgID, Email: testEmail, ListParams: workos.ListParams{Limit: 5}}).Page()
	}},
	{"SendInvitation", "POST /user_management/invitations", func(ctx context.Context, c *workos.Client) (any, error) {
		return c.UserManagement.SendInvitation(ctx, workos.SendInvitationParams{Email: testEmail, OrganizationID: testOrgID,
			RoleSlug: "admin", ExpiresInDays: 7, InviterUserID: testUserID, Locale: workos.LocaleEnglish})
	}},
	{"GetInvitation", "GET /user_management/invitations/{id}", func(ctx context.Context, c *workos.Client) (any, error) {
		return c.UserManagement.GetInvitation(ctx, testInvitationID)
	}},
	{"FindInvitationByToken", "GET /user_management/invitations/by_token/{token}", func(ctx context.Context, c *workos.Client) (any, error) {
		return c.UserManagement.FindInvitationByToken(ctx, "Z1uX3RbwcIl5fIGJJJCXXisdI")
	}},
	{"AcceptInvitation", "POST /user_management/invitations/{id}/accept", func(ctx context.Context, c *workos.Client) (any, error) {
		return c.UserManagement.AcceptInvitation(ctx, testInvitationID)
	}},
	{"ResendInvitation", "POST /user_management/invitations/{id}/resend", func(ctx context.Context, c *workos.Client) (any, error) {
		return c.UserManagement.ResendInvitation(ctx, testInvitationID, workos.ResendInvitationParams{})
	}},
	{"RevokeInvitation", "POST /user_management/invitations/{id}/revoke", func(ctx context.Context, c *workos.Client) (any, error) {
		return c.UserManagement.RevokeInvitation(ctx, testInvitationID)
	}},

	// Organization memberships.
	{"ListOrganizationMemberships", "GET /user_management/organization_memberships", func(ctx context.Context, c *workos.Client) (any, error) {
		return c.UserManagement.ListOrganizationMemberships(ctx, workos.ListOrganizationMembershipsParams{UserID: testUserID, OrganizationID: testOrgID,
			Statuses: []workos.OrganizationMembershipStatus{workos.OrganizationMembershipStatusActive, "pending"}}).Page()
	}},
	{"CreateOrganizationMembership", "POST /user_management/organization_memberships", func(ctx context.Context, c *workos.Client) (any, error) {
		return c.UserManagement.CreateOrganizationMembership(ctx, workos.CreateOrganizationMembershipParams{UserID: testUserID, OrganizationID: testOrgID, Role: workos.RoleSlug("admin")})
	}},
	{"CreateOrganizationMembership/RoleSlugs", "POST /user_management/organization_memberships", func(ctx context.Context, c *workos.Client) (any, error) {
		return c.UserManagement.CreateOrganizationMembership(ctx, workos.CreateOrganizationMembershipParams{UserID: testUserID, OrganizationID: testOrgID, Role: workos.RoleSlugs{"admin", "billing"}})
	}},
	{"GetOrganizationMembership", "GET /user_management/organization_memberships/{id}", func(ctx context.Context, c *workos.Client) (any, error) {
		return c.UserManagement.GetOrganizationMembership(ctx, testMembershipID)
	}},
	{"UpdateOrganizationMembership", "PUT /user_management/organization_memberships/{id}", func(ctx context.Context, c *workos.Client) (any, error) {
		return c.UserManagement.UpdateOrganizationMembership(ctx, testMembershipID, workos.UpdateOrganizationMembershipParams{Role: workos.RoleSlugs{"member"}})
	}},
	{"DeleteOrganizationMembership", "DELETE /user_management/organization_memberships/{id}", func(ctx context.Context, c *workos.Client) (any, error) {
		return c.UserManagement.DeleteOrganizationMembership(ctx, testMembershipID)
	}},
	{"DeactivateOrganizationMembership", "PUT /user_management/organization_memberships/{id}/deactivate", func(ctx context.Context, c *workos.Client) (any, error) {
		return c.UserManagement.DeactivateOrganizationMembership(ctx, testMembershipID)
	}},
	{"ReactivateOrganizationMembership", "PUT /user_management/organization_memberships/{id}/reactivate", func(ctx context.Context, c *workos.Client) (any, error) {
		return c.UserManagement.ReactivateOrganizationMembership(ctx, testMembershipID)
	}},
	{"ListOrganizationMembershipGroups", "GET /user_management/organization_memberships/{omId}/groups", func(ctx context.Context, c *workos.Client) (any, error) {
		return c.UserManagement.ListOrganizationMembershipGroups(ctx, testMembershipID, workos.ListOrganizationMembershipGroupsParams{}).Page()
	}},

	// Sessions, identities, authorized applications.
	{"ListSessions", "GET /user_management/users/{id}/sessions", func(ctx context.Context, c *workos.Client) (any, error) {
		return c.UserManagement.ListSessions(ctx, testUserID, workos.ListSessionsParams{ListParams: workos.ListParams{Order: workos.OrderDesc}}).Page()
	}},
	{"RevokeSession", "POST /user_management/sessions/revoke", func(ctx context.Context, c *workos.Client) (any, error) {
		return c.UserManagement.RevokeSession(ctx, workos.RevokeSessionParams{SessionID: testSessionID})
	}},
	{"GetUserIdentities", "GET /user_management/users/{id}/identities", func(ctx context.Context, c *workos.Client) (any, error) {
		return c.UserManagement.GetUserIdentities(ctx, testUserID)
	}},
	{"ListUserAuthorizedApplications", "GET /user_management/users/{user_id}/authorized_applications", func(ctx context.Context, c *workos.Client) (any, error) {
		return c.UserManagement.ListUserAuthorizedApplications(ctx, testUserID, workos.ListUserAuthorizedApplicationsParams{}).Page()
	}},
	{"DeleteUserAuthorizedApplication", "DELETE /user_management/users/{user_id}/authorized_applications/{application_id}", func(ctx context.Context, c *workos.Client) (any, error) {
		return c.UserManagement.DeleteUserAuthorizedApplication(ctx, testUserID, "conn_app_01HXYZ123456789ABCDEFGHIJ")
	}},

	// Environment configuration.
	{"ListCORSOrigins", "GET /user_management/cors_origins", func(ctx context.Context, c *workos.Client) (any, error) {
		return c.UserManagement.ListCORSOrigins(ctx, workos.ListCORSOriginsParams{}).Page()
	}},
	{"CreateCORSOrigin", "POST /user_management/cors_origins", func(ctx context.Context, c *workos.Client) (any, error) {
		return c.UserManagement.CreateCORSOrigin(ctx, workos.CreateCORSOriginParams{Origin: "https://app.example.com"})
	}},
	{"ListRedirectURIs", "GET /user_management/redirect_uris", func(ctx context.Context, c *workos.Client) (any, error) {
		return c.UserManagement.ListRedirectURIs(ctx, workos.ListRedirectURIsParams{}).Page()
	}},
	{"CreateRedirectURI", "POST /user_management/redirect_uris", func(ctx context.Context, c *workos.Client) (any, error) {
		return c.UserManagement.CreateRedirectURI(ctx, workos.CreateRedirectURIParams{URI: "https://app.example.com/callback"})
	}},
	{"DeleteRedirectURI", "DELETE /user_management/redirect_uris/{id}", func(ctx context.Context, c *workos.Client) (any, error) {
		return c.UserManagement.DeleteRedirectURI(ctx, "redirect_uri_01HXYZ123456789ABCDEFGHIJ")
	}},
	{"GetJWTTemplate", "GET /user_management/jwt_template", func(ctx context.Context, c *workos.Client) (any, error) {
		return c.UserManagement.GetJWTTemplate(ctx)
	}},
	{"UpdateJWTTemplate", "PUT /user_management/jwt_template", func(ctx context.Context, c *workos.Client) (any, error) {
		return c.UserManagement.UpdateJWTTemplate(ctx, workos.UpdateJWTTemplateParams{Content: `{"urn:myapp:email": {{ user.email }}}`})
	}},
	{"GetJWKS", "GET /sso/jwks/{clientId}", func(ctx context.Context, c *workos.Client) (any, error) {
		return c.UserManagement.GetJWKS(ctx, testClientID)
	}},

	// Authentication factors, API keys, feature flags.
	{"ListAuthFactors", "GET /user_management/users/{userlandUserId}/auth_factors", func(ctx context.Context, c *workos.Client) (any, error) {
		return c.UserManagement.ListAuthFactors(ctx, testUserID, workos.ListAuthFactorsParams{}).Page()
	}},
	{"EnrollAuthFactor", "POST /user_management/users/{userlandUserId}/auth_factors", func(ctx context.Context, c *workos.Client) (any, error) {
		return c.UserManagement.EnrollAuthFactor(ctx, testUserID, workos.EnrollAuthFactorParams{TOTPIssuer: "Foo Corp", TOTPUser: testEmail})
	}},
	{"ListUserAPIKeys", "GET /user_management/users/{userId}/api_keys", func(ctx context.Context, c *workos.Client) (any, error) {
		return c.UserManagement.ListUserAPIKeys(ctx, testUserID, workos.ListUserAPIKeysParams{OrganizationID: testOrgID}).Page()
	}},
	{"CreateUserAPIKey", "POST /user_management/users/{userId}/api_keys", func(ctx context.Context, c *workos.Client) (any, error) {
		return c.UserManagement.CreateUserAPIKey(ctx, testUserID, workos.CreateUserAPIKeyParams{Name: "CI deploys", OrganizationID: testOrgID,
			Permissions: []string{"posts:read"}, ExpiresAt: time.Date(2027, 1, 15, 12, 0, 0, 0, time.UTC)})
	}},
	{"ListUserFeatureFlags", "GET /user_management/users/{userId}/feature-flags", func(ctx context.Context, c *workos.Client) (any, error) {
		return c.UserManagement.ListUserFeatureFlags(ctx, testUserID, workos.ListUserFeatureFlagsParams{}).Page()
	}},

	// Connected accounts and data providers.
	{"GetConnectedAccount", "GET /user_management/users/{user_id}/connected_accounts/{slug}", func(ctx context.Context, c *workos.Client) (any, error) {
		return c.UserManagement.GetConnectedAccount(ctx, testUserID, "github", workos.GetConnectedAccountParams{OrganizationID: testOrgID})
	}},
	{"CreateConnectedAccount", "POST /user_management/users/{user_id}/connected_accounts/{slug}", func(ctx context.Context, c *workos.Client) (any, error) {
		return c.UserManagement.CreateConnectedAccount(ctx, testUserID, "github", workos.CreateConnectedAccountParams{AccessToken: "gho_16C7e42F292c6912E7710c838347Ae178B4a",
			ExpiresAt: time.Date(2027, 1, 15, 12, 0, 0, 0, time.UTC), Scopes: []string{"repo"}, State: workos.ConnectedAccountStateConnected})
	}},
	{"UpdateConnectedAccount", "PUT /user_management/users/{user_id}/connected_accounts/{slug}", func(ctx context.Context, c *workos.Client) (any, error) {
		return c.UserManagement.UpdateConnectedAccount(ctx, testUserID, "github", workos.UpdateConnectedAccountParams{OrganizationID: testOrgID, Scopes: []string{"repo", "user"}})
	}},
	{"DeleteConnectedAccount", "DELETE /user_management/users/{user_id}/connected_accounts/{slug}", func(ctx context.Context, c *workos.Client) (any, error) {
		return c.UserManagement.DeleteConnectedAccount(ctx, testUserID, "github", workos.DeleteConnectedAccountParams{})
	}},
	{"ListDataProviders", "GET /user_management/users/{user_id}/data_providers", func(ctx context.Context, c *workos.Client) (any, error) {
		return c.UserManagement.ListDataProviders(ctx, testUserID, workos.ListDataProvidersParams{OrganizationID: testOrgID})
	}},

	// Radar.
	{"SendRadarChallenge", "POST /user_management/radar_challenges", func(ctx context.Context, c *workos.Client) (any, error) {
		return c.UserManagement.SendRadarChallenge(ctx, workos.SendRadarChallengeParams{UserID: testUserID, PendingAuthenticationToken: testPendingToken, PhoneNumber: "+15005550006"})
	}},
	{"GetRadarChallenge", "GET /user_management/radar_challenges/{id}", func(ctx context.Context, c *workos.Client) (any, error) {
		return c.UserManagement.GetRadarChallenge(ctx, "radar_challenge_01HXYZ123456789ABCDEFGHIJ")
	}},

	// Authenticate grants, the device flow and the authorization URL.
	{"AuthenticateWithPassword", "POST /user_management/authenticate", func(ctx context.Context, c *workos.Client) (any, error) {
		return c.UserManagement.AuthenticateWithPassword(ctx, workos.AuthenticateWithPasswordParams{Email: testEmail, Password: "i8uv6g34kd490s", IPAddress: "192.0.2.1", UserAgent: "Mozilla/5.0"})
	}},
	{"AuthenticateWithCode", "POST /user_management/authenticate", func(ctx context.Context, c *workos.Client) (any, error) {
		return c.UserManagement.AuthenticateWithCode(ctx, workos.AuthenticateWithCodeParams{Code: "01E2RJ4C05B52KKZ8FSRDAP23J", InvitationToken: "Z1uX3RbwcIl5fIGJJJCXXisdI"})
	}},
	{"AuthenticateWithCodePKCE", "POST /user_management/authenticate", func(ctx context.Context, c *workos.Client) (any, error) {
		return c.UserManagement.AuthenticateWithCodePKCE(ctx, workos.AuthenticateWithCodePKCEParams{Code: "01E2RJ4C05B52KKZ8FSRDAP23J", CodeVerifier: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"})
	}},
	{"AuthenticateWithMagicAuth", "POST /user_management/authenticate", func(ctx context.Context, c *workos.Client) (any, error) {
		return c.UserManagement.AuthenticateWithMagicAuth(ctx, workos.AuthenticateWithMagicAuthParams{Code: "123456", Email: testEmail})
	}},
	{"AuthenticateWithEmailVerification", "POST /user_management/authenticate", func(ctx context.Context, c *workos.Client) (any, error) {
		return c.UserManagement.AuthenticateWithEmailVerification(ctx, workos.AuthenticateWithEmailVerificationParams{Code: "123456", PendingAuthenticationToken: testPendingToken})
	}},
	{"AuthenticateWithTOTP", "POST /user_management/authenticate", func(ctx context.Context, c *workos.Client) (any, error) {
		return c.UserManagement.AuthenticateWithTOTP(ctx, workos.AuthenticateWithTOTPParams{Code: "123456", PendingAuthenticationToken: testPendingToken,
			AuthenticationChallengeID: "auth_challenge_01FVYZWQTZQ5VB6BC5MPG2EYC5"})
	}},
	{"AuthenticateWithOrganizationSelection", "POST /user_management/authenticate", func(ctx context.Context, c *workos.Client) (any, error) {
		return c.UserManagement.AuthenticateWithOrganizationSelection(ctx, workos.AuthenticateWithOrganizationSelectionParams{PendingAuthenticationToken: testPendingToken, OrganizationID: testOrgID})
	}},
	{"AuthenticateWithDeviceCode", "POST /user_management/authenticate", func(ctx context.Context, c *workos.Client) (any, error) {
		return c.UserManagement.AuthenticateWithDeviceCode(ctx, workos.AuthenticateWithDeviceCodeParams{DeviceCode: "CVE2wOfIFK4vhmiDBntpX9s8KT2f0qngpWYL0LGy9HxYgBRXUKIUkZB9BgIFho5h"})
	}},
	{"AuthenticateWithRadarEmailChallenge", "POST /user_management/authenticate", func(ctx context.Context, c *workos.Client) (any, error) {
		return c.UserManagement.AuthenticateWithRadarEmailChallenge(ctx, workos.AuthenticateWithRadarEmailChallengeParams{Code: "123456",
			RadarChallengeID: "radar_challenge_01HXYZ123456789ABCDEFGHIJ", PendingAuthenticationToken: testPendingToken})
	}},
	{"AuthenticateWithRadarSMSChallenge", "POST /user_management/authenticate", func(ctx context.Context, c *workos.Client) (any, error) {
		return c.UserManagement.AuthenticateWithRadarSMSChallenge(ctx, workos.AuthenticateWithRadarSMSChallengeParams{Code: "123456", PendingAuthenticationToken: testPendingToken,
			VerificationID: "verification_01HXYZ", PhoneNumber: "+15005550006"})
	}},
	{"CreateAuthenticate", "POST /user_management/authenticate", func(ctx context.Context, c *workos.Client) (any, error) {
		return c.UserManagement.CreateAuthenticate(ctx, workos.CreateAuthenticateParams{GrantType: workos.GrantTypePassword, Email: testEmail, Password: "i8uv6g34kd490s"})
	}},
	{"CreateDevice", "POST /user_management/authorize/device", func(ctx context.Context, c *workos.Client) (any, error) {
		return c.UserManagement.CreateDevice(ctx, workos.CreateDeviceParams{})
	}},
	{"GetAuthorizationURL", "GET /user_management/authorize", func(ctx context.Context, c *workos.Client) (any, error) {
		maxAge := 3600
		return urlOf(c.UserManagement.GetAuthorizationURL(workos.GetAuthorizationURLParams{RedirectURI: "https://app.example.com/callback",
			Provider: workos.AuthorizationProviderAuthKit, OrganizationID: testOrgID, DomainHint: "example.com", LoginHint: testEmail, State: "dj1kUXc0dzlXZ1hjUQ",
			ScreenHint: workos.ScreenHintSignIn, Prompt: "login", MaxAge: &maxAge, InvitationToken: "Z1uX3RbwcIl5fIGJJJCXXisdI",
			ProviderScopes: []string{"openid", "profile"}, ProviderQueryParams: map[string]string{"hd": "example.com"},
			CodeChallenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", CodeChallengeMethod: "S256"}))
	}},
	{"GetAuthorizationURL/ConnectionID", "GET /user_management/authorize", func(ctx context.Context, c *workos.Client) (any, error) {
		return urlOf(c.UserManagement.GetAuthorizationURL(workos.GetAuthorizationURLParams{RedirectURI: "https://app.example.com/callback", ConnectionID: "conn_01E4ZCR3C56J083X43JQXF3JK5"}))
	}},
	{"GetAuthorizationURLWithPKCE", "GET /user_management/authorize", func(ctx context.Context, c *workos.Client) (any, error) {
		r, err := c.UserManagement.GetAuthorizationURLWithPKCE(workos.GetAuthorizationURLParams{RedirectURI: "https://app.example.com/callback", Provider: workos.AuthorizationProviderAuthKit})
		if err != nil {
			return nil, err
		}
		return builtURL(r.URL), nil
	}},
}
