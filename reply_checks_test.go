package workos

import (
	"context"
	"net/http"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRepliesMissingRequiredFieldsAreDecodeErrors(t *testing.T) {
	ctx := context.Background()
	const incomplete = "workos: reply is empty or lacks a required field: "
	const user = `{"object":"user","id":"user_1","email":"ada@example.com"}`
	signIn := func(c *Client) error {
		_, err := c.UserManagement.AuthenticateWithPassword(ctx, AuthenticateWithPasswordParams{Email: "ada@example.com", Password: "pw"})
		return err
	}
	getUser := func(c *Client) error { _, err := c.UserManagement.GetUser(ctx, "user_1"); return err }
	tests := []struct {
		name, body, want string
		call             func(*Client) error
	}{
		{"GetUser: {}", `{}`, incomplete + "empty body", getUser},
		{"GetUser: null", `null`, incomplete + "empty body", getUser},
		{"GetUser: empty", ``, incomplete + "empty body", getUser},
		{"GetUser: no id", `{"object":"user","email":"ada@example.com"}`, incomplete + "no id", getUser},
		{"CreateUser: no id", `{"object":"user","email":"ada@example.com"}`, incomplete + "no id", func(c *Client) error {
			_, err := c.UserManagement.CreateUser(ctx, CreateUserParams{Email: "ada@example.com"})
			return err
		}},
		{"GetInvitation: no id", `{"object":"invitation","email":"ada@example.com"}`, incomplete + "no id", func(c *Client) error {
			_, err := c.UserManagement.GetInvitation(ctx, "invitation_1")
			return err
		}},
		{"ListUsers: an item without id", `{"object":"list","data":[` + user + `,{"object":"user"}],"list_metadata":{}}`, "data[1]: " + incomplete + "no id", func(c *Client) error {
			_, err := c.UserManagement.ListUsers(ctx, ListUsersParams{}).Page()
			return err
		}},
		{"ListDataProviders: an item without id", `{"object":"list","data":[{"object":"data_provider"}]}`, "data[0]: " + incomplete + "no id", func(c *Client) error {
			_, err := c.UserManagement.ListDataProviders(ctx, "user_1", ListDataProvidersParams{})
			return err
		}},
		{"VerifyEmail: user without id", `{"user":{"object":"user"}}`, incomplete + "no user.id", func(c *Client) error {
			_, err := c.UserManagement.VerifyEmail(ctx, "user_1", VerifyEmailParams{Code: "123456"})
			return err
		}},
		{"EnrollAuthFactor: factor without id", `{"authentication_factor":{"type":"totp"},"authentication_challenge":{"id":"auth_challenge_1"}}`, incomplete + "no authentication_factor.id", func(c *Client) error {
			_, err := c.UserManagement.EnrollAuthFactor(ctx, "user_1", EnrollAuthFactorParams{})
			return err
		}},
		{"GetJWTTemplate: {}", `{}`, incomplete + "empty body", func(c *Client) error { _, err := c.UserManagement.GetJWTTemplate(ctx); return err }},
		{"authenticate: {}", `{}`, incomplete + "empty body", signIn},
		{"authenticate: no access_token", `{"user":` + user + `,"refresh_token":"rt"}`, incomplete + "no access_token", signIn},
		{"authenticate: no refresh_token", `{"user":` + user + `,"access_token":"at"}`, incomplete + "no refresh_token", signIn},
		{"authenticate: no user", `{"access_token":"at","refresh_token":"rt"}`, incomplete + "no user.id", signIn},
		{"CreateDevice: no device_code", `{"user_code":"ABCD-EFGH","verification_uri":"https://x"}`, incomplete + "no device_code", func(c *Client) error {
			_, err := c.UserManagement.CreateDevice(ctx, CreateDeviceParams{})
			return err
		}},
		{"CreateDevice: no user_code", `{"device_code":"dc","verification_uri":"https://x"}`, incomplete + "no user_code", func(c *Client) error {
			_, err := c.UserManagement.CreateDevice(ctx, CreateDeviceParams{})
			return err
		}},
		{"ListRoles: a role without id", `{"object":"list","data":[{"object":"role","id":"role_1","slug":"admin"},{"object":"role","slug":"member"}]}`, "data[1]: " + incomplete + "no id", func(c *Client) error {
			_, err := c.Authorization.ListRoles(ctx)
			return err
		}},
		{"ListEvents: an event without id", `{"object":"list","data":[{"object":"event","event":"user.created","data":{}}],"list_metadata":{}}`, "data[0]: " + incomplete + "no id", func(c *Client) error {
			_, err := c.Events.ListEvents(ctx, ListEventsParams{}).Page()
			return err
		}},
		{"GetOrganization: no id", `{"object":"organization","name":"Acme"}`, incomplete + "no id", func(c *Client) error {
			_, err := c.Organizations.GetOrganization(ctx, "org_1")
			return err
		}},
		{"authenticate: user without id", `{"user":{"object":"user"},"access_token":"at","refresh_token":"rt"}`, incomplete + "no user.id", signIn},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, m := newScriptedClient(t, []httpmock.Responder{scriptedReply(http.StatusOK, tt.body, "X-Request-Id", "req_9")})
			err := tt.call(c)
			var de *DecodeError
			require.ErrorAs(t, err, &de)
			assert.Equal(t, http.StatusOK, de.StatusCode)
			assert.Equal(t, "req_9", de.RequestID)
			assert.ErrorIs(t, err, ErrIncompleteReply)
			assert.EqualError(t, err, "workos: decode 200 reply [request req_9]: "+tt.want)
			assert.Len(t, m.requests(), 1, "a bad reply is not retried")
		})
	}
}

func TestCompleteRepliesPassTheChecks(t *testing.T) {
	ctx := context.Background()
	c, _ := newScriptedClient(t, []httpmock.Responder{scriptedReply(http.StatusOK,
		`{"user":{"object":"user","id":"user_1"},"access_token":"at","refresh_token":"rt"}`)})
	res, err := c.UserManagement.AuthenticateWithPassword(ctx, AuthenticateWithPasswordParams{Email: "ada@example.com", Password: "pw"})
	require.NoError(t, err)
	assert.Equal(t, "user_1", res.User.ID)

	c, _ = newScriptedClient(t, []httpmock.Responder{scriptedReply(http.StatusOK, `{"object":"list","data":[],"list_metadata":{}}`)})
	page, err := c.UserManagement.ListUsers(ctx, ListUsersParams{}).Page()
	require.NoError(t, err)
	assert.Empty(t, page.Data, "an empty page is a valid page")
}
