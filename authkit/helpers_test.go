package authkit_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kestrel-dev/workos"
	"github.com/kestrel-dev/workos/authkit"
	"github.com/kestrel-dev/workos/workostest"
	"github.com/stretchr/testify/require"
)

const testPassword = "a-cookie-password-of-at-least-32-chars!"

// env is an application built on authkit, in front of a workostest fake,
// with one seeded user who is a member of two organizations.
type env struct {
	t       *testing.T
	srv     *workostest.Server
	kit     *authkit.AuthKit
	app     *httptest.Server
	user    workostest.User
	org     workostest.Organization // the user's organization at sign-in
	org2    workostest.Organization // a second organization to switch to
	skew    atomic.Int64            // added to the fake's clock for the app's clock
	opts    []envOption
	handler atomic.Value // the app's http.Handler, replaced by restart
	logs    *bytes.Buffer
	evMu    sync.Mutex
	evs     []authkit.Event
}

// envOption changes how newEnv builds the app.
type envOption struct {
	client []workos.Option       // options of the app's workos.Client
	config func(*authkit.Config) // edits the Config before New
}

func withClient(opts ...workos.Option) envOption   { return envOption{client: opts} }
func withConfig(f func(*authkit.Config)) envOption { return envOption{config: f} }

// newEnv starts the fake (its clock frozen at the current time) and the app.
func newEnv(t *testing.T, opts ...envOption) *env {
	t.Helper()
	e := &env{t: t, logs: &bytes.Buffer{}, opts: opts}
	e.srv = workostest.NewServer(t)
	e.srv.SetNow(time.Now().Truncate(time.Second))
	e.user = e.srv.CreateUser(workostest.NewUser{Email: "ada@example.com", Password: "correct horse", EmailVerified: true})
	e.org = e.srv.CreateOrganization("Acme")
	e.org2 = e.srv.CreateOrganization("Globex")
	e.srv.AddMembership(e.user.ID, e.org.ID, workostest.StatusActive, "admin")
	e.srv.AddMembership(e.user.ID, e.org2.ID, workostest.StatusActive, "member")
	e.srv.SetRolePermissions("admin", "posts:read", "posts:write")
	e.srv.SetRolePermissions("member", "posts:read")
	e.srv.SetAuthorizeUser(e.user.ID)

	e.app = httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		e.handler.Load().(http.Handler).ServeHTTP(w, r)
	}))
	e.restart()
	e.app.Start()
	t.Cleanup(e.app.Close)
	return e
}

// restart builds a new AuthKit and app handler, as a new process would: the
// key set cache and the in-process refresh state start empty. The app keeps
// its address, so the browser keeps its cookies.
func (e *env) restart() {
	e.t.Helper()
	var clientOpts []workos.Option
	for _, o := range e.opts {
		clientOpts = append(clientOpts, o.client...)
	}
	cfg := authkit.Config{
		Client:         e.srv.Client(clientOpts...),
		CookiePassword: testPassword,
		BaseURL:        "http://" + e.app.Listener.Addr().String(),
		Logger:         slog.New(slog.NewTextHandler(&syncWriter{w: e.logs}, &slog.HandlerOptions{Level: slog.LevelDebug})),
		Now:            func() time.Time { return e.srv.Now().Add(time.Duration(e.skew.Load())) },
	}
	record := func(_ context.Context, ev authkit.Event) { e.evMu.Lock(); e.evs = append(e.evs, ev); e.evMu.Unlock() }
	cfg.Hooks = authkit.Hooks{OnSignIn: record, OnRefresh: record, OnSignOut: record}
	for _, o := range e.opts {
		if o.config != nil {
			o.config(&cfg)
		}
	}
	kit, err := authkit.New(cfg)
	require.NoError(e.t, err)
	e.kit = kit
	e.handler.Store(kit.Middleware(appMux(kit)))
}

// appMux is the application behind the middleware.
func appMux(kit *authkit.AuthKit) *http.ServeMux {
	mux := http.NewServeMux()
	mux.Handle("GET /sign-in", kit.SignIn())
	mux.Handle("GET /sign-up", kit.SignUp())
	mux.Handle("GET /callback", kit.Callback())
	mux.Handle("POST /sign-out", kit.SignOut())
	mux.Handle("GET /app", kit.Require(http.HandlerFunc(showSession)))
	mux.Handle("GET /api/me", kit.Require(http.HandlerFunc(showSession)))
	mux.Handle("GET /admin", kit.RequirePermission("posts:write")(http.HandlerFunc(showSession)))
	mux.HandleFunc("POST /switch", func(w http.ResponseWriter, r *http.Request) {
		if err := kit.SwitchOrganization(w, r, r.FormValue("organization_id")); err != nil {
			kit.RespondError(w, r, err)
			return
		}
		http.Redirect(w, r, "/app", http.StatusSeeOther)
	})
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		s, ok := authkit.SessionFrom(r.Context())
		if !ok {
			fmt.Fprintln(w, "signed out")
			return
		}
		fmt.Fprintln(w, "signed in as", s.User.Email)
	})
	return mux
}

// showSession writes the request's session as JSON.
func showSession(w http.ResponseWriter, r *http.Request) {
	s, _ := authkit.SessionFrom(r.Context())
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{
		"user_id": s.User.ID, "email": s.User.Email, "session_id": s.SessionID, "organization_id": s.OrganizationID,
		"role": s.Role, "permissions": s.Permissions, "feature_flags": s.FeatureFlags,
	})
}

type syncWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}

func (e *env) events() []authkit.Event {
	e.evMu.Lock()
	defer e.evMu.Unlock()
	return append([]authkit.Event(nil), e.evs...)
}

// refreshes counts the refresh-token grants that reached the fake.
func (e *env) authenticateCalls() int {
	return e.srv.CountRequests(http.MethodPost, "/user_management/authenticate")
}

// browser is a cookie jar that sends requests like a browser does and
// follows no redirect by itself. It records every Set-Cookie it receives.
type browser struct {
	t       *testing.T
	e       *env
	hc      *http.Client
	mu      sync.Mutex
	setCook []*http.Cookie
}

func (e *env) browser() *browser {
	jar, err := cookiejar.New(nil)
	require.NoError(e.t, err)
	b := &browser{t: e.t, e: e}
	b.hc = &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	return b
}

// reply is a read response.
type reply struct {
	Status int
	Header http.Header
	Body   string
}

// kind says how a request looks to the server.
type kind int

const (
	navigate kind = iota // a top-level page load
	fetchAPI             // fetch() from a page, asking for JSON
)

// do sends one request to the app (a path) or anywhere (a URL).
func (b *browser) do(method, target string, k kind, form url.Values) reply {
	b.t.Helper()
	if strings.HasPrefix(target, "/") {
		target = b.e.app.URL + target
	}
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, target, body)
	require.NoError(b.t, err)
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	switch k {
	case navigate:
		req.Header.Set("Sec-Fetch-Mode", "navigate")
		req.Header.Set("Sec-Fetch-Dest", "document")
		req.Header.Set("Sec-Fetch-Site", "same-origin")
		req.Header.Set("Accept", "text/html,application/xhtml+xml")
	case fetchAPI:
		req.Header.Set("Sec-Fetch-Mode", "cors")
		req.Header.Set("Sec-Fetch-Dest", "empty")
		req.Header.Set("Sec-Fetch-Site", "same-origin")
		req.Header.Set("Accept", "application/json")
	}
	resp, err := b.hc.Do(req)
	require.NoError(b.t, err)
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	require.NoError(b.t, err)
	b.mu.Lock()
	b.setCook = append(b.setCook, resp.Cookies()...)
	b.mu.Unlock()
	return reply{Status: resp.StatusCode, Header: resp.Header, Body: string(raw)}
}

func (b *browser) get(path string, k kind) reply {
	b.t.Helper()
	return b.do(http.MethodGet, path, k, nil)
}

// follow navigates to target and follows redirects (across the app and
// the fake's hosted page) until a non-redirect answer.
func (b *browser) follow(target string) reply {
	b.t.Helper()
	for range 10 {
		r := b.get(target, navigate)
		if r.Status < 300 || r.Status > 399 {
			return r
		}
		loc, err := url.Parse(r.Header.Get("Location"))
		require.NoError(b.t, err)
		base, _ := url.Parse(target)
		if strings.HasPrefix(target, "/") {
			base, _ = url.Parse(b.e.app.URL + target)
		}
		target = base.ResolveReference(loc).String()
	}
	b.t.Fatalf("too many redirects")
	return reply{}
}

// signIn runs the whole sign-in through the fake's hosted page and
// returns the page it lands on. It signs in to env.org (the fake's hosted
// page has no organization picker).
func (b *browser) signIn(returnTo string) reply {
	b.t.Helper()
	r := b.follow("/sign-in?organization_id=" + b.e.org.ID + "&return_to=" + url.QueryEscape(returnTo))
	require.Equal(b.t, http.StatusOK, r.Status, r.Body)
	return r
}

// sessionCookies returns the session cookies the jar holds for the app.
func (b *browser) sessionCookies() []*http.Cookie {
	u, _ := url.Parse(b.e.app.URL)
	var out []*http.Cookie
	for _, c := range b.hc.Jar.Cookies(u) {
		if c.Name == authkit.DefaultCookieName || strings.HasPrefix(c.Name, authkit.DefaultCookieName+".") {
			out = append(out, c)
		}
	}
	return out
}

// sessionValue joins the jar's session cookie the way the server does.
func (b *browser) sessionValue() string {
	var bare string
	chunks := map[string]string{}
	for _, c := range b.sessionCookies() {
		if c.Name == authkit.DefaultCookieName {
			bare = c.Value
		} else {
			chunks[c.Name] = c.Value
		}
	}
	if bare != "" {
		return bare
	}
	var sb strings.Builder
	for i := 0; ; i++ {
		v, ok := chunks[fmt.Sprintf("%s.%d", authkit.DefaultCookieName, i)]
		if !ok {
			return sb.String()
		}
		sb.WriteString(v)
	}
}

// me asks the JSON API who is signed in.
func (b *browser) me() (reply, map[string]any) {
	b.t.Helper()
	r := b.get("/api/me", fetchAPI)
	var m map[string]any
	if r.Status == http.StatusOK {
		require.NoError(b.t, json.Unmarshal([]byte(r.Body), &m))
	}
	return r, m
}

// setSession puts a session cookie value in the jar, as one cookie.
func (b *browser) setSession(v string) {
	u, _ := url.Parse(b.e.app.URL)
	b.hc.Jar.SetCookies(u, []*http.Cookie{{Name: authkit.DefaultCookieName, Value: v, Path: "/"}})
}

func jsonUnmarshal(b []byte, v any) error { return json.Unmarshal(b, v) }

// flowCookie reports the first sign-in flow cookie the jar holds.
func (b *browser) flowCookie() (*http.Cookie, bool) {
	u, _ := url.Parse(b.e.app.URL)
	for _, c := range b.hc.Jar.Cookies(u) {
		if strings.HasPrefix(c.Name, authkit.DefaultCookieName+"-flow-") {
			return c, true
		}
	}
	return nil, false
}

// cookiesOf parses a reply's Set-Cookie headers.
func cookiesOf(r reply) []*http.Cookie {
	return (&http.Response{Header: r.Header}).Cookies()
}

func mustURL(s string) *url.URL {
	u, err := url.Parse(s)
	if err != nil {
		panic(err)
	}
	return u
}

func typeName(v any) string { return fmt.Sprintf("%T", v) }
