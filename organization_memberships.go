package workos

import (
	"context"
	"net/http"
	"time"
)

// OrganizationMembershipStatus is where a membership stands. Values the
// SDK does not list still decode.
type OrganizationMembershipStatus string

// Organization membership statuses.
const (
	// OrganizationMembershipStatusActive lets the user sign in to the
	// organization.
	OrganizationMembershipStatusActive OrganizationMembershipStatus = "active"
	// OrganizationMembershipStatusInactive was deactivated; the user
	// keeps their roles but cannot sign in to the organization.
	OrganizationMembershipStatusInactive OrganizationMembershipStatus = "inactive"
	// OrganizationMembershipStatusPending waits for the user to accept an
	// invitation.
	OrganizationMembershipStatusPending OrganizationMembershipStatus = "pending"
)

// SlimRole is a role as a membership refers to it: by slug.
type SlimRole struct {
	// Slug is the role's slug, such as "admin".
	Slug string `json:"slug"`
}

// OrganizationMembership ties a user to an organization with one or more
// roles.
type OrganizationMembership struct {
	// Object is "organization_membership".
	Object string `json:"object"`
	// ID is the membership's ID, "om_...".
	ID string `json:"id"`
	// UserID is the member.
	UserID string `json:"user_id"`
	// OrganizationID is the organization.
	OrganizationID string `json:"organization_id"`
	// OrganizationName is the organization's name, when the API includes
	// it.
	OrganizationName string `json:"organization_name,omitempty"`
	// Status is active, inactive or pending.
	Status OrganizationMembershipStatus `json:"status"`
	// DirectoryManaged reports whether a directory sync connection manages
	// the membership, in which case changes belong in the directory.
	DirectoryManaged bool `json:"directory_managed"`
	// Role is the member's primary role.
	Role SlimRole `json:"role"`
	// Roles lists every role the member has in the organization.
	Roles []SlimRole `json:"roles"`
	// CustomAttributes holds attributes from the linked directory user or
	// SSO profile, the directory's winning when both have one.
	CustomAttributes map[string]any `json:"custom_attributes,omitempty"`
	// User is the member's user record.
	User User `json:"user"`
	// CreatedAt is when the membership was created.
	CreatedAt time.Time `json:"created_at"`
	// UpdatedAt is when the membership last changed.
	UpdatedAt time.Time `json:"updated_at"`
	APIResource
}

// RoleInput is the role a membership gets: a RoleSlug, or RoleSlugs for
// several roles where the environment allows them, never both. Only this
// package implements it.
type RoleInput interface {
	roleFields() (roleFields, error)
}

// RoleSlug assigns the single role with this slug, such as "admin".
type RoleSlug string

func (r RoleSlug) roleFields() (roleFields, error) {
	if r == "" {
		return roleFields{}, invalidParams("RoleSlug must not be empty")
	}
	return roleFields{RoleSlug: string(r)}, nil
}

// RoleSlugs assigns every role listed, for environments with multiple
// roles enabled (the API answers 422 multiple_roles_not_enabled
// otherwise).
type RoleSlugs []string

func (r RoleSlugs) roleFields() (roleFields, error) {
	if len(r) == 0 {
		return roleFields{}, invalidParams("RoleSlugs must list at least one role")
	}
	for _, s := range r {
		if s == "" {
			return roleFields{}, invalidParams("RoleSlugs must not hold an empty slug")
		}
	}
	return roleFields{RoleSlugs: r}, nil
}

// roleFields is the wire form of a RoleInput.
type roleFields struct {
	RoleSlug  string   `json:"role_slug,omitempty"`
	RoleSlugs []string `json:"role_slugs,omitempty"`
}

func roleBody(r RoleInput) (roleFields, error) {
	if r == nil {
		return roleFields{}, nil
	}
	return r.roleFields()
}

// ListOrganizationMembershipsParams filters ListOrganizationMemberships.
// Set UserID, OrganizationID or both.
type ListOrganizationMembershipsParams struct {
	ListParams
	// UserID keeps only this user's memberships.
	UserID string `url:"user_id,omitempty"`
	// OrganizationID keeps only memberships in this organization.
	OrganizationID string `url:"organization_id,omitempty"`
	// Statuses keeps only memberships in these states. Empty means active
	// memberships only.
	Statuses []OrganizationMembershipStatus `url:"statuses,comma,omitempty"`
}

// ListOrganizationMemberships lists a user's memberships, an
// organization's, or the one between them. It returns only active
// memberships unless Statuses is set: inactive and pending ones are left
// out by default. UserID or OrganizationID is required. Nothing is sent
// until the List's Page, Pages or All is called.
func (s *UserManagementService) ListOrganizationMemberships(ctx context.Context, params ListOrganizationMembershipsParams, opts ...Option) *List[OrganizationMembership] {
	var err error
	if params.UserID == "" && params.OrganizationID == "" {
		err = invalidParams("set UserID or OrganizationID")
	}
	return newList[OrganizationMembership](ctx, s.client, call{method: http.MethodGet, path: "/user_management/organization_memberships"}, params, err, opts)
}

// CreateOrganizationMembershipParams describes a new membership.
type CreateOrganizationMembershipParams struct {
	// UserID is the user who joins. Required.
	UserID string `json:"user_id"`
	// OrganizationID is the organization they join. Required.
	OrganizationID string `json:"organization_id"`
	// Role is RoleSlug or RoleSlugs; nil gives the organization's default
	// role.
	Role RoleInput `json:"-"`
}

type createMembershipBody struct {
	*CreateOrganizationMembershipParams
	roleFields
}

// CreateOrganizationMembership adds a user to an organization as an active
// member.
func (s *UserManagementService) CreateOrganizationMembership(ctx context.Context, params CreateOrganizationMembershipParams, opts ...Option) (*OrganizationMembership, error) {
	if params.UserID == "" || params.OrganizationID == "" {
		return nil, invalidParams("UserID and OrganizationID are required")
	}
	role, err := roleBody(params.Role)
	if err != nil {
		return nil, err
	}
	body := createMembershipBody{CreateOrganizationMembershipParams: &params, roleFields: role}
	return send[OrganizationMembership](ctx, s.client, call{method: http.MethodPost, path: "/user_management/organization_memberships", body: body}, opts)
}

// GetOrganizationMembership fetches a membership by ID: which user
// belongs to which organization, with what role and status. An unknown ID
// fails with an error matching ErrNotFound.
func (s *UserManagementService) GetOrganizationMembership(ctx context.Context, id string, opts ...Option) (*OrganizationMembership, error) {
	return send[OrganizationMembership](ctx, s.client, call{method: http.MethodGet, path: "/user_management/organization_memberships/{organization_membership_id}", params: []string{id}}, opts)
}

// UpdateOrganizationMembershipParams lists the changes
// UpdateOrganizationMembership makes.
type UpdateOrganizationMembershipParams struct {
	// Role replaces the member's roles: RoleSlug or RoleSlugs. Nil leaves
	// them unchanged.
	Role RoleInput
}

// UpdateOrganizationMembership changes a member's roles.
func (s *UserManagementService) UpdateOrganizationMembership(ctx context.Context, id string, params UpdateOrganizationMembershipParams, opts ...Option) (*OrganizationMembership, error) {
	role, err := roleBody(params.Role)
	if err != nil {
		return nil, err
	}
	return send[OrganizationMembership](ctx, s.client, call{method: http.MethodPut, path: "/user_management/organization_memberships/{organization_membership_id}", params: []string{id}, body: role}, opts)
}

// DeleteOrganizationMembership removes a user from an organization for
// good. DeactivateOrganizationMembership keeps the membership and its
// roles instead.
func (s *UserManagementService) DeleteOrganizationMembership(ctx context.Context, id string, opts ...Option) (*Response, error) {
	return s.client.do(ctx, call{method: http.MethodDelete, path: "/user_management/organization_memberships/{organization_membership_id}", params: []string{id}}, nil, opts)
}

// DeactivateOrganizationMembership turns an active membership inactive: the
// user can no longer sign in to the organization, but the membership and
// its roles are kept for ReactivateOrganizationMembership. A pending
// membership cannot be deactivated.
func (s *UserManagementService) DeactivateOrganizationMembership(ctx context.Context, id string, opts ...Option) (*OrganizationMembership, error) {
	return send[OrganizationMembership](ctx, s.client, call{method: http.MethodPut, path: "/user_management/organization_memberships/{organization_membership_id}/deactivate", params: []string{id}}, opts)
}

// ReactivateOrganizationMembership turns an inactive membership active
// again, with the roles it had.
func (s *UserManagementService) ReactivateOrganizationMembership(ctx context.Context, id string, opts ...Option) (*OrganizationMembership, error) {
	return send[OrganizationMembership](ctx, s.client, call{method: http.MethodPut, path: "/user_management/organization_memberships/{organization_membership_id}/reactivate", params: []string{id}}, opts)
}

// Group is a group of members within an organization.
type Group struct {
	// Object is "group".
	Object string `json:"object"`
	// ID is the group's ID, "group_...".
	ID string `json:"id"`
	// OrganizationID is the organization the group belongs to.
	OrganizationID string `json:"organization_id"`
	// Name is the group's name.
	Name string `json:"name"`
	// Description is nil when the group has none.
	Description *string `json:"description"`
	// CreatedAt is when the group was created.
	CreatedAt time.Time `json:"created_at"`
	// UpdatedAt is when the group last changed.
	UpdatedAt time.Time `json:"updated_at"`
}

// ListOrganizationMembershipGroupsParams pages through
// ListOrganizationMembershipGroups.
type ListOrganizationMembershipGroupsParams struct {
	ListParams
}

// ListOrganizationMembershipGroups lists the groups an organization
// membership belongs to. Nothing is sent until the List's Page, Pages or
// All is called.
func (s *UserManagementService) ListOrganizationMembershipGroups(ctx context.Context, membershipID string, params ListOrganizationMembershipGroupsParams, opts ...Option) *List[Group] {
	return newList[Group](ctx, s.client, call{method: http.MethodGet, path: "/user_management/organization_memberships/{organization_membership_id}/groups", params: []string{membershipID}}, params, nil, opts)
}
