package workostest_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"testing"

	"github.com/kestrel-dev/workos/workostest"
	"github.com/stretchr/testify/require"
)

// fakeReply is a decoded answer of the fake server.
type fakeReply struct {
	Status int
	Header http.Header
	Raw    []byte
	Body   map[string]any
	List   []any // for bare-array replies
}

// str returns the string at a dotted path of the body, failing the test
// when it is not a string.
func (r fakeReply) str(t *testing.T, key string) string {
	t.Helper()
	v, ok := r.Body[key].(string)
	require.Truef(t, ok, "field %q is %T (%v), want string; body %s", key, r.Body[key], r.Body[key], r.Raw)
	return v
}

func (r fakeReply) obj(t *testing.T, key string) map[string]any {
	t.Helper()
	v, ok := r.Body[key].(map[string]any)
	require.Truef(t, ok, "field %q is %T, want object; body %s", key, r.Body[key], r.Raw)
	return v
}

// fakeCall sends one request with plain net/http; auth adds the Bearer key.
func fakeCall(t testing.TB, srv *workostest.Server, method, path string, body any, auth bool) fakeReply {
	t.Helper()
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		require.NoError(t, err)
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, srv.URL()+path, rd)
	require.NoError(t, err)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if auth {
		req.Header.Set("Authorization", "Bearer "+srv.APIKey())
	}
	resp, err := srv.HTTPClient().Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	out := fakeReply{Status: resp.StatusCode, Header: resp.Header, Raw: raw}
	if len(raw) > 0 && raw[0] == '[' {
		require.NoError(t, json.Unmarshal(raw, &out.List))
	} else if len(raw) > 0 {
		require.NoErrorf(t, json.Unmarshal(raw, &out.Body), "body %s", raw)
	}
	return out
}

// fakeAPI is fakeCall with the API key, the common case.
func fakeAPI(t testing.TB, srv *workostest.Server, method, path string, body any) fakeReply {
	t.Helper()
	return fakeCall(t, srv, method, path, body, true)
}

// fakeExpect asserts the status of a reply and returns it.
func fakeExpect(t testing.TB, want int, r fakeReply) fakeReply {
	t.Helper()
	require.Equalf(t, want, r.Status, "body: %s", r.Raw)
	return r
}

// fakeAuth posts to /user_management/authenticate with the server's client
// ID (and the API key as client_secret unless the grant is public).
func fakeAuth(t testing.TB, srv *workostest.Server, fields map[string]any) fakeReply {
	t.Helper()
	body := map[string]any{"client_id": srv.ClientID()}
	switch fields["grant_type"] {
	case "authorization_code", "refresh_token", "urn:ietf:params:oauth:grant-type:device_code":
	default:
		body["client_secret"] = srv.APIKey()
	}
	for k, v := range fields {
		if v == nil {
			delete(body, k)
			continue
		}
		body[k] = v
	}
	return fakeCall(t, srv, "POST", "/user_management/authenticate", body, false)
}

// fakeSignUp creates a user with a password through the API and returns
// its ID.
func fakeSignUp(t testing.TB, srv *workostest.Server, email string, verified bool) string {
	t.Helper()
	r := fakeExpect(t, 201, fakeAPI(t, srv, "POST", "/user_management/users",
		map[string]any{"email": email, "password": "correct horse", "email_verified": verified}))
	return r.Body["id"].(string)
}

func fakeQuery(kv ...string) string {
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Set(kv[i], kv[i+1])
	}
	return "?" + v.Encode()
}

// newJSONRequest builds an authenticated JSON request, for tests that send
// raw bodies to the server.
func newJSONRequest(srv *workostest.Server, method, path, body string) (*http.Request, error) {
	req, err := http.NewRequest(method, srv.URL()+path, bytes.NewBufferString(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+srv.APIKey())
	return req, nil
}
