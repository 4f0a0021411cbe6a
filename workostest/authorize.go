package workostest

import (
	"fmt"
	"html"
	"net/http"
	"net/url"
	"strings"
	"time"
)

type authCodeRec struct {
	userID, orgID, method string
	challenge             string
	invitationToken       string
	expiresAt             time.Time
	used                  bool
}

// SetAuthorizeUser chooses the user that GET /user_management/authorize
// signs in at once when the request has no login_hint naming a user, so a
// test without a browser skips the hosted sign-in page that provider=authkit
// otherwise shows. Pass "" to clear it.
func (s *Server) SetAuthorizeUser(userID string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.st.authorizeUser = userID
}

// handleAuthorize plays the hosted sign-in page: it signs in the user named
// by login_hint (an email) or chosen with SetAuthorizeUser and redirects to
// redirect_uri with a one-time code and the state. With screen_hint=sign-up
// and a login_hint nobody has, it signs that address up first. For
// provider=authkit with no such user, and for the page's form posts, it
// serves the sign-in page (signin_page.go). Errors that concern the redirect
// target answer 400; others are sent to redirect_uri as error and
// error_description, as OAuth does.
func (s *Server) handleAuthorize(w http.ResponseWriter, r *http.Request, _ params) {
	q := r.URL.Query()
	if q.Get("client_id") != s.cfg.clientID {
		writeJSON(w, http.StatusBadRequest, map[string]any{"message": "Invalid client_id"})
		return
	}
	target, err := url.Parse(q.Get("redirect_uri"))
	if err != nil || !target.IsAbs() {
		writeJSON(w, http.StatusBadRequest, map[string]any{"message": "redirect_uri must be an absolute URL"})
		return
	}
	redirect := func(vals map[string]string) {
		rq := target.Query()
		for k, v := range vals {
			rq.Set(k, v)
		}
		if st := q.Get("state"); st != "" {
			rq.Set("state", st)
		}
		target.RawQuery = rq.Encode()
		w.Header().Set("Location", target.String())
		w.WriteHeader(redirectStatus(r))
	}
	fail := func(code, desc string) { redirect(map[string]string{"error": code, "error_description": desc}) }
	if q.Get("response_type") != "code" {
		fail("unsupported_response_type", "response_type must be code")
		return
	}
	challenge := q.Get("code_challenge")
	if challenge != "" && q.Get("code_challenge_method") != "S256" {
		fail("invalid_request", "code_challenge_method must be S256")
		return
	}
	finish := func(u *userRec, orgID string) {
		if orgID != "" && !s.isActiveMember(u.id, orgID) {
			fail("access_denied", "the user is not an active member of the organization")
			return
		}
		code := randomToken(32)
		s.st.codes[code] = &authCodeRec{
			userID: u.id, orgID: orgID, method: authorizeMethod(q), challenge: challenge,
			invitationToken: q.Get("invitation_token"), expiresAt: s.now().Add(codeTTL),
		}
		redirect(map[string]string{"code": code})
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if r.Method == http.MethodPost {
		s.handleSignInForm(w, r, q, finish)
		return
	}
	u := s.authorizingUser(q)
	switch {
	case u == nil && q.Get("provider") == "authkit":
		s.renderSignInPage(w, http.StatusOK, q, signInPage{Email: q.Get("login_hint")})
	case u == nil:
		fail("access_denied", "workostest: no user to sign in; call SetAuthorizeUser or pass a login_hint")
	default:
		finish(u, q.Get("organization_id"))
	}
}

// authorizingUser picks the user the hosted page signs in: the login_hint
// user (signed up first with screen_hint=sign-up), else the one chosen with
// SetAuthorizeUser. Callers hold s.mu.
func (s *Server) authorizingUser(q url.Values) *userRec {
	if hint := q.Get("login_hint"); hint != "" {
		if u := s.userByEmail(hint); u != nil {
			return u
		}
		if q.Get("screen_hint") == "sign-up" && validEmail(hint) {
			return s.hostedSignUp(hint, "", "")
		}
	}
	return s.st.users[s.st.authorizeUser]
}

// hostedSignUp creates a user signed up on the hosted page, with the
// address verified as AuthKit verifies it there and the names given (none
// when empty), and records its user.created event with them; both the
// login_hint shortcut and the sign-up form use it. Callers hold s.mu.
func (s *Server) hostedSignUp(email, firstName, lastName string) *userRec {
	u := s.insertUser(email)
	u.emailVerified = true
	if firstName != "" {
		u.firstName = &firstName
	}
	if lastName != "" {
		u.lastName = &lastName
	}
	s.recordEvent("user.created", u.json())
	return u
}

// authorizeMethod is the authentication_method a hosted sign-in reports:
// the OAuth provider asked for, SSO for a connection, else Password.
func authorizeMethod(q url.Values) string {
	if p := q.Get("provider"); strings.HasSuffix(p, "OAuth") {
		return p
	}
	if q.Get("connection_id") != "" {
		return "SSO"
	}
	return "Password"
}

// Device authorization.

type deviceRec struct {
	deviceCode, userCode string
	status               string // pending, approved, denied, used
	userID               string
	expiresAt            time.Time
}

const deviceTTL = 5 * time.Minute

func (s *Server) handleDeviceAuthorization(w http.ResponseWriter, r *http.Request, _ params) {
	var in struct {
		ClientID string `json:"client_id"`
	}
	if !decodeFlexible(w, r, &in) {
		return
	}
	if in.ClientID != s.cfg.clientID {
		writeOAuthError(w, http.StatusBadRequest, "invalid_client", "Invalid client ID.")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	d := &deviceRec{deviceCode: randomToken(40), userCode: userCode(), status: "pending", expiresAt: s.now().Add(deviceTTL)}
	s.st.devices[d.deviceCode] = d
	s.st.lastUserCode = d.userCode
	verify := s.http.URL + "/device"
	writeJSON(w, http.StatusOK, map[string]any{
		"device_code": d.deviceCode, "user_code": d.userCode, "verification_uri": verify,
		"verification_uri_complete": verify + "?user_code=" + url.QueryEscape(d.userCode),
		"expires_in":                deviceTTL.Seconds(), "interval": s.cfg.deviceInterval.Seconds(),
	})
}

// handleDevicePage serves the verification_uri of the device flow. The
// fake has no sign-in page, so it only shows the code and says how a test
// approves it; without a pending request for user_code it answers 404.
func (s *Server) handleDevicePage(w http.ResponseWriter, r *http.Request, _ params) {
	code := r.URL.Query().Get("user_code")
	s.mu.Lock()
	pending := false
	for _, d := range s.st.devices {
		pending = pending || (code != "" && d.userCode == code && d.status == "pending" && s.now().Before(d.expiresAt))
	}
	s.mu.Unlock()
	status, text := http.StatusOK, "Device sign-in request "+code+" is waiting. In a test, approve it with Server.ApproveDevice(code, userID) or deny it with Server.DenyDevice(code)."
	if code == "" {
		text = "This is the workostest fake's device verification page. Open it with ?user_code=CODE, or approve the code in a test with Server.ApproveDevice(code, userID)."
	} else if !pending {
		status, text = http.StatusNotFound, "No pending device sign-in request has the code "+code+"."
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, _ = fmt.Fprintf(w, "<!doctype html>\n<title>workostest device sign-in</title>\n<p>%s</p>\n", html.EscapeString(text))
}

// userCode returns a code like "BCDF-GHJK", from letters that are hard to
// confuse.
func userCode() string {
	const alphabet = "BCDFGHJKLMNPQRSTVWXZ"
	raw := randomToken(8)
	b := make([]byte, 0, 9)
	for i := range 8 {
		if i == 4 {
			b = append(b, '-')
		}
		b = append(b, alphabet[int(raw[i])%len(alphabet)])
	}
	return string(b)
}

// ApproveDevice completes the browser side of a device login: the user
// userID approves the request with userCode, so the next poll of the device
// code grant signs them in (into their organization when they have exactly
// one active membership). It returns an error when no pending request has
// that code or the user does not exist. It is safe to call from any
// goroutine, for example while the code under test polls.
func (s *Server) ApproveDevice(userCode, userID string) error {
	return s.settleDevice(userCode, userID, "approved")
}

// DenyDevice declines the device login with userCode: the next poll answers
// access_denied. It returns an error when no pending request has that code.
func (s *Server) DenyDevice(userCode string) error {
	return s.settleDevice(userCode, "", "denied")
}

// SlowDownDevicePolls makes the next n polls of the device code grant
// answer 400 slow_down (before any other outcome), so a test can check that
// a poller adds 5 seconds to its interval as RFC 8628 asks. The server never
// answers slow_down by itself.
func (s *Server) SlowDownDevicePolls(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.st.slowDowns = n
}

// LastUserCode returns the user code of the newest device authorization, or
// "" when none was started. A test driving a CLI that prints the code can
// use it instead of parsing the output.
func (s *Server) LastUserCode() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.st.lastUserCode
}

func (s *Server) settleDevice(code, userID, status string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if status == "approved" && s.st.users[userID] == nil {
		return fmt.Errorf("workostest: unknown user %q", userID)
	}
	for _, d := range s.st.devices {
		if d.userCode == code && d.status == "pending" {
			d.status, d.userID = status, userID
			return nil
		}
	}
	return fmt.Errorf("workostest: no pending device authorization with user code %q", code)
}

func (s *Server) grantDevice(w http.ResponseWriter, in authRequest, si signIn) {
	if !requireFields(w, map[string]string{"device_code": in.DeviceCode}) {
		return
	}
	d := s.st.devices[in.DeviceCode]
	switch {
	case d == nil || d.status == "used":
		writeOAuthError(w, http.StatusBadRequest, "invalid_grant", "The device code is invalid or was already used.")
		return
	case !s.now().Before(d.expiresAt):
		writeOAuthError(w, http.StatusBadRequest, "expired_token", "The device code has expired.")
		return
	case s.st.slowDowns > 0:
		s.st.slowDowns--
		writeOAuthError(w, http.StatusBadRequest, "slow_down", "Polling too fast; add 5 seconds to the interval.")
		return
	case d.status == "pending":
		writeOAuthError(w, http.StatusBadRequest, "authorization_pending", "The user has not yet approved the request.")
		return
	case d.status == "denied":
		writeOAuthError(w, http.StatusBadRequest, "access_denied", "The user denied the request.")
		return
	}
	u := s.st.users[d.userID]
	if u == nil {
		writeOAuthError(w, http.StatusBadRequest, "invalid_grant", "The user no longer exists.")
		return
	}
	d.status = "used"
	si.method, si.challenges = "Password", false
	s.signIn(w, u, si)
}
