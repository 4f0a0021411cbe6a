package authkit_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
	"time"

	"github.com/kestrel-dev/workos"
	"github.com/kestrel-dev/workos/authkit"
	"github.com/kestrel-dev/workos/workostest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSignIn_LandsOnReturnPathSignedInWithTheSessionInContext(t *testing.T) {
	e := newEnv(t)
	b := e.browser()
	r := b.signIn("/app")
	assert.Contains(t, r.Body, `"email":"ada@example.com"`)
	assert.Contains(t, r.Body, `"organization_id":"`+e.org.ID+`"`)
	assert.Contains(t, r.Body, `"permissions":["posts:read","posts:write"]`)
	assert.Equal(t, "private, no-store", r.Header.Get("Cache-Control"))
	assert.Contains(t, r.Header.Values("Vary"), "Cookie")
	cs := b.sessionCookies()
	require.Len(t, cs, 1)
	assert.Equal(t, "wos-session", cs[0].Name)
	me, m := b.me()
	require.Equal(t, http.StatusOK, me.Status)
	assert.Equal(t, e.user.ID, m["user_id"])
}

func TestSwitchOrganization_LaterRefreshesKeepTheNewOrganization(t *testing.T) {
	e := newEnv(t)
	b := e.browser()
	b.signIn("/app")
	e.srv.Advance(6 * time.Minute) // Middleware refreshes in the same request, before the switch
	calls := e.authenticateCalls()
	r := b.do(http.MethodPost, "/switch", navigate, url.Values{"organization_id": {e.org2.ID}})
	require.Equal(t, http.StatusSeeOther, r.Status, r.Body)
	assert.Equal(t, "/app", r.Header.Get("Location"))
	assert.Equal(t, 2, e.authenticateCalls()-calls, "the request's refresh, then the switch from the rotated cookie")
	assert.Len(t, cookiesOf(r), 1, "one Set-Cookie for the session, the switched one")

	_, m := b.me()
	assert.Equal(t, e.org2.ID, m["organization_id"])
	assert.Equal(t, "member", m["role"])
	for range 3 {
		e.srv.Advance(6 * time.Minute)
		_, m = b.me()
		assert.Equal(t, e.org2.ID, m["organization_id"], "kept through a refresh")
	}
	assert.Equal(t, http.StatusForbidden, b.get("/admin", fetchAPI).Status, "member lacks posts:write")
}

func TestSwitchOrganization_RefusedOrganizationKeepsTheSession(t *testing.T) {
	e := newEnv(t)
	b := e.browser()
	b.signIn("/app")
	before := b.sessionValue()
	other := e.srv.CreateOrganization("Not mine")
	r := b.do(http.MethodPost, "/switch", fetchAPI, url.Values{"organization_id": {other.ID}})
	assert.Equal(t, http.StatusForbidden, r.Status)
	assert.JSONEq(t, `{"error":"refused"}`, r.Body)
	assert.Equal(t, before, b.sessionValue())
	_, m := b.me()
	assert.Equal(t, e.org.ID, m["organization_id"])
}

func TestSignUp_OpensAuthKitOnTheSignUpPage(t *testing.T) {
	e := newEnv(t)
	r := e.browser().get("/sign-up?login_hint=new%40example.com", navigate)
	require.Equal(t, http.StatusSeeOther, r.Status)
	loc, err := url.Parse(r.Header.Get("Location"))
	require.NoError(t, err)
	assert.Equal(t, "sign-up", loc.Query().Get("screen_hint"))
	assert.Equal(t, "new@example.com", loc.Query().Get("login_hint"))
	assert.Equal(t, "no-store", r.Header.Get("Cache-Control"))
}

func TestGuards_SignedInWithoutTheGrantGets403(t *testing.T) {
	e := newEnv(t)
	b := e.browser()
	b.signIn("/app")
	cases := []struct {
		name  string
		guard func(http.Handler) http.Handler
		want  int
	}{
		{"permission granted", e.kit.RequirePermission("posts:write"), 200},
		{"permission missing", e.kit.RequirePermission("billing:manage"), 403},
		{"role held", e.kit.RequireRole("admin"), 200},
		{"role missing", e.kit.RequireRole("owner"), 403},
		{"organization matches", e.kit.RequireOrganization(e.org.ID), 200},
		{"other organization", e.kit.RequireOrganization(e.org2.ID), 403},
		{"signed in a minute ago", e.kit.RequireRecentSignIn(5 * time.Minute), 200},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := e.kit.Middleware(c.guard(http.HandlerFunc(showSession)))
			req := httptest.NewRequest(http.MethodGet, "/x", nil)
			for _, ck := range b.sessionCookies() {
				req.AddCookie(ck)
			}
			req.Header.Set("Accept", "application/json")
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			assert.Equal(t, c.want, rec.Code, rec.Body.String())
		})
	}
}

func TestRequireRecentSignIn_StaleSignInIsAskedToSignInAgain(t *testing.T) {
	e := newEnv(t)
	b := e.browser()
	b.signIn("/app")
	e.srv.Advance(20 * time.Minute)
	guard := e.kit.RequireRecentSignIn(10 * time.Minute)(http.HandlerFunc(showSession))
	h := e.kit.Middleware(guard)

	api := httptest.NewRequest(http.MethodGet, "/settings", nil)
	page := httptest.NewRequest(http.MethodGet, "/settings", nil)
	page.Header.Set("Sec-Fetch-Mode", "navigate")
	for _, ck := range b.sessionCookies() {
		api.AddCookie(ck)
		page.AddCookie(ck)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, api)
	assert.Equal(t, http.StatusUnauthorized, rec.Code)
	assert.Contains(t, rec.Header().Get("WWW-Authenticate"), `error="insufficient_user_authentication", max_age=600`)

	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, page)
	require.Equal(t, http.StatusSeeOther, rec.Code)
	loc, err := url.Parse(rec.Header().Get("Location"))
	require.NoError(t, err)
	assert.Equal(t, "0", loc.Query().Get("max_age"), "AuthKit asks for the credentials again")
	assert.Equal(t, e.org.ID, loc.Query().Get("organization_id"))
}

func TestTransientFailure_PageNavigationGetsARetryPageNotSignIn(t *testing.T) {
	e := newEnv(t)
	b := e.browser()
	b.signIn("/app")
	before := b.sessionValue()
	e.srv.Advance(6 * time.Minute)
	e.srv.FailNext(http.MethodPost, "/user_management/authenticate", 3, 503, 0)
	r := b.get("/app", navigate)
	assert.Equal(t, http.StatusServiceUnavailable, r.Status)
	assert.Equal(t, "5", r.Header.Get("Retry-After"))
	assert.Equal(t, "no-store", r.Header.Get("Cache-Control"))
	assert.Contains(t, r.Body, `<meta http-equiv="refresh" content="5">`)
	assert.Contains(t, r.Body, `href="/app"`)
	assert.Empty(t, r.Header.Get("Location"))
	assert.Equal(t, before, b.sessionValue())
	assert.Contains(t, e.logs.String(), "outcome=transient reason=server_error")
}

func TestTerminalFailure_ClearsTheCookieAndThePageGoesToSignIn(t *testing.T) {
	e := newEnv(t)
	b := e.browser()
	b.signIn("/app")
	_, err := e.srv.Client().UserManagement.RevokeSession(t.Context(), workos.RevokeSessionParams{SessionID: sessionID(e, b)})
	require.NoError(t, err)
	e.srv.Advance(6 * time.Minute)
	r := b.get("/app", navigate)
	assert.Equal(t, http.StatusSeeOther, r.Status)
	assert.Contains(t, r.Header.Get("Location"), "/user_management/authorize?")
	assert.Empty(t, b.sessionCookies())
	ev := e.events()[len(e.events())-1]
	assert.Equal(t, authkit.Event{Kind: authkit.EventRefresh, Outcome: authkit.OutcomeTerminal, Reason: "invalid_grant",
		OrganizationID: e.org.ID, Duration: ev.Duration, Err: ev.Err}, ev)
	assert.ErrorIs(t, ev.Err, workos.ErrSessionRefreshTokenInvalid)
}

func TestMiddleware_GarbageCookieIsClearedAndTheRequestServedSignedOut(t *testing.T) {
	e := newEnv(t)
	b := e.browser()
	b.setSession("Fe26.2*1*not-a-seal")
	r := b.get("/", navigate)
	assert.Equal(t, http.StatusOK, r.Status)
	assert.Equal(t, "signed out\n", r.Body)
	assert.Empty(t, b.sessionCookies())
}

func TestRefresh_MFAEnrollmentSendsTheUserThroughSignInForTheOrganization(t *testing.T) {
	e := newEnv(t)
	b := e.browser()
	b.signIn("/app")
	before := b.sessionValue()
	e.srv.Advance(6 * time.Minute)
	mfa := workostest.Fault{Method: http.MethodPost, Path: "/user_management/authenticate", Status: 403, Times: 2, Body: map[string]any{
		"code": "mfa_enrollment", "message": "MFA enrollment required", "pending_authentication_token": "pat_1",
		"user": map[string]any{"object": "user", "id": e.user.ID, "email": "ada@example.com"},
	}}
	e.srv.InjectFault(mfa)

	api := b.get("/api/me", fetchAPI)
	assert.Equal(t, http.StatusUnauthorized, api.Status)
	assert.Contains(t, api.Header.Get("WWW-Authenticate"), `error="sign_in_required"`)

	page := b.get("/app?tab=2", navigate)
	require.Equal(t, http.StatusSeeOther, page.Status)
	loc, err := url.Parse(page.Header.Get("Location"))
	require.NoError(t, err)
	assert.Equal(t, e.org.ID, loc.Query().Get("organization_id"), "sign in again into the session's organization")
	assert.Equal(t, before, b.sessionValue(), "not signed out")
	assert.Equal(t, "mfa_enrollment", e.events()[len(e.events())-1].Reason)

	final := b.follow(page.Header.Get("Location"))
	require.Equal(t, http.StatusOK, final.Status)
	assert.Contains(t, final.Body, `"organization_id":"`+e.org.ID+`"`, "back on /app?tab=2 after the new sign-in")
}

func TestMiddleware_CookieWhoseUserIsNotTheTokenSubjectIsRefused(t *testing.T) {
	e := newEnv(t)
	b := e.browser()
	b.signIn("/app")
	d, err := workos.UnsealSession(b.sessionValue(), testPassword)
	require.NoError(t, err)
	d.User.ID = "user_someone_else"
	sealed, err := workos.SealSession(d, testPassword)
	require.NoError(t, err)
	b.setSession(sealed)
	assert.Equal(t, http.StatusUnauthorized, b.get("/api/me", fetchAPI).Status)
	assert.Empty(t, b.sessionCookies())
}
