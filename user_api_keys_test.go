package workos

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const userAPIKeysPageJSON = `{
  "object": "list",
  "data": [
    {
      "object": "api_key",
      "id": "api_key_01EHZNVPK3SFK441A1RGBFSHRT",
      "owner": {"type": "user", "id": "user_01EHZNVPK3SFK441A1RGBFSHRT", "organization_id": "org_01EHZNVPK3SFK441A1RGBFSHRT"},
      "name": "Production API Key",
      "obfuscated_value": "sk_...3456",
      "last_used_at": "2026-01-20T08:00:00.000Z",
      "expires_at": null,
      "permissions": ["posts:read", "posts:write"],
      "created_at": "2026-01-15T12:00:00.000Z",
      "updated_at": "2026-01-15T12:30:00.000Z"
    }
  ],
  "list_metadata": {"before": null, "after": null}
}`

func TestListUserAPIKeys_FiltersByOrganizationAndDecodesKeys(t *testing.T) {
	c, sent := newRecordingClient(t, cannedReply{http.StatusOK, userAPIKeysPageJSON})
	page, err := c.UserManagement.ListUserAPIKeys(context.Background(), "user_01/EH", ListUserAPIKeysParams{
		ListParams:     ListParams{Limit: 20},
		OrganizationID: "org_01EHZNVPK3SFK441A1RGBFSHRT",
	}).Page()
	require.NoError(t, err)
	assertRequest(t, onlyRequest(t, sent), http.MethodGet, "/user_management/users/user_01%2FEH/api_keys", "limit=20&organization_id=org_01EHZNVPK3SFK441A1RGBFSHRT", "")
	assertResponseMeta(t, page.LastResponse, http.StatusOK)
	require.Len(t, page.Data, 1)
	k := page.Data[0]
	assert.Equal(t, "api_key", k.Object)
	assert.Equal(t, "api_key_01EHZNVPK3SFK441A1RGBFSHRT", k.ID)
	assert.Equal(t, UserAPIKeyOwner{Type: "user", ID: "user_01EHZNVPK3SFK441A1RGBFSHRT", OrganizationID: "org_01EHZNVPK3SFK441A1RGBFSHRT"}, k.Owner)
	assert.Equal(t, "Production API Key", k.Name)
	assert.Equal(t, "sk_...3456", k.ObfuscatedValue)
	require.NotNil(t, k.LastUsedAt)
	assert.Equal(t, mustParseTime(t, "2026-01-20T08:00:00Z"), *k.LastUsedAt)
	assert.Nil(t, k.ExpiresAt)
	assert.Equal(t, []string{"posts:read", "posts:write"}, k.Permissions)
	assert.Equal(t, mustParseTime(t, "2026-01-15T12:00:00Z"), k.CreatedAt)
	assert.Equal(t, mustParseTime(t, "2026-01-15T12:30:00Z"), k.UpdatedAt)
	assertReencodeKeepsFields[Page[UserAPIKey]](t, userAPIKeysPageJSON)
}

const userAPIKeySecret = "sk_live_abcdefghijklmnop123456"

const createdUserAPIKeyJSON = `{
  "object": "api_key",
  "id": "api_key_01EHZNVPK3SFK441A1RGBFSHRT",
  "owner": {"type": "user", "id": "user_01EHZNVPK3SFK441A1RGBFSHRT", "organization_id": "org_01EHZNVPK3SFK441A1RGBFSHRT"},
  "name": "CI key",
  "obfuscated_value": "sk_...3456",
  "last_used_at": null,
  "expires_at": "2030-01-01T00:00:00.000Z",
  "permissions": ["posts:read"],
  "created_at": "2026-01-15T12:00:00.000Z",
  "updated_at": "2026-01-15T12:00:00.000Z",
  "value": "` + userAPIKeySecret + `"
}`

func TestCreateUserAPIKey_PostsBodyAndReturnsTheSecretOnce(t *testing.T) {
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c, sent := newRecordingClientWith(t, []Option{WithLogger(logger)}, cannedReply{http.StatusCreated, createdUserAPIKeyJSON})
	expires := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	k, err := c.UserManagement.CreateUserAPIKey(context.Background(), "user_01/EH", CreateUserAPIKeyParams{
		Name:           "CI key",
		OrganizationID: "org_01EHZNVPK3SFK441A1RGBFSHRT",
		Permissions:    []string{"posts:read"},
		ExpiresAt:      expires,
	})
	require.NoError(t, err)
	assertRequest(t, onlyRequest(t, sent), http.MethodPost, "/user_management/users/user_01%2FEH/api_keys", "",
		`{"name": "CI key", "organization_id": "org_01EHZNVPK3SFK441A1RGBFSHRT", "permissions": ["posts:read"], "expires_at": "2030-01-01T00:00:00Z"}`)
	assertResponseMeta(t, k.LastResponse, http.StatusCreated)

	assert.Equal(t, "api_key", k.Object)
	assert.Equal(t, "api_key_01EHZNVPK3SFK441A1RGBFSHRT", k.ID)
	assert.Equal(t, UserAPIKeyOwner{Type: "user", ID: "user_01EHZNVPK3SFK441A1RGBFSHRT", OrganizationID: "org_01EHZNVPK3SFK441A1RGBFSHRT"}, k.Owner)
	assert.Equal(t, "CI key", k.Name)
	assert.Equal(t, "sk_...3456", k.ObfuscatedValue)
	assert.Nil(t, k.LastUsedAt)
	require.NotNil(t, k.ExpiresAt)
	assert.Equal(t, expires, *k.ExpiresAt)
	assert.Equal(t, []string{"posts:read"}, k.Permissions)
	assert.Equal(t, mustParseTime(t, "2026-01-15T12:00:00Z"), k.CreatedAt)
	assert.Equal(t, mustParseTime(t, "2026-01-15T12:00:00Z"), k.UpdatedAt)
	assert.Equal(t, userAPIKeySecret, k.Value)
	assertReencodeKeepsFields[UserAPIKeyWithValue](t, createdUserAPIKeyJSON)

	// The secret stays out of the SDK's logs and of printed or logged keys.
	assert.Contains(t, logs.String(), "api_keys", "the request was logged")
	assert.NotContains(t, logs.String(), userAPIKeySecret)
	assert.NotContains(t, fmt.Sprint(*k), userAPIKeySecret)
	assert.NotContains(t, fmt.Sprintf("%v %+v %s %#v %v", *k, *k, *k, *k, k), userAPIKeySecret)
	var logged bytes.Buffer
	slog.New(slog.NewJSONHandler(&logged, nil)).Info("created", "key", *k)
	assert.Contains(t, logged.String(), "api_key_01EHZNVPK3SFK441A1RGBFSHRT")
	assert.NotContains(t, logged.String(), userAPIKeySecret)
}

func TestCreateUserAPIKey_ValidationErrorListsFields(t *testing.T) {
	c, _ := newRecordingClient(t, cannedReply{http.StatusBadRequest, `{"message": "Validation failed.", "errors": [{"code": "permission_not_enabled", "field": "permissions"}]}`})
	_, err := c.UserManagement.CreateUserAPIKey(context.Background(), "user_1", CreateUserAPIKeyParams{Name: "k", OrganizationID: "org_1", Permissions: []string{"nope"}})
	apiErr := assertAPIError(t, err, ErrBadRequest, http.StatusBadRequest, "", "Validation failed.")
	assert.Equal(t, []FieldError{{Field: "permissions", Code: "permission_not_enabled"}}, apiErr.Errors)
}
