package workos_test

import (
	"context"
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/kestrel-dev/workos"
	"github.com/kestrel-dev/workos/internal/retry"
	"github.com/kestrel-dev/workos/workostest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const authenticatePath = "/user_management/authenticate"

// TestIntegration_SessionFaultMatrix refreshes (or authenticates) a sealed
// session against the fake while it plays one fault, over real HTTP, and
// checks what the caller is told: keep the cookie (ErrSessionTransient) or
// sign the user in again, and how many requests it cost. A kept cookie
// must then refresh once the fault is gone.
func TestIntegration_SessionFaultMatrix(t *testing.T) {
	t.Parallel()
	attempts := 1 + retry.DefaultMaxRetries
	cases := []struct {
		name     string
		fault    *workostest.Fault
		opts     []workos.Option
		spend    bool // redeem the cookie's refresh token beforehand, past the replay window
		requests int
		keep     bool  // ErrSessionTransient: keep the cookie
		is       error // also matched with errors.Is
		as       func(error) bool
	}{
		{name: "503 after retries", fault: &workostest.Fault{Status: 503, Times: attempts}, requests: attempts, keep: true, is: workos.ErrServer},
		{name: "429", fault: &workostest.Fault{Status: 429, Times: attempts}, requests: attempts, keep: true, is: workos.ErrRateLimited},
		{name: "timeout", fault: &workostest.Fault{Delay: time.Minute}, opts: []workos.Option{workos.WithMaxRetries(0), workos.WithTimeout(200 * time.Millisecond)},
			requests: 1, keep: true, is: context.DeadlineExceeded},
		// A fresh connection per attempt, so that Go's transport never
		// replays a request on a reused one and the count is the SDK's.
		{name: "reset", fault: &workostest.Fault{Reset: true, Times: attempts}, opts: []workos.Option{workos.WithHTTPClient(&http.Client{Transport: &http.Transport{DisableKeepAlives: true}})},
			requests: attempts, keep: true, is: workos.ErrNetwork},
		// The reply is lost after the server redeemed the token: the kept
		// cookie recovers through WorkOS's replay window.
		{name: "503 after the server redeemed the token", fault: &workostest.Fault{Status: 503, AfterHandling: true}, opts: []workos.Option{workos.WithMaxRetries(0)},
			requests: 1, keep: true, is: workos.ErrServer},
		{name: "invalid_grant", spend: true, requests: 1, is: workos.ErrSessionRefreshTokenInvalid},
		{name: "mfa_enrollment", fault: &workostest.Fault{Status: 403, Body: map[string]any{
			"code": "mfa_enrollment", "message": "The user must enroll in MFA.", "pending_authentication_token": "pat_mfa",
			"user": map[string]any{"object": "user", "id": "user_1", "email": "session@example.com"},
		}}, requests: 1, is: workos.ErrForbidden, as: func(err error) bool {
			var e *workos.MFAEnrollmentError
			return errors.As(err, &e) && e.User != nil && e.User.ID == "user_1"
		}},
		{name: "sso_required", fault: &workostest.Fault{Status: 403, Body: map[string]any{
			"code": "sso_required", "message": "Sign in with SSO.", "pending_authentication_token": "pat_sso",
			"email": "session@example.com", "connection_ids": []string{"conn_1"},
		}}, requests: 1, is: workos.ErrForbidden, as: func(err error) bool {
			var e *workos.SSORequiredError
			return errors.As(err, &e) && e.Email == "session@example.com" && len(e.ConnectionIDs) == 1
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			w := integNewSessionWorld(t)
			ctx := context.Background()
			client := w.srv.Client(tc.opts...)
			if tc.spend {
				_, err := client.UserManagement.AuthenticateWithRefreshToken(ctx, workos.AuthenticateWithRefreshTokenParams{RefreshToken: w.auth.RefreshToken})
				require.NoError(t, err)
				w.srv.Advance(workostest.DefaultRefreshReplayWindow)
			}
			before := w.srv.CountRequests("POST", authenticatePath)
			if tc.fault != nil {
				f := *tc.fault
				f.Method, f.Path = "POST", authenticatePath
				w.srv.InjectFault(f)
			}
			sess := workos.LoadSealedSession(client, w.verifier, w.sealed, integCookiePassword)
			_, err := sess.Refresh(ctx, workos.RefreshSessionParams{})
			require.Error(t, err)
			assert.Equal(t, tc.keep, errors.Is(err, workos.ErrSessionTransient), "keep the cookie? %v", err)
			assert.Equal(t, tc.name == "invalid_grant", errors.Is(err, workos.ErrSessionRefreshTokenInvalid), "%v", err)
			assert.ErrorIs(t, err, tc.is)
			if tc.as != nil {
				assert.True(t, tc.as(err), "errors.As finds the typed challenge: %v", err)
			}
			assert.Equal(t, tc.requests, w.srv.CountRequests("POST", authenticatePath)-before)
			assert.Equal(t, w.sealed, sess.SealedSession(), "a failed refresh leaves the session's cookie alone")
			if !tc.keep {
				return
			}
			// The cookie the caller kept still renews the session.
			w.srv.ClearFaults()
			res, err := workos.LoadSealedSession(w.srv.Client(), w.verifier, w.sealed, integCookiePassword).Refresh(ctx, workos.RefreshSessionParams{})
			require.NoError(t, err, "the kept cookie recovers")
			assert.Equal(t, w.user.ID, res.Response.User.ID)
		})
	}

	t.Run("unknown kid", func(t *testing.T) {
		t.Parallel()
		w := integNewSessionWorld(t)
		// A token signed with a key the fake's key set does not (yet) hold.
		key, err := rsa.GenerateKey(rand.Reader, 2048)
		require.NoError(t, err)
		tok := integSignRS256(t, key, "kid_not_published_yet", map[string]any{
			"iss": w.srv.Issuer(), "sub": w.user.ID, "sid": "session_x", "exp": w.srv.Now().Add(5 * time.Minute).Unix(),
		})
		sealed, err := workos.SealSession(&workos.SessionData{AccessToken: tok, RefreshToken: w.auth.RefreshToken}, integCookiePassword)
		require.NoError(t, err)
		sess := workos.LoadSealedSession(w.client, w.verifier, sealed, integCookiePassword)
		for range 3 {
			_, err = sess.Authenticate(context.Background())
			require.ErrorIs(t, err, workos.ErrSessionTransient, "keep the cookie")
			assert.ErrorIs(t, err, workos.ErrTokenUnknownKey)
			assert.NotErrorIs(t, err, workos.ErrSessionInvalidJWT)
		}
		assert.Equal(t, 2, w.srv.CountRequests("GET", "/sso/jwks/*"), "the first fetch, then one rate-limited refetch")
		assert.Equal(t, sealed, sess.SealedSession())
	})
}

// integSignedInCookie signs userID in (to orgID, may be empty) at the fake
// and seals the tokens into a cookie.
func integSignedInCookie(t *testing.T, srv *workostest.Server, userID, orgID string) (workostest.Tokens, string) {
	t.Helper()
	tok := srv.SignIn(userID, orgID)
	sealed, err := workos.SealSession(&workos.SessionData{AccessToken: tok.AccessToken, RefreshToken: tok.RefreshToken}, integCookiePassword)
	require.NoError(t, err)
	return tok, sealed
}

// integSignRS256 signs claims as an RS256 JWT with kid.
func integSignRS256(t *testing.T, key *rsa.PrivateKey, kid string, claims map[string]any) string {
	t.Helper()
	enc := func(v any) string {
		b, err := json.Marshal(v)
		require.NoError(t, err)
		return base64.RawURLEncoding.EncodeToString(b)
	}
	input := enc(map[string]string{"alg": "RS256", "typ": "JWT", "kid": kid}) + "." + enc(claims)
	sum := sha256.Sum256([]byte(input))
	sig, err := rsa.SignPKCS1v15(rand.Reader, key, crypto.SHA256, sum[:])
	require.NoError(t, err)
	return input + "." + base64.RawURLEncoding.EncodeToString(sig)
}

// The reproduction on the wire: a user of two organizations,
// signed in to B, switches to A, then refreshes without naming one.
func TestIntegration_PlainRefreshKeepsTheOrganizationSwitchedTo(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	var bodies []map[string]any
	srv := workostest.NewServer(t, workostest.WithObserver(func(x workostest.Exchange) {
		if x.Path == authenticatePath {
			var b map[string]any
			_ = json.Unmarshal(x.RequestBody, &b)
			mu.Lock()
			bodies = append(bodies, b)
			mu.Unlock()
		}
	}))
	a, b := srv.CreateOrganization("A"), srv.CreateOrganization("B")
	u := srv.CreateUser(workostest.NewUser{Email: "ada@example.com"})
	srv.AddMembership(u.ID, a.ID, workostest.StatusActive, "member")
	srv.AddMembership(u.ID, b.ID, workostest.StatusActive, "member")
	_, sealed := integSignedInCookie(t, srv, u.ID, b.ID)
	ctx := context.Background()

	sess := workos.LoadSealedSession(srv.Client(), srv.Verifier(), sealed, integCookiePassword)
	_, err := sess.Refresh(ctx, workos.RefreshSessionParams{OrganizationID: a.ID})
	require.NoError(t, err)
	_, err = sess.Refresh(ctx, workos.RefreshSessionParams{})
	require.NoError(t, err)
	got, err := sess.Authenticate(ctx)
	require.NoError(t, err)
	assert.Equal(t, a.ID, got.OrganizationID)

	mu.Lock()
	defer mu.Unlock()
	require.Len(t, bodies, 2)
	assert.Equal(t, a.ID, bodies[0]["organization_id"])
	assert.Equal(t, a.ID, bodies[1]["organization_id"], "the plain refresh sends the cookie's organization")
}

// The fake's clock reaches a Verifier built from srv.Client() without
// WithVerifierClock: moving it expires the cookie's token for the SDK.
func TestIntegration_AdvanceExpiresTokensForVerifierFromServerClient(t *testing.T) {
	t.Parallel()
	srv := workostest.NewServer(t)
	srv.SetNow(time.Now().UTC())
	u := srv.CreateUser(workostest.NewUser{Email: "ada@example.com"})
	_, sealed := integSignedInCookie(t, srv, u.ID, "")
	client := srv.Client()
	verifier, err := workos.NewVerifier(client)
	require.NoError(t, err)
	verifiers := map[string]*workos.Verifier{"NewVerifier(srv.Client())": verifier, "srv.Verifier()": srv.Verifier()}
	authenticate := func(v *workos.Verifier) error {
		_, err := workos.LoadSealedSession(client, v, sealed, integCookiePassword).Authenticate(context.Background())
		return err
	}
	for name, v := range verifiers {
		require.NoError(t, authenticate(v), name)
	}
	srv.Advance(6 * time.Minute)
	for name, v := range verifiers {
		assert.ErrorIs(t, authenticate(v), workos.ErrSessionTokenExpired, name)
	}
}

// The window in which Refresh hands its success to late callers follows
// the fake's clock, and is a setting.
func TestIntegration_SessionRefreshGraceFollowsServerClock(t *testing.T) {
	t.Parallel()
	srv := workostest.NewServer(t, workostest.WithRefreshReplayWindow(time.Hour))
	srv.SetNow(time.Now().UTC())
	u := srv.CreateUser(workostest.NewUser{Email: "ada@example.com"})
	_, sealed := integSignedInCookie(t, srv, u.ID, "")
	ctx := context.Background()
	refresh := func(client *workos.Client) {
		t.Helper()
		_, err := workos.LoadSealedSession(client, nil, sealed, integCookiePassword).Refresh(ctx, workos.RefreshSessionParams{})
		require.NoError(t, err)
	}
	client := srv.Client()
	refresh(client)
	refresh(client)
	assert.Equal(t, 1, srv.CountRequests("POST", authenticatePath), "shared inside the grace window")

	srv.Advance(workos.DefaultSessionRefreshGrace)
	refresh(client) // the fake's replay window still answers
	assert.Equal(t, 2, srv.CountRequests("POST", authenticatePath), "the grace window ended on the fake's clock")

	// Without a grace window every finished refresh is asked again.
	noGrace := srv.Client(workos.WithSessionRefreshGrace(-1))
	refresh(noGrace)
	refresh(noGrace)
	assert.Equal(t, 4, srv.CountRequests("POST", authenticatePath))
}
