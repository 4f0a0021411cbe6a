package workos

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const featureFlagsPageJSON = `{
  "object": "list",
  "data": [
    {
      "object": "feature_flag",
      "id": "flag_01EHZNVPK3SFK441A1RGBFSHRT",
      "slug": "advanced-analytics",
      "name": "Advanced Analytics",
      "description": "Enable advanced analytics dashboard feature",
      "owner": {"email": "jane@example.com", "first_name": "Jane", "last_name": null},
      "tags": ["reports"],
      "enabled": true,
      "default_value": false,
      "created_at": "2026-01-15T12:00:00.000Z",
      "updated_at": "2026-01-15T12:30:00.000Z"
    },
    {
      "object": "feature_flag",
      "id": "flag_02",
      "slug": "beta",
      "name": "Beta",
      "description": null,
      "owner": null,
      "tags": [],
      "enabled": false,
      "default_value": true,
      "created_at": "2026-01-16T12:00:00.000Z",
      "updated_at": "2026-01-16T12:00:00.000Z"
    }
  ],
  "list_metadata": {"before": null, "after": "flag_02"}
}`

func TestListUserFeatureFlags_DecodesEveryFlagField(t *testing.T) {
	c, sent := newRecordingClient(t, cannedReply{http.StatusOK, featureFlagsPageJSON})
	page, err := c.UserManagement.ListUserFeatureFlags(context.Background(), "user_01/E4", ListUserFeatureFlagsParams{ListParams: ListParams{Order: OrderDesc}}).Page()
	require.NoError(t, err)
	assertRequest(t, onlyRequest(t, sent), http.MethodGet, "/user_management/users/user_01%2FE4/feature-flags", "order=desc", "")
	assertResponseMeta(t, page.LastResponse, http.StatusOK)
	require.Len(t, page.Data, 2)

	f := page.Data[0]
	assert.Equal(t, "feature_flag", f.Object)
	assert.Equal(t, "flag_01EHZNVPK3SFK441A1RGBFSHRT", f.ID)
	assert.Equal(t, "advanced-analytics", f.Slug)
	assert.Equal(t, "Advanced Analytics", f.Name)
	require.NotNil(t, f.Description)
	assert.Equal(t, "Enable advanced analytics dashboard feature", *f.Description)
	require.NotNil(t, f.Owner)
	assert.Equal(t, "jane@example.com", f.Owner.Email)
	assert.Equal(t, String("Jane"), f.Owner.FirstName)
	assert.Nil(t, f.Owner.LastName)
	assert.Equal(t, []string{"reports"}, f.Tags)
	assert.True(t, f.Enabled)
	assert.False(t, f.DefaultValue)
	assert.Equal(t, mustParseTime(t, "2026-01-15T12:00:00Z"), f.CreatedAt)
	assert.Equal(t, mustParseTime(t, "2026-01-15T12:30:00Z"), f.UpdatedAt)

	bare := page.Data[1]
	assert.Nil(t, bare.Description)
	assert.Nil(t, bare.Owner)
	assert.Equal(t, []string{}, bare.Tags)
	assert.False(t, bare.Enabled)
	assert.True(t, bare.DefaultValue)
	assertReencodeKeepsFields[Page[Flag]](t, featureFlagsPageJSON)
}

func TestListUserFeatureFlags_AllOnAnEmptyListSendsOneFullSizedRequest(t *testing.T) {
	c, sent := newRecordingClient(t, cannedReply{http.StatusOK, `{"object": "list", "data": [], "list_metadata": {"before": null, "after": null}}`})
	n := 0
	for _, err := range c.UserManagement.ListUserFeatureFlags(context.Background(), "user_1", ListUserFeatureFlagsParams{}).All() {
		require.NoError(t, err)
		n++
	}
	assert.Zero(t, n)
	assertRequest(t, onlyRequest(t, sent), http.MethodGet, "/user_management/users/user_1/feature-flags", "limit=100", "")
}

func TestListUserFeatureFlags_UnknownUserIsNotFound(t *testing.T) {
	c, _ := newRecordingClient(t, cannedReply{http.StatusNotFound, `{"message": "User not found: 'user_missing'."}`})
	_, err := c.UserManagement.ListUserFeatureFlags(context.Background(), "user_missing", ListUserFeatureFlagsParams{}).Page()
	assertAPIError(t, err, ErrNotFound, http.StatusNotFound, "", "User not found: 'user_missing'.")
}
