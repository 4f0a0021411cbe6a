package workos

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/kestrel-dev/workos/internal/retry"
)

// Sentinel errors. An *APIError matches the one for its HTTP status with
// errors.Is, and a *NetworkError matches ErrNetwork:
//
//	if errors.Is(err, workos.ErrNotFound) { ... }
var (
	ErrBadRequest    = errors.New("workos: bad request")          // 400
	ErrUnauthorized  = errors.New("workos: unauthorized")         // 401
	ErrForbidden     = errors.New("workos: forbidden")            // 403
	ErrNotFound      = errors.New("workos: not found")            // 404
	ErrConflict      = errors.New("workos: conflict")             // 409
	ErrUnprocessable = errors.New("workos: unprocessable entity") // 422
	ErrRateLimited   = errors.New("workos: rate limited")         // 429
	ErrServer        = errors.New("workos: server error")         // 5xx
	ErrNetwork       = errors.New("workos: network error")

	// ErrMissingAPIKey is returned, before anything is sent, by calls that
	// need an API key when the Client has none.
	ErrMissingAPIKey = errors.New("workos: no API key: set WORKOS_API_KEY or use WithAPIKey")
	// ErrMissingClientID is returned, before anything is sent, by calls that
	// need a client ID when neither the params nor the Client have one.
	ErrMissingClientID = errors.New("workos: no client ID: set WORKOS_CLIENT_ID or use WithClientID")
	// ErrInvalidParams is wrapped by every error about a caller's input.
	// Such errors are returned before any request is sent.
	ErrInvalidParams = errors.New("workos: invalid params")
)

// FieldError is one entry of the "errors" array of a validation failure.
type FieldError struct {
	// Field names the offending request field, when the API says: its
	// "field", or its "property" as CORS origin validation sends it.
	Field string `json:"field,omitempty"`
	// Code is a machine-readable reason, such as "password_too_short". For
	// an entry with constraints but no code, it is the names of the failed
	// constraints, sorted and joined with ",".
	Code string `json:"code,omitempty"`
	// Message explains the failure to a person. For an entry with
	// constraints but no message, it is their messages joined with "; ".
	Message string `json:"message,omitempty"`
	// Constraints maps each failed rule to its message, as CORS origin
	// validation sends them ({"isUrl": "origin must be a URL"}); nil when
	// the entry has none. A message that is not a JSON string is kept as
	// its JSON text.
	Constraints map[string]string `json:"constraints,omitempty"`
}

// UnmarshalJSON reads both shapes of entry the API sends: field, code and
// message, or property and constraints.
func (f *FieldError) UnmarshalJSON(b []byte) error {
	var w struct {
		Field       string                     `json:"field"`
		Property    string                     `json:"property"`
		Code        string                     `json:"code"`
		Message     string                     `json:"message"`
		Constraints map[string]json.RawMessage `json:"constraints"`
	}
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	*f = FieldError{Field: cmp.Or(w.Field, w.Property), Code: w.Code, Message: w.Message}
	if len(w.Constraints) == 0 {
		return nil
	}
	f.Constraints = make(map[string]string, len(w.Constraints))
	names := make([]string, 0, len(w.Constraints))
	for name, raw := range w.Constraints {
		var msg string
		if json.Unmarshal(raw, &msg) != nil {
			msg = string(raw)
		}
		f.Constraints[name] = msg
		names = append(names, name)
	}
	slices.Sort(names)
	if f.Code == "" {
		f.Code = strings.Join(names, ",")
	}
	if f.Message == "" {
		msgs := make([]string, len(names))
		for i, name := range names {
			msgs[i] = f.Constraints[name]
		}
		f.Message = strings.Join(msgs, "; ")
	}
	return nil
}

// summary is the entry's part of APIError.Error: field and code, or its
// message when it has neither; empty when it has nothing at all.
func (f FieldError) summary() string {
	if s := strings.TrimSpace(f.Field + " " + f.Code); s != "" {
		return oneLine(s)
	}
	return oneLine(f.Message)
}

// APIError is a non-2xx reply from the WorkOS API. More specific error types
// (the authentication challenges, for example) wrap it, so errors.As with an
// *APIError target finds it under any of them.
type APIError struct {
	// StatusCode is the HTTP status.
	StatusCode int
	// Code is the machine-readable error code: the body's "code", or its
	// OAuth-style "error" when there is no "code".
	Code ErrorCode
	// Message is the body's "message", or its "error_description".
	Message string
	// OAuthError is the body's OAuth-style "error" field, verbatim.
	OAuthError string
	// ErrorDescription is the body's OAuth-style "error_description" field.
	ErrorDescription string
	// Errors lists field-level validation failures.
	Errors []FieldError
	// RequestID is the X-Request-Id header of the reply.
	RequestID string
	// RetryAfter is the server's Retry-After wait, capped at 60 seconds, or
	// zero when it sent none.
	RetryAfter time.Duration
	// Header is the reply's headers.
	Header http.Header
	// Body is the raw reply body. It may hold tokens (a pending
	// authentication token, for one), so never log it whole.
	Body []byte
}

type errorBody struct {
	Code             string       `json:"code"`
	Message          string       `json:"message"`
	Error            string       `json:"error"`
	ErrorDescription string       `json:"error_description"`
	Errors           []FieldError `json:"errors"`
}

// newAPIError decodes an error reply. A body that is not JSON (an HTML page
// from a proxy, say) still gives a useful error: its message is the status
// text, and the raw body is kept.
func newAPIError(resp *Response, body []byte, now time.Time) *APIError {
	e := &APIError{
		StatusCode: resp.StatusCode,
		RequestID:  resp.RequestID,
		Header:     resp.Header,
		Body:       body,
	}
	if d, ok := retry.ParseRetryAfter(resp.Header.Get("Retry-After"), now); ok {
		e.RetryAfter = d
	}
	var eb errorBody
	if json.Unmarshal(body, &eb) == nil {
		e.Code = ErrorCode(eb.Code)
		e.Message = eb.Message
		e.OAuthError = eb.Error
		e.ErrorDescription = eb.ErrorDescription
		e.Errors = eb.Errors
		if e.Code == "" {
			e.Code = ErrorCode(eb.Error)
		}
		if e.Message == "" {
			e.Message = eb.ErrorDescription
		}
	}
	if e.Message == "" {
		e.Message = http.StatusText(resp.StatusCode)
	}
	return e
}

// Error is one line with the status, code, message and request id. It never
// includes the body, headers or any token.
func (e *APIError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "workos: %d", e.StatusCode)
	if e.Code != "" {
		// The code comes from the reply body like the message, so it is
		// folded onto one bounded line too.
		b.WriteString(" " + oneLine(string(e.Code)))
	}
	if e.Message != "" {
		b.WriteString(": " + oneLine(e.Message))
	}
	// Entries with nothing to show are skipped, so there is never an
	// empty "()".
	open := false
	for _, fe := range e.Errors {
		part := fe.summary()
		if part == "" {
			continue
		}
		if open {
			b.WriteString("; ")
		} else {
			b.WriteString(" (")
			open = true
		}
		b.WriteString(part)
	}
	if open {
		b.WriteString(")")
	}
	if e.RequestID != "" {
		b.WriteString(" [request " + e.RequestID + "]")
	}
	return b.String()
}

func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 200 {
		cut := 200
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut] + "…"
	}
	return s
}

// Is matches the sentinel for the error's HTTP status.
func (e *APIError) Is(target error) bool {
	switch target {
	case ErrBadRequest:
		return e.StatusCode == http.StatusBadRequest
	case ErrUnauthorized:
		return e.StatusCode == http.StatusUnauthorized
	case ErrForbidden:
		return e.StatusCode == http.StatusForbidden
	case ErrNotFound:
		return e.StatusCode == http.StatusNotFound
	case ErrConflict:
		return e.StatusCode == http.StatusConflict
	case ErrUnprocessable:
		return e.StatusCode == http.StatusUnprocessableEntity
	case ErrRateLimited:
		return e.StatusCode == http.StatusTooManyRequests
	case ErrServer:
		return e.StatusCode >= 500
	}
	return false
}

// NetworkError is a failure to get any HTTP reply: a refused connection, a
// reset, a timeout. It matches ErrNetwork with errors.Is and unwraps to the
// cause.
type NetworkError struct {
	// Method and Path (the operation's template, without values) say which
	// call failed.
	Method string
	Path   string
	// Err is the cause. When the cause was a *url.Error, Err is the error
	// it wrapped: the URL is dropped, since its path or query may hold a
	// token.
	Err error
}

// Error names the operation and the cause.
func (e *NetworkError) Error() string {
	return fmt.Sprintf("workos: %s %s: network error: %v", e.Method, e.Path, e.Err)
}

// Unwrap returns the cause, so errors.Is(err, context.DeadlineExceeded) and
// the like work.
func (e *NetworkError) Unwrap() error { return e.Err }

// Is matches ErrNetwork.
func (e *NetworkError) Is(target error) bool { return target == ErrNetwork }

// DecodeError is a 2xx reply whose body did not decode into the result type.
type DecodeError struct {
	// StatusCode is the reply's 2xx status.
	StatusCode int
	// RequestID is the reply's X-Request-Id, for WorkOS support.
	RequestID string
	// Err is the encoding/json error.
	Err error
}

// Error names the status and the decoding failure.
func (e *DecodeError) Error() string {
	return fmt.Sprintf("workos: decode %d reply [request %s]: %v", e.StatusCode, e.RequestID, e.Err)
}

// Unwrap returns the JSON error.
func (e *DecodeError) Unwrap() error { return e.Err }

// scrubURLError drops a *url.Error's URL (its path or query may hold a
// token) and returns the error it wrapped.
func scrubURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// checkUserID refuses an empty or blank user ID, the path parameter of
// every per-user operation, before anything is sent.
func checkUserID(userID string) error {
	if strings.TrimSpace(userID) == "" {
		return invalidParams("user_id is required")
	}
	return nil
}

// invalidParams builds an input error that wraps ErrInvalidParams.
func invalidParams(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrInvalidParams}, args...)...)
}

// checkBaseURL refuses a base URL that is not an absolute http(s) URL. The
// error quotes the URL with any password in it masked, and quotes nothing
// when the URL does not parse (a URL may carry credentials).
func checkBaseURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return invalidParams("base URL must be an absolute http(s) URL")
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return invalidParams("base URL %q must be an absolute http(s) URL", u.Redacted())
	}
	// Userinfo would be sent to the host as credentials, and a query or
	// fragment would be glued onto every path; the URL is not quoted, as
	// any of the three may hold a secret.
	if u.User != nil || strings.ContainsAny(raw, "?#") {
		return invalidParams("base URL %s://%s must have no userinfo, query or fragment", u.Scheme, u.Host)
	}
	return nil
}

// checkHeader refuses a header name that is not an HTTP token, and a value
// with a control character such as CR or LF, which could split the request
// or smuggle another header. The value is not quoted: it may be a secret.
func checkHeader(key, value string) error {
	if key == "" {
		return invalidParams("header name is required")
	}
	for i := 0; i < len(key); i++ {
		if !isTokenByte(key[i]) {
			return invalidParams("header name %q has a character not allowed in a header name", key)
		}
	}
	for i := 0; i < len(value); i++ {
		if b := value[i]; (b < ' ' && b != '\t') || b == 0x7f {
			return invalidParams("header %s: value has a control character such as CR or LF", key)
		}
	}
	return nil
}

// isTokenByte reports whether b may appear in an HTTP header name (RFC 9110
// tchar).
func isTokenByte(b byte) bool {
	switch {
	case 'a' <= b && b <= 'z', 'A' <= b && b <= 'Z', '0' <= b && b <= '9':
		return true
	}
	return strings.IndexByte("!#$%&'*+-.^_`|~", b) >= 0
}

// classify turns an *APIError into the most specific error type for it,
// such as an authentication challenge. Types returned wrap the *APIError.
func classify(e *APIError) error {
	if typed := typedAuthError(e); typed != nil {
		return typed
	}
	return e
}
