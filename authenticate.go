package workos

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"slices"
	"strings"
)

// AuthenticationMethod says how a user signed in. Unknown values decode
// as-is.
type AuthenticationMethod string

// Authentication methods the API reports.
const (
	AuthenticationMethodSSO                    AuthenticationMethod = "SSO"
	AuthenticationMethodPassword               AuthenticationMethod = "Password"
	AuthenticationMethodPasskey                AuthenticationMethod = "Passkey"
	AuthenticationMethodAppleOAuth             AuthenticationMethod = "AppleOAuth"
	AuthenticationMethodBitbucketOAuth         AuthenticationMethod = "BitbucketOAuth"
	AuthenticationMethodCrossAppAuth           AuthenticationMethod = "CrossAppAuth"
	AuthenticationMethodDiscordOAuth           AuthenticationMethod = "DiscordOAuth"
	AuthenticationMethodExternalAuth           AuthenticationMethod = "ExternalAuth"
	AuthenticationMethodGitHubOAuth            AuthenticationMethod = "GitHubOAuth"
	AuthenticationMethodGitLabOAuth            AuthenticationMethod = "GitLabOAuth"
	AuthenticationMethodGoogleOAuth            AuthenticationMethod = "GoogleOAuth"
	AuthenticationMethodGrokOAuth              AuthenticationMethod = "GrokOAuth"
	AuthenticationMethodXOAuth                 AuthenticationMethod = "XOAuth"
	AuthenticationMethodIntuitOAuth            AuthenticationMethod = "IntuitOAuth"
	AuthenticationMethodLinkedInOAuth          AuthenticationMethod = "LinkedInOAuth"
	AuthenticationMethodMicrosoftOAuth         AuthenticationMethod = "MicrosoftOAuth"
	AuthenticationMethodSalesforceOAuth        AuthenticationMethod = "SalesforceOAuth"
	AuthenticationMethodSlackOAuth             AuthenticationMethod = "SlackOAuth"
	AuthenticationMethodVercelMarketplaceOAuth AuthenticationMethod = "VercelMarketplaceOAuth"
	AuthenticationMethodVercelOAuth            AuthenticationMethod = "VercelOAuth"
	AuthenticationMethodXeroOAuth              AuthenticationMethod = "XeroOAuth"
	AuthenticationMethodMagicAuth              AuthenticationMethod = "MagicAuth"
	AuthenticationMethodImpersonation          AuthenticationMethod = "Impersonation"
	AuthenticationMethodMigratedSession        AuthenticationMethod = "MigratedSession"
)

// Impersonator is the WorkOS dashboard user acting as the signed-in user.
type Impersonator struct {
	// Email is the impersonating admin's email.
	Email string `json:"email"`
	// Reason is the justification the admin gave, nil if none.
	Reason *string `json:"reason"`
}

// AuthenticateResponse is the result of every authenticate grant: the user,
// their session tokens and how they signed in.
type AuthenticateResponse struct {
	// User is the signed-in user.
	User User `json:"user"`
	// OrganizationID is the organization the session is scoped to, if any.
	OrganizationID string `json:"organization_id,omitempty"`
	// AuthkitAuthorizationCode is set when AuthKit hands the sign-in on to
	// another application (the OAuth authorization server flow).
	AuthkitAuthorizationCode string `json:"authkit_authorization_code,omitempty"`
	// AccessToken is a short-lived RS256 JWT. Verify it with a Verifier.
	AccessToken string `json:"access_token"`
	// RefreshToken is a single-use token for AuthenticateWithRefreshToken.
	RefreshToken string `json:"refresh_token"`
	// AuthenticationMethod is how the user signed in.
	AuthenticationMethod AuthenticationMethod `json:"authentication_method,omitempty"`
	// Impersonator is set when a WorkOS admin is impersonating the user.
	Impersonator *Impersonator `json:"impersonator,omitempty"`
	// SealedSession is the result sealed into a session cookie, set only
	// when the call had the WithSealedSession option.
	SealedSession string `json:"-"`
	// OAuthTokens are the upstream provider's tokens, present when the
	// user signed in through OAuth and the provider's tokens were asked for.
	OAuthTokens *OAuthTokens `json:"oauth_tokens,omitempty"`
	APIResource
}

// String describes the sign-in without its tokens (access, refresh,
// upstream OAuth, authorization code, sealed session), so printing the
// result with fmt does not leak them.
func (r AuthenticateResponse) String() string {
	return fmt.Sprintf("AuthenticateResponse{User: %s, OrganizationID: %s, AuthenticationMethod: %s, Impersonated: %t, Tokens: REDACTED}",
		r.User.ID, r.OrganizationID, r.AuthenticationMethod, r.Impersonator != nil)
}

// GoString is String, so %#v does not print the tokens either.
func (r AuthenticateResponse) GoString() string { return r.String() }

// LogValue describes the sign-in to log/slog without its tokens.
func (r AuthenticateResponse) LogValue() slog.Value {
	attrs := []slog.Attr{
		slog.String("user_id", r.User.ID),
		slog.String("organization_id", r.OrganizationID),
		slog.String("authentication_method", string(r.AuthenticationMethod)),
		slog.String("access_token", redactedIfSet(r.AccessToken)),
		slog.String("refresh_token", redactedIfSet(r.RefreshToken)),
	}
	if r.Impersonator != nil {
		attrs = append(attrs, slog.String("impersonator", r.Impersonator.Email))
	}
	return slog.GroupValue(attrs...)
}

// redactedIfSet stands in for a secret in String and LogValue output: it
// says whether there was one without showing it.
func redactedIfSet(secret string) string {
	if secret == "" {
		return ""
	}
	return "REDACTED"
}

// OAuthTokens are an upstream OAuth provider's tokens.
type OAuthTokens struct {
	// Provider is the OAuth provider, such as "GoogleOAuth".
	Provider string `json:"provider,omitempty"`
	// AccessToken is the provider's access token.
	AccessToken string `json:"access_token"`
	// RefreshToken is the provider's refresh token.
	RefreshToken string `json:"refresh_token"`
	// ExpiresAt is the access token's expiry in Unix seconds.
	ExpiresAt int64 `json:"expires_at"`
	// Scopes are the scopes the provider granted.
	Scopes []string `json:"scopes"`
}

// GrantType names the way an authenticate call proves who the user is: the
// body's grant_type.
type GrantType string

// The grant types of POST /user_management/authenticate.
const (
	// GrantTypeAuthorizationCode exchanges the code AuthKit or an SSO or
	// OAuth provider sent to the redirect URI.
	GrantTypeAuthorizationCode GrantType = "authorization_code"
	// GrantTypePassword checks an email and password.
	GrantTypePassword GrantType = "password"
	// GrantTypeRefreshToken redeems a refresh token for new tokens.
	GrantTypeRefreshToken GrantType = "refresh_token"
	// GrantTypeMagicAuth checks a one-time code sent by email.
	GrantTypeMagicAuth GrantType = "urn:workos:oauth:grant-type:magic-auth:code"
	// GrantTypeEmailVerification completes a sign-in that was held back
	// until the user verified their email.
	GrantTypeEmailVerification GrantType = "urn:workos:oauth:grant-type:email-verification:code"
	// GrantTypeMFATOTP completes a sign-in held back for a TOTP code.
	GrantTypeMFATOTP GrantType = "urn:workos:oauth:grant-type:mfa-totp"
	// GrantTypeOrganizationSelection completes a sign-in held back until
	// the user picked one of their organizations.
	GrantTypeOrganizationSelection GrantType = "urn:workos:oauth:grant-type:organization-selection"
	// GrantTypeRadarEmailChallenge completes a sign-in Radar held back for
	// a code sent by email.
	GrantTypeRadarEmailChallenge GrantType = "urn:workos:oauth:grant-type:radar-email-challenge:code"
	// GrantTypeRadarSMSChallenge completes a sign-in or sign-up Radar held
	// back for a code sent by SMS.
	GrantTypeRadarSMSChallenge GrantType = "urn:workos:oauth:grant-type:radar-sms-challenge:code"
	// GrantTypeDeviceCode exchanges a device code once the user approved
	// it (OAuth 2.0 device authorization, RFC 8628).
	GrantTypeDeviceCode GrantType = "urn:ietf:params:oauth:grant-type:device_code"
)

// CreateAuthenticateParams is the body of any authenticate grant: every
// field any grant type takes. Only fields that are set are sent.
type CreateAuthenticateParams struct {
	// GrantType selects the grant. Required.
	GrantType GrantType `json:"grant_type"`
	// ClientID defaults to the Client's.
	ClientID string `json:"client_id"`
	// ClientSecret defaults to the API key for grant types whose body
	// requires one; otherwise it is sent only when set.
	ClientSecret string `json:"client_secret,omitempty"`
	// Code is a one-time or authorization code.
	Code string `json:"code,omitempty"`
	// CodeVerifier is the PKCE verifier behind the authorization URL's
	// code_challenge.
	CodeVerifier string `json:"code_verifier,omitempty"`
	// Email and Password are the user's credentials.
	Email    string `json:"email,omitempty"`
	Password string `json:"password,omitempty"`
	// RefreshToken is a refresh token from an earlier authentication.
	RefreshToken string `json:"refresh_token,omitempty"`
	// OrganizationID is the organization to sign in to.
	OrganizationID string `json:"organization_id,omitempty"`
	// PendingAuthenticationToken is the token from an authentication
	// challenge error.
	PendingAuthenticationToken string `json:"pending_authentication_token,omitempty"`
	// AuthenticationChallengeID is the MFA challenge the Code answers.
	AuthenticationChallengeID string `json:"authentication_challenge_id,omitempty"`
	// RadarChallengeID is the Radar email challenge the Code answers.
	RadarChallengeID string `json:"radar_challenge_id,omitempty"`
	// VerificationID and PhoneNumber identify a Radar SMS sign-up check.
	VerificationID string `json:"verification_id,omitempty"`
	PhoneNumber    string `json:"phone_number,omitempty"`
	// DeviceCode is the device code from CreateDevice or AuthorizeDevice.
	DeviceCode string `json:"device_code,omitempty"`
	// InvitationToken accepts an invitation as part of the sign-in.
	InvitationToken string `json:"invitation_token,omitempty"`
	// SignalsID ties client-side Radar signals to this attempt.
	SignalsID string `json:"signals_id,omitempty"`
	// RadarAuthAttemptID is the Radar attempt returned by CreateUser or
	// CreateMagicAuth.
	RadarAuthAttemptID string `json:"radar_auth_attempt_id,omitempty"`
	// IPAddress, DeviceID and UserAgent describe the user's device for
	// WorkOS's session records and Radar.
	IPAddress string `json:"ip_address,omitempty"`
	DeviceID  string `json:"device_id,omitempty"`
	UserAgent string `json:"user_agent,omitempty"`
}

// CreateAuthenticate runs any authenticate grant. For a known grant type
// it checks the spec's required fields and refuses fields that grant does
// not take; an unknown grant type is sent as given. The API key is sent as
// the bearer token when the Client has one. Prefer the AuthenticateWith...
// method for the grant, which also picks the right client secret handling.
func (s *UserManagementService) CreateAuthenticate(ctx context.Context, params CreateAuthenticateParams, opts ...Option) (*AuthenticateResponse, error) {
	auth := grantCallerSecret
	if rule, ok := grantRules[params.GrantType]; ok && rule.secret == bodySecretRequired && params.ClientSecret == "" {
		auth = grantConfidential
	}
	return s.authenticate(ctx, params, auth, opts)
}

// AuthenticateWithPasswordParams are the credentials AuthenticateWithPassword signs in with. Email
// and Password are required; a blank one is refused with ErrInvalidParams
// before any request. A wrong pair is an *APIError whose Code is
// ErrorCodeInvalidCredentials. Empty optional fields are left out of the request; an empty
// ClientID uses the Client's.
type AuthenticateWithPasswordParams struct {
	// ClientID defaults to the Client's.
	ClientID string
	// Email and Password are the user's credentials. Required.
	Email    string
	Password string
	// InvitationToken accepts an invitation as part of the sign-in.
	InvitationToken string
	// SignalsID ties client-side Radar signals to this attempt.
	SignalsID string
	// RadarAuthAttemptID is the Radar attempt returned by CreateUser.
	RadarAuthAttemptID string
	// IPAddress, DeviceID and UserAgent describe the user's device for
	// WorkOS's session records and Radar.
	IPAddress string
	DeviceID  string
	UserAgent string
}

// AuthenticateWithPassword signs a user in with their email and password.
// It needs the API key, sent as the client secret. When the sign-in needs
// another step the error is a challenge type, such as
// *EmailVerificationRequiredError or *MFAChallengeError, carrying the
// pending authentication token for that step.
func (s *UserManagementService) AuthenticateWithPassword(ctx context.Context, params AuthenticateWithPasswordParams, opts ...Option) (*AuthenticateResponse, error) {
	return s.authenticate(ctx, CreateAuthenticateParams{
		GrantType: GrantTypePassword, ClientID: params.ClientID,
		Email: params.Email, Password: params.Password,
		InvitationToken: params.InvitationToken, SignalsID: params.SignalsID, RadarAuthAttemptID: params.RadarAuthAttemptID,
		IPAddress: params.IPAddress, DeviceID: params.DeviceID, UserAgent: params.UserAgent,
	}, grantConfidential, opts)
}

// AuthenticateWithCodeParams carry the authorization code AuthKit sent to the redirect URI,
// for AuthenticateWithCode. Code is required; CodeVerifier, when set, must
// be a valid PKCE verifier (43 to 128 unreserved characters), or the call
// is refused with ErrInvalidParams before any request. Empty optional fields are left out of the request; an empty
// ClientID uses the Client's.
type AuthenticateWithCodeParams struct {
	// ClientID defaults to the Client's.
	ClientID string
	// Code is the authorization code sent to the redirect URI. Required.
	Code string
	// CodeVerifier is the PKCE verifier, when the authorization URL carried
	// a code challenge.
	CodeVerifier string
	// InvitationToken accepts an invitation as part of the sign-in.
	InvitationToken string
	// SignalsID ties client-side Radar signals to this attempt.
	SignalsID string
	// IPAddress, DeviceID and UserAgent describe the user's device for
	// WorkOS's session records and Radar.
	IPAddress string
	DeviceID  string
	UserAgent string
}

// AuthenticateWithCode exchanges the authorization code AuthKit sent to the
// redirect URI for the user and their tokens, as a confidential client: the
// API key is sent as the client secret. Apps without an API key (mobile,
// single-page, CLI) use AuthenticateWithCodePKCE.
func (s *UserManagementService) AuthenticateWithCode(ctx context.Context, params AuthenticateWithCodeParams, opts ...Option) (*AuthenticateResponse, error) {
	if params.CodeVerifier != "" && !validCodeVerifier(params.CodeVerifier) {
		return nil, errBadCodeVerifier
	}
	return s.authenticate(ctx, CreateAuthenticateParams{
		GrantType: GrantTypeAuthorizationCode, ClientID: params.ClientID,
		Code: params.Code, CodeVerifier: params.CodeVerifier,
		InvitationToken: params.InvitationToken, SignalsID: params.SignalsID,
		IPAddress: params.IPAddress, DeviceID: params.DeviceID, UserAgent: params.UserAgent,
	}, grantConfidential, opts)
}

// AuthenticateWithCodePKCEParams carry the authorization code and the PKCE verifier of a public
// client, for AuthenticateWithCodePKCE. Code and CodeVerifier are required,
// and the verifier must be 43 to 128 unreserved characters; otherwise the
// call is refused with ErrInvalidParams before any request. Empty optional fields are left out of the request; an empty
// ClientID uses the Client's.
type AuthenticateWithCodePKCEParams struct {
	// ClientID defaults to the Client's.
	ClientID string
	// Code is the authorization code sent to the redirect URI. Required.
	Code string
	// CodeVerifier is the verifier returned with the authorization URL by
	// GetAuthorizationURLWithPKCE or GeneratePKCE. Required.
	CodeVerifier string
	// InvitationToken accepts an invitation as part of the sign-in.
	InvitationToken string
	// SignalsID ties client-side Radar signals to this attempt.
	SignalsID string
	// IPAddress, DeviceID and UserAgent describe the user's device for
	// WorkOS's session records and Radar.
	IPAddress string
	DeviceID  string
	UserAgent string
}

// AuthenticateWithCodePKCE exchanges an authorization code as a public
// client: the PKCE code verifier proves the caller started the sign-in, so
// neither a client secret nor the API key is sent, even when the Client
// has one.
func (s *UserManagementService) AuthenticateWithCodePKCE(ctx context.Context, params AuthenticateWithCodePKCEParams, opts ...Option) (*AuthenticateResponse, error) {
	if params.CodeVerifier == "" {
		return nil, invalidParams("CodeVerifier is required")
	}
	if !validCodeVerifier(params.CodeVerifier) {
		return nil, errBadCodeVerifier
	}
	return s.authenticate(ctx, CreateAuthenticateParams{
		GrantType: GrantTypeAuthorizationCode, ClientID: params.ClientID,
		Code: params.Code, CodeVerifier: params.CodeVerifier,
		InvitationToken: params.InvitationToken, SignalsID: params.SignalsID,
		IPAddress: params.IPAddress, DeviceID: params.DeviceID, UserAgent: params.UserAgent,
	}, grantPublic, opts)
}

// AuthenticateWithRefreshTokenParams name the refresh token AuthenticateWithRefreshToken redeems.
// RefreshToken is required (a blank one is refused with ErrInvalidParams
// before any request); it works once. An empty OrganizationID keeps the
// session's organization. Empty optional fields are left out of the request; an empty
// ClientID uses the Client's.
type AuthenticateWithRefreshTokenParams struct {
	// ClientID defaults to the Client's.
	ClientID string
	// RefreshToken is the single-use token from an earlier authentication.
	// Required.
	RefreshToken string
	// OrganizationID switches the new session to another of the user's
	// organizations.
	OrganizationID string
	// IPAddress, DeviceID and UserAgent describe the user's device for
	// WorkOS's session records and Radar.
	IPAddress string
	DeviceID  string
	UserAgent string
}

// AuthenticateWithRefreshToken redeems a refresh token for a new access
// token and a new refresh token; the old refresh token stops working. A
// revoked or already used token fails with an error that IsInvalidGrant
// reports. With an API key the Client sends it as the client secret and
// bearer token; without one it refreshes as a public client.
func (s *UserManagementService) AuthenticateWithRefreshToken(ctx context.Context, params AuthenticateWithRefreshTokenParams, opts ...Option) (*AuthenticateResponse, error) {
	return s.authenticate(ctx, CreateAuthenticateParams{
		GrantType: GrantTypeRefreshToken, ClientID: params.ClientID,
		RefreshToken: params.RefreshToken, OrganizationID: params.OrganizationID,
		IPAddress: params.IPAddress, DeviceID: params.DeviceID, UserAgent: params.UserAgent,
	}, grantSecretIfKey, opts)
}

// AuthenticateWithMagicAuthParams are the emailed one-time code and its address, for
// AuthenticateWithMagicAuth. Code and Email are required; a blank one is
// refused with ErrInvalidParams before any request. A wrong or expired code
// is an *APIError whose Code is ErrorCodeInvalidOneTimeCode. Empty optional fields are left out of the request; an empty
// ClientID uses the Client's.
type AuthenticateWithMagicAuthParams struct {
	// ClientID defaults to the Client's.
	ClientID string
	// Code is the one-time code CreateMagicAuth emailed. Required.
	Code string
	// Email is the address the code was sent to. Required.
	Email string
	// InvitationToken accepts an invitation as part of the sign-in.
	InvitationToken string
	// RadarAuthAttemptID is the Radar attempt returned by CreateMagicAuth.
	RadarAuthAttemptID string
	// IPAddress, DeviceID and UserAgent describe the user's device for
	// WorkOS's session records and Radar.
	IPAddress string
	DeviceID  string
	UserAgent string
}

// AuthenticateWithMagicAuth signs a user in with the one-time code that
// CreateMagicAuth emailed them. It needs the API key.
func (s *UserManagementService) AuthenticateWithMagicAuth(ctx context.Context, params AuthenticateWithMagicAuthParams, opts ...Option) (*AuthenticateResponse, error) {
	return s.authenticate(ctx, CreateAuthenticateParams{
		GrantType: GrantTypeMagicAuth, ClientID: params.ClientID,
		Code: params.Code, Email: params.Email,
		InvitationToken: params.InvitationToken, RadarAuthAttemptID: params.RadarAuthAttemptID,
		IPAddress: params.IPAddress, DeviceID: params.DeviceID, UserAgent: params.UserAgent,
	}, grantConfidential, opts)
}

// AuthenticateWithEmailVerificationParams finish a sign-in held back by
// *EmailVerificationRequiredError, for AuthenticateWithEmailVerification.
// Code and PendingAuthenticationToken are required; a blank one is refused
// with ErrInvalidParams before any request. Empty optional fields are left out of the request; an empty
// ClientID uses the Client's.
type AuthenticateWithEmailVerificationParams struct {
	// ClientID defaults to the Client's.
	ClientID string
	// Code is the verification code emailed to the user. Required.
	Code string
	// PendingAuthenticationToken comes from the
	// *EmailVerificationRequiredError. Required.
	PendingAuthenticationToken string
	// IPAddress, DeviceID and UserAgent describe the user's device for
	// WorkOS's session records and Radar.
	IPAddress string
	DeviceID  string
	UserAgent string
}

// AuthenticateWithEmailVerification finishes a sign-in that failed with
// *EmailVerificationRequiredError: it checks the code emailed to the user,
// marks their email verified and returns their session. It needs the API
// key.
func (s *UserManagementService) AuthenticateWithEmailVerification(ctx context.Context, params AuthenticateWithEmailVerificationParams, opts ...Option) (*AuthenticateResponse, error) {
	return s.authenticate(ctx, CreateAuthenticateParams{
		GrantType: GrantTypeEmailVerification, ClientID: params.ClientID,
		Code: params.Code, PendingAuthenticationToken: params.PendingAuthenticationToken,
		IPAddress: params.IPAddress, DeviceID: params.DeviceID, UserAgent: params.UserAgent,
	}, grantConfidential, opts)
}

// AuthenticateWithTOTPParams finish a sign-in held back for multi-factor authentication,
// for AuthenticateWithTOTP. Code, PendingAuthenticationToken and
// AuthenticationChallengeID are all required; a blank one is refused with
// ErrInvalidParams before any request. Empty optional fields are left out of the request; an empty
// ClientID uses the Client's.
type AuthenticateWithTOTPParams struct {
	// ClientID defaults to the Client's.
	ClientID string
	// Code is the code the user's authenticator app shows. Required.
	Code string
	// PendingAuthenticationToken comes from the *MFAChallengeError or
	// *MFAEnrollmentError. Required.
	PendingAuthenticationToken string
	// AuthenticationChallengeID is the challenge the code answers. Required.
	AuthenticationChallengeID string
	// IPAddress, DeviceID and UserAgent describe the user's device for
	// WorkOS's session records and Radar.
	IPAddress string
	DeviceID  string
	UserAgent string
}

// AuthenticateWithTOTP finishes a sign-in held back for multi-factor
// authentication by checking a TOTP code against an authentication
// challenge. It needs the API key.
func (s *UserManagementService) AuthenticateWithTOTP(ctx context.Context, params AuthenticateWithTOTPParams, opts ...Option) (*AuthenticateResponse, error) {
	return s.authenticate(ctx, CreateAuthenticateParams{
		GrantType: GrantTypeMFATOTP, ClientID: params.ClientID,
		Code: params.Code, PendingAuthenticationToken: params.PendingAuthenticationToken, AuthenticationChallengeID: params.AuthenticationChallengeID,
		IPAddress: params.IPAddress, DeviceID: params.DeviceID, UserAgent: params.UserAgent,
	}, grantConfidential, opts)
}

// AuthenticateWithOrganizationSelectionParams finish a sign-in held back by
// *OrganizationSelectionRequiredError with the organization the user
// picked, for AuthenticateWithOrganizationSelection. PendingAuthenticationToken
// and OrganizationID are required; a blank one is refused with
// ErrInvalidParams before any request. Empty optional fields are left out of the request; an empty
// ClientID uses the Client's.
type AuthenticateWithOrganizationSelectionParams struct {
	// ClientID defaults to the Client's.
	ClientID string
	// PendingAuthenticationToken comes from the
	// *OrganizationSelectionRequiredError. Required.
	PendingAuthenticationToken string
	// OrganizationID is the organization the user picked. Required.
	OrganizationID string
	// IPAddress, DeviceID and UserAgent describe the user's device for
	// WorkOS's session records and Radar.
	IPAddress string
	DeviceID  string
	UserAgent string
}

// AuthenticateWithOrganizationSelection finishes a sign-in that failed
// with *OrganizationSelectionRequiredError, scoping the session to the
// organization the user picked. It needs the API key.
func (s *UserManagementService) AuthenticateWithOrganizationSelection(ctx context.Context, params AuthenticateWithOrganizationSelectionParams, opts ...Option) (*AuthenticateResponse, error) {
	return s.authenticate(ctx, CreateAuthenticateParams{
		GrantType: GrantTypeOrganizationSelection, ClientID: params.ClientID,
		PendingAuthenticationToken: params.PendingAuthenticationToken, OrganizationID: params.OrganizationID,
		IPAddress: params.IPAddress, DeviceID: params.DeviceID, UserAgent: params.UserAgent,
	}, grantConfidential, opts)
}

// AuthenticateWithRadarEmailChallengeParams answer a Radar email challenge, for
// AuthenticateWithRadarEmailChallenge. Code, RadarChallengeID and
// PendingAuthenticationToken are required; a blank one is refused with
// ErrInvalidParams before any request. Empty optional fields are left out of the request; an empty
// ClientID uses the Client's.
type AuthenticateWithRadarEmailChallengeParams struct {
	// ClientID defaults to the Client's.
	ClientID string
	// Code is the one-time code Radar emailed to the user. Required.
	Code string
	// RadarChallengeID is the email challenge being answered. Required.
	RadarChallengeID string
	// PendingAuthenticationToken comes from the *RadarChallengeError.
	// Required.
	PendingAuthenticationToken string
	// IPAddress, DeviceID and UserAgent describe the user's device for
	// WorkOS's session records and Radar.
	IPAddress string
	DeviceID  string
	UserAgent string
}

// AuthenticateWithRadarEmailChallenge finishes a sign-in that Radar held
// back (a *RadarChallengeError) by checking the code Radar emailed to the
// user. It needs the API key.
func (s *UserManagementService) AuthenticateWithRadarEmailChallenge(ctx context.Context, params AuthenticateWithRadarEmailChallengeParams, opts ...Option) (*AuthenticateResponse, error) {
	return s.authenticate(ctx, CreateAuthenticateParams{
		GrantType: GrantTypeRadarEmailChallenge, ClientID: params.ClientID,
		Code: params.Code, RadarChallengeID: params.RadarChallengeID, PendingAuthenticationToken: params.PendingAuthenticationToken,
		IPAddress: params.IPAddress, DeviceID: params.DeviceID, UserAgent: params.UserAgent,
	}, grantConfidential, opts)
}

// AuthenticateWithRadarSMSChallengeParams answer a Radar text-message challenge, for
// AuthenticateWithRadarSMSChallenge. Code and PendingAuthenticationToken are
// required; VerificationID and PhoneNumber are set together for a sign-up
// challenge and both left empty for a sign-in one. Anything else is refused
// with ErrInvalidParams before any request. Empty optional fields are left out of the request; an empty
// ClientID uses the Client's.
type AuthenticateWithRadarSMSChallengeParams struct {
	// ClientID defaults to the Client's.
	ClientID string
	// Code is the one-time code Radar texted to the user. Required.
	Code string
	// PendingAuthenticationToken comes from the *RadarChallengeError.
	// Required.
	PendingAuthenticationToken string
	// VerificationID and PhoneNumber are required together for a sign-up
	// challenge (RadarChallengeSignUp) and left empty for a sign-in
	// challenge, where WorkOS uses the number on file.
	VerificationID string
	PhoneNumber    string
	// IPAddress, DeviceID and UserAgent describe the user's device for
	// WorkOS's session records and Radar.
	IPAddress string
	DeviceID  string
	UserAgent string
}

// AuthenticateWithRadarSMSChallenge finishes a sign-in or sign-up that
// Radar held back (a *RadarChallengeError) by checking the code Radar
// texted to the user. It needs the API key.
func (s *UserManagementService) AuthenticateWithRadarSMSChallenge(ctx context.Context, params AuthenticateWithRadarSMSChallengeParams, opts ...Option) (*AuthenticateResponse, error) {
	if (params.VerificationID == "") != (params.PhoneNumber == "") {
		return nil, invalidParams("VerificationID and PhoneNumber go together: set both for a sign-up challenge, neither for a sign-in challenge")
	}
	return s.authenticate(ctx, CreateAuthenticateParams{
		GrantType: GrantTypeRadarSMSChallenge, ClientID: params.ClientID,
		Code: params.Code, PendingAuthenticationToken: params.PendingAuthenticationToken,
		VerificationID: params.VerificationID, PhoneNumber: params.PhoneNumber,
		IPAddress: params.IPAddress, DeviceID: params.DeviceID, UserAgent: params.UserAgent,
	}, grantConfidential, opts)
}

// AuthenticateWithDeviceCodeParams name the device sign-in AuthenticateWithDeviceCode asks about
// once. DeviceCode is required (a blank one is refused with
// ErrInvalidParams before any request); PollDeviceCode asks until the user
// answers. Empty optional fields are left out of the request; an empty
// ClientID uses the Client's.
type AuthenticateWithDeviceCodeParams struct {
	// ClientID defaults to the Client's.
	ClientID string
	// DeviceCode is the device code from CreateDevice or AuthorizeDevice.
	// Required.
	DeviceCode string
	// IPAddress, DeviceID and UserAgent describe the user's device for
	// WorkOS's session records and Radar.
	IPAddress string
	DeviceID  string
	UserAgent string
}

// AuthenticateWithDeviceCode asks once whether the user approved a device
// code, and returns their session if so. Until then it fails with an
// *APIError whose Code is ErrorCodeAuthorizationPending or
// ErrorCodeSlowDown; an expired or denied code fails with a
// *DeviceCodeError. PollDeviceCode repeats it for you. No client secret is
// sent (the grant has none), and the API key is sent as the bearer token
// only when the Client has one, so a CLI can run it without a key.
func (s *UserManagementService) AuthenticateWithDeviceCode(ctx context.Context, params AuthenticateWithDeviceCodeParams, opts ...Option) (*AuthenticateResponse, error) {
	res, err := s.authenticate(ctx, CreateAuthenticateParams{
		GrantType: GrantTypeDeviceCode, ClientID: params.ClientID, DeviceCode: params.DeviceCode,
		IPAddress: params.IPAddress, DeviceID: params.DeviceID, UserAgent: params.UserAgent,
	}, grantNoSecret, opts)
	return res, deviceCodeError(err)
}

var errBadCodeVerifier = invalidParams("CodeVerifier must be 43 to 128 characters of A-Z a-z 0-9 - . _ ~")

// grantAuth is how a grant identifies the application.
type grantAuth int

const (
	// grantConfidential sends the API key as client_secret and bearer token,
	// and fails before sending when there is none.
	grantConfidential grantAuth = iota
	// grantSecretIfKey sends the API key as client_secret and bearer token when
	// there is one, and neither otherwise (refresh tokens).
	grantSecretIfKey
	// grantNoSecret never sends a client_secret; the bearer token goes only
	// when there is an API key (the device code grant).
	grantNoSecret
	// grantPublic sends neither (PKCE code exchange).
	grantPublic
	// grantCallerSecret sends the caller's client_secret, if any, and the bearer
	// token when there is an API key (CreateAuthenticate).
	grantCallerSecret
)

// authenticate is the one path every grant takes: it fills in the client
// ID, checks the body against its grant's rule, picks the client secret
// and bearer token, and sends POST /user_management/authenticate.
func (s *UserManagementService) authenticate(ctx context.Context, body CreateAuthenticateParams, auth grantAuth, opts []Option) (*AuthenticateResponse, error) {
	cfg := s.client.settingsFor(opts)
	if body.ClientID == "" {
		body.ClientID = cfg.clientID
	}
	if err := checkGrant(&body); err != nil {
		return nil, err
	}
	if body.ClientID == "" {
		return nil, ErrMissingClientID
	}
	switch auth {
	case grantConfidential:
		if cfg.apiKey == "" {
			return nil, ErrMissingAPIKey
		}
		body.ClientSecret = cfg.apiKey
	case grantSecretIfKey:
		body.ClientSecret = cfg.apiKey
	}
	if cfg.sealPassword != "" {
		if err := checkSealPassword(cfg.sealPassword); err != nil {
			return nil, err
		}
	}
	cl := call{method: http.MethodPost, path: "/user_management/authenticate", body: body, noAuth: auth == grantPublic || cfg.apiKey == ""}
	res, err := send[AuthenticateResponse](ctx, s.client, cl, opts)
	if err != nil || cfg.sealPassword == "" {
		return res, err
	}
	if res.SealedSession, err = sealReply(res, cfg.sealPassword); err != nil {
		return nil, err
	}
	return res, nil
}

// sealReply seals a successful authenticate reply into a session cookie. A
// 2xx reply without the tokens a session needs is the server's fault, not
// the caller's, so it fails with a *DecodeError rather than an error
// wrapping ErrInvalidParams.
func sealReply(res *AuthenticateResponse, password string) (string, error) {
	if res.AccessToken == "" || res.RefreshToken == "" {
		de := &DecodeError{Err: errors.New("reply has no access or refresh token to seal")}
		if res.LastResponse != nil {
			de.StatusCode, de.RequestID = res.LastResponse.StatusCode, res.LastResponse.RequestID
		}
		return "", de
	}
	return SealSessionFromAuthResponse(res, password)
}

// secretRule is whether a grant's body takes a client_secret.
type secretRule int

const (
	bodySecretRequired secretRule = iota
	bodySecretOptional
	bodySecretAbsent
)

// grantRule is the spec's body variant for one grant type: the fields it
// requires and the ones it allows, besides grant_type, client_id,
// client_secret, ip_address, device_id and user_agent.
type grantRule struct {
	secret   secretRule
	required []string
	optional []string
}

// grantRules are the body variants of POST /user_management/authenticate.
var grantRules = map[GrantType]grantRule{
	GrantTypeAuthorizationCode:     {bodySecretOptional, []string{"code"}, []string{"code_verifier", "invitation_token", "signals_id"}},
	GrantTypePassword:              {bodySecretRequired, []string{"email", "password"}, []string{"invitation_token", "signals_id", "radar_auth_attempt_id"}},
	GrantTypeRefreshToken:          {bodySecretOptional, []string{"refresh_token"}, []string{"organization_id"}},
	GrantTypeMagicAuth:             {bodySecretRequired, []string{"code", "email"}, []string{"invitation_token", "radar_auth_attempt_id"}},
	GrantTypeEmailVerification:     {bodySecretRequired, []string{"code", "pending_authentication_token"}, nil},
	GrantTypeMFATOTP:               {bodySecretRequired, []string{"code", "pending_authentication_token", "authentication_challenge_id"}, nil},
	GrantTypeOrganizationSelection: {bodySecretRequired, []string{"pending_authentication_token", "organization_id"}, nil},
	GrantTypeRadarEmailChallenge:   {bodySecretRequired, []string{"code", "radar_challenge_id", "pending_authentication_token"}, nil},
	GrantTypeRadarSMSChallenge:     {bodySecretRequired, []string{"code", "pending_authentication_token"}, []string{"verification_id", "phone_number"}},
	GrantTypeDeviceCode:            {bodySecretAbsent, []string{"device_code"}, nil},
}

// grantField is one grant-specific body field: its JSON and Go names and
// its value.
type grantField struct{ json, goName, value string }

func (p *CreateAuthenticateParams) grantFields() []grantField {
	return []grantField{
		{"code", "Code", p.Code},
		{"code_verifier", "CodeVerifier", p.CodeVerifier},
		{"email", "Email", p.Email},
		{"password", "Password", p.Password},
		{"refresh_token", "RefreshToken", p.RefreshToken},
		{"pending_authentication_token", "PendingAuthenticationToken", p.PendingAuthenticationToken},
		{"authentication_challenge_id", "AuthenticationChallengeID", p.AuthenticationChallengeID},
		{"radar_challenge_id", "RadarChallengeID", p.RadarChallengeID},
		{"organization_id", "OrganizationID", p.OrganizationID},
		{"verification_id", "VerificationID", p.VerificationID},
		{"phone_number", "PhoneNumber", p.PhoneNumber},
		{"device_code", "DeviceCode", p.DeviceCode},
		{"invitation_token", "InvitationToken", p.InvitationToken},
		{"signals_id", "SignalsID", p.SignalsID},
		{"radar_auth_attempt_id", "RadarAuthAttemptID", p.RadarAuthAttemptID},
	}
}

// checkGrant refuses a body that is not its grant type's variant: a
// required field missing, or a field the grant does not take. Unknown
// grant types pass unchecked.
func checkGrant(p *CreateAuthenticateParams) error {
	if strings.TrimSpace(string(p.GrantType)) == "" {
		return invalidParams("GrantType is required")
	}
	rule, known := grantRules[p.GrantType]
	if !known {
		return nil
	}
	if rule.secret == bodySecretAbsent && p.ClientSecret != "" {
		return invalidParams("ClientSecret is not used by grant_type %s", p.GrantType)
	}
	for _, f := range p.grantFields() {
		switch {
		case slices.Contains(rule.required, f.json):
			if strings.TrimSpace(f.value) == "" {
				return invalidParams("%s is required for grant_type %s", f.goName, p.GrantType)
			}
		case f.value != "" && !slices.Contains(rule.optional, f.json):
			return invalidParams("%s is not used by grant_type %s", f.goName, p.GrantType)
		}
	}
	return nil
}
