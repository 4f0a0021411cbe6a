package workos

import (
	"context"
	"crypto/rsa"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// sessionKindsMatched counts the kinds err matches with errors.Is.
func sessionKindsMatched(err error, kinds []error) int {
	n := 0
	for _, k := range kinds {
		if errors.Is(err, k) {
			n++
		}
	}
	return n
}

// sessionFuzzVectors reads a vector file for seeding, or reports false when
// the shared folder is missing (the inline seeds still run).
func sessionFuzzVectors(name string, v any) bool {
	b, err := os.ReadFile(filepath.Join(sharedFolder(), "vectors", name))
	return err == nil && json.Unmarshal(b, v) == nil
}

// addSealVectorSeeds seeds f with the cookie and password of every vector
// in a sealed-session vector file, when the shared folder is there.
func addSealVectorSeeds(f *testing.F, name string) {
	var file struct {
		Vectors []sessionSealVector `json:"vectors"`
	}
	if sessionFuzzVectors(name, &file) {
		for _, v := range file.Vectors {
			f.Add(v.Sealed, v.Password)
		}
	}
}

func FuzzUnsealSession(f *testing.F) {
	pw := strings.Repeat("p", 32)
	good, err := SealSession(&SessionData{AccessToken: "a", RefreshToken: "r", User: SessionUser{Metadata: map[string]string{"b": "1", "a": "2"}}}, pw)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good, pw)
	f.Add("Fe26.2*1*aa*AAAAAAAAAAAAAAAAAAAAAA*AAAAAAAAAAAAAAAAAAAAAA*123*bb*mac~2", pw)
	f.Add("********~~", "")
	addSealVectorSeeds(f, "sealed-session-node.json")
	f.Fuzz(func(t *testing.T, sealed, password string) {
		d, err := UnsealSession(sealed, password)
		if err != nil {
			if n := sessionKindsMatched(err, sessionSealKinds); n != 1 {
				t.Fatalf("error %v matches %d kinds, want 1", err, n)
			}
			return
		}
		if _, err := sessionMarshalJS(d); err != nil {
			t.Fatalf("unsealed session does not marshal: %v", err)
		}
	})
}

func FuzzParseAccessToken(f *testing.F) {
	key := sessionTestKey(f)
	now := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	f.Add(sessionSignToken(f, key, "kid_test", map[string]any{"sub": "u", "exp": now.Add(time.Hour).Unix(), "act": map[string]any{"sub": "a"}}))
	f.Add("a.b.c")
	f.Add("eyJhbGciOiJSUzI1NiJ9..")
	f.Add("eyJhbGciOiJSUzI1NiIsImtpZCI6ImtpZF90ZXN0In0.e30.")
	keys := map[string]*rsa.PublicKey{"kid_test": &key.PublicKey}
	var vec sessionTokenVectors
	if sessionFuzzVectors("access-tokens.json", &vec) {
		for _, v := range vec.Vectors {
			f.Add(v.Token)
		}
		if k, err := parseJWKS(vec.JWKS); err == nil {
			for kid, pub := range k {
				keys[kid] = pub
			}
		}
	}
	cfg := verifierConfig{ttl: time.Hour, refetch: time.Hour, leeway: time.Minute, fetchTimeout: time.Second, now: func() time.Time { return now }}
	v := &Verifier{cfg: cfg, cache: &jwksCache{cfg: &cfg, fetch: func(context.Context) (map[string]*rsa.PublicKey, error) { return keys, nil }}}
	f.Fuzz(func(t *testing.T, token string) {
		_, _ = decodeUnverifiedClaims(token)
		_ = unverifiedOrgID(token)
		c, err := v.Verify(context.Background(), token)
		if err == nil {
			if c == nil || c.ExpiresAt.IsZero() {
				t.Fatal("accepted token without claims or exp")
			}
			return
		}
		n := 0
		for _, k := range sessionTokenKinds {
			if errors.Is(err, k) {
				n++
			}
		}
		if n != 1 {
			t.Fatalf("error %v matches %d kinds, want 1", err, n)
		}
		if len(token) > 16 && strings.Contains(err.Error(), token) {
			t.Fatal("error message contains the token")
		}
	})
}
