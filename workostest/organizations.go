package workostest

import (
	"net/http"
	"slices"
	"strings"
	"time"
)

// Membership status values accepted by AddMembership.
const (
	StatusActive   = "active"
	StatusInactive = "inactive"
	StatusPending  = "pending"
)

// AddMembership adds userID to orgID directly, with the given status
// (StatusActive, StatusInactive or StatusPending) and role slugs ("member"
// when none), and returns the membership ID. A slug that is no role yet is
// defined as an environment role. It fails the test when the
// user or organization does not exist.
func (s *Server) AddMembership(userID, orgID, status string, roles ...string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.st.users[userID] == nil || s.st.orgs[orgID] == nil {
		s.failf("workostest: AddMembership: unknown user %q or organization %q", userID, orgID)
	}
	for _, slug := range roles {
		if s.roleFor(orgID, slug) == nil {
			s.defineRole("", slug, "")
		}
	}
	return s.insertMembership(userID, orgID, status, roles).id
}

type membershipRec struct {
	id, userID, orgID    string
	status               string
	roles                []string
	createdAt, updatedAt time.Time
}

func (m *membershipRec) getID() string { return m.id }

func (s *Server) insertMembership(userID, orgID, status string, roles []string) *membershipRec {
	if len(roles) == 0 {
		roles = []string{"member"}
	}
	now := s.now()
	m := &membershipRec{id: s.newID("om"), userID: userID, orgID: orgID, status: status, roles: slices.Clone(roles), createdAt: now, updatedAt: now}
	s.st.memberships[m.id] = m
	s.recordEvent("organization_membership.created", s.membershipJSON(m))
	return m
}

// membershipFor returns the membership of userID in orgID, in any status.
func (s *Server) membershipFor(userID, orgID string) *membershipRec {
	for _, m := range s.st.memberships {
		if m.userID == userID && m.orgID == orgID {
			return m
		}
	}
	return nil
}

// isActiveMember reports whether userID has an active membership in orgID;
// callers hold s.mu.
func (s *Server) isActiveMember(userID, orgID string) bool {
	m := s.membershipFor(userID, orgID)
	return m != nil && m.status == StatusActive
}

// activeMemberships returns the active memberships of userID, oldest
// first.
func (s *Server) activeMemberships(userID string) []*membershipRec {
	var out []*membershipRec
	for _, m := range s.st.memberships {
		if m.userID == userID && m.status == StatusActive {
			out = append(out, m)
		}
	}
	slices.SortFunc(out, func(a, b *membershipRec) int { return strings.Compare(a.id, b.id) })
	return out
}

type slimRole struct {
	Slug string `json:"slug"`
}

func (s *Server) membershipJSON(m *membershipRec) any {
	roles := make([]slimRole, len(m.roles))
	for i, r := range m.roles {
		roles[i] = slimRole{Slug: r}
	}
	out := map[string]any{
		"object": "organization_membership", "id": m.id, "user_id": m.userID, "organization_id": m.orgID,
		"status": m.status, "directory_managed": false, "custom_attributes": map[string]any{},
		"created_at": ts(m.createdAt), "updated_at": ts(m.updatedAt), "role": roles[0], "roles": roles,
	}
	if o := s.st.orgs[m.orgID]; o != nil {
		out["organization_name"] = o.name
	}
	if u := s.st.users[m.userID]; u != nil {
		out["user"] = u.json()
	}
	return out
}

// roleInput is the role one-of group of the membership bodies.
type roleInput struct {
	RoleSlug  *string  `json:"role_slug"`
	RoleSlugs []string `json:"role_slugs"`
}

// roles returns the requested slugs (nil when none), or answers 422.
func (ri *roleInput) roles(w http.ResponseWriter) ([]string, bool) {
	if ri.RoleSlug != nil && ri.RoleSlugs != nil {
		invalidParams(w, "Provide either role_slug or role_slugs, not both.")
		return nil, false
	}
	if ri.RoleSlug != nil {
		if *ri.RoleSlug == "" {
			invalidParams(w, "role_slug must not be empty.")
			return nil, false
		}
		return []string{*ri.RoleSlug}, true
	}
	if ri.RoleSlugs != nil && len(ri.RoleSlugs) == 0 {
		invalidParams(w, "role_slugs must not be empty.")
		return nil, false
	}
	return ri.RoleSlugs, true
}

func (s *Server) handleCreateMembership(w http.ResponseWriter, r *http.Request, _ params) {
	var in struct {
		UserID         string `json:"user_id"`
		OrganizationID string `json:"organization_id"`
		roleInput
	}
	if !decodeBody(w, r, &in) {
		return
	}
	if in.UserID == "" || in.OrganizationID == "" {
		invalidParams(w, "user_id and organization_id are required.")
		return
	}
	roles, ok := in.roles(w)
	if !ok {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.lookupUser(w, in.UserID) == nil {
		return
	}
	if s.st.orgs[in.OrganizationID] == nil {
		notFound(w, "Organization")
		return
	}
	if !s.checkRoles(w, http.StatusUnprocessableEntity, in.OrganizationID, roles) {
		return
	}
	if s.membershipFor(in.UserID, in.OrganizationID) != nil {
		invalidParams(w, "The user is already a member of this organization.")
		return
	}
	m := s.insertMembership(in.UserID, in.OrganizationID, StatusActive, roles)
	writeJSON(w, http.StatusCreated, s.membershipJSON(m))
}

func (s *Server) lookupMembership(w http.ResponseWriter, id string) *membershipRec {
	return lookup(w, s.st.memberships, id, "Organization membership")
}

func (s *Server) handleGetMembership(w http.ResponseWriter, _ *http.Request, p params) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if m := s.lookupMembership(w, p["id"]); m != nil {
		writeJSON(w, http.StatusOK, s.membershipJSON(m))
	}
}

func (s *Server) handleUpdateMembership(w http.ResponseWriter, r *http.Request, p params) {
	var in roleInput
	if !decodeBody(w, r, &in) {
		return
	}
	roles, ok := in.roles(w)
	if !ok {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	m := s.lookupMembership(w, p["id"])
	if m == nil || !s.checkRoles(w, http.StatusUnprocessableEntity, m.orgID, roles) {
		return
	}
	if roles != nil {
		m.roles = slices.Clone(roles)
		m.updatedAt = s.now()
		s.recordEvent("organization_membership.updated", s.membershipJSON(m))
	}
	writeJSON(w, http.StatusOK, s.membershipJSON(m))
}

func (s *Server) handleDeleteMembership(w http.ResponseWriter, _ *http.Request, p params) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if m := s.lookupMembership(w, p["id"]); m != nil {
		s.recordEvent("organization_membership.deleted", s.membershipJSON(m))
		delete(s.st.memberships, m.id)
		w.WriteHeader(http.StatusOK)
	}
}

func (s *Server) handleDeactivateMembership(w http.ResponseWriter, _ *http.Request, p params) {
	s.setMembershipStatus(w, p["id"], StatusInactive, "cannot_deactivate_pending_organization_membership")
}

func (s *Server) handleReactivateMembership(w http.ResponseWriter, _ *http.Request, p params) {
	s.setMembershipStatus(w, p["id"], StatusActive, "cannot_reactivate_pending_organization_membership")
}

func (s *Server) setMembershipStatus(w http.ResponseWriter, id, status, pendingCode string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	m := s.lookupMembership(w, id)
	if m == nil {
		return
	}
	if m.status == StatusPending {
		writeError(w, http.StatusBadRequest, pendingCode, "The organization membership is pending.")
		return
	}
	if m.status != status {
		m.status = status
		m.updatedAt = s.now()
		s.recordEvent("organization_membership.updated", s.membershipJSON(m))
	}
	writeJSON(w, http.StatusOK, s.membershipJSON(m))
}

func (s *Server) handleListMemberships(w http.ResponseWriter, r *http.Request, _ params) {
	q := r.URL.Query()
	userID, orgID := q.Get("user_id"), q.Get("organization_id")
	if userID == "" && orgID == "" {
		writeError(w, http.StatusBadRequest, "missing_user_id_or_organization_id", "Either user_id or organization_id is required.")
		return
	}
	statuses := []string{StatusActive}
	if v := q.Get("statuses"); v != "" {
		statuses = strings.Split(v, ",")
		for _, st := range statuses {
			if st != StatusActive && st != StatusInactive && st != StatusPending {
				writeError(w, http.StatusBadRequest, "invalid_request_parameters", "statuses must be active, inactive or pending.")
				return
			}
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var ms []*membershipRec
	for _, m := range s.st.memberships {
		if (userID == "" || m.userID == userID) && (orgID == "" || m.orgID == orgID) && slices.Contains(statuses, m.status) {
			ms = append(ms, m)
		}
	}
	paginate(w, r, ms, idOf[*membershipRec], s.membershipJSON)
}

func (s *Server) handleListGroups(w http.ResponseWriter, r *http.Request, p params) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.lookupMembership(w, p["id"]) == nil {
		return
	}
	paginate(w, r, []*membershipRec(nil), idOf[*membershipRec], func(*membershipRec) any { return nil })
}

// orgSummaries lists {id, name} of the organizations of ms.
func (s *Server) orgSummaries(ms []*membershipRec) []map[string]string {
	out := make([]map[string]string, 0, len(ms))
	for _, m := range ms {
		name := ""
		if o := s.st.orgs[m.orgID]; o != nil {
			name = o.name
		}
		out = append(out, map[string]string{"id": m.orgID, "name": name})
	}
	return out
}
