// Package authkit is the web layer of WorkOS AuthKit for net/http: sign-in,
// sign-up, the callback, a sealed session cookie, middleware that verifies
// and refreshes it, guards, organization switching and sign-out.
//
// It is built so that nobody is signed out for the wrong reason. A refresh
// that fails for a passing reason (network, timeout, 429, 5xx, a key set
// that cannot be fetched) keeps the cookie: the request is served while the
// old access token is still inside its leeway, and otherwise answered with
// 503 and Retry-After (a small retry page for page navigations), never
// with a redirect to sign-in. Only a terminal failure (invalid_grant, a
// cookie that does not unseal) clears the cookie.
//
//	kit, err := authkit.New(authkit.Config{
//		Client:         client, // a *workos.Client with API key and client ID
//		CookiePassword: password,
//		BaseURL:        "https://app.example.com",
//	})
//	mux.Handle("GET /sign-in", kit.SignIn())
//	mux.Handle("GET /callback", kit.Callback())
//	mux.Handle("POST /sign-out", kit.SignOut())
//	mux.Handle("/app/", kit.Require(app))
//	http.ListenAndServe(":8080", kit.Middleware(mux))
//
// Page navigations without a session are redirected to sign-in with a safe
// return path; every other request (fetch, XHR, JSON, non-GET) gets 401
// with WWW-Authenticate. The package never wraps the ResponseWriter: cookies
// and headers are set before the next handler runs, so streaming,
// http.ResponseController and websockets keep working.
//
// An *AuthKit is safe for concurrent use; the package has no globals and
// reads no environment variables.
package authkit

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/kestrel-dev/workos"
)

// Defaults that New fills into a zero Config field.
const (
	// DefaultCookieName is the session cookie's name, the one the Node
	// SDKs use, so a cookie that fits in one piece can be shared with them.
	DefaultCookieName = "wos-session"
	// DefaultCookieMaxAge is how long the browser keeps the session
	// cookie: 400 days, the most Chromium allows, as in authkit-nextjs.
	DefaultCookieMaxAge = 400 * 24 * time.Hour
	// DefaultMaxChunks caps how many cookies one session may be split
	// into. Four chunks hold about 16 KB, which keeps the Cookie header
	// under nginx's default 8 KB-per-line buffers only when the session is
	// small; a session that needs more fails to be written, loudly.
	DefaultMaxChunks = 4
	// DefaultRefreshBuffer is how long before its expiry an access token
	// is refreshed, so it cannot expire in the middle of a request.
	DefaultRefreshBuffer = time.Minute
	// DefaultLeeway is how long after its expiry an access token may
	// still be served while a refresh fails for a passing reason.
	DefaultLeeway = 30 * time.Second
	// DefaultClockSkew is the clock difference with WorkOS that the
	// Verifier New builds tolerates on a token's nbf and exp (go-oidc's
	// nbf figure), so a host whose clock is minutes off keeps its users.
	// Expiry does not lean on it: this package refreshes a token
	// RefreshBuffer before its exp and serves it past exp only within
	// Leeway.
	DefaultClockSkew = 5 * time.Minute
	// DefaultRefreshTimeout bounds how long a request waits for a refresh.
	// The refresh itself goes on, and later requests share its result.
	DefaultRefreshTimeout = 10 * time.Second
	// DefaultRetryAfter is the Retry-After sent with a 503 when WorkOS
	// gave none.
	DefaultRetryAfter = 5 * time.Second
	// DefaultFlowTTL is how long a started sign-in may take before its
	// callback is refused.
	DefaultFlowTTL = 10 * time.Minute
	// DefaultCallbackPath is appended to BaseURL to make the RedirectURI
	// when none is configured.
	DefaultCallbackPath = "/callback"
)

// Config configures an AuthKit. Client, CookiePassword and BaseURL are
// required; every other field has the default its comment gives.
type Config struct {
	// Client calls WorkOS (code exchange, refresh, revocation). It needs
	// an API key and a client ID. Required.
	Client *workos.Client
	// Verifier checks access tokens. Default: workos.NewVerifier(Client)
	// with a token leeway of ClockSkew and the clock Now.
	Verifier *workos.Verifier
	// CookiePassword seals the session cookie (at least 32 characters).
	// Use the same password as any Node service that reads the cookie.
	// Required.
	CookiePassword string
	// BaseURL is the application's external origin, such as
	// "https://app.example.com". Cookies are Secure when it is https; the
	// scheme is never read from the request. Required.
	BaseURL string
	// RedirectURI is where AuthKit sends the browser back with the code;
	// mount Callback there. Default: BaseURL + DefaultCallbackPath.
	RedirectURI string
	// SignOutReturnURL is where WorkOS sends the browser after sign-out.
	// Default: BaseURL + "/".
	SignOutReturnURL string
	// DefaultReturnPath is where a sign-in lands when it carries no return
	// path. Default: "/".
	DefaultReturnPath string
	// Cookie sets the session cookie's attributes.
	Cookie Cookie
	// RefreshBuffer: see DefaultRefreshBuffer. A negative value refreshes
	// only once the token has expired.
	RefreshBuffer time.Duration
	// Leeway: see DefaultLeeway.
	Leeway time.Duration
	// ClockSkew: see DefaultClockSkew. Ignored when Verifier is set.
	ClockSkew time.Duration
	// RefreshTimeout: see DefaultRefreshTimeout.
	RefreshTimeout time.Duration
	// RetryAfter: see DefaultRetryAfter.
	RetryAfter time.Duration
	// FlowTTL: see DefaultFlowTTL.
	FlowTTL time.Duration
	// CrossOrigin guards SignOut against cross-site requests. Default: a
	// zero http.CrossOriginProtection, which refuses non-safe requests
	// whose Sec-Fetch-Site or Origin shows another site. Set your own to
	// trust more origins.
	CrossOrigin *http.CrossOriginProtection
	// Logger receives the sign-in, refresh and sign-out events. Default:
	// slog.Default(). No token, code, state or cookie is ever logged.
	Logger *slog.Logger
	// Hooks are called on the same events, for metrics.
	Hooks Hooks
	// Now is the clock. Default: time.Now. Tests set it.
	Now func() time.Time
}

// Cookie sets the attributes of the session cookie. Path is always "/" and
// the cookie is always HttpOnly.
type Cookie struct {
	// Name is the cookie's name. Default: DefaultCookieName. A session
	// too large for one cookie is written as Name.0, Name.1, …
	Name string
	// Domain shares the cookie with subdomains. Default: none (host-only).
	Domain string
	// MaxAge is the cookie's lifetime in the browser. Default:
	// DefaultCookieMaxAge. A negative value makes it a browser-session
	// cookie (no Max-Age).
	MaxAge time.Duration
	// SameSite is the cookie's SameSite mode. Default: http.SameSiteLaxMode.
	// http.SameSiteNoneMode needs an https BaseURL.
	SameSite http.SameSite
	// MaxChunks caps the number of cookies a session may be split into.
	// Default: DefaultMaxChunks.
	MaxChunks int
}

// AuthKit serves AuthKit sign-in and keeps the session cookie. Build one with
// New; it is safe for concurrent use.
type AuthKit struct {
	cfg         Config
	base        *url.URL
	secure      bool
	callbackURL *url.URL
	flowKey     []byte
}

// New checks cfg, fills in the defaults and returns an AuthKit. It fails
// with an error matching workos.ErrInvalidParams when a required field is
// missing or a field is inconsistent.
func New(cfg Config) (*AuthKit, error) {
	if cfg.Client == nil {
		return nil, invalid("Client is required")
	}
	if cfg.CookiePassword == "" {
		return nil, invalid("CookiePassword is required")
	}
	if _, err := workos.SealSession(&workos.SessionData{}, cfg.CookiePassword); err != nil {
		return nil, fmt.Errorf("authkit: CookiePassword: %w", err) // the SDK's own length rule
	}
	base, err := absoluteURL("BaseURL", cfg.BaseURL)
	if err != nil {
		return nil, err
	}
	base.Path = strings.TrimSuffix(base.Path, "/")
	if cfg.RedirectURI == "" {
		cfg.RedirectURI = base.String() + DefaultCallbackPath
	}
	cb, err := absoluteURL("RedirectURI", cfg.RedirectURI)
	if err != nil {
		return nil, err
	}
	if cfg.SignOutReturnURL == "" {
		cfg.SignOutReturnURL = base.String() + "/"
	}
	if _, err := absoluteURL("SignOutReturnURL", cfg.SignOutReturnURL); err != nil {
		return nil, err
	}
	fillDefaults(&cfg)
	if _, ok := safeReturnPath(cfg.DefaultReturnPath); !ok {
		return nil, invalid("DefaultReturnPath must be a same-origin path such as \"/\"")
	}
	secure := base.Scheme == "https"
	if cfg.Cookie.SameSite == http.SameSiteNoneMode && !secure {
		return nil, invalid("Cookie.SameSite None needs an https BaseURL")
	}
	if !validCookieName(cfg.Cookie.Name) {
		return nil, invalid("Cookie.Name must be a valid cookie name")
	}
	if cfg.Verifier == nil {
		v, err := workos.NewVerifier(cfg.Client, workos.WithTokenLeeway(cfg.ClockSkew), workos.WithVerifierClock(cfg.Now))
		if err != nil {
			return nil, fmt.Errorf("authkit: building the verifier: %w", err)
		}
		cfg.Verifier = v
	}
	k := &AuthKit{cfg: cfg, base: base, secure: secure, callbackURL: cb}
	k.flowKey = deriveFlowKey(cfg.CookiePassword)
	return k, nil
}

func fillDefaults(cfg *Config) {
	if cfg.DefaultReturnPath == "" {
		cfg.DefaultReturnPath = "/"
	}
	c := &cfg.Cookie
	if c.Name == "" {
		c.Name = DefaultCookieName
	}
	if c.MaxAge == 0 {
		c.MaxAge = DefaultCookieMaxAge
	}
	if c.SameSite == 0 || c.SameSite == http.SameSiteDefaultMode {
		c.SameSite = http.SameSiteLaxMode
	}
	if c.MaxChunks <= 0 {
		c.MaxChunks = DefaultMaxChunks
	}
	durations := []struct {
		v   *time.Duration
		def time.Duration
	}{
		{&cfg.RefreshBuffer, DefaultRefreshBuffer}, {&cfg.Leeway, DefaultLeeway}, {&cfg.ClockSkew, DefaultClockSkew},
		{&cfg.RetryAfter, DefaultRetryAfter}, {&cfg.RefreshTimeout, DefaultRefreshTimeout}, {&cfg.FlowTTL, DefaultFlowTTL},
	}
	for _, d := range durations {
		if *d.v == 0 {
			*d.v = d.def
		}
	}
	if cfg.CrossOrigin == nil {
		cfg.CrossOrigin = http.NewCrossOriginProtection()
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
}

func absoluteURL(field, raw string) (*url.URL, error) {
	if raw == "" {
		return nil, invalid(field + " is required")
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.User != nil {
		return nil, invalid(field + " must be an absolute http(s) URL")
	}
	return u, nil
}

func invalid(msg string) error {
	return fmt.Errorf("authkit: %w: %s", workos.ErrInvalidParams, msg)
}

// Errors the package returns or passes to hooks, matched with errors.Is.
var (
	// ErrNotSignedIn: the request carries no usable session.
	ErrNotSignedIn = errors.New("authkit: not signed in")
	// ErrSignInRequired: WorkOS wants the user to sign in again for an
	// organization (sso_required, mfa_enrollment) before it renews or
	// switches the session. The user is not signed out.
	ErrSignInRequired = errors.New("authkit: sign-in required for the organization")
	// ErrSessionTooLarge: the sealed session does not fit in
	// Cookie.MaxChunks cookies of 4,096 bytes.
	ErrSessionTooLarge = errors.New("authkit: session too large for the cookie budget")
)
