package workos

import (
	"context"
	"net/http"
	"strings"
	"time"
)

// Locale is a language tag such as "en" or "fr-CA" for the emails WorkOS
// sends. The constants are a few common ones; the API takes about ninety,
// and any tag can be written as Locale("sv").
type Locale string

// Some of the locales the API accepts.
const (
	LocaleEnglish            Locale = "en"
	LocaleEnglishUS          Locale = "en-US"
	LocaleEnglishGB          Locale = "en-GB"
	LocaleFrench             Locale = "fr"
	LocaleFrenchCA           Locale = "fr-CA"
	LocaleGerman             Locale = "de"
	LocaleSpanish            Locale = "es"
	LocaleItalian            Locale = "it"
	LocaleDutch              Locale = "nl"
	LocalePortugueseBR       Locale = "pt-BR"
	LocaleJapanese           Locale = "ja"
	LocaleKorean             Locale = "ko"
	LocaleChineseSimplified  Locale = "zh-CN"
	LocaleChineseTraditional Locale = "zh-TW"
)

// InvitationState is where an invitation stands. Values the SDK does not
// list still decode.
type InvitationState string

// Invitation states.
const (
	// InvitationStatePending is sent and not yet accepted, revoked or
	// expired.
	InvitationStatePending InvitationState = "pending"
	// InvitationStateAccepted has been accepted by the recipient.
	InvitationStateAccepted InvitationState = "accepted"
	// InvitationStateExpired passed its ExpiresAt unaccepted.
	InvitationStateExpired InvitationState = "expired"
	// InvitationStateRevoked was withdrawn with RevokeInvitation.
	InvitationStateRevoked InvitationState = "revoked"
)

// Invitation asks someone by email to join the environment, or one of its
// organizations.
type Invitation struct {
	// Object is "invitation".
	Object string `json:"object"`
	// ID is the invitation's ID, "invitation_...".
	ID string `json:"id"`
	// Email is the recipient's address.
	Email string `json:"email"`
	// State is pending, accepted, expired or revoked.
	State InvitationState `json:"state"`
	// AcceptedAt is nil until the invitation is accepted.
	AcceptedAt *time.Time `json:"accepted_at"`
	// RevokedAt is nil unless the invitation was revoked.
	RevokedAt *time.Time `json:"revoked_at"`
	// ExpiresAt is when the invitation stops working.
	ExpiresAt time.Time `json:"expires_at"`
	// OrganizationID is the organization the recipient joins, nil for an
	// invitation to the environment alone.
	OrganizationID *string `json:"organization_id"`
	// InviterUserID is the user who sent the invitation, nil if none was
	// given.
	InviterUserID *string `json:"inviter_user_id"`
	// AcceptedUserID is the user who accepted, nil until then.
	AcceptedUserID *string `json:"accepted_user_id"`
	// RoleSlug is the role the recipient gets in the organization, nil
	// when there is no organization.
	RoleSlug *string `json:"role_slug"`
	// Token lets the recipient accept the invitation while signing in.
	// Treat it as a secret.
	Token string `json:"token"`
	// AcceptInvitationURL is the link in the invitation email, carrying
	// Token.
	AcceptInvitationURL string `json:"accept_invitation_url"`
	// CreatedAt is when the invitation was sent.
	CreatedAt time.Time `json:"created_at"`
	// UpdatedAt is when the invitation last changed.
	UpdatedAt time.Time `json:"updated_at"`
	APIResource
}

// ListInvitationsParams filters ListInvitations.
type ListInvitationsParams struct {
	ListParams
	// OrganizationID keeps only invitations to this organization.
	OrganizationID string `url:"organization_id,omitempty"`
	// Email keeps only invitations sent to this address.
	Email string `url:"email,omitempty"`
}

// ListInvitations lists invitations in every state, newest first by
// default. Nothing is sent until the List's Page, Pages or All is called.
func (s *UserManagementService) ListInvitations(ctx context.Context, params ListInvitationsParams, opts ...Option) *List[Invitation] {
	return newList[Invitation](ctx, s.client, call{method: http.MethodGet, path: "/user_management/invitations"}, params, nil, opts)
}

// SendInvitationParams describes an invitation.
type SendInvitationParams struct {
	// Email is the recipient's address. Required.
	Email string `json:"email"`
	// OrganizationID makes the recipient a member of this organization
	// when they accept.
	OrganizationID string `json:"organization_id,omitempty"`
	// RoleSlug is the role the recipient gets in the organization; the
	// organization's default role when empty.
	RoleSlug string `json:"role_slug,omitempty"`
	// ExpiresInDays is how long the invitation stays valid, 1 to 30 days;
	// zero leaves the API default of 7.
	ExpiresInDays int `json:"expires_in_days,omitempty"`
	// InviterUserID names the user sending the invitation, shown in the
	// email.
	InviterUserID string `json:"inviter_user_id,omitempty"`
	// Locale is the language of the invitation email; empty leaves the
	// environment's default.
	Locale Locale `json:"locale,omitempty"`
}

// SendInvitation creates an invitation and emails it to the recipient.
func (s *UserManagementService) SendInvitation(ctx context.Context, params SendInvitationParams, opts ...Option) (*Invitation, error) {
	if strings.TrimSpace(params.Email) == "" {
		return nil, invalidParams("Email is required")
	}
	if d := params.ExpiresInDays; d != 0 && (d < 1 || d > 30) {
		return nil, invalidParams("ExpiresInDays must be between 1 and 30, got %d", d)
	}
	return send[Invitation](ctx, s.client, call{method: http.MethodPost, path: "/user_management/invitations", body: params}, opts)
}

// GetInvitation fetches an invitation by ID, with its state, expiry and
// token. An unknown ID fails with an error matching ErrNotFound.
func (s *UserManagementService) GetInvitation(ctx context.Context, id string, opts ...Option) (*Invitation, error) {
	return send[Invitation](ctx, s.client, call{method: http.MethodGet, path: "/user_management/invitations/{invitation_id}", params: []string{id}}, opts)
}

// FindInvitationByToken fetches the invitation an invitation token belongs
// to, as when a recipient follows the link in the email. The token is kept
// out of logs.
func (s *UserManagementService) FindInvitationByToken(ctx context.Context, token string, opts ...Option) (*Invitation, error) {
	return send[Invitation](ctx, s.client, call{
		method:       http.MethodGet,
		path:         "/user_management/invitations/by_token/{token}",
		params:       []string{token},
		secretParams: map[string]bool{"token": true},
	}, opts)
}

// AcceptInvitation marks a pending invitation accepted and, when it names
// an organization, activates the recipient's membership in it. It fails
// with a 400 invite_not_pending for an invitation that is not pending.
func (s *UserManagementService) AcceptInvitation(ctx context.Context, id string, opts ...Option) (*Invitation, error) {
	return send[Invitation](ctx, s.client, call{method: http.MethodPost, path: "/user_management/invitations/{invitation_id}/accept", params: []string{id}}, opts)
}

// ResendInvitationParams changes how a resent invitation reads.
type ResendInvitationParams struct {
	// Locale is the language of the new email; empty keeps the original's.
	Locale Locale `json:"locale,omitempty"`
}

// ResendInvitation emails a pending invitation to its recipient again. It
// fails with a 400 for an invitation that expired, was revoked or was
// accepted.
func (s *UserManagementService) ResendInvitation(ctx context.Context, id string, params ResendInvitationParams, opts ...Option) (*Invitation, error) {
	// The API wants a JSON body even when it is empty, so params is always
	// sent, as {} at the least.
	return send[Invitation](ctx, s.client, call{method: http.MethodPost, path: "/user_management/invitations/{invitation_id}/resend", params: []string{id}, body: params}, opts)
}

// RevokeInvitation withdraws a pending invitation, so its link and token
// can no longer be used to join.
func (s *UserManagementService) RevokeInvitation(ctx context.Context, id string, opts ...Option) (*Invitation, error) {
	return send[Invitation](ctx, s.client, call{method: http.MethodPost, path: "/user_management/invitations/{invitation_id}/revoke", params: []string{id}}, opts)
}
