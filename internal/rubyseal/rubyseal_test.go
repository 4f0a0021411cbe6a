package rubyseal_test

import (
	"encoding/base64"
	"testing"

	"github.com/kestrel-dev/workos"
	"github.com/kestrel-dev/workos/internal/rubyseal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSeal_FramesAsRubyAndOpensWithTheSDKReader checks the framing and that
// the SDK's Ruby reader opens the result with the password and only with it.
func TestSeal_FramesAsRubyAndOpensWithTheSDKReader(t *testing.T) {
	const password = "a-cookie-password-of-at-least-32-chars!"
	plain := []byte(`{"access_token":"at","refresh_token":"rt","user":{"id":"user_1","email":"ada@example.com"}}`)
	sealed := rubyseal.Seal(plain, password)
	raw, err := base64.StdEncoding.Strict().DecodeString(sealed)
	require.NoError(t, err)
	assert.Equal(t, byte(1), raw[0])
	assert.Len(t, raw, 1+12+16+len(plain))
	assert.NotEqual(t, sealed, rubyseal.Seal(plain, password), "a fresh nonce each time")

	d, err := workos.UnsealRubySession(sealed, password)
	require.NoError(t, err)
	assert.Equal(t, "at", d.AccessToken)
	assert.Equal(t, "rt", d.RefreshToken)
	assert.Equal(t, "user_1", d.User.ID)
	assert.Equal(t, "ada@example.com", d.User.Email)

	_, err = workos.UnsealRubySession(sealed, "another-password-of-at-least-32-chars")
	assert.ErrorIs(t, err, workos.ErrSealBadMAC)
}
