package workos

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestErrorDecodingOfJSONOAuthAndHTMLBodies(t *testing.T) {
	tests := []struct {
		name    string
		status  int
		body    string
		want    APIError
		wantMsg string
	}{
		{
			name:   "json with field errors",
			status: 422,
			body: `{"code":"password_strength_error","message":"Password does not meet strength requirements.",` +
				`"errors":[{"field":"password","code":"password_too_short","message":"Too short"},{"code":"weak"}]}`,
			want: APIError{StatusCode: 422, Code: "password_strength_error", Message: "Password does not meet strength requirements.",
				Errors: []FieldError{{Field: "password", Code: "password_too_short", Message: "Too short"}, {Code: "weak"}}},
			wantMsg: "workos: 422 password_strength_error: Password does not meet strength requirements. (password password_too_short; weak) [request req_e1]",
		},
		{
			name:   "oauth style",
			status: 400,
			body:   `{"error":"invalid_grant","error_description":"The code has expired."}`,
			want: APIError{StatusCode: 400, Code: "invalid_grant", Message: "The code has expired.",
				OAuthError: "invalid_grant", ErrorDescription: "The code has expired."},
			wantMsg: "workos: 400 invalid_grant: The code has expired. [request req_e1]",
		},
		{
			name:    "html from a proxy",
			status:  502,
			body:    "<html>\n<head><title>502 Bad Gateway</title></head>\n<body>nginx</body></html>",
			want:    APIError{StatusCode: 502, Message: "Bad Gateway"},
			wantMsg: "workos: 502: Bad Gateway [request req_e1]",
		},
		{
			name:    "empty body",
			status:  404,
			body:    "",
			want:    APIError{StatusCode: 404, Message: "Not Found"},
			wantMsg: "workos: 404: Not Found [request req_e1]",
		},
		{
			name:    "json without a message",
			status:  409,
			body:    `{"code":"email_not_available"}`,
			want:    APIError{StatusCode: 409, Code: "email_not_available", Message: "Conflict"},
			wantMsg: "workos: 409 email_not_available: Conflict [request req_e1]",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, _ := newScriptedClient(t, []httpmock.Responder{scriptedReply(tt.status, tt.body, "X-Request-Id", "req_e1")}, WithMaxRetries(0))
			_, err := c.UserManagement.GetUser(context.Background(), "user_1")
			var apiErr *APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, tt.wantMsg, err.Error())
			assert.Equal(t, []byte(tt.body), apiErr.Body)
			assert.Equal(t, "req_e1", apiErr.RequestID)
			assert.Equal(t, "req_e1", apiErr.Header.Get("X-Request-Id"))
			got := *apiErr
			got.Body, got.Header, got.RequestID = nil, nil, ""
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestAPIErrorCarriesRetryAfter(t *testing.T) {
	c, _ := newScriptedClient(t, []httpmock.Responder{scriptedReply(429, `{"code":"rate_limit_exceeded","message":"Too many requests"}`, "Retry-After", "12")}, WithMaxRetries(0))
	_, err := c.UserManagement.GetUser(context.Background(), "user_1")
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 12*time.Second, apiErr.RetryAfter)
	assert.ErrorIs(t, err, ErrRateLimited)
}

func TestSentinelsMatchTheirStatusOnly(t *testing.T) {
	sentinels := []error{ErrBadRequest, ErrUnauthorized, ErrForbidden, ErrNotFound, ErrConflict, ErrUnprocessable, ErrRateLimited, ErrServer, ErrNetwork}
	tests := []struct {
		status int
		want   error
	}{
		{400, ErrBadRequest}, {401, ErrUnauthorized}, {403, ErrForbidden}, {404, ErrNotFound},
		{409, ErrConflict}, {422, ErrUnprocessable}, {429, ErrRateLimited},
		{500, ErrServer}, {502, ErrServer}, {503, ErrServer}, {504, ErrServer}, {418, nil},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.status), func(t *testing.T) {
			err := fmt.Errorf("wrapped: %w", classify(&APIError{StatusCode: tt.status}))
			for _, s := range sentinels {
				assert.Equal(t, s == tt.want, errors.Is(err, s), "status %d vs %v", tt.status, s)
			}
			var apiErr *APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, tt.status, apiErr.StatusCode)
		})
	}
}

func TestNetworkErrorMatchesErrNetworkAndUnwraps(t *testing.T) {
	cause := errors.New("dial tcp 10.0.0.1:443: connect: connection refused")
	err := fmt.Errorf("ctx: %w", &NetworkError{Method: "POST", Path: "/user_management/users", Err: cause})
	assert.ErrorIs(t, err, ErrNetwork)
	assert.ErrorIs(t, err, cause)
	assert.NotErrorIs(t, err, ErrServer)
	assert.Equal(t, "ctx: workos: POST /user_management/users: network error: dial tcp 10.0.0.1:443: connect: connection refused", err.Error())
}

func TestInvalidParamsWrapsSentinel(t *testing.T) {
	err := invalidParams("Limit must be between 1 and 100, got %d", 101)
	assert.ErrorIs(t, err, ErrInvalidParams)
	assert.Equal(t, "workos: invalid params: Limit must be between 1 and 100, got 101", err.Error())
}

func TestErrorMessageIsOneBoundedLine(t *testing.T) {
	long := strings.Repeat("é", 150) // 300 bytes, two per rune
	e := &APIError{StatusCode: 500, Code: "boom", Message: "line one\n\tline   two! " + long}
	got := e.Error()
	assert.NotContains(t, got, "\n")
	assert.True(t, strings.HasPrefix(got, "workos: 500 boom: line one line two! éé"), got)
	assert.True(t, strings.HasSuffix(got, "…"), got)
	assert.True(t, isValidUTF8(got), "truncation never splits a character")
	assert.LessOrEqual(t, len(got), len("workos: 500 boom: ")+200+len("…"))
}

func TestErrorCodeFromTheBodyIsOneBoundedLine(t *testing.T) {
	e := &APIError{StatusCode: 400, Code: ErrorCode("bad\ncode\r\n" + strings.Repeat("x", 300)), Message: "m"}
	got := e.Error()
	assert.NotContains(t, got, "\n")
	assert.NotContains(t, got, "\r")
	assert.Equal(t, "workos: 400 bad code "+strings.Repeat("x", 200-len("bad code "))+"…: m", got)
}

func isValidUTF8(s string) bool { return strings.ToValidUTF8(s, "\uFFFD") == s }

// secretsInTests are values that must never reach a log line or an error string.
var secretsInTests = []string{
	"sk_live_SECRETKEY", "tok_PATH_SECRET", "code_QUERY_SECRET", "rt_QUERY_SECRET",
	"rt_BODY_SECRET", "pw_BODY_SECRET", "code_BODY_SECRET", "pat_REPLY_SECRET",
}

type secretQuery struct {
	Code         string `url:"code"`
	RefreshToken string `url:"refresh_token"`
	Email        string `url:"email"`
}

func TestSecretsNeverReachLogsOrErrorStrings(t *testing.T) {
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	replies := []httpmock.Responder{
		scriptedReply(503, `{"message":"try later"}`, "X-Request-Id", "req_r1"),
		httpmock.NewErrorResponder(errors.New("connection reset")),
		scriptedReply(401, `{"code":"mfa_enrollment","message":"The user must enroll in MFA.","pending_authentication_token":"pat_REPLY_SECRET"}`, "X-Request-Id", "req_r3"),
	}
	c, m := newScriptedClient(t, replies, WithAPIKey("sk_live_SECRETKEY"), WithLogger(logger))
	cl := call{
		method: http.MethodPost, path: "/user_management/sessions/{token}/refresh",
		params: []string{"tok_PATH_SECRET"}, secretParams: map[string]bool{"token": true},
		query: &secretQuery{Code: "code_QUERY_SECRET", RefreshToken: "rt_QUERY_SECRET", Email: "a@example.com"},
		body: map[string]any{"refresh_token": "rt_BODY_SECRET", "password": "pw_BODY_SECRET", "code": "code_BODY_SECRET",
			"email": "a@example.com"},
	}
	_, err := c.do(context.Background(), cl, nil, nil)
	require.ErrorIs(t, err, ErrUnauthorized)
	require.Len(t, m.requests(), 3)
	assert.Equal(t, "/user_management/sessions/tok_PATH_SECRET/refresh", m.requests()[0].Path, "the real request carries the token")

	out := logs.String()
	lines := strings.Split(strings.TrimSpace(out), "\n")
	require.Len(t, lines, 3, "one line per attempt")
	for _, want := range []string{"method=POST", "path=/user_management/sessions/REDACTED/refresh", "status=503", "request_id=req_r1", "attempt=1", "duration="} {
		assert.Contains(t, lines[0], want)
	}
	assert.Contains(t, lines[1], "attempt=2")
	assert.Contains(t, lines[1], "connection reset")
	assert.Contains(t, lines[2], "status=401")
	assert.Contains(t, lines[0], "code=REDACTED")
	assert.Contains(t, lines[0], `\"password\":\"REDACTED\"`)
	assert.Contains(t, lines[0], "email=a%40example.com", "non-secret query values stay readable")

	errStrings := []string{err.Error()}
	for e := err; e != nil; e = errors.Unwrap(e) {
		errStrings = append(errStrings, e.Error())
	}
	for _, s := range secretsInTests {
		assert.NotContains(t, out, s, "log leaked %s", s)
		for _, es := range errStrings {
			assert.NotContains(t, es, s, "Error() leaked %s", s)
		}
	}
}

func TestNetworkErrorDropsTheURLWithItsTokens(t *testing.T) {
	c, _ := newScriptedClient(t, []httpmock.Responder{httpmock.NewErrorResponder(errors.New("tls: handshake failure"))}, WithMaxRetries(0))
	_, err := c.do(context.Background(), call{method: http.MethodGet, path: "/sso/{token}", params: []string{"tok_PATH_SECRET"},
		secretParams: map[string]bool{"token": true}, query: &secretQuery{Code: "code_QUERY_SECRET"}}, nil, nil)
	require.ErrorIs(t, err, ErrNetwork)
	assert.Equal(t, "workos: GET /sso/{token}: network error: tls: handshake failure", err.Error())
}

func TestAPIErrorNeverEndsWithEmptyParentheses(t *testing.T) {
	tests := []struct {
		body, want string
	}{
		{`{"message":"Validation failed.","errors":[{}]}`, "workos: 422: Validation failed."},
		{`{"message":"Validation failed.","errors":[{"property":"origin","constraints":{}}]}`, "workos: 422: Validation failed. (origin)"},
		{`{"message":"Validation failed.","errors":[{},{"message":"bad value"},{}]}`, "workos: 422: Validation failed. (bad value)"},
		{`{"message":"Validation failed.","errors":[{"constraints":{"x":{"nested":1}}}]}`, "workos: 422: Validation failed. (x)"},
	}
	for _, tt := range tests {
		t.Run(tt.body, func(t *testing.T) {
			e := newAPIError(&Response{StatusCode: http.StatusUnprocessableEntity, Header: http.Header{}}, []byte(tt.body), time.Now())
			assert.Equal(t, tt.want, e.Error())
		})
	}
	var fe FieldError
	require.NoError(t, json.Unmarshal([]byte(`{"constraints":{"x":{"nested":1}}}`), &fe))
	assert.Equal(t, FieldError{Code: "x", Message: `{"nested":1}`, Constraints: map[string]string{"x": `{"nested":1}`}}, fe)
}
