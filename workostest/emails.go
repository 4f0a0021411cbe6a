package workostest

import (
	"net/http"
	"strings"
	"time"
)

// EmailKind says which flow sent an Email.
type EmailKind string

// The emails the API sends on behalf of the application.
const (
	// EmailMagicAuth carries a six-digit sign-in code (Code).
	EmailMagicAuth EmailKind = "magic_auth"
	// EmailPasswordReset carries a reset token (Token) and its URL.
	EmailPasswordReset EmailKind = "password_reset"
	// EmailVerification carries a six-digit verification code (Code).
	EmailVerification EmailKind = "email_verification"
	// EmailChange carries the code (Code) that confirms a new address; it
	// is sent to the new address.
	EmailChange EmailKind = "email_change"
	// EmailInvitation carries an invitation token (Token) and its URL.
	EmailInvitation EmailKind = "invitation"
)

// Email is a message the fake API "sent". Tests read codes and tokens from
// it to complete a flow, as a user would from their mailbox.
type Email struct {
	// Kind names the flow that sent it.
	Kind EmailKind
	// To is the recipient address.
	To string
	// Code is the one-time code, for magic auth, verification and email
	// change emails.
	Code string
	// Token is the secret token, for password reset and invitation emails.
	Token string
	// URL is the link the email carries, when it has one.
	URL string
	// ObjectID is the ID of the object behind the email: the magic auth,
	// password reset, email verification or invitation; the user for an
	// email change.
	ObjectID string
	// SentAt is the server time of sending.
	SentAt time.Time
}

// Inbox returns every email sent to address (compared without case), oldest
// first.
func (s *Server) Inbox(address string) []Email {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Email
	for _, e := range s.st.emails {
		if strings.EqualFold(e.To, address) {
			out = append(out, e)
		}
	}
	return out
}

// LastEmail returns the newest email sent to address, and false when there
// is none.
func (s *Server) LastEmail(address string) (Email, bool) {
	in := s.Inbox(address)
	if len(in) == 0 {
		return Email{}, false
	}
	return in[len(in)-1], true
}

// sendEmail records an email; callers hold s.mu.
func (s *Server) sendEmail(e Email) {
	e.SentAt = s.now()
	s.st.emails = append(s.st.emails, e)
}

const codeTTL = 10 * time.Minute

// Magic auth.

// oneTimeCodeRec is an emailed six-digit code: a magic auth or an email
// verification, told apart by object.
type oneTimeCodeRec struct {
	object                  string // magic_auth or email_verification
	id, userID, email, code string
	expiresAt, createdAt    time.Time
	used                    bool
}

func (c *oneTimeCodeRec) json() map[string]any {
	return map[string]any{
		"object": c.object, "id": c.id, "user_id": c.userID, "email": c.email, "code": c.code,
		"expires_at": ts(c.expiresAt), "created_at": ts(c.createdAt), "updated_at": ts(c.createdAt),
	}
}

// newOneTimeCode makes a fresh ten-minute code for u; the caller stores
// it. Callers hold s.mu.
func (s *Server) newOneTimeCode(object, prefix string, u *userRec) *oneTimeCodeRec {
	now := s.now()
	return &oneTimeCodeRec{object: object, id: s.newID(prefix), userID: u.id, email: u.email, code: randomDigits(6), createdAt: now, expiresAt: now.Add(codeTTL)}
}

func (s *Server) handleCreateMagicAuth(w http.ResponseWriter, r *http.Request, _ params) {
	var in struct {
		Email string `json:"email"`
	}
	if !decodeBody(w, r, &in) {
		return
	}
	if !validEmail(in.Email) {
		writeJSON(w, http.StatusUnprocessableEntity, map[string]any{"message": "email must be a valid email address."})
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	u := s.userByEmail(in.Email)
	if u == nil { // magic auth signs new users up
		u = s.insertUser(in.Email)
		s.recordEvent("user.created", u.json())
	}
	m := s.newOneTimeCode("magic_auth", "magic_auth", u)
	s.st.magicAuths[m.id] = m
	s.recordEvent("magic_auth.created", m.json())
	s.sendEmail(Email{Kind: EmailMagicAuth, To: u.email, Code: m.code, ObjectID: m.id})
	writeJSON(w, http.StatusCreated, m.json())
}

func (s *Server) handleGetMagicAuth(w http.ResponseWriter, _ *http.Request, p params) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if m := lookup(w, s.st.magicAuths, p["id"], "Magic auth"); m != nil {
		writeJSON(w, http.StatusOK, m.json())
	}
}

// Password reset.

type passwordResetRec struct {
	id, userID, email, token string
	expiresAt, createdAt     time.Time
	used                     bool
}

func (s *Server) passwordResetJSON(pr *passwordResetRec) map[string]any {
	return map[string]any{
		"object": "password_reset", "id": pr.id, "user_id": pr.userID, "email": pr.email,
		"password_reset_token": pr.token, "password_reset_url": s.http.URL + "/reset-password?token=" + pr.token,
		"expires_at": ts(pr.expiresAt), "created_at": ts(pr.createdAt),
	}
}

func (s *Server) handleCreatePasswordReset(w http.ResponseWriter, r *http.Request, _ params) {
	var in struct {
		Email string `json:"email"`
	}
	if !decodeBody(w, r, &in) {
		return
	}
	if !validEmail(in.Email) {
		invalidParams(w, "email must be a valid email address.")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	u := s.userByEmail(in.Email)
	if u == nil {
		notFound(w, "User")
		return
	}
	now := s.now()
	pr := &passwordResetRec{id: s.newID("password_reset"), userID: u.id, email: u.email, token: randomToken(32), createdAt: now, expiresAt: now.Add(time.Hour)}
	s.st.resets[pr.id] = pr
	s.recordEvent("password_reset.created", s.passwordResetJSON(pr))
	out := s.passwordResetJSON(pr)
	s.sendEmail(Email{Kind: EmailPasswordReset, To: u.email, Token: pr.token, URL: out["password_reset_url"].(string), ObjectID: pr.id})
	writeJSON(w, http.StatusCreated, out)
}

func (s *Server) handleGetPasswordReset(w http.ResponseWriter, _ *http.Request, p params) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if pr := lookup(w, s.st.resets, p["id"], "Password reset"); pr != nil {
		writeJSON(w, http.StatusOK, s.passwordResetJSON(pr))
	}
}

func (s *Server) handleConfirmPasswordReset(w http.ResponseWriter, r *http.Request, _ params) {
	var in struct {
		Token       string `json:"token"`
		NewPassword string `json:"new_password"`
	}
	if !decodeBody(w, r, &in) {
		return
	}
	if in.Token == "" || in.NewPassword == "" {
		invalidParams(w, "token and new_password are required.")
		return
	}
	if len(in.NewPassword) < 8 {
		writeError(w, http.StatusBadRequest, "password_reset_error", "The password could not be reset.",
			map[string]any{"errors": []map[string]string{{"code": "password_too_short", "message": "Password must be at least 8 characters."}}})
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var pr *passwordResetRec
	for _, c := range s.st.resets {
		if c.token == in.Token {
			pr = c
		}
	}
	resetErr := func(code, msg string) {
		writeError(w, http.StatusBadRequest, "password_reset_error", "The password could not be reset.",
			map[string]any{"errors": []map[string]string{{"code": code, "message": msg}}})
	}
	switch {
	case pr == nil:
		resetErr("password_reset_token_invalid", "The password reset token is invalid.")
		return
	case pr.used:
		resetErr("password_reset_token_previously_used", "The password reset token was already used.")
		return
	case !s.now().Before(pr.expiresAt):
		resetErr("password_reset_token_expired", "The password reset token has expired.")
		return
	}
	u := s.st.users[pr.userID]
	if u == nil {
		notFound(w, "User")
		return
	}
	pr.used = true
	u.setPassword(in.NewPassword)
	u.emailVerified = true // following the emailed link proves the address
	u.updatedAt = s.now()
	s.recordEvent("password_reset.succeeded", s.passwordResetJSON(pr))
	s.recordEvent("user.updated", u.json())
	writeJSON(w, http.StatusOK, map[string]any{"user": u.json()})
}

// Email verification.

// startVerification creates a verification code for u and emails it;
// callers hold s.mu.
func (s *Server) startVerification(u *userRec) *oneTimeCodeRec {
	v := s.newOneTimeCode("email_verification", "email_verification", u)
	s.st.verifications[v.id] = v
	s.recordEvent("email_verification.created", v.json())
	s.sendEmail(Email{Kind: EmailVerification, To: u.email, Code: v.code, ObjectID: v.id})
	return v
}

// checkVerificationCode finds the newest unused verification of u and
// compares code. It returns an error code of the verify endpoint, or "".
func (s *Server) checkVerificationCode(u *userRec, code string) string {
	var latest *oneTimeCodeRec
	for _, v := range s.st.verifications {
		if v.userID == u.id && (latest == nil || v.id > latest.id) {
			latest = v
		}
	}
	switch {
	case latest == nil || latest.code != code:
		return "email_verification_code_incorrect"
	case latest.used:
		return "email_verification_code_previously_used"
	case !s.now().Before(latest.expiresAt):
		return "email_verification_code_expired"
	}
	latest.used = true
	return ""
}

func (s *Server) handleGetEmailVerification(w http.ResponseWriter, _ *http.Request, p params) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if v := lookup(w, s.st.verifications, p["id"], "Email verification"); v != nil {
		writeJSON(w, http.StatusOK, v.json())
	}
}

func (s *Server) handleSendVerificationEmail(w http.ResponseWriter, _ *http.Request, p params) {
	s.mu.Lock()
	defer s.mu.Unlock()
	u := s.lookupUser(w, p["id"])
	if u == nil {
		return
	}
	if u.emailVerified {
		writeError(w, http.StatusBadRequest, "email_already_verified", "The email address is already verified.")
		return
	}
	s.startVerification(u)
	writeJSON(w, http.StatusOK, map[string]any{"user": u.json()})
}

func (s *Server) handleVerifyEmail(w http.ResponseWriter, r *http.Request, p params) {
	code, ok := decodeCode(w, r)
	if !ok {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	u := s.lookupUser(w, p["id"])
	if u == nil {
		return
	}
	if u.emailVerified {
		writeError(w, http.StatusBadRequest, "email_previously_verified", "The email address was already verified.")
		return
	}
	if errCode := s.checkVerificationCode(u, code); errCode != "" {
		writeError(w, http.StatusBadRequest, errCode, "The email verification code could not be used.")
		return
	}
	u.emailVerified = true
	u.updatedAt = s.now()
	s.recordEvent("user.updated", u.json())
	writeJSON(w, http.StatusOK, map[string]any{"user": u.json()})
}

// decodeCode reads the {"code": ...} body of the verify and confirm
// endpoints; it answers 422 and returns false when the code is missing.
func decodeCode(w http.ResponseWriter, r *http.Request) (string, bool) {
	var in struct {
		Code string `json:"code"`
	}
	if !decodeBody(w, r, &in) {
		return "", false
	}
	if in.Code == "" {
		invalidParams(w, "code is required.")
		return "", false
	}
	return in.Code, true
}

// Email change.

type emailChangeRec struct {
	newEmail, code       string
	expiresAt, createdAt time.Time
}

func (s *Server) handleSendEmailChange(w http.ResponseWriter, r *http.Request, p params) {
	var in struct {
		NewEmail string `json:"new_email"`
	}
	if !decodeBody(w, r, &in) {
		return
	}
	if !validEmail(in.NewEmail) {
		writeError(w, http.StatusUnprocessableEntity, "invalid_email", "new_email must be a valid email address.")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	u := s.lookupUser(w, p["id"])
	if u == nil {
		return
	}
	if strings.EqualFold(u.email, in.NewEmail) {
		writeError(w, http.StatusConflict, "email_change_not_needed", "The new email is the current one.")
		return
	}
	if s.userByEmail(in.NewEmail) != nil {
		writeError(w, http.StatusConflict, "email_not_available", "This email is not available.")
		return
	}
	now := s.now()
	u.pendingChange = &emailChangeRec{newEmail: in.NewEmail, code: randomDigits(6), createdAt: now, expiresAt: now.Add(codeTTL)}
	s.sendEmail(Email{Kind: EmailChange, To: in.NewEmail, Code: u.pendingChange.code, ObjectID: u.id})
	writeJSON(w, http.StatusOK, map[string]any{
		"object": "email_change", "user": u.json(), "new_email": in.NewEmail,
		"expires_at": ts(u.pendingChange.expiresAt), "created_at": ts(now),
	})
}

func (s *Server) handleConfirmEmailChange(w http.ResponseWriter, r *http.Request, p params) {
	code, ok := decodeCode(w, r)
	if !ok {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	u := s.lookupUser(w, p["id"])
	if u == nil {
		return
	}
	pc := u.pendingChange
	switch {
	case pc == nil:
		writeError(w, http.StatusConflict, "no_pending_email_change", "There is no pending email change.")
		return
	case pc.code != code:
		writeError(w, http.StatusBadRequest, "email_change_code_incorrect", "The email change code is incorrect.")
		return
	case !s.now().Before(pc.expiresAt):
		writeError(w, http.StatusBadRequest, "email_change_code_expired", "The email change code has expired.")
		return
	}
	if o := s.userByEmail(pc.newEmail); o != nil && o != u {
		writeError(w, http.StatusConflict, "email_not_available", "This email is not available.")
		return
	}
	u.email, u.emailVerified, u.pendingChange = pc.newEmail, true, nil
	u.updatedAt = s.now()
	s.recordEvent("user.updated", u.json())
	writeJSON(w, http.StatusOK, map[string]any{"object": "email_change_confirmation", "user": u.json()})
}
