package authkit_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/kestrel-dev/workos"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A user with 60 permissions, 30 feature flags and 10 metadata entries
// seals to far more than one cookie can hold. They sign in and stay signed
// in through refreshes; no Set-Cookie has a name plus value over 4,096
// bytes; when the session shrinks back, the chunks are expired and the
// bare cookie (readable by the Node SDK) comes back.
func TestCookieSize_LargeSessionIsChunkedAndShrinksBackToOneCookie(t *testing.T) {
	e := newEnv(t)
	perms := make([]string, 60)
	for i := range perms {
		perms[i] = fmt.Sprintf("workspace.resource-%02d:manage", i)
	}
	flags := make([]string, 30)
	for i := range flags {
		flags[i] = fmt.Sprintf("feature-flag-number-%02d", i)
	}
	meta := map[string]workos.Nullable[string]{}
	for i := range 10 {
		meta[fmt.Sprintf("key_%02d", i)] = workos.Value(strings.Repeat("v", 30))
	}
	e.srv.SetRolePermissions("admin", perms...)
	e.srv.SetFeatureFlags(flags...)
	_, err := e.srv.Client().UserManagement.UpdateUser(t.Context(), e.user.ID, workos.UpdateUserParams{Metadata: meta})
	require.NoError(t, err)

	b := e.browser()
	b.signIn("/app")
	sealed := b.sessionValue()
	t.Logf("sealed session: %d bytes in %d cookies", len(sealed), len(b.sessionCookies()))
	assert.Greater(t, len(sealed), 4096)
	assert.Len(t, b.sessionCookies(), 2)
	_, m := b.me()
	assert.Len(t, m["permissions"], 60)
	assert.Len(t, m["feature_flags"], 30)

	for range 3 { // stays signed in through refreshes, each rewriting the chunks
		e.srv.Advance(6 * time.Minute)
		r, m := b.me()
		require.Equal(t, http.StatusOK, r.Status)
		assert.Len(t, m["permissions"], 60)
	}
	assert.NotEqual(t, sealed, b.sessionValue())

	e.srv.SetRolePermissions("admin", "posts:read")
	e.srv.SetFeatureFlags()
	e.srv.Advance(6 * time.Minute)
	r, m := b.me()
	require.Equal(t, http.StatusOK, r.Status)
	assert.Equal(t, []any{"posts:read"}, m["permissions"])
	var expired []string
	for _, c := range cookiesOf(r) {
		if c.MaxAge < 0 {
			expired = append(expired, c.Name)
		}
	}
	assert.ElementsMatch(t, []string{"wos-session.0", "wos-session.1"}, expired)
	cs := b.sessionCookies()
	require.Len(t, cs, 1)
	assert.Equal(t, "wos-session", cs[0].Name, "one bare cookie again")

	b.mu.Lock()
	defer b.mu.Unlock()
	for _, c := range b.setCook {
		assert.LessOrEqual(t, len(c.Name)+len(c.Value), 4096, c.Name)
	}
}
