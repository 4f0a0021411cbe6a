package main

import (
	"context"
	"html"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kestrel-dev/workos"
	"github.com/kestrel-dev/workos/authkit"
)

// output collects what run prints and hands over the URL it opens.
type output struct {
	mu   sync.Mutex
	text strings.Builder
	open chan string
}

func (o *output) Write(p []byte) (int, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.text.Write(p)
	if u, ok := strings.CutPrefix(strings.TrimSpace(string(p)), "Open "); ok {
		o.open <- u
	}
	return len(p), nil
}

func (o *output) String() string {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.text.String()
}

// startDemoApp runs the program as `go run` would with no credentials,
// on a free port, and returns its URL and output. It stops when the test
// ends, and the test checks that it stopped cleanly.
func startDemoApp(t *testing.T) (string, *output) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	out := &output{open: make(chan string, 1)}
	done := make(chan error, 1)
	env := map[string]string{"ADDR": "127.0.0.1:0"}
	go func() { done <- run(ctx, out, func(k string) string { return env[k] }) }()
	t.Cleanup(func() {
		cancel()
		assert.NoError(t, <-done, "run after the context ends")
	})
	select {
	case u := <-out.open:
		return u, out
	case err := <-done:
		t.Fatalf("run ended before serving: %v\n%s", err, out)
	case <-time.After(30 * time.Second):
		t.Fatalf("run printed no URL to open:\n%s", out)
	}
	return "", nil
}

// browser is an HTTP client with a cookie jar that sends what a browser
// sends for a page load, and follows redirects between the app and the
// fake's sign-in page.
type browser struct {
	t      *testing.T
	client *http.Client
}

// page is where a request ended and what it showed.
type page struct {
	status int
	url    *url.URL
	body   string
}

func newBrowser(t *testing.T) *browser {
	jar, err := cookiejar.New(nil)
	require.NoError(t, err)
	return &browser{t: t, client: &http.Client{Jar: jar, Transport: navigation{}}}
}

// navigation marks every request, redirects included, as a page load.
type navigation struct{}

func (navigation) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Header.Set("Sec-Fetch-Mode", "navigate")
	r.Header.Set("Sec-Fetch-Dest", "document")
	r.Header.Set("Accept", "text/html")
	return http.DefaultTransport.RoundTrip(r)
}

func (b *browser) get(target string) page { return b.send(http.MethodGet, target, nil) }

func (b *browser) post(target string, form url.Values) page {
	return b.send(http.MethodPost, target, form)
}

func (b *browser) send(method, target string, form url.Values) page {
	b.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, target, body)
	require.NoError(b.t, err)
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	resp, err := b.client.Do(req)
	require.NoError(b.t, err)
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	require.NoError(b.t, err)
	return page{status: resp.StatusCode, url: resp.Request.URL, body: string(raw)}
}

// find returns the first group of expr in the page, unescaped.
func (p page) find(t *testing.T, expr string) string {
	t.Helper()
	m := regexp.MustCompile(expr).FindStringSubmatch(p.body)
	require.NotNilf(t, m, "%s not in the page at %s (%d):\n%s", expr, p.url, p.status, p.body)
	return html.UnescapeString(m[1])
}

// formAction is the absolute URL of the page's first form.
func (p page) formAction(t *testing.T) string {
	t.Helper()
	u, err := p.url.Parse(p.find(t, `<form method="post" action="([^"]*)"`))
	require.NoError(t, err)
	return u.String()
}

func TestDemoRunsWithoutCredentialsAndThePrintedLoginSignsIn(t *testing.T) {
	base, out := startDemoApp(t)
	printed := out.String()
	assert.Contains(t, printed, "in-process fake WorkOS")
	login := regexp.MustCompile(`Demo login: (\S+) / (.+) \(in two`).FindStringSubmatch(printed)
	require.NotNil(t, login, printed)
	b := newBrowser(t)

	signIn := b.get(base + "/account")
	require.Contains(t, signIn.body, `id="sign-in-form"`, "a protected page sends a signed-out browser to the sign-in page")
	picker := b.post(signIn.formAction(t), url.Values{"step": {"sign-in"}, "email": {login[1]}, "password": {login[2]}})
	acme := picker.find(t, `value="(org_[^"]+)">Acme</button>`)
	account := b.post(picker.formAction(t), url.Values{"step": {"organization"}, "organization_id": {acme},
		"pending_authentication_token": {picker.find(t, `name="pending_authentication_token" value="([^"]*)"`)}})

	require.Equal(t, base+"/account", account.url.String(), account.body)
	assert.Equal(t, login[1], account.find(t, `<dd id="email">([^<]*)</dd>`))
	assert.Equal(t, acme, account.find(t, `<dd id="org">([^<]*)</dd>`))
	assert.Equal(t, "admin", account.find(t, `<dd id="role">([^<]*)</dd>`))
	assert.Equal(t, "reports:read members:manage", strings.TrimSpace(account.find(t, `<dd id="permissions">([^<]*)</dd>`)))
	reports := b.get(base + "/reports")
	assert.Equal(t, http.StatusOK, reports.status)
	assert.Contains(t, reports.body, "Reports of "+acme)

	globex := account.find(t, `value="(org_[^"]+)">Globex</button>`)
	switched := b.post(base+"/switch-organization", url.Values{"organization_id": {globex}})
	assert.Equal(t, globex, switched.find(t, `<dd id="org">([^<]*)</dd>`))
	assert.Equal(t, "member", switched.find(t, `<dd id="role">([^<]*)</dd>`))
	assert.Equal(t, http.StatusForbidden, b.get(base+"/reports").status, "members of Globex lack reports:read")

	notMine := b.post(base+"/switch-organization", url.Values{"organization_id": {"org_01NOTAMEMBER"}})
	assert.Equal(t, http.StatusForbidden, notMine.status)
	assert.Contains(t, notMine.body, "You cannot switch to that organization.")
	assert.Equal(t, globex, b.get(base+"/account").find(t, `<dd id="org">([^<]*)</dd>`), "a refused switch keeps the session")

	home := b.post(base+"/sign-out", url.Values{})
	assert.Equal(t, base+"/", home.url.String())
	assert.Contains(t, home.body, "You are not signed in.")
	assert.Contains(t, b.get(base+"/account").body, `id="sign-in-form"`, "signed out, the protected page asks to sign in again")
}

func TestDemoSignUpOnTheFakesPage(t *testing.T) {
	base, _ := startDemoApp(t)
	b := newBrowser(t)

	form := b.get(base + "/sign-up")
	require.Contains(t, form.body, `id="sign-up-form"`)
	home := b.post(form.formAction(t), url.Values{"step": {"sign-up"}, "email": {"new@example.com"}, "password": {"long enough"}, "first_name": {"New"}})

	assert.Equal(t, base+"/", home.url.String())
	assert.Contains(t, home.body, "Signed in as <strong>new@example.com</strong>")
	assert.Equal(t, "none", b.get(base+"/account").find(t, `<dd id="org">([^<]*)</dd>`), "a new user has no organization")
}

func TestBackendFromEnvPicksTheDemoOnlyWithoutAnyCredential(t *testing.T) {
	creds := map[string]string{
		"WORKOS_API_KEY": "sk_test_example", "WORKOS_CLIENT_ID": "client_example",
		"WORKOS_COOKIE_PASSWORD": "a-secret-cookie-password-of-32-characters",
	}
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

	demo, err := backendFromEnv(env(nil))
	require.NoError(t, err)
	require.NotNil(t, demo.demo, "no credentials: the in-process fake")
	defer demo.demo.Close()
	assert.GreaterOrEqual(t, len(demo.cookiePassword), 32)

	real, err := backendFromEnv(env(creds))
	require.NoError(t, err)
	assert.Nil(t, real.demo, "all three credentials: the real WorkOS")
	assert.Equal(t, creds["WORKOS_COOKIE_PASSWORD"], real.cookiePassword)

	_, err = backendFromEnv(env(map[string]string{"WORKOS_API_KEY": "sk_test_example"}))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "set WORKOS_CLIENT_ID and WORKOS_COOKIE_PASSWORD too")
	assert.NotContains(t, err.Error(), "sk_test_example", "the error never shows a secret")
}

func TestRunRefusesAShortCookiePassword(t *testing.T) {
	env := map[string]string{"WORKOS_API_KEY": "sk_test_example", "WORKOS_CLIENT_ID": "client_example",
		"WORKOS_COOKIE_PASSWORD": "too short", "ADDR": "127.0.0.1:0"}
	err := run(context.Background(), io.Discard, func(k string) string { return env[k] })
	assert.ErrorIs(t, err, workos.ErrSealPasswordTooShort)
}

// A switch whose refresh token WorkOS no longer honours (the session was
// revoked) is a signed-out user, not a refused organization: the cookie is
// cleared and the answer is RespondError's, never "You cannot switch".
func TestSwitchAfterTheSessionWasRevokedIsSignedOutNotRefused(t *testing.T) {
	be := startDemo()
	defer be.demo.Close()
	srv := httptest.NewServer(nil)
	defer srv.Close()
	kit, err := authkit.New(authkit.Config{Client: be.client, CookiePassword: be.cookiePassword, BaseURL: srv.URL})
	require.NoError(t, err)
	srv.Config.Handler = newApp(kit, be.client.UserManagement)
	b := newBrowser(t)

	signIn := b.get(srv.URL + "/account")
	account := b.post(signIn.formAction(t), url.Values{"step": {"sign-in"}, "email": {demoGrace}, "password": {demoPassword}})
	require.Equal(t, srv.URL+"/account", account.url.String(), account.body)
	userID := account.find(t, `<dd id="user">([^<]*)</dd>`)
	sessions := be.demo.Sessions(userID)
	require.Len(t, sessions, 1)
	_, err = be.client.UserManagement.RevokeSession(t.Context(), workos.RevokeSessionParams{SessionID: sessions[0].ID})
	require.NoError(t, err)

	switched := b.post(srv.URL+"/switch-organization", url.Values{"organization_id": {sessions[0].OrganizationID}})
	assert.Equal(t, http.StatusUnauthorized, switched.status, switched.body)
	assert.NotContains(t, switched.body, "You cannot switch")
	assert.Contains(t, b.get(srv.URL+"/account").body, `id="sign-in-form"`, "the cookie was cleared")
}
