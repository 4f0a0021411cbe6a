package workos

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const dataProvidersJSON = `{
  "object": "list",
  "data": [
    {
      "object": "data_provider",
      "id": "data_integration_01EHZNVPK3SFK441A1RGBFSHRT",
      "name": "GitHub",
      "description": "Connect your GitHub account to access repositories.",
      "slug": "github",
      "integration_type": "github",
      "credentials_type": "oauth2",
      "scopes": ["repo", "user:email"],
      "auth_methods": ["oauth"],
      "ownership": "userland_user",
      "created_at": "2024-01-15T10:30:00.000Z",
      "updated_at": "2024-01-15T11:30:00.000Z",
      "integrationType": "github",
      "credentialsType": "oauth2",
      "createdAt": "2024-01-15T10:30:00.000Z",
      "updatedAt": "2024-01-15T11:30:00.000Z",
      "connected_account": {
        "object": "connected_account",
        "id": "data_installation_01EHZNVPK3SFK441A1RGBFSHRT",
        "user_id": "user_01EHZNVPK3SFK441A1RGBFSHRT",
        "organization_id": null,
        "scopes": ["repo"],
        "auth_method": "oauth",
        "api_key_last_4": null,
        "state": "needs_reauthorization",
        "created_at": "2024-01-16T14:20:00.000Z",
        "updated_at": "2024-01-16T15:20:00.000Z",
        "userlandUserId": "user_01EHZNVPK3SFK441A1RGBFSHRT",
        "organizationId": null,
        "createdAt": "2024-01-16T14:20:00.000Z",
        "updatedAt": "2024-01-16T15:20:00.000Z"
      }
    },
    {
      "object": "data_provider",
      "id": "data_integration_02",
      "name": "Salesforce",
      "description": null,
      "slug": "salesforce",
      "integration_type": "salesforce",
      "credentials_type": "client_credentials",
      "scopes": null,
      "ownership": "organization",
      "created_at": "2024-01-15T10:30:00.000Z",
      "updated_at": "2024-01-15T10:30:00.000Z",
      "integrationType": "salesforce",
      "credentialsType": "client_credentials",
      "createdAt": "2024-01-15T10:30:00.000Z",
      "updatedAt": "2024-01-15T10:30:00.000Z",
      "connected_account": null
    }
  ]
}`

func TestListDataProviders_DecodesProvidersWithAndWithoutAConnection(t *testing.T) {
	c, sent := newRecordingClient(t, cannedReply{http.StatusOK, dataProvidersJSON})
	res, err := c.UserManagement.ListDataProviders(context.Background(), "user_01/EH", ListDataProvidersParams{OrganizationID: "org_1"})
	require.NoError(t, err)
	assertRequest(t, onlyRequest(t, sent), http.MethodGet, "/user_management/users/user_01%2FEH/data_providers", "organization_id=org_1", "")
	assertResponseMeta(t, res.LastResponse, http.StatusOK)
	assert.Equal(t, "list", res.Object)
	require.Len(t, res.Data, 2)

	gh := res.Data[0]
	assert.Equal(t, "data_provider", gh.Object)
	assert.Equal(t, "data_integration_01EHZNVPK3SFK441A1RGBFSHRT", gh.ID)
	assert.Equal(t, "GitHub", gh.Name)
	assert.Equal(t, String("Connect your GitHub account to access repositories."), gh.Description)
	assert.Equal(t, "github", gh.Slug)
	assert.Equal(t, "github", gh.IntegrationType)
	assert.Equal(t, "oauth2", gh.CredentialsType)
	assert.Equal(t, []string{"repo", "user:email"}, gh.Scopes)
	assert.Equal(t, []ConnectedAccountAuthMethod{ConnectedAccountAuthMethodOAuth}, gh.AuthMethods)
	assert.Equal(t, DataProviderOwnershipUserlandUser, gh.Ownership)
	assert.Equal(t, mustParseTime(t, "2024-01-15T10:30:00Z"), gh.CreatedAt.Time)
	assert.Equal(t, mustParseTime(t, "2024-01-15T11:30:00Z"), gh.UpdatedAt.Time)
	assert.Equal(t, "github", gh.DeprecatedIntegrationType)
	assert.Equal(t, "oauth2", gh.DeprecatedCredentialsType)
	assert.Equal(t, "2024-01-15T10:30:00.000Z", gh.DeprecatedCreatedAt)
	assert.Equal(t, "2024-01-15T11:30:00.000Z", gh.DeprecatedUpdatedAt)

	ca := gh.ConnectedAccount
	require.NotNil(t, ca)
	assert.Equal(t, "connected_account", ca.Object)
	assert.Equal(t, "data_installation_01EHZNVPK3SFK441A1RGBFSHRT", ca.ID)
	assert.Equal(t, String("user_01EHZNVPK3SFK441A1RGBFSHRT"), ca.UserID)
	assert.Nil(t, ca.OrganizationID)
	assert.Equal(t, []string{"repo"}, ca.Scopes)
	assert.Equal(t, ConnectedAccountAuthMethodOAuth, ca.AuthMethod)
	assert.Nil(t, ca.APIKeyLast4)
	assert.Nil(t, ca.ClientID)
	assert.Nil(t, ca.ClientSecretLast4)
	assert.Nil(t, ca.Config)
	assert.Equal(t, ConnectedAccountStateNeedsReauthorization, ca.State)
	assert.Equal(t, mustParseTime(t, "2024-01-16T14:20:00Z"), ca.CreatedAt.Time)
	assert.Equal(t, mustParseTime(t, "2024-01-16T15:20:00Z"), ca.UpdatedAt.Time)
	assert.Equal(t, String("user_01EHZNVPK3SFK441A1RGBFSHRT"), ca.DeprecatedUserlandUserID)
	assert.Nil(t, ca.DeprecatedOrganizationID)
	assert.Equal(t, "2024-01-16T14:20:00.000Z", ca.DeprecatedCreatedAt)
	assert.Equal(t, "2024-01-16T15:20:00.000Z", ca.DeprecatedUpdatedAt)
	assert.Nil(t, ca.LastResponse)

	sf := res.Data[1]
	assert.Nil(t, sf.Description)
	assert.Nil(t, sf.Scopes)
	assert.Nil(t, sf.AuthMethods)
	assert.Equal(t, DataProviderOwnershipOrganization, sf.Ownership)
	assert.Nil(t, sf.ConnectedAccount)

	assertReencodeKeepsFields[DataProviders](t, dataProvidersJSON)
}

func TestListDataProviders_WithoutOrganizationSendsNoQuery(t *testing.T) {
	c, sent := newRecordingClient(t, cannedReply{http.StatusOK, `{"object": "list", "data": []}`})
	res, err := c.UserManagement.ListDataProviders(context.Background(), "user_1", ListDataProvidersParams{})
	require.NoError(t, err)
	assert.Empty(t, res.Data)
	assertRequest(t, onlyRequest(t, sent), http.MethodGet, "/user_management/users/user_1/data_providers", "", "")
}

func TestListDataProviders_UnknownUserIsNotFound(t *testing.T) {
	c, _ := newRecordingClient(t, cannedReply{http.StatusNotFound, `{"message": "User not found."}`})
	_, err := c.UserManagement.ListDataProviders(context.Background(), "user_missing", ListDataProvidersParams{})
	assertAPIError(t, err, ErrNotFound, http.StatusNotFound, "", "User not found.")
}
