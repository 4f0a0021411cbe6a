package authkit_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/kestrel-dev/workos"
	"github.com/kestrel-dev/workos/authkit"
	"github.com/kestrel-dev/workos/internal/rubyseal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// rubySeal seals d the way the WorkOS Ruby SDK 10.x seals a session (see
// internal/rubyseal): snake_case keys, the SDK's User model and no
// organization_id.
func rubySeal(t *testing.T, d *workos.SessionData, password string) string {
	t.Helper()
	u := d.User
	const ms = "2006-01-02T15:04:05.000Z"
	plain, err := json.Marshal(map[string]any{
		"access_token": d.AccessToken, "refresh_token": d.RefreshToken, "impersonator": nil,
		"user": map[string]any{
			"object": "user", "id": u.ID, "email": u.Email, "email_verified": u.EmailVerified,
			"first_name": u.FirstName, "last_name": u.LastName, "metadata": map[string]string{},
			"created_at": u.CreatedAt.UTC().Format(ms), "updated_at": u.UpdatedAt.UTC().Format(ms),
		},
	})
	require.NoError(t, err)
	return rubyseal.Seal(plain, password)
}

var acceptRuby = withConfig(func(c *authkit.Config) { c.AcceptRubyCookies = true })

// rubySignedIn signs a browser in, then swaps its iron cookie for the same
// session sealed by the Ruby SDK, as a Ruby app would have left it, and
// returns that session.
func rubySignedIn(e *env, encode func(string) string) (*browser, *workos.SessionData) {
	e.t.Helper()
	b := e.browser()
	b.signIn("/app")
	d, err := workos.UnsealSession(b.sessionValue(), testPassword)
	require.NoError(e.t, err)
	b.setSession(encode(rubySeal(e.t, d, testPassword)))
	require.False(e.t, strings.HasPrefix(b.sessionValue(), "Fe26."))
	return b, d
}

// sessionSetCookie returns the session cookie a reply set, if any.
func sessionSetCookie(r reply) (*http.Cookie, bool) {
	for _, c := range cookiesOf(r) {
		if c.Name == authkit.DefaultCookieName {
			return c, true
		}
	}
	return nil, false
}

// withRubyCookie runs test once for a Ruby cookie as the SDK sealed it and
// once percent-encoded as Rack sets it, each time in an app with
// AcceptRubyCookies whose browser holds that cookie for session d.
func withRubyCookie(t *testing.T, test func(t *testing.T, e *env, b *browser, d *workos.SessionData)) {
	encodings := []struct {
		name   string
		encode func(string) string
	}{
		{"as sealed", func(s string) string { return s }},
		{"percent-encoded by Rack", url.QueryEscape},
	}
	for _, enc := range encodings {
		t.Run(enc.name, func(t *testing.T) {
			e := newEnv(t, acceptRuby)
			b, d := rubySignedIn(e, enc.encode)
			test(t, e, b, d)
		})
	}
}

// A Ruby cookie signs the user in and comes back as an iron cookie on that
// response; the next request carries only iron and is served without a
// refresh, and a later refresh works on the migrated cookie.
func TestRubyCookie_OptedInSignsInAndIsReSealedAsIron(t *testing.T) {
	withRubyCookie(t, func(t *testing.T, e *env, b *browser, d *workos.SessionData) {
		calls := e.authenticateCalls()

		r, me := b.me()
		require.Equal(t, http.StatusOK, r.Status, r.Body)
		assert.Equal(t, e.user.ID, me["user_id"])
		assert.Equal(t, e.org.ID, me["organization_id"])
		assert.Equal(t, "private, no-store", r.Header.Get("Cache-Control"))
		set, ok := sessionSetCookie(r)
		require.True(t, ok, "the response re-seals the Ruby cookie")
		require.True(t, strings.HasPrefix(set.Value, "Fe26.2*"), "%.10s", set.Value)
		assert.True(t, set.HttpOnly)
		iron, err := workos.UnsealSession(set.Value, testPassword)
		require.NoError(t, err)
		assert.Equal(t, d.AccessToken, iron.AccessToken)
		assert.Equal(t, d.RefreshToken, iron.RefreshToken)
		assert.Equal(t, d.User.ID, iron.User.ID)
		assert.Equal(t, d.User.Email, iron.User.Email)
		assert.Equal(t, e.org.ID, iron.OrganizationID)
		assert.Equal(t, calls, e.authenticateCalls(), "migrating makes no call to WorkOS")
		assert.Equal(t, set.Value, b.sessionValue())

		r, _ = b.me()
		require.Equal(t, http.StatusOK, r.Status, r.Body)
		_, ok = sessionSetCookie(r)
		assert.False(t, ok, "an iron cookie is served as it is")

		expire(e)
		before := b.sessionValue()
		r, me = b.me()
		require.Equal(t, http.StatusOK, r.Status, r.Body)
		assert.Equal(t, e.user.ID, me["user_id"])
		assert.Equal(t, rotated, b.fate(before))
		assert.Equal(t, calls+1, e.authenticateCalls())
		renewed, err := workos.UnsealSession(b.sessionValue(), testPassword)
		require.NoError(t, err)
		assert.NotEqual(t, d.RefreshToken, renewed.RefreshToken)
		assert.Equal(t, e.org.ID, renewed.OrganizationID)
	})
}

// A Ruby cookie whose access token expired is refreshed on its first
// request, and the rotated session is written as iron.
func TestRubyCookie_ExpiredTokenIsRefreshedIntoIron(t *testing.T) {
	withRubyCookie(t, func(t *testing.T, e *env, b *browser, d *workos.SessionData) {
		calls := e.authenticateCalls()
		expire(e)

		r, me := b.me()
		require.Equal(t, http.StatusOK, r.Status, r.Body)
		assert.Equal(t, e.user.ID, me["user_id"])
		assert.Equal(t, e.org.ID, me["organization_id"], "the refresh kept the organization")
		assert.Equal(t, calls+1, e.authenticateCalls())
		set, ok := sessionSetCookie(r)
		require.True(t, ok)
		require.True(t, strings.HasPrefix(set.Value, "Fe26.2*"), "%.10s", set.Value)
		renewed, err := workos.UnsealSession(set.Value, testPassword)
		require.NoError(t, err)
		assert.NotEqual(t, d.RefreshToken, renewed.RefreshToken)
		assert.NotEqual(t, d.AccessToken, renewed.AccessToken)
		assert.Equal(t, d.User.ID, renewed.User.ID)
		assert.Equal(t, set.Value, b.sessionValue())
	})
}

// A Ruby cookie that AuthKit may not or cannot open is an invalid cookie:
// cleared, the request signed out, and a terminal event reported.
func TestRubyCookie_RefusedIsClearedAndSignedOut(t *testing.T) {
	cases := []struct {
		name     string
		opts     []envOption
		password string
		wantErr  error
	}{
		{"not opted in", nil, testPassword, workos.ErrSealMalformed},
		{"opted in, another password", []envOption{acceptRuby}, "another-password-of-at-least-32-chars", workos.ErrSealBadMAC},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, tc.opts...)
			b := e.browser()
			b.signIn("/app")
			d, err := workos.UnsealSession(b.sessionValue(), testPassword)
			require.NoError(t, err)
			b.setSession(rubySeal(t, d, tc.password))
			calls := e.authenticateCalls()

			r, _ := b.me()
			assert.Equal(t, http.StatusUnauthorized, r.Status)
			assert.Equal(t, cleared, b.fate(""))
			assert.Equal(t, calls, e.authenticateCalls())
			evs := e.events()
			last := evs[len(evs)-1]
			assert.Equal(t, authkit.OutcomeTerminal, last.Outcome)
			assert.Equal(t, "invalid_cookie", last.Reason)
			assert.ErrorIs(t, last.Err, tc.wantErr)

			b.setSession(rubySeal(t, d, tc.password))
			page := b.get("/", navigate)
			assert.Equal(t, "signed out\n", page.Body)
		})
	}
}

// SignOut and SwitchOrganization read a Ruby cookie too, when Middleware
// has not already migrated it.
func TestRubyCookie_SignOutAndSwitchOrganizationReadIt(t *testing.T) {
	e := newEnv(t, acceptRuby)
	b, d := rubySignedIn(e, url.QueryEscape)
	e.handler.Store(http.HandlerFunc(appMux(e.kit).ServeHTTP)) // no Middleware in front

	r := b.do(http.MethodPost, "/switch", navigate, url.Values{"organization_id": {e.org2.ID}})
	require.Equal(t, http.StatusSeeOther, r.Status, r.Body)
	switched, err := workos.UnsealSession(b.sessionValue(), testPassword)
	require.NoError(t, err)
	assert.Equal(t, e.org2.ID, switched.OrganizationID)
	assert.NotEqual(t, d.RefreshToken, switched.RefreshToken)
	sid := sessionID(e, b)
	require.NotEmpty(t, sid)

	b.setSession(rubySeal(t, switched, testPassword))
	r = b.do(http.MethodPost, "/sign-out", navigate, url.Values{})
	require.Equal(t, http.StatusSeeOther, r.Status, r.Body)
	assert.Contains(t, r.Header.Get("Location"), "/user_management/sessions/logout")
	assert.Equal(t, cleared, b.fate(""))
	evs := e.events()
	last := evs[len(evs)-1]
	assert.Equal(t, authkit.EventSignOut, last.Kind)
	assert.Equal(t, e.user.ID, last.UserID)
	assert.Equal(t, sid, last.SessionID, "sign-out reads the sid from the Ruby cookie's token")
	assert.NoError(t, last.Err)
}
