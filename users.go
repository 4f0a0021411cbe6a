package workos

import (
	"context"
	"net/http"
	"time"
)

// User is a user of the WorkOS environment.
type User struct {
	// Object is "user".
	Object string `json:"object"`
	// ID is the user's ID, "user_..." .
	ID string `json:"id"`
	// Email is the user's email address.
	Email string `json:"email"`
	// EmailVerified reports whether the user proved they own Email.
	EmailVerified bool `json:"email_verified"`
	// FirstName is nil when unknown.
	FirstName *string `json:"first_name"`
	// LastName is nil when unknown.
	LastName *string `json:"last_name"`
	// Name is the user's full name, nil when unknown.
	Name *string `json:"name,omitempty"`
	// ProfilePictureURL is nil when the user has no picture.
	ProfilePictureURL *string `json:"profile_picture_url"`
	// ExternalID is the caller's own ID for the user, nil when unset.
	ExternalID *string `json:"external_id"`
	// Metadata holds up to 50 caller-defined string values.
	Metadata map[string]string `json:"metadata,omitempty"`
	// LastSignInAt is nil for a user who never signed in.
	LastSignInAt *time.Time `json:"last_sign_in_at"`
	// Locale is the user's preferred locale, such as "en-US", nil if unset.
	Locale *string `json:"locale,omitempty"`
	// CreatedAt is when the user was created.
	CreatedAt time.Time `json:"created_at"`
	// UpdatedAt is when the user last changed.
	UpdatedAt time.Time `json:"updated_at"`
	APIResource
}

// ListUsersParams filters ListUsers.
type ListUsersParams struct {
	ListParams
	// Email keeps only users with this email address.
	Email string `url:"email,omitempty"`
	// OrganizationID keeps only members of this organization.
	OrganizationID string `url:"organization_id,omitempty"`
	// Organization is the deprecated name of OrganizationID.
	//
	// Deprecated: use OrganizationID.
	Organization string `url:"organization,omitempty"`
}

// ListUsers lists the environment's users, newest first by default. Nothing
// is sent until the List's Page, Pages or All is called.
func (s *UserManagementService) ListUsers(ctx context.Context, params ListUsersParams, opts ...Option) *List[User] {
	return newList[User](ctx, s.client, call{method: http.MethodGet, path: "/user_management/users"}, params, nil, opts)
}

// GetUser fetches one user by ID.
func (s *UserManagementService) GetUser(ctx context.Context, id string, opts ...Option) (*User, error) {
	return send[User](ctx, s.client, call{method: http.MethodGet, path: "/user_management/users/{id}", params: []string{id}}, opts)
}

// DeleteUser deletes a user and ends all their sessions.
func (s *UserManagementService) DeleteUser(ctx context.Context, id string, opts ...Option) (*Response, error) {
	return s.client.do(ctx, call{method: http.MethodDelete, path: "/user_management/users/{id}", params: []string{id}}, nil, opts)
}
