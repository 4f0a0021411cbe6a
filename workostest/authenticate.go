package workostest

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"strings"
	"time"
)

// Grant types of POST /user_management/authenticate.
const (
	grantAuthorizationCode = "authorization_code"
	grantPassword          = "password"
	grantRefreshToken      = "refresh_token"
	grantMagicAuth         = "urn:workos:oauth:grant-type:magic-auth:code"
	grantEmailVerification = "urn:workos:oauth:grant-type:email-verification:code"
	grantTOTP              = "urn:workos:oauth:grant-type:mfa-totp"
	grantOrgSelection      = "urn:workos:oauth:grant-type:organization-selection"
	grantRadarEmail        = "urn:workos:oauth:grant-type:radar-email-challenge:code"
	grantRadarSMS          = "urn:workos:oauth:grant-type:radar-sms-challenge:code"
	grantDeviceCode        = "urn:ietf:params:oauth:grant-type:device_code"
)

type authRequest struct {
	ClientID        string `json:"client_id"`
	ClientSecret    string `json:"client_secret"`
	GrantType       string `json:"grant_type"`
	Code            string `json:"code"`
	CodeVerifier    string `json:"code_verifier"`
	Email           string `json:"email"`
	Password        string `json:"password"`
	RefreshToken    string `json:"refresh_token"`
	OrganizationID  string `json:"organization_id"`
	PendingToken    string `json:"pending_authentication_token"`
	ChallengeID     string `json:"authentication_challenge_id"`
	DeviceCode      string `json:"device_code"`
	InvitationToken string `json:"invitation_token"`
	IPAddress       string `json:"ip_address"`
	UserAgent       string `json:"user_agent"`
}

// decodeFlexible reads a JSON or form-encoded body into v.
func decodeFlexible(w http.ResponseWriter, r *http.Request, v any) bool {
	if strings.HasPrefix(r.Header.Get("Content-Type"), "application/x-www-form-urlencoded") {
		if err := r.ParseForm(); err != nil {
			invalidParams(w, "The request body is not a valid form.")
			return false
		}
		m := map[string]string{}
		for k := range r.PostForm {
			m[k] = r.PostForm.Get(k)
		}
		b, _ := json.Marshal(m)
		_ = json.Unmarshal(b, v)
		return true
	}
	return decodeBody(w, r, v)
}

// signIn carries how a user is signing in, across challenges.
type signIn struct {
	method     string // authentication_method
	orgID      string
	ip, ua     string
	mfaDone    bool
	challenges bool // false for hosted flows (code, device) that settle challenges themselves
}

type pendingRec struct {
	token     string
	userID    string
	in        signIn
	expiresAt time.Time
}

type refreshRec struct {
	sessionID string
	used      bool
	usedAt    time.Time      // when it was redeemed, on the server's clock
	rotated   map[string]any // the reply it was redeemed for, replayed inside the window
}

func (s *Server) handleAuthenticate(w http.ResponseWriter, r *http.Request, _ params) {
	var in authRequest
	if !decodeFlexible(w, r, &in) {
		return
	}
	if h := r.Header.Get("Authorization"); h != "" && !s.authorized(r) {
		writeJSON(w, http.StatusUnauthorized, map[string]any{"message": "Unauthorized"})
		return
	}
	if in.ClientID != s.cfg.clientID {
		writeOAuthError(w, http.StatusBadRequest, "invalid_client", "Invalid client ID.")
		return
	}
	needSecret := in.GrantType != grantAuthorizationCode && in.GrantType != grantRefreshToken && in.GrantType != grantDeviceCode
	if in.ClientSecret != "" && subtle.ConstantTimeCompare([]byte(in.ClientSecret), []byte(s.cfg.apiKey)) != 1 ||
		in.ClientSecret == "" && needSecret {
		writeOAuthError(w, http.StatusBadRequest, "invalid_client", "Invalid client secret.")
		return
	}
	si := signIn{ip: in.IPAddress, ua: in.UserAgent, challenges: true}
	s.mu.Lock()
	defer s.mu.Unlock()
	switch in.GrantType {
	case grantPassword:
		s.grantPassword(w, in, si)
	case grantAuthorizationCode:
		s.grantCode(w, in, si)
	case grantRefreshToken:
		s.grantRefresh(w, in)
	case grantMagicAuth:
		s.grantMagic(w, in, si)
	case grantEmailVerification:
		s.grantEmailVerification(w, in)
	case grantTOTP:
		s.grantTOTP(w, in)
	case grantOrgSelection:
		s.grantOrgSelection(w, in)
	case grantDeviceCode:
		s.grantDevice(w, in, si)
	case grantRadarEmail, grantRadarSMS:
		writeError(w, http.StatusBadRequest, "invalid_pending_authentication_token", "Radar challenges are not simulated by workostest.")
	default:
		writeOAuthError(w, http.StatusBadRequest, "invalid_request", "Unsupported grant_type.")
	}
}

func requireFields(w http.ResponseWriter, fields map[string]string) bool {
	for name, v := range fields {
		if v == "" {
			invalidParams(w, "%s is required.", name)
			return false
		}
	}
	return true
}

// redeemInvitation applies an invitation_token given with a sign-in; it
// answers and returns false when the token cannot be used by u.
func (s *Server) redeemInvitation(w http.ResponseWriter, token string, u *userRec, si *signIn) bool {
	if token == "" {
		return true
	}
	inv := s.invitationByToken(token)
	if inv == nil || inv.currentState(s.now()) != "pending" {
		writeOAuthError(w, http.StatusBadRequest, "invitation_invalid", "The invitation is not valid.")
		return false
	}
	if !strings.EqualFold(inv.email, u.email) {
		writeOAuthError(w, http.StatusBadRequest, "invitation_cannot_be_used_for_email", "The invitation was sent to another email address.")
		return false
	}
	s.acceptInvitation(inv, u)
	if inv.orgID != nil {
		si.orgID = *inv.orgID
	}
	return true
}

func (s *Server) grantPassword(w http.ResponseWriter, in authRequest, si signIn) {
	if !requireFields(w, map[string]string{"email": in.Email, "password": in.Password}) {
		return
	}
	u := s.userByEmail(in.Email)
	if u == nil || !u.checkPassword(in.Password) {
		s.recordAuthentication("password", si, u, in.Email, "invalid_credentials", "Invalid credentials.")
		writeError(w, http.StatusBadRequest, "invalid_credentials", "Invalid credentials.")
		return
	}
	si.method = "Password"
	if s.redeemInvitation(w, in.InvitationToken, u, &si) {
		s.signIn(w, u, si)
	}
}

func (s *Server) grantMagic(w http.ResponseWriter, in authRequest, si signIn) {
	if !requireFields(w, map[string]string{"email": in.Email, "code": in.Code}) {
		return
	}
	var m *oneTimeCodeRec
	for _, c := range s.st.magicAuths {
		if strings.EqualFold(c.email, in.Email) && c.code == in.Code && (m == nil || c.id > m.id) {
			m = c
		}
	}
	fail := func(code, msg string) {
		s.recordAuthentication("magic_auth", si, s.userByEmail(in.Email), in.Email, code, msg)
		writeError(w, http.StatusBadRequest, code, msg)
	}
	switch {
	case m == nil:
		fail("invalid_one_time_code", "The code is not valid.")
		return
	case m.used:
		fail("one_time_code_previously_used", "The code was already used.")
		return
	case !s.now().Before(m.expiresAt):
		fail("one_time_code_expired", "The code has expired.")
		return
	}
	u := s.st.users[m.userID]
	if u == nil {
		notFound(w, "User")
		return
	}
	m.used = true
	if !u.emailVerified { // receiving the code proves the address
		u.emailVerified, u.updatedAt = true, s.now()
		s.recordEvent("user.updated", u.json())
	}
	si.method = "MagicAuth"
	if s.redeemInvitation(w, in.InvitationToken, u, &si) {
		s.signIn(w, u, si)
	}
}

// s256 computes the PKCE code challenge of verifier.
func s256(verifier string) string {
	sum := sha256.Sum256([]byte(verifier))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}

func (s *Server) grantCode(w http.ResponseWriter, in authRequest, si signIn) {
	if !requireFields(w, map[string]string{"code": in.Code}) {
		return
	}
	c := s.st.codes[in.Code]
	if c == nil || c.used || !s.now().Before(c.expiresAt) {
		writeOAuthError(w, http.StatusBadRequest, "invalid_grant", "The authorization code is invalid, expired or already used.")
		return
	}
	if c.challenge != "" {
		if in.CodeVerifier == "" || subtle.ConstantTimeCompare([]byte(s256(in.CodeVerifier)), []byte(c.challenge)) != 1 {
			writeOAuthError(w, http.StatusBadRequest, "invalid_grant", "The code verifier does not match the code challenge.")
			return
		}
	} else if in.ClientSecret == "" {
		writeOAuthError(w, http.StatusBadRequest, "invalid_client", "client_secret is required without PKCE.")
		return
	}
	c.used = true
	u := s.st.users[c.userID]
	if u == nil {
		notFound(w, "User")
		return
	}
	si.method, si.orgID, si.challenges = c.method, c.orgID, false
	if s.redeemInvitation(w, c.invitationToken, u, &si) {
		s.signIn(w, u, si)
	}
}

func (s *Server) grantRefresh(w http.ResponseWriter, in authRequest) {
	if !requireFields(w, map[string]string{"refresh_token": in.RefreshToken}) {
		return
	}
	rt := s.st.refresh[in.RefreshToken]
	if rt == nil || rt.used && !s.inReplayWindow(rt) {
		writeOAuthError(w, http.StatusBadRequest, "invalid_grant", "The refresh token is invalid or was already used.")
		return
	}
	ss := s.st.sessions[rt.sessionID]
	if ss == nil || !ss.active(s.now()) {
		writeOAuthError(w, http.StatusBadRequest, "invalid_grant", "The session has ended.")
		return
	}
	if rt.used {
		// A replay inside the window, as after a lost reply: the same
		// rotated pair again.
		writeJSON(w, http.StatusOK, rt.rotated)
		return
	}
	u := s.st.users[ss.userID]
	if u == nil {
		writeOAuthError(w, http.StatusBadRequest, "invalid_grant", "The user no longer exists.")
		return
	}
	if in.OrganizationID != "" && in.OrganizationID != ss.orgID {
		if !s.checkOrgChoice(w, u.id, in.OrganizationID) {
			return
		}
		ss.orgID = in.OrganizationID
	}
	ss.updatedAt = s.now()
	out, err := s.tokensJSON(u, ss)
	if err != nil {
		writeJSON(w, http.StatusInternalServerError, map[string]any{"message": "workostest: signing failed"})
		return
	}
	rt.used, rt.usedAt, rt.rotated = true, s.now(), out
	writeJSON(w, http.StatusOK, out)
}

// inReplayWindow reports whether a used refresh token may still be
// replayed; callers hold s.mu.
func (s *Server) inReplayWindow(rt *refreshRec) bool {
	return s.cfg.refreshReplay > 0 && rt.rotated != nil && s.now().Before(rt.usedAt.Add(s.cfg.refreshReplay))
}

// lookupPending finds a pending authentication token of a challenge, or
// answers 400.
func (s *Server) lookupPending(w http.ResponseWriter, token string) (*pendingRec, *userRec) {
	p := s.st.pending[token]
	if p == nil || !s.now().Before(p.expiresAt) {
		writeError(w, http.StatusBadRequest, "invalid_pending_authentication_token", "The pending authentication token is invalid or expired.")
		return nil, nil
	}
	u := s.st.users[p.userID]
	if u == nil {
		writeError(w, http.StatusBadRequest, "invalid_pending_authentication_token", "The user no longer exists.")
		return nil, nil
	}
	return p, u
}

func (s *Server) grantEmailVerification(w http.ResponseWriter, in authRequest) {
	if !requireFields(w, map[string]string{"code": in.Code, "pending_authentication_token": in.PendingToken}) {
		return
	}
	p, u := s.lookupPending(w, in.PendingToken)
	if p == nil {
		return
	}
	if !u.emailVerified {
		if code := s.checkVerificationCode(u, in.Code); code != "" {
			s.recordAuthentication("email_verification", p.in, u, "", "invalid_one_time_code", "The email verification code is not valid.")
			writeError(w, http.StatusBadRequest, "invalid_one_time_code", "The email verification code is not valid.")
			return
		}
		u.emailVerified, u.updatedAt = true, s.now()
		s.recordEvent("user.updated", u.json())
		s.recordAuthentication("email_verification", p.in, u, "", "", "")
	}
	delete(s.st.pending, p.token)
	s.signIn(w, u, p.in)
}

func (s *Server) grantTOTP(w http.ResponseWriter, in authRequest) {
	if !requireFields(w, map[string]string{"code": in.Code, "pending_authentication_token": in.PendingToken, "authentication_challenge_id": in.ChallengeID}) {
		return
	}
	p, u := s.lookupPending(w, in.PendingToken)
	if p == nil {
		return
	}
	ch := s.st.challenges[in.ChallengeID]
	var f *factorRec
	if ch != nil {
		f = s.st.factors[ch.factorID]
	}
	if f == nil || f.userID != u.id {
		writeError(w, http.StatusBadRequest, "invalid_one_time_code", "The authentication challenge does not belong to this user.")
		return
	}
	if !f.check(in.Code, s.now()) {
		s.recordAuthentication("mfa", p.in, u, "", "invalid_one_time_code", "The TOTP code is not valid.")
		writeError(w, http.StatusBadRequest, "invalid_one_time_code", "The TOTP code is not valid.")
		return
	}
	s.recordAuthentication("mfa", p.in, u, "", "", "")
	delete(s.st.pending, p.token)
	p.in.mfaDone = true
	s.signIn(w, u, p.in)
}

func (s *Server) grantOrgSelection(w http.ResponseWriter, in authRequest) {
	if !requireFields(w, map[string]string{"organization_id": in.OrganizationID, "pending_authentication_token": in.PendingToken}) {
		return
	}
	p, u := s.lookupPending(w, in.PendingToken)
	if p == nil {
		return
	}
	if !s.checkOrgChoice(w, u.id, in.OrganizationID) {
		return
	}
	delete(s.st.pending, p.token)
	p.in.orgID = in.OrganizationID
	s.signIn(w, u, p.in)
}

// checkOrgChoice answers organization_not_found or
// organization_membership_not_found and returns false unless userID may
// sign in to orgID; callers hold s.mu.
func (s *Server) checkOrgChoice(w http.ResponseWriter, userID, orgID string) bool {
	switch {
	case s.st.orgs[orgID] == nil:
		writeOAuthError(w, http.StatusBadRequest, "organization_not_found", "Organization not found.")
	case !s.isActiveMember(userID, orgID):
		writeOAuthError(w, http.StatusBadRequest, "organization_membership_not_found", "The user is not an active member of the organization.")
	default:
		return true
	}
	return false
}

// newPending stores the sign-in state behind a challenge; callers hold s.mu.
func (s *Server) newPending(u *userRec, si signIn) string {
	p := &pendingRec{token: randomToken(40), userID: u.id, in: si, expiresAt: s.now().Add(codeTTL)}
	s.st.pending[p.token] = p
	return p.token
}

// signIn answers the challenge the user still owes, or creates the session
// and answers with tokens. Challenges, in order: email verification (when
// RequireEmailVerification is on and the address is unverified), MFA (when
// the user has a TOTP factor) and organization selection (when no
// organization was named and the user is an active member of several).
func (s *Server) signIn(w http.ResponseWriter, u *userRec, si signIn) {
	if si.challenges && s.st.requireEmailVerification && !u.emailVerified {
		v := s.startVerification(u)
		writeError(w, http.StatusForbidden, "email_verification_required", "Email ownership must be verified before authentication.", map[string]any{
			"pending_authentication_token": s.newPending(u, si), "email": u.email, "email_verification_id": v.id,
		})
		return
	}
	if si.challenges && !si.mfaDone {
		if fs := s.factorsOf(u.id); len(fs) > 0 {
			list := make([]any, len(fs))
			for i, f := range fs {
				list[i] = f.json(false)
			}
			writeError(w, http.StatusForbidden, "mfa_challenge", "The user must complete a multi-factor authentication challenge.", map[string]any{
				"pending_authentication_token": s.newPending(u, si), "user": u.json(), "authentication_factors": list,
			})
			return
		}
	}
	if si.orgID == "" {
		ms := s.activeMemberships(u.id)
		switch {
		case len(ms) == 1:
			si.orgID = ms[0].orgID
		case len(ms) > 1 && si.challenges:
			writeError(w, http.StatusForbidden, "organization_selection_required", "The user must choose an organization to sign in to.", map[string]any{
				"pending_authentication_token": s.newPending(u, si), "user": u.json(), "organizations": s.orgSummaries(ms),
			})
			return
		}
	} else if !s.isActiveMember(u.id, si.orgID) {
		writeOAuthError(w, http.StatusBadRequest, "organization_membership_not_found", "The user is not an active member of the organization.")
		return
	}
	s.writeTokens(w, u, s.startSession(u, si))
}

// startSession records a new active session for u; callers hold s.mu.
func (s *Server) startSession(u *userRec, si signIn) *sessionRec {
	now := s.now()
	ss := &sessionRec{
		id: s.newID("session"), userID: u.id, orgID: si.orgID, method: si.method, status: "active",
		expiresAt: now.Add(sessionTTL), createdAt: now, updatedAt: now,
	}
	if si.ip != "" {
		ss.ip = &si.ip
	}
	if si.ua != "" {
		ss.ua = &si.ua
	}
	s.st.sessions[ss.id] = ss
	u.lastSignInAt = &now
	s.recordAuthentication(authKind(si.method), si, u, "", "", "")
	s.recordEvent("session.created", s.sessionJSON(ss))
	return ss
}

// newRefreshToken issues a single-use refresh token for ss.
func (s *Server) newRefreshToken(ss *sessionRec) string {
	rt := randomToken(40)
	s.st.refresh[rt] = &refreshRec{sessionID: ss.id}
	return rt
}

// writeTokens mints an access token and a fresh refresh token for ss and
// answers with the authenticate response.
func (s *Server) writeTokens(w http.ResponseWriter, u *userRec, ss *sessionRec) {
	out, err := s.tokensJSON(u, ss)
	if err != nil {
		writeJSON(w, http.StatusInternalServerError, map[string]any{"message": "workostest: signing failed"})
		return
	}
	writeJSON(w, http.StatusOK, out)
}

// tokensJSON mints an access token and a fresh refresh token for ss, as
// the authenticate response's body.
func (s *Server) tokensJSON(u *userRec, ss *sessionRec) (map[string]any, error) {
	at, err := s.accessToken(ss)
	if err != nil {
		return nil, err
	}
	out := map[string]any{"user": u.json(), "access_token": at, "refresh_token": s.newRefreshToken(ss)}
	if ss.orgID != "" {
		out["organization_id"] = ss.orgID
	}
	if ss.method != "" {
		out["authentication_method"] = ss.method
	}
	return out, nil
}

// RequireEmailVerification turns the email_verification_required challenge
// on or off: while on, password and magic auth sign-ins of users whose
// address is unverified answer 403 with a pending authentication token, and
// a verification code is emailed (see Inbox).
func (s *Server) RequireEmailVerification(on bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.st.requireEmailVerification = on
}

// Tokens are the credentials of a session made with SignIn.
type Tokens struct {
	// AccessToken is a signed RS256 JWT, verifiable with the server's JWKS.
	AccessToken string
	// RefreshToken redeems once with the refresh_token grant.
	RefreshToken string
	// SessionID is the session's ID, the token's "sid" claim.
	SessionID string
}

// SignIn starts a session for userID directly, as if they had signed in with
// a password, skipping challenges, and returns its tokens. orgID, when not
// empty, must be an organization where the user has an active membership.
// Use it to set up a signed-in state without driving a sign-in flow. It
// fails the test when the user or membership does not exist.
func (s *Server) SignIn(userID, orgID string) Tokens {
	s.mu.Lock()
	defer s.mu.Unlock()
	u := s.st.users[userID]
	if u == nil {
		s.failf("workostest: SignIn: unknown user %q", userID)
	}
	if orgID != "" {
		if !s.isActiveMember(userID, orgID) {
			s.failf("workostest: SignIn: user %q is not an active member of %q", userID, orgID)
		}
	}
	ss := s.startSession(u, signIn{method: "Password", orgID: orgID})
	at, err := s.accessToken(ss)
	if err != nil {
		s.failf("workostest: SignIn: %v", err)
	}
	return Tokens{AccessToken: at, RefreshToken: s.newRefreshToken(ss), SessionID: ss.id}
}
