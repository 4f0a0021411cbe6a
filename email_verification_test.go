package workos

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestGetEmailVerification_DecodesEveryField(t *testing.T) {
	c, sent := newRecordingClient(t, cannedReply{200, `{
		"object": "email_verification",
		"id": "email_verification_01E4ZCR3C56J083X43JQXF3JK5",
		"user_id": "user_01E4ZCR3C56J083X43JQXF3JK5",
		"email": "marcelina.davis@example.com",
		"expires_at": "2026-01-15T12:10:00.000Z",
		"created_at": "2026-01-15T12:00:00.000Z",
		"updated_at": "2026-01-15T12:01:00.000Z",
		"code": "123456"
	}`})
	v, err := c.UserManagement.GetEmailVerification(context.Background(), "email_verification_01E4ZCR3C56J083X43JQXF3JK5")
	require.NoError(t, err)
	assertRequest(t, onlyRequest(t, sent), "GET", "/user_management/email_verification/email_verification_01E4ZCR3C56J083X43JQXF3JK5", "", "")
	assert.Equal(t, "email_verification", v.Object)
	assert.Equal(t, "email_verification_01E4ZCR3C56J083X43JQXF3JK5", v.ID)
	assert.Equal(t, "user_01E4ZCR3C56J083X43JQXF3JK5", v.UserID)
	assert.Equal(t, "marcelina.davis@example.com", v.Email)
	assert.Equal(t, "123456", v.Code)
	assert.True(t, mustParseTime(t, "2026-01-15T12:10:00Z").Equal(v.ExpiresAt))
	assert.True(t, mustParseTime(t, "2026-01-15T12:00:00Z").Equal(v.CreatedAt))
	assert.True(t, mustParseTime(t, "2026-01-15T12:01:00Z").Equal(v.UpdatedAt))
	assertResponseMeta(t, v.LastResponse, 200)
}

func TestGetEmailVerification_NotFound(t *testing.T) {
	c, _ := newRecordingClient(t, cannedReply{404, `{"message":"Email verification not found."}`})
	v, err := c.UserManagement.GetEmailVerification(context.Background(), "email_verification_missing")
	assert.Nil(t, v)
	assertAPIError(t, err, ErrNotFound, 404, "", "Email verification not found.")
}

func TestSendVerificationEmail_PostsAnEmptyObjectAndDecodesUser(t *testing.T) {
	c, sent := newRecordingClient(t, cannedReply{200, `{"user":` + usersUserJSON + `}`})
	res, err := c.UserManagement.SendVerificationEmail(context.Background(), "user_01E4ZCR3C56J083X43JQXF3JK5")
	require.NoError(t, err)
	assertRequest(t, onlyRequest(t, sent), "POST", "/user_management/users/user_01E4ZCR3C56J083X43JQXF3JK5/email_verification/send", "", `{}`)
	usersAssertUser(t, res.User)
	assertResponseMeta(t, res.LastResponse, 200)
	assert.Nil(t, res.User.LastResponse, "a nested user carries no reply metadata")
}

func TestSendVerificationEmail_AlreadyVerified(t *testing.T) {
	c, _ := newRecordingClient(t, cannedReply{400, `{"code":"email_already_verified","message":"Email is already verified."}`})
	_, err := c.UserManagement.SendVerificationEmail(context.Background(), "user_1")
	assertAPIError(t, err, ErrBadRequest, 400, "email_already_verified", "Email is already verified.")
}

func TestVerifyEmail_SendsCodeAndDecodesUser(t *testing.T) {
	c, sent := newRecordingClient(t, cannedReply{200, `{"user":` + usersUserJSON + `}`})
	res, err := c.UserManagement.VerifyEmail(context.Background(), "user_01E4ZCR3C56J083X43JQXF3JK5", VerifyEmailParams{Code: "123456"})
	require.NoError(t, err)
	assertRequest(t, onlyRequest(t, sent), "POST", "/user_management/users/user_01E4ZCR3C56J083X43JQXF3JK5/email_verification/confirm", "", `{"code":"123456"}`)
	usersAssertUser(t, res.User)
	assertResponseMeta(t, res.LastResponse, 200)
}

func TestVerifyEmail_EmptyCodeSendsNothing(t *testing.T) {
	c, sent := newRecordingClient(t)
	_, err := c.UserManagement.VerifyEmail(context.Background(), "user_1", VerifyEmailParams{Code: " "})
	assert.ErrorIs(t, err, ErrInvalidParams)
	assert.EqualError(t, err, "workos: invalid params: Code is required")
	assert.Empty(t, sent())
}

func TestVerifyEmail_ExpiredCode(t *testing.T) {
	c, _ := newRecordingClient(t, cannedReply{400, `{"code":"email_verification_code_expired","message":"Email verification code has expired."}`})
	_, err := c.UserManagement.VerifyEmail(context.Background(), "user_1", VerifyEmailParams{Code: "654321"})
	assertAPIError(t, err, ErrBadRequest, 400, "email_verification_code_expired", "Email verification code has expired.")
	assert.NotContains(t, err.Error(), "654321")
}
