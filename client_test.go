package workos

import (
	"context"
	"errors"
	"io"
	"net/http"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const minimalUserJSON = `{
  "object": "user",
  "id": "user_01E4ZCR3C56J083X43JQXF3JK5",
  "email": "marcelina.davis@example.com",
  "email_verified": true,
  "first_name": "Marcelina",
  "last_name": "Davis",
  "name": "Marcelina Davis",
  "profile_picture_url": "https://workoscdn.com/images/v1/123abc",
  "external_id": "f1ffa2b2-c20b-4d39-be5c-212726e11222",
  "metadata": {"language": "en"},
  "last_sign_in_at": "2021-06-25T19:07:33.155Z",
  "locale": "en-US",
  "created_at": "2021-06-25T19:07:33.155Z",
  "updated_at": "2021-06-26T10:00:00.000Z"
}`

// wantMinimalUser is minimalUserJSON decoded, without reply metadata.
func wantMinimalUser() User {
	signIn := time.Date(2021, 6, 25, 19, 7, 33, 155_000_000, time.UTC)
	return User{
		Object: "user", ID: "user_01E4ZCR3C56J083X43JQXF3JK5", Email: "marcelina.davis@example.com",
		EmailVerified: true, FirstName: String("Marcelina"), LastName: String("Davis"), Name: String("Marcelina Davis"),
		ProfilePictureURL: String("https://workoscdn.com/images/v1/123abc"),
		ExternalID:        String("f1ffa2b2-c20b-4d39-be5c-212726e11222"),
		Metadata:          map[string]string{"language": "en"}, LastSignInAt: &signIn, Locale: String("en-US"),
		CreatedAt: signIn, UpdatedAt: time.Date(2021, 6, 26, 10, 0, 0, 0, time.UTC),
	}
}

func TestGetUserSendsExactRequestAndDecodesEveryField(t *testing.T) {
	c, m := newScriptedClient(t, []httpmock.Responder{scriptedReply(200, minimalUserJSON, "X-Request-Id", "req_abc")},
		WithAppInfo("acme-backend", "1.2.3"))

	u, err := c.UserManagement.GetUser(context.Background(), "user_01E4ZCR3C56J083X43JQXF3JK5")
	require.NoError(t, err)

	reqs := m.requests()
	require.Len(t, reqs, 1)
	r := reqs[0]
	assert.Equal(t, http.MethodGet, r.Method)
	assert.Equal(t, "https://api.workos.test/user_management/users/user_01E4ZCR3C56J083X43JQXF3JK5", r.URL)
	assert.Equal(t, "", r.RawQuery)
	assert.Equal(t, "Bearer sk_test_123", r.Header.Get("Authorization"))
	assert.Equal(t, "kestrel-workos-go/"+Version+" go/"+runtime.Version()+" acme-backend/1.2.3", r.Header.Get("User-Agent"))
	assert.Equal(t, "application/json", r.Header.Get("Accept"))
	assert.Empty(t, r.Header.Values("Content-Type"), "a GET has no body")
	assert.Empty(t, r.Header.Values("Idempotency-Key"), "only POSTs carry an idempotency key")
	assert.Empty(t, r.Body)

	got := *u
	got.APIResource = APIResource{}
	assert.Equal(t, wantMinimalUser(), got)
	require.NotNil(t, u.LastResponse)
	assert.Equal(t, 200, u.LastResponse.StatusCode)
	assert.Equal(t, "req_abc", u.LastResponse.RequestID)
	assert.Equal(t, "application/json", u.LastResponse.Header.Get("Content-Type"))
}

func TestPathIDsAreEscapedIntoOneSegment(t *testing.T) {
	tests := []struct{ id, path string }{
		{"../x", "/user_management/users/..%2Fx"},
		{"a/b", "/user_management/users/a%2Fb"},
		{"../../organizations", "/user_management/users/..%2F..%2Forganizations"},
		{"a b?c=1#f", "/user_management/users/a%20b%3Fc=1%23f"},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			c, m := newScriptedClient(t, []httpmock.Responder{scriptedReply(204, "")})
			resp, err := c.UserManagement.DeleteUser(context.Background(), tt.id)
			require.NoError(t, err)
			assert.Equal(t, 204, resp.StatusCode)
			reqs := m.requests()
			require.Len(t, reqs, 1)
			assert.Equal(t, http.MethodDelete, reqs[0].Method)
			assert.Equal(t, tt.path, reqs[0].Path)
			assert.Equal(t, "https://api.workos.test"+tt.path, reqs[0].URL)
			assert.Equal(t, "", reqs[0].RawQuery)
		})
	}
}

func TestEmptyRequiredIDIsRefusedWithoutSending(t *testing.T) {
	for _, id := range []string{"", "   ", ".", ".."} {
		t.Run("id="+id, func(t *testing.T) {
			c, m := newScriptedClient(t, nil)
			u, err := c.UserManagement.GetUser(context.Background(), id)
			assert.Nil(t, u)
			require.ErrorIs(t, err, ErrInvalidParams)
			assert.Contains(t, err.Error(), "workos: invalid params: user_id ")
			assert.NotContains(t, err.Error(), "{")
			_, err = c.UserManagement.DeleteUser(context.Background(), id)
			require.ErrorIs(t, err, ErrInvalidParams)
			assert.Empty(t, m.requests())
		})
	}
}

type widgetQuery struct {
	Email    string   `url:"email,omitempty"`
	Statuses []string `url:"statuses,comma,omitempty"`
	Limit    int      `url:"limit,omitempty"`
}

type testWidget struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	APIResource
}

func TestPostSendsQueryJSONBodyAndHeaders(t *testing.T) {
	c, m := newScriptedClient(t, []httpmock.Responder{scriptedReply(201, `{"id":"w_1","name":"gear"}`, "X-Request-Id", "req_1")})
	var out testWidget
	resp, err := c.do(context.Background(), call{
		method: http.MethodPost, path: "/orgs/{org}/widgets", params: []string{"org_1"},
		query: &widgetQuery{Email: "a+b@example.com", Statuses: []string{"active", "pending"}},
		body:  map[string]any{"name": "gear", "count": 3},
	}, &out, nil)
	require.NoError(t, err)
	assert.Equal(t, 201, resp.StatusCode)
	assert.Equal(t, testWidget{ID: "w_1", Name: "gear", APIResource: APIResource{LastResponse: resp}}, out)

	reqs := m.requests()
	require.Len(t, reqs, 1)
	r := reqs[0]
	assert.Equal(t, http.MethodPost, r.Method)
	assert.Equal(t, "https://api.workos.test/orgs/org_1/widgets?email=a%2Bb%40example.com&statuses=active,pending", r.URL)
	assert.Equal(t, "application/json", r.Header.Get("Content-Type"))
	assert.Equal(t, "Bearer sk_test_123", r.Header.Get("Authorization"))
	assert.Regexp(t, `^[0-9a-f]{32}$`, r.Header.Get("Idempotency-Key"))
	assert.JSONEq(t, `{"name":"gear","count":3}`, string(r.Body))
}

func TestNoAuthCallsSendNoAuthorizationAndNeedNoKey(t *testing.T) {
	t.Setenv("WORKOS_API_KEY", "")
	c, m := newScriptedClient(t, []httpmock.Responder{scriptedReply(200, `{}`)}, WithAPIKey(""))
	_, err := c.do(context.Background(), call{method: http.MethodPost, path: "/user_management/authenticate", noAuth: true,
		body: map[string]string{"grant_type": "authorization_code"}}, nil, nil)
	require.NoError(t, err)
	reqs := m.requests()
	require.Len(t, reqs, 1)
	assert.Empty(t, reqs[0].Header.Values("Authorization"))

	_, err = c.UserManagement.GetUser(context.Background(), "user_1")
	require.ErrorIs(t, err, ErrMissingAPIKey)
	assert.Len(t, m.requests(), 1, "a call needing a key sends nothing without one")
}

func TestRetriesOnlyRetryableStatuses(t *testing.T) {
	tests := []struct {
		status   int
		attempts int
		sentinel error
	}{
		{408, 3, nil}, {429, 3, ErrRateLimited}, {500, 3, ErrServer}, {502, 3, ErrServer},
		{503, 3, ErrServer}, {504, 3, ErrServer},
		{400, 1, ErrBadRequest}, {401, 1, ErrUnauthorized}, {403, 1, ErrForbidden},
		{404, 1, ErrNotFound}, {409, 1, ErrConflict}, {422, 1, ErrUnprocessable},
	}
	for _, tt := range tests {
		t.Run(http.StatusText(tt.status), func(t *testing.T) {
			c, m := newScriptedClient(t, []httpmock.Responder{scriptedReply(tt.status, `{"code":"x","message":"nope"}`)})
			_, err := c.UserManagement.GetUser(context.Background(), "user_1")
			var apiErr *APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, tt.status, apiErr.StatusCode)
			if tt.sentinel != nil {
				assert.ErrorIs(t, err, tt.sentinel)
			}
			assert.Len(t, m.requests(), tt.attempts)
			assert.Len(t, m.recordedWaits(), tt.attempts-1)
		})
	}
}

func TestRetrySucceedsAfterTransientFailure(t *testing.T) {
	c, m := newScriptedClient(t, []httpmock.Responder{scriptedReply(503, `{}`), scriptedReply(500, `{}`), scriptedReply(200, minimalUserJSON)})
	u, err := c.UserManagement.GetUser(context.Background(), "user_1")
	require.NoError(t, err)
	assert.Equal(t, "marcelina.davis@example.com", u.Email)
	assert.Equal(t, 200, u.LastResponse.StatusCode)
	assert.Len(t, m.requests(), 3)
}

func TestNetworkErrorsRetryAndUnwrap(t *testing.T) {
	cause := errors.New("connection reset by peer")
	c, m := newScriptedClient(t, []httpmock.Responder{httpmock.NewErrorResponder(cause)})
	_, err := c.UserManagement.GetUser(context.Background(), "user_1")
	require.ErrorIs(t, err, ErrNetwork)
	require.ErrorIs(t, err, cause)
	var netErr *NetworkError
	require.ErrorAs(t, err, &netErr)
	assert.Equal(t, http.MethodGet, netErr.Method)
	assert.Equal(t, "/user_management/users/{user_id}", netErr.Path)
	assert.Equal(t, "workos: GET /user_management/users/{user_id}: network error: connection reset by peer", netErr.Error())
	assert.Len(t, m.requests(), 3)
}

func TestMaxRetriesOptionBoundsAttempts(t *testing.T) {
	c, m := newScriptedClient(t, []httpmock.Responder{scriptedReply(503, `{}`)}, WithMaxRetries(4))
	_, err := c.UserManagement.GetUser(context.Background(), "user_1")
	require.ErrorIs(t, err, ErrServer)
	assert.Len(t, m.requests(), 5)

	_, err = c.UserManagement.GetUser(context.Background(), "user_1", WithMaxRetries(0))
	require.ErrorIs(t, err, ErrServer)
	assert.Len(t, m.requests(), 6, "WithMaxRetries(0) on a call makes one attempt")
}

func TestIdempotencyKeyIsStableAcrossRetriesAndCallerKeyWins(t *testing.T) {
	post := call{method: http.MethodPost, path: "/user_management/users", body: map[string]string{"email": "a@b.c"}}

	c, m := newScriptedClient(t, []httpmock.Responder{scriptedReply(503, `{}`), scriptedReply(429, `{}`), scriptedReply(201, `{}`)})
	_, err := c.do(context.Background(), post, nil, nil)
	require.NoError(t, err)
	reqs := m.requests()
	require.Len(t, reqs, 3)
	key := reqs[0].Header.Get("Idempotency-Key")
	assert.Regexp(t, `^[0-9a-f]{32}$`, key)
	for _, r := range reqs {
		assert.Equal(t, []string{key}, r.Header.Values("Idempotency-Key"))
	}

	c, m = newScriptedClient(t, []httpmock.Responder{scriptedReply(500, `{}`), scriptedReply(201, `{}`)})
	_, err = c.do(context.Background(), post, nil, []Option{WithIdempotencyKey("idem_caller_1")})
	require.NoError(t, err)
	reqs = m.requests()
	require.Len(t, reqs, 2)
	for _, r := range reqs {
		assert.Equal(t, []string{"idem_caller_1"}, r.Header.Values("Idempotency-Key"))
	}

	// A POST carries a key from its first attempt even when it will never
	// be retried, and two operations never share one.
	c, m = newScriptedClient(t, []httpmock.Responder{scriptedReply(201, `{}`)}, WithMaxRetries(0))
	_, err = c.do(context.Background(), post, nil, nil)
	require.NoError(t, err)
	_, err = c.do(context.Background(), post, nil, nil)
	require.NoError(t, err)
	reqs = m.requests()
	require.Len(t, reqs, 2)
	assert.NotEmpty(t, reqs[0].Header.Get("Idempotency-Key"))
	assert.NotEqual(t, reqs[0].Header.Get("Idempotency-Key"), reqs[1].Header.Get("Idempotency-Key"))
}

func TestBodyIsReplayedByteForByte(t *testing.T) {
	c, m := newScriptedClient(t, []httpmock.Responder{scriptedReply(502, `<html>bad gateway</html>`), scriptedReply(500, `{}`), scriptedReply(200, `{}`)})
	body := map[string]any{"email": "ünïcode@example.com", "metadata": map[string]string{"k": "v"}, "n": 1.5}
	_, err := c.do(context.Background(), call{method: http.MethodPut, path: "/x/{id}", params: []string{"1"}, body: body}, nil, nil)
	require.NoError(t, err)
	reqs := m.requests()
	require.Len(t, reqs, 3)
	assert.JSONEq(t, `{"email":"ünïcode@example.com","metadata":{"k":"v"},"n":1.5}`, string(reqs[0].Body))
	assert.Equal(t, reqs[0].Body, reqs[1].Body)
	assert.Equal(t, reqs[0].Body, reqs[2].Body)
}

func TestRetryAfterIsHonouredAndCapped(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name   string
		header string
		want   time.Duration
	}{
		{"seconds", "7", 7 * time.Second},
		{"http date", now.Add(30 * time.Second).Format(http.TimeFormat), 30 * time.Second},
		{"seconds capped at 60s", "3600", 60 * time.Second},
		{"http date capped at 60s", now.Add(2 * time.Hour).Format(http.TimeFormat), 60 * time.Second},
		{"zero retries at once", "0", 0},
		{"unreadable falls back to backoff", "soon", 50 * time.Millisecond},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, m := newScriptedClient(t, []httpmock.Responder{scriptedReply(429, `{"message":"slow down"}`, "Retry-After", tt.header), scriptedReply(200, `{}`)},
				WithBackoff(100*time.Millisecond, time.Second))
			c.now = func() time.Time { return now }
			c.jitter = func() float64 { return 0.5 }
			_, err := c.do(context.Background(), call{method: http.MethodGet, path: "/x"}, nil, nil)
			require.NoError(t, err)
			assert.Equal(t, []time.Duration{tt.want}, m.recordedWaits())
		})
	}
}

func TestBackoffGrowsExponentiallyWithJitter(t *testing.T) {
	c, m := newScriptedClient(t, []httpmock.Responder{scriptedReply(503, `{}`)}, WithBackoff(100*time.Millisecond, 300*time.Millisecond), WithMaxRetries(4))
	c.jitter = func() float64 { return 0.5 }
	_, err := c.do(context.Background(), call{method: http.MethodGet, path: "/x"}, nil, nil)
	require.ErrorIs(t, err, ErrServer)
	assert.Equal(t, []time.Duration{50 * time.Millisecond, 100 * time.Millisecond, 150 * time.Millisecond, 150 * time.Millisecond}, m.recordedWaits())
}

func TestCancelDuringBackoffReturnsWithin50ms(t *testing.T) {
	c, m := newScriptedClient(t, []httpmock.Responder{scriptedReply(503, `{"message":"down"}`)}, WithBackoff(10*time.Second, 10*time.Second))
	c.sleep = sleepCtx // a real wait of about 10 seconds
	c.jitter = func() float64 { return 0.99 }
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var cancelledAt time.Time
	var mu sync.Mutex
	time.AfterFunc(30*time.Millisecond, func() {
		mu.Lock()
		cancelledAt = time.Now()
		mu.Unlock()
		cancel()
	})
	_, err := c.do(ctx, call{method: http.MethodGet, path: "/x"}, nil, nil)
	returned := time.Now()
	mu.Lock()
	defer mu.Unlock()
	require.False(t, cancelledAt.IsZero())
	assert.Less(t, returned.Sub(cancelledAt), 50*time.Millisecond)
	require.ErrorIs(t, err, context.Canceled)
	require.ErrorIs(t, err, ErrServer, "the last reply is still reported")
	assert.Len(t, m.requests(), 1)
}

func TestNoRetryOnceContextIsDone(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	c, m := newScriptedClient(t, []httpmock.Responder{func(*http.Request) (*http.Response, error) {
		cancel()
		return httpmock.NewStringResponse(503, `{}`), nil
	}})
	_, err := c.do(ctx, call{method: http.MethodGet, path: "/x"}, nil, nil)
	// The transport may report the 503 or the cancellation, whichever it
	// saw first; either way nothing is retried.
	assert.True(t, errors.Is(err, ErrServer) || errors.Is(err, context.Canceled), err)
	assert.Len(t, m.requests(), 1)
	assert.Empty(t, m.recordedWaits(), "no backoff after the context is done")

	// A context already done sends nothing at all.
	c, m = newScriptedClient(t, nil)
	_, err = c.do(ctx, call{method: http.MethodGet, path: "/x"}, nil, nil)
	require.ErrorIs(t, err, context.Canceled)
	assert.Equal(t, "workos: GET /x: context canceled", err.Error())
	assert.Empty(t, m.requests())
	assert.Empty(t, m.recordedWaits())
}

func TestTimeoutBoundsEachAttempt(t *testing.T) {
	hang := func(req *http.Request) (*http.Response, error) {
		<-req.Context().Done()
		return nil, context.Cause(req.Context()) // as net/http's transport does
	}
	c, m := newScriptedClient(t, []httpmock.Responder{hang, scriptedReply(200, `{"id":"w_1"}`)})
	var out testWidget
	start := time.Now()
	_, err := c.do(context.Background(), call{method: http.MethodGet, path: "/x"}, &out, []Option{WithTimeout(40 * time.Millisecond)})
	require.NoError(t, err)
	assert.Equal(t, "w_1", out.ID)
	assert.Less(t, time.Since(start), 2*time.Second)
	reqs := m.requests()
	require.Len(t, reqs, 2)
	assert.ErrorIs(t, context.Cause(reqs[0].Context), context.DeadlineExceeded, "the first attempt ran out of its own time")
	assert.NotErrorIs(t, context.Cause(reqs[1].Context), context.DeadlineExceeded, "the retry had a fresh budget")

	c, _ = newScriptedClient(t, []httpmock.Responder{hang}, WithMaxRetries(0))
	_, err = c.do(context.Background(), call{method: http.MethodGet, path: "/x"}, nil, []Option{WithTimeout(20 * time.Millisecond)})
	require.ErrorIs(t, err, ErrNetwork)
	require.ErrorIs(t, err, context.DeadlineExceeded)
}

func TestPerCallOptionsOverrideTheClientForOneCall(t *testing.T) {
	c, m := newScriptedClient(t, []httpmock.Responder{scriptedReply(200, `{}`)})
	ctx := context.Background()
	get := call{method: http.MethodGet, path: "/x"}

	_, err := c.do(ctx, get, nil, []Option{
		WithAPIKey("sk_test_other"), WithBaseURL("https://eu.workos.test/"),
		WithHeader("X-Trace", "t1"), WithHeader("X-Trace", "t2"), WithHeader("Authorization", "Bearer forged"),
	})
	require.NoError(t, err)
	_, err = c.do(ctx, get, nil, nil)
	require.NoError(t, err)

	reqs := m.requests()
	require.Len(t, reqs, 2)
	assert.Equal(t, "https://eu.workos.test/x", reqs[0].URL)
	assert.Equal(t, []string{"Bearer sk_test_other"}, reqs[0].Header.Values("Authorization"))
	assert.Equal(t, []string{"t1", "t2"}, reqs[0].Header.Values("X-Trace"))

	assert.Equal(t, "https://api.workos.test/x", reqs[1].URL, "the override lasts one call")
	assert.Equal(t, "Bearer sk_test_123", reqs[1].Header.Get("Authorization"))
	assert.Empty(t, reqs[1].Header.Values("X-Trace"))
}

func TestClientHeadersAreSentAndNotSharedWithCalls(t *testing.T) {
	c, m := newScriptedClient(t, []httpmock.Responder{scriptedReply(200, `{}`)}, WithHeader("X-Team", "core"))
	_, err := c.do(context.Background(), call{method: http.MethodGet, path: "/x"}, nil, []Option{WithHeader("X-Team", "extra")})
	require.NoError(t, err)
	_, err = c.do(context.Background(), call{method: http.MethodGet, path: "/x"}, nil, nil)
	require.NoError(t, err)
	reqs := m.requests()
	assert.Equal(t, []string{"core", "extra"}, reqs[0].Header.Values("X-Team"))
	assert.Equal(t, []string{"core"}, reqs[1].Header.Values("X-Team"), "a call's header never leaks into the Client")
}

func TestBadPerCallOptionsSendNothing(t *testing.T) {
	tests := []struct {
		name string
		opt  Option
		is   error
	}{
		{"relative base URL", WithBaseURL("/v1"), ErrInvalidParams},
		{"ftp base URL", WithBaseURL("ftp://api.workos.test"), ErrInvalidParams},
		{"negative retries", WithMaxRetries(-1), nil},
		{"nil http client", WithHTTPClient(nil), nil},
		{"negative backoff", WithBackoff(-time.Second, 0), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, m := newScriptedClient(t, nil)
			_, err := c.UserManagement.GetUser(context.Background(), "user_1", tt.opt)
			require.Error(t, err)
			if tt.is != nil {
				assert.ErrorIs(t, err, tt.is)
			}
			assert.Empty(t, m.requests())
		})
	}
}

func TestInvalidJSONOn2xxIsDecodeError(t *testing.T) {
	for _, body := range []string{`<html>ok</html>`, `{"id":`, `{"id": 42}`, `[1,2,3]`, "\x00\xff"} {
		t.Run(body, func(t *testing.T) {
			c, _ := newScriptedClient(t, []httpmock.Responder{scriptedReply(200, body, "X-Request-Id", "req_9")})
			var u *User
			var err error
			require.NotPanics(t, func() { u, err = c.UserManagement.GetUser(context.Background(), "user_1") })
			assert.Nil(t, u)
			var de *DecodeError
			require.ErrorAs(t, err, &de)
			assert.Equal(t, 200, de.StatusCode)
			assert.Equal(t, "req_9", de.RequestID)
			assert.NotNil(t, errors.Unwrap(de))
			assert.True(t, strings.HasPrefix(de.Error(), "workos: decode 200 reply [request req_9]: "), de.Error())
		})
	}
}

func TestEmptySuccessBodyIsAnIncompleteReplyNotAZeroResult(t *testing.T) {
	for _, body := range []string{``, `null`, `{}`, " { }\n", "\tnull "} {
		t.Run(body, func(t *testing.T) {
			c, m := newScriptedClient(t, []httpmock.Responder{scriptedReply(200, body, "X-Request-Id", "req_2")})
			var out testWidget
			_, err := c.do(context.Background(), call{method: http.MethodGet, path: "/x"}, &out, nil)
			var de *DecodeError
			require.ErrorAs(t, err, &de)
			assert.Equal(t, DecodeError{StatusCode: 200, RequestID: "req_2", Err: de.Err}, *de)
			assert.ErrorIs(t, err, ErrIncompleteReply)
			assert.EqualError(t, err, "workos: decode 200 reply [request req_2]: workos: reply is empty or lacks a required field: empty body")
			assert.Len(t, m.requests(), 1, "not retried")
		})
	}
}

func TestEmptySuccessBodyIsFineWhenNoResultIsDue(t *testing.T) {
	c, _ := newScriptedClient(t, []httpmock.Responder{scriptedReply(http.StatusNoContent, ``, "X-Request-Id", "req_3")})
	resp, err := c.do(context.Background(), call{method: http.MethodDelete, path: "/x"}, nil, nil)
	require.NoError(t, err)
	assert.Equal(t, &Response{StatusCode: http.StatusNoContent, Header: resp.Header, RequestID: "req_3"}, resp)
}

func TestTruncatedReplyBodyIsNetworkError(t *testing.T) {
	broken := func(*http.Request) (*http.Response, error) {
		r := httpmock.NewStringResponse(200, "")
		r.Body = io.NopCloser(io.MultiReader(strings.NewReader(`{"id":`), failingReader{}))
		return r, nil
	}
	c, m := newScriptedClient(t, []httpmock.Responder{broken, scriptedReply(200, `{"id":"w_2"}`)})
	var out testWidget
	_, err := c.do(context.Background(), call{method: http.MethodGet, path: "/x"}, &out, nil)
	require.NoError(t, err)
	assert.Equal(t, "w_2", out.ID)
	assert.Len(t, m.requests(), 2, "a reply cut short is retried like any network error")
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, io.ErrUnexpectedEOF }

func TestUnencodableBodyOrQueryFailsBeforeSending(t *testing.T) {
	c, m := newScriptedClient(t, nil)
	_, err := c.do(context.Background(), call{method: http.MethodPost, path: "/x", body: map[string]any{"f": func() {}}}, nil, nil)
	require.ErrorContains(t, err, "workos: POST /x: encode body:")
	_, err = c.do(context.Background(), call{method: http.MethodGet, path: "/x", query: 42}, nil, nil)
	require.ErrorContains(t, err, "workos: GET /x: encode query:")
	_, err = c.do(context.Background(), call{method: "BAD METHOD", path: "/x"}, nil, nil)
	require.EqualError(t, err, `workos: BAD METHOD /x: build request: net/http: invalid method "BAD METHOD"`)
	assert.Empty(t, m.requests())
}

func TestSendReturnsNilOnError(t *testing.T) {
	c, _ := newScriptedClient(t, []httpmock.Responder{scriptedReply(404, `{"code":"entity_not_found","message":"User not found"}`)})
	got, err := send[testWidget](context.Background(), c, call{method: http.MethodGet, path: "/x"}, nil)
	assert.Nil(t, got)
	require.ErrorIs(t, err, ErrNotFound)
}

func TestClientIsSafeForConcurrentUse(t *testing.T) {
	c, m := newScriptedClient(t, []httpmock.Responder{scriptedReply(200, minimalUserJSON)})
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			opts := []Option{WithHeader("X-N", string(rune('a'+i)))}
			u, err := c.UserManagement.GetUser(context.Background(), "user_1", opts...)
			assert.NoError(t, err)
			assert.Equal(t, "marcelina.davis@example.com", u.Email)
		}()
	}
	wg.Wait()
	assert.Len(t, m.requests(), 16)
}

func TestSleepCtxWaitsOrStopsOnCancel(t *testing.T) {
	start := time.Now()
	require.NoError(t, sleepCtx(context.Background(), 5*time.Millisecond))
	assert.GreaterOrEqual(t, time.Since(start), 5*time.Millisecond)
	require.NoError(t, sleepCtx(context.Background(), 0))

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	assert.ErrorIs(t, sleepCtx(ctx, 0), context.Canceled)
	start = time.Now()
	assert.ErrorIs(t, sleepCtx(ctx, time.Hour), context.Canceled)
	assert.Less(t, time.Since(start), 50*time.Millisecond)
}
