package workos

import (
	"context"
	"crypto"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/json"
	"strings"
	"testing"
)

// BenchmarkVerifyAccessToken is Verifier.Verify on a warm cache: parse,
// algorithm check, key lookup, RSA verification, claims and time checks.
func BenchmarkVerifyAccessToken(b *testing.B) {
	vec := sessionLoadTokenVectors(b)
	v, _, _ := sessionVectorVerifier(b, vec.JWKS)
	tok := vec.byName(b, "valid").Token
	ctx := context.Background()
	if _, err := v.Verify(ctx, tok); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := v.Verify(ctx, tok); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkVerifyAccessTokenBaseline is the least any verifier must do on
// the same token: base64url-decode payload and signature, SHA-256,
// rsa.VerifyPKCS1v15, and encoding/json of the claims into a map.
func BenchmarkVerifyAccessTokenBaseline(b *testing.B) {
	vec := sessionLoadTokenVectors(b)
	keys, err := parseJWKS(vec.JWKS)
	if err != nil {
		b.Fatal(err)
	}
	var pub *rsa.PublicKey
	for _, k := range keys {
		pub = k
	}
	tok := vec.byName(b, "valid").Token
	b.ReportAllocs()
	for b.Loop() {
		i := strings.LastIndexByte(tok, '.')
		j := strings.IndexByte(tok, '.')
		sig, _ := sessionB64.DecodeString(tok[i+1:])
		payload, _ := sessionB64.DecodeString(tok[j+1 : i])
		d := sha256.Sum256([]byte(tok[:i]))
		if err := rsa.VerifyPKCS1v15(pub, crypto.SHA256, d[:], sig); err != nil {
			b.Fatal(err)
		}
		var claims map[string]any
		if err := json.Unmarshal(payload, &claims); err != nil {
			b.Fatal(err)
		}
	}
}

func sessionBenchCookie(b testing.TB) (string, string) {
	v := sessionSealVectorNamed(b, sessionLoadSealVectors(b), "sdk-authenticate-with-code-impersonator")
	return v.Sealed, v.Password
}

// BenchmarkUnsealSession opens a realistic Node-sealed cookie (about 2 KB,
// with organization and impersonator) and decodes its SessionData.
func BenchmarkUnsealSession(b *testing.B) {
	sealed, pw := sessionBenchCookie(b)
	b.SetBytes(int64(len(sealed)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := UnsealSession(sealed, pw); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSealSession seals the same session again.
func BenchmarkSealSession(b *testing.B) {
	sealed, pw := sessionBenchCookie(b)
	d, err := UnsealSession(sealed, pw)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(sealed)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := SealSession(d, pw); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCookieSessionRefreshWithinGrace is a Refresh answered from the
// grace window (a late request with the cookie just refreshed): unseal,
// the cookie's organization, the single-flight key, no network.
func BenchmarkCookieSessionRefreshWithinGrace(b *testing.B) {
	_, c := sessionNewFakeAPI(b)
	cookie := sessionCookie(b, "rt_bench", sessionLiveClaims())
	ctx := context.Background()
	if _, err := LoadSealedSession(c, nil, cookie, sessionTestPassword).Refresh(ctx, RefreshSessionParams{}); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := LoadSealedSession(c, nil, cookie, sessionTestPassword).Refresh(ctx, RefreshSessionParams{}); err != nil {
			b.Fatal(err)
		}
	}
}
