package workos

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
)

// DefaultMaxWebhookBodyBytes is the largest webhook body WebhookHandler
// reads (1 MiB; WorkOS events are a few KB). A larger body is refused with
// 413 before it is verified.
const DefaultMaxWebhookBodyBytes = 1 << 20

// WithWebhookMaxBodyBytes sets the largest body WebhookHandler reads; the
// default is DefaultMaxWebhookBodyBytes. Zero or negative keeps the
// default. ConstructWebhookEvent ignores it.
func WithWebhookMaxBodyBytes(n int64) WebhookOption {
	return func(c *webhookConfig) {
		if n > 0 {
			c.maxBody = n
		}
	}
}

// WithWebhookLogger makes WebhookHandler log each refused or failed
// delivery at warn level: the reason and, once verified, the event's ID and
// type. It never logs the secret, the signature or the body.
func WithWebhookLogger(l *slog.Logger) WebhookOption {
	return func(c *webhookConfig) { c.logger = l }
}

// WebhookHandler returns an http.Handler for a WorkOS webhook endpoint. It
// reads the body (at most DefaultMaxWebhookBodyBytes, or
// WithWebhookMaxBodyBytes), verifies it with ConstructWebhookEvent and
// secret, and passes the event to handle with the request's context.
//
// It answers:
//   - 200 when handle returns nil, so WorkOS marks the delivery done;
//   - 400 when the signature is missing, malformed, stale or wrong, or the
//     body is not an event (handle is not called);
//   - 405 for a method other than POST, 413 for a body over the cap;
//   - 500 when handle returns an error, so WorkOS delivers again later.
//
// handle may be called for the same event more than once (WorkOS retries
// deliveries), so it should skip event IDs it has already processed.
func WebhookHandler(secret string, handle func(ctx context.Context, ev *Event) error, opts ...WebhookOption) http.Handler {
	cfg := newWebhookConfig(opts)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			w.Header().Set("Allow", http.MethodPost)
			cfg.reply(r, w, http.StatusMethodNotAllowed, "method not allowed", nil, nil)
			return
		}
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, cfg.maxBody))
		if err != nil {
			var tooBig *http.MaxBytesError
			if errors.As(err, &tooBig) {
				cfg.reply(r, w, http.StatusRequestEntityTooLarge, "body too large", err, nil)
				return
			}
			cfg.reply(r, w, http.StatusBadRequest, "unreadable body", err, nil)
			return
		}
		ev, err := cfg.constructEvent(body, r.Header.Get(WebhookSignatureHeader), secret)
		if err != nil {
			cfg.reply(r, w, http.StatusBadRequest, "invalid webhook", err, nil)
			return
		}
		if err := handle(r.Context(), ev); err != nil {
			cfg.reply(r, w, http.StatusInternalServerError, "webhook handler failed", err, ev)
			return
		}
		w.WriteHeader(http.StatusOK)
	})
}

// reply sends a short plain-text status and logs why, when a logger is
// set. err comes from this package's checks or from the caller's handle
// function, neither of which embeds the secret or the body.
func (c *webhookConfig) reply(r *http.Request, w http.ResponseWriter, status int, msg string, err error, ev *Event) {
	if c.logger != nil {
		attrs := []slog.Attr{slog.Int("status", status)}
		if err != nil {
			attrs = append(attrs, slog.String("error", err.Error()))
		}
		if ev != nil {
			attrs = append(attrs, slog.String("event_id", ev.ID), slog.String("event", string(ev.Event)))
		}
		c.logger.LogAttrs(r.Context(), slog.LevelWarn, "workos webhook refused", attrs...)
	}
	http.Error(w, msg, status)
}
