package workos

import (
	"context"
	"net/http"
	"time"
)

// AuthenticationFactorType is the kind of a second factor. Unknown values
// decode as-is.
type AuthenticationFactorType string

// Authentication factor types.
const (
	AuthenticationFactorTypeGenericOTP AuthenticationFactorType = "generic_otp"
	AuthenticationFactorTypeSMS        AuthenticationFactorType = "sms"
	AuthenticationFactorTypeTOTP       AuthenticationFactorType = "totp"
	AuthenticationFactorTypeWebAuthn   AuthenticationFactorType = "webauthn"
)

// AuthenticationFactor is a second factor enrolled by a user.
type AuthenticationFactor struct {
	// Object is "authentication_factor".
	Object string `json:"object"`
	// ID is the factor's ID, "auth_factor_...".
	ID string `json:"id"`
	// Type is the kind of factor.
	Type AuthenticationFactorType `json:"type"`
	// UserID is the user who enrolled the factor.
	UserID string `json:"user_id,omitempty"`
	// SMS is set for SMS factors.
	SMS *SMSFactor `json:"sms,omitempty"`
	// TOTP is set for TOTP factors. Secret, QRCode and URI are filled only
	// in the reply to an enrollment.
	TOTP *TOTPFactor `json:"totp,omitempty"`
	// CreatedAt is when the factor was enrolled.
	CreatedAt time.Time `json:"created_at"`
	// UpdatedAt is when the factor last changed.
	UpdatedAt time.Time `json:"updated_at"`
}

// SMSFactor is the phone number of an SMS factor.
type SMSFactor struct {
	// PhoneNumber receives the one-time codes, in E.164 form.
	PhoneNumber string `json:"phone_number"`
}

// TOTPFactor describes a TOTP (authenticator app) factor.
type TOTPFactor struct {
	// Issuer and User are the labels the authenticator app shows.
	Issuer string `json:"issuer"`
	User   string `json:"user"`
	// Secret is the shared secret; only in an enrollment reply.
	Secret string `json:"secret,omitempty"`
	// QRCode is a data: URL of a QR code of URI; only in an enrollment reply.
	QRCode string `json:"qr_code,omitempty"`
	// URI is the otpauth:// URI; only in an enrollment reply.
	URI string `json:"uri,omitempty"`
}

// AuthenticationChallenge is a pending proof of a second factor: the user
// answers it with the factor's current code, for example through
// AuthenticateWithTOTP.
type AuthenticationChallenge struct {
	// Object is "authentication_challenge".
	Object string `json:"object"`
	// ID is the challenge's ID, "auth_challenge_...".
	ID string `json:"id"`
	// ExpiresAt is when the challenge stops accepting codes; nil for TOTP
	// factors, whose challenges do not expire.
	ExpiresAt *time.Time `json:"expires_at,omitempty"`
	// Code is the one-time code, when the API returns it.
	Code string `json:"code,omitempty"`
	// AuthenticationFactorID is the factor the challenge is for.
	AuthenticationFactorID string `json:"authentication_factor_id"`
	// CreatedAt is when the challenge was issued.
	CreatedAt time.Time `json:"created_at"`
	// UpdatedAt is when it last changed.
	UpdatedAt time.Time `json:"updated_at"`
}

// ListAuthFactorsParams pages through ListAuthFactors.
type ListAuthFactorsParams struct {
	ListParams
}

// ListAuthFactors lists the second factors (authenticator apps and the
// like) the user userID has enrolled. Nothing is sent until the List's
// Page, Pages or All is called.
func (s *UserManagementService) ListAuthFactors(ctx context.Context, userID string, params ListAuthFactorsParams, opts ...Option) *List[AuthenticationFactor] {
	return newList[AuthenticationFactor](ctx, s.client, call{method: http.MethodGet, path: "/user_management/users/{user_id}/auth_factors", params: []string{userID}}, params, checkUserID(userID), opts)
}

// EnrollAuthFactorParams shape the TOTP factor EnrollAuthFactor creates.
// Every field is optional and left out when nil, in which case the API
// chooses the issuer and account names and generates the secret.
type EnrollAuthFactorParams struct {
	// TOTPIssuer is the application name the authenticator app shows.
	TOTPIssuer string `json:"totp_issuer,omitempty"`
	// TOTPUser is the account name the authenticator app shows.
	TOTPUser string `json:"totp_user,omitempty"`
	// TOTPSecret is a Base32 shared secret to use instead of a generated
	// one. It must suit SHA-1, 6 digits and a 30-second step.
	TOTPSecret string `json:"totp_secret,omitempty"`
}

type enrollAuthFactorBody struct {
	Type AuthenticationFactorType `json:"type"`
	EnrollAuthFactorParams
}

// EnrollAuthFactorResponse is the result of EnrollAuthFactor.
type EnrollAuthFactorResponse struct {
	// AuthenticationFactor is the new factor. Its TOTP field carries the
	// secret, QR code and otpauth URI, which the API returns only now:
	// show the QR code to the user and do not store or log the secret.
	AuthenticationFactor AuthenticationFactor `json:"authentication_factor"`
	// AuthenticationChallenge is a first challenge for the factor; answer
	// it with a code from the authenticator app to confirm the enrollment.
	AuthenticationChallenge AuthenticationChallenge `json:"authentication_challenge"`
	APIResource
}

// EnrollAuthFactor enrolls a new TOTP (authenticator app) factor for the
// user userID and issues its first challenge. TOTP is the only factor type
// this endpoint enrolls, so the request always carries type "totp".
func (s *UserManagementService) EnrollAuthFactor(ctx context.Context, userID string, params EnrollAuthFactorParams, opts ...Option) (*EnrollAuthFactorResponse, error) {
	if err := checkUserID(userID); err != nil {
		return nil, err
	}
	body := enrollAuthFactorBody{Type: AuthenticationFactorTypeTOTP, EnrollAuthFactorParams: params}
	return send[EnrollAuthFactorResponse](ctx, s.client, call{method: http.MethodPost, path: "/user_management/users/{user_id}/auth_factors", params: []string{userID}, body: body}, opts)
}
