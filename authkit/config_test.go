package authkit_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/kestrel-dev/workos"
	"github.com/kestrel-dev/workos/authkit"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNew_RefusesAnIncompleteOrInconsistentConfig(t *testing.T) {
	client := mustClient()
	ok := authkit.Config{Client: client, CookiePassword: testPassword, BaseURL: "https://app.example.com"}
	for _, c := range []struct {
		name string
		edit func(*authkit.Config)
		want string
	}{
		{"no client", func(c *authkit.Config) { c.Client = nil }, "Client is required"},
		{"no password", func(c *authkit.Config) { c.CookiePassword = "" }, "CookiePassword is required"},
		{"short password", func(c *authkit.Config) { c.CookiePassword = "too-short" }, "at least 32 characters"},
		{"no base URL", func(c *authkit.Config) { c.BaseURL = "" }, "BaseURL is required"},
		{"relative base URL", func(c *authkit.Config) { c.BaseURL = "/app" }, "BaseURL must be an absolute http(s) URL"},
		{"bad redirect URI", func(c *authkit.Config) { c.RedirectURI = "callback" }, "RedirectURI must be"},
		{"unsafe default return path", func(c *authkit.Config) { c.DefaultReturnPath = "//evil.example" }, "DefaultReturnPath"},
		{"SameSite=None over http", func(c *authkit.Config) {
			c.BaseURL, c.Cookie.SameSite = "http://localhost:8080", http.SameSiteNoneMode
		}, "needs an https BaseURL"},
		{"bad cookie name", func(c *authkit.Config) { c.Cookie.Name = "wos session" }, "Cookie.Name"},
	} {
		t.Run(c.name, func(t *testing.T) {
			cfg := ok
			c.edit(&cfg)
			_, err := authkit.New(cfg)
			require.Error(t, err)
			assert.Contains(t, err.Error(), c.want)
			if c.name != "short password" {
				assert.ErrorIs(t, err, workos.ErrInvalidParams)
			} else {
				assert.ErrorIs(t, err, workos.ErrSealPasswordTooShort)
			}
		})
	}
	_, err := authkit.New(ok)
	assert.NoError(t, err)
}

// signInCookie starts a sign-in on a kit and returns its flow cookie.
func signInCookie(t *testing.T, kit *authkit.AuthKit, tls bool) *http.Cookie {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, "/sign-in", nil)
	if !tls {
		req.TLS = nil
	}
	rec := httptest.NewRecorder()
	kit.SignIn().ServeHTTP(rec, req)
	require.Equal(t, http.StatusSeeOther, rec.Code)
	cs := rec.Result().Cookies()
	require.Len(t, cs, 1)
	return cs[0]
}

func TestCookies_SecureComesFromTheBaseURLNeverFromTheRequest(t *testing.T) {
	for _, base := range []string{"https://app.example.com", "http://localhost:8080"} {
		kit, err := authkit.New(authkit.Config{Client: mustClient(), CookiePassword: testPassword, BaseURL: base})
		require.NoError(t, err)
		for _, tls := range []bool{true, false} {
			c := signInCookie(t, kit, tls)
			assert.Equal(t, strings.HasPrefix(base, "https"), c.Secure, "%s, request over TLS: %v", base, tls)
			assert.True(t, c.HttpOnly)
			assert.Equal(t, http.SameSiteLaxMode, c.SameSite)
			assert.Equal(t, "/", c.Path)
			assert.Equal(t, 600, c.MaxAge, "a sign-in flow lives ten minutes")
		}
	}
}

func TestCookies_ConfiguredNameDomainAndMaxAgeAreUsedToSetAndToClear(t *testing.T) {
	e := newEnv(t, withConfig(func(c *authkit.Config) {
		c.Cookie = authkit.Cookie{Name: "app_session", Domain: "127.0.0.1", MaxAge: 7 * 24 * time.Hour, SameSite: http.SameSiteStrictMode}
	}))
	b := e.browser()
	b.signIn("/app")
	var set *http.Cookie
	for _, c := range b.setCook {
		if c.Name == "app_session" {
			set = c
		}
	}
	require.NotNil(t, set)
	assert.Equal(t, 7*24*3600, set.MaxAge)
	assert.Equal(t, "127.0.0.1", set.Domain)
	assert.Equal(t, http.SameSiteStrictMode, set.SameSite)
	assert.True(t, set.HttpOnly)
	assert.False(t, set.Secure, "the BaseURL is http")

	r := b.do(http.MethodPost, "/sign-out", navigate, nil)
	require.Equal(t, http.StatusSeeOther, r.Status)
	var cleared *http.Cookie
	for _, c := range cookiesOf(r) {
		if c.Name == "app_session" {
			cleared = c
		}
	}
	require.NotNil(t, cleared)
	assert.Equal(t, -1, cleared.MaxAge)
	assert.Equal(t, set.Domain, cleared.Domain, "cleared with the attributes it was set with")
	assert.Equal(t, set.SameSite, cleared.SameSite)
	assert.Equal(t, set.Path, cleared.Path)
}

func TestSignIn_OpenFlowsAreCappedSoCookiesCannotPileUp(t *testing.T) {
	e := newEnv(t)
	b := e.browser()
	for range 10 {
		require.Equal(t, http.StatusSeeOther, b.get("/sign-in", navigate).Status)
	}
	n := 0
	for _, c := range b.hc.Jar.Cookies(mustURL(e.app.URL)) {
		if strings.HasPrefix(c.Name, "wos-session-flow-") {
			n++
		}
	}
	assert.Equal(t, 3, n)
}
