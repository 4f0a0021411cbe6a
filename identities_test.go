package workos

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const identitiesJSON = `[
  {"idp_id": "4F42ABDE-1E44-4B66-824A-5F733C037A6D", "type": "OAuth", "provider": "MicrosoftOAuth"},
  {"idp_id": "1234567", "type": "OAuth", "provider": "GithubOAuth"},
  {"idp_id": "abc", "type": "OAuth", "provider": "NewProviderOAuth"}
]`

func TestGetUserIdentities_DecodesTheBareArrayWithResponseMetadata(t *testing.T) {
	c, sent := newRecordingClient(t, cannedReply{http.StatusOK, identitiesJSON})
	ids, err := c.UserManagement.GetUserIdentities(context.Background(), "user_01E4/ZCR")
	require.NoError(t, err)

	assertRequest(t, onlyRequest(t, sent), http.MethodGet, "/user_management/users/user_01E4%2FZCR/identities", "", "")
	assertResponseMeta(t, ids.LastResponse, http.StatusOK)
	assert.Equal(t, []Identity{
		{IdpID: "4F42ABDE-1E44-4B66-824A-5F733C037A6D", Type: "OAuth", Provider: IdentityProviderMicrosoftOAuth},
		{IdpID: "1234567", Type: "OAuth", Provider: IdentityProviderGithubOAuth},
		{IdpID: "abc", Type: "OAuth", Provider: IdentityProvider("NewProviderOAuth")},
	}, ids.Data)
}

func TestIdentities_ReencodesAsTheBareArray(t *testing.T) {
	var ids Identities
	require.NoError(t, json.Unmarshal([]byte(identitiesJSON), &ids))
	out, err := json.Marshal(ids)
	require.NoError(t, err)
	assert.JSONEq(t, identitiesJSON, string(out))

	empty, err := json.Marshal(Identities{})
	require.NoError(t, err)
	assert.JSONEq(t, `[]`, string(empty))
}

func TestGetUserIdentities_UnknownUserIsNotFound(t *testing.T) {
	c, _ := newRecordingClient(t, cannedReply{http.StatusNotFound, `{"message": "User not found: 'user_missing'."}`})
	ids, err := c.UserManagement.GetUserIdentities(context.Background(), "user_missing")
	assert.Nil(t, ids)
	assertAPIError(t, err, ErrNotFound, http.StatusNotFound, "", "User not found: 'user_missing'.")
}

func TestGetUserIdentities_NonArrayReplyIsADecodeErrorNotAPanic(t *testing.T) {
	c, _ := newRecordingClient(t, cannedReply{http.StatusOK, `{"object": "list", "data": []}`})
	_, err := c.UserManagement.GetUserIdentities(context.Background(), "user_1")
	var decErr *DecodeError
	require.ErrorAs(t, err, &decErr)
	assert.Equal(t, http.StatusOK, decErr.StatusCode)
	assert.Equal(t, "req_1", decErr.RequestID)
}
