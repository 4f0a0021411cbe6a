package workos

import (
	"encoding/json"
	"errors"
)

// ErrorCode is the machine-readable reason of an API error: the body's
// "code", or its OAuth-style "error" when there is no "code". It is the type
// of APIError.Code. The constants below are the codes of POST
// /user_management/authenticate; the API may send others, which are kept
// as they come. Switch on them to handle a failure the API reports:
//
//	var apiErr *workos.APIError
//	if errors.As(err, &apiErr) && apiErr.Code == workos.ErrorCodeInvalidCredentials { ... }
//
// The codes that start a further authentication step come back as their
// own error types (see typed errors below); their constants are listed too
// so a switch can name them. Convert a code to text with string(code).
type ErrorCode string

// Error codes of POST /user_management/authenticate, each with its meaning
// and HTTP status.
const (
	ErrorCodeInvalidOrganizationID             ErrorCode = "invalid_organization_id"              // the organization ID is not valid for this sign-in (400).
	ErrorCodeCodeChallengeNotFound             ErrorCode = "code_challenge_not_found"             // no PKCE code challenge was found for the authorization code (400).
	ErrorCodeInvalidCredentials                ErrorCode = "invalid_credentials"                  // the email or password is wrong (400).
	ErrorCodeInvalidOneTimeCode                ErrorCode = "invalid_one_time_code"                // the magic auth, email verification or MFA code is wrong (400).
	ErrorCodeOneTimeCodePreviouslyUsed         ErrorCode = "one_time_code_previously_used"        // the one-time code was already redeemed (400).
	ErrorCodeOneTimeCodeExpired                ErrorCode = "one_time_code_expired"                // the one-time code expired; send a new one (400).
	ErrorCodeOneTimeCodeTooManyAttempts        ErrorCode = "one_time_code_too_many_attempts"      // too many wrong codes; send a new one (400).
	ErrorCodeInvalidPendingAuthenticationToken ErrorCode = "invalid_pending_authentication_token" // the pending authentication token is unknown, used or expired; start the sign-in again (400).
	ErrorCodeUserMismatch                      ErrorCode = "user_mismatch"                        // the code or token belongs to another user (400).
	ErrorCodePhoneNumberRequired               ErrorCode = "phone_number_required"                // a Radar SMS sign-up challenge needs PhoneNumber (400).
	ErrorCodeVerificationIDRequired            ErrorCode = "verification_id_required"             // a Radar SMS sign-up challenge needs VerificationID (400).
	ErrorCodeInvalidClient                     ErrorCode = "invalid_client"                       // the client ID or client secret is wrong (400).
	ErrorCodeUnauthorizedClient                ErrorCode = "unauthorized_client"                  // the client may not use this grant type (400).
	ErrorCodeInvalidProfile                    ErrorCode = "invalid_profile"                      // the user's profile from the identity provider was refused (400).
	ErrorCodeInvitationInvalid                 ErrorCode = "invitation_invalid"                   // the invitation token is unknown, expired or revoked (400).
	ErrorCodeInvitationCannotBeUsedForEmail    ErrorCode = "invitation_cannot_be_used_for_email"  // the invitation was sent to another email address (400).
	ErrorCodeAuthenticationMethodNotAllowed    ErrorCode = "authentication_method_not_allowed"    // the environment or organization does not allow this way of signing in (400, or 403 as an *AuthenticationError).
	ErrorCodeInvalidConnection                 ErrorCode = "invalid_connection"                   // the SSO connection is unknown or inactive (400).
	ErrorCodeSignUpNotAllowed                  ErrorCode = "sign_up_not_allowed"                  // the environment does not allow new users to sign up this way (400).
	ErrorCodeInvalidLinkAuthorizationCode      ErrorCode = "invalid_link_authorization_code"      // a link authorization code is invalid (400).
	ErrorCodeExtraAttributesRequired           ErrorCode = "extra_attributes_required"            // more user attributes are needed to finish the sign-in (400).
	ErrorCodePKCENotSupported                  ErrorCode = "pkce_not_supported"                   // PKCE cannot be used for this sign-in (400).
	ErrorCodeExpiredToken                      ErrorCode = "expired_token"                        // the device code expired (400); see ErrDeviceCodeExpired.
	ErrorCodeAuthorizationPending              ErrorCode = "authorization_pending"                // the user has not yet approved the device code; ask again after the interval (400).
	ErrorCodeAccessDenied                      ErrorCode = "access_denied"                        // the user refused the device code (400); see ErrDeviceAccessDenied.
	ErrorCodeSlowDown                          ErrorCode = "slow_down"                            // device code polling is too fast; add 5 seconds to the interval (400).
	ErrorCodeInvalidGrant                      ErrorCode = "invalid_grant"                        // the code, refresh token or device code is invalid, expired, revoked or already used (400); see IsInvalidGrant.
	ErrorCodeInvalidRequest                    ErrorCode = "invalid_request"                      // the body is malformed (400).
	ErrorCodeOrganizationNotFound              ErrorCode = "organization_not_found"               // the organization does not exist (400).
	ErrorCodeOrganizationMembershipNotFound    ErrorCode = "organization_membership_not_found"    // the user is not a member of the organization (400).
	ErrorCodeTokenTooBig                       ErrorCode = "token_too_big"                        // the access token would exceed its size limit (400).
	ErrorCodeInvalidRequestParameters          ErrorCode = "invalid_request_parameters"           // a field failed validation (422).
	ErrorCodeDailyQuotaExceeded                ErrorCode = "daily_quota_exceeded"                 // the environment's daily quota is used up (429).
	ErrorCodeTooManyRequests                   ErrorCode = "too_many_requests"                    // rate limited (429).

	ErrorCodeEmailVerificationRequired                 ErrorCode = "email_verification_required"                  // see *EmailVerificationRequiredError.
	ErrorCodeMFAEnrollment                             ErrorCode = "mfa_enrollment"                               // see *MFAEnrollmentError.
	ErrorCodeMFAChallenge                              ErrorCode = "mfa_challenge"                                // see *MFAChallengeError.
	ErrorCodeOrganizationSelectionRequired             ErrorCode = "organization_selection_required"              // see *OrganizationSelectionRequiredError.
	ErrorCodeSSORequired                               ErrorCode = "sso_required"                                 // see *SSORequiredError.
	ErrorCodeOrganizationAuthenticationMethodsRequired ErrorCode = "organization_authentication_methods_required" // see *OrganizationAuthenticationMethodsRequiredError.
	ErrorCodeRadarChallenge                            ErrorCode = "radar_challenge"                              // Radar held the sign-in back for a challenge; see *RadarChallengeError.
	ErrorCodeRadarSignUpChallenge                      ErrorCode = "radar_sign_up_challenge"                      // Radar held a sign-up back for an SMS check; see *RadarChallengeError.
	ErrorCodeRadarSMSSignInChallenge                   ErrorCode = "radar_sms_sign_in_challenge"                  // Radar held the sign-in back for an SMS code; see *RadarChallengeError.
	ErrorCodeEmailPasswordAuthDisabled                 ErrorCode = "email_password_auth_disabled"                 // password sign-in is turned off for the environment; see *AuthenticationError.
	ErrorCodePasskeyProgressiveEnrollment              ErrorCode = "passkey_progressive_enrollment"               // the user should enroll a passkey; see *AuthenticationError.
	ErrorCodeApplicationConsentRequired                ErrorCode = "application_consent_required"                 // the user must consent to the application first; see *AuthenticationError.
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
	return errors.As(err, &apiErr) && (apiErr.Code == ErrorCodeInvalidGrant || ErrorCode(apiErr.OAuthError) == ErrorCodeInvalidGrant)
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
