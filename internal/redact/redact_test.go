package redact

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestIsSecretKey(t *testing.T) {
	for _, k := range []string{"password", "PASSWORD", "client_secret", "code", "refresh_token", "access_token",
		"pending_authentication_token", "invitation_token", "device_code", "code_verifier", "some_new_token", "webhook_secret"} {
		assert.True(t, IsSecretKey(k), k)
	}
	for _, k := range []string{"email", "user_id", "limit", "organization_id", "tokens_count", "after"} {
		assert.False(t, IsSecretKey(k), k)
	}
}

func TestQueryRedactsSecretValues(t *testing.T) {
	assert.Equal(t, "", Query(""))
	assert.Equal(t, "code=REDACTED&email=a%40b.c&refresh_token=REDACTED&refresh_token=REDACTED",
		Query("email=a%40b.c&code=c_SECRET&refresh_token=r1&refresh_token=r2"))
	assert.Equal(t, Placeholder, Query("a=%zz"))
}

func TestJSONRedactsSecretsAtAnyDepth(t *testing.T) {
	in := `{"email":"a@b.c","password":"hunter2","nested":{"refresh_token":"rt_SECRET","n":12345678901234567890},` +
		`"list":[{"code":"c_SECRET"},"plain"],"client_secret":{"deep":"x"}}`
	got := JSON([]byte(in))
	assert.JSONEq(t, `{"email":"a@b.c","password":"REDACTED","nested":{"refresh_token":"REDACTED","n":12345678901234567890},`+
		`"list":[{"code":"REDACTED"},"plain"],"client_secret":"REDACTED"}`, got)
	assert.NotContains(t, got, "SECRET")
	assert.NotContains(t, got, "hunter2")
}

func TestJSONOfOddBodies(t *testing.T) {
	assert.Equal(t, "", JSON(nil))
	assert.Equal(t, Placeholder, JSON([]byte("password=hunter2")))
	assert.Equal(t, `"just a string"`, JSON([]byte(`"just a string"`)))
}
