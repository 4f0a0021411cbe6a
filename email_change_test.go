package workos

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSendEmailChange_SendsNewEmailAndDecodes(t *testing.T) {
	c, sent := newRecordingClient(t, cannedReply{200, `{
		"object": "email_change",
		"user": ` + usersUserJSON + `,
		"new_email": "new.email@example.com",
		"expires_at": "2026-01-15T12:15:00.000Z",
		"created_at": "2026-01-15T12:00:00.000Z"
	}`})
	ch, err := c.UserManagement.SendEmailChange(context.Background(), "user_01E4ZCR3C56J083X43JQXF3JK5", SendEmailChangeParams{NewEmail: "new.email@example.com"})
	require.NoError(t, err)
	assertRequest(t, onlyRequest(t, sent), "POST", "/user_management/users/user_01E4ZCR3C56J083X43JQXF3JK5/email_change/send", "", `{"new_email":"new.email@example.com"}`)
	assert.Equal(t, "email_change", ch.Object)
	usersAssertUser(t, ch.User)
	assert.Equal(t, "new.email@example.com", ch.NewEmail)
	assert.True(t, mustParseTime(t, "2026-01-15T12:15:00Z").Equal(ch.ExpiresAt))
	assert.True(t, mustParseTime(t, "2026-01-15T12:00:00Z").Equal(ch.CreatedAt))
	assertResponseMeta(t, ch.LastResponse, 200)
}

func TestSendEmailChange_EmptyNewEmailSendsNothing(t *testing.T) {
	c, sent := newRecordingClient(t)
	_, err := c.UserManagement.SendEmailChange(context.Background(), "user_1", SendEmailChangeParams{})
	assert.ErrorIs(t, err, ErrInvalidParams)
	assert.EqualError(t, err, "workos: invalid params: NewEmail is required")
	assert.Empty(t, sent())
}

func TestSendEmailChange_EmailNotAvailable(t *testing.T) {
	c, _ := newRecordingClient(t, cannedReply{409, `{"code":"email_not_available","message":"This email is not available."}`})
	_, err := c.UserManagement.SendEmailChange(context.Background(), "user_1", SendEmailChangeParams{NewEmail: "taken@example.com"})
	assertAPIError(t, err, ErrConflict, 409, "email_not_available", "This email is not available.")
}

func TestConfirmEmailChange_SendsCodeAndDecodes(t *testing.T) {
	c, sent := newRecordingClient(t, cannedReply{200, `{"object":"email_change_confirmation","user":` + usersUserJSON + `}`})
	res, err := c.UserManagement.ConfirmEmailChange(context.Background(), "user_01E4ZCR3C56J083X43JQXF3JK5", ConfirmEmailChangeParams{Code: "123456"})
	require.NoError(t, err)
	assertRequest(t, onlyRequest(t, sent), "POST", "/user_management/users/user_01E4ZCR3C56J083X43JQXF3JK5/email_change/confirm", "", `{"code":"123456"}`)
	assert.Equal(t, "email_change_confirmation", res.Object)
	usersAssertUser(t, res.User)
	assertResponseMeta(t, res.LastResponse, 200)
}

func TestConfirmEmailChange_EmptyCodeSendsNothing(t *testing.T) {
	c, sent := newRecordingClient(t)
	_, err := c.UserManagement.ConfirmEmailChange(context.Background(), "user_1", ConfirmEmailChangeParams{})
	assert.ErrorIs(t, err, ErrInvalidParams)
	assert.EqualError(t, err, "workos: invalid params: Code is required")
	assert.Empty(t, sent())
}

func TestConfirmEmailChange_TooManyAttemptsIsRateLimited(t *testing.T) {
	c, sent := newRecordingClient(t, cannedReply{429, `{"code":"email_change_too_many_attempts","message":"Too many attempts."}`})
	_, err := c.UserManagement.ConfirmEmailChange(context.Background(), "user_1", ConfirmEmailChangeParams{Code: "000000"})
	assertAPIError(t, err, ErrRateLimited, 429, "email_change_too_many_attempts", "Too many attempts.")
	assert.Len(t, sent(), 1, "retries are off in this client")
}
