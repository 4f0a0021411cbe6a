package workos

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const passwordResetJSON = `{
	"object": "password_reset",
	"id": "password_reset_01E4ZCR3C56J083X43JQXF3JK5",
	"user_id": "user_01E4ZCR3C56J083X43JQXF3JK5",
	"email": "marcelina.davis@example.com",
	"expires_at": "2026-01-15T12:20:00.000Z",
	"created_at": "2026-01-15T12:00:00.000Z",
	"password_reset_token": "Z1uX3RbwcIl5fIGJJJCXXisdI",
	"password_reset_url": "https://your-app.com/reset-password?token=Z1uX3RbwcIl5fIGJJJCXXisdI"
}`

func passwordResetAssert(t *testing.T, r *PasswordReset) {
	t.Helper()
	assert.Equal(t, "password_reset", r.Object)
	assert.Equal(t, "password_reset_01E4ZCR3C56J083X43JQXF3JK5", r.ID)
	assert.Equal(t, "user_01E4ZCR3C56J083X43JQXF3JK5", r.UserID)
	assert.Equal(t, "marcelina.davis@example.com", r.Email)
	assert.True(t, mustParseTime(t, "2026-01-15T12:20:00Z").Equal(r.ExpiresAt))
	assert.True(t, mustParseTime(t, "2026-01-15T12:00:00Z").Equal(r.CreatedAt))
	assert.Equal(t, "Z1uX3RbwcIl5fIGJJJCXXisdI", r.PasswordResetToken)
	assert.Equal(t, "https://your-app.com/reset-password?token=Z1uX3RbwcIl5fIGJJJCXXisdI", r.PasswordResetURL)
}

func TestResetPassword_CreatesTokenAndDecodes(t *testing.T) {
	c, sent := newRecordingClient(t, cannedReply{201, passwordResetJSON})
	r, err := c.UserManagement.ResetPassword(context.Background(), ResetPasswordParams{Email: "marcelina.davis@example.com"})
	require.NoError(t, err)
	assertRequest(t, onlyRequest(t, sent), "POST", "/user_management/password_reset", "", `{"email":"marcelina.davis@example.com"}`)
	passwordResetAssert(t, r)
	assertResponseMeta(t, r.LastResponse, 201)
}

func TestResetPassword_EmptyEmailSendsNothing(t *testing.T) {
	c, sent := newRecordingClient(t)
	_, err := c.UserManagement.ResetPassword(context.Background(), ResetPasswordParams{})
	assert.ErrorIs(t, err, ErrInvalidParams)
	assert.EqualError(t, err, "workos: invalid params: Email is required")
	assert.Empty(t, sent())
}

func TestResetPassword_NotAllowed(t *testing.T) {
	c, _ := newRecordingClient(t, cannedReply{403, `{"code":"password_reset_not_allowed","message":"Password reset is not allowed."}`})
	_, err := c.UserManagement.ResetPassword(context.Background(), ResetPasswordParams{Email: "a@example.com"})
	assertAPIError(t, err, ErrForbidden, 403, "password_reset_not_allowed", "Password reset is not allowed.")
}

func TestGetPasswordReset_DecodesEveryField(t *testing.T) {
	c, sent := newRecordingClient(t, cannedReply{200, passwordResetJSON})
	r, err := c.UserManagement.GetPasswordReset(context.Background(), "password_reset_01E4ZCR3C56J083X43JQXF3JK5")
	require.NoError(t, err)
	assertRequest(t, onlyRequest(t, sent), "GET", "/user_management/password_reset/password_reset_01E4ZCR3C56J083X43JQXF3JK5", "", "")
	passwordResetAssert(t, r)
	assertResponseMeta(t, r.LastResponse, 200)
}

func TestConfirmPasswordReset_SendsTokenAndPasswordAndDecodesUser(t *testing.T) {
	c, sent := newRecordingClient(t, cannedReply{200, `{"user":` + usersUserJSON + `}`})
	res, err := c.UserManagement.ConfirmPasswordReset(context.Background(), ConfirmPasswordResetParams{Token: "Z1uX3RbwcIl5fIGJJJCXXisdI", NewPassword: "strong_password_123!"})
	require.NoError(t, err)
	assertRequest(t, onlyRequest(t, sent), "POST", "/user_management/password_reset/confirm", "",
		`{"token":"Z1uX3RbwcIl5fIGJJJCXXisdI","new_password":"strong_password_123!"}`)
	usersAssertUser(t, res.User)
	assertResponseMeta(t, res.LastResponse, 200)
}

func TestConfirmPasswordReset_RequiresTokenAndPassword(t *testing.T) {
	for name, p := range map[string]ConfirmPasswordResetParams{
		"no token":    {NewPassword: "strong_password_123!"},
		"no password": {Token: "tok_secret_value"},
	} {
		t.Run(name, func(t *testing.T) {
			c, sent := newRecordingClient(t)
			_, err := c.UserManagement.ConfirmPasswordReset(context.Background(), p)
			assert.ErrorIs(t, err, ErrInvalidParams)
			assert.EqualError(t, err, "workos: invalid params: Token and NewPassword are required")
			assert.NotContains(t, err.Error(), "tok_secret_value")
			assert.NotContains(t, err.Error(), "strong_password_123!")
			assert.Empty(t, sent())
		})
	}
}

func TestConfirmPasswordReset_WeakPasswordCarriesFieldErrors(t *testing.T) {
	c, _ := newRecordingClient(t, cannedReply{400, `{"code":"password_reset_error","message":"Could not reset password.",
		"errors":[{"code":"password_too_weak","message":"Password is too weak."},{"code":"password_pwned","message":"Password appeared in a breach."}]}`})
	_, err := c.UserManagement.ConfirmPasswordReset(context.Background(), ConfirmPasswordResetParams{Token: "Z1uX3Rbw", NewPassword: "password1"})
	apiErr := assertAPIError(t, err, ErrBadRequest, 400, "password_reset_error", "Could not reset password.")
	assert.Equal(t, []FieldError{
		{Code: "password_too_weak", Message: "Password is too weak."},
		{Code: "password_pwned", Message: "Password appeared in a breach."},
	}, apiErr.Errors)
	assert.NotContains(t, err.Error(), "Z1uX3Rbw")
	assert.NotContains(t, err.Error(), "password1")
}
