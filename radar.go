package workos

import (
	"context"
	"net/http"
	"strings"
	"time"
)

// SendRadarChallengeParams say whom SendRadarChallenge texts a code to.
// UserID, PendingAuthenticationToken and PhoneNumber are required, and a
// blank one is refused with ErrInvalidParams before any request. IPAddress
// and UserAgent are optional and left out when nil.
type SendRadarChallengeParams struct {
	// UserID is the user to challenge.
	UserID string `json:"user_id"`
	// PendingAuthenticationToken is the token from the authentication
	// attempt Radar challenged. It is a secret: never logged.
	PendingAuthenticationToken string `json:"pending_authentication_token"`
	// PhoneNumber is where the code is sent, in E.164 form.
	PhoneNumber string `json:"phone_number"`
	// IPAddress is the user's IP address, for Radar: the host alone,
	// without a port.
	IPAddress string `json:"ip_address,omitempty"`
	// UserAgent is the user's browser user agent, for Radar.
	UserAgent string `json:"user_agent,omitempty"`
}

// SendRadarChallengeResponse is the result of SendRadarChallenge.
type SendRadarChallengeResponse struct {
	// VerificationID identifies the SMS verification; pass it to
	// AuthenticateWithRadarSMSChallenge with the code the user received.
	VerificationID string `json:"verification_id"`
	// PhoneNumber is the number the code was sent to.
	PhoneNumber string `json:"phone_number"`
	APIResource
}

// SendRadarChallenge texts a one-time code to the user's phone when Radar
// challenged their sign-in. Finish the sign-in with
// AuthenticateWithRadarSMSChallenge.
func (s *UserManagementService) SendRadarChallenge(ctx context.Context, params SendRadarChallengeParams, opts ...Option) (*SendRadarChallengeResponse, error) {
	switch {
	case strings.TrimSpace(params.UserID) == "":
		return nil, invalidParams("UserID is required")
	case strings.TrimSpace(params.PendingAuthenticationToken) == "":
		return nil, invalidParams("PendingAuthenticationToken is required")
	case strings.TrimSpace(params.PhoneNumber) == "":
		return nil, invalidParams("PhoneNumber is required")
	}
	return send[SendRadarChallengeResponse](ctx, s.client, call{method: http.MethodPost, path: "/user_management/radar_challenges", body: params}, opts)
}

// RadarChallenge is an email challenge Radar issued for a suspicious
// sign-in, including its one-time code.
type RadarChallenge struct {
	// Object is "radar_challenge".
	Object string `json:"object"`
	// ID is the challenge's ID, "radar_challenge_...".
	ID string `json:"id"`
	// Type is the channel of the challenge; today always "email".
	Type string `json:"type"`
	// UserID is the challenged user.
	UserID string `json:"user_id"`
	// Email is where the code was sent.
	Email string `json:"email"`
	// ExpiresAt is when the code stops working.
	ExpiresAt time.Time `json:"expires_at"`
	// CreatedAt is when the challenge was issued.
	CreatedAt time.Time `json:"created_at"`
	// UpdatedAt is when it last changed.
	UpdatedAt time.Time `json:"updated_at"`
	// Code is the one-time code. It is a secret: do not log it.
	Code string `json:"code"`
	APIResource
}

// GetRadarChallenge fetches a Radar challenge, including its one-time
// code.
func (s *UserManagementService) GetRadarChallenge(ctx context.Context, id string, opts ...Option) (*RadarChallenge, error) {
	return send[RadarChallenge](ctx, s.client, call{method: http.MethodGet, path: "/user_management/radar_challenges/{radar_challenge_id}", params: []string{id}}, opts)
}
