package workos

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func rubyLoadSealVectors(t testing.TB) []sessionSealVector {
	return sessionLoadSealVectorFile(t, "sealed-session-ruby.json", 21)
}

// rubyWantSession maps a vector's snake_case payload to the SessionData
// the reader must return, field by field, written out here rather than
// through the reader's own types.
func rubyWantSession(t *testing.T, payload json.RawMessage) *SessionData {
	t.Helper()
	var p map[string]any
	require.NoError(t, json.Unmarshal(payload, &p))
	want := &SessionData{AccessToken: p["access_token"].(string), RefreshToken: p["refresh_token"].(string)}
	if org, ok := p["organization_id"].(string); ok {
		want.OrganizationID = org
	} else {
		// The org_id claim of the (unverified) access token.
		parts := strings.Split(want.AccessToken, ".")
		claims, err := base64.RawURLEncoding.DecodeString(parts[1])
		require.NoError(t, err)
		var c map[string]any
		require.NoError(t, json.Unmarshal(claims, &c))
		want.OrganizationID, _ = c["org_id"].(string)
	}
	if imp, ok := p["impersonator"].(map[string]any); ok {
		want.Impersonator = &Impersonator{Email: imp["email"].(string)}
		if r, ok := imp["reason"].(string); ok {
			want.Impersonator.Reason = &r
		}
	}
	u, ok := p["user"].(map[string]any)
	if !ok {
		return want
	}
	str := func(k string) *string {
		if s, ok := u[k].(string); ok {
			return &s
		}
		return nil
	}
	tm := func(k string) *time.Time {
		s := str(k)
		if s == nil {
			return nil
		}
		v, err := time.Parse(time.RFC3339Nano, *s)
		require.NoError(t, err)
		return &v
	}
	want.User = SessionUser{ID: *str("id"), Email: *str("email"), EmailVerified: u["email_verified"] == true,
		Name: str("name"), FirstName: str("first_name"), LastName: str("last_name"),
		ProfilePictureURL: str("profile_picture_url"), Locale: str("locale"), ExternalID: str("external_id"),
		LastSignInAt: tm("last_sign_in_at")}
	if c := tm("created_at"); c != nil {
		want.User.CreatedAt = *c
	}
	if c := tm("updated_at"); c != nil {
		want.User.UpdatedAt = *c
	}
	if m, ok := u["metadata"].(map[string]any); ok {
		want.User.Metadata = map[string]string{}
		for k, v := range m {
			want.User.Metadata[k] = v.(string)
		}
	}
	return want
}

func TestUnsealRubySession_ReadsEveryValidVectorExactly(t *testing.T) {
	n := 0
	for _, v := range rubyLoadSealVectors(t) {
		if !v.Valid {
			continue
		}
		n++
		t.Run(v.Name, func(t *testing.T) {
			want := rubyWantSession(t, v.Payload)
			got, err := UnsealRubySession(v.Sealed, v.Password)
			require.NoError(t, err)
			assert.Equal(t, want, got)
			// Rack percent-encodes the value in Set-Cookie, and
			// http.Request.Cookie hands it over encoded.
			rack := url.QueryEscape(v.Sealed)
			got, err = UnsealRubySession(rack, v.Password)
			require.NoError(t, err)
			assert.Equal(t, want, got, "percent-encoded form")
		})
	}
	assert.Equal(t, 8, n)
}

func TestUnsealRubySession_RefusesEveryInvalidVectorWithItsKind(t *testing.T) {
	want := map[string]error{
		"wrong-password":          ErrSealBadMAC,
		"tampered-tag":            ErrSealBadMAC,
		"tampered-ciphertext":     ErrSealBadMAC,
		"unknown-version-byte":    ErrSealUnknownVersion,
		"truncated":               ErrSealBadMAC,
		"truncated-below-minimum": ErrSealMalformed,
		"wrong-nonce-length":      ErrSealBadMAC,
		"empty":                   ErrSealMalformed,
		"garbage-base64":          ErrSealMalformed,
		"node-iron-cookie":        ErrSealUnknownVersion, // Ruby reads "Fe26" as version 21
		"sealed-non-object":       ErrSealMalformed,
		"password-too-short":      ErrSealPasswordTooShort,
		"password-31-bytes":       ErrSealPasswordTooShort,
	}
	n := 0
	for _, v := range rubyLoadSealVectors(t) {
		if v.Valid {
			continue
		}
		n++
		t.Run(v.Name, func(t *testing.T) {
			kind, ok := want[v.Name]
			require.True(t, ok, "no expectation for vector %s", v.Name)
			d, err := UnsealRubySession(v.Sealed, v.Password)
			assert.Nil(t, d)
			secrets := []string{v.Password}
			if len(v.Sealed) > 8 {
				secrets = append(secrets, v.Sealed)
			}
			sessionAssertSealKind(t, err, kind, secrets...)
		})
	}
	assert.Equal(t, len(want), n)
}

// Ruby counts the password in bytes, Node in UTF-16 code units: the
// 8-emoji password opens a Ruby cookie but is too short for iron.
func TestUnsealRubySession_CountsPasswordInBytesUnlikeIron(t *testing.T) {
	v := sessionSealVectorNamed(t, rubyLoadSealVectors(t), "sdk-no-organization-emoji-password-32-bytes")
	require.Len(t, v.Password, 32)
	_, err := UnsealRubySession(v.Sealed, v.Password)
	require.NoError(t, err)
	assert.ErrorIs(t, checkSealPassword(v.Password), ErrSealPasswordTooShort)
}

// The 6.x SDK wrote a missing impersonator as the JSON string "null".
func TestUnsealRubySession_ReadsLegacyStringNullImpersonatorAsNone(t *testing.T) {
	v := sessionSealVectorNamed(t, rubyLoadSealVectors(t), "legacy-v6-seal")
	var p map[string]any
	require.NoError(t, json.Unmarshal(v.Payload, &p))
	require.Equal(t, "null", p["impersonator"]) // a string, not JSON null
	d, err := UnsealRubySession(v.Sealed, v.Password)
	require.NoError(t, err)
	assert.Nil(t, d.Impersonator)
	assert.Equal(t, p["organization_id"], d.OrganizationID) // 6.x sealed organization_id itself
}

func TestUnsealRubySession_RefusesEveryNodeIronCookie(t *testing.T) {
	for _, v := range sessionLoadSealVectors(t) {
		if !v.Valid || len(v.Password) < 32 {
			continue
		}
		_, err := UnsealRubySession(v.Sealed, v.Password)
		sessionAssertSealKind(t, err, ErrSealUnknownVersion)
	}
}

func TestUnsealRubySession_RefusesBadPercentEncoding(t *testing.T) {
	_, err := UnsealRubySession("AR94%zz", strings.Repeat("p", 32))
	sessionAssertSealKind(t, err, ErrSealMalformed)
}

func TestRubyDecode64_MatchesRubysLenientDecoding(t *testing.T) {
	cases := []struct{ in, want string }{
		{"QUJD", "ABC"},
		{"QUI=", "AB"},
		{"QUI", "AB"},       // no padding
		{"QQ==", "A"},       //
		{"QQ", "A"},         //
		{"Q", ""},           // a lone final character is dropped
		{"QU\nJD\n", "ABC"}, // line breaks (Base64.encode64) are skipped
		{" Q-U_J*D", "ABC"}, // so is anything outside the alphabet
		{"=QUJD", "ABC"},    // "=" first in a group is skipped
		{"QU=JD", "A"},      // "=" third in a group ends the input
		{"QUJ=RA==", "AB"},  // and so does "=" fourth
		{"", ""},
	}
	for _, tc := range cases {
		assert.Equal(t, tc.want, string(rubyDecode64(tc.in)), "%q", tc.in)
	}
}

func FuzzUnsealRubySession(f *testing.F) {
	pw := strings.Repeat("p", 32)
	f.Add("AR94wuY5vD4GQBubu+467whG+dwS9chqPWIMU4j4Sm3NuWwF", pw)
	f.Add("AQ%3D%3D", pw)
	f.Add("Fe26.2*1*aa*bb~2", pw)
	f.Add("", "")
	addSealVectorSeeds(f, "sealed-session-ruby.json")
	f.Fuzz(func(t *testing.T, cookie, password string) {
		d, err := UnsealRubySession(cookie, password)
		if err != nil {
			if n := sessionKindsMatched(err, sessionSealKinds); n != 1 {
				t.Fatalf("error %v matches %d kinds, want 1", err, n)
			}
			// A message that stays the same with another password of the
			// same length does not depend on the password, so it cannot
			// leak it, even when a fuzzed password happens to be a piece of
			// the fixed text ("password must be at least 32 ...").
			other := strings.Repeat("x", len(password))
			if other == password {
				other = strings.Repeat("y", len(password))
			}
			_, otherErr := UnsealRubySession(cookie, other)
			if otherErr != nil && otherErr.Error() == err.Error() {
				return
			}
			if len(password) >= 8 && strings.Contains(err.Error(), password) {
				t.Fatal("error message contains the password")
			}
			return
		}
		if _, err := sessionMarshalJS(d); err != nil {
			t.Fatalf("unsealed session does not marshal: %v", err)
		}
	})
}

func rubyBenchCookie(b *testing.B) (string, string) {
	v := sessionSealVectorNamed(b, rubyLoadSealVectors(b), "sdk-authenticate-with-code-impersonator")
	return v.Sealed, v.Password
}

// BenchmarkUnsealRubySession opens a realistic Ruby-sealed cookie (about
// 2 KB, with organization and impersonator) into SessionData, beside
// BenchmarkUnsealSession for iron.
func BenchmarkUnsealRubySession(b *testing.B) {
	sealed, pw := rubyBenchCookie(b)
	b.SetBytes(int64(len(sealed)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := UnsealRubySession(sealed, pw); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkUnsealRubySessionBaseline is the least any reader must do on
// the same cookie: strict base64, SHA-256 of the password, AES-GCM open
// (with the tag moved to the end) and encoding/json into a map.
func BenchmarkUnsealRubySessionBaseline(b *testing.B) {
	sealed, pw := rubyBenchCookie(b)
	b.SetBytes(int64(len(sealed)))
	b.ReportAllocs()
	for b.Loop() {
		raw, err := base64.StdEncoding.DecodeString(sealed)
		if err != nil {
			b.Fatal(err)
		}
		key := sha256.Sum256([]byte(pw))
		block, _ := aes.NewCipher(key[:])
		gcm, _ := cipher.NewGCM(block)
		ct := append(raw[29:len(raw):len(raw)], raw[13:29]...)
		plain, err := gcm.Open(ct[:0], raw[1:13], ct, nil)
		if err != nil {
			b.Fatal(err)
		}
		var m map[string]any
		if err := json.Unmarshal(plain, &m); err != nil {
			b.Fatal(err)
		}
	}
}
