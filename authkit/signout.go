package authkit

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/kestrel-dev/workos"
)

// SignOut returns the sign-out handler: mount it on "POST /sign-out" and
// post to it from a form. It accepts only POST, behind Config.CrossOrigin,
// so a cross-site request cannot sign the user out, not even locally. It
// revokes the session at WorkOS, expires every session cookie and sign-in
// flow cookie with the attributes they were set with, and redirects (303)
// to WorkOS's logout URL, which ends the AuthKit session and returns to
// SignOutReturnURL. It works from the cookie alone, with an expired token.
func (k *AuthKit) SignOut() http.Handler {
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			w.Header().Set("Allow", "POST")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		ctx := r.Context()
		w.Header().Set("Cache-Control", "no-store")
		target := k.cfg.SignOutReturnURL
		ev := Event{Kind: EventSignOut, Outcome: OutcomeSuccess}
		if d, err := workos.UnsealSession(k.currentSealed(r), k.cfg.CookiePassword); err == nil {
			sid := unverifiedSessionID(d.AccessToken)
			ev.UserID, ev.SessionID, ev.OrganizationID = d.User.ID, sid, d.OrganizationID
			if sid != "" {
				start := time.Now()
				_, ev.Err = k.cfg.Client.UserManagement.RevokeSession(ctx, workos.RevokeSessionParams{SessionID: sid})
				ev.Duration = time.Since(start)
				if ev.Err != nil {
					// The logout URL ends the session too; keep going.
					ev.Reason = classify(ev.Err).reason
				}
				if u, err := k.cfg.Client.UserManagement.GetLogoutURL(sid, k.cfg.SignOutReturnURL); err == nil {
					target = u
				}
			}
		} else {
			ev.Reason = "no_session"
		}
		k.clearSession(w, r)
		for _, c := range r.Cookies() {
			if strings.HasPrefix(c.Name, k.flowPrefix()) {
				http.SetCookie(w, k.flowCookie(c.Name, "", -1))
			}
		}
		k.emit(ctx, ev)
		http.Redirect(w, r, target, http.StatusSeeOther)
	})
	return k.cfg.CrossOrigin.Handler(h)
}

// unverifiedSessionID reads the sid claim of a token from a cookie this
// package sealed, without verifying it, so that a session whose token has
// expired can still be ended.
func unverifiedSessionID(token string) string {
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return ""
	}
	payload, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		return ""
	}
	var c struct {
		Sid string `json:"sid"`
	}
	if json.Unmarshal(payload, &c) != nil {
		return ""
	}
	return c.Sid
}

// SwitchOrganization refreshes the request's session into organizationID
// and sets the new cookie on w; every later refresh keeps that
// organization. It writes no body: redirect or render afterwards. Errors:
//   - ErrNotSignedIn (the cookie is missing, or was cleared because it
//     cannot be renewed);
//   - a *SignInRequiredError (ErrSignInRequired) when WorkOS needs the user
//     to sign in for that organization (sso_required, mfa_enrollment): the
//     current session is kept; pass it to RespondError to send the user
//     through sign-in for the organization;
//   - an error matching workos.ErrSessionTransient for a passing failure:
//     the cookie is kept;
//   - WorkOS's error, with the session kept, when it refuses the
//     organization (organization_membership_not_found, say);
//   - workos.ErrInvalidParams for an empty organizationID.
func (k *AuthKit) SwitchOrganization(w http.ResponseWriter, r *http.Request, organizationID string) error {
	if organizationID == "" {
		return invalid("organization ID is required")
	}
	sealed := k.currentSealed(r)
	if sealed == "" {
		return ErrNotSignedIn
	}
	if _, err := workos.UnsealSession(sealed, k.cfg.CookiePassword); err != nil {
		k.clearSession(w, r)
		return fmt.Errorf("%w: %w", ErrNotSignedIn, err)
	}
	_, _, err := k.refresh(w, r, sealed, organizationID, EventSwitchOrganization)
	if err == nil {
		return nil
	}
	switch classify(err).outcome {
	case OutcomeSignInRequired:
		return err
	case OutcomeTransient:
		if errors.Is(err, workos.ErrSessionTransient) {
			return err
		}
		return fmt.Errorf("%w: %w", workos.ErrSessionTransient, err)
	}
	if reason := classify(err).reason; reason != string(workos.ErrorCodeInvalidGrant) && reason != "invalid_cookie" {
		return err // refused for this organization (not a member, say): the session stays
	}
	k.clearSession(w, r)
	return fmt.Errorf("%w: %w", ErrNotSignedIn, err)
}

// currentSealed is the session's cookie value: the one Middleware rotated
// it to during this request, else the request's own. A refresh token
// rotated earlier in the request must not be redeemed a second time.
func (k *AuthKit) currentSealed(r *http.Request) string {
	if st := stateFrom(r.Context()); st != nil && st.sealed != "" {
		return st.sealed
	}
	return k.readSession(r)
}
