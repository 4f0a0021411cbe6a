package authkit_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/kestrel-dev/workos"
	"github.com/kestrel-dev/workos/authkit"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A whole session (sign-in, refresh, switch, sign-out) reports each step to
// the hooks and the log, and no token, code, state or cookie appears in
// either.
func TestEvents_EveryStepIsReportedAndNoSecretIsLogged(t *testing.T) {
	e := newEnv(t)
	b := e.browser()
	cb := b.callbackURL("organization_id=" + e.org.ID + "&return_to=/app")
	require.Equal(t, http.StatusSeeOther, b.get(cb, navigate).Status)
	var secrets []string
	cbu, _ := url.Parse(cb)
	secrets = append(secrets, cbu.Query().Get("code"), cbu.Query().Get("state"))
	collect := func() {
		v := b.sessionValue()
		d, err := workos.UnsealSession(v, testPassword)
		require.NoError(t, err)
		secrets = append(secrets, v, d.AccessToken, d.RefreshToken)
	}
	collect()
	e.srv.Advance(6 * time.Minute)
	require.Equal(t, http.StatusOK, b.get("/api/me", fetchAPI).Status)
	collect()
	require.Equal(t, http.StatusSeeOther, b.do(http.MethodPost, "/switch", navigate, url.Values{"organization_id": {e.org2.ID}}).Status)
	collect()
	sid := sessionID(e, b)
	require.NotEmpty(t, sid)
	require.Equal(t, http.StatusSeeOther, b.do(http.MethodPost, "/sign-out", navigate, nil).Status)

	var got []string
	for _, ev := range e.events() {
		got = append(got, string(ev.Kind)+":"+string(ev.Outcome))
		assert.Equal(t, e.user.ID, ev.UserID, ev.Kind)
	}
	assert.Equal(t, []string{"sign_in:success", "refresh:success", "switch_organization:success", "sign_out:success"}, got)
	evs := e.events()
	assert.Equal(t, e.org2.ID, evs[2].OrganizationID)
	assert.Equal(t, sid, evs[3].SessionID, "sign-out reports the session it ended")

	logs := e.logs.String()
	for _, msg := range []string{"authkit sign_in", "authkit refresh", "authkit switch_organization", "authkit sign_out"} {
		assert.Contains(t, logs, msg)
	}
	for _, s := range secrets {
		require.NotEmpty(t, s)
		assert.NotContains(t, logs, s)
		for _, ev := range evs {
			assert.NotContains(t, ev.Reason, s)
		}
	}
	assert.NotContains(t, logs, testPassword)
}

// Middleware sets the rotated cookie and the cache headers before calling
// the next handler, and hands it the server's own ResponseWriter, so
// Flusher, Hijacker and ResponseController keep working.
func TestMiddleware_SetsCookiesBeforeNextAndDoesNotWrapTheWriter(t *testing.T) {
	e := newEnv(t)
	b := e.browser()
	b.signIn("/app")
	var sawCookie, sawNoStore, flushed bool
	var writerType string
	e.handler.Store(e.kit.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sawCookie = strings.HasPrefix(w.Header().Get("Set-Cookie"), "wos-session=")
		sawNoStore = w.Header().Get("Cache-Control") == "private, no-store"
		writerType = typeName(w)
		_, isHijacker := w.(http.Hijacker)
		assert.True(t, isHijacker)
		_, _ = w.Write([]byte("chunk"))
		flushed = http.NewResponseController(w).Flush() == nil
		_, ok := authkit.SessionFrom(r.Context())
		assert.True(t, ok)
	})))
	e.srv.Advance(6 * time.Minute)
	r := b.get("/stream", fetchAPI)
	require.Equal(t, http.StatusOK, r.Status)
	assert.True(t, sawCookie, "the rotated cookie is in the header before next runs")
	assert.True(t, sawNoStore)
	assert.True(t, flushed)
	assert.Equal(t, "*http.response", writerType, "the server's own writer")
	assert.Equal(t, "Cookie", r.Header.Get("Vary"))
}
