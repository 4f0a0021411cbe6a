package workos

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const deviceAuthJSON = `{
  "device_code": "CVE2wOfIFK4vhmiDBntpX9s8KT2f0qngpWYL0LGy9HxYgBRXUKIUkZB9BgIFho5h",
  "user_code": "BCDF-GHJK",
  "verification_uri": "https://foo-corp.authkit.app/device",
  "verification_uri_complete": "https://foo-corp.authkit.app/device?user_code=BCDF-GHJK",
  "expires_in": 300,
  "interval": 5
}`

func TestDeviceAuthorizationStarts_SendClientIDWithoutBearer(t *testing.T) {
	cases := []struct {
		name string
		url  string
		call func(ctx context.Context, um *UserManagementService, opts ...Option) (*DeviceAuthorization, error)
	}{
		{"CreateDevice", "https://api.workos.test/user_management/authorize/device", func(ctx context.Context, um *UserManagementService, opts ...Option) (*DeviceAuthorization, error) {
			return um.CreateDevice(ctx, CreateDeviceParams{}, opts...)
		}},
		{"AuthorizeDevice", "https://api.workos.test/oauth2/device_authorization", func(ctx context.Context, um *UserManagementService, opts ...Option) (*DeviceAuthorization, error) {
			return um.AuthorizeDevice(ctx, AuthorizeDeviceParams{}, opts...)
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, mt := newMockTransportClient(t)
			rec := &requestLog{}
			mt.RegisterResponder(http.MethodPost, tc.url, rec.responder(200, deviceAuthJSON))

			d, err := tc.call(context.Background(), c.UserManagement)
			require.NoError(t, err)
			req := rec.last(t)
			assert.Equal(t, http.MethodPost, req.Method)
			assert.Equal(t, tc.url, req.URL)
			assert.JSONEq(t, `{"client_id":"client_123"}`, string(req.Body))
			assert.Empty(t, req.Header.Values("Authorization"), "the spec declares security: []")

			assert.Equal(t, "CVE2wOfIFK4vhmiDBntpX9s8KT2f0qngpWYL0LGy9HxYgBRXUKIUkZB9BgIFho5h", d.DeviceCode)
			assert.Equal(t, "BCDF-GHJK", d.UserCode)
			assert.Equal(t, "https://foo-corp.authkit.app/device", d.VerificationURI)
			assert.Equal(t, "https://foo-corp.authkit.app/device?user_code=BCDF-GHJK", d.VerificationURIComplete)
			assert.Equal(t, 300.0, d.ExpiresIn)
			assert.Equal(t, 5.0, d.Interval)
			assert.Equal(t, 5*time.Minute, d.ExpiresAfter())
			assert.Equal(t, 5*time.Second, d.PollInterval())
			assert.Equal(t, "req_auth_1", d.LastResponse.RequestID)

			_, err = tc.call(context.Background(), c.UserManagement, WithClientID("client_other"))
			require.NoError(t, err)
			assert.JSONEq(t, `{"client_id":"client_other"}`, string(rec.last(t).Body), "a per-call client ID wins")
		})
	}
}

func TestCreateDevice_WithoutClientIDSendsNothing(t *testing.T) {
	c, mt := newMockTransportClient(t, WithClientID(""))
	_, err := c.UserManagement.CreateDevice(context.Background(), CreateDeviceParams{})
	require.ErrorIs(t, err, ErrMissingClientID)
	_, err = c.UserManagement.AuthorizeDevice(context.Background(), AuthorizeDeviceParams{})
	require.ErrorIs(t, err, ErrMissingClientID)
	assert.Zero(t, mt.GetTotalCallCount())
}

func TestCreateDevice_FeatureDisabledIsAnAPIError(t *testing.T) {
	c, mt := newMockTransportClient(t)
	rec := &requestLog{}
	mt.RegisterResponder(http.MethodPost, "https://api.workos.test/user_management/authorize/device", rec.responder(403,
		`{"error":"access_denied","error_description":"Device authorization grant is not enabled for this team"}`))
	_, err := c.UserManagement.CreateDevice(context.Background(), CreateDeviceParams{})
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 403, apiErr.StatusCode)
	assert.Equal(t, ErrorCodeAccessDenied, apiErr.Code)
	assert.Equal(t, "Device authorization grant is not enabled for this team", apiErr.Message)
	assert.NotErrorIs(t, err, ErrDeviceAccessDenied, "only a device code grant denial is a user's refusal")
}

func TestDeviceAuthorization_IntervalsFromFractionalOrMissingNumbers(t *testing.T) {
	assert.Equal(t, 2500*time.Millisecond, (&DeviceAuthorization{Interval: 2.5}).PollInterval())
	assert.Equal(t, DefaultDevicePollInterval, (&DeviceAuthorization{}).PollInterval())
	assert.Equal(t, DefaultDevicePollInterval, (&DeviceAuthorization{Interval: -3}).PollInterval())
	assert.Equal(t, 24*time.Hour, (&DeviceAuthorization{ExpiresIn: 1e300}).ExpiresAfter(), "a wild value is capped, not overflowed")
	assert.Equal(t, time.Duration(0), (&DeviceAuthorization{ExpiresIn: -1}).ExpiresAfter())
}

// deviceReplies answers successive device code polls with the given
// replies, the last one repeating.
func deviceReplies(mt *httpmock.MockTransport, rec *requestLog, replies ...[2]any) {
	var mu sync.Mutex
	i := 0
	mt.RegisterResponder(http.MethodPost, authTestURL, func(req *http.Request) (*http.Response, error) {
		mu.Lock()
		r := replies[min(i, len(replies)-1)]
		i++
		mu.Unlock()
		return rec.responder(r[0].(int), r[1].(string))(req)
	})
}

// deviceClock records the waits the poller asks for without waiting.
type deviceClock struct {
	mu     sync.Mutex
	waits  []time.Duration
	onWait func(n int)
}

func (c *deviceClock) sleep(ctx context.Context, d time.Duration) error {
	c.mu.Lock()
	c.waits = append(c.waits, d)
	n := len(c.waits)
	c.mu.Unlock()
	if c.onWait != nil {
		c.onWait(n)
	}
	return ctx.Err()
}

const (
	devicePending  = `{"error":"authorization_pending","error_description":"The request failed due to: authorization_pending."}`
	deviceSlowDown = `{"error":"slow_down","error_description":"The request failed due to: slow_down."}`
)

func TestPollDeviceCode_KeepsPollingThroughPendingAndSlowsDown(t *testing.T) {
	c, mt := newMockTransportClient(t, WithAPIKey(""))
	rec := &requestLog{}
	deviceReplies(mt, rec,
		[2]any{400, devicePending},
		[2]any{400, deviceSlowDown},
		[2]any{400, devicePending},
		[2]any{200, authResponseJSON},
	)
	clock := &deviceClock{}

	res, err := c.UserManagement.PollDeviceCode(context.Background(), PollDeviceCodeParams{
		DeviceCode: "dev_code_secret", Interval: (&DeviceAuthorization{Interval: 5}).PollInterval(), UserAgent: "mycli/2.0", Sleep: clock.sleep,
	})
	require.NoError(t, err)
	assert.Equal(t, "user_01E4ZCR3C56J083X43JQXF3JK5", res.User.ID)
	assert.Equal(t, "yAjhKk123NLIjdrBdGZPf8pLIDvK", res.RefreshToken)
	assert.Equal(t, []time.Duration{5 * time.Second, 5 * time.Second, 10 * time.Second, 10 * time.Second}, clock.waits,
		"waits the interval before each poll; slow_down adds 5s for good")
	require.Len(t, rec.reqs, 4)
	for _, req := range rec.reqs {
		assert.JSONEq(t, `{"grant_type":"urn:ietf:params:oauth:grant-type:device_code","client_id":"client_123",
			"device_code":"dev_code_secret","user_agent":"mycli/2.0"}`, string(req.Body))
		assert.Empty(t, req.Header.Values("Authorization"))
	}
}

func TestPollDeviceCode_DefaultsToFiveSeconds(t *testing.T) {
	c, mt := newMockTransportClient(t)
	rec := &requestLog{}
	deviceReplies(mt, rec, [2]any{400, devicePending}, [2]any{200, authResponseJSON})
	clock := &deviceClock{}
	_, err := c.UserManagement.PollDeviceCode(context.Background(), PollDeviceCodeParams{DeviceCode: "d", Sleep: clock.sleep})
	require.NoError(t, err)
	assert.Equal(t, []time.Duration{5 * time.Second, 5 * time.Second}, clock.waits)
}

func TestPollDeviceCode_EndsWithTypedErrors(t *testing.T) {
	cases := []struct {
		name     string
		reply    string
		sentinel error
		other    error
		code     ErrorCode
	}{
		{"expired", `{"error":"expired_token","error_description":"The request failed due to: expired_token."}`, ErrDeviceCodeExpired, ErrDeviceAccessDenied, ErrorCodeExpiredToken},
		{"denied", `{"error":"access_denied","error_description":"The request failed due to: access_denied."}`, ErrDeviceAccessDenied, ErrDeviceCodeExpired, ErrorCodeAccessDenied},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, mt := newMockTransportClient(t)
			rec := &requestLog{}
			deviceReplies(mt, rec, [2]any{400, devicePending}, [2]any{400, tc.reply})
			clock := &deviceClock{}

			res, err := c.UserManagement.PollDeviceCode(context.Background(), PollDeviceCodeParams{DeviceCode: "dev_code_secret", Interval: 2 * time.Second, Sleep: clock.sleep})
			assert.Nil(t, res)
			require.ErrorIs(t, err, tc.sentinel)
			assert.NotErrorIs(t, err, tc.other)
			assert.ErrorIs(t, err, ErrBadRequest)
			var dce *DeviceCodeError
			require.ErrorAs(t, err, &dce)
			assert.Equal(t, tc.code, dce.Code)
			var apiErr *APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, 400, apiErr.StatusCode)
			assert.NotContains(t, err.Error(), "dev_code_secret")
			assert.Equal(t, []time.Duration{2 * time.Second, 2 * time.Second}, clock.waits)
			assert.Len(t, rec.reqs, 2, "stops polling at once")
		})
	}
}

func TestPollDeviceCode_OtherErrorsEndIt(t *testing.T) {
	c, mt := newMockTransportClient(t)
	rec := &requestLog{}
	deviceReplies(mt, rec, [2]any{400, `{"error":"invalid_grant","error_description":"Unknown device code."}`})
	_, err := c.UserManagement.PollDeviceCode(context.Background(), PollDeviceCodeParams{DeviceCode: "d", Sleep: (&deviceClock{}).sleep})
	assert.True(t, IsInvalidGrant(err))
	var dce *DeviceCodeError
	assert.False(t, errors.As(err, &dce))
	assert.Len(t, rec.reqs, 1)
}

func TestPollDeviceCode_CancelledContextStopsAtOnce(t *testing.T) {
	t.Run("during an injected wait", func(t *testing.T) {
		c, mt := newMockTransportClient(t)
		rec := &requestLog{}
		deviceReplies(mt, rec, [2]any{400, devicePending})
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		clock := &deviceClock{onWait: func(n int) {
			if n == 2 {
				cancel()
			}
		}}
		_, err := c.UserManagement.PollDeviceCode(ctx, PollDeviceCodeParams{DeviceCode: "d", Sleep: clock.sleep})
		require.ErrorIs(t, err, context.Canceled)
		assert.Len(t, rec.reqs, 1, "no poll after the cancel")
	})
	t.Run("during a real wait", func(t *testing.T) {
		c, mt := newMockTransportClient(t)
		rec := &requestLog{}
		deviceReplies(mt, rec, [2]any{400, devicePending})
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(20*time.Millisecond, cancel)
		start := time.Now()
		_, err := c.UserManagement.PollDeviceCode(ctx, PollDeviceCodeParams{DeviceCode: "d", Interval: time.Hour})
		require.ErrorIs(t, err, context.Canceled)
		assert.Less(t, time.Since(start), 5*time.Second, "did not wait out the interval")
		assert.Empty(t, rec.reqs)
	})
	t.Run("already cancelled", func(t *testing.T) {
		c, mt := newMockTransportClient(t)
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		_, err := c.UserManagement.PollDeviceCode(ctx, PollDeviceCodeParams{DeviceCode: "d", Sleep: func(context.Context, time.Duration) error { return nil }})
		require.ErrorIs(t, err, context.Canceled)
		assert.Zero(t, mt.GetTotalCallCount())
	})
}

func TestPollDeviceCode_RefusesBadInputWithoutSending(t *testing.T) {
	c, mt := newMockTransportClient(t)
	_, err := c.UserManagement.PollDeviceCode(context.Background(), PollDeviceCodeParams{})
	require.ErrorIs(t, err, ErrInvalidParams)
	assert.EqualError(t, err, "workos: invalid params: DeviceCode is required")
	_, err = c.UserManagement.PollDeviceCode(context.Background(), PollDeviceCodeParams{DeviceCode: "d", Interval: -time.Second})
	require.ErrorIs(t, err, ErrInvalidParams)
	assert.EqualError(t, err, "workos: invalid params: Interval must not be negative")
	assert.Zero(t, mt.GetTotalCallCount())
}
