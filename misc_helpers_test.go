package workos

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// miscRequest is one request the mock transport received.
type miscRequest struct {
	Method   string
	Path     string // escaped, as sent on the wire
	RawQuery string
	Header   http.Header
	Body     []byte
}

// miscRecorder answers every request with one canned reply and records
// what it received.
type miscRecorder struct {
	mu   sync.Mutex
	reqs []miscRequest
}

func (r *miscRecorder) requests() []miscRequest {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]miscRequest(nil), r.reqs...)
}

// only returns the single request received, failing if there was not
// exactly one.
func (r *miscRecorder) only(t *testing.T) miscRequest {
	t.Helper()
	reqs := r.requests()
	require.Len(t, reqs, 1, "expected exactly one request")
	return reqs[0]
}

// miscTestClient builds a Client whose transport answers every request with
// status and reply, and records the requests.
func miscTestClient(t *testing.T, status int, reply string, opts ...Option) (*Client, *miscRecorder) {
	t.Helper()
	rec := &miscRecorder{}
	mt := httpmock.NewMockTransport()
	mt.RegisterNoResponder(func(req *http.Request) (*http.Response, error) {
		var body []byte
		if req.Body != nil {
			body, _ = io.ReadAll(req.Body)
		}
		rec.mu.Lock()
		rec.reqs = append(rec.reqs, miscRequest{
			Method:   req.Method,
			Path:     req.URL.EscapedPath(),
			RawQuery: req.URL.RawQuery,
			Header:   req.Header.Clone(),
			Body:     body,
		})
		rec.mu.Unlock()
		resp := httpmock.NewStringResponse(status, reply)
		resp.Header.Set("Content-Type", "application/json")
		resp.Header.Set("X-Request-Id", "req_misc_123")
		return resp, nil
	})
	base := []Option{
		WithAPIKey("sk_test_123"),
		WithClientID("client_123"),
		WithBaseURL("https://api.workos.test"),
		WithHTTPClient(&http.Client{Transport: mt}),
		WithBackoff(0, 0),
	}
	c, err := NewClient(append(base, opts...)...)
	require.NoError(t, err)
	return c, rec
}

// miscAssertRequest checks the method, escaped path, query, bearer header
// and JSON body of a request. An empty wantBody means no body at all.
func miscAssertRequest(t *testing.T, got miscRequest, method, path, rawQuery, wantBody string) {
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

// miscAssertMeta checks the response metadata every result carries.
func miscAssertMeta(t *testing.T, resp *Response, status int) {
	t.Helper()
	require.NotNil(t, resp, "LastResponse")
	assert.Equal(t, status, resp.StatusCode)
	assert.Equal(t, "req_misc_123", resp.RequestID)
}

// miscAssertAPIError checks err is an *APIError with the given status,
// code and message, carrying the request ID, and matching sentinel.
func miscAssertAPIError(t *testing.T, err error, status int, code, message string, sentinel error) *APIError {
	t.Helper()
	require.Error(t, err)
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, status, apiErr.StatusCode)
	assert.Equal(t, code, apiErr.Code)
	assert.Equal(t, message, apiErr.Message)
	assert.Equal(t, "req_misc_123", apiErr.RequestID)
	assert.ErrorIs(t, err, sentinel)
	return apiErr
}

func miscTime(t *testing.T, s string) time.Time {
	t.Helper()
	tm, err := time.Parse(time.RFC3339, s)
	require.NoError(t, err)
	return tm
}

// miscAssertReencodeKeepsFields decodes fixture into a new T, encodes it
// again and checks that every key path of the fixture (including keys
// whose value is null) is still there. Values may differ in form, such as
// timestamps losing their ".000".
func miscAssertReencodeKeepsFields[T any](t *testing.T, fixture string) {
	t.Helper()
	var v T
	require.NoError(t, json.Unmarshal([]byte(fixture), &v))
	out, err := json.Marshal(v)
	require.NoError(t, err)
	want, got := map[string]bool{}, map[string]bool{}
	var a, b any
	require.NoError(t, json.Unmarshal([]byte(fixture), &a))
	require.NoError(t, json.Unmarshal(out, &b))
	miscKeyPaths(a, "$", want)
	miscKeyPaths(b, "$", got)
	for p := range want {
		assert.True(t, got[p], "re-encode dropped %s", p)
	}
}

func miscKeyPaths(v any, prefix string, out map[string]bool) {
	switch t := v.(type) {
	case map[string]any:
		for k, child := range t {
			p := prefix + "." + k
			out[p] = true
			miscKeyPaths(child, p, out)
		}
	case []any:
		for i, child := range t {
			miscKeyPaths(child, fmt.Sprintf("%s[%d]", prefix, i), out)
		}
	}
}
