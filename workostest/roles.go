package workostest

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"
)

// Role types, as the API names them.
const (
	roleTypeEnvironment  = "EnvironmentRole"
	roleTypeOrganization = "OrganizationRole"
)

// roleRec is a role: an environment role when orgID is empty, otherwise a
// custom role of that organization. Memberships and invitations may name
// any environment role, and the custom roles of their organization.
type roleRec struct {
	id, slug, name       string
	orgID                string
	permissions          []string
	createdAt, updatedAt time.Time
}

// Role identifies a role defined through the test API.
type Role struct {
	// ID is the role's ID (role_...).
	ID string
	// Slug is what memberships and invitations name it by.
	Slug string
	// OrganizationID is empty for an environment role, or the
	// organization a custom role belongs to.
	OrganizationID string
}

// defaultRoles are the environment roles every new server starts with,
// like a new WorkOS environment: member (the default for new members) and
// admin.
var defaultRoles = []struct{ slug, name string }{{"member", "Member"}, {"admin", "Admin"}}

func (r *roleRec) getID() string { return r.id }

func roleKey(orgID, slug string) string { return orgID + "|" + slug }

// seedRoles defines the default environment roles.
func (s *Server) seedRoles() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, r := range defaultRoles {
		s.defineRole("", r.slug, r.name)
	}
}

// defineRole returns the role slug of orgID ("" for the environment),
// creating it when it does not exist. Callers hold s.mu.
func (s *Server) defineRole(orgID, slug, name string) *roleRec {
	if r := s.st.roles[roleKey(orgID, slug)]; r != nil {
		return r
	}
	if name == "" {
		name = roleName(slug)
	}
	now := s.now()
	r := &roleRec{id: s.newID("role"), slug: slug, name: name, orgID: orgID, permissions: []string{}, createdAt: now, updatedAt: now}
	s.st.roles[roleKey(orgID, slug)] = r
	return r
}

// roleName turns a slug such as "billing-admin" into "Billing admin".
func roleName(slug string) string {
	if slug == "" {
		return ""
	}
	n := strings.NewReplacer("-", " ", "_", " ").Replace(slug)
	return strings.ToUpper(n[:1]) + n[1:]
}

// SetRolePermissions sets the permissions an environment role grants,
// defining the role when it does not exist yet; access tokens of a session
// whose membership has that role carry them in "permissions".
func (s *Server) SetRolePermissions(roleSlug string, permissions ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r := s.defineRole("", roleSlug, "")
	r.permissions = slices.Clone(permissions)
	r.updatedAt = s.now()
}

// CreateOrganizationRole defines a custom role of the organization orgID,
// granting permissions, and returns it. Members and invitations of that
// organization (and no other) may then be given the role. It fails the
// test when the organization does not exist.
func (s *Server) CreateOrganizationRole(orgID, slug, name string, permissions ...string) Role {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.st.orgs[orgID] == nil || slug == "" {
		s.failf("workostest: CreateOrganizationRole: unknown organization %q or empty slug", orgID)
	}
	r := s.defineRole(orgID, slug, name)
	r.permissions = slices.Clone(permissions)
	return Role{ID: r.id, Slug: r.slug, OrganizationID: orgID}
}

// roleFor returns the role slug means in orgID: the organization's own
// role, else the environment's, else nil. Callers hold s.mu.
func (s *Server) roleFor(orgID, slug string) *roleRec {
	if orgID != "" {
		if r := s.st.roles[roleKey(orgID, slug)]; r != nil {
			return r
		}
	}
	return s.st.roles[roleKey("", slug)]
}

// permissionsOf returns the permissions role slug grants in orgID.
func (s *Server) permissionsOf(orgID, slug string) []string {
	if r := s.roleFor(orgID, slug); r != nil {
		return r.permissions
	}
	return nil
}

// checkRoles answers status invalid_role, as the API does, when one of
// slugs is no role of orgID. Callers hold s.mu.
func (s *Server) checkRoles(w http.ResponseWriter, status int, orgID string, slugs []string) bool {
	for _, slug := range slugs {
		if s.roleFor(orgID, slug) == nil {
			writeError(w, status, "invalid_role", fmt.Sprintf("Role '%s' is not a valid role.", slug))
			return false
		}
	}
	return true
}

func (r *roleRec) json() map[string]any {
	typ := roleTypeEnvironment
	if r.orgID != "" {
		typ = roleTypeOrganization
	}
	// The test API gives roles no description.
	return map[string]any{
		"object": "role", "id": r.id, "slug": r.slug, "name": r.name, "description": nil,
		"type": typ, "resource_type_slug": "organization", "permissions": slices.Clone(r.permissions),
		"created_at": ts(r.createdAt), "updated_at": ts(r.updatedAt),
	}
}

// rolesOf lists the roles that apply in orgID ("" for the environment's
// only): environment roles first, then the organization's own, each in
// creation order.
func (s *Server) rolesOf(orgID string) []any {
	var env, own []*roleRec
	for _, r := range s.st.roles {
		switch r.orgID {
		case "":
			env = append(env, r)
		case orgID:
			own = append(own, r)
		}
	}
	sortByID(env, idOf[*roleRec])
	sortByID(own, idOf[*roleRec])
	out := make([]any, 0, len(env)+len(own))
	for _, r := range append(env, own...) {
		out = append(out, r.json())
	}
	return out
}

func (s *Server) handleListRoles(w http.ResponseWriter, _ *http.Request, _ params) {
	s.mu.Lock()
	defer s.mu.Unlock()
	writeJSON(w, http.StatusOK, map[string]any{"object": "list", "data": s.rolesOf("")})
}

func (s *Server) handleGetRole(w http.ResponseWriter, _ *http.Request, p params) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if r := s.st.roles[roleKey("", p["slug"])]; r != nil {
		writeJSON(w, http.StatusOK, r.json())
		return
	}
	notFound(w, "Role")
}

func (s *Server) handleListOrganizationRoles(w http.ResponseWriter, _ *http.Request, p params) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.lookupOrganization(w, p["organization_id"]) == nil {
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"object": "list", "data": s.rolesOf(p["organization_id"])})
}

func (s *Server) handleGetOrganizationRole(w http.ResponseWriter, _ *http.Request, p params) {
	s.mu.Lock()
	defer s.mu.Unlock()
	o := s.lookupOrganization(w, p["organization_id"])
	if o == nil {
		return
	}
	if r := s.roleFor(o.id, p["slug"]); r != nil {
		writeJSON(w, http.StatusOK, r.json())
		return
	}
	notFound(w, "Role")
}
