package workos

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"time"
)

// Session-cookie outcomes. CookieSession's errors match one of them with
// errors.Is, and also the underlying ErrSeal*, ErrToken* or *APIError.
var (
	// ErrSessionNoCookie: the request carried no session cookie.
	ErrSessionNoCookie = errors.New("workos: no session cookie")
	// ErrSessionInvalidCookie: the cookie could not be unsealed with the
	// password, or holds no access token. Send the user to sign in.
	ErrSessionInvalidCookie = errors.New("workos: invalid session cookie")
	// ErrSessionInvalidJWT: the cookie's access token failed verification
	// for a reason other than expiry. Send the user to sign in.
	ErrSessionInvalidJWT = errors.New("workos: invalid session access token")
	// ErrSessionTokenExpired: the access token has expired, which is
	// normal every few minutes. Call Refresh and set the new cookie.
	ErrSessionTokenExpired = errors.New("workos: session access token expired")
	// ErrSessionRefreshTokenInvalid: WorkOS refused the refresh token
	// (invalid_grant) because it was revoked, already used or the session
	// ended. The session cannot be renewed: clear the cookie and send the
	// user to sign in. It wraps the *APIError.
	ErrSessionRefreshTokenInvalid = errors.New("workos: session refresh token revoked or already used")
	// ErrSessionTransient: the session could not be checked or renewed for
	// a reason that passes (a network error, a timeout, 429, 5xx, a key
	// set that could not be fetched, a token signed by a key not fetched
	// yet). Keep the cookie and retry later; never sign the user out for
	// it. It wraps the underlying error.
	ErrSessionTransient = errors.New("workos: session check failed for a passing reason; keep the cookie and retry")
)

// CookieSession is one request's sealed session cookie, with what it takes
// to authenticate it, refresh it or end it. Build one per request with
// LoadSealedSession; the Client and Verifier are shared.
type CookieSession struct {
	client      *Client
	verifier    *Verifier
	password    string
	rubyCookies bool

	mu       sync.Mutex
	sealed   string
	migrated bool
}

// LoadSealedSession wraps a session cookie's value. client is needed for
// Refresh and GetLogoutURL, verifier for Authenticate; password is the
// cookie password (at least 32 characters). By default the cookie must be
// iron (Fe26.2, the Node SDK's format); WithRubyCookies also accepts the
// Ruby SDK's.
func LoadSealedSession(client *Client, verifier *Verifier, sealedSession, password string, opts ...SessionOption) *CookieSession {
	s := &CookieSession{client: client, verifier: verifier, password: password, sealed: sealedSession}
	for _, opt := range opts {
		opt(s)
	}
	return s
}

// SealedSession is the cookie value the session currently holds: the one
// it was loaded with, or the one the last successful Refresh produced.
func (s *CookieSession) SealedSession() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.sealed
}

// AuthenticatedSession is a session whose access token verified.
type AuthenticatedSession struct {
	// User is the signed-in user as the cookie stores it.
	User User
	// SessionID is the sid claim.
	SessionID string
	// OrganizationID, Role, Roles, Permissions, Entitlements and
	// FeatureFlags come from the verified access token.
	OrganizationID string
	Role           string
	Roles          []string
	Permissions    []string
	Entitlements   []string
	FeatureFlags   []string
	// Impersonator is set when a WorkOS admin is impersonating the user.
	Impersonator *Impersonator
	// AuthenticationMethod is how the user signed in, when known.
	AuthenticationMethod AuthenticationMethod
	// AccessToken is the verified token, to call your own APIs with.
	AccessToken string
	// Claims are all of the access token's claims.
	Claims *AccessTokenClaims
}

func (s *CookieSession) unseal() (*SessionData, error) {
	sealed := s.SealedSession()
	if sealed == "" {
		return nil, ErrSessionNoCookie
	}
	read := UnsealSession
	if s.rubyCookies && isRubyCookie(sealed) {
		read = s.migrateRubyCookie
	}
	d, err := read(sealed, s.password)
	if errors.Is(err, ErrSealPasswordTooShort) {
		return nil, err // the server's configuration, not the cookie
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrSessionInvalidCookie, err)
	}
	return d, nil
}

// Authenticate unseals the cookie and verifies its access token.
//
// Its errors fall in three groups, told apart with errors.Is:
//   - ErrSessionTokenExpired: normal every few minutes; call Refresh.
//   - ErrSessionTransient: the token could be neither accepted nor refused
//     right now, because the key set could not be fetched (it also matches
//     ErrJWKSUnavailable) or the token names a key that is still unknown
//     after the rate-limited refetch (it also matches ErrTokenUnknownKey).
//     Keep the cookie and answer "try again later"; never sign the user
//     out for it.
//   - Terminal, send the user to sign in: ErrSessionNoCookie,
//     ErrSessionInvalidCookie (it cannot be unsealed or holds no token) and
//     ErrSessionInvalidJWT (forged, wrong algorithm, not yet valid...).
//
// ErrSealPasswordTooShort and ErrInvalidParams are this server's
// configuration, not the user's session.
func (s *CookieSession) Authenticate(ctx context.Context) (*AuthenticatedSession, error) {
	if s.verifier == nil {
		return nil, invalidParams("a Verifier is required to authenticate a session")
	}
	d, err := s.unseal()
	if err != nil {
		return nil, err
	}
	if d.AccessToken == "" {
		return nil, fmt.Errorf("%w: no access token", ErrSessionInvalidCookie)
	}
	c, err := s.verifier.Verify(ctx, d.AccessToken)
	switch {
	case err != nil && isSessionTransient(err):
		return nil, fmt.Errorf("%w: %w", ErrSessionTransient, err)
	case errors.Is(err, ErrTokenExpired):
		return nil, fmt.Errorf("%w: %w", ErrSessionTokenExpired, err)
	case err != nil:
		return nil, fmt.Errorf("%w: %w", ErrSessionInvalidJWT, err)
	}
	return &AuthenticatedSession{
		User: d.User.APIUser(), SessionID: c.SessionID, OrganizationID: c.OrganizationID,
		Role: c.Role, Roles: c.Roles, Permissions: c.Permissions, Entitlements: c.Entitlements, FeatureFlags: c.FeatureFlags,
		Impersonator: d.Impersonator, AuthenticationMethod: d.AuthenticationMethod, AccessToken: d.AccessToken, Claims: c,
	}, nil
}

// isSessionTransient reports whether err is a failure that passes: no
// reply (a network error, a timeout, a cancelled call), a reply that says
// "later" (408, 429, 5xx) or could not be read, a key set that could not
// be fetched, or a token signed by a key not fetched yet. Such a failure
// says nothing about the session itself.
func isSessionTransient(err error) bool {
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		s := apiErr.StatusCode
		return s == http.StatusRequestTimeout || s == http.StatusTooManyRequests || s >= 500
	}
	var decodeErr *DecodeError
	return errors.Is(err, ErrNetwork) || errors.As(err, &decodeErr) ||
		errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) ||
		errors.Is(err, ErrJWKSUnavailable) || errors.Is(err, ErrTokenUnknownKey)
}

// sessionRefreshError classifies a failed refresh grant: invalid_grant
// becomes ErrSessionRefreshTokenInvalid, a passing failure
// ErrSessionTransient; anything else (the typed challenges among them) is
// returned as is.
func sessionRefreshError(err error) error {
	switch {
	case isSessionTransient(err):
		return fmt.Errorf("%w: %w", ErrSessionTransient, err)
	case IsInvalidGrant(err):
		return fmt.Errorf("%w: %w", ErrSessionRefreshTokenInvalid, err)
	}
	return err
}

// RefreshSessionParams adjust what CookieSession.Refresh does. The zero
// value is the common case: renew the session in its current organization
// and seal the new cookie with the same password.
type RefreshSessionParams struct {
	// OrganizationID switches the renewed session to another of the
	// user's organizations; empty keeps the current one.
	OrganizationID string
	// CookiePassword seals the new cookie with a new password (to rotate
	// it); empty keeps the session's password.
	CookiePassword string
}

// RefreshedSession is the outcome of a successful Refresh. Callers whose
// refreshes were collapsed into one share the same value: treat it as
// read-only.
type RefreshedSession struct {
	// SealedSession is the new cookie value. The old refresh token no
	// longer works, so always send this cookie back to the browser.
	SealedSession string
	// Response is the refresh grant's result: the new tokens and user.
	Response *AuthenticateResponse
}

// Refresh redeems the cookie's refresh token for new tokens and seals them
// into a new cookie, which the session then holds. Concurrent refreshes of
// the same session (same refresh token, organization and password) in
// this process make one API call and all get the same result, so parallel
// requests from one browser do not each spend the single-use token. A
// success is also shared with refreshes of the same cookie that arrive
// within DefaultSessionRefreshGrace after it, on the Client's clock (see
// WithSessionRefreshGrace and WithClock).
//
// The session stays in its organization: when params.OrganizationID is
// empty, the organization of the cookie's access token (its org_id) is
// sent, so a user who switched organizations is not moved back.
//
// Its errors fall in two groups, told apart with errors.Is and errors.As:
//   - ErrSessionTransient: the API could not be reached or asked for
//     patience (a network error, a timeout, 408, 429, 5xx, an unreadable
//     reply). The error also matches the underlying *NetworkError or
//     *APIError. Keep the cookie: its refresh token is still good, since
//     WorkOS answers a replay of a just-used token with the same new pair,
//     and a later Refresh with the same cookie recovers the session. It
//     never matches ErrSessionRefreshTokenInvalid.
//   - Terminal, clear the cookie and send the user to sign in:
//     ErrSessionRefreshTokenInvalid (invalid_grant: revoked, already used
//     or ended), ErrSessionInvalidCookie (it cannot be unsealed or holds
//     no refresh token), and the sign-in challenges *MFAEnrollmentError and
//     *SSORequiredError (found with errors.As), which say how that sign-in
//     must go.
//
// Other errors (ErrInvalidParams, ErrSealPasswordTooShort, a 401 for a
// wrong API key) are this server's configuration, not the user's session.
func (s *CookieSession) Refresh(ctx context.Context, params RefreshSessionParams, opts ...Option) (*RefreshedSession, error) {
	if s.client == nil {
		return nil, invalidParams("a Client is required to refresh a session")
	}
	password := params.CookiePassword
	if password == "" {
		password = s.password
	}
	if err := checkSealPassword(password); err != nil {
		return nil, err
	}
	d, err := s.unseal()
	if err != nil {
		return nil, err
	}
	if d.RefreshToken == "" {
		return nil, fmt.Errorf("%w: no refresh token", ErrSessionInvalidCookie)
	}
	org := params.OrganizationID
	if org == "" {
		org = unverifiedOrgID(d.AccessToken)
	}
	key := refreshKey{client: s.client, sum: sha256.Sum256([]byte(d.RefreshToken + "\x00" + org + "\x00" + password))}
	res, err := sessionRefreshes.do(ctx, key, s.client.refreshClock(opts), func(ctx context.Context) (*RefreshedSession, error) {
		return s.client.redeemRefreshToken(ctx, d.RefreshToken, org, password, opts)
	})
	if err != nil {
		if isSessionTransient(err) && !errors.Is(err, ErrSessionTransient) {
			// The caller's context ended while waiting.
			return nil, fmt.Errorf("%w: %w", ErrSessionTransient, err)
		}
		return nil, err
	}
	s.mu.Lock()
	s.sealed, s.password = res.SealedSession, password
	s.mu.Unlock()
	return res, nil
}

// redeemRefreshToken runs the refresh grant and seals its reply with
// password; its errors are classified by sessionRefreshError.
func (c *Client) redeemRefreshToken(ctx context.Context, refreshToken, org, password string, opts []Option) (*RefreshedSession, error) {
	resp, err := c.UserManagement.AuthenticateWithRefreshToken(ctx, AuthenticateWithRefreshTokenParams{
		RefreshToken: refreshToken, OrganizationID: org,
	}, opts...)
	if err != nil {
		return nil, sessionRefreshError(err)
	}
	sealed, err := SealSessionFromAuthResponse(resp, password)
	if err != nil {
		return nil, err
	}
	return &RefreshedSession{SealedSession: sealed, Response: resp}, nil
}

// unverifiedOrgID reads the org_id claim of the cookie's access token, or
// "" when it has none or cannot be read. It is not verified: the value is
// only sent back to WorkOS, which decides whether the session may use it.
func unverifiedOrgID(token string) string {
	payload, err := unverifiedPayload(token)
	if err != nil {
		return ""
	}
	var c struct {
		OrgID string `json:"org_id"`
	}
	if json.Unmarshal(payload, &c) != nil {
		return ""
	}
	return c.OrgID
}

// GetLogoutURL builds the URL that ends this session at WorkOS and then
// sends the browser to returnTo (optional). The session ID comes from the
// access token's sid claim, read without verification so that a session
// whose token has expired can still be ended.
func (s *CookieSession) GetLogoutURL(returnTo string) (string, error) {
	if s.client == nil {
		return "", invalidParams("a Client is required to build a logout URL")
	}
	d, err := s.unseal()
	if err != nil {
		return "", err
	}
	c, err := decodeUnverifiedClaims(d.AccessToken)
	if err != nil || c.SessionID == "" {
		return "", fmt.Errorf("%w: access token has no session id", ErrSessionInvalidCookie)
	}
	return s.client.UserManagement.GetLogoutURL(c.SessionID, returnTo)
}

// refreshTimeout bounds a shared refresh call, which no caller's context
// can cancel.
const refreshTimeout = time.Minute

type refreshKey struct {
	client *Client
	sum    [32]byte
}

type refreshCall struct {
	done chan struct{}
	res  *RefreshedSession
	err  error
	// until is the end of the grace window of a success, on the Client's
	// clock; zero while the call runs. Guarded by refreshGroup.mu.
	until time.Time
}

// refreshGroup collapses concurrent refreshes of one session into one API
// call. Keys are hashes, so no token is held as a map key.
type refreshGroup struct {
	mu    sync.Mutex
	calls map[refreshKey]*refreshCall
}

var sessionRefreshes = &refreshGroup{}

// refreshClock is the clock and grace window a refresh is judged by.
type refreshClock struct {
	now   func() time.Time
	grace time.Duration
}

func (g *refreshGroup) do(ctx context.Context, key refreshKey, clk refreshClock, fn func(context.Context) (*RefreshedSession, error)) (*RefreshedSession, error) {
	g.mu.Lock()
	if g.calls == nil {
		g.calls = map[refreshKey]*refreshCall{}
	}
	c := g.calls[key]
	if c != nil && !c.until.IsZero() && !clk.now().Before(c.until) {
		c = nil // its grace window has passed on the Client's clock
	}
	if c == nil {
		if err := ctx.Err(); err != nil {
			// Nobody would receive the result of a refresh started now,
			// and the single-use refresh token would be spent for nothing.
			g.mu.Unlock()
			return nil, err
		}
		c = &refreshCall{done: make(chan struct{})}
		g.calls[key] = c
		// Detached from the first caller's context: once the token is sent
		// it is spent, so the result must reach the other callers even if
		// this one goes away.
		go g.run(context.WithoutCancel(ctx), key, c, clk, fn)
	}
	g.mu.Unlock()
	select {
	case <-c.done:
		return c.res, c.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func (g *refreshGroup) run(ctx context.Context, key refreshKey, c *refreshCall, clk refreshClock, fn func(context.Context) (*RefreshedSession, error)) {
	defer func() {
		if r := recover(); r != nil {
			c.err = fmt.Errorf("workos: session refresh panicked: %v", r)
			g.forget(key, c)
		}
		close(c.done)
	}()
	ctx, cancel := context.WithTimeout(ctx, refreshTimeout)
	defer cancel()
	c.res, c.err = fn(ctx)
	if c.err != nil || clk.grace <= 0 {
		g.forget(key, c)
		return
	}
	g.mu.Lock()
	c.until = clk.now().Add(clk.grace)
	g.mu.Unlock()
	// The window is judged on the Client's clock when the entry is looked
	// up; this frees its memory after the same time has passed for real.
	time.AfterFunc(clk.grace, func() { g.forget(key, c) })
}

func (g *refreshGroup) forget(key refreshKey, c *refreshCall) {
	g.mu.Lock()
	if g.calls[key] == c {
		delete(g.calls, key)
	}
	g.mu.Unlock()
}
