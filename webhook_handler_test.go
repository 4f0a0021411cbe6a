package workos

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const webhookTestSecret = "whsec_handler_test_secret"

const webhookTestBody = `{"object":"event","id":"event_01","event":"user.created",` +
	`"data":{"object":"user","id":"user_01","email":"private.person@example.com"},"created_at":"2026-01-01T00:00:00.000Z"}`

// webhookTestRequest builds a delivery of body signed at signedAt with
// secret, as WorkOS sends it.
func webhookTestRequest(method, body, secret string, signedAt time.Time) *http.Request {
	r := httptest.NewRequest(method, "/webhooks/workos", strings.NewReader(body))
	r.Header.Set("Content-Type", "application/json")
	r.Header.Set(WebhookSignatureHeader, SignWebhook(signedAt, []byte(body), secret))
	return r
}

func TestWebhookHandler_AnswersEachDeliveryByItsOutcome(t *testing.T) {
	now := time.Now()
	cases := []struct {
		name       string
		req        *http.Request
		handleErr  error
		opts       []WebhookOption
		wantStatus int
		wantCalled bool
	}{
		{"verified event", webhookTestRequest(http.MethodPost, webhookTestBody, webhookTestSecret, now), nil, nil, http.StatusOK, true},
		{"callback fails", webhookTestRequest(http.MethodPost, webhookTestBody, webhookTestSecret, now), errors.New("db down"), nil, http.StatusInternalServerError, true},
		{"wrong secret", webhookTestRequest(http.MethodPost, webhookTestBody, "another secret", now), nil, nil, http.StatusBadRequest, false},
		{"stale", webhookTestRequest(http.MethodPost, webhookTestBody, webhookTestSecret, now.Add(-4*time.Minute)), nil, nil, http.StatusBadRequest, false},
		{"no signature", httptest.NewRequest(http.MethodPost, "/", strings.NewReader(webhookTestBody)), nil, nil, http.StatusBadRequest, false},
		{"signed non-event", webhookTestRequest(http.MethodPost, `"hello"`, webhookTestSecret, now), nil, nil, http.StatusBadRequest, false},
		{"GET", webhookTestRequest(http.MethodGet, "", webhookTestSecret, now), nil, nil, http.StatusMethodNotAllowed, false},
		{"body over the cap", webhookTestRequest(http.MethodPost, webhookTestBody, webhookTestSecret, now), nil,
			[]WebhookOption{WithWebhookMaxBodyBytes(int64(len(webhookTestBody) - 1))}, http.StatusRequestEntityTooLarge, false},
		{"body at the cap", webhookTestRequest(http.MethodPost, webhookTestBody, webhookTestSecret, now), nil,
			[]WebhookOption{WithWebhookMaxBodyBytes(int64(len(webhookTestBody)))}, http.StatusOK, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var got *Event
			h := WebhookHandler(webhookTestSecret, func(ctx context.Context, ev *Event) error {
				got = ev
				return tc.handleErr
			}, tc.opts...)
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, tc.req)
			assert.Equal(t, tc.wantStatus, rec.Code)
			assert.Equal(t, tc.wantCalled, got != nil, "callback called")
			if got != nil {
				assert.Equal(t, "event_01", got.ID)
				assert.Equal(t, EventUserCreated, got.Event)
				u, err := got.User()
				require.NoError(t, err)
				assert.Equal(t, "user_01", u.ID)
			}
			if tc.wantStatus == http.StatusMethodNotAllowed {
				assert.Equal(t, http.MethodPost, rec.Header().Get("Allow"))
			}
			assert.NotContains(t, rec.Body.String(), "private.person", "the reply never echoes the body")
		})
	}
}

func TestWebhookHandler_PassesTheRequestContextToTheCallback(t *testing.T) {
	type key struct{}
	var seen any
	h := WebhookHandler(webhookTestSecret, func(ctx context.Context, ev *Event) error {
		seen = ctx.Value(key{})
		return nil
	})
	req := webhookTestRequest(http.MethodPost, webhookTestBody, webhookTestSecret, time.Now())
	h.ServeHTTP(httptest.NewRecorder(), req.WithContext(context.WithValue(req.Context(), key{}, "marker")))
	assert.Equal(t, "marker", seen)
}

func TestWebhookHandler_LogsRefusalsWithoutSecretSignatureOrBody(t *testing.T) {
	var logs strings.Builder
	logger := slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	now := time.Now()
	reqs := []*http.Request{
		webhookTestRequest(http.MethodPost, webhookTestBody, "wrong secret", now),
		webhookTestRequest(http.MethodPost, webhookTestBody, webhookTestSecret, now.Add(-time.Hour)),
		webhookTestRequest(http.MethodPost, webhookTestBody, webhookTestSecret, now),
	}
	h := WebhookHandler(webhookTestSecret, func(context.Context, *Event) error { return errors.New("queue full") }, WithWebhookLogger(logger))
	for _, r := range reqs {
		h.ServeHTTP(httptest.NewRecorder(), r)
	}
	out := logs.String()
	assert.Equal(t, 3, strings.Count(out, `"msg":"workos webhook refused"`), out)
	assert.Contains(t, out, ErrWebhookBadSignature.Error())
	assert.Contains(t, out, ErrWebhookTimestampOutsideTolerance.Error())
	assert.Contains(t, out, `"error":"queue full","event_id":"event_01","event":"user.created"`)
	for _, r := range reqs {
		_, sig, err := parseWebhookHeader(r.Header.Get(WebhookSignatureHeader))
		require.NoError(t, err)
		assert.NotContains(t, out, sig)
	}
	assert.NotContains(t, out, webhookTestSecret)
	assert.NotContains(t, out, "private.person")
}
