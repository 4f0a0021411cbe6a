package workos

import "log/slog"

// The inputs below carry credentials: passwords, one-time codes, tokens.
// They describe themselves with the same logFields mechanism as the
// results in log_values.go, so a program that prints or logs its params
// for debugging writes "REDACTED" instead of the secret. The methods live
// here rather than beside each type so that the redaction rules stay in
// one place.

func (p AuthenticateWithPasswordParams) logFields() []logField {
	return []logField{{"email", p.Email}, {"password", redactedIfSet(p.Password)}, {"invitation_token", redactedIfSet(p.InvitationToken)}}
}

// String describes the sign-in without its password or invitation token.
func (p AuthenticateWithPasswordParams) String() string {
	return describe("AuthenticateWithPasswordParams", p.logFields()...)
}

// GoString is String, so %#v hides the secrets too.
func (p AuthenticateWithPasswordParams) GoString() string { return p.String() }

// LogValue logs the sign-in without its password or invitation token.
func (p AuthenticateWithPasswordParams) LogValue() slog.Value { return logGroup(p.logFields()...) }

func (p AuthenticateWithCodeParams) logFields() []logField {
	return []logField{{"code", redactedIfSet(p.Code)}, {"code_verifier", redactedIfSet(p.CodeVerifier)}, {"invitation_token", redactedIfSet(p.InvitationToken)}}
}

// String describes the code exchange without its code, PKCE verifier or invitation token.
func (p AuthenticateWithCodeParams) String() string {
	return describe("AuthenticateWithCodeParams", p.logFields()...)
}

// GoString is String, so %#v hides the secrets too.
func (p AuthenticateWithCodeParams) GoString() string { return p.String() }

// LogValue logs the code exchange without its code, PKCE verifier or invitation token.
func (p AuthenticateWithCodeParams) LogValue() slog.Value { return logGroup(p.logFields()...) }

func (p AuthenticateWithCodePKCEParams) logFields() []logField {
	return []logField{{"code", redactedIfSet(p.Code)}, {"code_verifier", redactedIfSet(p.CodeVerifier)}, {"invitation_token", redactedIfSet(p.InvitationToken)}}
}

// String describes the code exchange without its code, PKCE verifier or invitation token.
func (p AuthenticateWithCodePKCEParams) String() string {
	return describe("AuthenticateWithCodePKCEParams", p.logFields()...)
}

// GoString is String, so %#v hides the secrets too.
func (p AuthenticateWithCodePKCEParams) GoString() string { return p.String() }

// LogValue logs the code exchange without its code, PKCE verifier or invitation token.
func (p AuthenticateWithCodePKCEParams) LogValue() slog.Value { return logGroup(p.logFields()...) }

func (p AuthenticateWithRefreshTokenParams) logFields() []logField {
	return []logField{{"organization_id", p.OrganizationID}, {"refresh_token", redactedIfSet(p.RefreshToken)}}
}

// String describes the refresh without its refresh token.
func (p AuthenticateWithRefreshTokenParams) String() string {
	return describe("AuthenticateWithRefreshTokenParams", p.logFields()...)
}

// GoString is String, so %#v hides the secrets too.
func (p AuthenticateWithRefreshTokenParams) GoString() string { return p.String() }

// LogValue logs the refresh without its refresh token.
func (p AuthenticateWithRefreshTokenParams) LogValue() slog.Value { return logGroup(p.logFields()...) }

func (p AuthenticateWithMagicAuthParams) logFields() []logField {
	return []logField{{"email", p.Email}, {"code", redactedIfSet(p.Code)}, {"invitation_token", redactedIfSet(p.InvitationToken)}}
}

// String describes the sign-in without its code or invitation token.
func (p AuthenticateWithMagicAuthParams) String() string {
	return describe("AuthenticateWithMagicAuthParams", p.logFields()...)
}

// GoString is String, so %#v hides the secrets too.
func (p AuthenticateWithMagicAuthParams) GoString() string { return p.String() }

// LogValue logs the sign-in without its code or invitation token.
func (p AuthenticateWithMagicAuthParams) LogValue() slog.Value { return logGroup(p.logFields()...) }

func (p AuthenticateWithEmailVerificationParams) logFields() []logField {
	return []logField{{"code", redactedIfSet(p.Code)}, {"pending_authentication_token", redactedIfSet(p.PendingAuthenticationToken)}}
}

// String describes the sign-in step without its code or pending authentication token.
func (p AuthenticateWithEmailVerificationParams) String() string {
	return describe("AuthenticateWithEmailVerificationParams", p.logFields()...)
}

// GoString is String, so %#v hides the secrets too.
func (p AuthenticateWithEmailVerificationParams) GoString() string { return p.String() }

// LogValue logs the sign-in step without its code or pending authentication token.
func (p AuthenticateWithEmailVerificationParams) LogValue() slog.Value {
	return logGroup(p.logFields()...)
}

func (p AuthenticateWithTOTPParams) logFields() []logField {
	return []logField{{"authentication_challenge_id", p.AuthenticationChallengeID}, {"code", redactedIfSet(p.Code)}, {"pending_authentication_token", redactedIfSet(p.PendingAuthenticationToken)}}
}

// String describes the sign-in step without its code or pending authentication token.
func (p AuthenticateWithTOTPParams) String() string {
	return describe("AuthenticateWithTOTPParams", p.logFields()...)
}

// GoString is String, so %#v hides the secrets too.
func (p AuthenticateWithTOTPParams) GoString() string { return p.String() }

// LogValue logs the sign-in step without its code or pending authentication token.
func (p AuthenticateWithTOTPParams) LogValue() slog.Value { return logGroup(p.logFields()...) }

func (p AuthenticateWithOrganizationSelectionParams) logFields() []logField {
	return []logField{{"organization_id", p.OrganizationID}, {"pending_authentication_token", redactedIfSet(p.PendingAuthenticationToken)}}
}

// String describes the sign-in step without its pending authentication token.
func (p AuthenticateWithOrganizationSelectionParams) String() string {
	return describe("AuthenticateWithOrganizationSelectionParams", p.logFields()...)
}

// GoString is String, so %#v hides the secrets too.
func (p AuthenticateWithOrganizationSelectionParams) GoString() string { return p.String() }

// LogValue logs the sign-in step without its pending authentication token.
func (p AuthenticateWithOrganizationSelectionParams) LogValue() slog.Value {
	return logGroup(p.logFields()...)
}

func (p AuthenticateWithRadarEmailChallengeParams) logFields() []logField {
	return []logField{{"radar_challenge_id", p.RadarChallengeID}, {"code", redactedIfSet(p.Code)}, {"pending_authentication_token", redactedIfSet(p.PendingAuthenticationToken)}}
}

// String describes the sign-in step without its code or pending authentication token.
func (p AuthenticateWithRadarEmailChallengeParams) String() string {
	return describe("AuthenticateWithRadarEmailChallengeParams", p.logFields()...)
}

// GoString is String, so %#v hides the secrets too.
func (p AuthenticateWithRadarEmailChallengeParams) GoString() string { return p.String() }

// LogValue logs the sign-in step without its code or pending authentication token.
func (p AuthenticateWithRadarEmailChallengeParams) LogValue() slog.Value {
	return logGroup(p.logFields()...)
}

func (p AuthenticateWithRadarSMSChallengeParams) logFields() []logField {
	return []logField{{"verification_id", p.VerificationID}, {"code", redactedIfSet(p.Code)}, {"pending_authentication_token", redactedIfSet(p.PendingAuthenticationToken)}}
}

// String describes the sign-in step without its code or pending authentication token.
func (p AuthenticateWithRadarSMSChallengeParams) String() string {
	return describe("AuthenticateWithRadarSMSChallengeParams", p.logFields()...)
}

// GoString is String, so %#v hides the secrets too.
func (p AuthenticateWithRadarSMSChallengeParams) GoString() string { return p.String() }

// LogValue logs the sign-in step without its code or pending authentication token.
func (p AuthenticateWithRadarSMSChallengeParams) LogValue() slog.Value {
	return logGroup(p.logFields()...)
}

func (p AuthenticateWithDeviceCodeParams) logFields() []logField {
	return []logField{{"device_code", redactedIfSet(p.DeviceCode)}}
}

// String describes the device sign-in without its device code.
func (p AuthenticateWithDeviceCodeParams) String() string {
	return describe("AuthenticateWithDeviceCodeParams", p.logFields()...)
}

// GoString is String, so %#v hides the secrets too.
func (p AuthenticateWithDeviceCodeParams) GoString() string { return p.String() }

// LogValue logs the device sign-in without its device code.
func (p AuthenticateWithDeviceCodeParams) LogValue() slog.Value { return logGroup(p.logFields()...) }

func (p CreateAuthenticateParams) logFields() []logField {
	return []logField{{"grant_type", string(p.GrantType)}, {"client_id", p.ClientID}, {"email", p.Email}, {"organization_id", p.OrganizationID}, {"client_secret", redactedIfSet(p.ClientSecret)}, {"password", redactedIfSet(p.Password)}, {"code", redactedIfSet(p.Code)}, {"code_verifier", redactedIfSet(p.CodeVerifier)}, {"refresh_token", redactedIfSet(p.RefreshToken)}, {"pending_authentication_token", redactedIfSet(p.PendingAuthenticationToken)}, {"invitation_token", redactedIfSet(p.InvitationToken)}, {"device_code", redactedIfSet(p.DeviceCode)}}
}

// String describes the authenticate request without its client secret, credentials, codes or tokens.
func (p CreateAuthenticateParams) String() string {
	return describe("CreateAuthenticateParams", p.logFields()...)
}

// GoString is String, so %#v hides the secrets too.
func (p CreateAuthenticateParams) GoString() string { return p.String() }

// LogValue logs the authenticate request without its client secret, credentials, codes or tokens.
func (p CreateAuthenticateParams) LogValue() slog.Value { return logGroup(p.logFields()...) }

func (p ConfirmPasswordResetParams) logFields() []logField {
	return []logField{{"token", redactedIfSet(p.Token)}, {"new_password", redactedIfSet(p.NewPassword)}}
}

// String describes the reset without its token or new password.
func (p ConfirmPasswordResetParams) String() string {
	return describe("ConfirmPasswordResetParams", p.logFields()...)
}

// GoString is String, so %#v hides the secrets too.
func (p ConfirmPasswordResetParams) GoString() string { return p.String() }

// LogValue logs the reset without its token or new password.
func (p ConfirmPasswordResetParams) LogValue() slog.Value { return logGroup(p.logFields()...) }

func (p VerifyEmailParams) logFields() []logField {
	return []logField{{"code", redactedIfSet(p.Code)}}
}

// String describes the verification without its code.
func (p VerifyEmailParams) String() string { return describe("VerifyEmailParams", p.logFields()...) }

// GoString is String, so %#v hides the secrets too.
func (p VerifyEmailParams) GoString() string { return p.String() }

// LogValue logs the verification without its code.
func (p VerifyEmailParams) LogValue() slog.Value { return logGroup(p.logFields()...) }

func (p ConfirmEmailChangeParams) logFields() []logField {
	return []logField{{"code", redactedIfSet(p.Code)}}
}

// String describes the confirmation without its code.
func (p ConfirmEmailChangeParams) String() string {
	return describe("ConfirmEmailChangeParams", p.logFields()...)
}

// GoString is String, so %#v hides the secrets too.
func (p ConfirmEmailChangeParams) GoString() string { return p.String() }

// LogValue logs the confirmation without its code.
func (p ConfirmEmailChangeParams) LogValue() slog.Value { return logGroup(p.logFields()...) }

func (p PollDeviceCodeParams) logFields() []logField {
	return []logField{{"device_code", redactedIfSet(p.DeviceCode)}}
}

// String describes the poll without its device code.
func (p PollDeviceCodeParams) String() string {
	return describe("PollDeviceCodeParams", p.logFields()...)
}

// GoString is String, so %#v hides the secrets too.
func (p PollDeviceCodeParams) GoString() string { return p.String() }

// LogValue logs the poll without its device code.
func (p PollDeviceCodeParams) LogValue() slog.Value { return logGroup(p.logFields()...) }

func (p SendRadarChallengeParams) logFields() []logField {
	return []logField{{"user_id", p.UserID}, {"pending_authentication_token", redactedIfSet(p.PendingAuthenticationToken)}}
}

// String describes the challenge request without its pending authentication token.
func (p SendRadarChallengeParams) String() string {
	return describe("SendRadarChallengeParams", p.logFields()...)
}

// GoString is String, so %#v hides the secrets too.
func (p SendRadarChallengeParams) GoString() string { return p.String() }

// LogValue logs the challenge request without its pending authentication token.
func (p SendRadarChallengeParams) LogValue() slog.Value { return logGroup(p.logFields()...) }

func (p RefreshSessionParams) logFields() []logField {
	return []logField{{"organization_id", p.OrganizationID}, {"cookie_password", redactedIfSet(p.CookiePassword)}}
}

// String describes the refresh without a new cookie password.
func (p RefreshSessionParams) String() string {
	return describe("RefreshSessionParams", p.logFields()...)
}

// GoString is String, so %#v hides the secrets too.
func (p RefreshSessionParams) GoString() string { return p.String() }

// LogValue logs the refresh without a new cookie password.
func (p RefreshSessionParams) LogValue() slog.Value { return logGroup(p.logFields()...) }

func (p EnrollAuthFactorParams) logFields() []logField {
	return []logField{{"totp_secret", redactedIfSet(p.TOTPSecret)}}
}

// String describes the enrollment without a TOTP secret.
func (p EnrollAuthFactorParams) String() string {
	return describe("EnrollAuthFactorParams", p.logFields()...)
}

// GoString is String, so %#v hides the secrets too.
func (p EnrollAuthFactorParams) GoString() string { return p.String() }

// LogValue logs the enrollment without a TOTP secret.
func (p EnrollAuthFactorParams) LogValue() slog.Value { return logGroup(p.logFields()...) }

func (p CreateMagicAuthParams) logFields() []logField {
	return []logField{{"email", p.Email}, {"invitation_token", redactedIfSet(p.InvitationToken)}}
}

// String describes the request without its invitation token.
func (p CreateMagicAuthParams) String() string {
	return describe("CreateMagicAuthParams", p.logFields()...)
}

// GoString is String, so %#v hides the secrets too.
func (p CreateMagicAuthParams) GoString() string { return p.String() }

// LogValue logs the request without its invitation token.
func (p CreateMagicAuthParams) LogValue() slog.Value { return logGroup(p.logFields()...) }

func (p CreateConnectedAccountParams) logFields() []logField {
	return []logField{{"organization_id", p.OrganizationID}, {"access_token", redactedIfSet(p.AccessToken)}, {"refresh_token", redactedIfSet(p.RefreshToken)}}
}

// String describes the request without the provider's tokens.
func (p CreateConnectedAccountParams) String() string {
	return describe("CreateConnectedAccountParams", p.logFields()...)
}

// GoString is String, so %#v hides the secrets too.
func (p CreateConnectedAccountParams) GoString() string { return p.String() }

// LogValue logs the request without the provider's tokens.
func (p CreateConnectedAccountParams) LogValue() slog.Value { return logGroup(p.logFields()...) }

func (p UpdateConnectedAccountParams) logFields() []logField {
	return []logField{{"access_token", redactedIfSet(p.AccessToken)}, {"refresh_token", redactedIfSet(p.RefreshToken)}}
}

// String describes the request without the provider's tokens.
func (p UpdateConnectedAccountParams) String() string {
	return describe("UpdateConnectedAccountParams", p.logFields()...)
}

// GoString is String, so %#v hides the secrets too.
func (p UpdateConnectedAccountParams) GoString() string { return p.String() }

// LogValue logs the request without the provider's tokens.
func (p UpdateConnectedAccountParams) LogValue() slog.Value { return logGroup(p.logFields()...) }

func (p GetAuthorizationURLParams) logFields() []logField {
	return []logField{{"redirect_uri", p.RedirectURI}, {"provider", string(p.Provider)}, {"organization_id", p.OrganizationID}, {"invitation_token", redactedIfSet(p.InvitationToken)}}
}

// String describes the URL's inputs without the invitation token.
func (p GetAuthorizationURLParams) String() string {
	return describe("GetAuthorizationURLParams", p.logFields()...)
}

// GoString is String, so %#v hides the secrets too.
func (p GetAuthorizationURLParams) GoString() string { return p.String() }

// LogValue logs the URL's inputs without the invitation token.
func (p GetAuthorizationURLParams) LogValue() slog.Value { return logGroup(p.logFields()...) }

func (p PasswordHash) logFields() []logField {
	return []logField{{"type", string(p.Type)}, {"hash", redactedIfSet(p.Hash)}}
}

// String describes the imported hash without the hash itself.
func (p PasswordHash) String() string { return describe("PasswordHash", p.logFields()...) }

// GoString is String, so %#v hides the secrets too.
func (p PasswordHash) GoString() string { return p.String() }

// LogValue logs the imported hash without the hash itself.
func (p PasswordHash) LogValue() slog.Value { return logGroup(p.logFields()...) }

// apiErrorFields describes an API error by its one-line Error text, which
// never holds the body (where a pending authentication token may be).
func apiErrorFields(e *APIError) []logField {
	if e == nil {
		return nil
	}
	return []logField{{"error", e.Error()}}
}

// GoString describes the error by its status, code, message and request
// id, without the raw Body, which may hold a pending authentication token.
func (e *APIError) GoString() string { return describe("APIError", apiErrorFields(e)...) }

// LogValue logs the status, code, message and request id, without the raw
// Body. The typed authentication errors log through it too.
func (e *APIError) LogValue() slog.Value {
	if e == nil {
		return slog.StringValue("<nil>")
	}
	return slog.GroupValue(slog.Int("status", e.StatusCode), slog.String("code", string(e.Code)),
		slog.String("message", e.Message), slog.String("request_id", e.RequestID))
}

// authErrorFields describes a typed authentication error: its API error
// and whether it carries a pending authentication token.
func authErrorFields(e *APIError, pending string) []logField {
	return append(apiErrorFields(e), logField{"pending_authentication_token", redactedIfSet(pending)})
}

// GoString describes the error without its pending authentication token.
func (e *EmailVerificationRequiredError) GoString() string {
	return describe("EmailVerificationRequiredError", authErrorFields(e.APIError, e.PendingAuthenticationToken)...)
}

// GoString describes the error without its pending authentication token.
func (e *MFAEnrollmentError) GoString() string {
	return describe("MFAEnrollmentError", authErrorFields(e.APIError, e.PendingAuthenticationToken)...)
}

// GoString describes the error without its pending authentication token.
func (e *MFAChallengeError) GoString() string {
	return describe("MFAChallengeError", authErrorFields(e.APIError, e.PendingAuthenticationToken)...)
}

// GoString describes the error without its pending authentication token.
func (e *OrganizationSelectionRequiredError) GoString() string {
	return describe("OrganizationSelectionRequiredError", authErrorFields(e.APIError, e.PendingAuthenticationToken)...)
}

// GoString describes the error without its pending authentication token.
func (e *SSORequiredError) GoString() string {
	return describe("SSORequiredError", authErrorFields(e.APIError, e.PendingAuthenticationToken)...)
}

// GoString describes the error without its pending authentication token.
func (e *OrganizationAuthenticationMethodsRequiredError) GoString() string {
	return describe("OrganizationAuthenticationMethodsRequiredError", authErrorFields(e.APIError, e.PendingAuthenticationToken)...)
}

// GoString describes the error without its pending authentication token.
func (e *RadarChallengeError) GoString() string {
	return describe("RadarChallengeError", authErrorFields(e.APIError, e.PendingAuthenticationToken)...)
}

// GoString describes the error without its pending authentication token.
func (e *AuthenticationError) GoString() string {
	return describe("AuthenticationError", authErrorFields(e.APIError, e.PendingAuthenticationToken)...)
}

// LogValue logs a PlainPassword as REDACTED; String and GoString, beside
// the type, do the same for fmt.
func (PlainPassword) LogValue() slog.Value { return slog.StringValue("REDACTED") }

// String describes the service without the Client's API key.
func (s *UserManagementService) String() string { return "UserManagementService" }

// GoString is String, so %#v hides the API key too.
func (s *UserManagementService) GoString() string { return s.String() }

// String describes the service without the Client's API key.
func (s *OrganizationsService) String() string { return "OrganizationsService" }

// GoString is String, so %#v hides the API key too.
func (s *OrganizationsService) GoString() string { return s.String() }

// String describes the service without the Client's API key.
func (s *AuthorizationService) String() string { return "AuthorizationService" }

// GoString is String, so %#v hides the API key too.
func (s *AuthorizationService) GoString() string { return s.String() }

// String describes the service without the Client's API key.
func (s *EventsService) String() string { return "EventsService" }

// GoString is String, so %#v hides the API key too.
func (s *EventsService) GoString() string { return s.String() }
