package workos

import "context"

// Each sign-in grant is three pieces side by side: its params, whose json
// tags are the grant's own body fields; its method, which names the grant
// type and how it authenticates; and its check of required fields. The
// shared part of the body (grant_type, client_id, client_secret) and the
// request itself come from authenticate, in authenticate.go.

// AuthenticateWithPasswordParams are the credentials
// AuthenticateWithPassword signs in with. Email and Password are required; a
// blank one is refused with ErrInvalidParams before any request. A wrong
// pair is an *APIError whose Code is ErrorCodeInvalidCredentials. Empty
// optional fields are left out of the request; an empty ClientID uses the
// Client's.
type AuthenticateWithPasswordParams struct {
	// ClientID defaults to the Client's.
	ClientID string `json:"-"`
	// Email and Password are the user's credentials. Required.
	Email    string `json:"email"`
	Password string `json:"password"`
	// InvitationToken accepts an invitation as part of the sign-in.
	InvitationToken string `json:"invitation_token,omitempty"`
	// SignalsID ties client-side Radar signals to this attempt.
	SignalsID string `json:"signals_id,omitempty"`
	// RadarAuthAttemptID is the Radar attempt returned by CreateUser.
	RadarAuthAttemptID string `json:"radar_auth_attempt_id,omitempty"`
	// IPAddress (the host alone, without a port), DeviceID and UserAgent
	// describe the user's device for WorkOS's session records and Radar.
	IPAddress string `json:"ip_address,omitempty"`
	DeviceID  string `json:"device_id,omitempty"`
	UserAgent string `json:"user_agent,omitempty"`
}

// AuthenticateWithPassword signs a user in with their email and password.
// It needs the API key, sent as the client secret. When the sign-in needs
// another step the error is a challenge type, such as
// *EmailVerificationRequiredError or *MFAChallengeError, carrying the
// pending authentication token for that step.
func (s *UserManagementService) AuthenticateWithPassword(ctx context.Context, params AuthenticateWithPasswordParams, opts ...Option) (*AuthenticateResponse, error) {
	return s.authenticate(ctx, grant{GrantTypePassword, params.ClientID, authAPIKey, ""}, &params, opts)
}

func (p *AuthenticateWithPasswordParams) check() error {
	return requireFields("Email", p.Email, "Password", p.Password)
}

// AuthenticateWithCodeParams carry the authorization code AuthKit sent to
// the redirect URI, for AuthenticateWithCode. Code is required;
// CodeVerifier, when set, must be a valid PKCE verifier (43 to 128
// unreserved characters), or the call is refused with ErrInvalidParams
// before any request. Empty optional fields are left out of the request; an
// empty ClientID uses the Client's.
type AuthenticateWithCodeParams struct {
	// ClientID defaults to the Client's.
	ClientID string `json:"-"`
	// Code is the authorization code sent to the redirect URI. Required.
	Code string `json:"code"`
	// CodeVerifier is the PKCE verifier, when the authorization URL carried
	// a code challenge.
	CodeVerifier string `json:"code_verifier,omitempty"`
	// InvitationToken accepts an invitation as part of the sign-in.
	InvitationToken string `json:"invitation_token,omitempty"`
	// SignalsID ties client-side Radar signals to this attempt.
	SignalsID string `json:"signals_id,omitempty"`
	// IPAddress (the host alone, without a port), DeviceID and UserAgent
	// describe the user's device for WorkOS's session records and Radar.
	IPAddress string `json:"ip_address,omitempty"`
	DeviceID  string `json:"device_id,omitempty"`
	UserAgent string `json:"user_agent,omitempty"`
}

// AuthenticateWithCode exchanges the authorization code AuthKit sent to the
// redirect URI for the user and their tokens, as a confidential client: the
// API key is sent as the client secret. Apps without an API key (mobile,
// single-page, CLI) use AuthenticateWithCodePKCE.
func (s *UserManagementService) AuthenticateWithCode(ctx context.Context, params AuthenticateWithCodeParams, opts ...Option) (*AuthenticateResponse, error) {
	return s.authenticate(ctx, grant{GrantTypeAuthorizationCode, params.ClientID, authAPIKey, ""}, &params, opts)
}

func (p *AuthenticateWithCodeParams) check() error {
	if p.CodeVerifier != "" && !validCodeVerifier(p.CodeVerifier) {
		return errBadCodeVerifier
	}
	return requireFields("Code", p.Code)
}

// AuthenticateWithCodePKCEParams carry the authorization code and the PKCE
// verifier of a public client, for AuthenticateWithCodePKCE. Code and
// CodeVerifier are required, and the verifier must be 43 to 128 unreserved
// characters; otherwise the call is refused with ErrInvalidParams before any
// request. Empty optional fields are left out of the request; an empty
// ClientID uses the Client's.
type AuthenticateWithCodePKCEParams struct {
	// ClientID defaults to the Client's.
	ClientID string `json:"-"`
	// Code is the authorization code sent to the redirect URI. Required.
	Code string `json:"code"`
	// CodeVerifier is the verifier returned with the authorization URL by
	// GetAuthorizationURLWithPKCE or GeneratePKCE. Required.
	CodeVerifier string `json:"code_verifier"`
	// InvitationToken accepts an invitation as part of the sign-in.
	InvitationToken string `json:"invitation_token,omitempty"`
	// SignalsID ties client-side Radar signals to this attempt.
	SignalsID string `json:"signals_id,omitempty"`
	// IPAddress (the host alone, without a port), DeviceID and UserAgent
	// describe the user's device for WorkOS's session records and Radar.
	IPAddress string `json:"ip_address,omitempty"`
	DeviceID  string `json:"device_id,omitempty"`
	UserAgent string `json:"user_agent,omitempty"`
}

// AuthenticateWithCodePKCE exchanges an authorization code as a public
// client: the PKCE code verifier proves the caller started the sign-in, so
// neither a client secret nor the API key is sent, even when the Client
// has one.
func (s *UserManagementService) AuthenticateWithCodePKCE(ctx context.Context, params AuthenticateWithCodePKCEParams, opts ...Option) (*AuthenticateResponse, error) {
	return s.authenticate(ctx, grant{GrantTypeAuthorizationCode, params.ClientID, authPublic, ""}, &params, opts)
}

func (p *AuthenticateWithCodePKCEParams) check() error {
	if err := requireFields("CodeVerifier", p.CodeVerifier); err != nil {
		return err
	}
	if !validCodeVerifier(p.CodeVerifier) {
		return errBadCodeVerifier
	}
	return requireFields("Code", p.Code)
}

// AuthenticateWithRefreshTokenParams name the refresh token
// AuthenticateWithRefreshToken redeems. RefreshToken is required (a blank
// one is refused with ErrInvalidParams before any request); it works once.
// An empty OrganizationID keeps the session's organization. Empty optional
// fields are left out of the request; an empty ClientID uses the Client's.
type AuthenticateWithRefreshTokenParams struct {
	// ClientID defaults to the Client's.
	ClientID string `json:"-"`
	// RefreshToken is the single-use token from an earlier authentication.
	// Required.
	RefreshToken string `json:"refresh_token"`
	// OrganizationID switches the new session to another of the user's
	// organizations.
	OrganizationID string `json:"organization_id,omitempty"`
	// IPAddress (the host alone, without a port), DeviceID and UserAgent
	// describe the user's device for WorkOS's session records and Radar.
	IPAddress string `json:"ip_address,omitempty"`
	DeviceID  string `json:"device_id,omitempty"`
	UserAgent string `json:"user_agent,omitempty"`
}

// AuthenticateWithRefreshToken redeems a refresh token for a new access
// token and a new refresh token; the old refresh token stops working. A
// revoked or already used token fails with an error that IsInvalidGrant
// reports. With an API key the Client sends it as the client secret and
// bearer token; without one it refreshes as a public client.
func (s *UserManagementService) AuthenticateWithRefreshToken(ctx context.Context, params AuthenticateWithRefreshTokenParams, opts ...Option) (*AuthenticateResponse, error) {
	return s.authenticate(ctx, grant{GrantTypeRefreshToken, params.ClientID, authAPIKeyIfAny, ""}, &params, opts)
}

func (p *AuthenticateWithRefreshTokenParams) check() error {
	return requireFields("RefreshToken", p.RefreshToken)
}

// AuthenticateWithMagicAuthParams are the emailed one-time code and its
// address, for AuthenticateWithMagicAuth. Code and Email are required; a
// blank one is refused with ErrInvalidParams before any request. A wrong or
// expired code is an *APIError whose Code is ErrorCodeInvalidOneTimeCode.
// Empty optional fields are left out of the request; an empty ClientID uses
// the Client's.
type AuthenticateWithMagicAuthParams struct {
	// ClientID defaults to the Client's.
	ClientID string `json:"-"`
	// Code is the one-time code CreateMagicAuth emailed. Required.
	Code string `json:"code"`
	// Email is the address the code was sent to. Required.
	Email string `json:"email"`
	// InvitationToken accepts an invitation as part of the sign-in.
	InvitationToken string `json:"invitation_token,omitempty"`
	// RadarAuthAttemptID is the Radar attempt returned by CreateMagicAuth.
	RadarAuthAttemptID string `json:"radar_auth_attempt_id,omitempty"`
	// IPAddress (the host alone, without a port), DeviceID and UserAgent
	// describe the user's device for WorkOS's session records and Radar.
	IPAddress string `json:"ip_address,omitempty"`
	DeviceID  string `json:"device_id,omitempty"`
	UserAgent string `json:"user_agent,omitempty"`
}

// AuthenticateWithMagicAuth signs a user in with the one-time code that
// CreateMagicAuth emailed them. It needs the API key.
func (s *UserManagementService) AuthenticateWithMagicAuth(ctx context.Context, params AuthenticateWithMagicAuthParams, opts ...Option) (*AuthenticateResponse, error) {
	return s.authenticate(ctx, grant{GrantTypeMagicAuth, params.ClientID, authAPIKey, ""}, &params, opts)
}

func (p *AuthenticateWithMagicAuthParams) check() error {
	return requireFields("Code", p.Code, "Email", p.Email)
}

// AuthenticateWithEmailVerificationParams finish a sign-in held back by
// *EmailVerificationRequiredError, for AuthenticateWithEmailVerification.
// Code and PendingAuthenticationToken are required; a blank one is refused
// with ErrInvalidParams before any request. Empty optional fields are left
// out of the request; an empty ClientID uses the Client's.
type AuthenticateWithEmailVerificationParams struct {
	// ClientID defaults to the Client's.
	ClientID string `json:"-"`
	// Code is the verification code emailed to the user. Required.
	Code string `json:"code"`
	// PendingAuthenticationToken comes from the
	// *EmailVerificationRequiredError. Required.
	PendingAuthenticationToken string `json:"pending_authentication_token"`
	// IPAddress (the host alone, without a port), DeviceID and UserAgent
	// describe the user's device for WorkOS's session records and Radar.
	IPAddress string `json:"ip_address,omitempty"`
	DeviceID  string `json:"device_id,omitempty"`
	UserAgent string `json:"user_agent,omitempty"`
}

// AuthenticateWithEmailVerification finishes a sign-in that failed with
// *EmailVerificationRequiredError: it checks the code emailed to the user,
// marks their email verified and returns their session. It needs the API
// key.
func (s *UserManagementService) AuthenticateWithEmailVerification(ctx context.Context, params AuthenticateWithEmailVerificationParams, opts ...Option) (*AuthenticateResponse, error) {
	return s.authenticate(ctx, grant{GrantTypeEmailVerification, params.ClientID, authAPIKey, ""}, &params, opts)
}

func (p *AuthenticateWithEmailVerificationParams) check() error {
	return requireFields("Code", p.Code, "PendingAuthenticationToken", p.PendingAuthenticationToken)
}

// AuthenticateWithTOTPParams finish a sign-in held back for multi-factor
// authentication, for AuthenticateWithTOTP. Code, PendingAuthenticationToken
// and AuthenticationChallengeID are all required; a blank one is refused
// with ErrInvalidParams before any request. Empty optional fields are left
// out of the request; an empty ClientID uses the Client's.
type AuthenticateWithTOTPParams struct {
	// ClientID defaults to the Client's.
	ClientID string `json:"-"`
	// Code is the code the user's authenticator app shows. Required.
	Code string `json:"code"`
	// PendingAuthenticationToken comes from the *MFAChallengeError or
	// *MFAEnrollmentError. Required.
	PendingAuthenticationToken string `json:"pending_authentication_token"`
	// AuthenticationChallengeID is the challenge the code answers. Required.
	AuthenticationChallengeID string `json:"authentication_challenge_id"`
	// IPAddress (the host alone, without a port), DeviceID and UserAgent
	// describe the user's device for WorkOS's session records and Radar.
	IPAddress string `json:"ip_address,omitempty"`
	DeviceID  string `json:"device_id,omitempty"`
	UserAgent string `json:"user_agent,omitempty"`
}

// AuthenticateWithTOTP finishes a sign-in held back for multi-factor
// authentication by checking a TOTP code against an authentication
// challenge. It needs the API key.
func (s *UserManagementService) AuthenticateWithTOTP(ctx context.Context, params AuthenticateWithTOTPParams, opts ...Option) (*AuthenticateResponse, error) {
	return s.authenticate(ctx, grant{GrantTypeMFATOTP, params.ClientID, authAPIKey, ""}, &params, opts)
}

func (p *AuthenticateWithTOTPParams) check() error {
	return requireFields("Code", p.Code, "PendingAuthenticationToken", p.PendingAuthenticationToken,
		"AuthenticationChallengeID", p.AuthenticationChallengeID)
}

// AuthenticateWithOrganizationSelectionParams finish a sign-in held back by
// *OrganizationSelectionRequiredError with the organization the user picked,
// for AuthenticateWithOrganizationSelection. PendingAuthenticationToken and
// OrganizationID are required; a blank one is refused with ErrInvalidParams
// before any request. Empty optional fields are left out of the request; an
// empty ClientID uses the Client's.
type AuthenticateWithOrganizationSelectionParams struct {
	// ClientID defaults to the Client's.
	ClientID string `json:"-"`
	// PendingAuthenticationToken comes from the
	// *OrganizationSelectionRequiredError. Required.
	PendingAuthenticationToken string `json:"pending_authentication_token"`
	// OrganizationID is the organization the user picked. Required.
	OrganizationID string `json:"organization_id"`
	// IPAddress (the host alone, without a port), DeviceID and UserAgent
	// describe the user's device for WorkOS's session records and Radar.
	IPAddress string `json:"ip_address,omitempty"`
	DeviceID  string `json:"device_id,omitempty"`
	UserAgent string `json:"user_agent,omitempty"`
}

// AuthenticateWithOrganizationSelection finishes a sign-in that failed
// with *OrganizationSelectionRequiredError, scoping the session to the
// organization the user picked. It needs the API key.
func (s *UserManagementService) AuthenticateWithOrganizationSelection(ctx context.Context, params AuthenticateWithOrganizationSelectionParams, opts ...Option) (*AuthenticateResponse, error) {
	return s.authenticate(ctx, grant{GrantTypeOrganizationSelection, params.ClientID, authAPIKey, ""}, &params, opts)
}

func (p *AuthenticateWithOrganizationSelectionParams) check() error {
	return requireFields("PendingAuthenticationToken", p.PendingAuthenticationToken, "OrganizationID", p.OrganizationID)
}

// AuthenticateWithRadarEmailChallengeParams answer a Radar email challenge,
// for AuthenticateWithRadarEmailChallenge. Code, RadarChallengeID and
// PendingAuthenticationToken are required; a blank one is refused with
// ErrInvalidParams before any request. Empty optional fields are left out of
// the request; an empty ClientID uses the Client's.
type AuthenticateWithRadarEmailChallengeParams struct {
	// ClientID defaults to the Client's.
	ClientID string `json:"-"`
	// Code is the one-time code Radar emailed to the user. Required.
	Code string `json:"code"`
	// RadarChallengeID is the email challenge being answered. Required.
	RadarChallengeID string `json:"radar_challenge_id"`
	// PendingAuthenticationToken comes from the *RadarChallengeError.
	// Required.
	PendingAuthenticationToken string `json:"pending_authentication_token"`
	// IPAddress (the host alone, without a port), DeviceID and UserAgent
	// describe the user's device for WorkOS's session records and Radar.
	IPAddress string `json:"ip_address,omitempty"`
	DeviceID  string `json:"device_id,omitempty"`
	UserAgent string `json:"user_agent,omitempty"`
}

// AuthenticateWithRadarEmailChallenge finishes a sign-in that Radar held
// back (a *RadarChallengeError) by checking the code Radar emailed to the
// user. It needs the API key.
func (s *UserManagementService) AuthenticateWithRadarEmailChallenge(ctx context.Context, params AuthenticateWithRadarEmailChallengeParams, opts ...Option) (*AuthenticateResponse, error) {
	return s.authenticate(ctx, grant{GrantTypeRadarEmailChallenge, params.ClientID, authAPIKey, ""}, &params, opts)
}

func (p *AuthenticateWithRadarEmailChallengeParams) check() error {
	return requireFields("Code", p.Code, "RadarChallengeID", p.RadarChallengeID,
		"PendingAuthenticationToken", p.PendingAuthenticationToken)
}

// AuthenticateWithRadarSMSChallengeParams answer a Radar text-message
// challenge, for AuthenticateWithRadarSMSChallenge. Code and
// PendingAuthenticationToken are required; VerificationID and PhoneNumber
// are set together for a sign-up challenge and both left empty for a sign-in
// one. Anything else is refused with ErrInvalidParams before any request.
// Empty optional fields are left out of the request; an empty ClientID uses
// the Client's.
type AuthenticateWithRadarSMSChallengeParams struct {
	// ClientID defaults to the Client's.
	ClientID string `json:"-"`
	// Code is the one-time code Radar texted to the user. Required.
	Code string `json:"code"`
	// PendingAuthenticationToken comes from the *RadarChallengeError.
	// Required.
	PendingAuthenticationToken string `json:"pending_authentication_token"`
	// VerificationID and PhoneNumber are required together for a sign-up
	// challenge (RadarChallengeSignUp) and left empty for a sign-in
	// challenge, where WorkOS uses the number on file.
	VerificationID string `json:"verification_id,omitempty"`
	PhoneNumber    string `json:"phone_number,omitempty"`
	// IPAddress (the host alone, without a port), DeviceID and UserAgent
	// describe the user's device for WorkOS's session records and Radar.
	IPAddress string `json:"ip_address,omitempty"`
	DeviceID  string `json:"device_id,omitempty"`
	UserAgent string `json:"user_agent,omitempty"`
}

// AuthenticateWithRadarSMSChallenge finishes a sign-in or sign-up that
// Radar held back (a *RadarChallengeError) by checking the code Radar
// texted to the user. It needs the API key.
func (s *UserManagementService) AuthenticateWithRadarSMSChallenge(ctx context.Context, params AuthenticateWithRadarSMSChallengeParams, opts ...Option) (*AuthenticateResponse, error) {
	return s.authenticate(ctx, grant{GrantTypeRadarSMSChallenge, params.ClientID, authAPIKey, ""}, &params, opts)
}

func (p *AuthenticateWithRadarSMSChallengeParams) check() error {
	if (p.VerificationID == "") != (p.PhoneNumber == "") {
		return invalidParams("VerificationID and PhoneNumber go together: set both for a sign-up challenge, neither for a sign-in challenge")
	}
	return requireFields("Code", p.Code, "PendingAuthenticationToken", p.PendingAuthenticationToken)
}

// AuthenticateWithDeviceCodeParams name the device sign-in
// AuthenticateWithDeviceCode asks about once. DeviceCode is required (a
// blank one is refused with ErrInvalidParams before any request);
// PollDeviceCode asks until the user answers. Empty optional fields are left
// out of the request; an empty ClientID uses the Client's.
type AuthenticateWithDeviceCodeParams struct {
	// ClientID defaults to the Client's.
	ClientID string `json:"-"`
	// DeviceCode is the device code from CreateDevice or AuthorizeDevice.
	// Required.
	DeviceCode string `json:"device_code"`
	// IPAddress (the host alone, without a port), DeviceID and UserAgent
	// describe the user's device for WorkOS's session records and Radar.
	IPAddress string `json:"ip_address,omitempty"`
	DeviceID  string `json:"device_id,omitempty"`
	UserAgent string `json:"user_agent,omitempty"`
}

// AuthenticateWithDeviceCode asks once whether the user approved a device
// code, and returns their session if so. Until then it fails with an
// *APIError whose Code is ErrorCodeAuthorizationPending or
// ErrorCodeSlowDown; an expired or denied code fails with a
// *DeviceCodeError. PollDeviceCode repeats it for you. No client secret is
// sent (the grant has none), and the API key is sent as the bearer token
// only when the Client has one, so a CLI can run it without a key.
func (s *UserManagementService) AuthenticateWithDeviceCode(ctx context.Context, params AuthenticateWithDeviceCodeParams, opts ...Option) (*AuthenticateResponse, error) {
	res, err := s.authenticate(ctx, grant{GrantTypeDeviceCode, params.ClientID, authBearerOnly, ""}, &params, opts)
	return res, deviceCodeError(err)
}

func (p *AuthenticateWithDeviceCodeParams) check() error {
	return requireFields("DeviceCode", p.DeviceCode)
}
