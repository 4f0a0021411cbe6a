package authkit

import (
	"html/template"
	"net/http"
	"time"

	"github.com/kestrel-dev/workos"
)

// SignIn returns the handler that starts a sign-in: mount it on a GET route
// such as "GET /sign-in". It redirects to AuthKit's hosted page with a PKCE
// challenge and a state bound to the browser by a short-lived cookie.
// Query parameters: return_to (a same-origin path to land on afterwards;
// anything else is replaced by DefaultReturnPath), organization_id and
// login_hint.
func (k *AuthKit) SignIn() http.Handler { return k.startHandler("") }

// SignUp is SignIn opening AuthKit on its sign-up page.
func (k *AuthKit) SignUp() http.Handler { return k.startHandler(workos.ScreenHintSignUp) }

func (k *AuthKit) startHandler(hint workos.ScreenHint) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		q := r.URL.Query()
		k.redirectToSignIn(w, r, signInOptions{
			returnTo: k.returnPathOr(q.Get("return_to")), organizationID: q.Get("organization_id"),
			loginHint: q.Get("login_hint"), screenHint: hint,
		})
	})
}

// returnPathOr is p when it is a safe same-origin path, else
// DefaultReturnPath.
func (k *AuthKit) returnPathOr(p string) string {
	if s, ok := safeReturnPath(p); ok {
		return s
	}
	return k.cfg.DefaultReturnPath
}

// Callback returns the handler for the RedirectURI, where AuthKit sends the
// browser back. It checks that the state belongs to a sign-in this browser
// started (constant-time, within FlowTTL, once), exchanges the code with
// its PKCE verifier, sets the session cookie and redirects to the return
// path. An AuthKit error redirect (error, error_description) gets a small
// 400 page naming the escaped error code; the description is neither shown
// nor logged.
func (k *AuthKit) Callback() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		w.Header().Set("Cache-Control", "no-store")
		q := r.URL.Query()
		f, ok := k.takeFlow(w, r, q.Get("state"))
		if code := q.Get("error"); code != "" {
			code = errorCode(code)
			k.emit(r.Context(), Event{Kind: EventSignIn, Outcome: OutcomeRefused, Reason: "authkit_error:" + code})
			k.callbackPage(w, http.StatusBadRequest, "Sign-in did not complete ("+code+").", k.cfg.DefaultReturnPath)
			return
		}
		if !ok {
			k.emit(r.Context(), Event{Kind: EventSignIn, Outcome: OutcomeRefused, Reason: "state_mismatch"})
			k.callbackPage(w, http.StatusBadRequest, "This sign-in expired, was already used, or was started in another browser.", k.cfg.DefaultReturnPath)
			return
		}
		k.exchange(w, r, q.Get("code"), f)
	})
}

// exchange redeems the code and sets the session cookie.
func (k *AuthKit) exchange(w http.ResponseWriter, r *http.Request, code string, f flow) {
	ctx := r.Context()
	if code == "" {
		k.emit(ctx, Event{Kind: EventSignIn, Outcome: OutcomeRefused, Reason: "no_code"})
		k.callbackPage(w, http.StatusBadRequest, "The sign-in reply carried no code.", f.ReturnTo)
		return
	}
	start := time.Now()
	resp, err := k.cfg.Client.UserManagement.AuthenticateWithCode(ctx, workos.AuthenticateWithCodeParams{
		Code: code, CodeVerifier: f.Verifier, UserAgent: r.UserAgent(),
	})
	took := time.Since(start)
	if err != nil {
		class := classify(err)
		k.emit(ctx, Event{Kind: EventSignIn, Outcome: class.outcome, Reason: class.reason, Duration: took, Err: err})
		if class.outcome == OutcomeTransient {
			w.Header().Set("Retry-After", k.retryAfterSeconds(err))
			k.callbackPage(w, http.StatusServiceUnavailable, "Sign-in is briefly unavailable. Please try again in a moment.", f.ReturnTo)
			return
		}
		k.callbackPage(w, http.StatusBadRequest, "The sign-in could not be completed.", f.ReturnTo)
		return
	}
	sealed, err := workos.SealSessionFromAuthResponse(resp, k.cfg.CookiePassword)
	if err == nil {
		err = k.writeSession(w, r, sealed)
	}
	ev := Event{Kind: EventSignIn, Outcome: OutcomeSuccess, UserID: resp.User.ID, OrganizationID: resp.OrganizationID, Duration: took}
	if err != nil {
		ev.Outcome, ev.Reason, ev.Err = OutcomeRefused, "cookie", err
		k.emit(ctx, ev)
		k.callbackPage(w, http.StatusInternalServerError, "The session could not be stored.", f.ReturnTo)
		return
	}
	k.emit(ctx, ev)
	markPrivate(w.Header())
	http.Redirect(w, r, k.returnPathOr(f.ReturnTo), http.StatusSeeOther)
}

// errorCode keeps an OAuth error code's safe characters, so whatever the
// query holds cannot reach a log or a page as markup or control codes.
func errorCode(s string) string {
	out := make([]byte, 0, min(len(s), 64))
	for i := 0; i < len(s) && len(out) < 64; i++ {
		if c := s[i]; c == '_' || c == '-' || c == '.' || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') || ('0' <= c && c <= '9') {
			out = append(out, c)
		}
	}
	if len(out) == 0 {
		return "unknown"
	}
	return string(out)
}

var pageTmpl = template.Must(template.New("page").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
{{if .Refresh}}<meta http-equiv="refresh" content="{{.Refresh}}">{{end}}<title>{{.Title}}</title></head>
<body><h1>{{.Title}}</h1><p>{{.Message}}</p><p><a href="{{.Link}}">{{.LinkText}}</a></p></body></html>
`))

type page struct {
	Title, Message, Link, LinkText string
	Refresh                        int
}

func writePage(w http.ResponseWriter, status int, p page) {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	_ = pageTmpl.Execute(w, p)
}

func (k *AuthKit) callbackPage(w http.ResponseWriter, status int, msg, link string) {
	writePage(w, status, page{Title: "Sign-in", Message: msg, Link: k.returnPathOr(link), LinkText: "Try again"})
}
