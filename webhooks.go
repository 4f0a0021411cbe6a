package workos

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"time"
)

// WebhookSignatureHeader is the header WorkOS signs webhook deliveries in.
const WebhookSignatureHeader = "WorkOS-Signature"

// DefaultWebhookTolerance is how old a webhook's signed timestamp may be
// before it is refused, the same as the official SDKs. It bounds how long a
// captured delivery can be replayed.
const DefaultWebhookTolerance = 180 * time.Second

// Errors a webhook check returns, each matched with errors.Is. None of them
// carries the secret, the body or the signature.
var (
	// ErrWebhookNoSignature means the header is empty or has no v1
	// signature.
	ErrWebhookNoSignature = errors.New("workos: webhook has no signature")
	// ErrWebhookMalformedHeader means the header has a signature but cannot
	// be read: a part without "=", or a missing or non-numeric timestamp.
	ErrWebhookMalformedHeader = errors.New("workos: webhook signature header is malformed")
	// ErrWebhookTimestampOutsideTolerance means the signed timestamp is
	// older than the tolerance allows: a replay, or a delivery that waited
	// too long.
	ErrWebhookTimestampOutsideTolerance = errors.New("workos: webhook timestamp is outside the tolerance")
	// ErrWebhookBadSignature means the signature does not match the body
	// and secret: a forged or altered delivery, or the wrong secret.
	ErrWebhookBadSignature = errors.New("workos: webhook signature does not match")
)

// WebhookOption adjusts one webhook check.
type WebhookOption func(*webhookConfig)

type webhookConfig struct {
	tolerance time.Duration
	now       func() time.Time
	maxBody   int64
	logger    *slog.Logger
}

func newWebhookConfig(opts []WebhookOption) webhookConfig {
	cfg := webhookConfig{tolerance: DefaultWebhookTolerance, now: time.Now, maxBody: DefaultMaxWebhookBodyBytes}
	for _, o := range opts {
		o(&cfg)
	}
	return cfg
}

// WithWebhookTolerance sets how old a signed timestamp may be; the default
// is DefaultWebhookTolerance. A zero or negative d keeps the default.
func WithWebhookTolerance(d time.Duration) WebhookOption {
	return func(c *webhookConfig) {
		if d > 0 {
			c.tolerance = d
		}
	}
}

// WithWebhookClock makes the check read the current time from now instead
// of time.Now, for tests that replay recorded deliveries.
func WithWebhookClock(now func() time.Time) WebhookOption {
	return func(c *webhookConfig) {
		if now != nil {
			c.now = now
		}
	}
}

// ConstructWebhookEvent checks a webhook delivery and decodes its event.
// body is the raw request body, exactly as received (re-encoded JSON would
// not match the signature); header is the WorkOS-Signature header; secret
// is the endpoint's secret from the WorkOS dashboard.
//
// It refuses the delivery with an error matching ErrWebhookNoSignature,
// ErrWebhookMalformedHeader, ErrWebhookTimestampOutsideTolerance or
// ErrWebhookBadSignature, and fails with a *DecodeError when a correctly
// signed body is not an event (not a JSON object with an id and an event
// type). An event of a type the SDK does not know
// decodes like any other.
func ConstructWebhookEvent(body []byte, header, secret string, opts ...WebhookOption) (*Event, error) {
	cfg := newWebhookConfig(opts)
	return cfg.constructEvent(body, header, secret)
}

// constructEvent is ConstructWebhookEvent with its options applied.
func (cfg *webhookConfig) constructEvent(body []byte, header, secret string) (*Event, error) {
	if err := cfg.verify(body, header, secret); err != nil {
		return nil, err
	}
	var ev Event
	if err := json.Unmarshal(body, &ev); err != nil {
		return nil, &DecodeError{Err: fmt.Errorf("webhook body: %w", err)}
	}
	if ev.ID == "" || ev.Event == "" {
		return nil, &DecodeError{Err: errors.New("webhook body: not an event (no id or event type)")}
	}
	return &ev, nil
}

// VerifyWebhookHeader checks that header signs body with secret and that
// its timestamp is within the tolerance, without decoding the body. It
// returns the errors ConstructWebhookEvent does. The signature is compared
// in constant time, as lowercase hex text, like the official SDKs.
//
// Like the official Node SDK, it refuses a timestamp only for being too
// old, not for being in the future.
func VerifyWebhookHeader(body []byte, header, secret string, opts ...WebhookOption) error {
	cfg := newWebhookConfig(opts)
	return cfg.verify(body, header, secret)
}

// verify is VerifyWebhookHeader with its options applied.
func (cfg *webhookConfig) verify(body []byte, header, secret string) error {
	if secret == "" {
		return invalidParams("secret is required")
	}
	ts, sig, err := parseWebhookHeader(header)
	if err != nil {
		return err
	}
	if ts.Before(cfg.now().Add(-cfg.tolerance)) {
		return ErrWebhookTimestampOutsideTolerance
	}
	want := webhookSignature(ts.UnixMilli(), body, secret)
	if subtle.ConstantTimeCompare([]byte(want), []byte(sig)) != 1 {
		return ErrWebhookBadSignature
	}
	return nil
}

// ComputeWebhookSignature returns the v1 signature WorkOS sends for body
// signed at t with secret: the lowercase hex HMAC-SHA256 of
// "<t in Unix milliseconds>.<body>".
func ComputeWebhookSignature(t time.Time, body []byte, secret string) string {
	return webhookSignature(t.UnixMilli(), body, secret)
}

// SignWebhook returns the whole WorkOS-Signature header value for body
// signed at t with secret, "t=<ms>, v1=<signature>", as WorkOS sends it.
// Use it to test a webhook handler with deliveries of your own.
func SignWebhook(t time.Time, body []byte, secret string) string {
	ms := t.UnixMilli()
	return "t=" + strconv.FormatInt(ms, 10) + ", v1=" + webhookSignature(ms, body, secret)
}

func webhookSignature(ms int64, body []byte, secret string) string {
	mac := hmac.New(sha256.New, []byte(secret))
	var prefix [24]byte
	mac.Write(strconv.AppendInt(prefix[:0], ms, 10))
	mac.Write([]byte{'.'})
	mac.Write(body)
	return hex.EncodeToString(mac.Sum(nil))
}

// parseWebhookHeader reads "t=<ms>, v1=<hex>": comma-separated key=value
// parts, spaces around them ignored, in any order; parts with other keys
// (a future scheme) are skipped, and the first t and v1 count.
func parseWebhookHeader(header string) (time.Time, string, error) {
	var tRaw, sig string
	var haveT bool
	for part := range strings.SplitSeq(header, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		key, val, ok := strings.Cut(part, "=")
		if !ok {
			return time.Time{}, "", fmt.Errorf("%w: a part has no \"=\"", ErrWebhookMalformedHeader)
		}
		switch strings.TrimSpace(key) {
		case "t":
			if !haveT {
				tRaw, haveT = strings.TrimSpace(val), true
			}
		case "v1":
			if sig == "" {
				sig = strings.TrimSpace(val)
			}
		}
	}
	if sig == "" {
		return time.Time{}, "", ErrWebhookNoSignature
	}
	if !haveT {
		return time.Time{}, "", fmt.Errorf("%w: no timestamp", ErrWebhookMalformedHeader)
	}
	ms, err := strconv.ParseInt(tRaw, 10, 64)
	if err != nil || ms < 0 || tRaw[0] == '+' {
		return time.Time{}, "", fmt.Errorf("%w: timestamp is not Unix milliseconds", ErrWebhookMalformedHeader)
	}
	return time.UnixMilli(ms), sig, nil
}
