package authkit_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSignIn_LandsOnReturnPathSignedInWithTheSessionInContext(t *testing.T) {
	e := newEnv(t)
	b := e.browser()
	r := b.signIn("/app")
	assert.Contains(t, r.Body, `"email":"ada@example.com"`)
	assert.Contains(t, r.Body, `"organization_id":"`+e.org.ID+`"`)
	assert.Contains(t, r.Body, `"permissions":["posts:read","posts:write"]`)
	assert.Equal(t, "private, no-store", r.Header.Get("Cache-Control"))
	assert.Contains(t, r.Header.Values("Vary"), "Cookie")
	cs := b.sessionCookies()
	require.Len(t, cs, 1)
	assert.Equal(t, "wos-session", cs[0].Name)
	me, m := b.me()
	require.Equal(t, http.StatusOK, me.Status)
	assert.Equal(t, e.user.ID, m["user_id"])
}
