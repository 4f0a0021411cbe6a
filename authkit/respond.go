package authkit

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/kestrel-dev/workos"
)

// isNavigation reports whether r is a top-level page load a browser makes
// (a link, the address bar, a form), which may be redirected, rather than
// a fetch, XHR or API call, which must get a status code. It trusts Fetch
// Metadata when present, else wants an Accept that names text/html, and
// refuses htmx and X-Requested-With requests.
func isNavigation(r *http.Request) bool {
	h := r.Header
	if h.Get("HX-Request") != "" || h.Get("X-Requested-With") != "" {
		return false
	}
	if mode := h.Get("Sec-Fetch-Mode"); mode != "" {
		dest := h.Get("Sec-Fetch-Dest")
		return mode == "navigate" && (dest == "" || dest == "document")
	}
	return strings.Contains(h.Get("Accept"), "text/html")
}

// isPageLoad is a navigation that a redirect to sign-in may answer: a GET
// or HEAD (a form POST must not be replayed as a sign-in).
func isPageLoad(r *http.Request) bool {
	return (r.Method == http.MethodGet || r.Method == http.MethodHead) && isNavigation(r)
}

// RespondError writes the response for an error from SwitchOrganization or
// from your own use of the session:
//   - ErrSignInRequired: page navigations (of any method) go to sign-in for
//     the error's organization; other requests get 401;
//   - a passing failure (workos.ErrSessionTransient, network, 429, 5xx):
//     503 with Retry-After, or a retry page for navigations; the cookie
//     is kept;
//   - ErrNotSignedIn: the signed-out response (a redirect to sign-in for
//     page loads, 401 with WWW-Authenticate otherwise);
//   - WorkOS refusing the request (a 4xx, such as a switch to an
//     organization the user is not a member of): 403;
//   - anything else: 500.
func (k *AuthKit) RespondError(w http.ResponseWriter, r *http.Request, err error) {
	var sir *SignInRequiredError
	var apiErr *workos.APIError
	switch {
	case errors.As(err, &sir):
		if isNavigation(r) {
			k.redirectToSignIn(w, r, signInOptions{returnTo: k.navReturnPath(r), organizationID: sir.OrganizationID})
			return
		}
		k.writeUnauthorized(w, `error="sign_in_required"`)
	case classify(err).outcome == OutcomeTransient:
		k.unavailable(w, r, err)
	case errors.Is(err, ErrNotSignedIn):
		k.unauthenticated(w, r)
	case errors.As(err, &apiErr) && apiErr.StatusCode < 500:
		w.Header().Set("Cache-Control", "no-store")
		writeJSONError(w, http.StatusForbidden, "refused")
	default:
		w.Header().Set("Cache-Control", "no-store")
		writeJSONError(w, http.StatusInternalServerError, "internal")
	}
}

// navReturnPath is where to come back to after a sign-in a navigation
// started: the page itself for a GET, else the same-origin Referer's path.
func (k *AuthKit) navReturnPath(r *http.Request) string {
	if r.Method == http.MethodGet || r.Method == http.MethodHead {
		return k.returnPathOr(r.URL.RequestURI())
	}
	if ref := r.Referer(); ref != "" {
		if rest, ok := strings.CutPrefix(ref, k.base.Scheme+"://"+k.base.Host); ok && strings.HasPrefix(rest, "/") {
			return k.returnPathOr(rest)
		}
	}
	return k.cfg.DefaultReturnPath
}

// unauthenticated answers a request that needs a session and has none.
func (k *AuthKit) unauthenticated(w http.ResponseWriter, r *http.Request) {
	if isPageLoad(r) {
		k.redirectToSignIn(w, r, signInOptions{returnTo: k.navReturnPath(r)})
		return
	}
	k.writeUnauthorized(w, "")
}

// writeUnauthorized answers 401 with a WWW-Authenticate challenge for the
// "AuthKit" scheme (the session cookie), extra holding auth-params such as
// an RFC 9470 error.
func (k *AuthKit) writeUnauthorized(w http.ResponseWriter, extra string) {
	ch := `AuthKit realm="` + k.base.Host + `"`
	if extra != "" {
		ch += ", " + extra
	}
	h := w.Header()
	h.Set("WWW-Authenticate", ch)
	h.Set("Cache-Control", "no-store")
	writeJSONError(w, http.StatusUnauthorized, "unauthenticated")
}

// unavailable answers 503 with Retry-After when the session could not be
// checked or renewed for a passing reason. The cookie is left alone.
func (k *AuthKit) unavailable(w http.ResponseWriter, r *http.Request, err error) {
	secs := k.retryAfterSeconds(err)
	h := w.Header()
	h.Set("Retry-After", secs)
	h.Set("Cache-Control", "no-store")
	if isNavigation(r) {
		n, _ := strconv.Atoi(secs)
		writePage(w, http.StatusServiceUnavailable, page{
			Title: "Just a moment", Message: "We could not confirm your session right now. This page will retry by itself.",
			Link: k.returnPathOr(r.URL.RequestURI()), LinkText: "Retry now", Refresh: n,
		})
		return
	}
	writeJSONError(w, http.StatusServiceUnavailable, "session_unavailable")
}

func writeJSONError(w http.ResponseWriter, status int, code string) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	_, _ = w.Write([]byte(`{"error":"` + code + `"}` + "\n"))
}

// Require serves next only to signed-in requests (loading the session
// itself when Middleware did not run). Page loads without a session are
// redirected to sign-in with the page as return path; every other request
// gets 401 with WWW-Authenticate, never a redirect.
func (k *AuthKit) Require(next http.Handler) http.Handler {
	return k.guard(nil, next)
}

// RequirePermission is Require that also needs permission in the session's
// token; a signed-in request without it gets 403.
func (k *AuthKit) RequirePermission(permission string) func(http.Handler) http.Handler {
	return k.guardWith(func(s *Session) bool { return s.HasPermission(permission) })
}

// RequireRole is Require that also needs role among the session's roles;
// a signed-in request without it gets 403.
func (k *AuthKit) RequireRole(role string) func(http.Handler) http.Handler {
	return k.guardWith(func(s *Session) bool { return s.HasRole(role) })
}

// RequireOrganization is Require that also needs the session to be scoped
// to organizationID; a signed-in request in another organization gets 403.
func (k *AuthKit) RequireOrganization(organizationID string) func(http.Handler) http.Handler {
	return k.guardWith(func(s *Session) bool { return s.OrganizationID == organizationID })
}

// RequireRecentSignIn is Require that also needs the user to have signed in
// within maxAge (by User.LastSignInAt, which WorkOS sets at each sign-in).
// Otherwise page loads go through sign-in again (max_age=0), and other
// requests get 401 with error="insufficient_user_authentication" and
// max_age as RFC 9470 describes.
func (k *AuthKit) RequireRecentSignIn(maxAge time.Duration) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return k.Require(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			s, _ := SessionFrom(r.Context())
			at := s.User.LastSignInAt
			if at != nil && k.cfg.Now().Sub(*at) <= maxAge {
				next.ServeHTTP(w, r)
				return
			}
			if isPageLoad(r) {
				k.redirectToSignIn(w, r, signInOptions{returnTo: k.navReturnPath(r), organizationID: s.OrganizationID, forceSignIn: true})
				return
			}
			k.writeUnauthorized(w, `error="insufficient_user_authentication", max_age=`+strconv.Itoa(int(maxAge/time.Second)))
		}))
	}
}

func (k *AuthKit) guardWith(allow func(*Session) bool) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler { return k.guard(allow, next) }
}

func (k *AuthKit) guard(allow func(*Session) bool, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r, st, handled := k.ensure(w, r)
		switch {
		case handled:
		case st.session == nil:
			k.unauthenticated(w, r)
		case allow != nil && !allow(st.session):
			w.Header().Set("Cache-Control", "no-store")
			writeJSONError(w, http.StatusForbidden, "forbidden")
		default:
			next.ServeHTTP(w, r)
		}
	})
}
