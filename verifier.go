package workos

import (
	"context"
	"crypto"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// Access-token errors. Every error Verify returns matches exactly one of
// them with errors.Is, so a caller can tell "refresh the session"
// (ErrTokenExpired) from "refuse the request" (the rest). None of their
// messages contain the token.
var (
	// ErrTokenMalformed: the token is not a well-formed JWT (segments,
	// base64url, JSON, claim types).
	ErrTokenMalformed = errors.New("workos: access token malformed")
	// ErrTokenAlgorithm: the header names an algorithm other than RS256,
	// such as "none" or HS256. It is refused before any key is looked at.
	ErrTokenAlgorithm = errors.New("workos: access token algorithm not allowed")
	// ErrTokenUnknownKey: the header's kid is not in the key set, even after
	// the key set was fetched again, or a refetch was not allowed yet (see
	// WithJWKSRefetchInterval). A key WorkOS has just rotated in can be
	// reported so until the next refetch, so CookieSession treats it as
	// ErrSessionTransient.
	ErrTokenUnknownKey = errors.New("workos: access token signed by an unknown key")
	// ErrTokenSignature: the RSA signature does not verify.
	ErrTokenSignature = errors.New("workos: access token signature invalid")
	// ErrTokenExpired: the exp claim has passed, leeway included.
	ErrTokenExpired = errors.New("workos: access token expired")
	// ErrTokenNotYetValid: nbf lies in the future beyond the leeway. An iat
	// in the future is not refused: RFC 7519 makes it information, not a
	// validity check, and a host whose clock is behind WorkOS's must not
	// sign its users out.
	ErrTokenNotYetValid = errors.New("workos: access token not yet valid")
	// ErrTokenIssuer: the iss claim is not the issuer the Verifier was told
	// to expect.
	ErrTokenIssuer = errors.New("workos: access token issuer mismatch")
	// ErrJWKSUnavailable: the key set could not be fetched or read, so the
	// token could be neither accepted nor refused. It is worth retrying.
	ErrJWKSUnavailable = errors.New("workos: JWKS unavailable")
)

func accessTokenErr(kind error, format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{kind}, args...)...)
}

// AccessTokenActor is the "act" claim of an impersonated session: the
// WorkOS admin acting as the user.
type AccessTokenActor struct {
	// Subject identifies the admin, usually by email.
	Subject string
	// Email is the admin's email, when the token carries it.
	Email string
}

// AccessTokenClaims are the claims of a verified WorkOS access token.
type AccessTokenClaims struct {
	// Issuer is the iss claim, https://api.workos.com/user_management/<client id>.
	Issuer string
	// Subject is the sub claim: the user ID.
	Subject string
	// SessionID is the sid claim; pass it to GetLogoutURL or RevokeSession.
	SessionID string
	// OrganizationID is the org_id claim: the organization the session is
	// scoped to, empty when none.
	OrganizationID string
	// Role is the user's role slug in OrganizationID.
	Role string
	// Roles are all of the user's role slugs in OrganizationID.
	Roles []string
	// Permissions are the permission slugs Roles grant.
	Permissions []string
	// Entitlements are the organization's entitlement slugs.
	Entitlements []string
	// FeatureFlags are the feature flag slugs enabled for the session.
	FeatureFlags []string
	// JWTID is the jti claim, unique per token.
	JWTID string
	// IssuedAt is the iat claim; zero when absent.
	IssuedAt time.Time
	// ExpiresAt is the exp claim.
	ExpiresAt time.Time
	// NotBefore is the nbf claim; zero when absent.
	NotBefore time.Time
	// Actor is set when a WorkOS admin is impersonating the user.
	Actor *AccessTokenActor
	// Raw is every claim as decoded by encoding/json (numbers are float64),
	// custom claims from the JWT template included.
	Raw map[string]any
}

// Default Verifier settings.
const (
	// DefaultJWKSCacheTTL matches the cache age of the jose library that the
	// Node SDK verifies with, so a key WorkOS withdraws stops being trusted
	// by Go and Node services at about the same time. New keys do not wait
	// for it: an unknown kid triggers a refetch.
	DefaultJWKSCacheTTL = 10 * time.Minute
	// DefaultJWKSRefetchInterval bounds refetches caused by unknown kids,
	// so tokens with made-up kids cannot turn into a flood of JWKS requests.
	DefaultJWKSRefetchInterval = 30 * time.Second
	// DefaultTokenLeeway absorbs clock skew between WorkOS and this host for
	// exp and nbf; it is small next to the tokens' five-minute life.
	DefaultTokenLeeway = 30 * time.Second
)

// VerifierOption configures a Verifier.
type VerifierOption func(*verifierConfig)

type verifierConfig struct {
	ttl, refetch, leeway, fetchTimeout time.Duration
	issuer                             string
	now                                func() time.Time
}

// WithJWKSCacheTTL sets how long a fetched key set is used before it is
// fetched again (DefaultJWKSCacheTTL when not set).
func WithJWKSCacheTTL(d time.Duration) VerifierOption {
	return func(c *verifierConfig) { c.ttl = d }
}

// WithJWKSRefetchInterval sets the least time between two refetches caused
// by tokens with an unknown kid (DefaultJWKSRefetchInterval when not set).
func WithJWKSRefetchInterval(d time.Duration) VerifierOption {
	return func(c *verifierConfig) { c.refetch = d }
}

// WithTokenLeeway sets the clock-skew allowance for exp and nbf
// (DefaultTokenLeeway when not set). iat is never judged.
func WithTokenLeeway(d time.Duration) VerifierOption {
	return func(c *verifierConfig) { c.leeway = d }
}

// WithTokenIssuer makes the Verifier refuse tokens whose iss claim is not
// issuer, such as "https://api.workos.com/user_management/client_123" (or
// your custom auth domain). Without it iss is not checked.
func WithTokenIssuer(issuer string) VerifierOption {
	return func(c *verifierConfig) { c.issuer = issuer }
}

// WithVerifierClock replaces the clock of the time checks and the cache:
// time.Now, or for NewVerifier the Client's clock (see WithClock). For
// tests.
func WithVerifierClock(now func() time.Time) VerifierOption {
	return func(c *verifierConfig) { c.now = now }
}

// Verifier checks WorkOS access tokens (RS256 JWTs) against the client's
// JSON Web Key Set, which it fetches and caches. It is safe for concurrent
// use; create one per client ID and share it, so the cache is shared.
//
// It is a small hand-written RS256 verifier on crypto/rsa rather than a
// general JOSE library: only RS256 is ever needed, keys are read from n and
// e alone (WorkOS writes x5t#S256 in a form strict JWK parsers refuse), and
// a small parser is easy to fuzz.
type Verifier struct {
	cfg   verifierConfig
	cache *jwksCache
}

// NewVerifier builds a Verifier for the Client's client ID. It fetches the
// key set with GetJWKS, so through the Client's pipeline: its base URL,
// HTTP client, User-Agent, extra headers, debug log and retries (which
// honour Retry-After). It judges time by the Client's clock (WithClock)
// unless WithVerifierClock says otherwise.
func NewVerifier(client *Client, opts ...VerifierOption) (*Verifier, error) {
	if client == nil {
		return nil, invalidParams("client is required")
	}
	if _, err := client.UserManagement.GetJWKSURL(""); err != nil {
		return nil, err
	}
	fetch := func(ctx context.Context) (map[string]*rsa.PublicKey, error) {
		set, err := client.UserManagement.GetJWKS(ctx, "")
		if err != nil {
			return nil, fmt.Errorf("%w: %w", ErrJWKSUnavailable, err)
		}
		return jwksKeys(set.Keys), nil
	}
	return newVerifier(fetch, client.cfg.clock(), opts), nil
}

// NewJWKSVerifier builds a Verifier without a Client: it fetches
// jwksURL, or https://api.workos.com/sso/jwks/<clientID> when jwksURL is
// empty, through hc (http.DefaultClient when nil).
func NewJWKSVerifier(clientID, jwksURL string, hc *http.Client, opts ...VerifierOption) (*Verifier, error) {
	if jwksURL == "" {
		if clientID == "" {
			return nil, ErrMissingClientID
		}
		jwksURL = DefaultBaseURL + "/sso/jwks/" + url.PathEscape(clientID)
	}
	if u, err := url.Parse(jwksURL); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return nil, invalidParams("JWKS URL must be an absolute http(s) URL")
	}
	if hc == nil {
		hc = http.DefaultClient
	}
	fetch := func(ctx context.Context) (map[string]*rsa.PublicKey, error) {
		return fetchJWKS(ctx, hc, jwksURL)
	}
	return newVerifier(fetch, time.Now, opts), nil
}

func newVerifier(fetch func(context.Context) (map[string]*rsa.PublicKey, error), now func() time.Time, opts []VerifierOption) *Verifier {
	cfg := verifierConfig{ttl: DefaultJWKSCacheTTL, refetch: DefaultJWKSRefetchInterval, leeway: DefaultTokenLeeway, fetchTimeout: 30 * time.Second, now: now}
	for _, o := range opts {
		o(&cfg)
	}
	return &Verifier{cfg: cfg, cache: &jwksCache{cfg: &cfg, fetch: fetch}}
}

// Verify checks token's algorithm, signature, expiry, not-before and (when
// configured) issuer, but not issued-at (see ErrTokenNotYetValid). It
// fetches the key set when it has none, when its cache has expired, or
// when the token names a key it does not know.
//
// When a refetch of an expired set fails, the old set stays in use and the
// fetch is retried after the refetch interval (or the server's longer
// Retry-After). While there is no set at all, failed fetches are retried
// after 1 s, doubling up to the refetch interval, or after Retry-After;
// until then Verify returns the last fetch's error at once, so a failing
// key endpoint gets one request per wait, not one per token.
//
// The error matches one of the ErrToken* errors, or ErrJWKSUnavailable.
func (v *Verifier) Verify(ctx context.Context, token string) (*AccessTokenClaims, error) {
	p, err := parseAccessToken(token)
	if err != nil {
		return nil, err
	}
	key, err := v.cache.key(ctx, p.kid)
	if err != nil {
		return nil, err
	}
	digest := sha256.Sum256([]byte(token[:p.signedLen]))
	if rsa.VerifyPKCS1v15(key, crypto.SHA256, digest[:], p.sig) != nil {
		return nil, ErrTokenSignature
	}
	claims, err := decodeAccessTokenClaims(p.payload)
	if err != nil {
		return nil, err
	}
	if err := v.checkClaims(claims); err != nil {
		return nil, err
	}
	return claims, nil
}

func (v *Verifier) checkClaims(c *AccessTokenClaims) error {
	now, lw := v.cfg.now(), v.cfg.leeway
	if c.ExpiresAt.IsZero() {
		return accessTokenErr(ErrTokenMalformed, "no exp claim")
	}
	if !now.Before(c.ExpiresAt.Add(lw)) {
		return accessTokenErr(ErrTokenExpired, "expired at %s", c.ExpiresAt.UTC().Format(time.RFC3339))
	}
	if !c.NotBefore.IsZero() && now.Add(lw).Before(c.NotBefore) {
		return accessTokenErr(ErrTokenNotYetValid, "not valid before %s", c.NotBefore.UTC().Format(time.RFC3339))
	}
	if v.cfg.issuer != "" && c.Issuer != v.cfg.issuer {
		return ErrTokenIssuer
	}
	return nil
}

// parsedAccessToken is a token split and decoded, but not yet trusted.
type parsedAccessToken struct {
	kid       string
	payload   []byte
	sig       []byte
	signedLen int // length of "header.payload"
}

var sessionB64 = base64.RawURLEncoding

// parseAccessToken splits a compact JWS and checks its header. The algorithm is
// refused here, before any key is looked at.
func parseAccessToken(token string) (*parsedAccessToken, error) {
	h, rest, ok1 := strings.Cut(token, ".")
	pl, sg, ok2 := strings.Cut(rest, ".")
	if !ok1 || !ok2 || strings.Contains(sg, ".") {
		return nil, accessTokenErr(ErrTokenMalformed, "not three dot-separated segments")
	}
	hb, err := sessionB64.DecodeString(h)
	if err != nil {
		return nil, accessTokenErr(ErrTokenMalformed, "header is not base64url")
	}
	var hdr struct {
		Alg  string          `json:"alg"`
		Kid  string          `json:"kid"`
		Crit json.RawMessage `json:"crit"`
	}
	if err := json.Unmarshal(hb, &hdr); err != nil {
		return nil, accessTokenErr(ErrTokenMalformed, "header is not a JSON object")
	}
	if hdr.Alg != "RS256" {
		return nil, ErrTokenAlgorithm
	}
	if hdr.Crit != nil {
		return nil, accessTokenErr(ErrTokenMalformed, "unsupported critical header")
	}
	if hdr.Kid == "" {
		return nil, accessTokenErr(ErrTokenUnknownKey, "no kid in header")
	}
	payload, err := sessionB64.DecodeString(pl)
	if err != nil {
		return nil, accessTokenErr(ErrTokenMalformed, "payload is not base64url")
	}
	sig, err := sessionB64.DecodeString(sg)
	if err != nil {
		return nil, accessTokenErr(ErrTokenMalformed, "signature is not base64url")
	}
	return &parsedAccessToken{kid: hdr.Kid, payload: payload, sig: sig, signedLen: len(h) + 1 + len(pl)}, nil
}

// decodeAccessTokenClaims decodes the payload once into a map and takes the typed
// fields from it, so custom claims cost no second parse.
func decodeAccessTokenClaims(payload []byte) (*AccessTokenClaims, error) {
	var raw map[string]any
	if err := json.Unmarshal(payload, &raw); err != nil || raw == nil {
		return nil, accessTokenErr(ErrTokenMalformed, "payload is not a JSON object")
	}
	c := &AccessTokenClaims{Raw: raw}
	var bad string
	str := func(name string) string {
		v, ok := raw[name]
		if !ok || v == nil {
			return ""
		}
		s, ok := v.(string)
		if !ok {
			bad = name
		}
		return s
	}
	strs := func(name string) []string {
		v, ok := raw[name]
		if !ok || v == nil {
			return nil
		}
		a, ok := v.([]any)
		if !ok {
			bad = name
			return nil
		}
		out := make([]string, len(a))
		for i, e := range a {
			if out[i], ok = e.(string); !ok {
				bad = name
			}
		}
		return out
	}
	date := func(name string) time.Time {
		v, ok := raw[name]
		if !ok || v == nil {
			return time.Time{}
		}
		f, ok := v.(float64)
		if !ok || f < 0 || f > 1e11 {
			bad = name
			return time.Time{}
		}
		return time.Unix(int64(f), 0)
	}
	c.Issuer, c.Subject, c.SessionID = str("iss"), str("sub"), str("sid")
	c.OrganizationID, c.Role, c.JWTID = str("org_id"), str("role"), str("jti")
	c.Roles, c.Permissions = strs("roles"), strs("permissions")
	c.Entitlements, c.FeatureFlags = strs("entitlements"), strs("feature_flags")
	c.IssuedAt, c.ExpiresAt, c.NotBefore = date("iat"), date("exp"), date("nbf")
	if v, ok := raw["act"]; ok && v != nil {
		m, ok := v.(map[string]any)
		if !ok {
			bad = "act"
		} else {
			c.Actor = &AccessTokenActor{}
			c.Actor.Subject, _ = m["sub"].(string)
			c.Actor.Email, _ = m["email"].(string)
		}
	}
	if bad != "" {
		return nil, accessTokenErr(ErrTokenMalformed, "claim %q has the wrong type", bad)
	}
	return c, nil
}

// decodeUnverifiedClaims reads a token's claims without checking anything.
// Only for values that are copied, not trusted (the org_id a sealed cookie
// carries, the sid of a logout URL).
func decodeUnverifiedClaims(token string) (*AccessTokenClaims, error) {
	payload, err := unverifiedPayload(token)
	if err != nil {
		return nil, err
	}
	return decodeAccessTokenClaims(payload)
}

// unverifiedPayload decodes a token's payload segment without checking
// the header or the signature.
func unverifiedPayload(token string) ([]byte, error) {
	_, rest, ok := strings.Cut(token, ".")
	pl, _, ok2 := strings.Cut(rest, ".")
	if !ok || !ok2 {
		return nil, accessTokenErr(ErrTokenMalformed, "not three dot-separated segments")
	}
	payload, err := sessionB64.DecodeString(pl)
	if err != nil {
		return nil, accessTokenErr(ErrTokenMalformed, "payload is not base64url")
	}
	return payload, nil
}

// jwksCache holds the key set shared by every goroutine using a Verifier.
type jwksCache struct {
	cfg   *verifierConfig
	fetch func(ctx context.Context) (map[string]*rsa.PublicKey, error)

	mu          sync.Mutex
	keys        map[string]*rsa.PublicKey
	fetchedAt   time.Time
	lastRefetch time.Time // last refetch caused by an unknown kid
	failures    int       // fetches failed in a row
	retryAt     time.Time // after a failed fetch, none is started before this
	lastErr     error     // the last failed fetch's error, while failures > 0
	inflight    *jwksFetch
}

// jwksFetch is one fetch that concurrent callers wait on together.
type jwksFetch struct {
	done chan struct{}
	keys map[string]*rsa.PublicKey
	err  error
}

// jwksFirstBackoff is the wait after a first failed fetch; it doubles with
// each further failure up to the refetch interval.
const jwksFirstBackoff = time.Second

// key finds kid's key, fetching the set when there is none yet, when it has
// expired, or (rate-limited) when kid is not in it. After a failed fetch no
// other starts before the server's Retry-After or the backoff has passed:
// callers meanwhile get the stale set, or the last fetch's error.
func (c *jwksCache) key(ctx context.Context, kid string) (*rsa.PublicKey, error) {
	c.mu.Lock()
	now := c.cfg.now()
	backingOff := c.inflight == nil && now.Before(c.retryAt)
	if c.keys == nil && backingOff {
		err := c.lastErr
		c.mu.Unlock()
		return nil, err
	}
	stale := c.keys != nil && now.Sub(c.fetchedAt) >= c.cfg.ttl
	if c.keys == nil || (stale && !backingOff) {
		c.mu.Unlock()
		// keys is the new set, or the stale one when the fetch failed:
		// WorkOS being unreachable should not fail tokens signed by keys
		// we already trust. The set is fresh otherwise, so a kid it lacks
		// gets no second fetch.
		keys, err := c.refresh(ctx)
		if k := keys[kid]; k != nil {
			return k, nil
		}
		if err != nil {
			return nil, err
		}
		return nil, ErrTokenUnknownKey
	}
	if k := c.keys[kid]; k != nil {
		c.mu.Unlock()
		return k, nil
	}
	if c.inflight == nil && (backingOff || !c.lastRefetch.IsZero() && now.Sub(c.lastRefetch) < c.cfg.refetch) {
		c.mu.Unlock()
		return nil, ErrTokenUnknownKey
	}
	if c.inflight == nil {
		c.lastRefetch = now
	}
	c.mu.Unlock()
	keys, err := c.refresh(ctx)
	if err != nil {
		return nil, err
	}
	if k := keys[kid]; k != nil {
		return k, nil
	}
	return nil, ErrTokenUnknownKey
}

// refresh fetches the key set, or waits for the fetch already running. The
// fetch itself is not tied to one caller's context, so a caller giving up
// does not fail the others.
func (c *jwksCache) refresh(ctx context.Context) (map[string]*rsa.PublicKey, error) {
	c.mu.Lock()
	f := c.inflight
	if f == nil {
		f = &jwksFetch{done: make(chan struct{})}
		c.inflight = f
		go c.run(context.WithoutCancel(ctx), f)
	}
	c.mu.Unlock()
	select {
	case <-f.done:
		return f.keys, f.err
	case <-ctx.Done():
		return nil, fmt.Errorf("%w: %w", ErrJWKSUnavailable, ctx.Err())
	}
}

func (c *jwksCache) run(ctx context.Context, f *jwksFetch) {
	ctx, cancel := context.WithTimeout(ctx, c.cfg.fetchTimeout)
	defer cancel()
	keys, err := c.fetch(ctx)
	c.mu.Lock()
	now := c.cfg.now()
	if err == nil {
		c.keys, c.fetchedAt = keys, now
		c.failures, c.retryAt, c.lastErr = 0, time.Time{}, nil
	} else {
		c.failures++
		c.retryAt, c.lastErr = now.Add(c.backoff(err)), err
	}
	f.keys, f.err = c.keys, err
	c.inflight = nil
	c.mu.Unlock()
	close(f.done)
}

// backoff is the wait after a failed fetch: the server's Retry-After when
// it sent one, else 1 s doubling per failure in a row, capped at the
// refetch interval; with a stale set in hand, at least the refetch
// interval. Callers hold c.mu.
func (c *jwksCache) backoff(err error) time.Duration {
	var apiErr *APIError
	if errors.As(err, &apiErr) && apiErr.RetryAfter > 0 {
		return apiErr.RetryAfter
	}
	if c.keys != nil {
		return c.cfg.refetch
	}
	d := jwksFirstBackoff << min(c.failures-1, 16)
	return min(d, c.cfg.refetch)
}

// fetchJWKS gets and reads a key set through hc, for a Verifier made
// without a Client. The endpoint is public: no Authorization header is
// sent. A failure reply becomes an *APIError, so its Retry-After is read.
func fetchJWKS(ctx context.Context, hc *http.Client, jwksURL string) (map[string]*rsa.PublicKey, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, jwksURL, nil)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrJWKSUnavailable, err)
	}
	req.Header.Set("Accept", "application/json")
	resp, err := hc.Do(req)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrJWKSUnavailable, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrJWKSUnavailable, err)
	}
	if resp.StatusCode != http.StatusOK {
		meta := &Response{StatusCode: resp.StatusCode, Header: resp.Header, RequestID: resp.Header.Get("X-Request-Id")}
		return nil, fmt.Errorf("%w: %w", ErrJWKSUnavailable, newAPIError(meta, body, time.Now()))
	}
	return parseJWKS(body)
}

// parseJWKS decodes a key set body and reads its keys (see jwksKeys).
func parseJWKS(body []byte) (map[string]*rsa.PublicKey, error) {
	var set JWKS
	if err := json.Unmarshal(body, &set); err != nil {
		return nil, fmt.Errorf("%w: key set is not JSON", ErrJWKSUnavailable)
	}
	return jwksKeys(set.Keys), nil
}

// jwksKeys reads the RS256 signing keys of a key set from n and e. Other
// members, x5c and the nonstandard x5t#S256 among them, are not read;
// keys that are not usable RSA signing keys are skipped.
func jwksKeys(set []JWK) map[string]*rsa.PublicKey {
	keys := make(map[string]*rsa.PublicKey, len(set))
	for _, k := range set {
		if k.KeyType != "RSA" || (k.Algorithm != "" && k.Algorithm != "RS256") || (k.Use != "" && k.Use != "sig") || k.KeyID == "" {
			continue
		}
		n, err1 := sessionB64.DecodeString(strings.TrimRight(k.N, "="))
		e, err2 := sessionB64.DecodeString(strings.TrimRight(k.E, "="))
		if err1 != nil || err2 != nil || len(e) == 0 || len(e) > 4 {
			continue
		}
		exp := 0
		for _, b := range e {
			exp = exp<<8 | int(b)
		}
		pub := &rsa.PublicKey{N: new(big.Int).SetBytes(n), E: exp}
		if pub.N.BitLen() < 2048 || pub.N.BitLen() > 8192 || exp < 3 || exp%2 == 0 {
			continue
		}
		keys[k.KeyID] = pub
	}
	return keys
}
