package workos

import (
	"encoding/json"
	"errors"
)

// Error codes of POST /user_management/authenticate, as found in
// APIError.Code (the body's "code", or its OAuth-style "error"). Switch on
// them to handle a failure the API reports:
//
//	var apiErr *workos.APIError
//	if errors.As(err, &apiErr) && apiErr.Code == workos.ErrorCodeInvalidCredentials { ... }
//
// The codes that start a further authentication step come back as their
// own error types (see typed errors below); their constants are listed too
// so a switch can name them.
const (
	// ErrorCodeInvalidOrganizationID: the organization ID is not valid
	// for this sign-in (400).
	ErrorCodeInvalidOrganizationID = "invalid_organization_id"
	// ErrorCodeCodeChallengeNotFound: no PKCE code challenge was found for
	// the authorization code (400).
	ErrorCodeCodeChallengeNotFound = "code_challenge_not_found"
	// ErrorCodeInvalidCredentials: the email or password is wrong (400).
	ErrorCodeInvalidCredentials = "invalid_credentials"
	// ErrorCodeInvalidOneTimeCode: the magic auth, email verification or
	// MFA code is wrong (400).
	ErrorCodeInvalidOneTimeCode = "invalid_one_time_code"
	// ErrorCodeOneTimeCodePreviouslyUsed: the one-time code was already
	// redeemed (400).
	ErrorCodeOneTimeCodePreviouslyUsed = "one_time_code_previously_used"
	// ErrorCodeOneTimeCodeExpired: the one-time code expired; send a new
	// one (400).
	ErrorCodeOneTimeCodeExpired = "one_time_code_expired"
	// ErrorCodeOneTimeCodeTooManyAttempts: too many wrong codes; send a
	// new one (400).
	ErrorCodeOneTimeCodeTooManyAttempts = "one_time_code_too_many_attempts"
	// ErrorCodeInvalidPendingAuthenticationToken: the pending
	// authentication token is unknown, used or expired; start the sign-in
	// again (400).
	ErrorCodeInvalidPendingAuthenticationToken = "invalid_pending_authentication_token"
	// ErrorCodeUserMismatch: the code or token belongs to another user
	// (400).
	ErrorCodeUserMismatch = "user_mismatch"
	// ErrorCodePhoneNumberRequired: a Radar SMS sign-up challenge needs
	// PhoneNumber (400).
	ErrorCodePhoneNumberRequired = "phone_number_required"
	// ErrorCodeVerificationIDRequired: a Radar SMS sign-up challenge needs
	// VerificationID (400).
	ErrorCodeVerificationIDRequired = "verification_id_required"
	// ErrorCodeInvalidClient: the client ID or client secret is wrong
	// (400).
	ErrorCodeInvalidClient = "invalid_client"
	// ErrorCodeUnauthorizedClient: the client may not use this grant type
	// (400).
	ErrorCodeUnauthorizedClient = "unauthorized_client"
	// ErrorCodeInvalidProfile: the user's profile from the identity
	// provider was refused (400).
	ErrorCodeInvalidProfile = "invalid_profile"
	// ErrorCodeInvitationInvalid: the invitation token is unknown,
	// expired or revoked (400).
	ErrorCodeInvitationInvalid = "invitation_invalid"
	// ErrorCodeInvitationCannotBeUsedForEmail: the invitation was sent to
	// another email address (400).
	ErrorCodeInvitationCannotBeUsedForEmail = "invitation_cannot_be_used_for_email"
	// ErrorCodeAuthenticationMethodNotAllowed: the environment or
	// organization does not allow this way of signing in (400, or 403 as
	// an *AuthenticationError).
	ErrorCodeAuthenticationMethodNotAllowed = "authentication_method_not_allowed"
	// ErrorCodeInvalidConnection: the SSO connection is unknown or
	// inactive (400).
	ErrorCodeInvalidConnection = "invalid_connection"
	// ErrorCodeSignUpNotAllowed: the environment does not allow new users
	// to sign up this way (400).
	ErrorCodeSignUpNotAllowed = "sign_up_not_allowed"
	// ErrorCodeInvalidLinkAuthorizationCode: a link authorization code is
	// invalid (400).
	ErrorCodeInvalidLinkAuthorizationCode = "invalid_link_authorization_code"
	// ErrorCodeExtraAttributesRequired: more user attributes are needed
	// to finish the sign-in (400).
	ErrorCodeExtraAttributesRequired = "extra_attributes_required"
	// ErrorCodePKCENotSupported: PKCE cannot be used for this sign-in
	// (400).
	ErrorCodePKCENotSupported = "pkce_not_supported"
	// ErrorCodeExpiredToken: the device code expired (400); see
	// ErrDeviceCodeExpired.
	ErrorCodeExpiredToken = "expired_token"
	// ErrorCodeAuthorizationPending: the user has not yet approved the
	// device code; ask again after the interval (400).
	ErrorCodeAuthorizationPending = "authorization_pending"
	// ErrorCodeAccessDenied: the user refused the device code (400); see
	// ErrDeviceAccessDenied.
	ErrorCodeAccessDenied = "access_denied"
	// ErrorCodeSlowDown: device code polling is too fast; add 5 seconds
	// to the interval (400).
	ErrorCodeSlowDown = "slow_down"
	// ErrorCodeInvalidGrant: the code, refresh token or device code is
	// invalid, expired, revoked or already used (400); see IsInvalidGrant.
	ErrorCodeInvalidGrant = "invalid_grant"
	// ErrorCodeInvalidRequest: the body is malformed (400).
	ErrorCodeInvalidRequest = "invalid_request"
	// ErrorCodeOrganizationNotFound: the organization does not exist
	// (400).
	ErrorCodeOrganizationNotFound = "organization_not_found"
	// ErrorCodeOrganizationMembershipNotFound: the user is not a member of
	// the organization (400).
	ErrorCodeOrganizationMembershipNotFound = "organization_membership_not_found"
	// ErrorCodeTokenTooBig: the access token would exceed its size limit
	// (400).
	ErrorCodeTokenTooBig = "token_too_big"
	// ErrorCodeInvalidRequestParameters: a field failed validation (422).
	ErrorCodeInvalidRequestParameters = "invalid_request_parameters"
	// ErrorCodeDailyQuotaExceeded: the environment's daily quota is used
	// up (429).
	ErrorCodeDailyQuotaExceeded = "daily_quota_exceeded"
	// ErrorCodeTooManyRequests: rate limited (429).
	ErrorCodeTooManyRequests = "too_many_requests"

	// ErrorCodeEmailVerificationRequired: see *EmailVerificationRequiredError.
	ErrorCodeEmailVerificationRequired = "email_verification_required"
	// ErrorCodeMFAEnrollment: see *MFAEnrollmentError.
	ErrorCodeMFAEnrollment = "mfa_enrollment"
	// ErrorCodeMFAChallenge: see *MFAChallengeError.
	ErrorCodeMFAChallenge = "mfa_challenge"
	// ErrorCodeOrganizationSelectionRequired: see
	// *OrganizationSelectionRequiredError.
	ErrorCodeOrganizationSelectionRequired = "organization_selection_required"
	// ErrorCodeSSORequired: see *SSORequiredError.
	ErrorCodeSSORequired = "sso_required"
	// ErrorCodeOrganizationAuthenticationMethodsRequired: see
	// *OrganizationAuthenticationMethodsRequiredError.
	ErrorCodeOrganizationAuthenticationMethodsRequired = "organization_authentication_methods_required"
	// ErrorCodeRadarChallenge: Radar held the sign-in back for a challenge;
	// see *RadarChallengeError.
	ErrorCodeRadarChallenge = "radar_challenge"
	// ErrorCodeRadarSignUpChallenge: Radar held a sign-up back for an SMS
	// check; see *RadarChallengeError.
	ErrorCodeRadarSignUpChallenge = "radar_sign_up_challenge"
	// ErrorCodeRadarSMSSignInChallenge: Radar held the sign-in back for an
	// SMS code; see *RadarChallengeError.
	ErrorCodeRadarSMSSignInChallenge = "radar_sms_sign_in_challenge"
	// ErrorCodeEmailPasswordAuthDisabled: password sign-in is turned off
	// for the environment; see *AuthenticationError.
	ErrorCodeEmailPasswordAuthDisabled = "email_password_auth_disabled"
	// ErrorCodePasskeyProgressiveEnrollment: the user should enroll a
	// passkey; see *AuthenticationError.
	ErrorCodePasskeyProgressiveEnrollment = "passkey_progressive_enrollment"
	// ErrorCodeApplicationConsentRequired: the user must consent to the
	// application first; see *AuthenticationError.
	ErrorCodeApplicationConsentRequired = "application_consent_required"
)

// MessageMustUseSSOForOrganization is the whole body's message when a
// sign-in picks an organization that requires SSO (400, no code). Compare
// it with APIError.Message.
const MessageMustUseSSOForOrganization = "Must use SSO for selected organization"

// IsInvalidGrant reports whether err is the API's invalid_grant: the
// refresh token, code or device code is invalid, expired, revoked or was
// already used. For a refresh, it means the session is over (or another
// request won the race to redeem the token): sign the user in again.
func IsInvalidGrant(err error) bool {
	var apiErr *APIError
	return errors.As(err, &apiErr) && (apiErr.Code == ErrorCodeInvalidGrant || apiErr.OAuthError == ErrorCodeInvalidGrant)
}

// EmailVerificationRequiredError means the user must prove they own their
// email before the sign-in completes. WorkOS has emailed them a code: pass
// it with PendingAuthenticationToken to AuthenticateWithEmailVerification.
type EmailVerificationRequiredError struct {
	*APIError
	// PendingAuthenticationToken continues this sign-in. Keep it secret.
	PendingAuthenticationToken string
	// Email is the address the code was sent to.
	Email string
	// EmailVerificationID is the verification, for GetEmailVerification.
	EmailVerificationID string
}

// Unwrap returns the *APIError.
func (e *EmailVerificationRequiredError) Unwrap() error { return e.APIError }

// MFAEnrollmentError means the user must enroll a second factor before the
// sign-in completes: enroll a TOTP factor for User, then finish with
// AuthenticateWithTOTP and PendingAuthenticationToken.
type MFAEnrollmentError struct {
	*APIError
	// PendingAuthenticationToken continues this sign-in. Keep it secret.
	PendingAuthenticationToken string
	// User is the user signing in, nil if the API did not send it.
	User *User
}

// Unwrap returns the *APIError.
func (e *MFAEnrollmentError) Unwrap() error { return e.APIError }

// MFAChallengeError means the user must answer a challenge on one of their
// second factors: challenge one of AuthenticationFactors, then finish with
// AuthenticateWithTOTP and PendingAuthenticationToken.
type MFAChallengeError struct {
	*APIError
	// PendingAuthenticationToken continues this sign-in. Keep it secret.
	PendingAuthenticationToken string
	// User is the user signing in, nil if the API did not send it.
	User *User
	// AuthenticationFactors are the user's enrolled factors.
	AuthenticationFactors []AuthenticationFactor
}

// Unwrap returns the *APIError.
func (e *MFAChallengeError) Unwrap() error { return e.APIError }

// OrganizationChoice is an organization a user may sign in to.
type OrganizationChoice struct {
	// ID is the organization's ID, "org_...".
	ID string `json:"id"`
	// Name is the organization's display name.
	Name string `json:"name"`
}

// OrganizationSelectionRequiredError means the user belongs to several
// organizations and must pick one: show Organizations, then finish with
// AuthenticateWithOrganizationSelection and PendingAuthenticationToken.
type OrganizationSelectionRequiredError struct {
	*APIError
	// PendingAuthenticationToken continues this sign-in. Keep it secret.
	PendingAuthenticationToken string
	// User is the user signing in, nil if the API did not send it.
	User *User
	// Organizations are the organizations the user may pick from.
	Organizations []OrganizationChoice
}

// Unwrap returns the *APIError.
func (e *OrganizationSelectionRequiredError) Unwrap() error { return e.APIError }

// SSORequiredError means the user's organization requires single sign-on:
// send them through GetAuthorizationURL with one of ConnectionIDs.
type SSORequiredError struct {
	*APIError
	// PendingAuthenticationToken links the SSO sign-in back to this one.
	// Keep it secret.
	PendingAuthenticationToken string
	// Email is the user's email address.
	Email string
	// ConnectionIDs are the SSO connections the user may sign in through.
	ConnectionIDs []string
}

// Unwrap returns the *APIError.
func (e *SSORequiredError) Unwrap() error { return e.APIError }

// OrganizationAuthenticationMethodsRequiredError means the user's
// organization allows only some ways of signing in, and this was not one:
// offer the methods in AuthMethods, or SSO through SSOConnectionIDs.
type OrganizationAuthenticationMethodsRequiredError struct {
	*APIError
	// PendingAuthenticationToken continues this sign-in. Keep it secret.
	PendingAuthenticationToken string
	// Email is the user's email address.
	Email string
	// SSOConnectionIDs are the organization's SSO connections.
	SSOConnectionIDs []string
	// AuthMethods says which methods the organization allows, keyed by
	// method name (such as "password" or "magic_auth").
	AuthMethods map[string]bool
}

// Unwrap returns the *APIError.
func (e *OrganizationAuthenticationMethodsRequiredError) Unwrap() error { return e.APIError }

// RadarChallengeError means WorkOS Radar held the sign-in or sign-up back
// until the user passes a challenge. Code says which one:
// ErrorCodeRadarChallenge, ErrorCodeRadarSignUpChallenge or
// ErrorCodeRadarSMSSignInChallenge. The challenges share one type because
// they carry the same fields and lead to the same next step: have the user
// enter the code Radar sent, then finish with
// AuthenticateWithRadarEmailChallenge or AuthenticateWithRadarSMSChallenge.
// Fields the API may add are in the raw Body.
type RadarChallengeError struct {
	*APIError
	// PendingAuthenticationToken continues this sign-in, empty if the API
	// did not send one. Keep it secret.
	PendingAuthenticationToken string
}

// Unwrap returns the *APIError.
func (e *RadarChallengeError) Unwrap() error { return e.APIError }

// AuthenticationError is a refused sign-in with no dedicated type: Code is
// ErrorCodeAuthenticationMethodNotAllowed,
// ErrorCodeEmailPasswordAuthDisabled,
// ErrorCodePasskeyProgressiveEnrollment or
// ErrorCodeApplicationConsentRequired.
type AuthenticationError struct {
	*APIError
	// PendingAuthenticationToken continues this sign-in when the API sent
	// one, else empty. Keep it secret.
	PendingAuthenticationToken string
}

// Unwrap returns the *APIError.
func (e *AuthenticationError) Unwrap() error { return e.APIError }

// typedAuthError returns the specific error type for an authentication
// failure (a challenge such as email_verification_required), wrapping e, or
// nil when e has no more specific type. It looks only at the code, so it is
// safe for any endpoint. Extra fields are decoded one by one: a malformed
// field is left zero without losing the others.
func typedAuthError(e *APIError) error {
	switch e.Code {
	case ErrorCodeEmailVerificationRequired, ErrorCodeMFAEnrollment, ErrorCodeMFAChallenge,
		ErrorCodeOrganizationSelectionRequired, ErrorCodeSSORequired, ErrorCodeOrganizationAuthenticationMethodsRequired,
		ErrorCodeRadarChallenge, ErrorCodeRadarSignUpChallenge, ErrorCodeRadarSMSSignInChallenge,
		ErrorCodeAuthenticationMethodNotAllowed, ErrorCodeEmailPasswordAuthDisabled,
		ErrorCodePasskeyProgressiveEnrollment, ErrorCodeApplicationConsentRequired:
	default:
		return nil
	}
	var raw map[string]json.RawMessage
	_ = json.Unmarshal(e.Body, &raw)
	token := authErrField[string](raw, "pending_authentication_token")
	switch e.Code {
	case ErrorCodeEmailVerificationRequired:
		return &EmailVerificationRequiredError{APIError: e, PendingAuthenticationToken: token,
			Email: authErrField[string](raw, "email"), EmailVerificationID: authErrField[string](raw, "email_verification_id")}
	case ErrorCodeMFAEnrollment:
		return &MFAEnrollmentError{APIError: e, PendingAuthenticationToken: token, User: authErrField[*User](raw, "user")}
	case ErrorCodeMFAChallenge:
		return &MFAChallengeError{APIError: e, PendingAuthenticationToken: token, User: authErrField[*User](raw, "user"),
			AuthenticationFactors: authErrField[[]AuthenticationFactor](raw, "authentication_factors")}
	case ErrorCodeOrganizationSelectionRequired:
		return &OrganizationSelectionRequiredError{APIError: e, PendingAuthenticationToken: token, User: authErrField[*User](raw, "user"),
			Organizations: authErrField[[]OrganizationChoice](raw, "organizations")}
	case ErrorCodeSSORequired:
		return &SSORequiredError{APIError: e, PendingAuthenticationToken: token,
			Email: authErrField[string](raw, "email"), ConnectionIDs: authErrField[[]string](raw, "connection_ids")}
	case ErrorCodeOrganizationAuthenticationMethodsRequired:
		return &OrganizationAuthenticationMethodsRequiredError{APIError: e, PendingAuthenticationToken: token,
			Email: authErrField[string](raw, "email"), SSOConnectionIDs: authErrField[[]string](raw, "sso_connection_ids"),
			AuthMethods: authErrField[map[string]bool](raw, "auth_methods")}
	case ErrorCodeRadarChallenge, ErrorCodeRadarSignUpChallenge, ErrorCodeRadarSMSSignInChallenge:
		return &RadarChallengeError{APIError: e, PendingAuthenticationToken: token}
	default:
		return &AuthenticationError{APIError: e, PendingAuthenticationToken: token}
	}
}

// authErrField decodes raw[key] into a T, or returns the zero T when the
// key is absent or its value does not fit.
func authErrField[T any](raw map[string]json.RawMessage, key string) T {
	var v T
	if b, ok := raw[key]; ok {
		if json.Unmarshal(b, &v) != nil {
			var zero T
			return zero
		}
	}
	return v
}
