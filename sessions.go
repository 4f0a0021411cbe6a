package workos

import (
	"context"
	"net/http"
	"strings"
	"time"
)

// SessionAuthMethod is how the user signed in to create a session. Unknown
// values decode as-is.
type SessionAuthMethod string

// Session authentication methods the API reports.
const (
	SessionAuthMethodCrossAppAuth    SessionAuthMethod = "cross_app_auth"
	SessionAuthMethodExternalAuth    SessionAuthMethod = "external_auth"
	SessionAuthMethodImpersonation   SessionAuthMethod = "impersonation"
	SessionAuthMethodMagicCode       SessionAuthMethod = "magic_code"
	SessionAuthMethodMigratedSession SessionAuthMethod = "migrated_session"
	SessionAuthMethodOAuth           SessionAuthMethod = "oauth"
	SessionAuthMethodPasskey         SessionAuthMethod = "passkey"
	SessionAuthMethodPassword        SessionAuthMethod = "password"
	SessionAuthMethodSSO             SessionAuthMethod = "sso"
	SessionAuthMethodUnknown         SessionAuthMethod = "unknown"
)

// SessionStatus is the lifecycle state of a session. Unknown values decode
// as-is.
type SessionStatus string

// Session statuses.
const (
	SessionStatusActive  SessionStatus = "active"
	SessionStatusExpired SessionStatus = "expired"
	SessionStatusRevoked SessionStatus = "revoked"
)

// Session is one of a user's AuthKit sessions: a sign-in on one device,
// which lasts until it expires or is revoked.
type Session struct {
	// Object is "session".
	Object string `json:"object"`
	// ID is the session's ID, "session_...", the same value as the "sid"
	// claim of the access tokens issued for it.
	ID string `json:"id"`
	// Impersonator is set when a WorkOS dashboard user created the session
	// by impersonating the user.
	Impersonator *Impersonator `json:"impersonator,omitempty"`
	// IPAddress is the address the session was created from, nil if unknown.
	IPAddress *string `json:"ip_address"`
	// OrganizationID is the organization the session is scoped to, empty
	// when it is scoped to none.
	OrganizationID string `json:"organization_id,omitempty"`
	// UserAgent is the creating device's user agent, nil if unknown.
	UserAgent *string `json:"user_agent"`
	// UserID is the user the session belongs to.
	UserID string `json:"user_id"`
	// AuthMethod is how the user signed in.
	AuthMethod SessionAuthMethod `json:"auth_method"`
	// Status says whether the session is still usable.
	Status SessionStatus `json:"status"`
	// ExpiresAt is when the session stops being usable unless refreshed.
	ExpiresAt time.Time `json:"expires_at"`
	// EndedAt is when the session ended, nil while it is active.
	EndedAt *time.Time `json:"ended_at"`
	// CreatedAt is when the user signed in.
	CreatedAt time.Time `json:"created_at"`
	// UpdatedAt is when the session last changed.
	UpdatedAt time.Time `json:"updated_at"`
}

// ListSessionsParams pages through ListSessions.
type ListSessionsParams struct {
	ListParams
}

// ListSessions lists the sessions of the user userID, newest first by
// default. Nothing is sent until the List's Page, Pages or All is called.
func (s *UserManagementService) ListSessions(ctx context.Context, userID string, params ListSessionsParams, opts ...Option) *List[Session] {
	return newList[Session](ctx, s.client, call{method: http.MethodGet, path: "/user_management/users/{user_id}/sessions", params: []string{userID}}, params, checkUserID(userID), opts)
}

// RevokeSessionParams name the session RevokeSession ends. SessionID is
// required; a blank one is refused with ErrInvalidParams before any
// request.
type RevokeSessionParams struct {
	// SessionID is the session to end: the "sid" claim of its access
	// tokens, or a Session's ID.
	SessionID string `json:"session_id"`
}

// RevokeSession ends a session from the backend, so its refresh token can
// no longer be redeemed. Access tokens already issued for it are verified
// locally and stay valid until they expire. It does not touch the user's
// browser; to sign the browser out, redirect it to GetLogoutURL instead.
//
// The Ruby SDK's revoke_session also sends a return_to field, which the
// API's request schema does not have (return_to belongs to the logout URL),
// so this method sends only session_id.
func (s *UserManagementService) RevokeSession(ctx context.Context, params RevokeSessionParams, opts ...Option) (*Response, error) {
	if strings.TrimSpace(params.SessionID) == "" {
		return nil, invalidParams("SessionID is required")
	}
	return s.client.do(ctx, call{method: http.MethodPost, path: "/user_management/sessions/revoke", body: params}, nil, opts)
}
