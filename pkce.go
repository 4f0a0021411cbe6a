package workos

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
)

// CodeChallengeMethodS256 is the only PKCE code challenge method WorkOS
// accepts: the challenge is the unpadded base64url SHA-256 of the verifier.
const CodeChallengeMethodS256 = "S256"

// PKCE is a Proof Key for Code Exchange pair (RFC 7636). Send CodeChallenge
// in the authorization URL, keep CodeVerifier (server-side or in the app),
// and hand it to AuthenticateWithCodePKCE with the code that comes back.
type PKCE struct {
	// CodeVerifier is the secret half: 64 characters from the RFC's
	// unreserved alphabet, made from 384 random bits.
	CodeVerifier string
	// CodeChallenge is CodeChallengeS256(CodeVerifier).
	CodeChallenge string
	// CodeChallengeMethod is always CodeChallengeMethodS256.
	CodeChallengeMethod string
}

// GeneratePKCE makes a new verifier from crypto/rand and its S256
// challenge.
func GeneratePKCE() PKCE {
	v := GenerateCodeVerifier()
	return PKCE{CodeVerifier: v, CodeChallenge: CodeChallengeS256(v), CodeChallengeMethod: CodeChallengeMethodS256}
}

// GenerateCodeVerifier returns a new PKCE code verifier: 48 bytes from
// crypto/rand as unpadded base64url, 64 characters of the unreserved
// alphabet (RFC 7636 allows 43 to 128).
func GenerateCodeVerifier() string {
	var b [48]byte
	_, _ = rand.Read(b[:]) // never fails since Go 1.24
	return base64.RawURLEncoding.EncodeToString(b[:])
}

// CodeChallengeS256 returns the S256 code challenge of verifier: the
// unpadded base64url encoding of its SHA-256 digest.
func CodeChallengeS256(verifier string) string {
	sum := sha256.Sum256([]byte(verifier))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}

// validCodeVerifier reports whether v is 43 to 128 characters of the
// RFC 7636 unreserved alphabet: A-Z a-z 0-9 - . _ ~.
func validCodeVerifier(v string) bool {
	if len(v) < 43 || len(v) > 128 {
		return false
	}
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch {
		case 'A' <= c && c <= 'Z', 'a' <= c && c <= 'z', '0' <= c && c <= '9', c == '-', c == '.', c == '_', c == '~':
		default:
			return false
		}
	}
	return true
}
