package workostest

import (
	"net/http"
	"net/url"
	"time"
)

const sessionTTL = 30 * 24 * time.Hour

type sessionRec struct {
	id, userID, orgID    string
	method               string // authentication_method of the response
	ip, ua               *string
	status               string
	expiresAt            time.Time
	endedAt              *time.Time
	createdAt, updatedAt time.Time
}

func (ss *sessionRec) getID() string { return ss.id }

// active reports whether the session can still mint tokens at now.
func (ss *sessionRec) active(now time.Time) bool {
	return ss.status == "active" && now.Before(ss.expiresAt)
}

// end closes the session with status (revoked or expired).
func (ss *sessionRec) end(now time.Time, status string) {
	ss.status, ss.endedAt, ss.updatedAt = status, &now, now
}

// sessionAuthMethod maps an authentication_method to the session list's
// auth_method enum.
func sessionAuthMethod(m string) string {
	switch m {
	case "Password":
		return "password"
	case "MagicAuth":
		return "magic_code"
	case "SSO":
		return "sso"
	case "Passkey":
		return "passkey"
	case "Impersonation":
		return "impersonation"
	case "MigratedSession":
		return "migrated_session"
	case "CrossAppAuth":
		return "cross_app_auth"
	case "ExternalAuth":
		return "external_auth"
	case "":
		return "unknown"
	}
	return "oauth"
}

func (s *Server) sessionJSON(ss *sessionRec) map[string]any {
	status := ss.status
	if status == "active" && !s.now().Before(ss.expiresAt) {
		status = "expired"
	}
	out := map[string]any{
		"object": "session", "id": ss.id, "ip_address": ss.ip, "user_agent": ss.ua, "user_id": ss.userID,
		"auth_method": sessionAuthMethod(ss.method), "status": status, "expires_at": ts(ss.expiresAt),
		"ended_at": tsPtr(ss.endedAt), "created_at": ts(ss.createdAt), "updated_at": ts(ss.updatedAt),
	}
	if ss.orgID != "" {
		out["organization_id"] = ss.orgID
	}
	return out
}

// Session is a sign-in session as seen through the test API.
type Session struct {
	// ID is the session ID (session_...), the "sid" claim of its tokens.
	ID string
	// UserID and OrganizationID say who signed in, and into which
	// organization ("" for none).
	UserID, OrganizationID string
	// Active is false once the session was revoked, logged out or expired.
	Active bool
}

// Sessions returns the sessions of userID, oldest first.
func (s *Server) Sessions(userID string) []Session {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Session
	for _, ss := range s.st.sessions {
		if ss.userID == userID {
			out = append(out, Session{ID: ss.id, UserID: ss.userID, OrganizationID: ss.orgID, Active: ss.active(s.now())})
		}
	}
	sortByID(out, func(x Session) string { return x.ID })
	return out
}

func (s *Server) handleListSessions(w http.ResponseWriter, r *http.Request, p params) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.lookupUser(w, p["id"]) == nil {
		return
	}
	var out []*sessionRec
	for _, ss := range s.st.sessions {
		if ss.userID == p["id"] {
			out = append(out, ss)
		}
	}
	paginate(w, r, out, idOf[*sessionRec], func(ss *sessionRec) any { return s.sessionJSON(ss) })
}

func (s *Server) handleRevokeSession(w http.ResponseWriter, r *http.Request, _ params) {
	var in struct {
		SessionID string `json:"session_id"`
	}
	if !decodeBody(w, r, &in) {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	ss := s.st.sessions[in.SessionID]
	if ss == nil {
		writeJSON(w, http.StatusBadRequest, map[string]any{"message": "Session not found"})
		return
	}
	if ss.status == "active" {
		ss.end(s.now(), "revoked")
		s.recordEvent("session.revoked", s.sessionJSON(ss))
	}
	w.WriteHeader(http.StatusOK)
}

// handleLogout ends the session and redirects to return_to (or to the
// server's root when absent).
func (s *Server) handleLogout(w http.ResponseWriter, r *http.Request, _ params) {
	q := r.URL.Query()
	id := q.Get("session_id")
	if id == "" {
		writeJSON(w, http.StatusUnprocessableEntity, map[string]any{"message": "session_id is required"})
		return
	}
	target := q.Get("return_to")
	if target == "" {
		target = s.http.URL + "/"
	} else if u, err := url.Parse(target); err != nil || !u.IsAbs() {
		writeJSON(w, http.StatusUnprocessableEntity, map[string]any{"message": "return_to must be an absolute URL"})
		return
	}
	s.mu.Lock()
	if ss := s.st.sessions[id]; ss != nil && ss.status == "active" {
		ss.end(s.now(), "revoked")
		s.recordEvent("session.revoked", s.sessionJSON(ss))
	}
	s.mu.Unlock()
	w.Header().Set("Location", target)
	w.WriteHeader(http.StatusFound)
}
