package authkit

import (
	"net/url"
)

// maxReturnPath bounds the return path kept in the sign-in flow cookie.
const maxReturnPath = 1024

// safeReturnPath accepts p only when it is a path on this origin: it starts
// with one "/", and neither it nor any of its percent-decoded forms starts
// with "//" or "/\", contains a backslash or a control character, or parses
// with a scheme or host. A path still changing after three decodings is
// refused rather than guessed at. It returns the path as given.
func safeReturnPath(p string) (string, bool) {
	if p == "" || len(p) > maxReturnPath {
		return "", false
	}
	s := p
	for i := 0; ; i++ {
		if !safePathForm(s) {
			return "", false
		}
		d, err := url.PathUnescape(s)
		if err != nil {
			return "", false
		}
		if d == s {
			return p, true
		}
		if i == 3 {
			return "", false
		}
		s = d
	}
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
