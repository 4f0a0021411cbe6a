package authkit

import (
	"net/url"
	"strings"
)

// maxReturnPath bounds the return path kept in the sign-in flow cookie.
const maxReturnPath = 1024

// safeReturnPath accepts p only when it is a path on this origin: it starts
// with one "/", and neither it nor its percent-decoded forms start with
// "//" or "/\", contain a backslash, a control character, or parse with a
// scheme or host. It returns the path as given.
func safeReturnPath(p string) (string, bool) {
	if p == "" || len(p) > maxReturnPath {
		return "", false
	}
	s := p
	for range 3 { // the raw form and up to two rounds of decoding
		if !safePathForm(s) {
			return "", false
		}
		d, err := url.PathUnescape(s)
		if err != nil {
			return "", false
		}
		if d == s {
			break
		}
		s = d
	}
	if strings.Contains(s, "%") && s != mustUnescape(s) {
		return "", false // still encoded after two rounds: refuse rather than guess
	}
	return p, true
}

func mustUnescape(s string) string {
	d, err := url.PathUnescape(s)
	if err != nil {
		return ""
	}
	return d
}

func safePathForm(s string) bool {
	if len(s) == 0 || s[0] != '/' {
		return false
	}
	if len(s) > 1 && (s[1] == '/' || s[1] == '\\') {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == 0x7f || c == '\\' {
			return false
		}
	}
	u, err := url.Parse(s)
	return err == nil && u.Scheme == "" && u.Host == "" && u.User == nil && u.Opaque == ""
}
