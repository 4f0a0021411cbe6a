package workos

import (
	"context"
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type sessionTokenVector struct {
	Name   string         `json:"name"`
	Token  string         `json:"token"`
	Valid  bool           `json:"valid"`
	Claims map[string]any `json:"claims"`
	Why    string         `json:"why"`
}

type sessionTokenVectors struct {
	ClientID          string               `json:"client_id"`
	Issuer            string               `json:"issuer"`
	JWKS              json.RawMessage      `json:"jwks"`
	JWKSAfterRotation json.RawMessage      `json:"jwks_after_rotation"`
	Vectors           []sessionTokenVector `json:"vectors"`
}

func sessionLoadTokenVectors(t testing.TB) *sessionTokenVectors {
	b, err := os.ReadFile(filepath.Join(requireSharedFolder(t, "vectors"), "vectors", "access-tokens.json"))
	require.NoError(t, err)
	var v sessionTokenVectors
	require.NoError(t, json.Unmarshal(b, &v))
	require.NotEmpty(t, v.Vectors)
	return &v
}

func (v *sessionTokenVectors) byName(t testing.TB, name string) sessionTokenVector {
	for _, x := range v.Vectors {
		if x.Name == name {
			return x
		}
	}
	t.Fatalf("no token vector %q", name)
	return sessionTokenVector{}
}

// sessionJWKSServer serves a key set it can swap, and counts requests.
type sessionJWKSServer struct {
	*httptest.Server
	hits    atomic.Int32
	authHdr atomic.Int32 // requests that carried an Authorization header
	body    atomic.Pointer[[]byte]
	delay   time.Duration
	header  atomic.Pointer[http.Header] // of the last request
	status  atomic.Int32                // when set, the status answered instead of the key set
	retry   atomic.Value                // string: the Retry-After sent with status
	fails   atomic.Int32                // how many next requests answer 503
}

func sessionNewJWKSServer(t testing.TB, body []byte) *sessionJWKSServer {
	s := &sessionJWKSServer{}
	s.set(body)
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.hits.Add(1)
		h := r.Header.Clone()
		s.header.Store(&h)
		if r.Header.Get("Authorization") != "" {
			s.authHdr.Add(1)
		}
		if r.Method != http.MethodGet || r.URL.Path != "/sso/jwks/client_123" {
			http.NotFound(w, r)
			return
		}
		time.Sleep(s.delay)
		w.Header().Set("Content-Type", "application/json")
		st := s.status.Load()
		if s.fails.Add(-1) >= 0 {
			st = http.StatusServiceUnavailable
		}
		if st != 0 {
			if ra, _ := s.retry.Load().(string); ra != "" {
				w.Header().Set("Retry-After", ra)
			}
			w.WriteHeader(int(st))
			_, _ = w.Write([]byte(`{"message":"unavailable"}`))
			return
		}
		_, _ = w.Write(*s.body.Load())
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *sessionJWKSServer) set(b []byte) { s.body.Store(&b) }

// sessionClock is a settable clock.
type sessionClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *sessionClock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *sessionClock) advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// sessionVectorNow lies inside the vectors' validity window.
var sessionVectorNow = time.Date(2030, 6, 1, 12, 0, 0, 0, time.UTC)

func sessionVectorVerifier(t testing.TB, body []byte, opts ...VerifierOption) (*Verifier, *sessionJWKSServer, *sessionClock) {
	srv := sessionNewJWKSServer(t, body)
	clk := &sessionClock{t: sessionVectorNow}
	v, err := NewJWKSVerifier("client_123", srv.URL+"/sso/jwks/client_123", srv.Client(), append([]VerifierOption{WithVerifierClock(clk.now)}, opts...)...)
	require.NoError(t, err)
	return v, srv, clk
}

var sessionTokenKinds = []error{ErrTokenMalformed, ErrTokenAlgorithm, ErrTokenUnknownKey, ErrTokenSignature, ErrTokenExpired, ErrTokenNotYetValid, ErrTokenIssuer, ErrJWKSUnavailable}

// sessionAssertTokenKind checks err matches want and no other kind.
func sessionAssertTokenKind(t *testing.T, err error, want error, token string) {
	t.Helper()
	require.Error(t, err)
	for _, k := range sessionTokenKinds {
		assert.Equal(t, k == want, errors.Is(err, k), "errors.Is(%v, %v)", err, k)
	}
	if len(token) > 8 {
		assert.NotContains(t, err.Error(), token)
	}
}

func TestVerifierAcceptsValidVectorsAndRefusesInvalidOnes(t *testing.T) {
	vec := sessionLoadTokenVectors(t)
	want := map[string]error{
		"expired":              ErrTokenExpired,
		"not_yet_valid":        ErrTokenNotYetValid,
		"unknown_kid":          ErrTokenUnknownKey,
		"kid_swapped":          ErrTokenSignature,
		"tampered_payload":     ErrTokenSignature,
		"alg_none":             ErrTokenAlgorithm,
		"alg_confusion_hs256":  ErrTokenAlgorithm,
		"wrong_issuer":         ErrTokenIssuer,
		"malformed_two_parts":  ErrTokenMalformed,
		"malformed_garbage":    ErrTokenMalformed,
		"bad_base64_signature": ErrTokenMalformed,
	}
	v, _, _ := sessionVectorVerifier(t, vec.JWKS, WithTokenIssuer(vec.Issuer))
	for _, tc := range vec.Vectors {
		t.Run(tc.Name, func(t *testing.T) {
			claims, err := v.Verify(context.Background(), tc.Token)
			if !tc.Valid {
				kind, ok := want[tc.Name]
				require.True(t, ok, "no expected error kind for invalid vector %q (%s)", tc.Name, tc.Why)
				assert.Nil(t, claims)
				sessionAssertTokenKind(t, err, kind, tc.Token)
				return
			}
			require.NoError(t, err)
			sessionAssertClaims(t, tc.Claims, claims)
		})
	}
}

// sessionAssertClaims compares typed claims with the vector's JSON claims.
func sessionAssertClaims(t *testing.T, want map[string]any, got *AccessTokenClaims) {
	t.Helper()
	strs := func(k string) []string {
		a, _ := want[k].([]any)
		if a == nil {
			return nil
		}
		out := make([]string, len(a))
		for i, x := range a {
			out[i] = x.(string)
		}
		return out
	}
	s := func(k string) string { x, _ := want[k].(string); return x }
	assert.Equal(t, s("iss"), got.Issuer)
	assert.Equal(t, s("sub"), got.Subject)
	assert.Equal(t, s("sid"), got.SessionID)
	assert.Equal(t, s("jti"), got.JWTID)
	assert.Equal(t, s("org_id"), got.OrganizationID)
	assert.Equal(t, s("role"), got.Role)
	assert.Equal(t, strs("roles"), got.Roles)
	assert.Equal(t, strs("permissions"), got.Permissions)
	assert.Equal(t, strs("entitlements"), got.Entitlements)
	assert.Equal(t, strs("feature_flags"), got.FeatureFlags)
	assert.Equal(t, int64(want["iat"].(float64)), got.IssuedAt.Unix())
	assert.Equal(t, int64(want["exp"].(float64)), got.ExpiresAt.Unix())
	assert.Nil(t, got.Actor)
	assert.Equal(t, want, got.Raw)
}

func TestVerifierIgnoresIssuerUnlessConfigured(t *testing.T) {
	vec := sessionLoadTokenVectors(t)
	v, _, _ := sessionVectorVerifier(t, vec.JWKS)
	claims, err := v.Verify(context.Background(), vec.byName(t, "wrong_issuer").Token)
	require.NoError(t, err)
	assert.NotEqual(t, vec.Issuer, claims.Issuer)
}

func TestVerifierTimeChecksHonourLeeway(t *testing.T) {
	key := sessionTestKey(t)
	jwks := sessionJWKSFor(t, key)
	base := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	cases := []struct {
		name   string
		claims map[string]any
		want   error
	}{
		{"exp just inside leeway", map[string]any{"exp": base.Add(-20 * time.Second).Unix()}, nil},
		{"exp beyond leeway", map[string]any{"exp": base.Add(-31 * time.Second).Unix()}, ErrTokenExpired},
		{"nbf within leeway", map[string]any{"exp": base.Add(time.Hour).Unix(), "nbf": base.Add(25 * time.Second).Unix()}, nil},
		{"nbf beyond leeway", map[string]any{"exp": base.Add(time.Hour).Unix(), "nbf": base.Add(31 * time.Second).Unix()}, ErrTokenNotYetValid},
		{"iat slightly in the future", map[string]any{"exp": base.Add(time.Hour).Unix(), "iat": base.Add(10 * time.Second).Unix()}, nil},
		// A host whose clock is behind WorkOS's sees every new token issued
		// in its future; iat is not a validity check (RFC 7519).
		{"iat far in the future", map[string]any{"exp": base.Add(2 * time.Hour).Unix(), "iat": base.Add(time.Hour).Unix()}, nil},
		{"no exp", map[string]any{"sub": "user_1"}, ErrTokenMalformed},
		{"exp of the wrong type", map[string]any{"exp": "tomorrow"}, ErrTokenMalformed},
		{"roles of the wrong type", map[string]any{"exp": base.Add(time.Hour).Unix(), "roles": "admin"}, ErrTokenMalformed},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			v, _, _ := sessionVectorVerifier(t, jwks, WithTokenLeeway(30*time.Second), WithVerifierClock(func() time.Time { return base }))
			tok := sessionSignToken(t, key, "kid_test", tc.claims)
			_, err := v.Verify(context.Background(), tok)
			if tc.want == nil {
				require.NoError(t, err)
				return
			}
			sessionAssertTokenKind(t, err, tc.want, tok)
		})
	}
}

func TestVerifierDecodesImpersonationActorAndCustomClaims(t *testing.T) {
	key := sessionTestKey(t)
	v, _, _ := sessionVectorVerifier(t, sessionJWKSFor(t, key))
	tok := sessionSignToken(t, key, "kid_test", map[string]any{
		"sub": "user_1", "sid": "session_1", "exp": sessionVectorNow.Add(time.Minute).Unix(),
		"act": map[string]any{"sub": "admin@example.com", "email": "admin@example.com"}, "tier": "gold",
	})
	c, err := v.Verify(context.Background(), tok)
	require.NoError(t, err)
	assert.Equal(t, &AccessTokenActor{Subject: "admin@example.com", Email: "admin@example.com"}, c.Actor)
	assert.Equal(t, "gold", c.Raw["tier"])
	assert.Equal(t, "session_1", c.SessionID)
}

func TestVerifierFetchesJWKSWithoutAuthorizationAndCachesIt(t *testing.T) {
	vec := sessionLoadTokenVectors(t)
	v, srv, _ := sessionVectorVerifier(t, vec.JWKS)
	tok := vec.byName(t, "valid").Token
	_, err := v.Verify(context.Background(), tok) // warm-up
	require.NoError(t, err)
	require.EqualValues(t, 1, srv.hits.Load())
	for range 1000 {
		_, err := v.Verify(context.Background(), tok)
		require.NoError(t, err)
	}
	assert.EqualValues(t, 1, srv.hits.Load(), "no JWKS request after warm-up")
	assert.EqualValues(t, 0, srv.authHdr.Load(), "JWKS is fetched without Authorization")
}

func TestVerifierRefetchesAfterTTL(t *testing.T) {
	vec := sessionLoadTokenVectors(t)
	v, srv, clk := sessionVectorVerifier(t, vec.JWKS, WithJWKSCacheTTL(time.Hour))
	tok := vec.byName(t, "valid").Token
	_, err := v.Verify(context.Background(), tok)
	require.NoError(t, err)
	clk.advance(59 * time.Minute)
	_, err = v.Verify(context.Background(), tok)
	require.NoError(t, err)
	assert.EqualValues(t, 1, srv.hits.Load())
	clk.advance(time.Minute)
	_, err = v.Verify(context.Background(), tok)
	require.NoError(t, err)
	assert.EqualValues(t, 2, srv.hits.Load())
}

func TestVerifierCollapsesConcurrentColdFetches(t *testing.T) {
	vec := sessionLoadTokenVectors(t)
	v, srv, _ := sessionVectorVerifier(t, vec.JWKS)
	srv.delay = 50 * time.Millisecond
	tok := vec.byName(t, "valid").Token
	var wg sync.WaitGroup
	errs := make([]error, 50)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = v.Verify(context.Background(), tok)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		require.NoError(t, err)
	}
	assert.EqualValues(t, 1, srv.hits.Load())
}

func TestVerifierUnknownKidRefetchesOnceWithinRateLimitThenSeesRotation(t *testing.T) {
	vec := sessionLoadTokenVectors(t)
	v, srv, clk := sessionVectorVerifier(t, vec.JWKS, WithJWKSRefetchInterval(30*time.Second))
	ctx := context.Background()
	_, err := v.Verify(ctx, vec.byName(t, "valid").Token)
	require.NoError(t, err)
	rotated := vec.byName(t, "unknown_kid").Token

	// Unknown kid: one refetch, still unknown.
	_, err = v.Verify(ctx, rotated)
	sessionAssertTokenKind(t, err, ErrTokenUnknownKey, rotated)
	require.EqualValues(t, 2, srv.hits.Load())

	// WorkOS rotates; within the rate limit nothing is fetched.
	srv.set(vec.JWKSAfterRotation)
	for range 10 {
		_, err = v.Verify(ctx, rotated)
		sessionAssertTokenKind(t, err, ErrTokenUnknownKey, rotated)
	}
	assert.EqualValues(t, 2, srv.hits.Load(), "unknown kids refetch at most once per interval")

	// After the interval the next unknown kid refetches and finds the key.
	clk.advance(30 * time.Second)
	_, err = v.Verify(ctx, rotated)
	require.NoError(t, err)
	assert.EqualValues(t, 3, srv.hits.Load())
	_, err = v.Verify(ctx, vec.byName(t, "valid").Token)
	require.NoError(t, err, "the old key is still in the rotated set")
	assert.EqualValues(t, 3, srv.hits.Load())
}

func TestVerifierReportsJWKSFailure(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, `{"message":"boom"}`, http.StatusInternalServerError)
	}))
	t.Cleanup(srv.Close)
	v, err := NewJWKSVerifier("client_123", srv.URL+"/sso/jwks/client_123", srv.Client())
	require.NoError(t, err)
	key := sessionTestKey(t)
	tok := sessionSignToken(t, key, "kid_test", map[string]any{"exp": time.Now().Add(time.Hour).Unix()})
	_, err = v.Verify(context.Background(), tok)
	sessionAssertTokenKind(t, err, ErrJWKSUnavailable, tok)
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 500, apiErr.StatusCode)
	assert.Equal(t, "boom", apiErr.Message)
}

func TestNewVerifierUsesClientJWKSURL(t *testing.T) {
	vec := sessionLoadTokenVectors(t)
	srv := sessionNewJWKSServer(t, vec.JWKS)
	c, err := NewClient(WithAPIKey("sk_test_123"), WithClientID("client_123"), WithBaseURL(srv.URL), WithHTTPClient(srv.Client()))
	require.NoError(t, err)
	v, err := NewVerifier(c, WithVerifierClock(func() time.Time { return sessionVectorNow }))
	require.NoError(t, err)
	_, err = v.Verify(context.Background(), vec.byName(t, "valid").Token)
	require.NoError(t, err)
	assert.EqualValues(t, 1, srv.hits.Load())
	assert.EqualValues(t, 0, srv.authHdr.Load(), "the client's API key is not sent to the JWKS endpoint")
}

func TestNewVerifierRefusesMissingInputs(t *testing.T) {
	_, err := NewVerifier(nil)
	assert.ErrorIs(t, err, ErrInvalidParams)
	_, err = NewJWKSVerifier("", "", nil)
	assert.ErrorIs(t, err, ErrMissingClientID)
	_, err = NewJWKSVerifier("client_123", "ftp://example.com/jwks", nil)
	assert.ErrorIs(t, err, ErrInvalidParams)
	c, err := NewClient(WithAPIKey("sk_test_123"), WithClientID(""))
	require.NoError(t, err)
	_, err = NewVerifier(c)
	assert.ErrorIs(t, err, ErrMissingClientID)
}

func TestParseJWKSIgnoresThumbprintAndSkipsUnusableKeys(t *testing.T) {
	vec := sessionLoadTokenVectors(t)
	keys, err := parseJWKS(vec.JWKSAfterRotation)
	require.NoError(t, err)
	assert.Len(t, keys, 2)
	for kid, k := range keys {
		assert.NotEmpty(t, kid)
		assert.Equal(t, 65537, k.E)
		assert.GreaterOrEqual(t, k.N.BitLen(), 2048)
	}
	keys, err = parseJWKS([]byte(`{"keys":[{"kty":"EC","kid":"a"},{"kty":"RSA","kid":"b","alg":"RS512","n":"AQAB","e":"AQAB"},{"kty":"RSA","kid":"c","n":"AQAB","e":"AQAB"},{"kty":"RSA","kid":"d","n":"!!","e":"AQAB"}]}`))
	require.NoError(t, err)
	assert.Empty(t, keys)
	_, err = parseJWKS([]byte(`<html>`))
	assert.ErrorIs(t, err, ErrJWKSUnavailable)
}

// --- test keys and tokens ---

var (
	sessionKeyOnce sync.Once
	sessionKey     *rsa.PrivateKey
)

func sessionTestKey(t testing.TB) *rsa.PrivateKey {
	sessionKeyOnce.Do(func() {
		k, err := rsa.GenerateKey(rand.Reader, 2048)
		if err != nil {
			panic(err)
		}
		sessionKey = k
	})
	return sessionKey
}

func sessionJWKSFor(t testing.TB, key *rsa.PrivateKey) []byte {
	e := []byte{1, 0, 1}
	b, err := json.Marshal(map[string]any{"keys": []map[string]any{{
		"alg": "RS256", "kty": "RSA", "use": "sig", "kid": "kid_test",
		"n": sessionB64.EncodeToString(key.N.Bytes()), "e": sessionB64.EncodeToString(e),
		"x5t#S256": "ZmFrZS10aHVtYnByaW50LXdpdGgtcGFkZGluZw==",
	}}})
	require.NoError(t, err)
	return b
}

func sessionSignToken(t testing.TB, key *rsa.PrivateKey, kid string, claims map[string]any) string {
	h, err := json.Marshal(map[string]any{"alg": "RS256", "kid": kid, "typ": "JWT"})
	require.NoError(t, err)
	p, err := json.Marshal(claims)
	require.NoError(t, err)
	signed := sessionB64.EncodeToString(h) + "." + sessionB64.EncodeToString(p)
	d := sha256.Sum256([]byte(signed))
	sig, err := rsa.SignPKCS1v15(nil, key, crypto.SHA256, d[:])
	require.NoError(t, err)
	return signed + "." + sessionB64.EncodeToString(sig)
}

func TestVerifierRefusesBadHeadersBeforeFetchingKeys(t *testing.T) {
	key := sessionTestKey(t)
	v, srv, _ := sessionVectorVerifier(t, sessionJWKSFor(t, key))
	body := sessionB64.EncodeToString([]byte(`{"exp":4102444800}`))
	hdr := func(h string) string { return sessionB64.EncodeToString([]byte(h)) + "." + body + ".c2ln" }
	cases := []struct {
		name, token string
		want        error
	}{
		{"alg none", hdr(`{"alg":"none","kid":"kid_test"}`), ErrTokenAlgorithm},
		{"alg HS256", hdr(`{"alg":"HS256","kid":"kid_test"}`), ErrTokenAlgorithm},
		{"alg RS512", hdr(`{"alg":"RS512","kid":"kid_test"}`), ErrTokenAlgorithm},
		{"alg ES256", hdr(`{"alg":"ES256","kid":"kid_test"}`), ErrTokenAlgorithm},
		{"alg lower case", hdr(`{"alg":"rs256","kid":"kid_test"}`), ErrTokenAlgorithm},
		{"no alg", hdr(`{"kid":"kid_test"}`), ErrTokenAlgorithm},
		{"crit header", hdr(`{"alg":"RS256","kid":"kid_test","crit":["sessionB64"]}`), ErrTokenMalformed},
		{"header not JSON", hdr(`alg`), ErrTokenMalformed},
		{"header not base64url", "a+b." + body + ".c2ln", ErrTokenMalformed},
		{"payload not base64url", sessionB64.EncodeToString([]byte(`{"alg":"RS256","kid":"kid_test"}`)) + ".***.c2ln", ErrTokenMalformed},
		{"four segments", "a.b.c.d", ErrTokenMalformed},
		{"empty", "", ErrTokenMalformed},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := v.Verify(context.Background(), tc.token)
			sessionAssertTokenKind(t, err, tc.want, tc.token)
		})
	}
	assert.EqualValues(t, 0, srv.hits.Load(), "refused before any key was fetched")
}

func TestVerifierWithoutKidIsUnknownKey(t *testing.T) {
	key := sessionTestKey(t)
	v, _, _ := sessionVectorVerifier(t, sessionJWKSFor(t, key))
	tok := sessionSignToken(t, key, "", map[string]any{"exp": sessionVectorNow.Add(time.Hour).Unix()})
	_, err := v.Verify(context.Background(), tok)
	sessionAssertTokenKind(t, err, ErrTokenUnknownKey, tok)
}

func TestVerifierCallerCancellationDoesNotFailSharedFetch(t *testing.T) {
	vec := sessionLoadTokenVectors(t)
	v, srv, _ := sessionVectorVerifier(t, vec.JWKS)
	srv.delay = 100 * time.Millisecond
	tok := vec.byName(t, "valid").Token
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	_, err := v.Verify(ctx, tok)
	sessionAssertTokenKind(t, err, ErrJWKSUnavailable, tok)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	_, err = v.Verify(context.Background(), tok) // joins or reuses the same fetch
	require.NoError(t, err)
	assert.EqualValues(t, 1, srv.hits.Load())
}

func TestVerifierKeepsStaleKeysWhenRefetchFails(t *testing.T) {
	vec := sessionLoadTokenVectors(t)
	v, srv, clk := sessionVectorVerifier(t, vec.JWKS, WithJWKSCacheTTL(time.Minute), WithJWKSRefetchInterval(30*time.Second))
	tok := vec.byName(t, "valid").Token
	_, err := v.Verify(context.Background(), tok)
	require.NoError(t, err)

	srv.set([]byte(`not json`)) // the JWKS endpoint breaks
	clk.advance(time.Minute)
	_, err = v.Verify(context.Background(), tok)
	require.NoError(t, err, "the stale key still verifies")
	require.EqualValues(t, 2, srv.hits.Load())
	_, err = v.Verify(context.Background(), tok)
	require.NoError(t, err)
	assert.EqualValues(t, 2, srv.hits.Load(), "no retry inside the refetch interval")

	srv.set(vec.JWKS)
	clk.advance(30 * time.Second)
	_, err = v.Verify(context.Background(), tok)
	require.NoError(t, err)
	assert.EqualValues(t, 3, srv.hits.Load())
	_, err = v.Verify(context.Background(), tok)
	require.NoError(t, err)
	assert.EqualValues(t, 3, srv.hits.Load(), "fresh again")
}
