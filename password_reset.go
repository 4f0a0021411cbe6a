package workos

import (
	"context"
	"net/http"
	"strings"
	"time"
)

// PasswordReset is a password reset token issued to a user.
type PasswordReset struct {
	// Object is "password_reset".
	Object string `json:"object"`
	// ID is the reset's ID, "password_reset_...".
	ID string `json:"id"`
	// UserID is the user whose password may be reset.
	UserID string `json:"user_id"`
	// Email is the address the reset email went to.
	Email string `json:"email"`
	// PasswordResetToken is the token ConfirmPasswordReset takes. Treat it
	// as a secret.
	PasswordResetToken string `json:"password_reset_token"`
	// PasswordResetURL is the link in the email: the environment's reset
	// page with the token in its query string.
	PasswordResetURL string `json:"password_reset_url"`
	// ExpiresAt is when the token stops working.
	ExpiresAt time.Time `json:"expires_at"`
	// CreatedAt is when the token was issued.
	CreatedAt time.Time `json:"created_at"`
	APIResource
}

// ResetPasswordParams names the user who forgot their password.
type ResetPasswordParams struct {
	// Email is the user's email address. Required.
	Email string `json:"email"`
}

// ResetPassword does not change a password: it creates a password reset
// token for the user with this email and sends them the reset email with
// its link. Use ConfirmPasswordReset with the token to set the new password.
func (s *UserManagementService) ResetPassword(ctx context.Context, params ResetPasswordParams, opts ...Option) (*PasswordReset, error) {
	if strings.TrimSpace(params.Email) == "" {
		return nil, invalidParams("Email is required")
	}
	return send[PasswordReset](ctx, s.client, call{method: http.MethodPost, path: "/user_management/password_reset", body: params}, opts)
}

// GetPasswordReset fetches a password reset by ID, including its token
// and reset URL, for apps that send the reset email themselves.
func (s *UserManagementService) GetPasswordReset(ctx context.Context, id string, opts ...Option) (*PasswordReset, error) {
	return send[PasswordReset](ctx, s.client, call{method: http.MethodGet, path: "/user_management/password_reset/{password_reset_id}", params: []string{id}}, opts)
}

// ConfirmPasswordResetParams carries the reset token and the new password.
type ConfirmPasswordResetParams struct {
	// Token is the password reset token from the reset email. Required.
	Token string `json:"token"`
	// NewPassword is the password to set. Required.
	NewPassword string `json:"new_password"`
}

// ConfirmPasswordResetResponse is the reply to ConfirmPasswordReset.
type ConfirmPasswordResetResponse struct {
	// User is the user whose password changed.
	User User `json:"user"`
	APIResource
}

// ConfirmPasswordReset sets a user's new password with the token from a
// reset email. A password that fails the strength policy comes back as a
// 400 password_reset_error whose Errors say why.
func (s *UserManagementService) ConfirmPasswordReset(ctx context.Context, params ConfirmPasswordResetParams, opts ...Option) (*ConfirmPasswordResetResponse, error) {
	if params.Token == "" || params.NewPassword == "" {
		return nil, invalidParams("Token and NewPassword are required")
	}
	return send[ConfirmPasswordResetResponse](ctx, s.client, call{method: http.MethodPost, path: "/user_management/password_reset/confirm", body: params}, opts)
}
