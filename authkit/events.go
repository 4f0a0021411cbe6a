package authkit

import (
	"context"
	"log/slog"
	"time"
)

// Outcome is how a sign-in, refresh or sign-out ended.
type Outcome string

// Outcomes reported in Event.Outcome.
const (
	// OutcomeSuccess: it worked.
	OutcomeSuccess Outcome = "success"
	// OutcomeTransient: it failed for a passing reason (network, timeout,
	// 429, 5xx, key set unavailable); the cookie was kept.
	OutcomeTransient Outcome = "transient"
	// OutcomeTerminal: the session cannot be renewed (invalid_grant, a
	// cookie that does not unseal); the cookie was cleared.
	OutcomeTerminal Outcome = "terminal"
	// OutcomeSignInRequired: WorkOS wants the user to sign in again for an
	// organization (sso_required, mfa_enrollment); the cookie was kept.
	OutcomeSignInRequired Outcome = "sign_in_required"
	// OutcomeRefused: a callback was refused (AuthKit error redirect,
	// state missing or from another browser, code refused).
	OutcomeRefused Outcome = "refused"
)

// EventKind names what an Event is about.
type EventKind string

// Event kinds.
const (
	EventSignIn             EventKind = "sign_in"
	EventRefresh            EventKind = "refresh"
	EventSwitchOrganization EventKind = "switch_organization"
	EventSignOut            EventKind = "sign_out"
)

// Event describes one sign-in, refresh, organization switch or sign-out. It
// holds identifiers and a classification, never a token, code, state or
// cookie.
type Event struct {
	// Kind is what happened.
	Kind EventKind
	// Outcome is how it ended.
	Outcome Outcome
	// Reason is a short machine-readable cause on failure, such as
	// "invalid_grant", "rate_limited", "network", "state_mismatch".
	Reason string
	// UserID, SessionID and OrganizationID identify the session, when
	// known.
	UserID, SessionID, OrganizationID string
	// Duration is how long the call to WorkOS took, when one was made.
	Duration time.Duration
	// Err is the underlying error on failure. Its text never holds a
	// secret, but may hold WorkOS's message.
	Err error
}

// Hooks receive events for metrics. Each may be nil. They run on the
// request's goroutine, so keep them quick.
type Hooks struct {
	// OnSignIn is called after each callback, successful or not.
	OnSignIn func(ctx context.Context, e Event)
	// OnRefresh is called after each refresh attempt and organization
	// switch.
	OnRefresh func(ctx context.Context, e Event)
	// OnSignOut is called after each sign-out.
	OnSignOut func(ctx context.Context, e Event)
}

// emit logs e and passes it to its hook.
func (k *AuthKit) emit(ctx context.Context, e Event) {
	level := slog.LevelInfo
	if e.Outcome == OutcomeTransient {
		level = slog.LevelWarn // WorkOS unreachable: worth an alert when it lasts
	}
	attrs := []slog.Attr{slog.String("outcome", string(e.Outcome))}
	for _, a := range [][2]string{{"reason", e.Reason}, {"user_id", e.UserID}, {"session_id", e.SessionID}, {"organization_id", e.OrganizationID}} {
		if a[1] != "" {
			attrs = append(attrs, slog.String(a[0], a[1]))
		}
	}
	if e.Duration > 0 {
		attrs = append(attrs, slog.Duration("duration", e.Duration))
	}
	if e.Err != nil {
		attrs = append(attrs, slog.String("error", e.Err.Error()))
	}
	k.cfg.Logger.LogAttrs(ctx, level, "authkit "+string(e.Kind), attrs...)
	var hook func(context.Context, Event)
	switch e.Kind {
	case EventSignIn:
		hook = k.cfg.Hooks.OnSignIn
	case EventRefresh, EventSwitchOrganization:
		hook = k.cfg.Hooks.OnRefresh
	case EventSignOut:
		hook = k.cfg.Hooks.OnSignOut
	}
	if hook != nil {
		hook(ctx, e)
	}
}
