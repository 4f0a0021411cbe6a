package workos

import (
	"context"
	"net/http"
	"strings"
	"time"
)

// MagicAuth is a one-time sign-in code WorkOS emailed to a user.
type MagicAuth struct {
	// Object is "magic_auth".
	Object string `json:"object"`
	// ID is the code's ID, "magic_auth_...".
	ID string `json:"id"`
	// UserID is the user the code signs in.
	UserID string `json:"user_id"`
	// Email is the address the code went to.
	Email string `json:"email"`
	// Code is the one-time code itself. Treat it as a secret.
	Code string `json:"code"`
	// ExpiresAt is when the code stops working.
	ExpiresAt time.Time `json:"expires_at"`
	// CreatedAt is when the code was issued.
	CreatedAt time.Time `json:"created_at"`
	// UpdatedAt is when the code last changed.
	UpdatedAt time.Time `json:"updated_at"`
	APIResource
}

// CreateMagicAuthParams names who gets a sign-in code.
type CreateMagicAuthParams struct {
	// Email is the address to send the code to. Required.
	Email string `json:"email"`
	// InvitationToken accepts this invitation when the user signs in with
	// the code.
	InvitationToken string `json:"invitation_token,omitempty"`
	// IPAddress is the IP address of the user's request, for Radar: the
	// host alone, without a port.
	IPAddress string `json:"ip_address,omitempty"`
	// UserAgent is the user agent of the user's request, for Radar.
	UserAgent string `json:"user_agent,omitempty"`
	// RadarAuthAttemptID continues an authentication attempt Radar already
	// knows about.
	RadarAuthAttemptID string `json:"radar_auth_attempt_id,omitempty"`
	// SignalsID is a Radar signals ID that ties client-side signals to
	// this request.
	SignalsID string `json:"signals_id,omitempty"`
}

// CreateMagicAuthResponse is the code CreateMagicAuth issued.
type CreateMagicAuthResponse struct {
	MagicAuth
	// RadarAuthAttemptID identifies the Radar check of this attempt, when
	// Radar is enabled; pass it on to AuthenticateWithMagicAuth.
	RadarAuthAttemptID string `json:"radar_auth_attempt_id,omitempty"`
}

// CreateMagicAuth creates a one-time sign-in code, valid for 10 minutes,
// and emails it to the address. The user signs in by handing the code to
// the magic auth authenticate grant.
func (s *UserManagementService) CreateMagicAuth(ctx context.Context, params CreateMagicAuthParams, opts ...Option) (*CreateMagicAuthResponse, error) {
	if strings.TrimSpace(params.Email) == "" {
		return nil, invalidParams("Email is required")
	}
	return send[CreateMagicAuthResponse](ctx, s.client, call{method: http.MethodPost, path: "/user_management/magic_auth", body: params}, opts)
}

// GetMagicAuth fetches a magic auth code by ID, including the code, for
// apps that deliver it themselves.
func (s *UserManagementService) GetMagicAuth(ctx context.Context, id string, opts ...Option) (*MagicAuth, error) {
	return send[MagicAuth](ctx, s.client, call{method: http.MethodGet, path: "/user_management/magic_auth/{magic_auth_id}", params: []string{id}}, opts)
}
