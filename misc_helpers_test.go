package workos

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// miscRecorder answers every request with one canned reply and records
// what it received.
type miscRecorder struct {
	mu   sync.Mutex
	reqs []sentRequest
}

func (r *miscRecorder) requests() []sentRequest {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]sentRequest(nil), r.reqs...)
}

// only returns the single request received, failing if there was not
// exactly one.
func (r *miscRecorder) only(t *testing.T) sentRequest {
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
		got := recordRequest(req)
		rec.mu.Lock()
		rec.reqs = append(rec.reqs, got)
		rec.mu.Unlock()
		resp := httpmock.NewStringResponse(status, reply)
		resp.Header.Set("Content-Type", "application/json")
		resp.Header.Set("X-Request-Id", "req_misc_123")
		return resp, nil
	})
	return clientWithTransport(t, mt, append([]Option{WithBackoff(0, 0)}, opts...)...), rec
}

// miscAssertMeta checks the response metadata every result carries.
func miscAssertMeta(t *testing.T, resp *Response, status int) {
	t.Helper()
	require.NotNil(t, resp, "LastResponse")
	assert.Equal(t, status, resp.StatusCode)
	assert.Equal(t, "req_misc_123", resp.RequestID)
}

// miscAssertAPIError checks err is an *APIError with the given status,
// code and message, carrying the misc request ID, and matching sentinel.
func miscAssertAPIError(t *testing.T, err error, status int, code, message string, sentinel error) *APIError {
	t.Helper()
	return assertAPIErrorWithRequestID(t, err, sentinel, status, code, message, "req_misc_123")
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
