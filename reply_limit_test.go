package workos

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// endlessBody yields 'a' bytes forever and records whether it was closed.
type endlessBody struct {
	read   int64
	closed bool
}

func (b *endlessBody) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'a'
	}
	b.read += int64(len(p))
	return len(p), nil
}

func (b *endlessBody) Close() error { b.closed = true; return nil }

type endlessTransport struct {
	calls int
	body  *endlessBody
}

func (t *endlessTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	t.calls++
	t.body = &endlessBody{}
	return &http.Response{StatusCode: 200, Header: http.Header{"X-Request-Id": {"req_big"}}, Body: t.body, Request: r}, nil
}

func TestClient_ReplyOverMaxReplyBytesFailsWithoutReadingOnOrRetrying(t *testing.T) {
	tr := &endlessTransport{}
	c, err := NewClient(WithAPIKey("sk_test_123"), WithBaseURL("https://api.workos.test"),
		WithHTTPClient(&http.Client{Transport: tr}), WithBackoff(0, 0))
	require.NoError(t, err)

	_, err = c.UserManagement.GetUser(context.Background(), "user_1")

	var de *DecodeError
	require.True(t, errors.As(err, &de), "want *DecodeError, got %v", err)
	assert.ErrorIs(t, err, ErrReplyTooLarge)
	assert.Equal(t, 200, de.StatusCode)
	assert.Equal(t, "req_big", de.RequestID)
	assert.Equal(t, 1, tr.calls, "a too-large reply is not retried")
	assert.True(t, tr.body.closed)
	assert.LessOrEqual(t, tr.body.read, int64(MaxReplyBytes+64<<10), "reading stops just past the cap")
	assert.GreaterOrEqual(t, tr.body.read, int64(MaxReplyBytes+1))
}
