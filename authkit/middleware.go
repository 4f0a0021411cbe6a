package authkit

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/kestrel-dev/workos"
)

// Middleware verifies the session cookie, if any, and puts the session in
// the request's context for SessionFrom; requests without one pass through
// signed out. It refreshes the access token RefreshBuffer before expiry,
// sets the rotated cookie, Cache-Control: private, no-store and Vary:
// Cookie before calling next, and never wraps the ResponseWriter.
//
// When a refresh fails for a passing reason the cookie is kept: the
// request is served with the old token while it is inside Leeway, else
// answered 503 with Retry-After (a retry page for page navigations). When
// WorkOS wants the user to sign in again for an organization, page
// navigations go to sign-in for it and other requests get 401. Only a
// terminal failure clears the cookie, and the request continues signed out.
func (k *AuthKit) Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if stateFrom(r.Context()) != nil {
			next.ServeHTTP(w, r)
			return
		}
		st, handled := k.load(w, r)
		if handled {
			return
		}
		next.ServeHTTP(w, r.WithContext(withState(r.Context(), st)))
	})
}

// ensure loads the session unless Middleware already did; handled reports
// that the response was written.
func (k *AuthKit) ensure(w http.ResponseWriter, r *http.Request) (*http.Request, *reqState, bool) {
	if st := stateFrom(r.Context()); st != nil {
		return r, st, false
	}
	st, handled := k.load(w, r)
	if handled {
		return r, nil, true
	}
	return r.WithContext(withState(r.Context(), st)), st, false
}

// load resolves the request's session. It writes cookies and headers, and
// writes the whole response only when it returns handled.
func (k *AuthKit) load(w http.ResponseWriter, r *http.Request) (st *reqState, handled bool) {
	sealed := k.readSession(r)
	if sealed == "" {
		return &reqState{}, false
	}
	ctx := r.Context()
	d, err := workos.UnsealSession(sealed, k.cfg.CookiePassword)
	if err != nil || d.AccessToken == "" {
		return k.signedOut(w, r, "invalid_cookie", "", err), false
	}
	claims, verr := k.cfg.Verifier.Verify(ctx, d.AccessToken)
	now := k.cfg.Now()
	var fallback *Session // what may be served if a refresh fails for a passing reason
	switch {
	case verr == nil && claims.Subject != d.User.ID:
		// A cookie whose user is not the token's subject was not written
		// by a sign-in; trust neither.
		return k.signedOut(w, r, "invalid_cookie", d.User.ID, nil), false
	case verr == nil:
		s := sessionOf(d, claims)
		if now.Before(claims.ExpiresAt.Add(-max(k.cfg.RefreshBuffer, 0))) {
			return k.serve(w, s, sealed), false
		}
		if now.Before(claims.ExpiresAt.Add(k.cfg.Leeway)) {
			fallback = s
		}
	case errors.Is(verr, workos.ErrTokenExpired), errors.Is(verr, workos.ErrTokenUnknownKey):
		// Refresh: a new token is signed by a current key.
	case errors.Is(verr, workos.ErrJWKSUnavailable), errors.Is(verr, workos.ErrTokenNotYetValid), ctx.Err() != nil:
		k.emit(ctx, Event{Kind: EventRefresh, Outcome: OutcomeTransient, Reason: verifyReason(verr), UserID: d.User.ID, Err: verr})
		k.unavailable(w, r, verr)
		return nil, true
	default:
		return k.signedOut(w, r, "invalid_token", d.User.ID, verr), false
	}
	return k.refreshOnRequest(w, r, sealed, d, fallback)
}

// signedOut clears a session that can never be used again, reports why,
// and lets the request go on signed out.
func (k *AuthKit) signedOut(w http.ResponseWriter, r *http.Request, reason, userID string, err error) *reqState {
	k.clearSession(w, r)
	k.emit(r.Context(), Event{Kind: EventRefresh, Outcome: OutcomeTerminal, Reason: reason, UserID: userID, Err: err})
	return &reqState{}
}

func verifyReason(err error) string {
	switch {
	case errors.Is(err, workos.ErrTokenNotYetValid):
		return "clock_skew"
	case errors.Is(err, workos.ErrJWKSUnavailable):
		return "jwks_unavailable"
	}
	return classify(err).reason
}

// refreshOnRequest renews the session during a request, and decides what
// the request gets when that fails.
func (k *AuthKit) refreshOnRequest(w http.ResponseWriter, r *http.Request, sealed string, d *workos.SessionData, fallback *Session) (*reqState, bool) {
	s, renewed, err := k.refresh(w, r, sealed, d.OrganizationID, EventRefresh)
	if err == nil {
		return k.serve(w, s, renewed), false
	}
	switch classify(err).outcome {
	case OutcomeTransient:
		if fallback != nil {
			return k.serve(w, fallback, sealed), false
		}
		k.unavailable(w, r, err)
		return nil, true
	case OutcomeSignInRequired:
		k.RespondError(w, r, err)
		return nil, true
	}
	k.clearSession(w, r)
	return &reqState{}, false
}

// refresh redeems the cookie's refresh token, scoped to orgID (always sent,
// so the organization survives every refresh), sets the new cookie and
// returns the new session and cookie value. Concurrent refreshes of one
// cookie in this process make one call to WorkOS
// (workos.CookieSession.Refresh).
func (k *AuthKit) refresh(w http.ResponseWriter, r *http.Request, sealed, orgID string, kind EventKind) (*Session, string, error) {
	ctx, cancel := context.WithTimeout(r.Context(), k.cfg.RefreshTimeout)
	defer cancel()
	cs := workos.LoadSealedSession(k.cfg.Client, k.cfg.Verifier, sealed, k.cfg.CookiePassword)
	start := time.Now()
	res, err := cs.Refresh(ctx, workos.RefreshSessionParams{OrganizationID: orgID})
	ev := Event{Kind: kind, OrganizationID: orgID, Duration: time.Since(start)}
	if err != nil {
		c := classify(err)
		ev.Outcome, ev.Reason, ev.Err = c.outcome, c.reason, err
		k.emit(ctx, ev)
		if c.outcome == OutcomeSignInRequired {
			return nil, "", &SignInRequiredError{OrganizationID: orgID, Reason: c.reason, Err: err}
		}
		return nil, "", err
	}
	resp := res.Response
	ev.Outcome, ev.UserID, ev.OrganizationID = OutcomeSuccess, resp.User.ID, resp.OrganizationID
	if err := k.writeSession(w, r, res.SealedSession); err != nil {
		ev.Outcome, ev.Reason, ev.Err = OutcomeTerminal, "cookie", err
		k.emit(ctx, ev)
		return nil, "", err
	}
	claims, err := k.cfg.Verifier.Verify(ctx, resp.AccessToken)
	if err != nil {
		// The new cookie is set (the old refresh token is spent), but this
		// request cannot be served with a token that does not verify.
		ev.Outcome, ev.Reason, ev.Err = OutcomeTransient, verifyReason(err), err
		k.emit(ctx, ev)
		return nil, "", errors.Join(workos.ErrSessionTransient, err)
	}
	ev.SessionID = claims.SessionID
	k.emit(ctx, ev)
	return sessionOf(&workos.SessionData{
		OrganizationID: claims.OrganizationID, User: workos.SessionUserFromUser(resp.User), AccessToken: resp.AccessToken,
		AuthenticationMethod: resp.AuthenticationMethod, Impersonator: resp.Impersonator,
	}, claims), res.SealedSession, nil
}

// serve marks the response private and returns the request state.
func (k *AuthKit) serve(w http.ResponseWriter, s *Session, sealed string) *reqState {
	markPrivate(w.Header())
	return &reqState{session: s, sealed: sealed}
}

func sessionOf(d *workos.SessionData, c *workos.AccessTokenClaims) *Session {
	return &Session{
		User: d.User.APIUser(), SessionID: c.SessionID, OrganizationID: c.OrganizationID, Role: c.Role, Roles: c.Roles,
		Permissions: c.Permissions, Entitlements: c.Entitlements, FeatureFlags: c.FeatureFlags, Impersonator: d.Impersonator,
		AuthenticationMethod: d.AuthenticationMethod, AccessToken: d.AccessToken, ExpiresAt: c.ExpiresAt, Claims: c.Raw,
	}
}

// SignInRequiredError reports that WorkOS wants the user to sign in again
// for an organization (sso_required, mfa_enrollment) before it renews or
// switches the session. It matches ErrSignInRequired; RespondError sends
// the user through sign-in for OrganizationID.
type SignInRequiredError struct {
	// OrganizationID is the organization to sign in to; empty for none.
	OrganizationID string
	// Reason is WorkOS's error code, such as "sso_required".
	Reason string
	// Err is the error from WorkOS.
	Err error
}

// Error names the reason and the organization.
func (e *SignInRequiredError) Error() string {
	return "authkit: sign-in required (" + e.Reason + ") for organization " + e.OrganizationID
}

// Unwrap returns ErrSignInRequired and the error from WorkOS.
func (e *SignInRequiredError) Unwrap() []error { return []error{ErrSignInRequired, e.Err} }
