package workos

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// authErrSecret is the pending authentication token in every error body;
// it must never show in Error().
const authErrSecret = "pat_SECRET_cTDQJTTkTkkVYxbn"

// authErrCall sends a password sign-in that the mock answers with status
// and body, and returns the error.
func authErrCall(t *testing.T, status int, body string) error {
	t.Helper()
	c, mt := newMockTransportClient(t)
	rec := &requestLog{}
	mt.RegisterResponder(http.MethodPost, authTestURL, rec.responder(status, body))
	_, err := c.UserManagement.AuthenticateWithPassword(context.Background(), AuthenticateWithPasswordParams{Email: "marcelina@example.com", Password: "pw"})
	require.Error(t, err)
	require.NotContains(t, err.Error(), authErrSecret, "Error() leaked the pending authentication token")
	require.NotContains(t, err.Error(), "sk_test_123")
	var apiErr *APIError
	require.True(t, errors.As(err, &apiErr), "every API failure unwraps to *APIError")
	assert.Equal(t, status, apiErr.StatusCode)
	assert.Equal(t, "req_auth_1", apiErr.RequestID)
	return err
}

func TestAuthenticateErrors_PlainCodesBecomeAPIErrorsWithTheirConstant(t *testing.T) {
	cases := []struct {
		status int
		field  string // "code" or "error", as the spec sends it
		code   ErrorCode
	}{
		{400, "code", ErrorCodeInvalidOrganizationID},
		{400, "code", ErrorCodeCodeChallengeNotFound},
		{400, "code", ErrorCodeInvalidCredentials},
		{400, "code", ErrorCodeInvalidOneTimeCode},
		{400, "code", ErrorCodeOneTimeCodePreviouslyUsed},
		{400, "code", ErrorCodeOneTimeCodeExpired},
		{400, "code", ErrorCodeOneTimeCodeTooManyAttempts},
		{400, "code", ErrorCodeInvalidPendingAuthenticationToken},
		{400, "code", ErrorCodeUserMismatch},
		{400, "code", ErrorCodePhoneNumberRequired},
		{400, "code", ErrorCodeVerificationIDRequired},
		{400, "error", ErrorCodeInvalidClient},
		{400, "error", ErrorCodeUnauthorizedClient},
		{400, "error", ErrorCodeInvalidProfile},
		{400, "error", ErrorCodeInvitationInvalid},
		{400, "error", ErrorCodeInvitationCannotBeUsedForEmail},
		{400, "error", ErrorCodeInvalidConnection},
		{400, "error", ErrorCodeSignUpNotAllowed},
		{400, "error", ErrorCodeInvalidLinkAuthorizationCode},
		{400, "error", ErrorCodeExtraAttributesRequired},
		{400, "error", ErrorCodePKCENotSupported},
		{400, "error", ErrorCodeExpiredToken},
		{400, "error", ErrorCodeAuthorizationPending},
		{400, "error", ErrorCodeAccessDenied},
		{400, "error", ErrorCodeSlowDown},
		{400, "error", ErrorCodeInvalidGrant},
		{400, "error", ErrorCodeInvalidRequest},
		{400, "error", ErrorCodeOrganizationNotFound},
		{400, "error", ErrorCodeOrganizationMembershipNotFound},
		{400, "error", ErrorCodeTokenTooBig},
		{422, "code", ErrorCodeInvalidRequestParameters},
		{429, "code", ErrorCodeDailyQuotaExceeded},
		{429, "error", ErrorCodeTooManyRequests},
	}
	for _, tc := range cases {
		code := string(tc.code)
		t.Run(code, func(t *testing.T) {
			var body string
			if tc.field == "code" {
				body = `{"code":"` + code + `","message":"The request failed.","pending_authentication_token":"` + authErrSecret + `"}`
			} else {
				body = `{"error":"` + code + `","error_description":"The request failed due to: ` + code + `."}`
			}
			err := authErrCall(t, tc.status, body)
			require.IsType(t, &APIError{}, err, "no typed error for %s", tc.code)
			apiErr := err.(*APIError)
			assert.Equal(t, tc.code, apiErr.Code)
			assert.Contains(t, err.Error(), code)
			if tc.field == "error" {
				assert.Equal(t, code, apiErr.OAuthError)
				assert.Equal(t, "The request failed due to: "+code+".", apiErr.Message)
			}
			assert.Equal(t, tc.code == ErrorCodeInvalidGrant, IsInvalidGrant(err))
		})
	}
}

func TestAuthenticateErrors_MessageOnlyAndNotFoundStayAPIErrors(t *testing.T) {
	err := authErrCall(t, 400, `{"message":"Must use SSO for selected organization"}`)
	require.IsType(t, &APIError{}, err)
	assert.Equal(t, MessageMustUseSSOForOrganization, err.(*APIError).Message)
	assert.Empty(t, err.(*APIError).Code)

	err = authErrCall(t, 404, `{"message":"Not Found"}`)
	require.IsType(t, &APIError{}, err)
	assert.ErrorIs(t, err, ErrNotFound)
}

// authErrUserJSON is the user the challenge bodies carry.
const authErrUserJSON = `{"object":"user","id":"user_01E4ZCR3","email":"marcelina@example.com","email_verified":true,
	"first_name":"Marcelina","last_name":"Davis","profile_picture_url":null,"external_id":null,"last_sign_in_at":null,
	"created_at":"2024-02-01T10:00:00Z","updated_at":"2024-02-02T10:00:00Z"}`

func authErrCheckUser(t *testing.T, u *User) {
	t.Helper()
	require.NotNil(t, u)
	assert.Equal(t, "user_01E4ZCR3", u.ID)
	assert.Equal(t, "marcelina@example.com", u.Email)
	assert.True(t, u.EmailVerified)
	assert.Equal(t, "Marcelina", *u.FirstName)
	assert.Equal(t, "Davis", *u.LastName)
	assert.Nil(t, u.ProfilePictureURL)
	assert.Nil(t, u.ExternalID)
	assert.Nil(t, u.LastSignInAt)
	assert.Equal(t, time.Date(2024, 2, 1, 10, 0, 0, 0, time.UTC), u.CreatedAt.UTC())
	assert.Equal(t, time.Date(2024, 2, 2, 10, 0, 0, 0, time.UTC), u.UpdatedAt.UTC())
}

// authErrCase is one error reply and the checks for the typed error it
// must decode into.
type authErrCase struct {
	name     string
	status   int
	body     string
	sentinel error
	check    func(t *testing.T, err error)
}

func TestAuthenticateErrors_ChallengesBecomeTypedErrorsWithTheirFields(t *testing.T) {
	cases := []authErrCase{
		{
			name: "email_verification_required", status: 403, sentinel: ErrForbidden,
			body: `{"code":"email_verification_required","message":"Email ownership must be verified before authentication.",
				"pending_authentication_token":"` + authErrSecret + `","email":"marcelina@example.com","email_verification_id":"email_verification_01HYGGEB"}`,
			check: func(t *testing.T, err error) {
				var e *EmailVerificationRequiredError
				require.ErrorAs(t, err, &e)
				assert.Equal(t, authErrSecret, e.PendingAuthenticationToken)
				assert.Equal(t, "marcelina@example.com", e.Email)
				assert.Equal(t, "email_verification_01HYGGEB", e.EmailVerificationID)
				assert.Equal(t, ErrorCodeEmailVerificationRequired, e.Code)
			},
		},
		{
			name: "mfa_enrollment (403 code)", status: 403, sentinel: ErrForbidden,
			body: `{"code":"mfa_enrollment","message":"The user must enroll in MFA.","pending_authentication_token":"` + authErrSecret + `","user":` + authErrUserJSON + `}`,
			check: func(t *testing.T, err error) {
				var e *MFAEnrollmentError
				require.ErrorAs(t, err, &e)
				assert.Equal(t, authErrSecret, e.PendingAuthenticationToken)
				authErrCheckUser(t, e.User)
			},
		},
		{
			name: "mfa_enrollment (400 OAuth error)", status: 400, sentinel: ErrBadRequest,
			body: `{"error":"mfa_enrollment","error_description":"The request failed due to: mfa_enrollment.","pending_authentication_token":"` + authErrSecret + `"}`,
			check: func(t *testing.T, err error) {
				var e *MFAEnrollmentError
				require.ErrorAs(t, err, &e)
				assert.Equal(t, authErrSecret, e.PendingAuthenticationToken)
				assert.Nil(t, e.User)
				assert.Equal(t, ErrorCodeMFAEnrollment, e.Code)
			},
		},
		{
			name: "mfa_challenge", status: 403, sentinel: ErrForbidden,
			body: `{"code":"mfa_challenge","message":"The user must complete an MFA challenge.","pending_authentication_token":"` + authErrSecret + `",
				"user":` + authErrUserJSON + `,
				"authentication_factors":[{"object":"authentication_factor","id":"auth_factor_01FVYZ5QM8N98T9ME5BCB2BBMJ","type":"totp",
					"user_id":"user_01E4ZCR3","totp":{"issuer":"Foo Corp","user":"marcelina@example.com"},
					"created_at":"2024-03-01T00:00:00Z","updated_at":"2024-03-02T00:00:00Z"}]}`,
			check: func(t *testing.T, err error) {
				var e *MFAChallengeError
				require.ErrorAs(t, err, &e)
				assert.Equal(t, authErrSecret, e.PendingAuthenticationToken)
				authErrCheckUser(t, e.User)
				require.Len(t, e.AuthenticationFactors, 1)
				f := e.AuthenticationFactors[0]
				assert.Equal(t, "authentication_factor", f.Object)
				assert.Equal(t, "auth_factor_01FVYZ5QM8N98T9ME5BCB2BBMJ", f.ID)
				assert.Equal(t, AuthenticationFactorTypeTOTP, f.Type)
				assert.Equal(t, "user_01E4ZCR3", f.UserID)
				require.NotNil(t, f.TOTP)
				assert.Equal(t, TOTPFactor{Issuer: "Foo Corp", User: "marcelina@example.com"}, *f.TOTP)
				assert.Nil(t, f.SMS)
				assert.Equal(t, time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC), f.CreatedAt.UTC())
				assert.Equal(t, time.Date(2024, 3, 2, 0, 0, 0, 0, time.UTC), f.UpdatedAt.UTC())
			},
		},
		{
			name: "organization_selection_required", status: 403, sentinel: ErrForbidden,
			body: `{"code":"organization_selection_required","message":"The user must choose an organization.","pending_authentication_token":"` + authErrSecret + `",
				"user":` + authErrUserJSON + `,"organizations":[{"id":"org_01H945H0","name":"Foo Corp"},{"id":"org_01H945H1","name":"Bar Inc"}]}`,
			check: func(t *testing.T, err error) {
				var e *OrganizationSelectionRequiredError
				require.ErrorAs(t, err, &e)
				assert.Equal(t, authErrSecret, e.PendingAuthenticationToken)
				authErrCheckUser(t, e.User)
				assert.Equal(t, []OrganizationChoice{{ID: "org_01H945H0", Name: "Foo Corp"}, {ID: "org_01H945H1", Name: "Bar Inc"}}, e.Organizations)
			},
		},
		{
			name: "sso_required (400 OAuth error, as the spec declares)", status: 400, sentinel: ErrBadRequest,
			body: `{"error":"sso_required","error_description":"The request failed due to: sso_required.",
				"connection_ids":["conn_01FVYZ","conn_01FVZA"],"email":"marcelina@foo-corp.com","pending_authentication_token":"` + authErrSecret + `"}`,
			check: func(t *testing.T, err error) {
				var e *SSORequiredError
				require.ErrorAs(t, err, &e)
				assert.Equal(t, authErrSecret, e.PendingAuthenticationToken)
				assert.Equal(t, "marcelina@foo-corp.com", e.Email)
				assert.Equal(t, []string{"conn_01FVYZ", "conn_01FVZA"}, e.ConnectionIDs)
				assert.Equal(t, string(ErrorCodeSSORequired), e.OAuthError)
			},
		},
		{
			name: "sso_required (403 code)", status: 403, sentinel: ErrForbidden,
			body: `{"code":"sso_required","message":"SSO is required.","connection_ids":["conn_01FVYZ"],"email":"m@foo-corp.com"}`,
			check: func(t *testing.T, err error) {
				var e *SSORequiredError
				require.ErrorAs(t, err, &e)
				assert.Empty(t, e.PendingAuthenticationToken, "the token is optional")
				assert.Equal(t, "m@foo-corp.com", e.Email)
				assert.Equal(t, []string{"conn_01FVYZ"}, e.ConnectionIDs)
			},
		},
		{
			name: "organization_authentication_methods_required", status: 400, sentinel: ErrBadRequest,
			body: `{"error":"organization_authentication_methods_required","error_description":"The request failed due to: organization_authentication_methods_required.",
				"pending_authentication_token":"` + authErrSecret + `","email":"marcelina@foo-corp.com","sso_connection_ids":["conn_01FVYZ"],
				"auth_methods":{"apple_oauth":false,"github_oauth":false,"google_oauth":true,"magic_auth":true,"microsoft_oauth":false,"password":false}}`,
			check: func(t *testing.T, err error) {
				var e *OrganizationAuthenticationMethodsRequiredError
				require.ErrorAs(t, err, &e)
				assert.Equal(t, authErrSecret, e.PendingAuthenticationToken)
				assert.Equal(t, "marcelina@foo-corp.com", e.Email)
				assert.Equal(t, []string{"conn_01FVYZ"}, e.SSOConnectionIDs)
				assert.Equal(t, map[string]bool{"apple_oauth": false, "github_oauth": false, "google_oauth": true, "magic_auth": true, "microsoft_oauth": false, "password": false}, e.AuthMethods)
			},
		},
	}
	for _, code := range []ErrorCode{ErrorCodeRadarChallenge, ErrorCodeRadarSignUpChallenge, ErrorCodeRadarSMSSignInChallenge} {
		cases = append(cases, authErrCase{
			name: string(code), status: 403, sentinel: ErrForbidden,
			body: `{"code":"` + string(code) + `","message":"Request could not be processed.","pending_authentication_token":"` + authErrSecret + `"}`,
			check: func(t *testing.T, err error) {
				var e *RadarChallengeError
				require.ErrorAs(t, err, &e)
				assert.Equal(t, code, e.Code)
				assert.Equal(t, authErrSecret, e.PendingAuthenticationToken)
			},
		})
	}
	for _, code := range []ErrorCode{ErrorCodeAuthenticationMethodNotAllowed, ErrorCodeEmailPasswordAuthDisabled, ErrorCodePasskeyProgressiveEnrollment, ErrorCodeApplicationConsentRequired} {
		cases = append(cases, authErrCase{
			name: string(code), status: 403, sentinel: ErrForbidden,
			body: `{"code":"` + string(code) + `","message":"Request could not be processed.","pending_authentication_token":"` + authErrSecret + `"}`,
			check: func(t *testing.T, err error) {
				var e *AuthenticationError
				require.ErrorAs(t, err, &e)
				assert.Equal(t, code, e.Code)
				assert.Equal(t, authErrSecret, e.PendingAuthenticationToken)
			},
		})
	}
	cases = append(cases, authErrCase{
		name: "authentication_method_not_allowed (400 OAuth error, no token)", status: 400, sentinel: ErrBadRequest,
		body: `{"error":"authentication_method_not_allowed","error_description":"The request failed due to: authentication_method_not_allowed."}`,
		check: func(t *testing.T, err error) {
			var e *AuthenticationError
			require.ErrorAs(t, err, &e)
			assert.Equal(t, ErrorCodeAuthenticationMethodNotAllowed, e.Code)
			assert.Empty(t, e.PendingAuthenticationToken)
		},
	})

	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := authErrCall(t, tc.status, tc.body)
			assert.NotEqual(t, "*workos.APIError", fmt.Sprintf("%T", err), "a challenge must get its own type")
			assert.ErrorIs(t, err, tc.sentinel)
			assert.False(t, IsInvalidGrant(err))
			tc.check(t, err)
		})
	}
}

func TestAuthenticateErrors_MalformedExtraFieldsDoNotLoseTheToken(t *testing.T) {
	err := authErrCall(t, 403, `{"code":"mfa_challenge","message":"m","pending_authentication_token":"`+authErrSecret+`",
		"user":"not-an-object","authentication_factors":{"oops":1}}`)
	var e *MFAChallengeError
	require.ErrorAs(t, err, &e)
	assert.Equal(t, authErrSecret, e.PendingAuthenticationToken)
	assert.Nil(t, e.User)
	assert.Nil(t, e.AuthenticationFactors)
}

func TestTypedAuthError_LeavesOtherErrorsAlone(t *testing.T) {
	for _, e := range []*APIError{
		{StatusCode: 404, Code: "", Message: "Not Found", Body: []byte(`{"message":"Not Found"}`)},
		{StatusCode: 409, Code: "user_deletion_not_allowed", Body: []byte(`{"code":"user_deletion_not_allowed"}`)},
		{StatusCode: 403, Code: "", Body: []byte(`<html>Forbidden</html>`)},
	} {
		assert.Nil(t, typedAuthError(e), "code %q", e.Code)
	}
	// A challenge code with a body that is not JSON still gets its type.
	typed := typedAuthError(&APIError{StatusCode: 403, Code: ErrorCodeEmailVerificationRequired, Body: []byte("garbage")})
	var ev *EmailVerificationRequiredError
	require.ErrorAs(t, typed, &ev)
	assert.Empty(t, ev.PendingAuthenticationToken)
}
