package workostest

import (
	"net/http"
	"strings"
	"time"
)

type invitationRec struct {
	id, email, token                       string
	state                                  string
	acceptedAt, revokedAt                  *time.Time
	expiresAt, createdAt, updatedAt        time.Time
	orgID, inviterID, acceptedUserID, role *string
}

func (i *invitationRec) getID() string { return i.id }

// currentState turns a pending invitation past its expiry into expired.
func (i *invitationRec) currentState(now time.Time) string {
	if i.state == "pending" && !now.Before(i.expiresAt) {
		return "expired"
	}
	return i.state
}

func (s *Server) invitationJSON(i *invitationRec) map[string]any {
	return map[string]any{
		"object": "invitation", "id": i.id, "email": i.email, "state": i.currentState(s.now()),
		"accepted_at": tsPtr(i.acceptedAt), "revoked_at": tsPtr(i.revokedAt), "expires_at": ts(i.expiresAt),
		"organization_id": i.orgID, "inviter_user_id": i.inviterID, "accepted_user_id": i.acceptedUserID,
		"role_slug": i.role, "created_at": ts(i.createdAt), "updated_at": ts(i.updatedAt),
		"token": i.token, "accept_invitation_url": s.http.URL + "/invite?invitation_token=" + i.token,
	}
}

// createInvitationInput is the body of POST /user_management/invitations.
type createInvitationInput struct {
	Email         string  `json:"email"`
	OrgID         *string `json:"organization_id"`
	RoleSlug      *string `json:"role_slug"`
	ExpiresInDays *int    `json:"expires_in_days"`
	InviterUserID *string `json:"inviter_user_id"`
	Locale        *string `json:"locale"`
}

// days returns the validity in days (7 by default), or answers 400.
func (in *createInvitationInput) days(w http.ResponseWriter) (int, bool) {
	switch {
	case in.ExpiresInDays == nil:
		return 7, true
	case *in.ExpiresInDays < 1:
		writeError(w, http.StatusBadRequest, "expires_in_days_too_short", "expires_in_days must be at least 1.")
	case *in.ExpiresInDays > 30:
		writeError(w, http.StatusBadRequest, "expires_in_days_too_long", "expires_in_days must be at most 30.")
	default:
		return *in.ExpiresInDays, true
	}
	return 0, false
}

// checkInvitable answers the API's error when in cannot be sent: unknown
// organization or inviter, a member already, or a pending invitation for the
// same email and organization. Callers hold s.mu.
func (s *Server) checkInvitable(w http.ResponseWriter, in *createInvitationInput, existing *userRec) bool {
	if in.OrgID != nil && s.st.orgs[*in.OrgID] == nil {
		notFound(w, "Organization")
		return false
	}
	if in.InviterUserID != nil && s.st.users[*in.InviterUserID] == nil {
		notFound(w, "User")
		return false
	}
	if existing != nil && in.OrgID == nil {
		writeError(w, http.StatusBadRequest, "user_already_exists", "A user with this email already exists.")
		return false
	}
	if existing != nil {
		if m := s.membershipFor(existing.id, *in.OrgID); m != nil && m.status != StatusPending {
			writeError(w, http.StatusBadRequest, "user_already_organization_member", "The user is already a member of the organization.")
			return false
		}
	}
	now := s.now()
	for _, o := range s.st.invitations {
		if !strings.EqualFold(o.email, in.Email) || o.currentState(now) != "pending" || !eqPtr(o.orgID, in.OrgID) {
			continue
		}
		if in.OrgID != nil {
			writeError(w, http.StatusBadRequest, "email_already_invited_to_organization", "This email was already invited to the organization.")
		} else {
			writeError(w, http.StatusBadRequest, "email_already_invited", "This email was already invited.")
		}
		return false
	}
	return true
}

// handleCreateInvitation stores a pending invitation and emails its token.
// Inviting an existing user to an organization also makes a pending
// membership, which accepting activates.
func (s *Server) handleCreateInvitation(w http.ResponseWriter, r *http.Request, _ params) {
	var in createInvitationInput
	if !decodeBody(w, r, &in) {
		return
	}
	if !validEmail(in.Email) {
		invalidParams(w, "email must be a valid email address.")
		return
	}
	days, ok := in.days(w)
	if !ok {
		return
	}
	if in.RoleSlug != nil && in.OrgID == nil {
		writeError(w, http.StatusBadRequest, "invalid_role", "role_slug needs an organization_id.")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	existing := s.userByEmail(in.Email)
	if !s.checkInvitable(w, &in, existing) {
		return
	}
	if in.RoleSlug != nil && !s.checkRoles(w, http.StatusBadRequest, *in.OrgID, roleList(in.RoleSlug)) {
		return
	}
	now := s.now()
	inv := &invitationRec{
		id: s.newID("invitation"), email: in.Email, token: randomToken(32), state: "pending",
		expiresAt: now.Add(time.Duration(days) * 24 * time.Hour), createdAt: now, updatedAt: now,
		orgID: in.OrgID, inviterID: in.InviterUserID, role: in.RoleSlug,
	}
	s.st.invitations[inv.id] = inv
	s.recordEvent("invitation.created", s.invitationJSON(inv))
	if in.OrgID != nil && existing != nil && s.membershipFor(existing.id, *in.OrgID) == nil {
		s.insertMembership(existing.id, *in.OrgID, StatusPending, roleList(in.RoleSlug))
	}
	out := s.invitationJSON(inv)
	s.sendEmail(Email{Kind: EmailInvitation, To: inv.email, Token: inv.token, URL: out["accept_invitation_url"].(string), ObjectID: inv.id})
	writeJSON(w, http.StatusCreated, out)
}

func roleList(slug *string) []string {
	if slug == nil {
		return nil
	}
	return []string{*slug}
}

func eqPtr(a, b *string) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

func (s *Server) handleListInvitations(w http.ResponseWriter, r *http.Request, _ params) {
	q := r.URL.Query()
	orgID, email := q.Get("organization_id"), q.Get("email")
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []*invitationRec
	for _, i := range s.st.invitations {
		if (orgID == "" || (i.orgID != nil && *i.orgID == orgID)) && (email == "" || strings.EqualFold(i.email, email)) {
			out = append(out, i)
		}
	}
	paginate(w, r, out, idOf[*invitationRec], func(i *invitationRec) any { return s.invitationJSON(i) })
}

func (s *Server) lookupInvitation(w http.ResponseWriter, id string) *invitationRec {
	return lookup(w, s.st.invitations, id, "Invitation")
}

func (s *Server) invitationByToken(token string) *invitationRec {
	for _, i := range s.st.invitations {
		if i.token == token {
			return i
		}
	}
	return nil
}

func (s *Server) handleGetInvitation(w http.ResponseWriter, _ *http.Request, p params) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if i := s.lookupInvitation(w, p["id"]); i != nil {
		writeJSON(w, http.StatusOK, s.invitationJSON(i))
	}
}

func (s *Server) handleGetInvitationByToken(w http.ResponseWriter, _ *http.Request, p params) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if i := s.invitationByToken(p["token"]); i != nil {
		writeJSON(w, http.StatusOK, s.invitationJSON(i))
		return
	}
	notFound(w, "Invitation")
}

// pendingInvitation finds the pending invitation id, or answers 404 or 400
// invite_not_pending; callers hold s.mu.
func (s *Server) pendingInvitation(w http.ResponseWriter, id string) *invitationRec {
	i := s.lookupInvitation(w, id)
	if i != nil && i.currentState(s.now()) != "pending" {
		writeError(w, http.StatusBadRequest, "invite_not_pending", "The invitation is not pending.")
		return nil
	}
	return i
}

func (s *Server) handleAcceptInvitation(w http.ResponseWriter, _ *http.Request, p params) {
	s.mu.Lock()
	defer s.mu.Unlock()
	i := s.pendingInvitation(w, p["id"])
	if i == nil {
		return
	}
	s.acceptInvitation(i, nil)
	writeJSON(w, http.StatusOK, s.invitationJSON(i))
}

// acceptInvitation marks i accepted by u (found or created by email when
// nil), verifies the address and activates the organization membership.
// Callers hold s.mu and have checked that i is pending.
func (s *Server) acceptInvitation(i *invitationRec, u *userRec) *userRec {
	now := s.now()
	if u == nil {
		u = s.userByEmail(i.email)
	}
	switch {
	case u == nil:
		u = s.insertUser(i.email)
		u.emailVerified = true
		s.recordEvent("user.created", u.json())
	case !u.emailVerified:
		u.emailVerified, u.updatedAt = true, now
		s.recordEvent("user.updated", u.json())
	}
	i.state, i.acceptedAt, i.updatedAt = "accepted", &now, now
	i.acceptedUserID = &u.id
	s.recordEvent("invitation.accepted", s.invitationJSON(i))
	if i.orgID != nil {
		m := s.membershipFor(u.id, *i.orgID)
		switch {
		case m == nil:
			s.insertMembership(u.id, *i.orgID, StatusActive, roleList(i.role))
		case m.status != StatusActive:
			m.status, m.updatedAt = StatusActive, now
			s.recordEvent("organization_membership.updated", s.membershipJSON(m))
		}
	}
	return u
}

func (s *Server) handleRevokeInvitation(w http.ResponseWriter, _ *http.Request, p params) {
	s.mu.Lock()
	defer s.mu.Unlock()
	i := s.pendingInvitation(w, p["id"])
	if i == nil {
		return
	}
	now := s.now()
	i.state, i.revokedAt, i.updatedAt = "revoked", &now, now
	s.recordEvent("invitation.revoked", s.invitationJSON(i))
	writeJSON(w, http.StatusOK, s.invitationJSON(i))
}

func (s *Server) handleResendInvitation(w http.ResponseWriter, r *http.Request, p params) {
	var in struct {
		Locale *string `json:"locale"`
	}
	if r.ContentLength != 0 && !decodeBody(w, r, &in) {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	i := s.lookupInvitation(w, p["id"])
	if i == nil {
		return
	}
	switch i.currentState(s.now()) {
	case "expired":
		writeError(w, http.StatusBadRequest, "invite_expired", "The invitation has expired.")
		return
	case "revoked":
		writeError(w, http.StatusBadRequest, "invite_revoked", "The invitation was revoked.")
		return
	case "accepted":
		writeError(w, http.StatusBadRequest, "invite_accepted", "The invitation was already accepted.")
		return
	}
	i.updatedAt = s.now()
	s.recordEvent("invitation.resent", s.invitationJSON(i))
	out := s.invitationJSON(i)
	s.sendEmail(Email{Kind: EmailInvitation, To: i.email, Token: i.token, URL: out["accept_invitation_url"].(string), ObjectID: i.id})
	writeJSON(w, http.StatusOK, out)
}
