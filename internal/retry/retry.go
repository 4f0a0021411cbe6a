// Package retry holds the retry policy of the WorkOS client: which replies
// are retried, how long to wait between attempts and how Retry-After is read.
package retry

import (
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Defaults of the policy.
const (
	DefaultBaseDelay  = 500 * time.Millisecond
	DefaultMaxDelay   = 8 * time.Second
	MaxRetryAfter     = 60 * time.Second
	DefaultMaxRetries = 2
)

// Retryable reports whether a reply with this HTTP status is retried.
func Retryable(status int) bool {
	switch status {
	case http.StatusRequestTimeout, http.StatusTooManyRequests,
		http.StatusInternalServerError, http.StatusBadGateway,
		http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}

// ParseRetryAfter reads a Retry-After header given in whole seconds or as an
// HTTP date, relative to now. It returns false when the header is absent or
// unreadable, and also for a negative number of seconds or a date already
// past: such a header is a server fault, and the caller's backoff is the
// safe answer to it, not a retry at once. Long waits are capped at
// MaxRetryAfter.
func ParseRetryAfter(h string, now time.Time) (time.Duration, bool) {
	h = strings.TrimSpace(h)
	if h == "" {
		return 0, false
	}
	var d time.Duration
	if secs, err := strconv.ParseInt(h, 10, 64); err == nil {
		if secs > int64(MaxRetryAfter/time.Second) {
			secs = int64(MaxRetryAfter / time.Second)
		}
		d = time.Duration(secs) * time.Second
	} else if t, err := http.ParseTime(h); err == nil {
		d = t.Sub(now)
	} else {
		return 0, false
	}
	if d < 0 {
		return 0, false
	}
	return min(d, MaxRetryAfter), true
}

// Backoff is an exponential backoff with full jitter.
type Backoff struct {
	Base time.Duration
	Max  time.Duration
	// Rand returns a number in [0, 1). Nil means math/rand/v2.
	Rand func() float64
}

// Delay is the wait before retry number attempt (1 for the first retry): a
// random duration in [0, min(Max, Base*2^(attempt-1))).
func (b Backoff) Delay(attempt int) time.Duration {
	if b.Base <= 0 {
		return 0
	}
	ceil := b.Base
	for i := 1; i < attempt && ceil < b.Max; i++ {
		ceil *= 2
	}
	if b.Max > 0 && ceil > b.Max {
		ceil = b.Max
	}
	r := rand.Float64
	if b.Rand != nil {
		r = b.Rand
	}
	return time.Duration(r() * float64(ceil))
}
