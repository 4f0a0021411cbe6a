package workos

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const magicAuthJSON = `{
	"object": "magic_auth",
	"id": "magic_auth_01HWZBQZY2M3AMQW166Q22K88F",
	"user_id": "user_01E4ZCR3C56J083X43JQXF3JK5",
	"email": "marcelina.davis@example.com",
	"expires_at": "2026-01-15T12:10:00.000Z",
	"created_at": "2026-01-15T12:00:00.000Z",
	"updated_at": "2026-01-15T12:00:30.000Z",
	"code": "123456"
}`

func magicAuthAssert(t *testing.T, m MagicAuth) {
	t.Helper()
	assert.Equal(t, "magic_auth", m.Object)
	assert.Equal(t, "magic_auth_01HWZBQZY2M3AMQW166Q22K88F", m.ID)
	assert.Equal(t, "user_01E4ZCR3C56J083X43JQXF3JK5", m.UserID)
	assert.Equal(t, "marcelina.davis@example.com", m.Email)
	assert.Equal(t, "123456", m.Code)
	assert.True(t, mustParseTime(t, "2026-01-15T12:10:00Z").Equal(m.ExpiresAt))
	assert.True(t, mustParseTime(t, "2026-01-15T12:00:00Z").Equal(m.CreatedAt))
	assert.True(t, mustParseTime(t, "2026-01-15T12:00:30Z").Equal(m.UpdatedAt))
}

func TestCreateMagicAuth_SendsEveryFieldAndDecodes(t *testing.T) {
	reply := `{"radar_auth_attempt_id":"radar_att_01",` + magicAuthJSON[1:]
	c, sent := newRecordingClient(t, cannedReply{201, reply})
	m, err := c.UserManagement.CreateMagicAuth(context.Background(), CreateMagicAuthParams{
		Email:              "marcelina.davis@example.com",
		InvitationToken:    "Z1uX3RbwcIl5fIGJJJCXXisdI",
		IPAddress:          "203.0.113.42",
		UserAgent:          "Mozilla/5.0",
		RadarAuthAttemptID: "radar_att_00",
		SignalsID:          "01JBS0GN92GC2RJQS4X9DBPQ2A",
	})
	require.NoError(t, err)
	assertRequest(t, onlyRequest(t, sent), "POST", "/user_management/magic_auth", "", `{
		"email": "marcelina.davis@example.com",
		"invitation_token": "Z1uX3RbwcIl5fIGJJJCXXisdI",
		"ip_address": "203.0.113.42",
		"user_agent": "Mozilla/5.0",
		"radar_auth_attempt_id": "radar_att_00",
		"signals_id": "01JBS0GN92GC2RJQS4X9DBPQ2A"
	}`)
	magicAuthAssert(t, m.MagicAuth)
	assert.Equal(t, "radar_att_01", m.RadarAuthAttemptID)
	assertResponseMeta(t, m.LastResponse, 201)
}

func TestCreateMagicAuth_SendsOnlyEmailByDefault(t *testing.T) {
	c, sent := newRecordingClient(t, cannedReply{201, magicAuthJSON})
	m, err := c.UserManagement.CreateMagicAuth(context.Background(), CreateMagicAuthParams{Email: "marcelina.davis@example.com"})
	require.NoError(t, err)
	assertRequest(t, onlyRequest(t, sent), "POST", "/user_management/magic_auth", "", `{"email":"marcelina.davis@example.com"}`)
	assert.Empty(t, m.RadarAuthAttemptID)
}

func TestCreateMagicAuth_EmptyEmailSendsNothing(t *testing.T) {
	c, sent := newRecordingClient(t)
	_, err := c.UserManagement.CreateMagicAuth(context.Background(), CreateMagicAuthParams{})
	assert.ErrorIs(t, err, ErrInvalidParams)
	assert.EqualError(t, err, "workos: invalid params: Email is required")
	assert.Empty(t, sent())
}

func TestCreateMagicAuth_OAuthStyleErrorReadsErrorField(t *testing.T) {
	c, _ := newRecordingClient(t, cannedReply{400, `{"error":"sign_up_not_allowed","error_description":"Sign up is not allowed for this environment."}`})
	_, err := c.UserManagement.CreateMagicAuth(context.Background(), CreateMagicAuthParams{Email: "new@example.com"})
	apiErr := assertAPIError(t, err, ErrBadRequest, 400, "sign_up_not_allowed", "Sign up is not allowed for this environment.")
	assert.Equal(t, "sign_up_not_allowed", apiErr.OAuthError)
	assert.Equal(t, "Sign up is not allowed for this environment.", apiErr.ErrorDescription)
}

func TestGetMagicAuth_DecodesEveryField(t *testing.T) {
	c, sent := newRecordingClient(t, cannedReply{200, magicAuthJSON})
	m, err := c.UserManagement.GetMagicAuth(context.Background(), "magic_auth_01HWZBQZY2M3AMQW166Q22K88F")
	require.NoError(t, err)
	assertRequest(t, onlyRequest(t, sent), "GET", "/user_management/magic_auth/magic_auth_01HWZBQZY2M3AMQW166Q22K88F", "", "")
	magicAuthAssert(t, *m)
	assertResponseMeta(t, m.LastResponse, 200)
}

func TestGetMagicAuth_NotFound(t *testing.T) {
	c, _ := newRecordingClient(t, cannedReply{404, `{"message":"Magic Auth not found."}`})
	_, err := c.UserManagement.GetMagicAuth(context.Background(), "magic_auth_missing")
	assertAPIError(t, err, ErrNotFound, 404, "", "Magic Auth not found.")
}
