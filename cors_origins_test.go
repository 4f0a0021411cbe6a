package workos

import (
	"context"
	"net/http"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const corsOriginJSON = `{
  "object": "cors_origin",
  "id": "cors_origin_01HXYZ123456789ABCDEFGHIJ",
  "origin": "https://app.example.com",
  "created_at": "2026-01-15T12:00:00.000Z",
  "updated_at": "2026-01-15T12:30:00.000Z"
}`

func assertCORSOrigin(t *testing.T, o CORSOrigin) {
	t.Helper()
	assert.Equal(t, "cors_origin", o.Object)
	assert.Equal(t, "cors_origin_01HXYZ123456789ABCDEFGHIJ", o.ID)
	assert.Equal(t, "https://app.example.com", o.Origin)
	assert.Equal(t, mustParseTime(t, "2026-01-15T12:00:00Z"), o.CreatedAt)
	assert.Equal(t, mustParseTime(t, "2026-01-15T12:30:00Z"), o.UpdatedAt)
}

func TestListCORSOrigins_SendsPaginationAndDecodesOrigins(t *testing.T) {
	c, sent := newRecordingClient(t, cannedReply{http.StatusOK, `{"object": "list", "data": [` + corsOriginJSON + `], "list_metadata": {"before": null, "after": null}}`})
	page, err := c.UserManagement.ListCORSOrigins(context.Background(), ListCORSOriginsParams{ListParams: ListParams{Limit: 50, Order: OrderNormal}}).Page()
	require.NoError(t, err)
	assertRequest(t, onlyRequest(t, sent), http.MethodGet, "/user_management/cors_origins", "limit=50&order=normal", "")
	assertResponseMeta(t, page.LastResponse, http.StatusOK)
	assert.Equal(t, "list", page.Object)
	assert.Nil(t, page.ListMetadata.Before)
	assert.Nil(t, page.ListMetadata.After)
	require.Len(t, page.Data, 1)
	assertCORSOrigin(t, page.Data[0])
	assert.Nil(t, page.Data[0].LastResponse, "items inside a page carry no response")
}

func TestCreateCORSOrigin_PostsOriginAndDecodesResult(t *testing.T) {
	c, sent := newRecordingClient(t, cannedReply{http.StatusCreated, corsOriginJSON})
	o, err := c.UserManagement.CreateCORSOrigin(context.Background(), CreateCORSOriginParams{Origin: "https://app.example.com"})
	require.NoError(t, err)
	assertRequest(t, onlyRequest(t, sent), http.MethodPost, "/user_management/cors_origins", "", `{"origin": "https://app.example.com"}`)
	assertResponseMeta(t, o.LastResponse, http.StatusCreated)
	assertCORSOrigin(t, *o)
	assertReencodeKeepsFields[CORSOrigin](t, corsOriginJSON)
}

func TestCreateCORSOrigin_DuplicateIsConflict(t *testing.T) {
	c, _ := newRecordingClient(t, cannedReply{http.StatusConflict, `{"code": "duplicate_cors_origin", "message": "CORS origin already exists."}`})
	_, err := c.UserManagement.CreateCORSOrigin(context.Background(), CreateCORSOriginParams{Origin: "https://app.example.com"})
	assertAPIError(t, err, ErrConflict, http.StatusConflict, "duplicate_cors_origin", "CORS origin already exists.")
}

func TestCreateCORSOrigin_ValidationFailureNamesTheOriginField(t *testing.T) {
	c, m := newScriptedClient(t, []httpmock.Responder{scriptedReply(http.StatusUnprocessableEntity,
		`{"message":"Validation failed.","errors":[{"property":"origin","constraints":{"isUrl":"origin must be a URL address","isNotEmpty":"origin should not be empty"}}]}`,
		"X-Request-Id", "req_cors")})
	_, err := c.UserManagement.CreateCORSOrigin(context.Background(), CreateCORSOriginParams{Origin: "not a url"})
	apiErr := assertAPIErrorWithRequestID(t, err, ErrUnprocessable, http.StatusUnprocessableEntity, "", "Validation failed.", "req_cors")
	assert.Equal(t, []FieldError{{
		Field:       "origin",
		Code:        "isNotEmpty,isUrl",
		Message:     "origin should not be empty; origin must be a URL address",
		Constraints: map[string]string{"isUrl": "origin must be a URL address", "isNotEmpty": "origin should not be empty"},
	}}, apiErr.Errors)
	assert.EqualError(t, err, "workos: 422: Validation failed. (origin isNotEmpty,isUrl) [request req_cors]")
	assert.Len(t, m.requests(), 1, "a 422 is not retried")
}
