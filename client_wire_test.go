package workos

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Wire-level tests of the request pipeline against real loopback servers:
// what reaches which host, and how many requests go out.

// wireServer is an httptest server that records every request it receives
// and answers it with handle (or 200 and minimalUserJSON when handle is nil).
type wireServer struct {
	*httptest.Server
	mu     sync.Mutex
	reqs   []sentRequest
	handle func(n int, w http.ResponseWriter, r *http.Request)
}

func newWireServer(t *testing.T, handle func(n int, w http.ResponseWriter, r *http.Request)) *wireServer {
	t.Helper()
	s := &wireServer{handle: handle}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := recordRequest(r)
		s.mu.Lock()
		s.reqs = append(s.reqs, rec)
		n := len(s.reqs)
		s.mu.Unlock()
		if s.handle != nil {
			s.handle(n, w, r)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(minimalUserJSON))
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *wireServer) requests() []sentRequest {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]sentRequest(nil), s.reqs...)
}

func TestRedirectsAreNeverFollowedSoCredentialsStayOnTheAPIHost(t *testing.T) {
	elsewhere := newWireServer(t, nil)
	otherPort := elsewhere.URL                                               // same host, other port
	otherHost := strings.Replace(elsewhere.URL, "127.0.0.1", "localhost", 1) // other host
	clients := []struct {
		name string
		hc   func() *http.Client // nil: the default client
	}{
		{"default client", nil},
		{"caller's client", func() *http.Client {
			return &http.Client{Transport: http.DefaultTransport.(*http.Transport).Clone()}
		}},
	}
	for _, target := range []struct{ name, url string }{{"same host other port", otherPort}, {"other host", otherHost}} {
		for _, status := range []int{http.StatusMovedPermanently, http.StatusFound, http.StatusTemporaryRedirect, http.StatusPermanentRedirect} {
			for _, cc := range clients {
				t.Run(target.name+"/"+http.StatusText(status)+"/"+cc.name, func(t *testing.T) {
					api := newWireServer(t, func(_ int, w http.ResponseWriter, _ *http.Request) {
						w.Header().Set("Location", target.url+"/landing")
						w.WriteHeader(status)
					})
					opts := []Option{WithAPIKey("sk_test_secret_key"), WithClientID("client_123"), WithBaseURL(api.URL), WithMaxRetries(0)}
					var hc *http.Client
					if cc.hc != nil {
						hc = cc.hc()
						opts = append(opts, WithHTTPClient(hc))
					}
					c, err := NewClient(opts...)
					require.NoError(t, err)

					_, err = c.UserManagement.AuthenticateWithPassword(context.Background(), AuthenticateWithPasswordParams{
						Email: "ada@example.com", Password: "correct horse battery staple",
					}, WithHeader("X-Trace-Token", "header-secret"))
					wireAssertStatus(t, err, status)
					_, err = c.UserManagement.GetUser(context.Background(), "user_123", WithHeader("X-Trace-Token", "header-secret"))
					wireAssertStatus(t, err, status)

					assert.Empty(t, elsewhere.requests(), "the redirect target received nothing: no body, client_secret, password, header or Authorization")
					got := api.requests()
					require.Len(t, got, 2, "one request per call, to the API host only")
					assert.Contains(t, string(got[0].Body), "sk_test_secret_key", "the secret went to the API host, and only there")
					if hc != nil {
						assert.Nil(t, hc.CheckRedirect, "the caller's client is not modified")
						assert.NotSame(t, hc, c.HTTPClient())
						assert.Same(t, hc.Transport, c.HTTPClient().Transport, "the copy shares the caller's transport")
					}
				})
			}
		}
	}
}

// wireAssertStatus checks err is an *APIError for status, with the status
// text as its message.
func wireAssertStatus(t *testing.T, err error, status int) {
	t.Helper()
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, status, apiErr.StatusCode)
	assert.Equal(t, http.StatusText(status), apiErr.Message)
}

// wireDropSecond answers every request with minimalUserJSON except the second,
// which it reads in full and then answers by closing the keep-alive
// connection: the case where Go's transport replays a request it thinks
// replayable.
func wireDropSecond(n int, w http.ResponseWriter, _ *http.Request) {
	if n == 2 {
		conn, _, err := http.NewResponseController(w).Hijack()
		if err == nil {
			_ = conn.Close()
		}
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write([]byte(minimalUserJSON))
}

func TestOneAttemptPutsExactlyOneRequestOnTheWireWhenTheServerDropsAReusedConnection(t *testing.T) {
	posts := []struct {
		name string
		call func(c *Client, opts ...Option) error
	}{
		{"POST with a body", func(c *Client, opts ...Option) error {
			_, err := c.UserManagement.CreateUser(context.Background(), CreateUserParams{Email: "ada@example.com"}, opts...)
			return err
		}},
		{"POST without a body", func(c *Client, opts ...Option) error {
			_, err := c.UserManagement.SendVerificationEmail(context.Background(), "user_123", opts...)
			return err
		}},
	}
	for _, tt := range posts {
		t.Run(tt.name, func(t *testing.T) {
			srv := newWireServer(t, wireDropSecond)
			c, err := NewClient(WithAPIKey("sk_test_123"), WithBaseURL(srv.URL))
			require.NoError(t, err)
			// The first call leaves an idle keep-alive connection behind.
			_, err = c.UserManagement.GetUser(context.Background(), "user_123")
			require.NoError(t, err)

			err = tt.call(c, WithMaxRetries(0))
			assert.ErrorIs(t, err, ErrNetwork)
			got := srv.requests()
			require.Len(t, got, 2, "WithMaxRetries(0): the dropped POST is not re-sent by the transport")
			assert.Equal(t, http.MethodPost, got[1].Method)
		})
	}
}

func TestEachRetryIsOneRequestAndOneLogLine(t *testing.T) {
	srv := newWireServer(t, wireDropSecond)
	var logs bytes.Buffer
	c, err := NewClient(WithAPIKey("sk_test_123"), WithBaseURL(srv.URL), WithBackoff(0, 0),
		WithLogger(slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))))
	require.NoError(t, err)
	_, err = c.UserManagement.GetUser(context.Background(), "user_123")
	require.NoError(t, err)
	logs.Reset()

	_, err = c.UserManagement.CreateUser(context.Background(), CreateUserParams{Email: "ada@example.com"}, WithMaxRetries(1))
	require.NoError(t, err, "the SDK's own retry succeeds")
	got := srv.requests()
	require.Len(t, got, 3, "the dropped attempt and the SDK's one retry")
	assert.NotEmpty(t, got[1].Header.Get("Idempotency-Key"))
	assert.Equal(t, got[1].Header.Get("Idempotency-Key"), got[2].Header.Get("Idempotency-Key"), "the retry carries the same key")
	assert.Equal(t, got[1].Body, got[2].Body)
	lines := strings.Split(strings.TrimSpace(logs.String()), "\n")
	require.Len(t, lines, 2, "one log line per attempt:\n%s", logs.String())
	assert.Contains(t, lines[0], "attempt=1")
	assert.Contains(t, lines[0], "network error")
	assert.Contains(t, lines[1], "attempt=2")
	assert.Contains(t, lines[1], "status=200")
}

func TestBadHeadersAndBaseURLsAreRefusedBeforeSending(t *testing.T) {
	tests := []struct {
		name, msg string
		opt       Option
	}{
		{"CR LF in a header value", "workos: invalid params: header X-Trace: value has a control character such as CR or LF",
			WithHeader("X-Trace", "ok\r\nX-Injected: 1")},
		{"LF in a header value", "workos: invalid params: header X-Trace: value has a control character such as CR or LF",
			WithHeader("X-Trace", "ok\nmore")},
		{"CR in a header name", `workos: invalid params: header name "X-Trace\r" has a character not allowed in a header name`,
			WithHeader("X-Trace\r", "ok")},
		{"space in a header name", `workos: invalid params: header name "X Trace" has a character not allowed in a header name`,
			WithHeader("X Trace", "ok")},
		{"empty header name", "workos: invalid params: header name is required", WithHeader("", "ok")},
		{"base URL with a query", "workos: invalid params: base URL https://api.workos.test must have no userinfo, query or fragment",
			WithBaseURL("https://api.workos.test?key=sk_live_secret")},
		{"base URL with an empty query", "workos: invalid params: base URL https://api.workos.test must have no userinfo, query or fragment",
			WithBaseURL("https://api.workos.test?")},
		{"base URL with a fragment", "workos: invalid params: base URL https://api.workos.test must have no userinfo, query or fragment",
			WithBaseURL("https://api.workos.test/v1#frag")},
		{"base URL with userinfo", "workos: invalid params: base URL https://api.workos.test must have no userinfo, query or fragment",
			WithBaseURL("https://sk_live_secret@api.workos.test")},
		{"base URL with user and password", "workos: invalid params: base URL https://api.workos.test must have no userinfo, query or fragment",
			WithBaseURL("https://admin:hunter2@api.workos.test")},
	}
	for _, tt := range tests {
		t.Run(tt.name+"/per call", func(t *testing.T) {
			c, m := newScriptedClient(t, nil)
			_, err := c.UserManagement.GetUser(context.Background(), "user_1", tt.opt)
			require.ErrorIs(t, err, ErrInvalidParams)
			assert.EqualError(t, err, tt.msg)
			assert.Empty(t, m.requests(), "nothing sent, nothing retried")
		})
		t.Run(tt.name+"/NewClient", func(t *testing.T) {
			c, err := NewClient(WithAPIKey("sk_test_123"), tt.opt)
			require.ErrorIs(t, err, ErrInvalidParams)
			assert.EqualError(t, err, tt.msg)
			assert.Nil(t, c)
		})
	}
}

func TestValidHeadersAndBaseURLsAreAccepted(t *testing.T) {
	c, m := newScriptedClient(t, []httpmock.Responder{scriptedReply(http.StatusOK, minimalUserJSON)}, WithBaseURL("https://proxy.example.test/workos/"))
	_, err := c.UserManagement.GetUser(context.Background(), "user_1",
		WithHeader("X-Trace", "a\tb !~"), WithHeader("x-lower_case.name", "v"))
	require.NoError(t, err)
	got := m.requests()
	require.Len(t, got, 1)
	assert.Equal(t, "https://proxy.example.test/workos/user_management/users/user_1", got[0].URL)
	assert.Equal(t, "a\tb !~", got[0].Header.Get("X-Trace"))
	assert.Equal(t, "v", got[0].Header.Get("X-Lower_case.name"))
}

func TestDefaultClientBoundsEveryAttemptEvenWithoutAContextDeadline(t *testing.T) {
	c, err := NewClient(WithAPIKey("sk_test_123"))
	require.NoError(t, err)
	assert.Equal(t, 30*time.Second, DefaultTimeout)
	assert.Equal(t, DefaultTimeout, c.cfg.timeout, "on by default")

	c, m := newScriptedClient(t, []httpmock.Responder{scriptedReply(http.StatusOK, minimalUserJSON)})
	_, err = c.UserManagement.GetUser(context.Background(), "user_1")
	require.NoError(t, err)
	got := m.requests()
	require.Len(t, got, 1)
	require.NotNil(t, got[0].Context.Done(), "the attempt can be ended under context.Background()")
	assert.ErrorIs(t, got[0].Context.Err(), context.Canceled, "and its timer is released once the reply is read")
}

func TestAttemptTimeoutCoversATricklingReplyBody(t *testing.T) {
	srv := newWireServer(t, func(_ int, w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		rc := http.NewResponseController(w)
		_, _ = w.Write([]byte(`{"id":"`))
		_ = rc.Flush()
		tick := time.NewTicker(100 * time.Millisecond)
		defer tick.Stop()
		for range 100 { // 10 s at most, far past the timeout
			select {
			case <-r.Context().Done():
				return
			case <-tick.C:
				_, _ = w.Write([]byte("x"))
				_ = rc.Flush()
			}
		}
	})
	c, err := NewClient(WithAPIKey("sk_test_123"), WithBaseURL(srv.URL), WithMaxRetries(0), WithTimeout(350*time.Millisecond))
	require.NoError(t, err)
	start := time.Now()
	_, err = c.UserManagement.GetUser(context.Background(), "user_1")
	elapsed := time.Since(start)
	require.ErrorIs(t, err, ErrNetwork, "headers arrived at once; the body read is what timed out")
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Less(t, elapsed, 3*time.Second, "the call ends near its 350 ms bound, not when the body ends")
	assert.Len(t, srv.requests(), 1)
}

func TestRetryAfterBeyondTheDeadlineEndsTheCallAtOnce(t *testing.T) {
	c, m := newScriptedClient(t, []httpmock.Responder{scriptedReply(http.StatusServiceUnavailable, `{"message":"down"}`, "Retry-After", "30"), scriptedReply(http.StatusOK, minimalUserJSON)})
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_, err := c.UserManagement.GetUser(ctx, "user_1")
	assertAPIErrorWithRequestID(t, err, ErrServer, http.StatusServiceUnavailable, "", "down", "")
	assert.ErrorIs(t, err, context.DeadlineExceeded, "the error also says the deadline ended it")
	assert.Len(t, m.requests(), 1, "no retry that could not finish in time")
	assert.Empty(t, m.recordedWaits(), "no sleep toward the deadline")
	assert.NoError(t, ctx.Err(), "ended before the deadline itself")
}

func TestNegativeOrGarbageRetryAfterFallsBackToBackoff(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	for _, h := range []string{"-5", "-1", "soon", "1.5", now.Add(-time.Hour).Format(http.TimeFormat)} {
		t.Run(h, func(t *testing.T) {
			c, m := newScriptedClient(t, []httpmock.Responder{scriptedReply(http.StatusTooManyRequests, `{"message":"slow down"}`, "Retry-After", h)},
				WithBackoff(100*time.Millisecond, time.Second))
			c.now = func() time.Time { return now }
			c.jitter = func() float64 { return 0.5 }
			_, err := c.UserManagement.GetUser(context.Background(), "user_1")
			apiErr := assertAPIErrorWithRequestID(t, err, ErrRateLimited, http.StatusTooManyRequests, "", "slow down", "")
			assert.Zero(t, apiErr.RetryAfter, "no usable Retry-After")
			assert.Len(t, m.requests(), 3)
			assert.Equal(t, []time.Duration{50 * time.Millisecond, 100 * time.Millisecond}, m.recordedWaits(), "jittered backoff, never zero")
		})
	}
}
