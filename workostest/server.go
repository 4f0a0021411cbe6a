// Package workostest runs an in-memory, stateful fake of the WorkOS User
// Management API inside a test, so code built on the workos SDK can be tested
// without a WorkOS account or a network.
//
//	srv := workostest.NewServer(t)
//	client := srv.Client() // a *workos.Client wired to srv
//	org := srv.CreateOrganization("Acme")
//	user, err := client.UserManagement.CreateUser(ctx, ...)
//
// The server speaks the API's wire format: the same paths, JSON fields,
// status codes and error bodies as the OpenAPI specification, for all 60
// User Management operations, for organizations, organization domains
// and roles (read side) and for GET /events, and answers POST /oauth2/device_authorization (used by the
// SDK's AuthorizeDevice) like POST /user_management/authorize/device. It keeps users, organization memberships, invitations,
// sessions, one-time codes and tokens in memory behind a mutex, so one
// server can be shared by parallel goroutines. Outside a test (a program
// that falls back to a local fake), use Start and Close.
//
// Test helpers on *Server seed data (CreateOrganization, CreateUser,
// AddMembership, SetRolePermissions, CreateOrganizationRole, AddAuthorizedApplication,
// PendingAuthenticationToken, CreateRadarChallenge), read the emails the
// API would have sent (Inbox, LastEmail), play the browser side of sign-ins
// (SetAuthorizeUser, ApproveDevice, DenyDevice, TOTPCode, SignIn), move the
// clock (SetNow, Advance), inject faults (FailNext, InjectFault: statuses,
// delays, dropped connections, lost replies) and show what was requested
// (Requests, CountRequests). The clock reaches the SDK through
// srv.Client() and srv.Verifier(). A just-used refresh token may be
// replayed inside WithRefreshReplayWindow, as WorkOS allows after a lost
// reply.
//
// Sign-ins answer the API's challenges, in this order: 403
// email_verification_required for an unverified address while
// RequireEmailVerification is on; 403 mfa_challenge when the user has
// enrolled a TOTP factor; 403 organization_selection_required when no
// organization was named and the user is an active member of several (with
// exactly one, it is chosen). The hosted flows (authorization code, device
// code) skip the challenges. Access tokens are RS256 JWTs with iss, sub,
// sid, jti, iat, exp and, in an organization, org_id, role, roles and
// permissions, verifiable with the key set at GET /sso/jwks/{client_id}.
//
// Roles: a new server has the environment roles member and admin;
// SetRolePermissions and AddMembership define more, CreateOrganizationRole
// adds an organization's own. Memberships and invitations made through the
// API must name a role that exists in their organization (422 or 400
// invalid_role otherwise, as the API answers). Verifying a domain succeeds
// at once: the fake has no DNS to check.
//
// Every change it makes, through the API or a test helper, is recorded as
// an event (Events, GET /events), and SendWebhooksTo delivers each one as
// a signed webhook.
//
// Deliberate simplifications: passwords need at least 8 characters; hashed passwords (password_hash) are stored but
// cannot be used to sign in; the device flow answers slow_down only when
// asked to (SlowDownDevicePolls); a list request may carry only one of
// before and after; the device flow's verification_uri is a plain page
// (approve codes with ApproveDevice); and endpoints that need outside
// systems (Radar, connected accounts, feature flags, data providers,
// groups) answer with small, spec-shaped data.
//
// For provider=authkit, the authorization URL serves a small hosted page
// (unless SetAuthorizeUser or login_hint picked the user): sign in with a
// seeded user's email and password, sign up with screen_hint=sign-up, and
// choose an organization when the user belongs to several. It redirects to
// redirect_uri with code and state, so a person in a real browser or a
// browser test can go through an app's whole sign-in against the fake.
package workostest

import (
	"crypto/rand"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kestrel-dev/workos"
)

// Default credentials of a Server. Tests may compare against them, or choose
// their own with WithAPIKey and WithClientID.
const (
	DefaultAPIKey   = "sk_test_workostest"
	DefaultClientID = "client_workostest"
)

// Option configures a Server created by NewServer.
type Option func(*config)

type config struct {
	apiKey         string
	clientID       string
	accessTTL      time.Duration
	deviceInterval time.Duration
	now            func() time.Time
	issuer         string
	observe        func(Exchange)
	refreshReplay  time.Duration
	bodyTimeout    time.Duration
}

// WithAPIKey sets the secret API key the server accepts as Bearer token and
// as client_secret. The default is DefaultAPIKey.
func WithAPIKey(key string) Option { return func(c *config) { c.apiKey = key } }

// WithClientID sets the client ID the server accepts in authenticate,
// authorize and device requests and publishes its JWKS under. The default is
// DefaultClientID.
func WithClientID(id string) Option { return func(c *config) { c.clientID = id } }

// WithAccessTokenTTL sets how long issued access tokens stay valid (their
// exp minus iat). The default is five minutes.
func WithAccessTokenTTL(d time.Duration) Option { return func(c *config) { c.accessTTL = d } }

// WithDevicePollInterval sets the polling interval the device authorization
// endpoint advertises. The default is one second (the real API says five),
// to keep tests that poll quick. The server answers slow_down only when
// asked to by SlowDownDevicePolls.
func WithDevicePollInterval(d time.Duration) Option {
	return func(c *config) { c.deviceInterval = d }
}

// DefaultRefreshReplayWindow is how long the server answers a replay of a
// just-used refresh token with the same rotated pair. WorkOS keeps such a
// window (of some seconds) so that a client whose reply was lost can retry.
const DefaultRefreshReplayWindow = 10 * time.Second

// WithRefreshReplayWindow sets how long, on the server's clock, a refresh
// token that was just redeemed may be redeemed again: inside the window
// the replay gets the same access and refresh token as the first
// redemption (as WorkOS answers a retry after a lost reply); after it, the
// API's invalid_grant. The default is DefaultRefreshReplayWindow; zero or
// less makes every refresh token strictly single-use.
func WithRefreshReplayWindow(d time.Duration) Option {
	return func(c *config) { c.refreshReplay = d }
}

// DefaultRequestBodyTimeout bounds how long the server waits for a
// request's body.
const DefaultRequestBodyTimeout = 5 * time.Second

// WithRequestBodyTimeout sets how long the server waits for a request's
// body to arrive (DefaultRequestBodyTimeout when not set). A client that
// stalls its body gets no reply after that, and does not hold up Close or
// later requests with the same Idempotency-Key.
func WithRequestBodyTimeout(d time.Duration) Option {
	return func(c *config) { c.bodyTimeout = d }
}

// WithIssuer sets the "iss" claim of access tokens. The default is
// <URL>/user_management/<client ID>, the API's own form with the server's
// URL as base.
func WithIssuer(iss string) Option { return func(c *config) { c.issuer = iss } }

// Exchange is one request the server answered and its reply, as passed to
// an observer set with WithObserver.
type Exchange struct {
	// Method, Path (unescaped) and Query (raw) describe the request.
	Method, Path, Query string
	// RequestHeader and RequestBody are the request's headers and body.
	RequestHeader http.Header
	RequestBody   []byte
	// Status, Header and Body are the reply. Status is zero when a Reset
	// fault, or a client giving up during a Delay, left it unsent.
	Status int
	Header http.Header
	Body   []byte
	// Fault reports that an injected fault produced the reply.
	Fault bool
}

// WithObserver calls observe with every request and reply, after the reply
// is complete and before it is sent. A conformance check can use it to
// validate each reply against the API specification. observe may be called
// from several goroutines at once.
func WithObserver(observe func(Exchange)) Option { return func(c *config) { c.observe = observe } }

// WithClock makes the server read the time from now instead of the system
// clock: timestamps, expiry of codes and sessions, and token iat/exp all use
// it. SetNow and Advance override it afterwards.
func WithClock(now func() time.Time) Option { return func(c *config) { c.now = now } }

// Server is a running fake WorkOS API. Its methods are safe for concurrent
// use; create one per test with NewServer.
type Server struct {
	cfg  config
	http *httptest.Server
	seq  atomic.Uint64
	t    testing.TB // nil for a server made with Start

	mu sync.Mutex
	st *state

	closing   chan struct{} // closed by Close: ends fault delays
	closeOnce sync.Once

	hooks *webhookSink
}

// NewServer starts a fake WorkOS API on a local port and stops it when the
// test ends (through t.Cleanup). Helpers that cannot do what they are asked
// (such as CreateUser with a taken email) fail the test with t.Fatalf, so,
// as with t.Fatalf itself, call the ones that can fail from the test's own
// goroutine; the server's HTTP side may be used from any goroutine.
func NewServer(t testing.TB, opts ...Option) *Server {
	t.Helper()
	s := Start(opts...)
	s.t = t
	t.Cleanup(s.Close)
	return s
}

// Start starts a fake WorkOS API outside a test, for example to let a
// program run against it when no WORKOS_API_KEY is set. The caller must
// Close it. Helpers that cannot do what they are asked panic.
func Start(opts ...Option) *Server {
	cfg := config{
		apiKey:         DefaultAPIKey,
		clientID:       DefaultClientID,
		accessTTL:      5 * time.Minute,
		deviceInterval: time.Second,
		refreshReplay:  DefaultRefreshReplayWindow,
		bodyTimeout:    DefaultRequestBodyTimeout,
	}
	for _, o := range opts {
		o(&cfg)
	}
	s := &Server{cfg: cfg, st: newState(), closing: make(chan struct{}), hooks: newWebhookSink()}
	s.seedRoles()
	s.http = httptest.NewServer(s.router())
	return s
}

// Close shuts the server down, waiting for requests in flight, and stops
// webhook delivery: a request held by a fault's Delay is dropped at once,
// one whose body is late waits at most the body timeout
// (WithRequestBodyTimeout). NewServer calls it when the test ends.
func (s *Server) Close() {
	s.closeOnce.Do(func() { close(s.closing) })
	s.hooks.close()
	s.http.Close()
}

// failf reports a misuse of a test helper: it fails the test, or panics for
// a server made with Start.
func (s *Server) failf(format string, args ...any) {
	if s.t != nil {
		s.t.Helper()
		s.t.Fatalf(format, args...)
	}
	panic(fmt.Sprintf(format, args...))
}

// URL returns the server's base URL, such as http://127.0.0.1:38211, to pass
// to workos.WithBaseURL.
func (s *Server) URL() string { return s.http.URL }

// APIKey returns the API key the server accepts.
func (s *Server) APIKey() string { return s.cfg.apiKey }

// ClientID returns the client ID the server accepts.
func (s *Server) ClientID() string { return s.cfg.clientID }

// HTTPClient returns an *http.Client that reaches the server. It does not
// follow redirects, so a test can read the Location of the authorize and
// logout endpoints.
func (s *Server) HTTPClient() *http.Client {
	hc := *s.http.Client()
	hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return &hc
}

// Client returns a *workos.Client configured for the server: its API key,
// client ID, base URL and HTTP client, retries without backoff delay, and
// the server's clock (workos.WithClock(srv.Now)), so a Verifier made with
// workos.NewVerifier(srv.Client()) and the session refresh grace window
// judge time as the server does. opts are applied last and override those
// settings. It fails the test when the client cannot be built.
func (s *Server) Client(opts ...workos.Option) *workos.Client {
	all := append([]workos.Option{
		workos.WithAPIKey(s.cfg.apiKey),
		workos.WithClientID(s.cfg.clientID),
		workos.WithBaseURL(s.http.URL),
		workos.WithHTTPClient(s.http.Client()),
		workos.WithBackoff(0, 0),
		workos.WithClock(s.Now),
	}, opts...)
	c, err := workos.NewClient(all...)
	if err != nil {
		s.failf("workostest: building client: %v", err)
	}
	return c
}

// Now returns the server's current time.
func (s *Server) Now() time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.now()
}

// Verifier returns a *workos.Verifier for the server's tokens: it fetches
// the server's key set through srv.Client(), expects the server's Issuer,
// and follows the server's clock. opts are applied last. It fails the test
// when the verifier cannot be built.
func (s *Server) Verifier(opts ...workos.VerifierOption) *workos.Verifier {
	v, err := workos.NewVerifier(s.Client(), append([]workos.VerifierOption{workos.WithTokenIssuer(s.Issuer())}, opts...)...)
	if err != nil {
		s.failf("workostest: building verifier: %v", err)
	}
	return v
}

// SetNow freezes the server's clock at t. Use it (or Advance) to expire
// access tokens, codes, invitations and device authorizations on purpose.
// The clock reaches the SDK through srv.Client() (which sets
// workos.WithClock(srv.Now)): Verifiers built from that Client, or with
// srv.Verifier(), see tokens expire, and CookieSession.Refresh's grace
// window ends, when the server's clock says so. A workos.Client built
// by hand needs workos.WithClock(srv.Now) for the same effect.
func (s *Server) SetNow(t time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.st.frozen = t.UTC()
	s.st.clockSet = true
}

// Advance moves the server's clock forward by d, freezing it at the result.
// Like SetNow, it reaches Verifiers and sessions built from srv.Client():
// after srv.Advance(6*time.Minute) a cookie's five-minute access token is
// expired for them too, and Authenticate answers ErrSessionTokenExpired.
func (s *Server) Advance(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.st.frozen = s.now().Add(d)
	s.st.clockSet = true
}

// now returns the server time; callers hold s.mu.
func (s *Server) now() time.Time {
	if s.st.clockSet {
		return s.st.frozen
	}
	if s.cfg.now != nil {
		return s.cfg.now().UTC()
	}
	return time.Now().UTC()
}

// newID returns an object ID with the given prefix. IDs sort in creation
// order (the part after the prefix is a base32 sequence number followed by
// random characters), which the pager relies on.
func (s *Server) newID(prefix string) string {
	n := s.seq.Add(1)
	const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
	var b [26]byte
	for i := 11; i >= 0; i-- {
		b[i] = alphabet[n&31]
		n >>= 5
	}
	var r [14]byte
	_, _ = rand.Read(r[:])
	for i := range r {
		b[12+i] = alphabet[r[i]&31]
	}
	return prefix + "_01" + string(b[2:])
}

// seqOf returns the sequence number encoded in an ID made by newID.
func seqOf(id string) (uint64, bool) {
	i := strings.LastIndexByte(id, '_')
	if i < 0 || len(id)-i-1 != 26 || !strings.HasPrefix(id[i+1:], "01") {
		return 0, false
	}
	var n uint64
	for _, c := range id[i+3 : i+1+12] {
		v := strings.IndexRune("0123456789ABCDEFGHJKMNPQRSTVWXYZ", c)
		if v < 0 {
			return 0, false
		}
		n = n<<5 | uint64(v)
	}
	return n, true
}

// randomToken returns a URL-safe random string of n characters.
func randomToken(n int) string {
	const alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	b := make([]byte, n)
	_, _ = rand.Read(b)
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return string(b)
}

// randomDigits returns n random decimal digits, for one-time codes.
func randomDigits(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	for i := range b {
		b[i] = '0' + b[i]%10
	}
	return string(b)
}

// ts renders t as the API does: RFC 3339 in UTC with milliseconds.
func ts(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }

// tsPtr renders a nullable timestamp.
func tsPtr(t *time.Time) *string {
	if t == nil {
		return nil
	}
	v := ts(*t)
	return &v
}

// writeJSON sends v as a JSON body with the given status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		http.Error(w, `{"message":"workostest: encoding failed"}`, http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// writeError sends the {code, message} error body; extra adds further
// fields, such as errors or pending_authentication_token.
func writeError(w http.ResponseWriter, status int, code, message string, extra ...map[string]any) {
	body := map[string]any{"message": message}
	if code != "" {
		body["code"] = code
	}
	for _, e := range extra {
		for k, v := range e {
			body[k] = v
		}
	}
	writeJSON(w, status, body)
}

// writeOAuthError sends an OAuth-style {error, error_description} body.
func writeOAuthError(w http.ResponseWriter, status int, code, description string) {
	writeJSON(w, status, map[string]any{"error": code, "error_description": description})
}

// notFound sends the API's 404 body, {"message": "<What> not found"}.
func notFound(w http.ResponseWriter, what string) {
	writeJSON(w, http.StatusNotFound, map[string]any{"message": what + " not found"})
}

// lookup returns the record id of m, or answers notFound(what) and
// returns nil; callers hold s.mu.
func lookup[T any](w http.ResponseWriter, m map[string]*T, id, what string) *T {
	v := m[id]
	if v == nil {
		notFound(w, what)
	}
	return v
}

// invalidParams sends 422 invalid_request_parameters.
func invalidParams(w http.ResponseWriter, format string, args ...any) {
	writeError(w, http.StatusUnprocessableEntity, "invalid_request_parameters", fmt.Sprintf(format, args...))
}

// decodeBody reads a JSON request body into v. It answers 422 and returns
// false when the body is not valid JSON.
func decodeBody(w http.ResponseWriter, r *http.Request, v any) bool {
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<20))
	if err := dec.Decode(v); err != nil {
		invalidParams(w, "The request body is not valid JSON.")
		return false
	}
	return true
}
