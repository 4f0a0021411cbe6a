package workos

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const redirectURIJSON = `{
  "object": "redirect_uri",
  "id": "redir_01EHZNVPK3SFK441A1RGBFSHRT",
  "uri": "https://example.com/callback",
  "default": true,
  "created_at": "2026-01-15T12:00:00.000Z",
  "updated_at": "2026-01-15T12:30:00.000Z"
}`

func assertRedirectURI(t *testing.T, r RedirectURI) {
	t.Helper()
	assert.Equal(t, "redirect_uri", r.Object)
	assert.Equal(t, "redir_01EHZNVPK3SFK441A1RGBFSHRT", r.ID)
	assert.Equal(t, "https://example.com/callback", r.URI)
	assert.True(t, r.Default)
	assert.Equal(t, mustParseTime(t, "2026-01-15T12:00:00Z"), r.CreatedAt.Time)
	assert.Equal(t, mustParseTime(t, "2026-01-15T12:30:00Z"), r.UpdatedAt.Time)
}

func TestListRedirectURIs_SendsPaginationAndDecodesURIs(t *testing.T) {
	c, sent := newRecordingClient(t, cannedReply{http.StatusOK, `{"object": "list", "data": [` + redirectURIJSON + `], "list_metadata": {"before": null, "after": "redir_01EHZNVPK3SFK441A1RGBFSHRT"}}`})
	page, err := c.UserManagement.ListRedirectURIs(context.Background(), ListRedirectURIsParams{ListParams: ListParams{After: "redir_0"}}).Page()
	require.NoError(t, err)
	assertRequest(t, onlyRequest(t, sent), http.MethodGet, "/user_management/redirect_uris", "after=redir_0", "")
	assertResponseMeta(t, page.LastResponse, http.StatusOK)
	require.NotNil(t, page.ListMetadata.After)
	assert.Equal(t, "redir_01EHZNVPK3SFK441A1RGBFSHRT", *page.ListMetadata.After)
	require.Len(t, page.Data, 1)
	assertRedirectURI(t, page.Data[0])
}

func TestCreateRedirectURI_PostsURIAndDecodesResult(t *testing.T) {
	c, sent := newRecordingClient(t, cannedReply{http.StatusCreated, redirectURIJSON})
	r, err := c.UserManagement.CreateRedirectURI(context.Background(), CreateRedirectURIParams{URI: "https://example.com/callback"})
	require.NoError(t, err)
	assertRequest(t, onlyRequest(t, sent), http.MethodPost, "/user_management/redirect_uris", "", `{"uri": "https://example.com/callback"}`)
	assertResponseMeta(t, r.LastResponse, http.StatusCreated)
	assertRedirectURI(t, *r)
	assertReencodeKeepsFields[RedirectURI](t, redirectURIJSON)
}

func TestDeleteRedirectURI_SendsDeleteToEscapedPath(t *testing.T) {
	c, sent := newRecordingClient(t, cannedReply{http.StatusNoContent, ``})
	resp, err := c.UserManagement.DeleteRedirectURI(context.Background(), "redir_01/EH")
	require.NoError(t, err)
	assertResponseMeta(t, resp, http.StatusNoContent)
	assertRequest(t, onlyRequest(t, sent), http.MethodDelete, "/user_management/redirect_uris/redir_01%2FEH", "", "")
}

func TestDeleteRedirectURI_DefaultURIIsConflict(t *testing.T) {
	c, _ := newRecordingClient(t, cannedReply{http.StatusConflict, `{"message": "Cannot delete the default redirect URI."}`})
	_, err := c.UserManagement.DeleteRedirectURI(context.Background(), "redir_01EHZNVPK3SFK441A1RGBFSHRT")
	assertAPIError(t, err, ErrConflict, http.StatusConflict, "", "Cannot delete the default redirect URI.")
}
