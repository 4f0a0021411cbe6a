package workos

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const authorizedAppsPageJSON = `{
  "object": "list",
  "data": [
    {
      "object": "authorized_connect_application",
      "id": "authorized_connect_app_01HXYZ123456789ABCDEFGHIJ",
      "granted_scopes": ["openid", "profile", "email"],
      "oauth_resource": "https://api.example.com/resource",
      "application": {
        "object": "connect_application",
        "id": "conn_app_01HXYZ123456789ABCDEFGHIJ",
        "client_id": "client_01HXYZ123456789ABCDEFGHIJ",
        "description": "An application for managing user access",
        "name": "My Application",
        "scopes": ["openid", "profile", "email"],
        "created_at": "2026-01-15T12:00:00.000Z",
        "updated_at": "2026-01-16T12:00:00.000Z",
        "application_type": "oauth",
        "redirect_uris": [{"uri": "https://example.com/callback", "default": true}, {"uri": "https://example.com/alt", "default": false}],
        "uses_pkce": false,
        "is_first_party": false,
        "was_dynamically_registered": false,
        "organization_id": "org_01EHZNVPK3SFK441A1RGBFSHRT"
      }
    },
    {
      "object": "authorized_connect_application",
      "id": "authorized_connect_app_01HXYZ987654321KJIHGFEDCBA",
      "granted_scopes": [],
      "application": {
        "object": "connect_application",
        "id": "conn_app_02",
        "client_id": "client_02",
        "description": null,
        "name": "Nightly Sync",
        "scopes": [],
        "created_at": "2026-01-15T12:00:00.000Z",
        "updated_at": "2026-01-15T12:00:00.000Z",
        "application_type": "m2m",
        "organization_id": "org_02"
      }
    }
  ],
  "list_metadata": {"before": "authorized_connect_app_01HXYZ123456789ABCDEFGHIJ", "after": null}
}`

func TestListUserAuthorizedApplications_DecodesBothApplicationShapes(t *testing.T) {
	c, sent := newRecordingClient(t, cannedReply{http.StatusOK, authorizedAppsPageJSON})
	page, err := c.UserManagement.ListUserAuthorizedApplications(context.Background(), "user_01E4/ZCR",
		ListUserAuthorizedApplicationsParams{ListParams: ListParams{Before: "authorized_connect_app_9", Limit: 10}}).Page()
	require.NoError(t, err)

	assertRequest(t, onlyRequest(t, sent), http.MethodGet, "/user_management/users/user_01E4%2FZCR/authorized_applications", "before=authorized_connect_app_9&limit=10", "")
	assertResponseMeta(t, page.LastResponse, http.StatusOK)
	require.NotNil(t, page.ListMetadata.Before)
	assert.Equal(t, "authorized_connect_app_01HXYZ123456789ABCDEFGHIJ", *page.ListMetadata.Before)
	assert.Nil(t, page.ListMetadata.After)
	require.Len(t, page.Data, 2)

	oauth := page.Data[0]
	assert.Equal(t, "authorized_connect_application", oauth.Object)
	assert.Equal(t, "authorized_connect_app_01HXYZ123456789ABCDEFGHIJ", oauth.ID)
	assert.Equal(t, []string{"openid", "profile", "email"}, oauth.GrantedScopes)
	assert.Equal(t, "https://api.example.com/resource", oauth.OAuthResource)
	app := oauth.Application
	assert.Equal(t, "connect_application", app.Object)
	assert.Equal(t, "conn_app_01HXYZ123456789ABCDEFGHIJ", app.ID)
	assert.Equal(t, "client_01HXYZ123456789ABCDEFGHIJ", app.ClientID)
	require.NotNil(t, app.Description)
	assert.Equal(t, "An application for managing user access", *app.Description)
	assert.Equal(t, "My Application", app.Name)
	assert.Equal(t, []string{"openid", "profile", "email"}, app.Scopes)
	assert.Equal(t, mustParseTime(t, "2026-01-15T12:00:00Z"), app.CreatedAt)
	assert.Equal(t, mustParseTime(t, "2026-01-16T12:00:00Z"), app.UpdatedAt)
	assert.Equal(t, ConnectApplicationTypeOAuth, app.ApplicationType)
	assert.Equal(t, []ConnectApplicationRedirectURI{
		{URI: "https://example.com/callback", Default: true},
		{URI: "https://example.com/alt", Default: false},
	}, app.RedirectURIs)
	assert.Equal(t, Bool(false), app.UsesPKCE)
	assert.Equal(t, Bool(false), app.IsFirstParty)
	assert.Equal(t, Bool(false), app.WasDynamicallyRegistered)
	assert.Equal(t, "org_01EHZNVPK3SFK441A1RGBFSHRT", app.OrganizationID)

	m2m := page.Data[1]
	assert.Equal(t, []string{}, m2m.GrantedScopes)
	assert.Empty(t, m2m.OAuthResource)
	assert.Nil(t, m2m.Application.Description)
	assert.Equal(t, ConnectApplicationTypeM2M, m2m.Application.ApplicationType)
	assert.Nil(t, m2m.Application.RedirectURIs)
	assert.Nil(t, m2m.Application.UsesPKCE)
	assert.Nil(t, m2m.Application.IsFirstParty)
	assert.Nil(t, m2m.Application.WasDynamicallyRegistered)
	assert.Equal(t, "org_02", m2m.Application.OrganizationID)
}

func TestAuthorizedConnectApplication_ReencodeKeepsEveryField(t *testing.T) {
	assertReencodeKeepsFields[Page[AuthorizedConnectApplication]](t, authorizedAppsPageJSON)
}

func TestDeleteUserAuthorizedApplication_SendsDeleteToEscapedPath(t *testing.T) {
	c, sent := newRecordingClient(t, cannedReply{http.StatusNoContent, ``})
	resp, err := c.UserManagement.DeleteUserAuthorizedApplication(context.Background(), "user_01E4/ZCR", "conn app/1")
	require.NoError(t, err)
	assertResponseMeta(t, resp, http.StatusNoContent)
	assertRequest(t, onlyRequest(t, sent), http.MethodDelete, "/user_management/users/user_01E4%2FZCR/authorized_applications/conn%20app%2F1", "", "")
}

func TestDeleteUserAuthorizedApplication_UnknownApplicationIsNotFound(t *testing.T) {
	c, _ := newRecordingClient(t, cannedReply{http.StatusNotFound, `{"message": "Authorized application not found."}`})
	_, err := c.UserManagement.DeleteUserAuthorizedApplication(context.Background(), "user_1", "conn_app_missing")
	assertAPIError(t, err, ErrNotFound, http.StatusNotFound, "", "Authorized application not found.")
}
