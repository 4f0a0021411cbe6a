package workos

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"
)

// ErrSealUnknownVersion: a Ruby SDK cookie whose first byte is not the
// format version 1 (and that does not open in the older 6.x layout
// either). An iron cookie read as a Ruby one ends here: its "Fe26" decodes
// to a first byte of 21.
var ErrSealUnknownVersion = errors.New("workos: sealed session has an unknown version")

const (
	rubySealVersion  = 0x01
	rubyNonceSize    = 12
	rubyTagSize      = 16
	rubyHeaderSize   = 1 + rubyNonceSize + rubyTagSize
	rubyMinPassBytes = 32
)

// UnsealRubySession opens a session cookie sealed by the WorkOS Ruby SDK
// (gem workos 10.x, and the 6.x layout that 10.x still reads) and returns
// the same SessionData that UnsealSession returns for an iron cookie. It
// is for moving a Ruby application to Go without signing its users out;
// most callers want LoadSealedSession with WithRubyCookies, which also
// re-seals the cookie into iron. The SDK never writes Ruby's format: the
// move goes one way, to iron, the format the Node SDK shares.
//
// The format is base64 of a version byte 0x01, a 12-byte nonce, the
// 16-byte AES-256-GCM tag and then the ciphertext, keyed with the SHA-256
// of the password. Like Ruby, it:
//   - needs a password of at least 32 bytes of UTF-8. Node's iron rule
//     counts 32 UTF-16 code units instead, so 8 emoji (32 bytes, 16 units)
//     pass here but cannot seal an iron cookie;
//   - decodes base64 leniently: characters outside the standard alphabet,
//     such as line breaks, are skipped and padding is optional;
//   - falls back to the 6.x layout (nonce, ciphertext, tag; the password
//     itself as the key, so only a 32-byte password) when the current one
//     does not open, and then reports the current layout's error.
//
// A cookie that Rack percent-encoded in Set-Cookie ("%2B", "%2F", "%3D"),
// as it arrives in http.Request.Cookie, is accepted as well as the decoded
// form. The cookie carries no expiry. OrganizationID is the cookie's own
// (6.x) or else the access token's org_id claim read without verification,
// as SealSessionFromAuthResponse does; verify the token before trusting
// it. The error matches one of ErrSealMalformed, ErrSealBadMAC (a wrong
// password or an altered cookie), ErrSealUnknownVersion or
// ErrSealPasswordTooShort.
func UnsealRubySession(cookie, password string) (*SessionData, error) {
	if len(password) < rubyMinPassBytes {
		return nil, fmt.Errorf("%w (Ruby cookies: 32 bytes)", ErrSealPasswordTooShort)
	}
	if strings.Contains(cookie, "%") {
		unescaped, err := url.PathUnescape(cookie)
		if err != nil {
			return nil, fmt.Errorf("%w: bad percent-encoding", ErrSealMalformed)
		}
		cookie = unescaped
	}
	plain, err := openRubySeal(rubyDecode64(cookie), password)
	if err != nil {
		return nil, err
	}
	return decodeRubySession(plain)
}

// openRubySeal decrypts the current layout, or else the 6.x one.
func openRubySeal(raw []byte, password string) ([]byte, error) {
	plain, err := openRubyCurrent(raw, password)
	if err == nil {
		return plain, nil
	}
	if len(password) == 32 && len(raw) >= rubyNonceSize+rubyTagSize {
		// 6.x: nonce || ciphertext || tag, with the password bytes as the
		// key. Ruby tries it after any failure of the current layout.
		if gcm := newRubyGCM([]byte(password)); gcm != nil {
			if legacy, lerr := gcm.Open(nil, raw[:rubyNonceSize], raw[rubyNonceSize:], nil); lerr == nil {
				return legacy, nil
			}
		}
	}
	return nil, err
}

func openRubyCurrent(raw []byte, password string) ([]byte, error) {
	if len(raw) < rubyHeaderSize {
		return nil, fmt.Errorf("%w: %d bytes, want at least %d", ErrSealMalformed, len(raw), rubyHeaderSize)
	}
	if raw[0] != rubySealVersion {
		return nil, fmt.Errorf("%w: %d", ErrSealUnknownVersion, raw[0])
	}
	key := sha256.Sum256([]byte(password))
	gcm := newRubyGCM(key[:])
	// Go's AEAD wants ciphertext || tag; Ruby writes the tag first.
	ct := raw[rubyHeaderSize:]
	sealed := make([]byte, 0, len(ct)+rubyTagSize)
	sealed = append(append(sealed, ct...), raw[1+rubyNonceSize:rubyHeaderSize]...)
	plain, err := gcm.Open(sealed[:0], raw[1:1+rubyNonceSize], sealed, nil)
	if err != nil {
		return nil, ErrSealBadMAC
	}
	return plain, nil
}

// newRubyGCM is AES-256-GCM with a 12-byte nonce and 16-byte tag; nil
// when the key is not 32 bytes.
func newRubyGCM(key []byte) cipher.AEAD {
	if len(key) != 32 {
		return nil
	}
	block, _ := aes.NewCipher(key)
	gcm, _ := cipher.NewGCM(block)
	return gcm
}

// rubyDecode64 decodes base64 the way Ruby's Base64.decode64 does, which
// never fails: characters outside A-Z a-z 0-9 + / are skipped, "=" ends
// the input only in the third or fourth place of a group, a final group
// of two or three characters gives one or two bytes, and a lone final
// character is dropped.
func rubyDecode64(s string) []byte {
	// Well-formed cookies, padded or not, take the standard decoder, which
	// gives the same bytes (it skips line breaks too).
	if b, err := base64.StdEncoding.DecodeString(s); err == nil {
		return b
	}
	if b, err := base64.RawStdEncoding.DecodeString(s); err == nil {
		return b
	}
	out := make([]byte, 0, len(s)*3/4)
	i := 0
	// next returns the next alphabet character's value, or false at the
	// end of the input or, when eqEnds, at an "=".
	next := func(eqEnds bool) (byte, bool) {
		for ; i < len(s); i++ {
			if v, ok := rubyB64Value(s[i]); ok {
				i++
				return v, true
			}
			if eqEnds && s[i] == '=' {
				return 0, false
			}
		}
		return 0, false
	}
	for {
		a, ok := next(false)
		if !ok {
			return out
		}
		b, ok := next(false)
		if !ok {
			return out
		}
		c, ok := next(true)
		if !ok {
			return append(out, a<<2|b>>4)
		}
		d, ok := next(true)
		if !ok {
			return append(out, a<<2|b>>4, b<<4|c>>2)
		}
		out = append(out, a<<2|b>>4, b<<4|c>>2, c<<6|d)
	}
}

func rubyB64Value(c byte) (byte, bool) {
	switch {
	case 'A' <= c && c <= 'Z':
		return c - 'A', true
	case 'a' <= c && c <= 'z':
		return c - 'a' + 26, true
	case '0' <= c && c <= '9':
		return c - '0' + 52, true
	case c == '+':
		return 62, true
	case c == '/':
		return 63, true
	}
	return 0, false
}

// rubySessionJSON is the Ruby SDK's payload: snake_case keys. 10.x writes
// access_token, refresh_token, user and impersonator; 6.x also wrote
// organization_id.
type rubySessionJSON struct {
	AccessToken    string          `json:"access_token"`
	RefreshToken   string          `json:"refresh_token"`
	User           *rubyUserJSON   `json:"user"`
	OrganizationID string          `json:"organization_id"`
	Impersonator   json.RawMessage `json:"impersonator"`
}

// rubyUserJSON is the user as the Ruby SDK seals it: its User model, the
// API's user object, or the 6.x subset; the keys are the API's.
type rubyUserJSON struct {
	ID                string            `json:"id"`
	Email             string            `json:"email"`
	EmailVerified     bool              `json:"email_verified"`
	Name              *string           `json:"name"`
	FirstName         *string           `json:"first_name"`
	LastName          *string           `json:"last_name"`
	ProfilePictureURL *string           `json:"profile_picture_url"`
	Locale            *string           `json:"locale"`
	ExternalID        *string           `json:"external_id"`
	Metadata          map[string]string `json:"metadata"`
	LastSignInAt      *time.Time        `json:"last_sign_in_at"`
	CreatedAt         *time.Time        `json:"created_at"`
	UpdatedAt         *time.Time        `json:"updated_at"`
}

func decodeRubySession(plain []byte) (*SessionData, error) {
	var p rubySessionJSON
	if err := json.Unmarshal(plain, &p); err != nil {
		return nil, fmt.Errorf("%w: payload is not session JSON", ErrSealMalformed)
	}
	d := &SessionData{AccessToken: p.AccessToken, RefreshToken: p.RefreshToken, OrganizationID: p.OrganizationID}
	if d.OrganizationID == "" {
		d.OrganizationID = unverifiedOrgID(p.AccessToken)
	}
	if u := p.User; u != nil {
		d.User = SessionUser{ID: u.ID, Email: u.Email, EmailVerified: u.EmailVerified, Name: u.Name,
			FirstName: u.FirstName, LastName: u.LastName, ProfilePictureURL: u.ProfilePictureURL, Locale: u.Locale,
			ExternalID: u.ExternalID, Metadata: u.Metadata, LastSignInAt: u.LastSignInAt}
		if u.CreatedAt != nil {
			d.User.CreatedAt = *u.CreatedAt
		}
		if u.UpdatedAt != nil {
			d.User.UpdatedAt = *u.UpdatedAt
		}
	}
	// The 6.x SDK serialized a missing impersonator twice and wrote the
	// JSON string "null"; 10.x passes it through. It means no
	// impersonator, like a JSON null or an absent key.
	switch string(p.Impersonator) {
	case "", "null", `"null"`:
	default:
		var imp Impersonator
		if err := json.Unmarshal(p.Impersonator, &imp); err != nil {
			return nil, fmt.Errorf("%w: impersonator is not an object", ErrSealMalformed)
		}
		d.Impersonator = &imp
	}
	return d, nil
}

// SessionOption configures LoadSealedSession.
type SessionOption func(*CookieSession)

// WithRubyCookies makes LoadSealedSession also accept session cookies
// sealed by the WorkOS Ruby SDK, for moving a Ruby application to Go
// without signing its users out. The format is told by its shape: a
// cookie starting with "Fe26." is iron and read only as iron; any other is
// read only as a Ruby cookie (see UnsealRubySession), so neither reader
// ever sees the other's input or error.
//
// A Ruby cookie that opens is re-sealed at once into iron with the same
// password. After Authenticate succeeds, Migrated reports true and
// SealedSession returns the iron cookie: set it on the response, and the
// user never notices the move. Refresh and GetLogoutURL work on the
// re-sealed session too. Nothing is ever written in Ruby's format.
//
// The password must suit both formats: Ruby counts its 32-character
// minimum in bytes, iron in UTF-16 code units, so a password of 32 bytes
// but fewer than 32 units (8 emoji, say) opens the Ruby cookie and then
// fails with ErrSealPasswordTooShort when re-sealing. A password the Ruby
// SDK generated (SecureRandom, ASCII) suits both.
func WithRubyCookies() SessionOption {
	return func(s *CookieSession) { s.rubyCookies = true }
}

// Migrated reports whether the session was loaded from a Ruby SDK cookie
// (with WithRubyCookies) and now holds its iron re-seal, which
// SealedSession returns and the caller should send back as the new cookie.
// It turns true as soon as the Ruby cookie opens, before its access token
// is checked; when Authenticate then ends the session, clear the cookie as
// usual instead.
func (s *CookieSession) Migrated() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.migrated
}

// isRubyCookie tells the two formats apart by shape: every iron seal
// starts with "Fe26.", and "." never appears in Ruby's base64.
func isRubyCookie(sealed string) bool { return !strings.HasPrefix(sealed, "Fe26.") }

// migrateRubyCookie opens a Ruby cookie and swaps the session's cookie for
// its iron re-seal. unseal classifies its errors as the iron reader's.
func (s *CookieSession) migrateRubyCookie(cookie, password string) (*SessionData, error) {
	d, err := UnsealRubySession(cookie, password)
	if err != nil {
		return nil, err
	}
	iron, err := SealSession(d, password)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	if s.sealed == cookie { // a concurrent Refresh may have replaced it
		s.sealed, s.migrated = iron, true
	}
	s.mu.Unlock()
	return d, nil
}
