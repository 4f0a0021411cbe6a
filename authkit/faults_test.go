package authkit_test

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kestrel-dev/workos"
	"github.com/kestrel-dev/workos/workostest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const authenticatePath = "/user_management/authenticate"

// cookieFate says what became of the session cookie across a request.
type cookieFate string

const (
	kept    cookieFate = "kept"
	rotated cookieFate = "rotated"
	cleared cookieFate = "cleared"
)

func (b *browser) fate(before string) cookieFate {
	switch after := b.sessionValue(); after {
	case "":
		return cleared
	case before:
		return kept
	}
	return rotated
}

// faultRow is one line of the fault matrix: a signed-in browser, a fault
// set up at the fake (and the clock moved), one request, and what it saw.
type faultRow struct {
	name     string
	opts     []envOption
	setup    func(e *env, b *browser)
	request  func(e *env, b *browser) reply
	status   int
	cookie   cookieFate
	refreshN int // refresh requests that reached the fake
	check    func(t *testing.T, e *env, r reply)
}

func apiMe(_ *env, b *browser) reply { return b.get("/api/me", fetchAPI) }

// expire moves the fake's clock past the token's expiry and the leeway.
func expire(e *env) { e.srv.Advance(6 * time.Minute) }

func failAuthenticate(f workostest.Fault) func(e *env, _ *browser) {
	return func(e *env, _ *browser) {
		expire(e)
		f.Method, f.Path = http.MethodPost, authenticatePath
		e.srv.InjectFault(f)
	}
}

func retryAfter(secs string) func(t *testing.T, e *env, r reply) {
	return func(t *testing.T, _ *env, r reply) {
		assert.Equal(t, secs, r.Header.Get("Retry-After"))
		assert.JSONEq(t, `{"error":"session_unavailable"}`, r.Body)
	}
}

var shortAttempts = withClient(workos.WithTimeout(100 * time.Millisecond))

// The fault matrix through Middleware: each row signs in through the
// hosted page, breaks something at the fake, and sends one fetch (or form
// post) with the browser's cookie jar. The table printed with -v is the
// one in the README.
func TestFaultMatrix_TransientFailuresNeverSignTheUserOut(t *testing.T) {
	rows := []faultRow{
		{name: "503 after retries (3 attempts)", setup: failAuthenticate(workostest.Fault{Status: 503, Times: 3}),
			request: apiMe, status: 503, cookie: kept, refreshN: 3, check: retryAfter("5")},
		{name: "429 with Retry-After: 1", setup: failAuthenticate(workostest.Fault{Status: 429, RetryAfter: time.Second, Times: 3}),
			request: apiMe, status: 503, cookie: kept, refreshN: 3, check: retryAfter("1")},
		{name: "429 once, then served", setup: failAuthenticate(workostest.Fault{Status: 429, RetryAfter: time.Second}),
			request: apiMe, status: 200, cookie: rotated, refreshN: 2},
		{name: "timeout: WorkOS hangs", opts: []envOption{shortAttempts},
			setup:   failAuthenticate(workostest.Fault{Status: 504, Delay: time.Minute, Times: 3}),
			request: apiMe, status: 503, cookie: kept, refreshN: 3, check: retryAfter("5")},
		{name: "timeout after WorkOS redeemed the token (reply lost)", opts: []envOption{shortAttempts},
			setup:   failAuthenticate(workostest.Fault{Status: 504, Delay: time.Minute, AfterHandling: true}),
			request: apiMe, status: 200, cookie: rotated, refreshN: 2},
		{name: "connection reset (3 attempts)", opts: []envOption{noKeepAlive},
			setup:   failAuthenticate(workostest.Fault{Reset: true, Times: 3}),
			request: apiMe, status: 503, cookie: kept, refreshN: 3, check: retryAfter("5")},
		{name: "connection reset after WorkOS redeemed the token", opts: []envOption{noKeepAlive},
			setup:   failAuthenticate(workostest.Fault{Reset: true, AfterHandling: true}),
			request: apiMe, status: 200, cookie: rotated, refreshN: 2},
		{name: "refresh ahead of expiry fails: old token served", setup: func(e *env, _ *browser) {
			e.srv.Advance(4*time.Minute + 30*time.Second) // inside the 60 s buffer, not expired
			e.srv.FailNext(http.MethodPost, authenticatePath, 3, 503, 0)
		}, request: apiMe, status: 200, cookie: kept, refreshN: 3},
		{name: "key set down, warm cache", setup: func(e *env, _ *browser) {
			e.srv.Advance(11 * time.Minute) // the key set's 10-minute cache has expired too
			e.srv.FailNext(http.MethodGet, "/sso/jwks/*", 100, 503, 0)
		}, request: apiMe, status: 200, cookie: rotated, refreshN: 1},
		{name: "key set down, cold start", setup: func(e *env, _ *browser) {
			e.restart()
			e.srv.FailNext(http.MethodGet, "/sso/jwks/*", 100, 503, 0)
		}, request: apiMe, status: 503, cookie: kept, refreshN: 0, check: retryAfter("5")},
		{name: "unknown kid", setup: resignWithUnknownKey, request: apiMe, status: 200, cookie: rotated, refreshN: 1},
		{name: "invalid_grant (session revoked)", setup: func(e *env, b *browser) {
			_, err := e.srv.Client().UserManagement.RevokeSession(t.Context(), workos.RevokeSessionParams{SessionID: sessionID(e, b)})
			require.NoError(t, err)
			expire(e)
		}, request: apiMe, status: 401, cookie: cleared, refreshN: 1, check: func(t *testing.T, _ *env, r reply) {
			assert.Contains(t, r.Header.Get("WWW-Authenticate"), "AuthKit realm=")
		}},
		{name: "sso_required on an organization switch", setup: func(e *env, _ *browser) {
			e.srv.InjectFault(workostest.Fault{Method: http.MethodPost, Path: authenticatePath, Status: 403, Body: map[string]any{
				"code": "sso_required", "message": "SSO required", "email": "ada@example.com", "connection_ids": []string{"conn_1"},
				"pending_authentication_token": "pat_1",
			}})
		}, request: func(e *env, b *browser) reply {
			return b.do(http.MethodPost, "/switch", navigate, url.Values{"organization_id": {e.org2.ID}})
		}, status: 303, cookie: kept, refreshN: 1, check: func(t *testing.T, e *env, r reply) {
			loc, err := url.Parse(r.Header.Get("Location"))
			require.NoError(t, err)
			assert.Equal(t, "/user_management/authorize", loc.Path)
			assert.Equal(t, "authkit", loc.Query().Get("provider"))
			assert.Equal(t, e.org2.ID, loc.Query().Get("organization_id"), "sign in to the organization asked for")
		}},
		{name: "clock skew +2 min", setup: func(e *env, _ *browser) { e.skew.Store(int64(2 * time.Minute)) },
			request: apiMe, status: 200, cookie: kept, refreshN: 0},
		{name: "clock skew +2 min, 2 min later", setup: func(e *env, _ *browser) {
			e.skew.Store(int64(2 * time.Minute))
			e.srv.Advance(2 * time.Minute) // the app sees 4 of the token's 5 minutes gone
		}, request: apiMe, status: 200, cookie: rotated, refreshN: 1},
		{name: "clock skew -2 min", setup: func(e *env, _ *browser) { e.skew.Store(int64(-2 * time.Minute)) },
			request: apiMe, status: 200, cookie: kept, refreshN: 0},
	}
	var table strings.Builder
	fmt.Fprintf(&table, "| fault | status | cookie | refresh requests at the fake |\n|---|---|---|---|\n")
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			e := newEnv(t, row.opts...)
			b := e.browser()
			b.signIn("/app")
			before, calls := b.sessionValue(), e.authenticateCalls()
			if row.setup != nil {
				row.setup(e, b)
			}
			r := row.request(e, b)
			n := e.authenticateCalls() - calls
			fate := b.fate(before)
			fmt.Fprintf(&table, "| %s | %d | %s | %d |\n", row.name, r.Status, fate, n)
			assert.Equal(t, row.status, r.Status, r.Body)
			assert.Equal(t, row.cookie, fate)
			assert.Equal(t, row.refreshN, n)
			if row.check != nil {
				row.check(t, e, r)
			}
			if row.status == 503 {
				// The user retries a minute later (past the key set's fetch
				// back-off) and is still signed in.
				e.srv.ClearFaults()
				e.srv.Advance(time.Minute)
				assert.Equal(t, http.StatusOK, apiMe(e, b).Status, "signed in once WorkOS is back")
				assert.NotEqual(t, cleared, b.fate(before))
			}
		})
	}
	t.Log("\n" + table.String())
}

var noKeepAlive = withClient(workos.WithHTTPClient(&http.Client{Transport: &http.Transport{DisableKeepAlives: true}}))

// sessionID is the sid of the browser's session.
func sessionID(e *env, b *browser) string {
	d, err := workos.UnsealSession(b.sessionValue(), testPassword)
	require.NoError(e.t, err)
	_, pl, _ := strings.Cut(d.AccessToken, ".")
	pl, _, _ = strings.Cut(pl, ".")
	raw, err := base64.RawURLEncoding.DecodeString(pl)
	require.NoError(e.t, err)
	var c struct{ Sid string }
	require.NoError(e.t, jsonUnmarshal(raw, &c))
	return c.Sid
}

// resignWithUnknownKey replaces the cookie's access token with the same
// claims signed by a key the key set does not have (as after a rotation
// the app has not seen), resealed with the cookie password.
func resignWithUnknownKey(e *env, b *browser) {
	d, err := workos.UnsealSession(b.sessionValue(), testPassword)
	require.NoError(e.t, err)
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	require.NoError(e.t, err)
	_, rest, _ := strings.Cut(d.AccessToken, ".")
	payload, _, _ := strings.Cut(rest, ".")
	head := base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"RS256","typ":"JWT","kid":"key_rotated_away"}`))
	sum := sha256.Sum256([]byte(head + "." + payload))
	sig, err := rsa.SignPKCS1v15(rand.Reader, key, crypto.SHA256, sum[:])
	require.NoError(e.t, err)
	d.AccessToken = head + "." + payload + "." + base64.RawURLEncoding.EncodeToString(sig)
	sealed, err := workos.SealSession(d, testPassword)
	require.NoError(e.t, err)
	b.setSession(sealed)
}

// Fifty requests from one browser whose token has expired, all at once,
// make exactly one refresh call: the in-process single flight.
func TestMiddleware_FiftyParallelRequestsWithOneExpiredCookieMakeOneRefresh(t *testing.T) {
	e := newEnv(t)
	b := e.browser()
	b.signIn("/app")
	before, calls := b.sessionValue(), e.authenticateCalls()
	expire(e)

	var wg sync.WaitGroup
	statuses := make([]int, 50)
	for i := range statuses {
		wg.Go(func() { statuses[i] = b.get("/api/me", fetchAPI).Status })
	}
	wg.Wait()
	for i, s := range statuses {
		assert.Equal(t, http.StatusOK, s, "request %d", i)
	}
	assert.Equal(t, 1, e.authenticateCalls()-calls, "one refresh for fifty requests")
	assert.Equal(t, rotated, b.fate(before))
	b.mu.Lock()
	defer b.mu.Unlock()
	values := map[string]bool{}
	for _, c := range b.setCook {
		if c.Name == "wos-session" && c.MaxAge > 0 {
			values[c.Value] = true
		}
	}
	assert.Len(t, values, 2, "the sign-in cookie and one rotated cookie, the same on all fifty replies")
}
