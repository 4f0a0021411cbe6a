package workos

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// jwksFetchWorld is a key endpoint and a Client pointed at it whose clock
// the test moves.
func jwksFetchWorld(t *testing.T, opts ...Option) (*sessionJWKSServer, *Client, *sessionClock) {
	srv := sessionNewJWKSServer(t, sessionJWKSFor(t, sessionTestKey(t)))
	clk := &sessionClock{t: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)}
	c, err := NewClient(append([]Option{WithAPIKey("sk_test_123"), WithClientID("client_123"), WithBaseURL(srv.URL),
		WithHTTPClient(srv.Client()), WithBackoff(0, 0), WithClock(clk.now)}, opts...)...)
	require.NoError(t, err)
	return srv, c, clk
}

func jwksFetchToken(t *testing.T, clk *sessionClock, kid string) string {
	return sessionSignToken(t, sessionTestKey(t), kid, map[string]any{"sub": "user_1", "exp": clk.now().Add(5 * time.Minute).Unix()})
}

func TestNewVerifierFetchesKeySetThroughClientPipeline(t *testing.T) {
	var logs bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	srv, c, clk := jwksFetchWorld(t, WithHeader("X-Trace", "trace-1"), WithAppInfo("myapp", "1.2.3"), WithLogger(logger), WithMaxRetries(2))
	srv.fails.Store(1) // the first attempt fails; the Client's retry gets the key set
	v, err := NewVerifier(c)
	require.NoError(t, err)
	_, err = v.Verify(context.Background(), jwksFetchToken(t, clk, "kid_test"))
	require.NoError(t, err)
	h := *srv.header.Load()
	assert.True(t, strings.HasPrefix(h.Get("User-Agent"), userAgentProduct+"/"+Version+" "), h.Get("User-Agent"))
	assert.Contains(t, h.Get("User-Agent"), "myapp/1.2.3")
	assert.Equal(t, "trace-1", h.Get("X-Trace"))
	assert.Empty(t, h.Get("Authorization"), "the key endpoint is public")
	assert.EqualValues(t, 2, srv.hits.Load(), "a failed attempt is retried by the Client")
	assert.Equal(t, 2, strings.Count(logs.String(), `"path":"/sso/jwks/client_123"`), "each attempt is in the debug log:\n%s", logs.String())
}

func TestVerifierColdKeySetFailureMakesOneRequestThenBacksOff(t *testing.T) {
	srv, c, clk := jwksFetchWorld(t, WithMaxRetries(0))
	srv.status.Store(503)
	v, err := NewVerifier(c)
	require.NoError(t, err)
	tok := jwksFetchToken(t, clk, "kid_test")
	ctx := context.Background()

	var wg sync.WaitGroup
	for range 100 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := v.Verify(ctx, tok)
			assert.ErrorIs(t, err, ErrJWKSUnavailable)
		}()
	}
	wg.Wait()
	for range 101 {
		_, err := v.Verify(ctx, tok)
		require.ErrorIs(t, err, ErrJWKSUnavailable)
		require.ErrorIs(t, err, ErrServer, "the last fetch's *APIError is kept")
	}
	assert.EqualValues(t, 1, srv.hits.Load(), "201 Verify calls, one request")

	// 1 s, then 2 s: the backoff doubles.
	clk.advance(time.Second)
	_, err = v.Verify(ctx, tok)
	require.ErrorIs(t, err, ErrJWKSUnavailable)
	assert.EqualValues(t, 2, srv.hits.Load())
	clk.advance(time.Second)
	_, err = v.Verify(ctx, tok)
	require.ErrorIs(t, err, ErrJWKSUnavailable)
	assert.EqualValues(t, 2, srv.hits.Load(), "still backing off")
	srv.status.Store(0)
	clk.advance(time.Second)
	_, err = v.Verify(ctx, tok)
	require.NoError(t, err)
	assert.EqualValues(t, 3, srv.hits.Load())
}

func TestVerifierHonoursRetryAfterOfKeyEndpoint(t *testing.T) {
	srv, c, clk := jwksFetchWorld(t, WithMaxRetries(0))
	srv.status.Store(429)
	srv.retry.Store("20")
	v, err := NewVerifier(c)
	require.NoError(t, err)
	tok := jwksFetchToken(t, clk, "kid_test")
	_, err = v.Verify(context.Background(), tok)
	require.ErrorIs(t, err, ErrRateLimited)
	srv.status.Store(0)
	clk.advance(19 * time.Second)
	_, err = v.Verify(context.Background(), tok)
	require.ErrorIs(t, err, ErrJWKSUnavailable, "Retry-After not over yet")
	assert.EqualValues(t, 1, srv.hits.Load())
	clk.advance(time.Second)
	_, err = v.Verify(context.Background(), tok)
	require.NoError(t, err)
	assert.EqualValues(t, 2, srv.hits.Load())
}

func TestNewVerifierFollowsClientClock(t *testing.T) {
	_, c, clk := jwksFetchWorld(t)
	v, err := NewVerifier(c)
	require.NoError(t, err)
	tok := jwksFetchToken(t, clk, "kid_test") // expires in 5 minutes on clk
	_, err = v.Verify(context.Background(), tok)
	require.NoError(t, err)
	clk.advance(6 * time.Minute)
	_, err = v.Verify(context.Background(), tok)
	assert.ErrorIs(t, err, ErrTokenExpired)
}

// Tokens with made-up kids cost one refetch per interval, and a key WorkOS
// rotated in meanwhile is only delayed, never refused: the session keeps
// its cookie (transient) until the next refetch finds the key.
func TestVerifierMadeUpKidBurstDoesNotLockOutRotatedKey(t *testing.T) {
	srv, c, clk := jwksFetchWorld(t, WithMaxRetries(0))
	v, err := NewVerifier(c, WithJWKSRefetchInterval(30*time.Second))
	require.NoError(t, err)
	ctx := context.Background()
	_, err = v.Verify(ctx, jwksFetchToken(t, clk, "kid_test"))
	require.NoError(t, err)
	for i := range 200 {
		_, err := v.Verify(ctx, jwksFetchToken(t, clk, "kid_made_up_"+strings.Repeat("x", i%7)))
		require.ErrorIs(t, err, ErrTokenUnknownKey)
	}
	assert.EqualValues(t, 2, srv.hits.Load(), "the burst made one refetch")

	// WorkOS rotates in a new key (same material, new kid) just after.
	srv.set(bytes.Replace(sessionJWKSFor(t, sessionTestKey(t)), []byte(`"kid_test"`), []byte(`"kid_rotated"`), 1))
	claims := sessionLiveClaims()
	claims["iat"], claims["exp"] = clk.now().Unix(), clk.now().Add(5*time.Minute).Unix()
	sealed, err := SealSession(&SessionData{AccessToken: sessionSignToken(t, sessionTestKey(t), "kid_rotated", claims), RefreshToken: "rt"}, sessionTestPassword)
	require.NoError(t, err)
	sess := LoadSealedSession(c, v, sealed, sessionTestPassword)
	_, err = sess.Authenticate(ctx)
	require.ErrorIs(t, err, ErrSessionTransient, "keep the cookie")
	assert.ErrorIs(t, err, ErrTokenUnknownKey)
	assert.NotErrorIs(t, err, ErrSessionInvalidJWT)

	clk.advance(30 * time.Second)
	got, err := sess.Authenticate(ctx)
	require.NoError(t, err)
	assert.Equal(t, "session_1", got.SessionID)
	assert.EqualValues(t, 3, srv.hits.Load())
}
