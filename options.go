package workos

import (
	"errors"
	"log/slog"
	"net/http"
	"strings"
	"time"
)

// Option configures the Client when passed to NewClient, or a single call
// when passed to a service method. A per-call option overrides the Client's
// setting for that call only.
type Option func(*settings)

// settings is everything an Option can set. The Client keeps one copy;
// each call works on its own copy.
type settings struct {
	apiKey         string
	clientID       string
	baseURL        string
	httpClient     *http.Client
	maxRetries     int
	logger         *slog.Logger
	appInfo        string
	headers        http.Header
	timeout        time.Duration
	idempotencyKey string
	sealPassword   string
	backoffBase    time.Duration
	backoffMax     time.Duration
	now            func() time.Time // see WithClock
	refreshGrace   time.Duration    // see WithSessionRefreshGrace; 0 means the default
	err            error
	// placed records the options whose place is checked: the per-call
	// ones, which NewClient refuses, and the client ones, which a call
	// refuses. NewClient clears it, so on a call it holds only the call's.
	placed placedOption
}

// placedOption marks an Option that belongs to one kind of call, or to
// NewClient only.
type placedOption uint8

const (
	placedIdempotencyKey placedOption = 1 << iota
	placedSealedSession
	placedAppInfo
)

// checkPlacement refuses, before anything is sent, a per-call option
// given to a call it cannot apply to, and a client option given to a call.
// Silently ignoring either would let the caller believe it took effect.
func (s *settings) checkPlacement(cl call) error {
	switch {
	case s.placed&placedIdempotencyKey != 0 && cl.method != http.MethodPost:
		return invalidParams("WithIdempotencyKey applies to POST calls only, and this call is a %s", cl.method)
	case s.placed&placedSealedSession != 0 && !cl.seals:
		return invalidParams("WithSealedSession applies to authenticate calls only, which return a session to seal")
	case s.placed&placedAppInfo != 0:
		return invalidParams("WithAppInfo is a client option: pass it to NewClient")
	}
	return nil
}

// WithAPIKey sets the secret API key (sk_...) sent as a Bearer token, and as
// client_secret by confidential authenticate grants. NewClient reads
// WORKOS_API_KEY when this option is absent.
func WithAPIKey(key string) Option {
	return func(s *settings) { s.apiKey = key }
}

// WithClientID sets the client ID (client_...) used by authenticate grants,
// URL builders and JWKS look-ups. NewClient reads WORKOS_CLIENT_ID when this
// option is absent.
func WithClientID(id string) Option {
	return func(s *settings) { s.clientID = id }
}

// WithBaseURL points the Client, or one call, at another API host, such as
// a workostest server or https://api.workos-test.com. NewClient reads
// WORKOS_BASE_URL when this option is absent; the default is
// https://api.workos.com.
func WithBaseURL(u string) Option {
	return func(s *settings) { s.baseURL = strings.TrimRight(u, "/") }
}

// WithHTTPClient makes the Client send its requests through hc, for custom
// transports, proxies or test doubles. The default client keeps a large pool
// of idle connections per host; see DefaultHTTPClient.
//
// Requests go through a shallow copy of hc whose CheckRedirect refuses every
// redirect, so a 3xx comes back as an *APIError and the API key, body and
// headers never reach another host; hc itself is not modified.
func WithHTTPClient(hc *http.Client) Option {
	return func(s *settings) {
		if hc == nil {
			s.err = errors.New("workos: WithHTTPClient: nil *http.Client")
			return
		}
		s.httpClient = withoutRedirects(hc)
	}
}

// WithMaxRetries sets how many times a failed attempt is retried: on 408,
// 429, 500, 502, 503, 504 and network errors. Zero disables retries. The
// default is 2.
func WithMaxRetries(n int) Option {
	return func(s *settings) {
		if n < 0 {
			s.err = errors.New("workos: WithMaxRetries: negative retry count")
			return
		}
		s.maxRetries = n
	}
}

// WithLogger sends one debug line per attempt to l: method, redacted path,
// status, duration, request id and attempt number. Secrets are redacted
// from paths, query strings and bodies. The default, and a nil l, discard
// logs.
func WithLogger(l *slog.Logger) Option {
	return func(s *settings) {
		if l == nil {
			l = slog.New(slog.DiscardHandler)
		}
		s.logger = l
	}
}

// WithAppInfo appends "name/version" to the User-Agent header, so WorkOS can
// tell which application sent a request. It is a NewClient option; a call
// given it fails with ErrInvalidParams.
func WithAppInfo(name, version string) Option {
	return func(s *settings) {
		s.placed |= placedAppInfo
		if name == "" {
			return
		}
		if version != "" {
			name += "/" + version
		}
		s.appInfo = name
	}
}

// WithHeader adds a header to the request. Headers the client sets itself
// (Authorization, Content-Type, User-Agent, Idempotency-Key) cannot be
// replaced this way; use WithAPIKey and WithIdempotencyKey instead.
//
// A name that is not an HTTP token, or a value with a control character
// such as CR or LF, is refused with ErrInvalidParams before anything is
// sent.
func WithHeader(key, value string) Option {
	return func(s *settings) {
		if err := checkHeader(key, value); err != nil {
			s.err = err
			return
		}
		if s.headers == nil {
			s.headers = make(http.Header)
		} else {
			s.headers = s.headers.Clone()
		}
		s.headers.Add(key, value)
	}
}

// WithTimeout bounds each attempt of a call, including reading the reply
// body, retries each getting a fresh budget. The default is DefaultTimeout
// (30 s); zero turns the bound off. The caller's context still bounds the
// whole call.
func WithTimeout(d time.Duration) Option {
	return func(s *settings) { s.timeout = d }
}

// WithIdempotencyKey sets the Idempotency-Key of one POST, replacing the
// random key the client makes. The same key is sent on every retry. It is
// refused by NewClient, since a key belongs to one operation, and by any
// call that is not a POST, with ErrInvalidParams and nothing sent.
func WithIdempotencyKey(key string) Option {
	return func(s *settings) {
		s.placed |= placedIdempotencyKey
		s.idempotencyKey = key
	}
}

// WithSealedSession makes an authenticate call also seal its result into a
// session cookie with password (at least 32 characters), like the Node
// SDK's session: {sealSession: true, cookiePassword}. The cookie is in the
// result's SealedSession field. A short password fails before anything is
// sent. It is refused by NewClient, and by every call but the
// authenticate ones (the AuthenticateWith... methods, CreateAuthenticate
// and PollDeviceCode) with ErrInvalidParams and nothing sent: no other call
// returns a session to seal.
func WithSealedSession(password string) Option {
	return func(s *settings) {
		s.placed |= placedSealedSession
		s.sealPassword = password
	}
}

// WithBackoff sets the retry backoff: the wait before retry n is a random
// duration below min(max, base*2^(n-1)). A Retry-After header from the
// server, capped at 60 seconds, takes precedence. The default is 500ms
// growing to at most 8s. A zero base retries at once, which suits tests.
func WithBackoff(base, max time.Duration) Option {
	return func(s *settings) {
		if base < 0 || max < 0 {
			s.err = errors.New("workos: WithBackoff: negative duration")
			return
		}
		s.backoffBase, s.backoffMax = base, max
	}
}

// String returns a pointer to s, for optional string fields.
func String(s string) *string { return &s }

// Bool returns a pointer to b, for optional boolean fields.
func Bool(b bool) *bool { return &b }

// Int returns a pointer to i, for optional integer fields.
func Int(i int) *int { return &i }

// Ptr returns a pointer to v, for optional fields of any type.
func Ptr[T any](v T) *T { return &v }
