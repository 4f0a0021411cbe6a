package workos

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const jwtTemplateJSON = `{
  "object": "jwt_template",
  "content": "{\"urn:myapp:full_name\": \"{{user.first_name}} {{user.last_name}}\", \"urn:myapp:email\": \"{{user.email}}\"}",
  "created_at": "2026-01-15T12:00:00.000Z",
  "updated_at": "2026-01-15T12:30:00.000Z"
}`

const jwtTemplateContent = `{"urn:myapp:full_name": "{{user.first_name}} {{user.last_name}}", "urn:myapp:email": "{{user.email}}"}`

func assertJWTTemplate(t *testing.T, tpl *JWTTemplate, status int) {
	t.Helper()
	assertResponseMeta(t, tpl.LastResponse, status)
	assert.Equal(t, "jwt_template", tpl.Object)
	assert.Equal(t, jwtTemplateContent, tpl.Content)
	assert.Equal(t, mustParseTime(t, "2026-01-15T12:00:00Z"), tpl.CreatedAt.Time)
	assert.Equal(t, mustParseTime(t, "2026-01-15T12:30:00Z"), tpl.UpdatedAt.Time)
}

func TestGetJWTTemplate_DecodesTemplate(t *testing.T) {
	c, sent := newRecordingClient(t, cannedReply{http.StatusOK, jwtTemplateJSON})
	tpl, err := c.UserManagement.GetJWTTemplate(context.Background())
	require.NoError(t, err)
	assertRequest(t, onlyRequest(t, sent), http.MethodGet, "/user_management/jwt_template", "", "")
	assertJWTTemplate(t, tpl, http.StatusOK)
	assertReencodeKeepsFields[JWTTemplate](t, jwtTemplateJSON)
}

func TestUpdateJWTTemplate_PutsContent(t *testing.T) {
	c, sent := newRecordingClient(t, cannedReply{http.StatusOK, jwtTemplateJSON})
	tpl, err := c.UserManagement.UpdateJWTTemplate(context.Background(), UpdateJWTTemplateParams{Content: jwtTemplateContent})
	require.NoError(t, err)
	got := onlyRequest(t, sent)
	assertRequest(t, got, http.MethodPut, "/user_management/jwt_template", "",
		`{"content": "{\"urn:myapp:full_name\": \"{{user.first_name}} {{user.last_name}}\", \"urn:myapp:email\": \"{{user.email}}\"}"}`)
	assert.Empty(t, got.Header.Get("Idempotency-Key"), "only POSTs get an automatic idempotency key")
	assertJWTTemplate(t, tpl, http.StatusOK)
}

func TestUpdateJWTTemplate_InvalidTemplateIsUnprocessable(t *testing.T) {
	c, _ := newRecordingClient(t, cannedReply{http.StatusUnprocessableEntity, `{"code": "invalid_request_parameters", "message": "Validation failed."}`})
	_, err := c.UserManagement.UpdateJWTTemplate(context.Background(), UpdateJWTTemplateParams{Content: "{{"})
	assertAPIError(t, err, ErrUnprocessable, http.StatusUnprocessableEntity, "invalid_request_parameters", "Validation failed.")
}

func TestGetJWTTemplate_NoTemplateIsNotFound(t *testing.T) {
	c, _ := newRecordingClient(t, cannedReply{http.StatusNotFound, `{"message": "JWT template not found."}`})
	_, err := c.UserManagement.GetJWTTemplate(context.Background())
	assertAPIError(t, err, ErrNotFound, http.StatusNotFound, "", "JWT template not found.")
}
