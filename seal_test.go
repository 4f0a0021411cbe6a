package workos

import (
	"bytes"
	"crypto/pbkdf2"
	"crypto/sha1"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type sessionSealVector struct {
	Name     string          `json:"name"`
	Password string          `json:"password"`
	Sealed   string          `json:"sealed"`
	Payload  json.RawMessage `json:"payload"`
	Valid    bool            `json:"valid"`
	Why      string          `json:"why"`
}

func sessionLoadSealVectors(t testing.TB) []sessionSealVector {
	return sessionLoadSealVectorFile(t, "sealed-session-node.json", 17)
}

// sessionLoadSealVectorFile reads a sealed-session vector file of the
// shared folder and checks it holds n vectors.
func sessionLoadSealVectorFile(t testing.TB, name string, n int) []sessionSealVector {
	b, err := os.ReadFile(filepath.Join(requireSharedFolder(t, "vectors"), "vectors", name))
	require.NoError(t, err)
	var f struct {
		Vectors []sessionSealVector `json:"vectors"`
	}
	require.NoError(t, json.Unmarshal(b, &f))
	require.Len(t, f.Vectors, n)
	return f.Vectors
}

// sessionSealVectorNamed returns the vector called name.
func sessionSealVectorNamed(t testing.TB, vs []sessionSealVector, name string) sessionSealVector {
	t.Helper()
	for _, v := range vs {
		if v.Name == name {
			return v
		}
	}
	t.Fatalf("vector %s missing", name)
	return sessionSealVector{}
}

var sessionSealKinds = []error{ErrSealMalformed, ErrSealBadMAC, ErrSealExpired, ErrSealUnknownPasswordID, ErrSealPasswordTooShort, ErrSealUnknownVersion}

func sessionAssertSealKind(t *testing.T, err, want error, secrets ...string) {
	t.Helper()
	require.Error(t, err)
	for _, k := range sessionSealKinds {
		assert.Equal(t, k == want, errors.Is(err, k), "errors.Is(%v, %v)", err, k)
	}
	for _, s := range secrets {
		assert.NotContains(t, err.Error(), s)
	}
}

func TestUnsealSessionReadsNodeVectors(t *testing.T) {
	want := map[string]error{
		"expired":             ErrSealExpired,
		"wrong-password":      ErrSealBadMAC,
		"tampered-mac":        ErrSealBadMAC,
		"tampered-ciphertext": ErrSealBadMAC,
		"truncated":           ErrSealMalformed,
		"truncated-mac":       ErrSealBadMAC,
		"iron-no-password-id": ErrSealUnknownPasswordID,
		"iron-password-id-2":  ErrSealUnknownPasswordID,
		"wrong-prefix":        ErrSealMalformed,
		"password-too-short":  ErrSealPasswordTooShort,
	}
	for _, tc := range sessionLoadSealVectors(t) {
		t.Run(tc.Name, func(t *testing.T) {
			d, err := UnsealSession(tc.Sealed, tc.Password)
			if !tc.Valid {
				kind, ok := want[tc.Name]
				require.True(t, ok, "no expected error for invalid vector %q (%s)", tc.Name, tc.Why)
				assert.Nil(t, d)
				sessionAssertSealKind(t, err, kind, tc.Sealed, tc.Password)
				return
			}
			require.NoError(t, err)
			got, err := json.Marshal(d)
			require.NoError(t, err)
			assert.JSONEq(t, string(tc.Payload), string(got), "semantically the vector's payload")

			// Byte for byte what Node wrote: key order, null, raw UTF-8, ms timestamps.
			plain, _, err := unsealBytes(tc.Sealed, tc.Password, time.Now())
			require.NoError(t, err)
			js, err := sessionMarshalJS(d)
			require.NoError(t, err)
			assert.Equal(t, string(plain), string(js))
		})
	}
}

func TestUnsealSessionVectorFieldsDecodeToTypes(t *testing.T) {
	vs := sessionLoadSealVectors(t)
	d, err := UnsealSession(vs[1].Sealed, vs[1].Password) // sdk-authenticate-with-code-impersonator
	require.NoError(t, err)
	assert.Equal(t, "org_01JB7E2K4N6Q8S0U2W4Y6A8C0E", d.OrganizationID)
	assert.Equal(t, AuthenticationMethodImpersonation, d.AuthenticationMethod)
	require.NotNil(t, d.Impersonator)
	assert.Equal(t, "support-admin@workos-demo.com", d.Impersonator.Email)
	assert.Equal(t, "Investigating ticket #4821: billing page shows 500", *d.Impersonator.Reason)
	u := d.User
	assert.Equal(t, "user_01JAQ4XK3S5D7F9H1J3L5N7P9R", u.ID)
	assert.Equal(t, "marcelina.davis@example.com", u.Email)
	assert.True(t, u.EmailVerified)
	assert.Equal(t, "Marcelina Davis", *u.Name)
	assert.Equal(t, "Marcelina", *u.FirstName)
	assert.Equal(t, "Davis", *u.LastName)
	assert.Equal(t, "https://workoscdn.com/images/v1/123abc", *u.ProfilePictureURL)
	assert.Equal(t, "en-US", *u.Locale)
	assert.Equal(t, "f1ffa2b2-c20b-4d39-be5c-212726e11222", *u.ExternalID)
	assert.Equal(t, time.Date(2026, 11, 27, 23, 19, 32, 196e6, time.UTC), *u.LastSignInAt)
	assert.Equal(t, time.Date(2024, 10, 12, 16, 4, 31, 12e6, time.UTC), u.CreatedAt)
	assert.Equal(t, time.Date(2026, 11, 27, 23, 19, 32, 196e6, time.UTC), u.UpdatedAt)
	assert.Empty(t, u.Metadata)
	assert.Equal(t, "40bow2ANBpnmmh4ghcras6tP", d.RefreshToken)
	assert.True(t, strings.HasPrefix(d.AccessToken, "eyJ"))
}

var sessionSealFormat = regexp.MustCompile(`^Fe26\.2\*1\*[0-9a-f]{64}\*[A-Za-z0-9_-]{22}\*[A-Za-z0-9_-]+\*\*[0-9a-f]{64}\*[A-Za-z0-9_-]{43}~2$`)

func TestSealSessionRoundTripsInNodeFormat(t *testing.T) {
	for _, tc := range sessionLoadSealVectors(t) {
		if !tc.Valid {
			continue
		}
		t.Run(tc.Name, func(t *testing.T) {
			d, err := UnsealSession(tc.Sealed, tc.Password)
			require.NoError(t, err)
			sealed, err := SealSession(d, tc.Password)
			require.NoError(t, err)
			assert.Regexp(t, sessionSealFormat, sealed)
			assert.Len(t, strings.Split(strings.TrimSuffix(sealed, "~2"), "*"), 8)
			again, err := UnsealSession(sealed, tc.Password)
			require.NoError(t, err)
			assert.Equal(t, d, again)
			plain, _, err := unsealBytes(sealed, tc.Password, time.Now())
			require.NoError(t, err)
			assert.JSONEq(t, string(tc.Payload), string(plain))
			second, err := SealSession(d, tc.Password)
			require.NoError(t, err)
			assert.NotEqual(t, sealed, second, "fresh salts and IV each time")
		})
	}
}

func TestSealKeyIsPBKDF2SHA1OneIterationOverSaltText(t *testing.T) {
	for _, pw := range []string{"Zq7Lm2Xv9Pw4Tn8Rk3Hs6Jd1Fb5Gc0Ya", "🍪🍪🍪🍪🍪🔐🔐🔐🔐🔐cookiesecret"} {
		salt := strings.Repeat("ab01", 16)
		want, err := pbkdf2.Key(sha1.New, pw, []byte(salt), 1, 32)
		require.NoError(t, err)
		assert.Equal(t, want, sealKey(pw, salt))
	}
}

func TestSealPasswordLengthCountsUTF16Units(t *testing.T) {
	cases := []struct {
		pw    string
		units int
	}{
		{strings.Repeat("a", 32), 32},
		{"only-thirty-one-characters-long", 31},
		{"🍪🍪🍪🍪🍪🔐🔐🔐🔐🔐cookiesecret", 32},      // 22 code points
		{strings.Repeat("🍪", 15) + "a", 31}, // 16 code points, 61 bytes
		{strings.Repeat("é", 31), 31},       // 62 bytes
		{"Pässwörter-für-Kekse 🍪 クッキーのパスワード — très longue, ñandú & ключ 🔐✨", 66},
	}
	for _, tc := range cases {
		assert.Equal(t, tc.units, jsStringLength(tc.pw), tc.pw)
		_, err := SealSession(&SessionData{AccessToken: "a", RefreshToken: "r"}, tc.pw)
		if tc.units < 32 {
			sessionAssertSealKind(t, err, ErrSealPasswordTooShort, tc.pw)
		} else {
			assert.NoError(t, err)
		}
	}
}

func TestUnsealSessionRefusesBrokenSeals(t *testing.T) {
	pw := strings.Repeat("p", 32)
	now := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	good, err := sealBytes([]byte(`{"accessToken":"a"}`), pw, 0, now)
	require.NoError(t, err)
	f := strings.Split(strings.TrimSuffix(good, "~2"), "*")
	resealed := func(mod func(f []string)) string {
		g := append([]string(nil), f...)
		mod(g)
		g[7] = sealMAC(pw, g[6], strings.Join(g[:6], "*"))
		return strings.Join(g, "*") + "~2"
	}
	withTTL, err := sealBytes([]byte(`{"accessToken":"a"}`), pw, time.Minute, now)
	require.NoError(t, err)
	notJSON, err := sealBytes([]byte(`not json`), pw, 0, now)
	require.NoError(t, err)
	cases := []struct {
		name   string
		sealed string
		at     time.Time
		want   error
	}{
		{"expiration with a leading zero", resealed(func(f []string) { f[5] = "0123" }), now, ErrSealMalformed},
		{"expiration not a number", resealed(func(f []string) { f[5] = "+123" }), now, ErrSealMalformed},
		{"iv not base64url", resealed(func(f []string) { f[3] = "!!!" }), now, ErrSealMalformed},
		{"iv of the wrong size", resealed(func(f []string) { f[3] = "AAAA" }), now, ErrSealMalformed},
		{"ciphertext not whole blocks", resealed(func(f []string) { f[4] = f[4][:10] }), now, ErrSealMalformed},
		{"payload not JSON", notJSON, now, ErrSealMalformed},
		{"expiration forged", sessionSetField(withTTL, 5, "4102444800000"), now, ErrSealBadMAC},
		{"salt changed", sessionSetField(good, 2, strings.Repeat("0", 64)), now, ErrSealBadMAC},
		{"password id changed", sessionSetField(good, 1, "2"), now, ErrSealUnknownPasswordID},
		{"ttl seal inside skew", withTTL, now.Add(time.Minute + 59*time.Second), nil},
		{"ttl seal past skew", withTTL, now.Add(2 * time.Minute), ErrSealExpired},
		{"extra field", good[:len(good)-2] + "*x~2", now, ErrSealMalformed},
		{"empty", "", now, ErrSealMalformed},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := unsealSessionAt(tc.sealed, pw, tc.at)
			if tc.want == nil {
				require.NoError(t, err)
				return
			}
			sessionAssertSealKind(t, err, tc.want, pw)
		})
	}
}

func TestUnsealSessionUnwrapsPersistentForOtherVersions(t *testing.T) {
	pw := strings.Repeat("p", 32)
	s, err := sealBytes([]byte(`{"persistent":{"accessToken":"at","refreshToken":"rt"}}`), pw, 0, time.Now())
	require.NoError(t, err)
	d, err := UnsealSession(strings.TrimSuffix(s, "~2")+"~1", pw)
	require.NoError(t, err)
	assert.Equal(t, "at", d.AccessToken)
	assert.Equal(t, "rt", d.RefreshToken)
}

func TestSealSessionFromAuthResponseTakesOrgFromToken(t *testing.T) {
	key := sessionTestKey(t)
	pw := strings.Repeat("k", 40)
	created := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
	resp := &AuthenticateResponse{
		User: User{Object: "user", ID: "user_1", Email: "a@example.com", EmailVerified: true, FirstName: String("Ada"),
			CreatedAt: created, UpdatedAt: created, Metadata: map[string]string{"tier": "<gold & co>"}},
		OrganizationID:       "org_from_response",
		AccessToken:          sessionSignToken(t, key, "kid_test", map[string]any{"org_id": "org_from_token", "sid": "session_1"}),
		RefreshToken:         "rt_1",
		AuthenticationMethod: AuthenticationMethodPassword,
	}
	sealed, err := SealSessionFromAuthResponse(resp, pw)
	require.NoError(t, err)
	plain, _, err := unsealBytes(sealed, pw, time.Now())
	require.NoError(t, err)
	assert.Equal(t, `{"organizationId":"org_from_token","user":{"object":"user","id":"user_1","email":"a@example.com","emailVerified":true,"name":null,"firstName":"Ada","profilePictureUrl":null,"lastName":null,"lastSignInAt":null,"locale":null,"createdAt":"2024-01-02T03:04:05.000Z","updatedAt":"2024-01-02T03:04:05.000Z","externalId":null,"metadata":{"tier":"<gold & co>"}},"accessToken":"`+resp.AccessToken+`","refreshToken":"rt_1","authenticationMethod":"Password"}`, string(plain))

	resp.AccessToken = sessionSignToken(t, key, "kid_test", map[string]any{"sid": "session_1"})
	resp.AuthenticationMethod = ""
	sealed, err = SealSessionFromAuthResponse(resp, pw)
	require.NoError(t, err)
	plain, _, err = unsealBytes(sealed, pw, time.Now())
	require.NoError(t, err)
	assert.True(t, bytes.HasPrefix(plain, []byte(`{"user":`)), "no organizationId key when the token has no org_id")
	assert.NotContains(t, string(plain), "authenticationMethod")

	_, err = SealSessionFromAuthResponse(&AuthenticateResponse{AccessToken: "x"}, pw)
	assert.ErrorIs(t, err, ErrInvalidParams)
	_, err = SealSessionFromAuthResponse(&AuthenticateResponse{AccessToken: "garbage", RefreshToken: "r"}, pw)
	assert.ErrorIs(t, err, ErrTokenMalformed)
	_, err = SealSession(nil, pw)
	assert.ErrorIs(t, err, ErrInvalidParams)
}

// sessionSetField replaces one field of a seal without fixing its MAC.
func sessionSetField(sealed string, i int, v string) string {
	f := strings.Split(strings.TrimSuffix(sealed, "~2"), "*")
	f[i] = v
	return strings.Join(f, "*") + "~2"
}

func TestSessionUserMetadataOrderKeptOnlyWhileUnchanged(t *testing.T) {
	var u SessionUser
	require.NoError(t, json.Unmarshal([]byte(`{"object":"user","id":"u","createdAt":"2024-01-01T00:00:00.000Z","updatedAt":"2024-01-01T00:00:00.000Z","metadata":{"z":"1","a":"2"}}`), &u))
	b, err := json.Marshal(u)
	require.NoError(t, err)
	assert.Contains(t, string(b), `"metadata":{"z":"1","a":"2"}`)
	u.Metadata["m"] = "3"
	b, err = json.Marshal(u)
	require.NoError(t, err)
	assert.Contains(t, string(b), `"metadata":{"a":"2","m":"3","z":"1"}`)
	require.Error(t, json.Unmarshal([]byte(`{"createdAt":"yesterday"}`), &u))
}
