package workos

import (
	"context"
	"net/http"
	"strings"
	"time"
)

// EmailChange is a pending change of a user's email address, waiting for
// the code WorkOS sent to the new address.
type EmailChange struct {
	// Object is "email_change".
	Object string `json:"object"`
	// User is the user whose address is changing; it still has the old
	// address.
	User User `json:"user"`
	// NewEmail is the address the user is moving to.
	NewEmail string `json:"new_email"`
	// ExpiresAt is when the code sent to NewEmail stops working.
	ExpiresAt time.Time `json:"expires_at"`
	// CreatedAt is when the change was requested.
	CreatedAt time.Time `json:"created_at"`
	APIResource
}

// SendEmailChangeParams names the new address.
type SendEmailChangeParams struct {
	// NewEmail is the address to move to. Required.
	NewEmail string `json:"new_email"`
}

// SendEmailChange starts changing a user's email address: it emails a
// one-time code to the new address. The address changes only when
// ConfirmEmailChange gets that code.
func (s *UserManagementService) SendEmailChange(ctx context.Context, userID string, params SendEmailChangeParams, opts ...Option) (*EmailChange, error) {
	if strings.TrimSpace(params.NewEmail) == "" {
		return nil, invalidParams("NewEmail is required")
	}
	return send[EmailChange](ctx, s.client, call{method: http.MethodPost, path: "/user_management/users/{user_id}/email_change/send", params: []string{userID}, body: params}, opts)
}

// ConfirmEmailChangeParams carries the code sent to the new address.
type ConfirmEmailChangeParams struct {
	// Code is the one-time code from the email change message. Required.
	Code string `json:"code"`
}

// EmailChangeConfirmation is the reply to ConfirmEmailChange.
type EmailChangeConfirmation struct {
	// Object is "email_change_confirmation".
	Object string `json:"object"`
	// User is the user, now with the new address.
	User User `json:"user"`
	APIResource
}

// ConfirmEmailChange finishes an email change: when the code matches, the
// user's address becomes the new one.
func (s *UserManagementService) ConfirmEmailChange(ctx context.Context, userID string, params ConfirmEmailChangeParams, opts ...Option) (*EmailChangeConfirmation, error) {
	if strings.TrimSpace(params.Code) == "" {
		return nil, invalidParams("Code is required")
	}
	return send[EmailChangeConfirmation](ctx, s.client, call{method: http.MethodPost, path: "/user_management/users/{user_id}/email_change/confirm", params: []string{userID}, body: params}, opts)
}
