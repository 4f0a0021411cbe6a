package workostest

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha1"
	"encoding/base32"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"
)

type factorRec struct {
	id, userID           string
	issuer, user, secret string
	createdAt            time.Time
}

func (f *factorRec) getID() string { return f.id }

type challengeRec struct {
	id, factorID         string
	createdAt, expiresAt time.Time
}

func (f *factorRec) otpauthURI() string {
	label := url.PathEscape(f.issuer + ":" + f.user)
	return "otpauth://totp/" + label + "?secret=" + f.secret + "&issuer=" + url.QueryEscape(f.issuer)
}

// json renders the factor; enrolled adds the secret, QR code and URI.
func (f *factorRec) json(enrolled bool) map[string]any {
	totp := map[string]any{"issuer": f.issuer, "user": f.user}
	if enrolled {
		totp["secret"] = f.secret
		totp["uri"] = f.otpauthURI()
		// Not a real PNG: a data URL that carries the otpauth URI.
		totp["qr_code"] = "data:text/plain;base64," + base64.StdEncoding.EncodeToString([]byte(f.otpauthURI()))
	}
	return map[string]any{
		"object": "authentication_factor", "id": f.id, "type": "totp", "user_id": f.userID, "totp": totp,
		"created_at": ts(f.createdAt), "updated_at": ts(f.createdAt),
	}
}

// totpAt computes the RFC 6238 code (SHA-1, 30 s, 6 digits) for secret.
func totpAt(secret string, t time.Time) string {
	key, err := base32.StdEncoding.WithPadding(base32.NoPadding).DecodeString(strings.ToUpper(secret))
	if err != nil {
		return ""
	}
	var msg [8]byte
	binary.BigEndian.PutUint64(msg[:], uint64(t.Unix()/30))
	mac := hmac.New(sha1.New, key)
	mac.Write(msg[:])
	sum := mac.Sum(nil)
	off := sum[len(sum)-1] & 0x0f
	v := binary.BigEndian.Uint32(sum[off:off+4]) & 0x7fffffff
	return fmt.Sprintf("%06d", v%1000000)
}

// check accepts the code of the current 30-second step or a neighbour.
func (f *factorRec) check(code string, now time.Time) bool {
	for _, d := range []time.Duration{0, -30 * time.Second, 30 * time.Second} {
		if c := totpAt(f.secret, now.Add(d)); c != "" && c == code {
			return true
		}
	}
	return false
}

func (s *Server) factorsOf(userID string) []*factorRec {
	var out []*factorRec
	for _, f := range s.st.factors {
		if f.userID == userID {
			out = append(out, f)
		}
	}
	sortByID(out, idOf[*factorRec])
	return out
}

// newChallenge opens an authentication challenge on f; callers hold s.mu.
func (s *Server) newChallenge(f *factorRec) *challengeRec {
	now := s.now()
	c := &challengeRec{id: s.newID("auth_challenge"), factorID: f.id, createdAt: now, expiresAt: now.Add(codeTTL)}
	s.st.challenges[c.id] = c
	return c
}

func (c *challengeRec) json() map[string]any {
	return map[string]any{
		"object": "authentication_challenge", "id": c.id, "authentication_factor_id": c.factorID,
		"expires_at": ts(c.expiresAt), "created_at": ts(c.createdAt), "updated_at": ts(c.createdAt),
	}
}

// TOTPCode returns the current six-digit code of the TOTP factor factorID,
// by the server's clock, as the user's authenticator app would show it. The
// mfa-totp grant accepts it (and the codes of the neighbouring 30-second
// steps). It returns "" for an unknown factor.
func (s *Server) TOTPCode(factorID string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if f := s.st.factors[factorID]; f != nil {
		return totpAt(f.secret, s.now())
	}
	return ""
}

// ChallengeFactor opens an authentication challenge on the factor factorID,
// as the MFA API would, and returns its ID for the mfa-totp grant's
// authentication_challenge_id (enrollment returns one too). It returns ""
// for an unknown factor.
func (s *Server) ChallengeFactor(factorID string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if f := s.st.factors[factorID]; f != nil {
		return s.newChallenge(f).id
	}
	return ""
}

func (s *Server) handleListAuthFactors(w http.ResponseWriter, r *http.Request, p params) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.st.users[p["id"]] == nil {
		writeJSON(w, http.StatusUnprocessableEntity, map[string]any{"message": "User not found"})
		return
	}
	paginate(w, r, s.factorsOf(p["id"]), idOf[*factorRec], func(f *factorRec) any { return f.json(false) })
}

func (s *Server) handleEnrollAuthFactor(w http.ResponseWriter, r *http.Request, p params) {
	var in struct {
		Type       string `json:"type"`
		TOTPIssuer string `json:"totp_issuer"`
		TOTPUser   string `json:"totp_user"`
		TOTPSecret string `json:"totp_secret"`
	}
	if !decodeBody(w, r, &in) {
		return
	}
	if in.Type != "totp" {
		writeJSON(w, http.StatusUnprocessableEntity, map[string]any{"message": "type must be totp"})
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	u := s.st.users[p["id"]]
	if u == nil {
		writeJSON(w, http.StatusUnprocessableEntity, map[string]any{"message": "User not found"})
		return
	}
	secret := in.TOTPSecret
	if secret == "" {
		var raw [20]byte
		_, _ = rand.Read(raw[:])
		secret = base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(raw[:])
	} else if _, err := base32.StdEncoding.WithPadding(base32.NoPadding).DecodeString(strings.ToUpper(secret)); err != nil {
		writeJSON(w, http.StatusUnprocessableEntity, map[string]any{"message": "totp_secret must be base32"})
		return
	}
	f := &factorRec{id: s.newID("auth_factor"), userID: u.id, issuer: in.TOTPIssuer, user: in.TOTPUser, secret: secret, createdAt: s.now()}
	if f.issuer == "" {
		f.issuer = "WorkOS"
	}
	if f.user == "" {
		f.user = u.email
	}
	s.st.factors[f.id] = f
	writeJSON(w, http.StatusCreated, map[string]any{
		"authentication_factor": f.json(true), "authentication_challenge": s.newChallenge(f).json(),
	})
}
