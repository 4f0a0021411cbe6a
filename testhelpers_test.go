package workos

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The helpers every test of the package shares, so the areas build clients,
// record requests and check errors the same way:
//
//   - newRecordingClient: a Client whose requests are recorded and answered
//     with canned replies; most tests need nothing else.
//   - clientWithTransport: a Client on any RoundTripper, for tests that
//     script the transport themselves (httpmock responders by URL).
//   - newMockTransportClient: a Client on an httpmock transport, for tests
//     that register responders by method and URL, often a requestLog's.
//   - newScriptedClient: responders in sequence, with the
//     backoff waits recorded instead of slept, for the retry tests.
//   - assertRequest, onlyRequest: what was sent. assertAPIError,
//     assertResponseMeta: what came back.

// sentRequest is one request a mock transport received, copied so it
// can be inspected after the call returned.
type sentRequest struct {
	Method   string
	URL      string // the whole URL, as sent
	Path     string // escaped, as sent on the wire
	RawQuery string
	Header   http.Header
	Body     []byte
	Context  context.Context // the request's, to check its deadline or cause
}

// clientWithTransport builds a Client for the test API key sk_test_123 and
// client ID client_123 that sends to https://api.workos.test through rt.
// opts come after, so they override.
func clientWithTransport(t *testing.T, rt http.RoundTripper, opts ...Option) *Client {
	t.Helper()
	base := []Option{
		WithAPIKey("sk_test_123"), WithClientID("client_123"), WithBaseURL("https://api.workos.test"),
		WithHTTPClient(&http.Client{Transport: rt}),
	}
	c, err := NewClient(append(base, opts...)...)
	require.NoError(t, err)
	return c
}

// recordRequest copies what a test asserts about req, reading its body.
func recordRequest(req *http.Request) sentRequest {
	var body []byte
	if req.Body != nil {
		body, _ = io.ReadAll(req.Body)
	}
	return sentRequest{
		Method:   req.Method,
		URL:      req.URL.String(),
		Path:     req.URL.EscapedPath(),
		RawQuery: req.URL.RawQuery,
		Header:   req.Header.Clone(),
		Body:     body,
		Context:  req.Context(),
	}
}

// assertRequest checks the method, escaped path, query, bearer
// header (for the test key sk_test_123), Accept header and JSON body of a
// request. An empty wantBody means no body and no Content-Type at all.
func assertRequest(t *testing.T, got sentRequest, method, path, rawQuery, wantBody string) {
	t.Helper()
	assert.Equal(t, method, got.Method, "method")
	assert.Equal(t, path, got.Path, "escaped path")
	assert.Equal(t, rawQuery, got.RawQuery, "query")
	assert.Equal(t, "Bearer sk_test_123", got.Header.Get("Authorization"), "authorization")
	assert.Equal(t, "application/json", got.Header.Get("Accept"), "accept")
	if wantBody == "" {
		assert.Empty(t, got.Body, "body")
		assert.Empty(t, got.Header.Get("Content-Type"), "content type without a body")
		return
	}
	assert.Equal(t, "application/json", got.Header.Get("Content-Type"), "content type")
	assert.JSONEq(t, wantBody, string(got.Body), "body")
}

// assertAPIErrorWithRequestID checks err is an *APIError with the given status,
// code, message and request ID, that matches sentinel, and returns it.
func assertAPIErrorWithRequestID(t *testing.T, err error, sentinel error, status int, code, message, requestID string) *APIError {
	t.Helper()
	require.Error(t, err)
	assert.ErrorIs(t, err, sentinel)
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, status, apiErr.StatusCode, "status")
	assert.Equal(t, ErrorCode(code), apiErr.Code, "code")
	assert.Equal(t, message, apiErr.Message, "message")
	assert.Equal(t, requestID, apiErr.RequestID, "request ID")
	return apiErr
}

// mustParseTime parses an RFC 3339 timestamp, with or without fractional
// seconds.
func mustParseTime(t *testing.T, s string) time.Time {
	t.Helper()
	tm, err := time.Parse(time.RFC3339Nano, s)
	require.NoError(t, err)
	return tm
}

// sharedFolder is the shared reference folder (the OpenAPI spec, the
// Ruby seed, the test vectors): $WORKOS_SHARED_DIR, or ../shared next to
// the module.
func sharedFolder() string {
	if dir := os.Getenv("WORKOS_SHARED_DIR"); dir != "" {
		return dir
	}
	return filepath.Join("..", "shared")
}

// requireSharedFolder returns sharedFolder after checking that want
// (a path inside it; "" for the folder itself) exists. When it does not,
// the test is skipped with a clear message, or fails under CI=true.
func requireSharedFolder(t testing.TB, want string) string {
	t.Helper()
	dir := sharedFolder()
	if _, err := os.Stat(filepath.Join(dir, want)); err != nil {
		msg := "shared reference folder " + filepath.Join(dir, want) + " not found; set WORKOS_SHARED_DIR to the folder with the spec, the Ruby seed and the vectors"
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return dir
}

// cannedReply is one canned answer.
type cannedReply struct {
	Status int
	Body   string
}

// newRecordingClient returns a Client whose requests are recorded and
// answered with replies in order, the last one repeating (200 {} when there
// are none), each with the request ID req_<n>. It makes one attempt per call
// and never sleeps. The returned func gives the requests seen so far.
func newRecordingClient(t *testing.T, replies ...cannedReply) (*Client, func() []sentRequest) {
	t.Helper()
	return newRecordingClientWith(t, nil, replies...)
}

// newRecordingClientWith is newRecordingClient with Client options, such as
// WithLogger or an empty WithAPIKey, applied after the test defaults.
func newRecordingClientWith(t *testing.T, opts []Option, replies ...cannedReply) (*Client, func() []sentRequest) {
	t.Helper()
	var (
		mu   sync.Mutex
		seen []sentRequest
	)
	mt := httpmock.NewMockTransport()
	mt.RegisterNoResponder(func(req *http.Request) (*http.Response, error) {
		got := recordRequest(req)
		mu.Lock()
		defer mu.Unlock()
		seen = append(seen, got)
		r := cannedReply{Status: http.StatusOK, Body: "{}"}
		if len(replies) > 0 {
			r = replies[min(len(seen), len(replies))-1]
		}
		resp := httpmock.NewStringResponse(r.Status, r.Body)
		resp.Header.Set("Content-Type", "application/json")
		resp.Header.Set("X-Request-Id", fmt.Sprintf("req_%d", len(seen)))
		return resp, nil
	})
	c := clientWithTransport(t, mt, append([]Option{WithBackoff(0, 0), WithMaxRetries(0)}, opts...)...)
	return c, func() []sentRequest {
		mu.Lock()
		defer mu.Unlock()
		return append([]sentRequest(nil), seen...)
	}
}

// onlyRequest asserts exactly one request was sent and returns it.
func onlyRequest(t *testing.T, sent func() []sentRequest) sentRequest {
	t.Helper()
	reqs := sent()
	require.Len(t, reqs, 1)
	return reqs[0]
}

// assertAPIError checks an API error's type, sentinel and fields, for
// the first reply (request ID req_1).
func assertAPIError(t *testing.T, err error, sentinel error, status int, code, message string) *APIError {
	t.Helper()
	return assertAPIErrorWithRequestID(t, err, sentinel, status, code, message, "req_1")
}

// assertResponseMeta checks the reply metadata a result carries.
func assertResponseMeta(t *testing.T, r *Response, status int) {
	t.Helper()
	require.NotNil(t, r)
	assert.Equal(t, status, r.StatusCode)
	assert.Equal(t, "req_1", r.RequestID)
}

// assertReencodeKeepsFields decodes fixture into a new T, encodes it
// again and checks that every key path of the fixture (including keys
// whose value is null) is still there. Values may differ in form, such as
// timestamps losing their ".000".
func assertReencodeKeepsFields[T any](t *testing.T, fixture string) {
	t.Helper()
	var v T
	require.NoError(t, json.Unmarshal([]byte(fixture), &v))
	out, err := json.Marshal(v)
	require.NoError(t, err)
	want, got := map[string]bool{}, map[string]bool{}
	var a, b any
	require.NoError(t, json.Unmarshal([]byte(fixture), &a))
	require.NoError(t, json.Unmarshal(out, &b))
	jsonKeyPaths(a, "$", want)
	jsonKeyPaths(b, "$", got)
	for p := range want {
		assert.True(t, got[p], "re-encode dropped %s", p)
	}
}

func jsonKeyPaths(v any, prefix string, out map[string]bool) {
	switch t := v.(type) {
	case map[string]any:
		for k, child := range t {
			p := prefix + "." + k
			out[p] = true
			jsonKeyPaths(child, p, out)
		}
	case []any:
		for i, child := range t {
			jsonKeyPaths(child, fmt.Sprintf("%s[%d]", prefix, i), out)
		}
	}
}

// newMockTransportClient builds a Client on a fresh httpmock transport, with
// no retries so error replies come back at once; the test registers its
// responders on the returned transport. Later opts override the defaults.
func newMockTransportClient(t *testing.T, opts ...Option) (*Client, *httpmock.MockTransport) {
	t.Helper()
	mt := httpmock.NewMockTransport()
	return clientWithTransport(t, mt, append([]Option{WithBackoff(0, 0), WithMaxRetries(0)}, opts...)...), mt
}

// requestLog records the requests its responders answer, for tests that
// register responders by URL on newMockTransportClient's transport.
type requestLog struct {
	mu   sync.Mutex
	reqs []sentRequest
}

// responder answers with status and reply (request ID req_auth_1) and
// records the request.
func (r *requestLog) responder(status int, reply string) httpmock.Responder {
	return func(req *http.Request) (*http.Response, error) {
		got := recordRequest(req)
		r.mu.Lock()
		r.reqs = append(r.reqs, got)
		r.mu.Unlock()
		resp := httpmock.NewStringResponse(status, reply)
		resp.Header.Set("Content-Type", "application/json")
		resp.Header.Set("X-Request-Id", "req_auth_1")
		return resp, nil
	}
}

// last returns the newest request recorded, failing when there is none.
func (r *requestLog) last(t *testing.T) sentRequest {
	t.Helper()
	r.mu.Lock()
	defer r.mu.Unlock()
	require.NotEmpty(t, r.reqs, "no request was sent")
	return r.reqs[len(r.reqs)-1]
}

// scriptedTransport is an httpmock transport that records every request and answers
// from a script of replies; the last reply repeats once the script runs out.
type scriptedTransport struct {
	mu      sync.Mutex
	reqs    []sentRequest
	replies []httpmock.Responder
	waits   []time.Duration
}

func (m *scriptedTransport) respond(req *http.Request) (*http.Response, error) {
	got := recordRequest(req)
	m.mu.Lock()
	m.reqs = append(m.reqs, got)
	n := len(m.reqs)
	var r httpmock.Responder
	if len(m.replies) > 0 {
		r = m.replies[min(n, len(m.replies))-1]
	}
	m.mu.Unlock()
	if r == nil {
		return httpmock.NewStringResponse(http.StatusOK, `{}`), nil
	}
	return r(req)
}

func (m *scriptedTransport) requests() []sentRequest {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]sentRequest(nil), m.reqs...)
}

func (m *scriptedTransport) recordedWaits() []time.Duration {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]time.Duration(nil), m.waits...)
}

// newScriptedClient builds a Client on a recording mock transport. Backoff waits are
// recorded, not slept.
func newScriptedClient(t *testing.T, replies []httpmock.Responder, opts ...Option) (*Client, *scriptedTransport) {
	t.Helper()
	m := &scriptedTransport{replies: replies}
	mt := httpmock.NewMockTransport()
	mt.RegisterNoResponder(m.respond)
	c := clientWithTransport(t, mt, opts...)
	c.sleep = func(ctx context.Context, d time.Duration) error {
		m.mu.Lock()
		m.waits = append(m.waits, d)
		m.mu.Unlock()
		return ctx.Err()
	}
	return c, m
}

// scriptedReply answers with status, body and header pairs.
func scriptedReply(status int, body string, headerKV ...string) httpmock.Responder {
	return func(*http.Request) (*http.Response, error) {
		r := httpmock.NewStringResponse(status, body)
		r.Header.Set("Content-Type", "application/json")
		for i := 0; i+1 < len(headerKV); i += 2 {
			r.Header.Set(headerKV[i], headerKV[i+1])
		}
		return r, nil
	}
}
