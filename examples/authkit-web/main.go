// Command authkit-web is a small net/http app that signs users in with
// AuthKit and keeps them signed in with a sealed session cookie.
//
//	/          shows the signed-in user, or a link to /login
//	/login     redirects to AuthKit, with PKCE and a state cookie
//	/callback  exchanges the code and sets the session cookie
//	/logout    (POST) revokes the session and signs out of AuthKit
//
// A middleware authenticates the session cookie on every request and,
// when the access token has expired (every few minutes), refreshes it and
// sends the browser the new cookie.
//
// To run it against your WorkOS environment, add
// http://localhost:8000/callback as a redirect URI and http://localhost:8000/
// as the logout redirect in the WorkOS dashboard, then:
//
//	WORKOS_API_KEY=sk_test_... \
//	WORKOS_CLIENT_ID=client_... \
//	WORKOS_COOKIE_PASSWORD="$(openssl rand -base64 32)" \
//	go run ./examples/authkit-web
//
// and open http://localhost:8000. APP_BASE_URL (default
// http://localhost:8000) is the app's public URL; behind an https URL the
// cookies are marked Secure. ADDR (default localhost:8000) is the address
// to listen on. main_test.go runs the whole flow against workostest.
package main

import (
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"html/template"
	"log"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/kestrel-dev/workos"
)

func main() {
	cfg, addr, err := configFromEnv(os.Getenv)
	if err != nil {
		log.Fatal(err)
	}
	log.Printf("listening on %s; open %s", addr, cfg.BaseURL)
	srv := &http.Server{Addr: addr, Handler: newApp(cfg), ReadHeaderTimeout: 10 * time.Second}
	log.Fatal(srv.ListenAndServe())
}

// config is what the app needs. The Client and Verifier are created once
// and shared by all requests.
type config struct {
	Client   *workos.Client
	Verifier *workos.Verifier
	// BaseURL is the app's public URL, such as http://localhost:8000;
	// BaseURL+"/callback" must be one of the environment's redirect URIs.
	BaseURL string
	// CookiePassword seals the session cookie: at least 32 characters,
	// kept secret and the same on every instance of the app.
	CookiePassword string
}

// configFromEnv reads the configuration from the environment and refuses
// to start without the credentials and a long enough cookie password.
func configFromEnv(env func(string) string) (config, string, error) {
	password := env("WORKOS_COOKIE_PASSWORD")
	if utf8.RuneCountInString(password) < 32 {
		return config{}, "", errors.New("set WORKOS_COOKIE_PASSWORD to a secret of at least 32 characters, such as the output of: openssl rand -base64 32")
	}
	if env("WORKOS_API_KEY") == "" || env("WORKOS_CLIENT_ID") == "" {
		return config{}, "", errors.New("set WORKOS_API_KEY and WORKOS_CLIENT_ID")
	}
	client, err := workos.NewClient(workos.WithAPIKey(env("WORKOS_API_KEY")), workos.WithClientID(env("WORKOS_CLIENT_ID")))
	if err != nil {
		return config{}, "", err
	}
	verifier, err := workos.NewVerifier(client)
	if err != nil {
		return config{}, "", err
	}
	cfg := config{Client: client, Verifier: verifier, BaseURL: orDefault(env("APP_BASE_URL"), "http://localhost:8000"), CookiePassword: password}
	return cfg, orDefault(env("ADDR"), "localhost:8000"), nil
}

const (
	// sessionCookie holds the sealed session: user, access and refresh
	// tokens, encrypted and authenticated with the cookie password.
	sessionCookie = "wos-session"
	// loginCookie holds the state and PKCE verifier of a sign-in in
	// progress, for at most loginTimeout.
	loginCookie  = "wos-login"
	loginTimeout = 10 * time.Minute
)

type app struct {
	cfg    config
	um     *workos.UserManagementService
	secure bool // the app is served over https: mark cookies Secure
}

// newApp builds the app's handler: its routes behind the session
// middleware.
func newApp(cfg config) http.Handler {
	a := &app{cfg: cfg, um: cfg.Client.UserManagement, secure: strings.HasPrefix(cfg.BaseURL, "https://")}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", a.home)
	mux.HandleFunc("GET /login", a.login)
	mux.HandleFunc("GET /callback", a.callback)
	// POST only: the session cookie is SameSite=Lax, so another site cannot
	// make the browser send it with a POST and sign the user out.
	mux.HandleFunc("POST /logout", a.logout)
	return a.withSession(mux)
}

// login sends the browser to AuthKit. The state and PKCE verifier stay in
// a short-lived HttpOnly cookie, sent only to /callback, until the browser
// comes back there. (An app with server-side sessions could keep them there
// instead.)
func (a *app) login(w http.ResponseWriter, r *http.Request) {
	auth, err := a.um.GetAuthorizationURLWithPKCE(workos.GetAuthorizationURLParams{
		Provider:    workos.AuthorizationProviderAuthKit,
		RedirectURI: a.cfg.BaseURL + "/callback",
	})
	if err != nil {
		a.fail(w, http.StatusInternalServerError, "could not start the sign-in", err)
		return
	}
	saved := url.Values{"state": {auth.State}, "verifier": {auth.CodeVerifier}}
	http.SetCookie(w, a.cookie(r, loginCookie, saved.Encode(), "/callback", loginTimeout))
	http.Redirect(w, r, auth.URL, http.StatusFound)
}

// callback finishes the sign-in: it checks that the state matches the one
// this browser started with, exchanges the code and sets the session cookie.
func (a *app) callback(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, a.cookie(r, loginCookie, "", "/callback", -1)) // used once
	c, err := r.Cookie(loginCookie)
	if err != nil {
		a.fail(w, http.StatusBadRequest, "this sign-in has expired or began in another browser; please sign in again", err)
		return
	}
	saved, _ := url.ParseQuery(c.Value)
	q := r.URL.Query()
	if subtle.ConstantTimeCompare([]byte(q.Get("state")), []byte(saved.Get("state"))) != 1 || saved.Get("state") == "" {
		a.fail(w, http.StatusBadRequest, "the sign-in state does not match; please sign in again", errors.New("state mismatch"))
		return
	}
	if e := q.Get("error"); e != "" {
		a.fail(w, http.StatusBadRequest, "the sign-in was not completed", fmt.Errorf("%s: %s", e, q.Get("error_description")))
		return
	}

	// This server keeps the API key, so it is a confidential client:
	// AuthenticateWithCode sends the key as client_secret and the PKCE
	// verifier too, and a stolen code is useless without both.
	// AuthenticateWithCodePKCE sends the verifier alone; it is for public
	// clients (CLIs, mobile and single-page apps) that cannot keep a secret.
	resp, err := a.um.AuthenticateWithCode(r.Context(), workos.AuthenticateWithCodeParams{
		Code:         q.Get("code"),
		CodeVerifier: saved.Get("verifier"),
		UserAgent:    r.UserAgent(),
	})
	if err != nil {
		a.fail(w, http.StatusBadRequest, "the sign-in failed; please try again", err)
		return
	}
	sealed, err := workos.SealSessionFromAuthResponse(resp, a.cfg.CookiePassword)
	if err != nil {
		a.fail(w, http.StatusInternalServerError, "could not save the session", err)
		return
	}
	a.setSession(w, r, sealed)
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

// signedIn is what the middleware hands to the handlers of a signed-in
// request.
type signedIn struct {
	*workos.AuthenticatedSession
	cookie *workos.CookieSession
}

type sessionKey struct{}

// sessionFrom returns the request's session, nil when nobody is signed in.
func sessionFrom(ctx context.Context) *signedIn {
	s, _ := ctx.Value(sessionKey{}).(*signedIn)
	return s
}

// withSession authenticates the session cookie on every request and puts
// the session in the request's context (see sessionFrom).
func (a *app) withSession(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, err := r.Cookie(sessionCookie)
		if err != nil { // no cookie: not signed in
			next.ServeHTTP(w, r)
			return
		}
		s := workos.LoadSealedSession(a.cfg.Client, a.cfg.Verifier, c.Value, a.cfg.CookiePassword)
		auth, err := s.Authenticate(r.Context())
		if errors.Is(err, workos.ErrSessionTokenExpired) {
			// Access tokens last minutes. Redeem the refresh token and send
			// the new cookie back at once: the old refresh token is spent.
			// Requests that arrive together with the same cookie (a page and
			// its assets) share one refresh: Refresh collapses them within
			// this process. Several instances of the app would need sticky
			// sessions, or a retry with the cookie the browser got meanwhile.
			if _, err = s.Refresh(r.Context(), workos.RefreshSessionParams{}); err == nil {
				a.setSession(w, r, s.SealedSession())
				auth, err = s.Authenticate(r.Context())
			}
		}
		switch {
		case err == nil:
			r = r.WithContext(context.WithValue(r.Context(), sessionKey{}, &signedIn{auth, s}))
		case errors.Is(err, workos.ErrSessionTransient):
			// WorkOS could not be reached (the key set or the refresh).
			// Keep the cookie and ask to retry rather than sign the user out.
			a.fail(w, http.StatusServiceUnavailable, "could not check your session; please try again", err)
			return
		case errors.Is(err, workos.ErrSessionInvalidCookie),
			errors.Is(err, workos.ErrSessionInvalidJWT),
			errors.Is(err, workos.ErrSessionRefreshTokenInvalid),
			errors.As(err, new(*workos.MFAEnrollmentError)),
			errors.As(err, new(*workos.SSORequiredError)):
			// A bad cookie, a session that has ended, or one the
			// organization now wants signed in another way: forget it, so
			// the user is signed out and can sign in again.
			log.Printf("authkit-web: dropping session cookie: %v", err)
			http.SetCookie(w, a.cookie(r, sessionCookie, "", "/", -1))
		default:
			// Neither: this server's configuration (a wrong API key, say).
			a.fail(w, http.StatusInternalServerError, "could not check your session", err)
			return
		}
		next.ServeHTTP(w, r)
	})
}

var homePage = template.Must(template.New("home").Parse(`<!doctype html>
<title>AuthKit example</title>
{{with .}}
<p>Signed in as <strong>{{.User.Email}}</strong> ({{.User.ID}}).</p>
<ul>
  <li>Organization: {{or .OrganizationID "none"}}</li>
  <li>Role: {{or .Role "none"}}</li>
  <li>Session: {{.SessionID}}</li>
  <li>Access token expires: {{.Claims.ExpiresAt.UTC.Format "15:04:05 MST"}}</li>
</ul>
<form method="post" action="/logout"><button>Sign out</button></form>
{{else}}
<p>You are not signed in. <a href="/login">Sign in</a></p>
{{end}}
`))

// home shows who is signed in.
func (a *app) home(w http.ResponseWriter, r *http.Request) {
	var session *workos.AuthenticatedSession
	if s := sessionFrom(r.Context()); s != nil {
		session = s.AuthenticatedSession
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if err := homePage.Execute(w, session); err != nil {
		log.Printf("authkit-web: render home: %v", err)
	}
}

// logout ends the session at WorkOS and in the browser, then sends the
// browser to AuthKit's logout URL, which comes back to the home page.
func (a *app) logout(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, a.cookie(r, sessionCookie, "", "/", -1))
	s := sessionFrom(r.Context())
	if s == nil {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	// Revoke right away, so the refresh token stops working even if the
	// browser never follows the redirect below.
	if _, err := a.um.RevokeSession(r.Context(), workos.RevokeSessionParams{SessionID: s.SessionID}); err != nil {
		log.Printf("authkit-web: revoke session: %v", err)
	}
	logoutURL, err := s.cookie.GetLogoutURL(a.cfg.BaseURL + "/")
	if err != nil {
		log.Printf("authkit-web: logout url: %v", err)
		logoutURL = "/"
	}
	http.Redirect(w, r, logoutURL, http.StatusSeeOther)
}

// setSession sets the session cookie. It lasts until the browser closes;
// WorkOS decides how long the session itself lives.
func (a *app) setSession(w http.ResponseWriter, r *http.Request, sealed string) {
	http.SetCookie(w, a.cookie(r, sessionCookie, sealed, "/", 0))
}

// cookie builds one of the app's cookies: HttpOnly, SameSite=Lax, and
// Secure when the app is served over https. maxAge 0 makes a cookie that
// lasts until the browser closes; a negative one deletes it.
func (a *app) cookie(r *http.Request, name, value, path string, maxAge time.Duration) *http.Cookie {
	c := &http.Cookie{
		Name: name, Value: value, Path: path,
		HttpOnly: true, Secure: a.secure || r.TLS != nil, SameSite: http.SameSiteLaxMode,
	}
	switch {
	case maxAge < 0:
		c.MaxAge = -1
	case maxAge > 0:
		c.MaxAge = int(maxAge / time.Second)
	}
	return c
}

// fail logs err (the SDK's errors never contain tokens or secrets) and
// shows the user a short message.
func (a *app) fail(w http.ResponseWriter, status int, msg string, err error) {
	log.Printf("authkit-web: %s: %v", msg, err)
	http.Error(w, msg, status)
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
