package authkit

import (
	"context"
	"log/slog"
	"slices"
	"time"

	"github.com/kestrel-dev/workos"
)

// Session is the signed-in user of a request, as verified by Middleware or
// Require. Read it with SessionFrom. Treat it as read-only: it may be
// shared with the handlers of one request.
type Session struct {
	// User is the signed-in user as the cookie stores it.
	User workos.User
	// SessionID is the WorkOS session ID (the token's sid claim).
	SessionID string
	// OrganizationID is the organization the session is scoped to, empty
	// when none.
	OrganizationID string
	// Role is the user's role slug in OrganizationID.
	Role string
	// Roles are all of the user's role slugs in OrganizationID.
	Roles []string
	// Permissions are the permission slugs the roles grant.
	Permissions []string
	// Entitlements are the organization's entitlement slugs.
	Entitlements []string
	// FeatureFlags are the feature flags enabled for the session.
	FeatureFlags []string
	// Impersonator is set when a WorkOS admin is impersonating the user.
	Impersonator *workos.Impersonator
	// AuthenticationMethod is how the user signed in, when known.
	AuthenticationMethod workos.AuthenticationMethod
	// AccessToken is the verified access token, to call your own APIs
	// with. Never log it.
	AccessToken string
	// ExpiresAt is when AccessToken expires.
	ExpiresAt time.Time
	// Claims are all of the access token's claims, custom JWT-template
	// claims included (numbers are float64).
	Claims map[string]any
}

// HasPermission reports whether the session's token grants permission.
func (s *Session) HasPermission(permission string) bool {
	return s != nil && slices.Contains(s.Permissions, permission)
}

// HasRole reports whether role is the session's role or one of its roles.
func (s *Session) HasRole(role string) bool {
	return s != nil && (s.Role == role || slices.Contains(s.Roles, role))
}

// HasFeatureFlag reports whether flag is enabled for the session.
func (s *Session) HasFeatureFlag(flag string) bool {
	return s != nil && slices.Contains(s.FeatureFlags, flag)
}

// LogValue logs the session's identifiers only: never the token.
func (s *Session) LogValue() slog.Value {
	return slog.GroupValue(slog.String("user_id", s.User.ID), slog.String("session_id", s.SessionID),
		slog.String("organization_id", s.OrganizationID))
}

type ctxKey struct{}

// reqState is what Middleware leaves in the context: the session, or nil
// when the request was looked at and has none.
type reqState struct {
	session *Session
	sealed  string // the session's cookie value, rotated if Middleware refreshed it
}

// SessionFrom returns the request's session, set by Middleware or Require,
// and whether there is one.
func SessionFrom(ctx context.Context) (*Session, bool) {
	st, _ := ctx.Value(ctxKey{}).(*reqState)
	if st == nil || st.session == nil {
		return nil, false
	}
	return st.session, true
}

func withState(ctx context.Context, st *reqState) context.Context {
	return context.WithValue(ctx, ctxKey{}, st)
}

func stateFrom(ctx context.Context) *reqState {
	st, _ := ctx.Value(ctxKey{}).(*reqState)
	return st
}
