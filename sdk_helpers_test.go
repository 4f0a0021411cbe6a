package workos

import (
	"io"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Helpers shared by the per-area tests: one recorded-request shape, one
// request check, one error check and one time parser, so the areas assert
// the same things the same way.

// sentRequest is one request a mock transport received, copied so it
// can be inspected after the call returned.
type sentRequest struct {
	Method   string
	Path     string // escaped, as sent on the wire
	RawQuery string
	Header   http.Header
	Body     []byte
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
		Path:     req.URL.EscapedPath(),
		RawQuery: req.URL.RawQuery,
		Header:   req.Header.Clone(),
		Body:     body,
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
