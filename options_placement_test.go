package workos

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const placementSealPassword = "a-cookie-password-of-32-characters-or-more"

// An option given to a call it cannot apply to fails with ErrInvalidParams
// and sends nothing, instead of being ignored while the call succeeds.
func TestOptions_MisplacedOnACallAreRefusedBeforeSending(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name string
		msg  string
		run  func(um *UserManagementService) error
	}{
		{"sealed session on GetUser", "WithSealedSession applies to authenticate calls only, which return a session to seal",
			func(um *UserManagementService) error {
				_, err := um.GetUser(ctx, "user_1", WithSealedSession(placementSealPassword))
				return err
			}},
		{"sealed session on a POST that is not a sign-in", "WithSealedSession applies to authenticate calls only, which return a session to seal",
			func(um *UserManagementService) error {
				_, err := um.CreateMagicAuth(ctx, CreateMagicAuthParams{Email: "a@example.com"}, WithSealedSession(placementSealPassword))
				return err
			}},
		{"sealed session on CreateDevice", "WithSealedSession applies to authenticate calls only, which return a session to seal",
			func(um *UserManagementService) error {
				_, err := um.CreateDevice(ctx, CreateDeviceParams{}, WithSealedSession(placementSealPassword))
				return err
			}},
		{"sealed session on a list page", "WithSealedSession applies to authenticate calls only, which return a session to seal",
			func(um *UserManagementService) error {
				_, err := um.ListUsers(ctx, ListUsersParams{}, WithSealedSession(placementSealPassword)).Page()
				return err
			}},
		{"idempotency key on a GET", "WithIdempotencyKey applies to POST calls only, and this call is a GET",
			func(um *UserManagementService) error {
				_, err := um.GetUser(ctx, "user_1", WithIdempotencyKey("k-1"))
				return err
			}},
		{"idempotency key on a PUT", "WithIdempotencyKey applies to POST calls only, and this call is a PUT",
			func(um *UserManagementService) error {
				_, err := um.UpdateUser(ctx, "user_1", UpdateUserParams{FirstName: String("Ada")}, WithIdempotencyKey("k-1"))
				return err
			}},
		{"idempotency key on a DELETE", "WithIdempotencyKey applies to POST calls only, and this call is a DELETE",
			func(um *UserManagementService) error {
				_, err := um.DeleteUser(ctx, "user_1", WithIdempotencyKey("k-1"))
				return err
			}},
		{"idempotency key on PollDeviceCode, which sends a new POST each poll",
			"WithIdempotencyKey does not apply to PollDeviceCode, which sends a new request each poll",
			func(um *UserManagementService) error {
				_, err := um.PollDeviceCode(ctx, PollDeviceCodeParams{DeviceCode: "dc_1"}, WithIdempotencyKey("k-1"))
				return err
			}},
		{"app info on a call", "WithAppInfo is a client option: pass it to NewClient",
			func(um *UserManagementService) error {
				_, err := um.GetUser(ctx, "user_1", WithAppInfo("shop", "1.0"))
				return err
			}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, sent := newRecordingClient(t, cannedReply{http.StatusOK, usersUserJSON})
			err := tc.run(c.UserManagement)
			require.ErrorIs(t, err, ErrInvalidParams)
			assert.EqualError(t, err, "workos: invalid params: "+tc.msg)
			assert.NotContains(t, err.Error(), placementSealPassword)
			assert.Empty(t, sent(), "nothing may be sent")
		})
	}
}

// The same options, where they belong, still work.
func TestOptions_PlacedWhereTheyApplyStillWork(t *testing.T) {
	ctx := context.Background()
	t.Run("idempotency key on a POST is sent", func(t *testing.T) {
		c, sent := newRecordingClient(t, cannedReply{http.StatusOK, `{"object":"magic_auth","id":"magic_auth_1"}`})
		_, err := c.UserManagement.CreateMagicAuth(ctx, CreateMagicAuthParams{Email: "a@example.com"}, WithIdempotencyKey("k-1"))
		require.NoError(t, err)
		assert.Equal(t, "k-1", sent()[0].Header.Get("Idempotency-Key"))
	})
	t.Run("sealed session on an authenticate call seals", func(t *testing.T) {
		c, mt := newMockTransportClient(t)
		mt.RegisterResponder(http.MethodPost, authTestURL, (&requestLog{}).responder(200, authResponseJSON))
		res, err := c.UserManagement.AuthenticateWithPassword(ctx, AuthenticateWithPasswordParams{Email: "a@example.com", Password: "pw"},
			WithSealedSession(placementSealPassword))
		require.NoError(t, err)
		assert.NotEmpty(t, res.SealedSession)
	})
	t.Run("app info on NewClient goes in the User-Agent", func(t *testing.T) {
		c, sent := newRecordingClientWith(t, []Option{WithAppInfo("shop", "1.0")}, cannedReply{http.StatusOK, usersUserJSON})
		_, err := c.UserManagement.GetUser(ctx, "user_1")
		require.NoError(t, err)
		assert.Contains(t, sent()[0].Header.Get("User-Agent"), " shop/1.0")
	})
}

// An empty password is a misplaced-looking option too: it fails as too
// short rather than quietly turning sealing off.
func TestWithSealedSession_EmptyPasswordIsTooShort(t *testing.T) {
	c, mt := newMockTransportClient(t)
	_, err := c.UserManagement.AuthenticateWithPassword(context.Background(), AuthenticateWithPasswordParams{Email: "a@example.com", Password: "pw"},
		WithSealedSession(""))
	require.ErrorIs(t, err, ErrSealPasswordTooShort)
	assert.Zero(t, mt.GetTotalCallCount())
}
