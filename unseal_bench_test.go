package workos

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"
)

// floorSession is the session JSON decoded by plain encoding/json, with no
// custom decoder: timestamps stay strings, metadata a map.
type floorSession struct {
	OrganizationID string `json:"organizationId"`
	User           struct {
		ID, Email                                                string
		EmailVerified                                            bool
		FirstName, LastName, ProfilePictureURL, Locale, External *string
		LastSignInAt                                             *string
		CreatedAt, UpdatedAt                                     string
		Metadata                                                 map[string]string
	} `json:"user"`
	AccessToken          string `json:"accessToken"`
	RefreshToken         string `json:"refreshToken"`
	AuthenticationMethod string `json:"authenticationMethod"`
	Impersonator         *struct {
		Email  string  `json:"email"`
		Reason *string `json:"reason"`
	} `json:"impersonator"`
}

// floorKey is the iron key derivation written plainly: PBKDF2-HMAC-SHA1,
// one iteration, two blocks.
func floorKey(password, salt string) []byte {
	var out []byte
	for block := byte(1); block <= 2; block++ {
		m := hmac.New(sha1.New, []byte(password))
		m.Write([]byte(salt))
		m.Write([]byte{0, 0, 0, block})
		out = m.Sum(out)
	}
	return out[:32]
}

// floorUnseal is the least an unseal must do with the standard library:
// split the seal, derive the MAC key, HMAC-SHA256 the seal's first six
// fields, compare in constant time, derive the cipher key, base64url-decode
// IV and ciphertext, AES-256-CBC decrypt, strip the padding and decode the
// JSON with encoding/json.
func floorUnseal(sealed, password string) (*floorSession, bool) {
	seal, _, _ := strings.Cut(sealed, "~")
	f := strings.Split(seal, "*")
	if len(f) != 8 {
		return nil, false
	}
	macInput := seal[:len(seal)-len(f[7])-len(f[6])-2]
	m := hmac.New(sha256.New, floorKey(password, f[6]))
	m.Write([]byte(macInput))
	if subtle.ConstantTimeCompare([]byte(sessionB64.EncodeToString(m.Sum(nil))), []byte(f[7])) != 1 {
		return nil, false
	}
	iv, err1 := sessionB64.DecodeString(f[3])
	ct, err2 := sessionB64.DecodeString(f[4])
	if err1 != nil || err2 != nil || len(ct)%aes.BlockSize != 0 {
		return nil, false
	}
	block, _ := aes.NewCipher(floorKey(password, f[2]))
	cipher.NewCBCDecrypter(block, iv).CryptBlocks(ct, ct)
	ct = ct[:len(ct)-int(ct[len(ct)-1])]
	var s floorSession
	if json.Unmarshal(ct, &s) != nil {
		return nil, false
	}
	return &s, true
}

func TestFloorUnsealReadsTheBenchCookie(t *testing.T) {
	sealed, pw := sessionBenchCookie(t)
	want, err := UnsealSession(sealed, pw)
	if err != nil {
		t.Fatal(err)
	}
	got, ok := floorUnseal(sealed, pw)
	if !ok || got.AccessToken != want.AccessToken || got.User.ID != want.User.ID || got.User.Email != want.User.Email {
		t.Fatalf("floor unseal disagrees: %v", ok)
	}
}

// BenchmarkUnsealSessionBaseline is floorUnseal on the cookie of
// BenchmarkUnsealSession.
func BenchmarkUnsealSessionBaseline(b *testing.B) {
	sealed, pw := sessionBenchCookie(b)
	b.SetBytes(int64(len(sealed)))
	b.ReportAllocs()
	for b.Loop() {
		if _, ok := floorUnseal(sealed, pw); !ok {
			b.Fatal("floor unseal failed")
		}
	}
}

// medianPaired times sdk and baseline in turn, one call each per
// iteration, and reports the median time of each and the ratio of the
// medians. On a machine shared with other jobs, preemptions land on single
// calls; medians ignore them where means (benchPaired) absorb them.
func medianPaired(b *testing.B, sdk, baseline func()) {
	var tSDK, tBase []time.Duration
	for b.Loop() {
		start := time.Now()
		sdk()
		mid := time.Now()
		baseline()
		tBase = append(tBase, time.Since(mid))
		tSDK = append(tSDK, mid.Sub(start))
	}
	median := func(d []time.Duration) time.Duration {
		slices.Sort(d)
		return d[len(d)/2]
	}
	ms, mb := median(tSDK), median(tBase)
	b.ReportMetric(float64(ms.Nanoseconds()), "sdk-median-ns")
	b.ReportMetric(float64(mb.Nanoseconds()), "base-median-ns")
	b.ReportMetric(float64(ms)/float64(mb), "ratio")
}

// BenchmarkUnsealSessionPaired runs UnsealSession and floorUnseal in turn
// on the same cookie and reports the ratio of their medians.
func BenchmarkUnsealSessionPaired(b *testing.B) {
	sealed, pw := sessionBenchCookie(b)
	medianPaired(b, func() {
		if _, err := UnsealSession(sealed, pw); err != nil {
			b.Fatal(err)
		}
	}, func() {
		if _, ok := floorUnseal(sealed, pw); !ok {
			b.Fatal("floor unseal failed")
		}
	})
}
