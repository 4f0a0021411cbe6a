package workos

import "time"

// WithClock makes the Client judge time by now instead of time.Now: the
// access-token expiry and key-set cache of Verifiers built with
// NewVerifier(client), and the window in which CookieSession.Refresh hands
// a success to late callers. workostest's Client sets it to the fake
// server's clock, so moving that clock expires tokens for the SDK too.
// Network timeouts and retry waits always run on real time.
func WithClock(now func() time.Time) Option {
	return func(s *settings) { s.now = now }
}

// DefaultSessionRefreshGrace is how long a successful CookieSession.Refresh
// is handed to refreshes of the same cookie that arrive after it (requests
// that left the browser before the new cookie arrived). It stays below
// WorkOS's own replay window for a just-used refresh token.
const DefaultSessionRefreshGrace = 10 * time.Second

// WithSessionRefreshGrace sets how long a successful CookieSession.Refresh
// is handed to late refreshes of the same cookie, measured on the Client's
// clock (DefaultSessionRefreshGrace when not set; a negative d turns the
// sharing of finished refreshes off, concurrent ones are still collapsed).
func WithSessionRefreshGrace(d time.Duration) Option {
	return func(s *settings) { s.refreshGrace = d }
}

// clock returns the settings' clock, time.Now unless WithClock set one.
func (s *settings) clock() func() time.Time {
	if s.now != nil {
		return s.now
	}
	return time.Now
}

// sessionRefreshGrace returns the refresh grace window in effect.
func (s *settings) sessionRefreshGrace() time.Duration {
	switch {
	case s.refreshGrace == 0:
		return DefaultSessionRefreshGrace
	case s.refreshGrace < 0:
		return 0
	}
	return s.refreshGrace
}

// refreshClock is the clock and grace window CookieSession.Refresh runs on
// for a call with opts.
func (c *Client) refreshClock(opts []Option) refreshClock {
	cfg := c.settingsFor(opts)
	return refreshClock{now: cfg.clock(), grace: cfg.sessionRefreshGrace()}
}
