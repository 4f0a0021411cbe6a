package workos

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"runtime"
	"sync"
	"time"

	"github.com/kestrel-dev/workos/internal/redact"
	"github.com/kestrel-dev/workos/internal/request"
	"github.com/kestrel-dev/workos/internal/retry"
)

// Version is the version of this SDK, sent in the User-Agent header.
const Version = "0.1.0"

// userAgentProduct is the User-Agent product token (RFC 9110 §10.1.5):
// this SDK's own name, so WorkOS support can tell its requests from those
// of the official SDK, workos-go.
const userAgentProduct = "kestrel-workos-go"

// DefaultBaseURL is the production WorkOS API.
const DefaultBaseURL = "https://api.workos.com"

// Client talks to the WorkOS API. It is safe for concurrent use and should be
// created once and reused, so that its connection pool is shared.
type Client struct {
	// UserManagement holds every User Management (AuthKit) operation.
	UserManagement *UserManagementService
	// Organizations holds the organization and organization domain
	// operations.
	Organizations *OrganizationsService
	// Authorization holds the role operations.
	Authorization *AuthorizationService
	// Events lists the environment's events, for syncing.
	Events *EventsService

	cfg       settings
	userAgent string
	// bearer is the Authorization value for cfg.apiKey, built once.
	bearer string
	now    func() time.Time
	sleep  func(ctx context.Context, d time.Duration) error
	jitter func() float64
}

// NewClient builds a Client. The API key, client ID and base URL default to
// the WORKOS_API_KEY, WORKOS_CLIENT_ID and WORKOS_BASE_URL environment
// variables, so any program can be pointed at a fake or an emulator without
// a code change; WithAPIKey, WithClientID and WithBaseURL win over them, and
// an empty WORKOS_BASE_URL means DefaultBaseURL. A missing API
// key is not an error here, because public operations (PKCE code exchange,
// device authorization, JWKS) need none; calls that need it fail before
// sending anything.
func NewClient(opts ...Option) (*Client, error) {
	cfg := settings{
		apiKey:      os.Getenv("WORKOS_API_KEY"),
		clientID:    os.Getenv("WORKOS_CLIENT_ID"),
		baseURL:     DefaultBaseURL,
		maxRetries:  retry.DefaultMaxRetries,
		timeout:     DefaultTimeout,
		backoffBase: retry.DefaultBaseDelay,
		backoffMax:  retry.DefaultMaxDelay,
	}
	if env := os.Getenv("WORKOS_BASE_URL"); env != "" {
		WithBaseURL(env)(&cfg)
	}
	for _, o := range opts {
		o(&cfg)
	}
	if cfg.err != nil {
		return nil, cfg.err
	}
	if cfg.placed&placedSealedSession != 0 {
		return nil, errors.New("workos: WithSealedSession is a per-call option for authenticate calls, not a client option")
	}
	if cfg.placed&placedIdempotencyKey != 0 {
		return nil, errors.New("workos: WithIdempotencyKey is a per-call option, not a client option")
	}
	cfg.placed = 0
	if err := checkBaseURL(cfg.baseURL); err != nil {
		return nil, err
	}
	if cfg.httpClient == nil {
		cfg.httpClient = DefaultHTTPClient()
	}
	if cfg.logger == nil {
		cfg.logger = slog.New(slog.DiscardHandler)
	}
	c := &Client{
		cfg:       cfg,
		userAgent: userAgentProduct + "/" + Version + " go/" + runtime.Version(),
		now:       time.Now,
		sleep:     sleepCtx,
	}
	if cfg.appInfo != "" {
		c.userAgent += " " + cfg.appInfo
	}
	c.bearer = "Bearer " + cfg.apiKey
	c.UserManagement = &UserManagementService{client: c}
	c.Organizations = &OrganizationsService{client: c}
	c.Authorization = &AuthorizationService{client: c}
	c.Events = &EventsService{client: c}
	return c, nil
}

// ClientID is the client ID the Client was built with.
func (c *Client) ClientID() string { return c.cfg.clientID }

// BaseURL is the API base URL the Client was built with, without a trailing
// slash.
func (c *Client) BaseURL() string { return c.cfg.baseURL }

// HTTPClient is the *http.Client the Client sends its requests through:
// DefaultHTTPClient, or a shallow copy of the one given to WithHTTPClient
// that refuses redirects (see WithHTTPClient).
func (c *Client) HTTPClient() *http.Client { return c.cfg.httpClient }

// DefaultTimeout bounds each attempt of a call, from sending the request to
// reading the last byte of the reply, when WithTimeout does not say
// otherwise. It holds even under context.Background(): with the default 2
// retries and backoff, a call against a server that never finishes
// answering ends within about 92 seconds (3 attempts of 30 s and under 1.5 s
// of backoff). A server's Retry-After, capped at 60 s, can add to that; give
// the context a deadline to bound the whole call, and a Retry-After that
// would outlast it ends the call at once.
const DefaultTimeout = 30 * time.Second

// DefaultMaxConnsPerHost bounds the connections the default HTTP client
// keeps to one host, idle or busy. More concurrent calls than this wait for
// a free connection rather than open new ones; 64 connections at typical API
// latency carry far more requests a second than WorkOS rate limits allow.
const DefaultMaxConnsPerHost = 64

// DefaultHTTPClient returns the HTTP client NewClient uses when none is given.
// It keeps up to DefaultMaxConnsPerHost connections per host and every one
// of them idle between calls, so a busy backend reuses connections instead
// of opening one per request (Go's default keeps only 2 idle). The hard cap
// also stops Go's transport from dialling spare connections when many
// goroutines start at once. Dial, TLS handshake and response-header waits
// are bounded; overall call deadlines come from the context and WithTimeout,
// not from the http.Client. It follows no redirect: a 3xx comes back as
// the reply, so an *APIError (the WorkOS API never redirects, and following
// one would re-send the API key, the body and every header elsewhere).
func DefaultHTTPClient() *http.Client {
	dialer := &net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}
	return &http.Client{CheckRedirect: refuseRedirect, Transport: &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           dialer.DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          256,
		MaxIdleConnsPerHost:   DefaultMaxConnsPerHost,
		MaxConnsPerHost:       DefaultMaxConnsPerHost,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ResponseHeaderTimeout: 60 * time.Second,
		ExpectContinueTimeout: time.Second,
	}}
}

// refuseRedirect is the CheckRedirect of every http.Client the SDK sends
// through. Go's client re-sends a redirected request's body and most of its
// headers (and Authorization when only the port differs) to the new
// location, which would hand the API key, client_secret and passwords to
// whatever host a reply names. The WorkOS API never redirects, so the 3xx
// itself is returned and becomes an *APIError.
func refuseRedirect(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

// withoutRedirects returns a shallow copy of hc whose CheckRedirect refuses
// every redirect. It shares hc's Transport and Jar; hc itself is untouched.
func withoutRedirects(hc *http.Client) *http.Client {
	cp := *hc
	cp.CheckRedirect = refuseRedirect
	return &cp
}

// settingsFor is the Client's settings with a call's options applied.
// Without options it is the Client's own settings, used in place: they are
// never written after NewClient, so sharing them is safe, and callers only
// read the result.
func (c *Client) settingsFor(opts []Option) *settings {
	if len(opts) == 0 {
		return &c.cfg
	}
	cfg := c.cfg
	for _, o := range opts {
		o(&cfg)
	}
	return &cfg
}

// call describes one API operation. Service methods fill one in and hand it
// to Client.do; they never touch HTTP themselves.
type call struct {
	method string
	// path is a template such as "/user_management/users/{user_id}"; params
	// fills its placeholders in order.
	path   string
	params []string
	// secretParams names placeholders whose values are tokens and must not
	// be logged.
	secretParams map[string]bool
	query        any
	body         any
	// noAuth marks operations the spec declares with security: [].
	noAuth bool
	// seals marks the authenticate calls, whose result WithSealedSession
	// may seal.
	seals bool
}

// Response is the HTTP metadata of a reply: returned on every result as
// LastResponse, and carried by APIError on failures.
type Response struct {
	// StatusCode is the HTTP status of the final attempt.
	StatusCode int
	// Header is the reply's headers.
	Header http.Header
	// RequestID is the X-Request-Id header, the reference WorkOS support
	// asks for.
	RequestID string
}

// APIResource is embedded in every result type. LastResponse is the HTTP
// metadata of the reply the result was decoded from; it is nil on values
// nested inside another result.
type APIResource struct {
	LastResponse *Response `json:"-"`
}

func (r *APIResource) setLastResponse(resp *Response) { r.LastResponse = resp }

type lastResponseSetter interface{ setLastResponse(*Response) }

// MaxReplyBytes is the largest reply body the client reads (32 MiB, far
// above any API reply: a full page of 100 users is about 60 KB). A larger
// reply fails with a *DecodeError wrapping ErrReplyTooLarge instead of
// growing memory without bound, and is not retried.
const MaxReplyBytes = 32 << 20

// ErrReplyTooLarge is wrapped by the *DecodeError for a reply body over
// MaxReplyBytes.
var ErrReplyTooLarge = errors.New("workos: reply body larger than MaxReplyBytes")

// emptyObject is the body of a POST whose operation takes none.
var emptyObject = []byte("{}")

// bufPool recycles the buffers reply bodies are read into.
var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// maxPooledBuf is the largest buffer kept for reuse, so one huge reply does
// not pin its memory for the life of the process.
const maxPooledBuf = 1 << 20

func putBuf(b *bytes.Buffer) {
	if b.Cap() <= maxPooledBuf {
		bufPool.Put(b)
	}
}

// do runs one call through the pipeline: it builds the request, sends it with
// retries, and decodes a 2xx body into out (which may be nil). Errors from
// the API come back as *APIError or a more specific type that wraps it.
func (c *Client) do(ctx context.Context, cl call, out any, opts []Option) (*Response, error) {
	cfg := c.settingsFor(opts)
	if len(opts) > 0 {
		if cfg.err != nil {
			return nil, cfg.err
		}
		if err := cfg.checkPlacement(cl); err != nil {
			return nil, err
		}
		if err := checkBaseURL(cfg.baseURL); err != nil {
			return nil, err
		}
	}
	if !cl.noAuth && cfg.apiKey == "" {
		return nil, ErrMissingAPIKey
	}
	path, logPath, err := request.Path(cl.path, cl.secretParams, cl.params...)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalidParams, err)
	}
	rawQuery, err := request.Query(cl.query)
	if err != nil {
		return nil, fmt.Errorf("workos: %s %s: %w", cl.method, cl.path, err)
	}
	var body []byte
	if cl.body != nil {
		if body, err = json.Marshal(cl.body); err != nil {
			return nil, fmt.Errorf("workos: %s %s: encode body: %w", cl.method, cl.path, err)
		}
	} else if cl.method == http.MethodPost {
		// A bodiless POST carrying an Idempotency-Key is one Go's transport
		// would replay on its own (see attempt); an empty JSON object is a
		// body it cannot rewind, and means "no fields" to the API.
		body = emptyObject
	}
	target := cfg.baseURL + path
	if rawQuery != "" {
		target = cfg.baseURL + path + "?" + rawQuery
	}
	idemKey := cfg.idempotencyKey
	if idemKey == "" && cl.method == http.MethodPost {
		idemKey = newIdempotencyKey()
	}

	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("workos: %s %s: %w", cl.method, cl.path, err)
	}
	debug := cfg.logger.Enabled(ctx, slog.LevelDebug)
	backoff := retry.Backoff{Base: cfg.backoffBase, Max: cfg.backoffMax, Rand: c.jitter}
	for attempt := 0; ; attempt++ {
		start := time.Now()
		resp, retryAfter, err := c.attempt(ctx, cfg, cl, target, body, idemKey, out)
		if debug {
			c.logAttempt(ctx, cfg, cl, logPath, rawQuery, body, resp, err, time.Since(start), attempt+1)
		}
		if err == nil {
			return resp, nil
		}
		if attempt >= cfg.maxRetries || !retryableErr(ctx, err) {
			return resp, err
		}
		wait := backoff.Delay(attempt + 1)
		if retryAfter >= 0 {
			wait = retryAfter
		}
		if dl, ok := ctx.Deadline(); ok && time.Until(dl) < wait {
			// The retry could not start before the caller's deadline:
			// end now with the last failure rather than sleep until then.
			return resp, fmt.Errorf("%w (retry abandoned: waiting %v would pass the deadline: %w)", err, wait, context.DeadlineExceeded)
		}
		if serr := c.sleep(ctx, wait); serr != nil {
			// Cancelled while waiting: keep the last failure, and let
			// errors.Is find the context's error too.
			return resp, fmt.Errorf("%w (retry abandoned: %w)", err, serr)
		}
	}
}

// attempt sends one HTTP request. retryAfter is the server's Retry-After
// wait, or -1 when it sent none.
func (c *Client) attempt(ctx context.Context, cfg *settings, cl call, target string, body []byte, idemKey string, out any) (*Response, time.Duration, error) {
	if cfg.timeout > 0 {
		var timer *attemptTimer
		ctx, timer = withAttemptTimeout(ctx, cfg.timeout)
		defer timer.release()
	}
	req, err := http.NewRequestWithContext(ctx, cl.method, target, nil)
	if err != nil {
		// A *url.Error would quote the URL, whose path may hold a token.
		return nil, -1, fmt.Errorf("workos: %s %s: build request: %w", cl.method, cl.path, scrubURLError(err))
	}
	if body != nil {
		// Go's transport silently re-sends a request that failed on a
		// reused keep-alive connection the server closed, when it deems
		// the request replayable: and a POST with an Idempotency-Key and a
		// GetBody is. That would put a second request on the wire behind
		// the SDK's back, beyond WithMaxRetries and unlogged. The SDK
		// retries itself, with a fresh request each attempt, so the body is
		// set without GetBody: the transport can then only re-send a
		// request it wrote nothing of. (A GET, having no body, may still be
		// replayed: it changes nothing.) NopCloser over a bytes.Reader is
		// still known to the transport as in memory, so headers and body
		// go out in one write.
		req.Body = io.NopCloser(bytes.NewReader(body))
		req.ContentLength = int64(len(body))
	}
	for k, vs := range cfg.headers {
		req.Header[http.CanonicalHeaderKey(k)] = append([]string(nil), vs...)
	}
	// The client's own headers share one backing array: one allocation
	// instead of one per header. Each value gets a capped slice, so an
	// append by a transport cannot spill into its neighbour.
	vals := make([]string, 0, 5)
	set := func(key, v string) {
		vals = append(vals, v)
		n := len(vals)
		req.Header[key] = vals[n-1 : n : n]
	}
	set("User-Agent", c.userAgent)
	set("Accept", "application/json")
	if body != nil {
		set("Content-Type", "application/json")
	}
	if !cl.noAuth {
		auth := c.bearer
		if cfg.apiKey != c.cfg.apiKey || auth == "" {
			auth = "Bearer " + cfg.apiKey
		}
		set("Authorization", auth)
	}
	if idemKey != "" {
		set("Idempotency-Key", idemKey)
	}

	httpResp, err := cfg.httpClient.Do(req)
	if err != nil {
		return nil, -1, &NetworkError{Method: cl.method, Path: cl.path, Err: attemptErr(ctx, scrubURLError(err))}
	}
	buf := bufPool.Get().(*bytes.Buffer)
	buf.Reset()
	defer putBuf(buf)
	// Reading to EOF, then closing, returns the connection to the pool for
	// the next request, whatever the status. The read stops past
	// MaxReplyBytes.
	replyBody := &io.LimitedReader{R: httpResp.Body, N: MaxReplyBytes + 1}
	_, rerr := buf.ReadFrom(replyBody)
	_ = httpResp.Body.Close()

	resp := &Response{
		StatusCode: httpResp.StatusCode,
		Header:     httpResp.Header,
		RequestID:  httpResp.Header.Get("X-Request-Id"),
	}
	if rerr != nil {
		return resp, -1, &NetworkError{Method: cl.method, Path: cl.path, Err: attemptErr(ctx, scrubURLError(rerr))}
	}
	if replyBody.N <= 0 {
		// Closed without draining: the connection is dropped, not reused.
		return resp, -1, &DecodeError{StatusCode: resp.StatusCode, RequestID: resp.RequestID, Err: ErrReplyTooLarge}
	}
	if httpResp.StatusCode < 200 || httpResp.StatusCode > 299 {
		now := c.now()
		apiErr := newAPIError(resp, bytes.Clone(buf.Bytes()), now)
		wait := time.Duration(-1)
		// An unreadable Retry-After falls back to the backoff.
		if d, ok := retry.ParseRetryAfter(httpResp.Header.Get("Retry-After"), now); ok {
			wait = d
		}
		return resp, wait, classify(apiErr)
	}
	if out != nil {
		if err := decodeReply(buf.Bytes(), out); err != nil {
			return resp, -1, &DecodeError{StatusCode: resp.StatusCode, RequestID: resp.RequestID, Err: err}
		}
	}
	if s, ok := out.(lastResponseSetter); ok {
		s.setLastResponse(resp)
	}
	return resp, -1, nil
}

func (c *Client) logAttempt(ctx context.Context, cfg *settings, cl call, logPath, rawQuery string, body []byte, resp *Response, err error, d time.Duration, attempt int) {
	attrs := []slog.Attr{
		slog.String("method", cl.method),
		slog.String("path", logPath),
		slog.Int("attempt", attempt),
		slog.Duration("duration", d),
	}
	if rawQuery != "" {
		attrs = append(attrs, slog.String("query", redact.Query(rawQuery)))
	}
	if body != nil {
		attrs = append(attrs, slog.String("body", redact.JSON(body)))
	}
	if resp != nil {
		attrs = append(attrs, slog.Int("status", resp.StatusCode), slog.String("request_id", resp.RequestID))
	}
	if err != nil {
		attrs = append(attrs, slog.String("error", err.Error()))
	}
	cfg.logger.LogAttrs(ctx, slog.LevelDebug, "workos request", attrs...)
}

// retryableErr reports whether err from one attempt may be retried.
func retryableErr(ctx context.Context, err error) bool {
	if ctx.Err() != nil {
		return false
	}
	var netErr *NetworkError
	if errors.As(err, &netErr) {
		return true
	}
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		return retry.Retryable(apiErr.StatusCode)
	}
	return false
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

func newIdempotencyKey() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// send runs cl and decodes its reply into a new T.
func send[T any](ctx context.Context, c *Client, cl call, opts []Option) (*T, error) {
	var out T
	if _, err := c.do(ctx, cl, &out, opts); err != nil {
		return nil, err
	}
	return &out, nil
}
