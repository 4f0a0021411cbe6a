package main

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kestrel-dev/workos"
	"github.com/kestrel-dev/workos/workostest"
)

const webTestPassword = "a-test-cookie-password-of-32-chars-or-more"

// webTest is the app running against a fake WorkOS, and a browser: an
// http.Client with a cookie jar that follows redirects between the two.
type webTest struct {
	srv     *workostest.Server
	app     *httptest.Server
	browser *http.Client
	ada     workostest.User
	org     workostest.Organization

	mu        sync.Mutex
	setCookie map[string][]*http.Cookie // Set-Cookie headers per app path
	bodies    []string                  // authenticate request bodies seen by the fake
}

func newWebTest(t *testing.T) *webTest {
	t.Helper()
	wt := &webTest{setCookie: map[string][]*http.Cookie{}}
	wt.srv = workostest.NewServer(t, workostest.WithObserver(func(e workostest.Exchange) {
		if e.Path == "/user_management/authenticate" {
			wt.mu.Lock()
			wt.bodies = append(wt.bodies, string(e.RequestBody))
			wt.mu.Unlock()
		}
	}))
	wt.org = wt.srv.CreateOrganization("Acme Corp")
	wt.ada = wt.srv.CreateUser(workostest.NewUser{Email: "ada@example.com", FirstName: "Ada", EmailVerified: true})
	wt.srv.AddMembership(wt.ada.ID, wt.org.ID, workostest.StatusActive, "admin")
	wt.srv.SetAuthorizeUser(wt.ada.ID) // who "signs in" on the fake's hosted page

	client := wt.srv.Client()
	// The verifier reads the fake's clock, so srv.Advance expires tokens.
	verifier, err := workos.NewVerifier(client, workos.WithVerifierClock(wt.srv.Now), workos.WithTokenIssuer(wt.srv.Issuer()))
	require.NoError(t, err)

	wt.app = httptest.NewUnstartedServer(nil)
	wt.app.Config.Handler = newApp(config{
		Client: client, Verifier: verifier, CookiePassword: webTestPassword,
		BaseURL: "http://" + wt.app.Listener.Addr().String(),
	})
	wt.app.Start()
	t.Cleanup(wt.app.Close)

	jar, err := cookiejar.New(nil)
	require.NoError(t, err)
	wt.browser = &http.Client{Jar: jar, Transport: recordingTransport{wt}}
	return wt
}

// recordingTransport keeps the app's Set-Cookie headers, which the jar
// swallows, so tests can check the cookies' attributes.
type recordingTransport struct{ wt *webTest }

func (rt recordingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := http.DefaultTransport.RoundTrip(r)
	if err == nil && "http://"+r.URL.Host == rt.wt.app.URL {
		rt.wt.mu.Lock()
		rt.wt.setCookie[r.URL.Path] = append(rt.wt.setCookie[r.URL.Path], resp.Cookies()...)
		rt.wt.mu.Unlock()
	}
	return resp, err
}

func (wt *webTest) cookiesSetOn(path string) map[string]*http.Cookie {
	wt.mu.Lock()
	defer wt.mu.Unlock()
	m := map[string]*http.Cookie{}
	for _, c := range wt.setCookie[path] {
		m[c.Name] = c
	}
	delete(wt.setCookie, path)
	return m
}

// do sends method to path with the browser, follows redirects, and
// returns the final URL and body, which must be 200 OK.
func (wt *webTest) do(t *testing.T, method, path string) (string, string) {
	t.Helper()
	req, err := http.NewRequest(method, wt.app.URL+path, nil)
	require.NoError(t, err)
	resp, err := wt.browser.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, resp.StatusCode, string(body))
	return resp.Request.URL.String(), string(body)
}

func (wt *webTest) sessionCookie() string {
	u, _ := url.Parse(wt.app.URL)
	for _, c := range wt.browser.Jar.Cookies(u) {
		if c.Name == sessionCookie {
			return c.Value
		}
	}
	return ""
}

func (wt *webTest) authenticateBodies() []string {
	wt.mu.Lock()
	defer wt.mu.Unlock()
	return append([]string(nil), wt.bodies...)
}

func TestSignInRefreshAndSignOutInABrowser(t *testing.T) {
	wt := newWebTest(t)

	// Signed out, the home page links to /login.
	_, body := wt.do(t, http.MethodGet, "/")
	assert.Contains(t, body, `<a href="/login">Sign in</a>`)

	// Sign in: /login -> the fake's authorize endpoint -> /callback -> /.
	final, body := wt.do(t, http.MethodGet, "/login")
	assert.Equal(t, wt.app.URL+"/", final)
	assert.Contains(t, body, "Signed in as <strong>ada@example.com</strong> ("+wt.ada.ID+")")
	assert.Contains(t, body, "Organization: "+wt.org.ID)
	assert.Contains(t, body, "Role: admin")

	// /login sent PKCE and a state, and kept both in a short-lived cookie.
	login := wt.cookiesSetOn("/login")[loginCookie]
	require.NotNil(t, login)
	assert.True(t, login.HttpOnly)
	assert.Equal(t, http.SameSiteLaxMode, login.SameSite)
	assert.Equal(t, "/callback", login.Path)
	assert.Equal(t, 600, login.MaxAge)
	saved, err := url.ParseQuery(login.Value)
	require.NoError(t, err)
	authorize := findRequest(t, wt.srv, http.MethodGet, "/user_management/authorize")
	aq, err := url.ParseQuery(authorize.Query)
	require.NoError(t, err)
	assert.Equal(t, "authkit", aq.Get("provider"))
	assert.Equal(t, wt.app.URL+"/callback", aq.Get("redirect_uri"))
	assert.Equal(t, saved.Get("state"), aq.Get("state"))
	assert.Equal(t, workos.CodeChallengeS256(saved.Get("verifier")), aq.Get("code_challenge"))
	assert.Equal(t, "S256", aq.Get("code_challenge_method"))

	// /callback exchanged the code as a confidential client with the
	// verifier, cleared the login cookie and set the session cookie.
	bodies := wt.authenticateBodies()
	require.Len(t, bodies, 1)
	assert.Contains(t, bodies[0], `"grant_type":"authorization_code"`)
	assert.Contains(t, bodies[0], `"client_secret":"`+wt.srv.APIKey()+`"`)
	assert.Contains(t, bodies[0], `"code_verifier":"`+saved.Get("verifier")+`"`)
	set := wt.cookiesSetOn("/callback")
	require.Contains(t, set, loginCookie)
	assert.Equal(t, -1, set[loginCookie].MaxAge)
	session := set[sessionCookie]
	require.NotNil(t, session)
	assert.True(t, session.HttpOnly)
	assert.False(t, session.Secure, "plain http in this test")
	assert.Equal(t, http.SameSiteLaxMode, session.SameSite)
	assert.Equal(t, "/", session.Path)
	first := wt.sessionCookie()
	data, err := workos.UnsealSession(first, webTestPassword)
	require.NoError(t, err)
	assert.Equal(t, wt.ada.ID, data.User.ID)
	assert.Equal(t, wt.org.ID, data.OrganizationID)

	// While the access token is fresh, nothing is refreshed.
	_, body = wt.do(t, http.MethodGet, "/")
	assert.Contains(t, body, "ada@example.com")
	assert.Len(t, wt.authenticateBodies(), 1)
	assert.Equal(t, first, wt.sessionCookie())

	// Once it has expired, the middleware refreshes and rotates the cookie.
	wt.srv.Advance(6 * time.Minute)
	_, body = wt.do(t, http.MethodGet, "/")
	assert.Contains(t, body, "Signed in as <strong>ada@example.com</strong>")
	bodies = wt.authenticateBodies()
	require.Len(t, bodies, 2)
	assert.Contains(t, bodies[1], `"grant_type":"refresh_token"`)
	assert.Contains(t, bodies[1], `"refresh_token":"`+data.RefreshToken+`"`)
	rotated := wt.sessionCookie()
	assert.NotEqual(t, first, rotated)
	newData, err := workos.UnsealSession(rotated, webTestPassword)
	require.NoError(t, err)
	assert.NotEqual(t, data.RefreshToken, newData.RefreshToken)
	assert.Equal(t, "/", wt.cookiesSetOn("/")[sessionCookie].Path)

	// The new cookie works without another refresh.
	_, body = wt.do(t, http.MethodGet, "/")
	assert.Contains(t, body, "ada@example.com")
	assert.Len(t, wt.authenticateBodies(), 2)

	// Sign out: the session is revoked, the cookie cleared, and the browser
	// goes through the fake's logout URL back home.
	final, body = wt.do(t, http.MethodPost, "/logout")
	assert.Equal(t, wt.app.URL+"/", final)
	assert.Contains(t, body, `<a href="/login">Sign in</a>`)
	assert.Empty(t, wt.sessionCookie())
	assert.Equal(t, 1, wt.srv.CountRequests(http.MethodPost, "/user_management/sessions/revoke"))
	logout := findRequest(t, wt.srv, http.MethodGet, "/user_management/sessions/logout")
	lq, err := url.ParseQuery(logout.Query)
	require.NoError(t, err)
	assert.Equal(t, wt.app.URL+"/", lq.Get("return_to"))
	sessions := wt.srv.Sessions(wt.ada.ID)
	require.Len(t, sessions, 1)
	assert.Equal(t, sessions[0].ID, lq.Get("session_id"))
	assert.False(t, sessions[0].Active)
}

func TestCallbackRefusesAStateThatDoesNotMatch(t *testing.T) {
	wt := newWebTest(t)
	// Start a sign-in so the browser holds a login cookie, but stop at the
	// redirect to WorkOS.
	wt.browser.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err := wt.browser.Get(wt.app.URL + "/login")
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusFound, resp.StatusCode)

	resp, err = wt.browser.Get(wt.app.URL + "/callback?code=abc&state=forged")
	require.NoError(t, err)
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	assert.Equal(t, http.StatusBadRequest, resp.StatusCode)
	assert.Contains(t, string(body), "state does not match")
	assert.Empty(t, wt.authenticateBodies(), "no code exchange")
	assert.Empty(t, wt.sessionCookie())
}

func TestCallbackWithoutALoginCookieIsRefused(t *testing.T) {
	wt := newWebTest(t)
	resp, err := wt.browser.Get(wt.app.URL + "/callback?code=abc&state=xyz")
	require.NoError(t, err)
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	assert.Equal(t, http.StatusBadRequest, resp.StatusCode)
	assert.Contains(t, string(body), "sign in again")
	assert.Empty(t, wt.authenticateBodies())
}

func TestEndedSessionIsDroppedWhenItCannotBeRefreshed(t *testing.T) {
	wt := newWebTest(t)
	wt.do(t, http.MethodGet, "/login")
	require.NotEmpty(t, wt.sessionCookie())

	// The session is revoked elsewhere (say, by an admin), then the
	// access token expires: the refresh fails and the cookie goes.
	sid := wt.srv.Sessions(wt.ada.ID)[0].ID
	_, err := wt.srv.Client().UserManagement.RevokeSession(context.Background(), workos.RevokeSessionParams{SessionID: sid})
	require.NoError(t, err)
	wt.srv.Advance(6 * time.Minute)

	_, body := wt.do(t, http.MethodGet, "/")
	assert.Contains(t, body, `<a href="/login">Sign in</a>`)
	assert.Empty(t, wt.sessionCookie())
}

func TestTamperedSessionCookieSignsTheUserOut(t *testing.T) {
	wt := newWebTest(t)
	u, _ := url.Parse(wt.app.URL)
	wt.browser.Jar.SetCookies(u, []*http.Cookie{{Name: sessionCookie, Value: "Fe26.2**not-a-seal", Path: "/"}})

	_, body := wt.do(t, http.MethodGet, "/")
	assert.Contains(t, body, `<a href="/login">Sign in</a>`)
	assert.Empty(t, wt.sessionCookie())
}

func TestCookiesAreSecureBehindAnHTTPSBaseURL(t *testing.T) {
	srv := workostest.NewServer(t)
	client := srv.Client()
	verifier, err := workos.NewVerifier(client)
	require.NoError(t, err)
	h := newApp(config{Client: client, Verifier: verifier, BaseURL: "https://app.example.com", CookiePassword: webTestPassword})

	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/login", nil))
	require.Equal(t, http.StatusFound, rec.Code)
	assert.True(t, strings.HasPrefix(rec.Header().Get("Location"), srv.URL()+"/user_management/authorize?"))
	cookies := rec.Result().Cookies()
	require.Len(t, cookies, 1)
	assert.True(t, cookies[0].Secure)
	assert.True(t, cookies[0].HttpOnly)
	assert.Equal(t, http.SameSiteLaxMode, cookies[0].SameSite)
}

func TestConfigFromEnvRefusesToStartWithoutAStrongCookiePassword(t *testing.T) {
	for name, password := range map[string]string{"missing": "", "short": strings.Repeat("x", 31)} {
		t.Run(name, func(t *testing.T) {
			env := map[string]string{
				"WORKOS_API_KEY": "sk_test_123", "WORKOS_CLIENT_ID": "client_123", "WORKOS_COOKIE_PASSWORD": password,
			}
			_, _, err := configFromEnv(func(k string) string { return env[k] })
			require.ErrorContains(t, err, "WORKOS_COOKIE_PASSWORD")
		})
	}
}

func TestConfigFromEnvUsesDefaultsForTheAddressAndBaseURL(t *testing.T) {
	env := map[string]string{
		"WORKOS_API_KEY": "sk_test_123", "WORKOS_CLIENT_ID": "client_123", "WORKOS_COOKIE_PASSWORD": webTestPassword,
	}
	cfg, addr, err := configFromEnv(func(k string) string { return env[k] })
	require.NoError(t, err)
	assert.Equal(t, "localhost:8000", addr)
	assert.Equal(t, "http://localhost:8000", cfg.BaseURL)
	assert.Equal(t, "client_123", cfg.Client.ClientID())
	assert.Equal(t, webTestPassword, cfg.CookiePassword)
}

func findRequest(t *testing.T, srv *workostest.Server, method, path string) workostest.Request {
	t.Helper()
	for _, r := range srv.Requests() {
		if r.Method == method && r.Path == path {
			return r
		}
	}
	t.Fatalf("no %s %s request", method, path)
	return workostest.Request{}
}

func TestSessionIsKeptWhenTheKeySetCannotBeFetched(t *testing.T) {
	wt := newWebTest(t)
	// Every key set fetch fails for now, so the first page after the
	// callback cannot verify the new session.
	wt.srv.InjectFault(workostest.Fault{Method: http.MethodGet, Path: "/sso/jwks/*", Times: 100, Status: http.StatusServiceUnavailable})

	resp, err := wt.browser.Get(wt.app.URL + "/login")
	require.NoError(t, err)
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	assert.Equal(t, http.StatusServiceUnavailable, resp.StatusCode)
	assert.Contains(t, string(body), "please try again")
	kept := wt.sessionCookie()
	require.NotEmpty(t, kept, "an outage must not sign the user out")

	wt.srv.ClearFaults()
	// The Verifier waits a second (on the fake's clock) before it asks a
	// failing key endpoint again.
	wt.srv.Advance(time.Second)
	_, page := wt.do(t, http.MethodGet, "/")
	assert.Contains(t, page, "Signed in as <strong>ada@example.com</strong>")
	assert.Equal(t, kept, wt.sessionCookie())
}

func TestConcurrentRequestsWithAnExpiredCookieShareOneRefresh(t *testing.T) {
	wt := newWebTest(t)
	wt.do(t, http.MethodGet, "/login")
	expired := wt.sessionCookie()
	require.NotEmpty(t, expired)
	wt.srv.Advance(6 * time.Minute)

	// A page and its assets arrive at once, all with the expired cookie.
	const requests = 4
	var wg sync.WaitGroup
	bodies := make([]string, requests)
	cookies := make([]string, requests)
	for i := range requests {
		wg.Add(1)
		go func() {
			defer wg.Done()
			req, err := http.NewRequest(http.MethodGet, wt.app.URL+"/", nil)
			if !assert.NoError(t, err) {
				return
			}
			req.AddCookie(&http.Cookie{Name: sessionCookie, Value: expired})
			resp, err := http.DefaultClient.Do(req)
			if !assert.NoError(t, err) {
				return
			}
			defer resp.Body.Close()
			b, _ := io.ReadAll(resp.Body)
			bodies[i] = string(b)
			for _, c := range resp.Cookies() {
				if c.Name == sessionCookie {
					cookies[i] = c.Value
				}
			}
		}()
	}
	wg.Wait()

	for i := range requests {
		assert.Contains(t, bodies[i], "Signed in as <strong>ada@example.com</strong>", "request %d stays signed in", i)
		assert.Equal(t, cookies[0], cookies[i], "request %d gets the same new cookie", i)
	}
	assert.NotEqual(t, expired, cookies[0])
	refreshes := 0
	for _, b := range wt.authenticateBodies() {
		if strings.Contains(b, `"grant_type":"refresh_token"`) {
			refreshes++
		}
	}
	assert.Equal(t, 1, refreshes, "one refresh for all of them")
}
