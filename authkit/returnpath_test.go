package authkit

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestSafeReturnPath(t *testing.T) {
	for _, c := range []struct {
		in string
		ok bool
	}{
		{"/", true}, {"/app", true}, {"/app?tab=1&x=%2F", true}, {"/a/b#frag", true}, {"/caf%C3%A9", true},
		{"", false}, {"app", false}, {"//evil.example", false}, {"///evil.example", false}, {"/\\evil.example", false},
		{"\\/evil.example", false}, {"https://evil.example", false}, {"javascript:alert(1)", false},
		{"/%2F%2Fevil.example", false}, {"/%2f/evil.example", false}, {"/%5Cevil.example", false},
		{"/%252F%252Fevil.example", false}, {"/%25252F%25252Fevil.example", false}, {"/a%ZZ", false},
		{"/a\x00b", false}, {"/a\r\nb", false}, {"/a\tb", false}, {"/a\\b", false}, {"/" + strings.Repeat("a", 1024), false},
	} {
		got, ok := safeReturnPath(c.in)
		assert.Equal(t, c.ok, ok, "%q", c.in)
		if ok {
			assert.Equal(t, c.in, got)
		}
	}
}

// FuzzSafeReturnPath: whatever is accepted resolves, against the app's
// origin, to the app's origin.
func FuzzSafeReturnPath(f *testing.F) {
	for _, s := range []string{"/", "/app?x=1", "//evil", "/\\evil", "/%2F%2Fevil", "/%5C%5Cevil", "https://evil", "/.%2E/x"} {
		f.Add(s)
	}
	base, _ := url.Parse("https://app.example.com/")
	f.Fuzz(func(t *testing.T, p string) {
		got, ok := safeReturnPath(p)
		if !ok {
			return
		}
		for _, form := range []string{got, strings.ReplaceAll(got, "\\", "/")} {
			u, err := url.Parse(form)
			if err != nil {
				t.Fatalf("accepted %q does not parse: %v", p, err)
			}
			if r := base.ResolveReference(u); r.Host != base.Host || r.Scheme != base.Scheme {
				t.Fatalf("accepted %q leaves the origin: %s", p, r)
			}
		}
		if d, err := url.PathUnescape(got); err == nil && (strings.HasPrefix(d, "//") || strings.Contains(d, "\\")) {
			t.Fatalf("accepted %q decodes to %q", p, d)
		}
	})
}

func TestSplitSession_FitsOneCookieUntilTheLimitThenChunksUnderIt(t *testing.T) {
	k := &AuthKit{cfg: Config{Cookie: Cookie{Name: "wos-session", MaxChunks: 3}}}
	one := strings.Repeat("x", 4096-len("wos-session"))
	parts, err := k.splitSession(one)
	assert.NoError(t, err)
	assert.Equal(t, [][2]string{{"wos-session", one}}, parts, "exactly 4,096 bytes is still one cookie")

	parts, err = k.splitSession(one + "y")
	assert.NoError(t, err)
	assert.Len(t, parts, 2)
	joined := ""
	for i, p := range parts {
		assert.Equal(t, "wos-session."+string(rune('0'+i)), p[0])
		assert.LessOrEqual(t, len(p[0])+len(p[1]), 4096)
		joined += p[1]
	}
	assert.Equal(t, one+"y", joined)

	_, err = k.splitSession(strings.Repeat("z", 3*4096))
	assert.ErrorIs(t, err, ErrSessionTooLarge)
	assert.ErrorContains(t, err, "the cap is 3")
}

func TestIsSessionCookieName(t *testing.T) {
	k := &AuthKit{cfg: Config{Cookie: Cookie{Name: "wos-session"}}}
	for name, want := range map[string]bool{
		"wos-session": true, "wos-session.0": true, "wos-session.12": true,
		"wos-session.": false, "wos-session.x": false, "wos-session-flow-ab": false, "wos-sessions": false, "other": false,
	} {
		assert.Equal(t, want, k.isSessionCookieName(name), name)
	}
}

func TestMarkPrivate_AddsVaryCookieOnce(t *testing.T) {
	h := http.Header{"Vary": {"Accept-Encoding"}}
	markPrivate(h)
	markPrivate(h)
	assert.Equal(t, []string{"Accept-Encoding", "Cookie"}, h.Values("Vary"))
	assert.Equal(t, "private, no-store", h.Get("Cache-Control"))
	h = http.Header{"Vary": {"Origin, cookie"}}
	markPrivate(h)
	assert.Equal(t, []string{"Origin, cookie"}, h.Values("Vary"))
}
