package workos

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
)

// Sealed-session errors. UnsealSession's and UnsealRubySession's errors
// match exactly one of them (or ErrSealUnknownVersion) with errors.Is.
// None of their messages contain the cookie or password.
var (
	// ErrSealMalformed: the cookie is not an iron Fe26.2 seal (wrong number
	// of fields, wrong prefix, bad base64url, bad expiration, bad padding or
	// JSON after decryption).
	ErrSealMalformed = errors.New("workos: sealed session malformed")
	// ErrSealBadMAC: the HMAC (or, for a Ruby cookie, the GCM tag) does
	// not match: a wrong password, or a cookie changed after sealing.
	ErrSealBadMAC = errors.New("workos: sealed session integrity check failed")
	// ErrSealExpired: the seal's own expiration (with 60 s of skew) has
	// passed. The Node SDK writes seals without one.
	ErrSealExpired = errors.New("workos: sealed session expired")
	// ErrSealUnknownPasswordID: the seal names a password id other than
	// "1", the only one the Node SDK uses.
	ErrSealUnknownPasswordID = errors.New("workos: sealed session uses an unknown password id")
	// ErrSealPasswordTooShort: the cookie password has fewer than 32
	// characters, counted as UTF-16 code units like JavaScript does
	// (UnsealRubySession counts 32 bytes, as the Ruby SDK does).
	ErrSealPasswordTooShort = errors.New("workos: cookie password must be at least 32 characters")
)

const (
	sealPrefix       = "Fe26.2"
	sealPasswordID   = "1"
	sealVersion      = "2"
	sealSkew         = 60 * time.Second
	sealMinPassword  = 32
	sealSaltHexBytes = 32
)

// jsStringLength counts s the way JavaScript's String length does: in UTF-16
// code units.
func jsStringLength(s string) int {
	n := 0
	for _, r := range s {
		n += max(utf16.RuneLen(r), 1) // invalid UTF-8 reads as U+FFFD: one unit
	}
	return n
}

// sealKey derives a 32-byte key: PBKDF2-HMAC-SHA1 with one iteration, whose
// salt is the salt field's text. One iteration is two HMAC-SHA1 blocks.
func sealKey(password, salt string) []byte {
	mac := hmac.New(sha1.New, []byte(password))
	out := make([]byte, 0, 40)
	for block := byte(1); block <= 2; block++ {
		mac.Reset()
		mac.Write([]byte(salt))
		mac.Write([]byte{0, 0, 0, block})
		out = mac.Sum(out)
	}
	return out[:32]
}

func sealMAC(password, salt, text string) string {
	m := hmac.New(sha256.New, sealKey(password, salt))
	m.Write([]byte(text))
	return sessionB64.EncodeToString(m.Sum(nil))
}

// checkSealPassword refuses a cookie password shorter than 32 characters,
// counted as UTF-16 code units the way the Node SDK counts them.
func checkSealPassword(password string) error {
	if jsStringLength(password) < sealMinPassword {
		return ErrSealPasswordTooShort
	}
	return nil
}

// sealBytes seals payload in the iron Fe26.2 format with the SDK's "~2"
// suffix. A zero ttl writes no expiration, as the Node SDK does.
func sealBytes(payload []byte, password string, ttl time.Duration, now time.Time) (string, error) {
	if err := checkSealPassword(password); err != nil {
		return "", err
	}
	var rnd [2*sealSaltHexBytes + aes.BlockSize]byte
	if _, err := rand.Read(rnd[:]); err != nil {
		return "", fmt.Errorf("workos: sealing session: %w", err)
	}
	encSalt := hex.EncodeToString(rnd[:sealSaltHexBytes])
	macSalt := hex.EncodeToString(rnd[sealSaltHexBytes : 2*sealSaltHexBytes])
	iv := rnd[2*sealSaltHexBytes:]

	block, _ := aes.NewCipher(sealKey(password, encSalt))
	pad := aes.BlockSize - len(payload)%aes.BlockSize
	ct := make([]byte, len(payload)+pad)
	copy(ct, payload)
	for i := len(payload); i < len(ct); i++ {
		ct[i] = byte(pad)
	}
	cipher.NewCBCEncrypter(block, iv).CryptBlocks(ct, ct)

	exp := ""
	if ttl > 0 {
		exp = strconv.FormatInt(now.Add(ttl).UnixMilli(), 10)
	}
	text := sealPrefix + "*" + sealPasswordID + "*" + encSalt + "*" + sessionB64.EncodeToString(iv) + "*" + sessionB64.EncodeToString(ct) + "*" + exp
	return text + "*" + macSalt + "*" + sealMAC(password, macSalt, text) + "~" + sealVersion, nil
}

// unsealBytes opens a seal. It checks, in order: the field count and
// prefix, the expiration's form, the password id and length, the HMAC (in
// constant time), the expiration, then decrypts. Checking the HMAC before
// the expiration means a forged expiration reports a bad MAC. It also
// returns the version after "~" ("" when there is none).
func unsealBytes(sealed, password string, now time.Time) ([]byte, string, error) {
	seal, version, _ := strings.Cut(sealed, "~")
	var f [8]string
	rest := seal
	for i := range f {
		var ok bool
		f[i], rest, ok = strings.Cut(rest, "*")
		if ok == (i == len(f)-1) { // fewer than 8 fields, or more
			return nil, "", fmt.Errorf("%w: want 8 fields", ErrSealMalformed)
		}
	}
	if f[0] != sealPrefix {
		return nil, "", fmt.Errorf("%w: wrong prefix", ErrSealMalformed)
	}
	var expMs int64
	if f[5] != "" {
		n, err := strconv.ParseInt(f[5], 10, 64)
		if err != nil || n <= 0 || f[5][0] == '0' || strings.ContainsAny(f[5], "+-") {
			return nil, "", fmt.Errorf("%w: invalid expiration", ErrSealMalformed)
		}
		expMs = n
	}
	if f[1] != sealPasswordID {
		id := f[1]
		if id == "" {
			id = "default"
		}
		return nil, "", fmt.Errorf("%w: %q", ErrSealUnknownPasswordID, id)
	}
	if err := checkSealPassword(password); err != nil {
		return nil, "", err
	}
	// The MAC covers the first six fields as they stand in the seal: a
	// slice of it, not a joined copy.
	macInput := seal[:len(seal)-len(f[7])-len(f[6])-2]
	want := sealMAC(password, f[6], macInput)
	if subtle.ConstantTimeCompare([]byte(want), []byte(f[7])) != 1 {
		return nil, "", ErrSealBadMAC
	}
	if expMs != 0 && expMs <= now.Add(-sealSkew).UnixMilli() {
		return nil, "", ErrSealExpired
	}
	iv, err := sessionB64.DecodeString(f[3])
	if err != nil || len(iv) != aes.BlockSize {
		return nil, "", fmt.Errorf("%w: bad iv", ErrSealMalformed)
	}
	ct, err := sessionB64.DecodeString(f[4])
	if err != nil || len(ct) == 0 || len(ct)%aes.BlockSize != 0 {
		return nil, "", fmt.Errorf("%w: bad ciphertext", ErrSealMalformed)
	}
	block, _ := aes.NewCipher(sealKey(password, f[2]))
	cipher.NewCBCDecrypter(block, iv).CryptBlocks(ct, ct)
	pad := int(ct[len(ct)-1])
	if pad == 0 || pad > aes.BlockSize || !bytes.Equal(ct[len(ct)-pad:], bytes.Repeat([]byte{byte(pad)}, pad)) {
		return nil, "", fmt.Errorf("%w: bad padding", ErrSealMalformed)
	}
	return ct[:len(ct)-pad], version, nil
}

// SessionData is the content of a sealed session cookie, in the JSON the
// Node SDK writes (camelCase keys, in the SDK's order), so Go and Node
// services can read each other's cookies.
type SessionData struct {
	// OrganizationID is the access token's org_id claim when it has one.
	OrganizationID string `json:"organizationId,omitempty"`
	// User is the signed-in user.
	User SessionUser `json:"user"`
	// AccessToken is the RS256 JWT to verify on each request.
	AccessToken string `json:"accessToken"`
	// RefreshToken is the single-use token that renews the session.
	RefreshToken string `json:"refreshToken"`
	// AuthenticationMethod is how the user signed in; empty when unknown.
	AuthenticationMethod AuthenticationMethod `json:"authenticationMethod,omitempty"`
	// Impersonator is set when a WorkOS admin is impersonating the user.
	Impersonator *Impersonator `json:"impersonator,omitempty"`
}

// SessionUser is the user as a sealed session stores it: the fields of
// User, written with the Node SDK's camelCase names and order, timestamps
// as ISO 8601 with milliseconds ("2024-10-12T16:04:31.012Z").
type SessionUser struct {
	// ID is the user's ID, "user_...".
	ID string
	// Email is the user's email address.
	Email string
	// EmailVerified reports whether the user proved they own Email.
	EmailVerified bool
	// Name, FirstName, LastName, ProfilePictureURL, Locale and ExternalID
	// are nil when unknown; they are written as null.
	Name, FirstName, LastName, ProfilePictureURL, Locale, ExternalID *string
	// LastSignInAt is nil for a user who never signed in.
	LastSignInAt *time.Time
	// CreatedAt and UpdatedAt are when the user was created and last changed.
	CreatedAt, UpdatedAt time.Time
	// Metadata holds the caller-defined string values; written as {} when
	// empty.
	Metadata map[string]string

	// metadataJSON is Metadata as the cookie wrote it, so that re-sealing
	// an unchanged session writes its keys in the same order. The order is
	// read from it only when sealing, off the per-request unseal path.
	metadataJSON []byte
}

// sessionUserJSON fixes the key order of the Node SDK's user object.
type sessionUserJSON struct {
	Object            string          `json:"object"`
	ID                string          `json:"id"`
	Email             string          `json:"email"`
	EmailVerified     bool            `json:"emailVerified"`
	Name              *string         `json:"name"`
	FirstName         *string         `json:"firstName"`
	ProfilePictureURL *string         `json:"profilePictureUrl"`
	LastName          *string         `json:"lastName"`
	LastSignInAt      *string         `json:"lastSignInAt"`
	Locale            *string         `json:"locale"`
	CreatedAt         string          `json:"createdAt"`
	UpdatedAt         string          `json:"updatedAt"`
	ExternalID        *string         `json:"externalId"`
	Metadata          json.RawMessage `json:"metadata"`
}

const jsTimeLayout = "2006-01-02T15:04:05.000Z"

// MarshalJSON writes the user the way the Node SDK does.
func (u SessionUser) MarshalJSON() ([]byte, error) {
	j := sessionUserJSON{Object: "user", ID: u.ID, Email: u.Email, EmailVerified: u.EmailVerified,
		Name: u.Name, FirstName: u.FirstName, ProfilePictureURL: u.ProfilePictureURL, LastName: u.LastName,
		Locale: u.Locale, CreatedAt: u.CreatedAt.UTC().Format(jsTimeLayout), UpdatedAt: u.UpdatedAt.UTC().Format(jsTimeLayout),
		ExternalID: u.ExternalID}
	if u.LastSignInAt != nil {
		s := u.LastSignInAt.UTC().Format(jsTimeLayout)
		j.LastSignInAt = &s
	}
	var err error
	if j.Metadata, err = u.marshalMetadata(); err != nil {
		return nil, err
	}
	return sessionMarshalJS(j)
}

// marshalMetadata writes Metadata in the order the cookie had it when the
// keys are unchanged (JavaScript keeps insertion order), else sorted.
func (u SessionUser) marshalMetadata() ([]byte, error) {
	var keys []string
	if len(u.Metadata) > 1 {
		keys = metadataKeyOrder(u.metadataJSON)
	}
	if len(keys) != len(u.Metadata) {
		keys = nil
	}
	for _, k := range keys {
		if _, ok := u.Metadata[k]; !ok {
			keys = nil
			break
		}
	}
	if keys == nil {
		if u.Metadata == nil {
			return []byte("{}"), nil
		}
		return sessionMarshalJS(u.Metadata)
	}
	buf := []byte("{")
	for i, k := range keys {
		kb, err1 := sessionMarshalJS(k)
		vb, err2 := sessionMarshalJS(u.Metadata[k])
		if err := errors.Join(err1, err2); err != nil {
			return nil, err
		}
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = append(append(append(buf, kb...), ':'), vb...)
	}
	return append(buf, '}'), nil
}

// metadataKeyOrder lists the keys of a JSON object in document order.
func metadataKeyOrder(raw []byte) []string {
	dec := json.NewDecoder(bytes.NewReader(raw))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil
	}
	var keys []string
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return nil
		}
		k, _ := t.(string)
		keys = append(keys, k)
		var skip json.RawMessage
		if dec.Decode(&skip) != nil {
			return nil
		}
	}
	return keys
}

// UnmarshalJSON reads the Node SDK's user object.
func (u *SessionUser) UnmarshalJSON(b []byte) error {
	var j sessionUserJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	return j.decode(u)
}

// decode converts the wire form into u: timestamps parsed, metadata
// decoded.
func (j *sessionUserJSON) decode(u *SessionUser) error {
	created, err1 := parseJSTime(j.CreatedAt)
	updated, err2 := parseJSTime(j.UpdatedAt)
	var meta map[string]string
	var err3 error
	if len(j.Metadata) > 0 && string(j.Metadata) != "null" {
		err3 = json.Unmarshal(j.Metadata, &meta)
	}
	if err := errors.Join(err1, err2, err3); err != nil {
		return err
	}
	*u = SessionUser{ID: j.ID, Email: j.Email, EmailVerified: j.EmailVerified, Name: j.Name, FirstName: j.FirstName,
		LastName: j.LastName, ProfilePictureURL: j.ProfilePictureURL, Locale: j.Locale, ExternalID: j.ExternalID,
		CreatedAt: created, UpdatedAt: updated, Metadata: meta}
	if len(meta) > 1 {
		u.metadataJSON = j.Metadata
	}
	if j.LastSignInAt != nil {
		t, err := parseJSTime(*j.LastSignInAt)
		if err != nil {
			return err
		}
		u.LastSignInAt = &t
	}
	return nil
}

// parseJSTime reads an ISO 8601 timestamp; "" is the zero time.
func parseJSTime(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	return time.Parse(time.RFC3339Nano, s)
}

// SessionUserFromUser copies an API User into the sealed-session form.
func SessionUserFromUser(u User) SessionUser {
	return SessionUser{ID: u.ID, Email: u.Email, EmailVerified: u.EmailVerified, Name: u.Name, FirstName: u.FirstName,
		LastName: u.LastName, ProfilePictureURL: u.ProfilePictureURL, Locale: u.Locale, ExternalID: u.ExternalID,
		LastSignInAt: u.LastSignInAt, CreatedAt: u.CreatedAt, UpdatedAt: u.UpdatedAt, Metadata: u.Metadata}
}

// APIUser converts the sealed-session user back into the API's User model.
func (u SessionUser) APIUser() User {
	return User{Object: "user", ID: u.ID, Email: u.Email, EmailVerified: u.EmailVerified, Name: u.Name, FirstName: u.FirstName,
		LastName: u.LastName, ProfilePictureURL: u.ProfilePictureURL, Locale: u.Locale, ExternalID: u.ExternalID,
		LastSignInAt: u.LastSignInAt, CreatedAt: u.CreatedAt, UpdatedAt: u.UpdatedAt, Metadata: u.Metadata}
}

// sessionMarshalJS is json.Marshal without HTML escaping, so "<", ">" and "&"
// come out raw as in JavaScript's JSON.stringify.
func sessionMarshalJS(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// SealSession encrypts and signs data into a cookie value in the Node
// SDK's format: iron Fe26.2 with password id 1, no expiration and the "~2"
// suffix. password must be at least 32 characters (UTF-16 code units) and
// must be the one every service reading the cookie uses.
func SealSession(data *SessionData, password string) (string, error) {
	if data == nil {
		return "", invalidParams("session data is required")
	}
	payload, err := sessionMarshalJS(data)
	if err != nil {
		return "", fmt.Errorf("workos: sealing session: %w", err)
	}
	return sealBytes(payload, password, 0, time.Now())
}

// UnsealSession checks and decrypts a cookie sealed by SealSession or by
// the Node SDK. The error matches one of the ErrSeal* errors.
func UnsealSession(sealed, password string) (*SessionData, error) {
	return unsealSessionAt(sealed, password, time.Now())
}

func unsealSessionAt(sealed, password string, now time.Time) (*SessionData, error) {
	payload, version, err := unsealBytes(sealed, password, now)
	if err != nil {
		return nil, err
	}
	if version != "" && version != sealVersion {
		// Older cookie versions wrapped the session in "persistent".
		var w struct {
			Persistent json.RawMessage `json:"persistent"`
		}
		if json.Unmarshal(payload, &w) == nil && len(w.Persistent) > 0 && string(w.Persistent) != "null" {
			payload = w.Persistent
		}
	}
	// One pass over the JSON: the user is decoded as part of the session,
	// not scanned again by SessionUser's own decoder.
	var w sessionDataJSON
	if err := json.Unmarshal(payload, &w); err != nil {
		return nil, fmt.Errorf("%w: payload is not session JSON", ErrSealMalformed)
	}
	d := &SessionData{OrganizationID: w.OrganizationID, AccessToken: w.AccessToken, RefreshToken: w.RefreshToken,
		AuthenticationMethod: w.AuthenticationMethod, Impersonator: w.Impersonator}
	if w.User != nil {
		if err := w.User.decode(&d.User); err != nil {
			return nil, fmt.Errorf("%w: payload is not session JSON", ErrSealMalformed)
		}
	}
	return d, nil
}

// sessionDataJSON is SessionData as the cookie holds it, with the user in
// its wire form.
type sessionDataJSON struct {
	OrganizationID       string               `json:"organizationId"`
	User                 *sessionUserJSON     `json:"user"`
	AccessToken          string               `json:"accessToken"`
	RefreshToken         string               `json:"refreshToken"`
	AuthenticationMethod AuthenticationMethod `json:"authenticationMethod"`
	Impersonator         *Impersonator        `json:"impersonator"`
}

// SealSessionFromAuthResponse seals the result of an authenticate call
// into a session cookie, like the Node SDK's session.sealSession option.
// As in Node, organizationId is the access token's org_id claim, read
// without verifying the token: the token came straight from WorkOS and is
// only copied, and readers take the organization from the verified claims.
func SealSessionFromAuthResponse(resp *AuthenticateResponse, password string) (string, error) {
	if resp == nil {
		return "", invalidParams("authenticate response is required")
	}
	if resp.AccessToken == "" || resp.RefreshToken == "" {
		return "", invalidParams("authenticate response has no access or refresh token")
	}
	claims, err := decodeUnverifiedClaims(resp.AccessToken)
	if err != nil {
		return "", fmt.Errorf("workos: sealing session: %w", err)
	}
	return SealSession(&SessionData{
		OrganizationID:       claims.OrganizationID,
		User:                 SessionUserFromUser(resp.User),
		AccessToken:          resp.AccessToken,
		RefreshToken:         resp.RefreshToken,
		AuthenticationMethod: resp.AuthenticationMethod,
		Impersonator:         resp.Impersonator,
	}, password)
}
