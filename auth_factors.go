package workos

import "time"

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
