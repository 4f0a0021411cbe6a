package workos

import (
	"context"
	"net/http"
	"time"
)

// AuthorizationService is the read side of the Authorization (RBAC) API:
// the roles of the environment and of each organization, with the
// permissions they grant. Reach it as client.Authorization.
//
// Roles live here rather than on Organizations because the API files every
// role under /authorization, environment roles belong to no organization,
// and the rest of that API (permissions, checks) belongs beside them.
type AuthorizationService struct {
	client *Client
}

// RoleType says where a role is defined. Values the SDK does not list
// still decode.
type RoleType string

// Role types.
const (
	// RoleTypeEnvironment is defined for the whole environment and
	// applies in every organization.
	RoleTypeEnvironment RoleType = "EnvironmentRole"
	// RoleTypeOrganization is a custom role of one organization.
	RoleTypeOrganization RoleType = "OrganizationRole"
)

// Role is a set of permissions that memberships and invitations refer to by
// slug.
type Role struct {
	// Object is "role".
	Object string `json:"object"`
	// ID is the role's ID, "role_...".
	ID string `json:"id"`
	// Slug is what memberships and invitations name the role by, such as
	// "admin".
	Slug string `json:"slug"`
	// Name is the role's display name.
	Name string `json:"name"`
	// Description is nil when the role has none.
	Description *string `json:"description"`
	// Type says whether the environment or one organization defines the
	// role.
	Type RoleType `json:"type"`
	// ResourceTypeSlug is the kind of resource the role applies to, such
	// as "organization".
	ResourceTypeSlug string `json:"resource_type_slug"`
	// Permissions lists the slugs of the permissions the role grants,
	// such as "posts:write".
	Permissions []string `json:"permissions"`
	// CreatedAt is when the role was created.
	CreatedAt time.Time `json:"created_at"`
	// UpdatedAt is when the role last changed.
	UpdatedAt time.Time `json:"updated_at"`
	APIResource
}

// RoleList is every role of a list call, in the API's priority order. The
// API does not page roles.
type RoleList struct {
	// Object is "list".
	Object string `json:"object"`
	// Data holds the roles.
	Data []Role `json:"data"`
	APIResource
}

// ListRoles lists the environment's roles, which apply in every
// organization.
func (s *AuthorizationService) ListRoles(ctx context.Context, opts ...Option) (*RoleList, error) {
	return send[RoleList](ctx, s.client, call{method: http.MethodGet, path: "/authorization/roles"}, opts)
}

// GetRole fetches an environment role by slug. An unknown slug fails with
// an error matching ErrNotFound.
func (s *AuthorizationService) GetRole(ctx context.Context, slug string, opts ...Option) (*Role, error) {
	return send[Role](ctx, s.client, call{method: http.MethodGet, path: "/authorization/roles/{slug}", params: []string{slug}}, opts)
}

// ListOrganizationRoles lists every role a member of the organization can
// hold: the environment's roles and the organization's own, in priority
// order.
func (s *AuthorizationService) ListOrganizationRoles(ctx context.Context, organizationID string, opts ...Option) (*RoleList, error) {
	return send[RoleList](ctx, s.client, call{method: http.MethodGet, path: "/authorization/organizations/{organization_id}/roles", params: []string{organizationID}}, opts)
}

// GetOrganizationRole fetches a role that applies in the organization, an
// environment role or one of its own, by slug. An unknown slug fails with
// an error matching ErrNotFound.
func (s *AuthorizationService) GetOrganizationRole(ctx context.Context, organizationID, slug string, opts ...Option) (*Role, error) {
	return send[Role](ctx, s.client, call{method: http.MethodGet, path: "/authorization/organizations/{organization_id}/roles/{slug}", params: []string{organizationID, slug}}, opts)
}
