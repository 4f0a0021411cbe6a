package workostest

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/json"
	"net/http"
	"strings"
	"time"
)

type userRec struct {
	id                                 string
	email                              string
	firstName, lastName, name          *string
	externalID, locale, profilePicture *string
	emailVerified                      bool
	metadata                           map[string]string
	passwordHash                       []byte // sha256 of salt+password; nil when unset
	salt                               string
	importedHash                       bool
	lastSignInAt                       *time.Time
	createdAt, updatedAt               time.Time
	pendingChange                      *emailChangeRec
}

func (u *userRec) getID() string { return u.id }

type userJSON struct {
	Object            string            `json:"object"`
	ID                string            `json:"id"`
	FirstName         *string           `json:"first_name"`
	LastName          *string           `json:"last_name"`
	Name              *string           `json:"name"`
	ProfilePictureURL *string           `json:"profile_picture_url"`
	Email             string            `json:"email"`
	EmailVerified     bool              `json:"email_verified"`
	ExternalID        *string           `json:"external_id"`
	Metadata          map[string]string `json:"metadata"`
	LastSignInAt      *string           `json:"last_sign_in_at"`
	Locale            *string           `json:"locale"`
	CreatedAt         string            `json:"created_at"`
	UpdatedAt         string            `json:"updated_at"`
}

func (u *userRec) json() userJSON {
	md := map[string]string{}
	for k, v := range u.metadata {
		md[k] = v
	}
	return userJSON{
		Object: "user", ID: u.id, FirstName: u.firstName, LastName: u.lastName, Name: u.name,
		ProfilePictureURL: u.profilePicture, Email: u.email, EmailVerified: u.emailVerified,
		ExternalID: u.externalID, Metadata: md, LastSignInAt: tsPtr(u.lastSignInAt), Locale: u.locale,
		CreatedAt: ts(u.createdAt), UpdatedAt: ts(u.updatedAt),
	}
}

func (u *userRec) setPassword(pw string) {
	u.salt = randomToken(16)
	h := sha256.Sum256([]byte(u.salt + pw))
	u.passwordHash = h[:]
	u.importedHash = false
}

func (u *userRec) checkPassword(pw string) bool {
	if u.passwordHash == nil {
		return false
	}
	h := sha256.Sum256([]byte(u.salt + pw))
	return subtle.ConstantTimeCompare(h[:], u.passwordHash) == 1
}

// NewUser describes a user seeded with Server.CreateUser.
type NewUser struct {
	// Email is the user's email address; required and unique.
	Email string
	// Password, when set, lets the user sign in with the password grant.
	Password string
	// FirstName and LastName are optional.
	FirstName, LastName string
	// EmailVerified marks the address as already verified.
	EmailVerified bool
	// ExternalID is the optional ID of the user in the caller's system.
	ExternalID string
}

// User identifies a user created through the test API.
type User struct {
	// ID is the user's ID (user_...).
	ID string
	// Email is the user's email address.
	Email string
}

// CreateUser adds a user directly, without an API request, and returns its
// ID and email. It fails the test when the email is already taken.
func (s *Server) CreateUser(nu NewUser) User {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.userByEmail(nu.Email) != nil {
		s.failf("workostest: CreateUser: email %q is already taken", nu.Email)
	}
	u := s.insertUser(nu.Email)
	u.emailVerified = nu.EmailVerified
	if nu.FirstName != "" {
		u.firstName = &nu.FirstName
	}
	if nu.LastName != "" {
		u.lastName = &nu.LastName
	}
	if nu.ExternalID != "" {
		u.externalID = &nu.ExternalID
	}
	if nu.Password != "" {
		u.setPassword(nu.Password)
	}
	s.recordEvent("user.created", u.json())
	return User{ID: u.id, Email: u.email}
}

// insertUser stores a new user with defaults; callers hold s.mu.
func (s *Server) insertUser(email string) *userRec {
	now := s.now()
	u := &userRec{id: s.newID("user"), email: email, metadata: map[string]string{}, createdAt: now, updatedAt: now}
	s.st.users[u.id] = u
	return u
}

// userByEmail finds a user by email, ignoring case; callers hold s.mu.
func (s *Server) userByEmail(email string) *userRec {
	for _, u := range s.st.users {
		if strings.EqualFold(u.email, email) {
			return u
		}
	}
	return nil
}

func (s *Server) userByExternalID(id string) *userRec {
	for _, u := range s.st.users {
		if u.externalID != nil && *u.externalID == id {
			return u
		}
	}
	return nil
}

// validEmail is a loose check: something@something.
func validEmail(e string) bool {
	at := strings.IndexByte(e, '@')
	return at > 0 && at < len(e)-1 && !strings.ContainsAny(e, " \t\r\n")
}

// validatePassword answers 400 password_strength_error for passwords under
// 8 characters (the fake's stand-in for the API's strength rules).
func validatePassword(w http.ResponseWriter, pw string) bool {
	if len(pw) >= 8 {
		return true
	}
	writeError(w, http.StatusBadRequest, "password_strength_error", "Password does not meet strength requirements.",
		map[string]any{"errors": []map[string]string{{"code": "password_too_short", "message": "Password must be at least 8 characters."}}})
	return false
}

// validateMetadata answers 400 invalid_metadata when md breaks the limits.
func validateMetadata(w http.ResponseWriter, md map[string]*string) bool {
	if len(md) > 50 {
		writeError(w, http.StatusBadRequest, "invalid_metadata", "Metadata may have at most 50 keys.")
		return false
	}
	for k, v := range md {
		if len(k) > 40 || (v != nil && len(*v) > 600) {
			writeError(w, http.StatusBadRequest, "invalid_metadata", "Metadata keys are limited to 40 characters and values to 600.")
			return false
		}
	}
	return true
}

type passwordFields struct {
	Password             *string `json:"password"`
	PasswordHash         *string `json:"password_hash"`
	PasswordHashType     *string `json:"password_hash_type"`
	PasswordSaltPosition *string `json:"password_salt_position"`
}

// check enforces the password one-of group.
func (p *passwordFields) check(w http.ResponseWriter) bool {
	switch {
	case p.Password != nil && p.PasswordHash != nil:
		writeError(w, http.StatusBadRequest, "password_and_password_hash_provided", "Provide either password or password_hash, not both.")
	case p.Password != nil && p.PasswordHashType != nil:
		writeError(w, http.StatusBadRequest, "password_and_password_hash_type_provided", "Provide either password or password_hash_type, not both.")
	case p.PasswordSaltPosition != nil && p.PasswordHash == nil:
		writeError(w, http.StatusBadRequest, "password_salt_position_requires_password_hash", "password_salt_position requires password_hash.")
	case (p.PasswordHash == nil) != (p.PasswordHashType == nil):
		writeError(w, http.StatusBadRequest, "invalid_password_hash", "password_hash and password_hash_type go together.")
	case p.Password != nil:
		return validatePassword(w, *p.Password)
	default:
		return true
	}
	return false
}

func (p *passwordFields) apply(u *userRec) {
	if p.Password != nil {
		u.setPassword(*p.Password)
	} else if p.PasswordHash != nil {
		u.passwordHash, u.importedHash = []byte(*p.PasswordHash), true
		u.salt = "\x00imported"
	}
}

func (s *Server) handleCreateUser(w http.ResponseWriter, r *http.Request, _ params) {
	var in struct {
		Email         string             `json:"email"`
		FirstName     *string            `json:"first_name"`
		LastName      *string            `json:"last_name"`
		Name          *string            `json:"name"`
		EmailVerified *bool              `json:"email_verified"`
		Metadata      map[string]*string `json:"metadata"`
		ExternalID    *string            `json:"external_id"`
		passwordFields
	}
	if !decodeBody(w, r, &in) {
		return
	}
	if !validEmail(in.Email) {
		invalidParams(w, "email must be a valid email address.")
		return
	}
	if in.ExternalID != nil && (len(*in.ExternalID) > 128 || *in.ExternalID == "") {
		invalidParams(w, "external_id must be 1 to 128 ASCII characters.")
		return
	}
	if !in.check(w) || !validateMetadata(w, in.Metadata) {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.userByEmail(in.Email) != nil {
		writeError(w, http.StatusBadRequest, "user_creation_error", "Could not create user.",
			map[string]any{"errors": []map[string]string{{"code": "email_not_available", "message": "This email is not available."}}})
		return
	}
	if in.ExternalID != nil && s.userByExternalID(*in.ExternalID) != nil {
		writeError(w, http.StatusBadRequest, "user_creation_error", "Could not create user.",
			map[string]any{"errors": []map[string]string{{"code": "external_id_already_used", "message": "This external ID is already used."}}})
		return
	}
	u := s.insertUser(in.Email)
	u.firstName, u.lastName, u.name, u.externalID = in.FirstName, in.LastName, in.Name, in.ExternalID
	if in.EmailVerified != nil {
		u.emailVerified = *in.EmailVerified
	}
	for k, v := range in.Metadata {
		if v != nil {
			u.metadata[k] = *v
		}
	}
	in.apply(u)
	s.recordEvent("user.created", u.json())
	writeJSON(w, http.StatusCreated, u.json())
}

// lookupUser finds the user id or answers 404; callers hold s.mu.
func (s *Server) lookupUser(w http.ResponseWriter, id string) *userRec {
	return lookup(w, s.st.users, id, "User")
}

func (s *Server) handleGetUser(w http.ResponseWriter, _ *http.Request, p params) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if u := s.lookupUser(w, p["id"]); u != nil {
		writeJSON(w, http.StatusOK, u.json())
	}
}

func (s *Server) handleGetUserByExternalID(w http.ResponseWriter, _ *http.Request, p params) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if u := s.userByExternalID(p["external_id"]); u != nil {
		writeJSON(w, http.StatusOK, u.json())
		return
	}
	notFound(w, "User")
}

func (s *Server) handleListUsers(w http.ResponseWriter, r *http.Request, _ params) {
	q := r.URL.Query()
	email := q.Get("email")
	org := q.Get("organization_id")
	if org == "" {
		org = q.Get("organization")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	// Members of org in any status, collected in one pass: looking each
	// user up with membershipFor made large lists quadratic.
	var members map[string]bool
	if org != "" {
		members = map[string]bool{}
		for _, m := range s.st.memberships {
			if m.orgID == org {
				members[m.userID] = true
			}
		}
	}
	var users []*userRec
	for _, u := range s.st.users {
		if email != "" && !strings.EqualFold(u.email, email) {
			continue
		}
		if org != "" && !members[u.id] {
			continue
		}
		users = append(users, u)
	}
	paginate(w, r, users, idOf[*userRec], func(u *userRec) any { return u.json() })
}

// updateUserInput is the body of PUT /user_management/users/{id}, with the
// nullable fields decoded.
type updateUserInput struct {
	Email         *string         `json:"email"`
	FirstName     *string         `json:"first_name"`
	LastName      *string         `json:"last_name"`
	Name          *string         `json:"name"`
	EmailVerified *bool           `json:"email_verified"`
	RawMetadata   json.RawMessage `json:"metadata"`
	RawExternalID json.RawMessage `json:"external_id"`
	RawLocale     json.RawMessage `json:"locale"`
	passwordFields

	metadata           map[string]*string // nil value: delete the key
	clearMetadata      bool
	externalID, locale *string
	extSet, localeSet  bool
}

// parse decodes and checks the body; it answers and returns false when the
// body is invalid.
func (in *updateUserInput) parse(w http.ResponseWriter, r *http.Request) bool {
	if !decodeBody(w, r, in) {
		return false
	}
	in.clearMetadata = string(in.RawMetadata) == "null"
	if len(in.RawMetadata) > 0 && !in.clearMetadata {
		if err := json.Unmarshal(in.RawMetadata, &in.metadata); err != nil {
			invalidParams(w, "metadata must be an object of strings.")
			return false
		}
	}
	var ok bool
	if in.externalID, in.extSet, ok = nullableString(w, in.RawExternalID, "external_id"); !ok {
		return false
	}
	if in.locale, in.localeSet, ok = nullableString(w, in.RawLocale, "locale"); !ok {
		return false
	}
	if in.Email != nil && !validEmail(*in.Email) {
		writeError(w, http.StatusBadRequest, "invalid_email", "email must be a valid email address.")
		return false
	}
	return in.check(w) && validateMetadata(w, in.metadata)
}

// mergedMetadata returns u's metadata after the update.
func (in *updateUserInput) mergedMetadata(u *userRec) map[string]string {
	return mergeMetadata(u.metadata, in.clearMetadata, in.metadata)
}

// apply writes the update to u.
func (in *updateUserInput) apply(u *userRec, md map[string]string) {
	if in.Email != nil && *in.Email != u.email {
		u.email, u.emailVerified = *in.Email, false
	}
	for _, f := range []struct{ dst, src **string }{{&u.firstName, &in.FirstName}, {&u.lastName, &in.LastName}, {&u.name, &in.Name}} {
		if *f.src != nil {
			*f.dst = *f.src
		}
	}
	if in.EmailVerified != nil {
		u.emailVerified = *in.EmailVerified
	}
	if in.extSet {
		u.externalID = in.externalID
	}
	if in.localeSet {
		u.locale = in.locale
	}
	u.metadata = md
	in.passwordFields.apply(u)
}

func (s *Server) handleUpdateUser(w http.ResponseWriter, r *http.Request, p params) {
	var in updateUserInput
	if !in.parse(w, r) {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	u := s.lookupUser(w, p["id"])
	if u == nil {
		return
	}
	if in.Email != nil && !strings.EqualFold(*in.Email, u.email) && s.userByEmail(*in.Email) != nil {
		writeError(w, http.StatusBadRequest, "email_not_available", "This email is not available.")
		return
	}
	if in.extSet && in.externalID != nil {
		if o := s.userByExternalID(*in.externalID); o != nil && o != u {
			writeError(w, http.StatusBadRequest, "external_id_already_used", "This external ID is already used by another user.")
			return
		}
	}
	md := in.mergedMetadata(u)
	if len(md) > 50 {
		writeError(w, http.StatusBadRequest, "invalid_metadata", "Metadata may have at most 50 keys.")
		return
	}
	in.apply(u, md)
	u.updatedAt = s.now()
	s.recordEvent("user.updated", u.json())
	writeJSON(w, http.StatusOK, u.json())
}

// nullableString decodes an optional, nullable string field: set reports
// whether the field was present, v is nil for an explicit null.
func nullableString(w http.ResponseWriter, raw json.RawMessage, name string) (v *string, set, ok bool) {
	if len(raw) == 0 {
		return nil, false, true
	}
	if string(raw) == "null" {
		return nil, true, true
	}
	var str string
	if err := json.Unmarshal(raw, &str); err != nil {
		invalidParams(w, "%s must be a string or null.", name)
		return nil, false, false
	}
	return &str, true, true
}

func (s *Server) handleDeleteUser(w http.ResponseWriter, _ *http.Request, p params) {
	s.mu.Lock()
	defer s.mu.Unlock()
	u := s.lookupUser(w, p["id"])
	if u == nil {
		return
	}
	now := s.now()
	sessions := values(s.st.sessions)
	sortByID(sessions, idOf[*sessionRec])
	for _, ss := range sessions {
		if ss.userID == u.id && ss.status == "active" {
			ss.end(now, "revoked")
			s.recordEvent("session.revoked", s.sessionJSON(ss))
		}
	}
	memberships := values(s.st.memberships)
	sortByID(memberships, idOf[*membershipRec])
	for _, m := range memberships {
		if m.userID == u.id {
			s.recordEvent("organization_membership.deleted", s.membershipJSON(m))
			delete(s.st.memberships, m.id)
		}
	}
	s.recordEvent("user.deleted", u.json())
	delete(s.st.users, u.id)
	w.WriteHeader(http.StatusOK)
}

func (s *Server) handleIdentities(w http.ResponseWriter, _ *http.Request, p params) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if u := s.lookupUser(w, p["id"]); u != nil {
		writeJSON(w, http.StatusOK, []any{})
	}
}
