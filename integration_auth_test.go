package workos_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/kestrel-dev/workos"
	"github.com/kestrel-dev/workos/workostest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestIntegration_DevicePollingSlowsDownThenSucceeds has the fake answer
// slow_down twice: PollDeviceCode adds 5 seconds to its wait each time, as
// RFC 8628 asks, keeps polling while the user has not approved, and returns
// the session once they have.
func TestIntegration_DevicePollingSlowsDownThenSucceeds(t *testing.T) {
	t.Parallel()
	srv := workostest.NewServer(t)
	u := srv.CreateUser(workostest.NewUser{Email: "cli@example.com"})
	org := srv.CreateOrganization("Acme")
	srv.AddMembership(u.ID, org.ID, workostest.StatusActive)
	um := srv.Client(workos.WithAPIKey("")).UserManagement
	ctx := integCtx(t)

	da, err := um.CreateDevice(ctx, workos.CreateDeviceParams{})
	require.NoError(t, err)
	assert.Equal(t, time.Second, da.PollInterval(), "the fake advertises one second")
	srv.SlowDownDevicePolls(2)
	var waits []time.Duration
	resp, err := um.PollDeviceCode(ctx, workos.PollDeviceCodeParams{
		DeviceCode: da.DeviceCode, Interval: da.PollInterval(),
		Sleep: func(_ context.Context, d time.Duration) error {
			waits = append(waits, d)
			if len(waits) == 4 {
				require.NoError(t, srv.ApproveDevice(da.UserCode, u.ID))
			}
			return nil
		},
	})
	require.NoError(t, err)
	// slow_down, slow_down, authorization_pending, then approved.
	assert.Equal(t, []time.Duration{time.Second, 6 * time.Second, 11 * time.Second, 11 * time.Second}, waits)
	assert.Equal(t, u.ID, resp.User.ID)
	assert.Equal(t, org.ID, resp.OrganizationID, "the device login signs in to the user's only organization")
	assert.Equal(t, 4, srv.CountRequests(http.MethodPost, "/user_management/authenticate"))
}

// TestIntegration_DevicePollingEndsWhenTheCodeExpires moves the fake's
// clock past the device code's life while the CLI waits: the next poll
// ends the flow with ErrDeviceCodeExpired.
func TestIntegration_DevicePollingEndsWhenTheCodeExpires(t *testing.T) {
	t.Parallel()
	srv := workostest.NewServer(t)
	um := srv.Client(workos.WithAPIKey("")).UserManagement
	ctx := integCtx(t)
	da, err := um.CreateDevice(ctx, workos.CreateDeviceParams{})
	require.NoError(t, err)
	polls := 0
	_, err = um.PollDeviceCode(ctx, workos.PollDeviceCodeParams{
		DeviceCode: da.DeviceCode,
		Sleep: func(context.Context, time.Duration) error {
			polls++
			if polls == 2 {
				srv.Advance(da.ExpiresAfter() + time.Second)
			}
			return nil
		},
	})
	var dce *workos.DeviceCodeError
	require.ErrorAs(t, err, &dce)
	assert.ErrorIs(t, err, workos.ErrDeviceCodeExpired)
	assert.Equal(t, workos.ErrorCodeExpiredToken, dce.Code)
	assert.Equal(t, 2, polls)
	assert.NotContains(t, err.Error(), da.DeviceCode)
}

// TestIntegration_IdempotencyKeyMakesARepeatedPOSTOnce sends the same
// CreateUser twice under one Idempotency-Key, as an application retrying
// after a crash would: the fake replays the first reply and creates one
// user.
func TestIntegration_IdempotencyKeyMakesARepeatedPOSTOnce(t *testing.T) {
	t.Parallel()
	srv := workostest.NewServer(t)
	um := srv.Client().UserManagement
	ctx := integCtx(t)
	params := workos.CreateUserParams{Email: "once@example.com", FirstName: workos.String("Once")}
	first, err := um.CreateUser(ctx, params, workos.WithIdempotencyKey("signup-once-1"))
	require.NoError(t, err)
	second, err := um.CreateUser(ctx, params, workos.WithIdempotencyKey("signup-once-1"))
	require.NoError(t, err, "a replay, not a duplicate-email error")
	assert.Equal(t, first.ID, second.ID)
	users := integAll(t, um.ListUsers(ctx, workos.ListUsersParams{Email: "once@example.com"}))
	assert.Len(t, users, 1)

	_, err = um.CreateUser(ctx, params, workos.WithIdempotencyKey("signup-once-2"))
	integAPIError(t, err, http.StatusBadRequest, "user_creation_error")
}

// TestIntegration_PerCallOptionsOverrideTheClient checks that an option
// passed to one call changes only that call: a wrong API key is refused
// with 401 (not retried), and the next call uses the Client's key again.
func TestIntegration_PerCallOptionsOverrideTheClient(t *testing.T) {
	t.Parallel()
	srv := workostest.NewServer(t)
	um := srv.Client().UserManagement
	ctx := integCtx(t)
	u := srv.CreateUser(workostest.NewUser{Email: "opts@example.com"})

	_, err := um.GetUser(ctx, u.ID, workos.WithAPIKey("sk_test_wrong"))
	integAPIError(t, err, http.StatusUnauthorized, "")
	assert.ErrorIs(t, err, workos.ErrUnauthorized)
	assert.NotContains(t, err.Error(), "sk_test_wrong")
	assert.Equal(t, 1, srv.CountRequests(http.MethodGet, "/user_management/users/*"), "a 401 is not retried")

	got, err := um.GetUser(ctx, u.ID)
	require.NoError(t, err)
	assert.Equal(t, u.Email, got.Email)
	reqs := srv.Requests()
	assert.False(t, reqs[0].Authorized)
	assert.True(t, reqs[1].Authorized)

	before := len(srv.Requests())
	_, err = srv.Client(workos.WithAPIKey("")).UserManagement.GetUser(ctx, u.ID)
	assert.ErrorIs(t, err, workos.ErrMissingAPIKey)
	assert.Len(t, srv.Requests(), before, "nothing is sent without a key")
}
