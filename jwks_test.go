package workos

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const jwksJSON = `{
  "keys": [
    {
      "alg": "RS256",
      "kty": "RSA",
      "use": "sig",
      "x5c": ["MIIDQjCCAiqgAwIBAgIGATz/FuLiMA0GCSqGSIb3DQEBCwUA"],
      "n": "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw",
      "e": "AQAB",
      "kid": "key_01HXYZ123456789ABCDEFGHIJ",
      "x5t#S256": "ZjQzYjI0OTdmNzNkMzE0NmU0NmNjU0"
    }
  ]
}`

func TestGetJWKS_IsPublicAndDecodesEveryKeyField(t *testing.T) {
	c, sent := newRecordingClient(t, cannedReply{http.StatusOK, jwksJSON})
	set, err := c.UserManagement.GetJWKS(context.Background(), "client_01/HX")
	require.NoError(t, err)

	got := onlyRequest(t, sent)
	assert.Equal(t, http.MethodGet, got.Method)
	assert.Equal(t, "/sso/jwks/client_01%2FHX", got.Path)
	assert.Empty(t, got.RawQuery)
	assert.Empty(t, got.Body)
	_, hasAuth := got.Header["Authorization"]
	assert.False(t, hasAuth, "the JWKS endpoint takes no API key")

	assertResponseMeta(t, set.LastResponse, http.StatusOK)
	require.Len(t, set.Keys, 1)
	k := set.Keys[0]
	assert.Equal(t, "RS256", k.Algorithm)
	assert.Equal(t, "RSA", k.KeyType)
	assert.Equal(t, "sig", k.Use)
	assert.Equal(t, []string{"MIIDQjCCAiqgAwIBAgIGATz/FuLiMA0GCSqGSIb3DQEBCwUA"}, k.X5C)
	assert.Equal(t, "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw", k.N)
	assert.Equal(t, "AQAB", k.E)
	assert.Equal(t, "key_01HXYZ123456789ABCDEFGHIJ", k.KeyID)
	assert.Equal(t, "ZjQzYjI0OTdmNzNkMzE0NmU0NmNjU0", k.X5TS256, "the nonstandard thumbprint is kept, not checked")
	assertReencodeKeepsFields[JWKS](t, jwksJSON)
}

func TestGetJWKS_EmptyClientIDUsesTheClientsAndPerCallOverride(t *testing.T) {
	c, sent := newRecordingClient(t, cannedReply{http.StatusOK, jwksJSON})
	_, err := c.UserManagement.GetJWKS(context.Background(), "")
	require.NoError(t, err)
	_, err = c.UserManagement.GetJWKS(context.Background(), "", WithClientID("client_other"))
	require.NoError(t, err)
	reqs := sent()
	require.Len(t, reqs, 2)
	assert.Equal(t, "/sso/jwks/client_123", reqs[0].Path)
	assert.Equal(t, "/sso/jwks/client_other", reqs[1].Path)
}

func TestGetJWKS_WorksWithoutAnAPIKey(t *testing.T) {
	c, sent := newRecordingClientWith(t, []Option{WithAPIKey("")}, cannedReply{http.StatusOK, jwksJSON})
	set, err := c.UserManagement.GetJWKS(context.Background(), "client_123")
	require.NoError(t, err)
	require.Len(t, set.Keys, 1)
	_, hasAuth := onlyRequest(t, sent).Header["Authorization"]
	assert.False(t, hasAuth)
}

func TestGetJWKS_NoClientIDAnywhereFailsBeforeSending(t *testing.T) {
	c, sent := newRecordingClientWith(t, []Option{WithClientID("")}, cannedReply{http.StatusOK, jwksJSON})
	_, err := c.UserManagement.GetJWKS(context.Background(), "")
	assert.ErrorIs(t, err, ErrMissingClientID)
	assert.Empty(t, sent())
}

func TestGetJWKS_UnknownClientIsNotFound(t *testing.T) {
	c, _ := newRecordingClient(t, cannedReply{http.StatusNotFound, `{"message": "Client not found: 'client_missing'."}`})
	_, err := c.UserManagement.GetJWKS(context.Background(), "client_missing")
	assertAPIError(t, err, ErrNotFound, http.StatusNotFound, "", "Client not found: 'client_missing'.")
}
