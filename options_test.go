package workos

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"runtime"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNewClientReadsEnvironmentDefaults(t *testing.T) {
	t.Setenv("WORKOS_API_KEY", "sk_test_env")
	t.Setenv("WORKOS_CLIENT_ID", "client_env")
	t.Setenv("WORKOS_BASE_URL", "")
	c, err := NewClient()
	require.NoError(t, err)
	assert.Equal(t, "sk_test_env", c.cfg.apiKey)
	assert.Equal(t, "client_env", c.ClientID())
	assert.Equal(t, DefaultBaseURL, c.BaseURL())
	assert.Equal(t, "https://api.workos.com", c.BaseURL())
	assert.Equal(t, 2, c.cfg.maxRetries)
	assert.Equal(t, 500*time.Millisecond, c.cfg.backoffBase)
	assert.Equal(t, 8*time.Second, c.cfg.backoffMax)
	assert.Equal(t, "kestrel-workos-go/"+Version+" go/"+runtime.Version(), c.userAgent)
	assert.NotNil(t, c.UserManagement)
	assert.Same(t, c, c.UserManagement.client)

	tr, ok := c.HTTPClient().Transport.(*http.Transport)
	require.True(t, ok, "the default client has its own tuned transport")
	assert.Equal(t, 64, tr.MaxIdleConnsPerHost, "every connection may stay idle for reuse")
	assert.Equal(t, 64, tr.MaxConnsPerHost)
	assert.Positive(t, tr.TLSHandshakeTimeout)
	assert.Positive(t, tr.ResponseHeaderTimeout)
	assert.Positive(t, tr.IdleConnTimeout)
	assert.NotNil(t, tr.DialContext)
}

func TestNewClientOptionsBeatEnvironment(t *testing.T) {
	t.Setenv("WORKOS_API_KEY", "sk_test_env")
	t.Setenv("WORKOS_CLIENT_ID", "client_env")
	hc := &http.Client{Transport: &http.Transport{}}
	c, err := NewClient(WithAPIKey("sk_test_opt"), WithClientID("client_opt"), WithBaseURL("http://localhost:8080/"),
		WithHTTPClient(hc), WithMaxRetries(5), WithAppInfo("shop", ""), WithBackoff(time.Millisecond, time.Second),
		WithTimeout(3*time.Second))
	require.NoError(t, err)
	assert.Equal(t, "sk_test_opt", c.cfg.apiKey)
	assert.Equal(t, "client_opt", c.ClientID())
	assert.Equal(t, "http://localhost:8080", c.BaseURL(), "trailing slash trimmed")
	assert.Same(t, hc.Transport, c.HTTPClient().Transport, "requests go through the caller's transport")
	assert.Equal(t, 5, c.cfg.maxRetries)
	assert.Equal(t, 3*time.Second, c.cfg.timeout)
	assert.Equal(t, "kestrel-workos-go/"+Version+" go/"+runtime.Version()+" shop", c.userAgent)
}

func TestNewClientRefusesBadSettings(t *testing.T) {
	tests := []struct {
		name    string
		opt     Option
		invalid bool
		msg     string
	}{
		{"empty base URL", WithBaseURL(""), true, `workos: invalid params: base URL "" must be an absolute http(s) URL`},
		{"base URL without host", WithBaseURL("https://"), true, `workos: invalid params: base URL "https:" must be an absolute http(s) URL`},
		{"base URL with other scheme", WithBaseURL("ftp://api.workos.com"), true, `workos: invalid params: base URL "ftp://api.workos.com" must be an absolute http(s) URL`},
		{"unparseable base URL", WithBaseURL("http://a b\x7f"), true, "workos: invalid params: base URL must be an absolute http(s) URL"},
		{"base URL with a password is quoted masked", WithBaseURL("ftp://admin:hunter2@api.workos.com"), true, `workos: invalid params: base URL "ftp://admin:xxxxx@api.workos.com" must be an absolute http(s) URL`},
		{"unparseable base URL with a password is not quoted", WithBaseURL("http://admin:hunter2@a b\x7f"), true, "workos: invalid params: base URL must be an absolute http(s) URL"},
		{"idempotency key", WithIdempotencyKey("k1"), false, "workos: WithIdempotencyKey is a per-call option, not a client option"},
		{"nil http client", WithHTTPClient(nil), false, "workos: WithHTTPClient: nil *http.Client"},
		{"negative retries", WithMaxRetries(-1), false, "workos: WithMaxRetries: negative retry count"},
		{"negative backoff", WithBackoff(time.Second, -1), false, "workos: WithBackoff: negative duration"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := NewClient(WithAPIKey("sk_test_1"), tt.opt)
			assert.Nil(t, c)
			require.EqualError(t, err, tt.msg)
			assert.Equal(t, tt.invalid, errors.Is(err, ErrInvalidParams))
		})
	}
}

func TestMissingAPIKeyIsAllowedAtConstruction(t *testing.T) {
	t.Setenv("WORKOS_API_KEY", "")
	c, err := NewClient()
	require.NoError(t, err)
	_, err = c.UserManagement.GetUser(context.Background(), "user_1")
	require.ErrorIs(t, err, ErrMissingAPIKey)
}

func TestAppInfoFormats(t *testing.T) {
	tests := []struct{ name, version, want string }{
		{"acme", "2.0", " acme/2.0"},
		{"acme", "", " acme"},
		{"", "2.0", ""},
	}
	for _, tt := range tests {
		c, err := NewClient(WithAPIKey("k"), WithAppInfo(tt.name, tt.version))
		require.NoError(t, err)
		assert.Equal(t, "kestrel-workos-go/"+Version+" go/"+runtime.Version()+tt.want, c.userAgent)
	}
}

func TestNilPerCallLoggerDiscards(t *testing.T) {
	c, m := newScriptedClient(t, []httpmock.Responder{scriptedReply(200, `{}`)}, WithLogger(slog.New(slog.DiscardHandler)))
	require.NotPanics(t, func() {
		_, err := c.do(context.Background(), call{method: http.MethodGet, path: "/x"}, nil, []Option{WithLogger(nil)})
		require.NoError(t, err)
	})
	assert.Len(t, m.requests(), 1)
}

func TestPointerHelpers(t *testing.T) {
	assert.Equal(t, "x", *String("x"))
	assert.True(t, *Bool(true))
	assert.Equal(t, 7, *Int(7))
	at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	assert.Equal(t, at, *Ptr(at))
	a, b := String("same"), String("same")
	assert.NotSame(t, a, b, "every call gives a fresh pointer")
}

type nullableBody struct {
	ExternalID Nullable[string]            `json:"external_id,omitzero"`
	Metadata   Nullable[map[string]string] `json:"metadata,omitzero"`
	Count      Nullable[int]               `json:"count,omitzero"`
}

func TestNullableMarshalsValueNullOrNothing(t *testing.T) {
	b, err := json.Marshal(nullableBody{ExternalID: Value("crm_42"), Metadata: Null[map[string]string]()})
	require.NoError(t, err)
	assert.JSONEq(t, `{"external_id":"crm_42","metadata":null}`, string(b))

	b, err = json.Marshal(nullableBody{})
	require.NoError(t, err)
	assert.JSONEq(t, `{}`, string(b))

	var unset Nullable[string]
	raw, err := unset.MarshalJSON()
	require.NoError(t, err)
	assert.Equal(t, "null", string(raw))
}

func TestNullableStates(t *testing.T) {
	v, ok := Value(3).Get()
	assert.True(t, ok)
	assert.Equal(t, 3, v)
	assert.False(t, Value(3).IsNull())
	assert.False(t, Value(3).IsZero())

	_, ok = Null[int]().Get()
	assert.False(t, ok)
	assert.True(t, Null[int]().IsNull())
	assert.False(t, Null[int]().IsZero())

	var unset Nullable[int]
	_, ok = unset.Get()
	assert.False(t, ok)
	assert.False(t, unset.IsNull())
	assert.True(t, unset.IsZero())
}

func TestNullableUnmarshal(t *testing.T) {
	var got nullableBody
	require.NoError(t, json.Unmarshal([]byte(`{"external_id":"crm_1","metadata":null,"count":4}`), &got))
	id, ok := got.ExternalID.Get()
	assert.True(t, ok)
	assert.Equal(t, "crm_1", id)
	assert.True(t, got.Metadata.IsNull())
	n, ok := got.Count.Get()
	assert.True(t, ok)
	assert.Equal(t, 4, n)

	err := json.Unmarshal([]byte(`{"count":"four"}`), &got)
	require.Error(t, err)
}
