package workos

import (
	"encoding/base64"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The RFC 7636 Appendix B example: 32 random octets, their base64url
// verifier and its S256 challenge. (The verifier is "...-mB92K27uhb...";
// a variant quoted as "...-mJ92K9rmKk..." is not the RFC's and hashes to
// another challenge.)
func TestCodeChallengeS256_ReproducesRFC7636AppendixB(t *testing.T) {
	octets := []byte{116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186,
		22, 212, 37, 77, 105, 214, 191, 240, 91, 88, 5, 88, 83, 132, 141, 121}
	verifier := base64.RawURLEncoding.EncodeToString(octets)
	require.Equal(t, "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", verifier)
	assert.True(t, validCodeVerifier(verifier))
	assert.Equal(t, "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", CodeChallengeS256(verifier))
}

var pkceUnreserved = regexp.MustCompile(`^[A-Za-z0-9._~-]{43,128}$`)

func TestGeneratePKCE_MakesFreshValidS256Pairs(t *testing.T) {
	seen := map[string]bool{}
	for range 50 {
		p := GeneratePKCE()
		require.Regexp(t, pkceUnreserved, p.CodeVerifier)
		assert.Len(t, p.CodeVerifier, 64)
		assert.True(t, validCodeVerifier(p.CodeVerifier))
		assert.Equal(t, CodeChallengeS256(p.CodeVerifier), p.CodeChallenge)
		assert.Len(t, p.CodeChallenge, 43, "base64url of 32 bytes, unpadded")
		assert.NotContains(t, p.CodeChallenge, "=")
		assert.Equal(t, "S256", p.CodeChallengeMethod)
		assert.False(t, seen[p.CodeVerifier], "verifier repeated")
		seen[p.CodeVerifier] = true
	}
}

func TestValidCodeVerifier_FollowsRFC7636Grammar(t *testing.T) {
	cases := []struct {
		v    string
		want bool
	}{
		{strings.Repeat("a", 43), true},
		{strings.Repeat("Z", 128), true},
		{"abcABC012-._~" + strings.Repeat("x", 30), true},
		{strings.Repeat("a", 42), false},
		{strings.Repeat("a", 129), false},
		{strings.Repeat("a", 42) + "+", false},
		{strings.Repeat("a", 42) + "/", false},
		{strings.Repeat("a", 42) + "=", false},
		{strings.Repeat("a", 42) + " ", false},
		{strings.Repeat("a", 41) + "é", false},
		{"", false},
	}
	for _, tc := range cases {
		assert.Equal(t, tc.want, validCodeVerifier(tc.v), "%q", tc.v)
	}
}
