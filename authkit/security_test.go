package authkit_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/kestrel-dev/workos/authkit"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// callbackURL starts a sign-in in b and plays the fake's hosted page, and
// returns the callback URL AuthKit sends the browser back to, unvisited.
func (b *browser) callbackURL(query string) string {
	b.t.Helper()
	r := b.get("/sign-in?"+query, navigate)
	require.Equal(b.t, http.StatusSeeOther, r.Status)
	hosted := b.get(r.Header.Get("Location"), navigate)
	require.Equal(b.t, http.StatusFound, hosted.Status, hosted.Body)
	return hosted.Header.Get("Location")
}

func TestReturnPath_OpenRedirectsLandOnTheDefaultPath(t *testing.T) {
	e := newEnv(t)
	for _, evil := range []string{
		"//evil.example", "/\\evil.example", "\\\\evil.example", "https://evil.example/", "http:evil.example",
		"javascript:alert(1)", "/%2F%2Fevil.example", "/%5Cevil.example", "%2F%2Fevil.example", "/%252F%252Fevil.example",
		"/\tevil", "/x\r\nLocation: https://evil.example", " //evil.example", "evil.example", "",
	} {
		t.Run(evil, func(t *testing.T) {
			b := e.browser()
			cb := b.callbackURL("organization_id=" + e.org.ID + "&return_to=" + url.QueryEscape(evil))
			r := b.get(cb, navigate)
			require.Equal(t, http.StatusSeeOther, r.Status, r.Body)
			assert.Equal(t, "/", r.Header.Get("Location"))
		})
	}
	b := e.browser()
	r := b.get(b.callbackURL("organization_id="+e.org.ID+"&return_to="+url.QueryEscape("/app?tab=billing#top")), navigate)
	assert.Equal(t, "/app?tab=billing#top", r.Header.Get("Location"), "a same-origin path is kept")
}

func TestProtectedPage_RedirectsToSignInWithThePageAsReturnPath(t *testing.T) {
	e := newEnv(t)
	b := e.browser()
	r := b.get("/app?tab=1", navigate)
	require.Equal(t, http.StatusSeeOther, r.Status)
	loc, err := url.Parse(r.Header.Get("Location"))
	require.NoError(t, err)
	assert.Equal(t, e.srv.URL()+"/user_management/authorize", loc.Scheme+"://"+loc.Host+loc.Path)
	q := loc.Query()
	assert.Equal(t, "authkit", q.Get("provider"))
	assert.Equal(t, "S256", q.Get("code_challenge_method"))
	assert.Len(t, q.Get("code_challenge"), 43)
	assert.Equal(t, e.app.URL+"/callback", q.Get("redirect_uri"))
	assert.NotEmpty(t, q.Get("state"))

	final := b.follow(r.Header.Get("Location"))
	require.Equal(t, http.StatusOK, final.Status)
	assert.Contains(t, final.Body, `"email":"ada@example.com"`, "back on /app?tab=1, signed in")
}

func TestAPIRequests_GetA401NeverARedirect(t *testing.T) {
	e := newEnv(t)
	b := e.browser()
	for _, req := range []struct {
		name   string
		header map[string]string
		method string
	}{
		{"fetch", map[string]string{"Sec-Fetch-Mode": "cors", "Sec-Fetch-Dest": "empty", "Accept": "*/*"}, "GET"},
		{"JSON client without fetch metadata", map[string]string{"Accept": "application/json"}, "GET"},
		{"htmx", map[string]string{"HX-Request": "true", "Accept": "text/html"}, "GET"},
		{"XHR", map[string]string{"X-Requested-With": "XMLHttpRequest", "Accept": "text/html"}, "GET"},
		{"iframe", map[string]string{"Sec-Fetch-Mode": "navigate", "Sec-Fetch-Dest": "iframe", "Accept": "text/html"}, "GET"},
		{"form POST", map[string]string{"Sec-Fetch-Mode": "navigate", "Sec-Fetch-Dest": "document", "Accept": "text/html"}, "POST"},
	} {
		t.Run(req.name, func(t *testing.T) {
			hr, err := http.NewRequest(req.method, e.app.URL+"/api/me", nil)
			require.NoError(t, err)
			for k, v := range req.header {
				hr.Header.Set(k, v)
			}
			resp, err := b.hc.Do(hr)
			require.NoError(t, err)
			resp.Body.Close()
			if req.method == "POST" {
				assert.Equal(t, http.StatusMethodNotAllowed, resp.StatusCode, "the mux's own answer")
				return
			}
			assert.Equal(t, http.StatusUnauthorized, resp.StatusCode)
			assert.Equal(t, `AuthKit realm="`+strings.TrimPrefix(e.app.URL, "http://")+`"`, resp.Header.Get("WWW-Authenticate"))
			assert.Empty(t, resp.Header.Get("Location"))
		})
	}
}

func TestCallback_StateFromAnotherBrowserIsRefusedAndTheCodeNotRedeemed(t *testing.T) {
	e := newEnv(t)
	victim, attacker := e.browser(), e.browser()
	cb := attacker.callbackURL("organization_id=" + e.org.ID) // the attacker's own sign-in, handed to the victim
	calls := e.authenticateCalls()
	r := victim.get(cb, navigate)
	assert.Equal(t, http.StatusBadRequest, r.Status)
	assert.Contains(t, r.Body, "started in another browser")
	assert.Empty(t, victim.sessionCookies(), "the victim is not signed in as the attacker")
	assert.Equal(t, calls, e.authenticateCalls(), "the code was not even sent to WorkOS")
	assert.Equal(t, "state_mismatch", e.events()[len(e.events())-1].Reason)
}

func TestCallback_ReplayedCallbackIsRefusedAndLeavesTheSessionAlone(t *testing.T) {
	e := newEnv(t)
	b := e.browser()
	cb := b.callbackURL("organization_id=" + e.org.ID)
	require.Equal(t, http.StatusSeeOther, b.get(cb, navigate).Status)
	session := b.sessionValue()
	require.NotEmpty(t, session)
	calls := e.authenticateCalls()

	r := b.get(cb, navigate)
	assert.Equal(t, http.StatusBadRequest, r.Status)
	assert.Equal(t, session, b.sessionValue(), "still signed in with the same cookie")
	assert.Equal(t, calls, e.authenticateCalls())
	assert.Equal(t, http.StatusOK, b.get("/api/me", fetchAPI).Status)
}

func TestCallback_TamperedFlowCookieIsRefused(t *testing.T) {
	e := newEnv(t)
	b := e.browser()
	cb := b.callbackURL("organization_id=" + e.org.ID)
	u, _ := url.Parse(e.app.URL)
	for _, c := range b.hc.Jar.Cookies(u) {
		if strings.HasPrefix(c.Name, "wos-session-flow-") {
			c.Value = c.Value[:len(c.Value)-2] + "AA"
			b.hc.Jar.SetCookies(u, []*http.Cookie{{Name: c.Name, Value: c.Value, Path: "/"}})
		}
	}
	assert.Equal(t, http.StatusBadRequest, b.get(cb, navigate).Status)
	assert.Empty(t, b.sessionCookies())
}

func TestCallback_AuthKitErrorIsShownEscapedAndNeverLogged(t *testing.T) {
	e := newEnv(t)
	b := e.browser()
	cb, err := url.Parse(b.callbackURL("organization_id=" + e.org.ID))
	require.NoError(t, err)
	q := url.Values{"state": {cb.Query().Get("state")}, "error": {"access_denied<script>alert(1)</script>"},
		"error_description": {"<img src=x onerror=alert(2)> secret-description"}}
	r := b.get("/callback?"+q.Encode(), navigate)
	assert.Equal(t, http.StatusBadRequest, r.Status)
	assert.Equal(t, "text/html; charset=utf-8", r.Header.Get("Content-Type"))
	assert.Contains(t, r.Body, "Sign-in did not complete (access_deniedscriptalert1script).")
	assert.NotContains(t, r.Body, "<script>")
	assert.NotContains(t, r.Body, "onerror")
	assert.NotContains(t, r.Body, "secret-description")
	logs := e.logs.String()
	assert.Contains(t, logs, "reason=authkit_error:access_deniedscriptalert1script")
	assert.NotContains(t, logs, "<script>")
	assert.NotContains(t, logs, "secret-description")
	assert.Empty(t, b.sessionCookies())
	_, flowLeft := b.flowCookie()
	assert.False(t, flowLeft, "the flow is used up")
}

func TestSignOut_CrossSitePostIsRefusedAndSignsNobodyOut(t *testing.T) {
	e := newEnv(t)
	b := e.browser()
	b.signIn("/app")
	session := b.sessionValue()
	for _, h := range []map[string]string{
		{"Sec-Fetch-Site": "cross-site"},
		{"Origin": "https://evil.example"},
	} {
		hr, err := http.NewRequest(http.MethodPost, e.app.URL+"/sign-out", nil)
		require.NoError(t, err)
		for k, v := range h {
			hr.Header.Set(k, v)
		}
		resp, err := b.hc.Do(hr)
		require.NoError(t, err)
		resp.Body.Close()
		assert.Equal(t, http.StatusForbidden, resp.StatusCode, h)
		assert.Empty(t, resp.Cookies(), "not even a local sign-out")
	}
	assert.Equal(t, http.StatusMethodNotAllowed, b.get("/sign-out", navigate).Status, "GET never signs out")
	assert.Equal(t, session, b.sessionValue())
	assert.Zero(t, e.srv.CountRequests(http.MethodPost, "/user_management/sessions/revoke"))
	assert.Equal(t, http.StatusOK, b.get("/api/me", fetchAPI).Status)
}

func TestSignOut_RevokesClearsEveryCookieAndGoesToTheLogoutURL(t *testing.T) {
	e := newEnv(t)
	b := e.browser()
	b.signIn("/app")
	sid := sessionID(e, b)
	b.get("/sign-in", navigate) // a sign-in flow left open in another tab
	_, open := b.flowCookie()
	require.True(t, open)
	e.srv.Advance(10 * time.Minute) // the token has expired: sign-out works from the cookie alone

	r := b.do(http.MethodPost, "/sign-out", navigate, url.Values{})
	require.Equal(t, http.StatusSeeOther, r.Status)
	loc, err := url.Parse(r.Header.Get("Location"))
	require.NoError(t, err)
	assert.Equal(t, "/user_management/sessions/logout", loc.Path)
	assert.Equal(t, sid, loc.Query().Get("session_id"))
	assert.Equal(t, e.app.URL+"/", loc.Query().Get("return_to"))
	assert.Equal(t, 1, e.srv.CountRequests(http.MethodPost, "/user_management/sessions/revoke"))
	for _, s := range e.srv.Sessions(e.user.ID) {
		assert.False(t, s.Active, s.ID)
	}
	var expired []string
	for _, c := range cookiesOf(r) {
		assert.Equal(t, -1, c.MaxAge, c.Name)
		assert.Equal(t, "/", c.Path)
		assert.True(t, c.HttpOnly)
		assert.Equal(t, http.SameSiteLaxMode, c.SameSite)
		expired = append(expired, c.Name)
	}
	assert.Contains(t, expired, "wos-session")
	assert.Empty(t, b.sessionCookies())
	_, open = b.flowCookie()
	assert.False(t, open, "open sign-in flows are cleared too")
	assert.Equal(t, http.StatusUnauthorized, b.get("/api/me", fetchAPI).Status)
	assert.Equal(t, http.StatusSeeOther, b.get("/app", navigate).Status)
}

func TestCallback_WorkOSUnavailableGetsA503PageAndNoCookie(t *testing.T) {
	e := newEnv(t)
	b := e.browser()
	cb := b.callbackURL("organization_id=" + e.org.ID + "&return_to=/app")
	e.srv.FailNext(http.MethodPost, "/user_management/authenticate", 3, 503, time.Second)
	r := b.get(cb, navigate)
	assert.Equal(t, http.StatusServiceUnavailable, r.Status)
	assert.Equal(t, "1", r.Header.Get("Retry-After"), "WorkOS's own Retry-After")
	assert.Contains(t, r.Body, "briefly unavailable")
	assert.Contains(t, r.Body, `href="/app"`, "trying again starts from the page the user wanted")
	assert.Empty(t, b.sessionCookies())
	ev := e.events()[len(e.events())-1]
	assert.Equal(t, authkit.OutcomeTransient, ev.Outcome)
	assert.Equal(t, "server_error", ev.Reason)
}
