package workos

import (
	"context"
	"net/http"
	"strings"
	"time"
)

// EmailVerification is a one-time code WorkOS emailed to a user to prove
// they own their address.
type EmailVerification struct {
	// Object is "email_verification".
	Object string `json:"object"`
	// ID is the verification's ID, "email_verification_...".
	ID string `json:"id"`
	// UserID is the user the code was sent to.
	UserID string `json:"user_id"`
	// Email is the address the code was sent to.
	Email string `json:"email"`
	// ExpiresAt is when the code stops working.
	ExpiresAt time.Time `json:"expires_at"`
	// Code is the one-time code itself. Treat it as a secret.
	Code string `json:"code"`
	// CreatedAt is when the code was issued.
	CreatedAt time.Time `json:"created_at"`
	// UpdatedAt is when the verification last changed.
	UpdatedAt time.Time `json:"updated_at"`
	APIResource
}

// GetEmailVerification fetches an email verification by ID, including its
// code, for apps that deliver the code themselves.
func (s *UserManagementService) GetEmailVerification(ctx context.Context, id string, opts ...Option) (*EmailVerification, error) {
	return send[EmailVerification](ctx, s.client, call{method: http.MethodGet, path: "/user_management/email_verification/{email_verification_id}", params: []string{id}}, opts)
}

// SendVerificationEmailResponse is the reply to SendVerificationEmail.
type SendVerificationEmailResponse struct {
	// User is the user the email went to.
	User User `json:"user"`
	APIResource
}

// SendVerificationEmail emails the user a new one-time code that proves
// they own their address. It fails with a 400 email_already_verified for a
// verified user.
func (s *UserManagementService) SendVerificationEmail(ctx context.Context, userID string, opts ...Option) (*SendVerificationEmailResponse, error) {
	return send[SendVerificationEmailResponse](ctx, s.client, call{method: http.MethodPost, path: "/user_management/users/{user_id}/email_verification/send", params: []string{userID}}, opts)
}

// VerifyEmailParams carries the code the user received.
type VerifyEmailParams struct {
	// Code is the one-time code from the verification email. Required.
	Code string `json:"code"`
}

// VerifyEmailResponse is the reply to VerifyEmail.
type VerifyEmailResponse struct {
	// User is the user, now with EmailVerified set.
	User User `json:"user"`
	APIResource
}

// VerifyEmail checks the one-time code a user got by email and, when it
// matches, marks their address verified.
func (s *UserManagementService) VerifyEmail(ctx context.Context, userID string, params VerifyEmailParams, opts ...Option) (*VerifyEmailResponse, error) {
	if strings.TrimSpace(params.Code) == "" {
		return nil, invalidParams("Code is required")
	}
	return send[VerifyEmailResponse](ctx, s.client, call{method: http.MethodPost, path: "/user_management/users/{user_id}/email_verification/confirm", params: []string{userID}, body: params}, opts)
}
