package workos

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const connectedAccountJSON = `{
  "object": "connected_account",
  "id": "data_installation_01EHZNVPK3SFK441A1RGBFSHRT",
  "user_id": "user_01EHZNVPK3SFK441A1RGBFSHRT",
  "organization_id": null,
  "scopes": ["repo", "user:email"],
  "auth_method": "client_credentials",
  "api_key_last_4": null,
  "client_id": "3MVG9dZJodJWxft2VoStSCVwPFsx0eDcpVc",
  "client_secret_last_4": "cdef",
  "config": {"instance_url": "https://example.my.salesforce.com"},
  "state": "connected",
  "created_at": "2024-01-16T14:20:00.000Z",
  "updated_at": "2024-01-16T15:20:00.000Z"
}`

func assertConnectedAccount(t *testing.T, a *ConnectedAccount, status int) {
	t.Helper()
	assertResponseMeta(t, a.LastResponse, status)
	assert.Equal(t, "connected_account", a.Object)
	assert.Equal(t, "data_installation_01EHZNVPK3SFK441A1RGBFSHRT", a.ID)
	assert.Equal(t, String("user_01EHZNVPK3SFK441A1RGBFSHRT"), a.UserID)
	assert.Nil(t, a.OrganizationID)
	assert.Equal(t, []string{"repo", "user:email"}, a.Scopes)
	assert.Equal(t, ConnectedAccountAuthMethodClientCredentials, a.AuthMethod)
	assert.Nil(t, a.APIKeyLast4)
	assert.Equal(t, String("3MVG9dZJodJWxft2VoStSCVwPFsx0eDcpVc"), a.ClientID)
	assert.Equal(t, String("cdef"), a.ClientSecretLast4)
	assert.Equal(t, map[string]string{"instance_url": "https://example.my.salesforce.com"}, a.Config)
	assert.Equal(t, ConnectedAccountStateConnected, a.State)
	assert.Equal(t, mustParseTime(t, "2024-01-16T14:20:00Z"), a.CreatedAt.Time)
	assert.Equal(t, mustParseTime(t, "2024-01-16T15:20:00Z"), a.UpdatedAt.Time)
}

func TestGetConnectedAccount_SendsOrganizationQueryAndDecodesAccount(t *testing.T) {
	c, sent := newRecordingClient(t, cannedReply{http.StatusOK, connectedAccountJSON})
	a, err := c.UserManagement.GetConnectedAccount(context.Background(), "user_01/EH", "git hub", GetConnectedAccountParams{OrganizationID: "org_1"})
	require.NoError(t, err)
	assertRequest(t, onlyRequest(t, sent), http.MethodGet, "/user_management/users/user_01%2FEH/connected_accounts/git%20hub", "organization_id=org_1", "")
	assertConnectedAccount(t, a, http.StatusOK)
	assertReencodeKeepsFields[ConnectedAccount](t, connectedAccountJSON)
}

func TestConnectedAccountWrites_SendTokensAndNeverLogThem(t *testing.T) {
	expires := time.Date(2025, 12, 31, 23, 59, 59, 0, time.UTC)
	state := ConnectedAccountStateNeedsReauthorization
	const wantBody = `{"access_token": "gho_secret_access", "refresh_token": "ghr_secret_refresh", "expires_at": "2025-12-31T23:59:59Z", "scopes": ["repo"], "state": "needs_reauthorization"}`
	cases := []struct {
		name   string
		method string
		status int
		query  string
		run    func(*UserManagementService) (*ConnectedAccount, error)
	}{
		{"create", http.MethodPost, http.StatusCreated, "", func(um *UserManagementService) (*ConnectedAccount, error) {
			return um.CreateConnectedAccount(context.Background(), "user_01/EH", "github", CreateConnectedAccountParams{
				AccessToken: "gho_secret_access", RefreshToken: "ghr_secret_refresh",
				ExpiresAt: expires, Scopes: []string{"repo"}, State: state,
			})
		}},
		{"update", http.MethodPut, http.StatusOK, "organization_id=org_1", func(um *UserManagementService) (*ConnectedAccount, error) {
			return um.UpdateConnectedAccount(context.Background(), "user_01/EH", "github", UpdateConnectedAccountParams{
				OrganizationID: "org_1",
				AccessToken:    "gho_secret_access", RefreshToken: "ghr_secret_refresh",
				ExpiresAt: expires, Scopes: []string{"repo"}, State: state,
			})
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var logs bytes.Buffer
			logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
			c, sent := newRecordingClientWith(t, []Option{WithLogger(logger)}, cannedReply{tc.status, connectedAccountJSON})
			a, err := tc.run(c.UserManagement)
			require.NoError(t, err)
			assertRequest(t, onlyRequest(t, sent), tc.method, "/user_management/users/user_01%2FEH/connected_accounts/github", tc.query, wantBody)
			assertConnectedAccount(t, a, tc.status)
			assert.Contains(t, logs.String(), "connected_accounts", "the request was logged")
			assert.NotContains(t, logs.String(), "gho_secret_access")
			assert.NotContains(t, logs.String(), "ghr_secret_refresh")
		})
	}
}

func TestUpdateConnectedAccount_LeavesUnsetFieldsOut(t *testing.T) {
	c, sent := newRecordingClient(t, cannedReply{http.StatusOK, connectedAccountJSON})
	_, err := c.UserManagement.UpdateConnectedAccount(context.Background(), "user_1", "github", UpdateConnectedAccountParams{Scopes: []string{"repo", "gist"}})
	require.NoError(t, err)
	assertRequest(t, onlyRequest(t, sent), http.MethodPut, "/user_management/users/user_1/connected_accounts/github", "", `{"scopes": ["repo", "gist"]}`)
}

func TestDeleteConnectedAccount_SendsDeleteWithOrganizationQuery(t *testing.T) {
	c, sent := newRecordingClient(t, cannedReply{http.StatusNoContent, ``})
	resp, err := c.UserManagement.DeleteConnectedAccount(context.Background(), "user_01/EH", "slack", DeleteConnectedAccountParams{OrganizationID: "org_01/x"})
	require.NoError(t, err)
	assertResponseMeta(t, resp, http.StatusNoContent)
	assertRequest(t, onlyRequest(t, sent), http.MethodDelete, "/user_management/users/user_01%2FEH/connected_accounts/slack", "organization_id=org_01%2Fx", "")
}

func TestGetConnectedAccount_UnauthorizedWithoutBodyStillTyped(t *testing.T) {
	c, _ := newRecordingClient(t, cannedReply{http.StatusUnauthorized, ``})
	_, err := c.UserManagement.GetConnectedAccount(context.Background(), "user_1", "github", GetConnectedAccountParams{})
	assertAPIError(t, err, ErrUnauthorized, http.StatusUnauthorized, "", "Unauthorized")
}

func TestDeleteConnectedAccount_MissingAccountIsNotFound(t *testing.T) {
	c, _ := newRecordingClient(t, cannedReply{http.StatusNotFound, `{"message": "Connected account not found."}`})
	_, err := c.UserManagement.DeleteConnectedAccount(context.Background(), "user_1", "github", DeleteConnectedAccountParams{})
	assertAPIError(t, err, ErrNotFound, http.StatusNotFound, "", "Connected account not found.")
}
