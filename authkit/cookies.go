package authkit

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// maxCookieBytes is the most bytes of name plus value a browser keeps in
// one cookie (RFC 6265bis; Chromium's kMaxCookieNamePlusValueSize,
// Firefox's kMaxBytesPerCookie). A longer cookie is dropped silently.
const maxCookieBytes = 4096

// validCookieName reports whether name is an RFC 6265 token that leaves room
// for chunk suffixes.
func validCookieName(name string) bool {
	if name == "" || len(name) > 200 {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if c <= ' ' || c >= 0x7f || strings.IndexByte("()<>@,;:\\\"/[]?={}", c) >= 0 {
			return false
		}
	}
	return true
}

// chunkName is the name of chunk i of the session cookie.
func (k *AuthKit) chunkName(i int) string { return k.cfg.Cookie.Name + "." + strconv.Itoa(i) }

// readSession joins the session cookie: the bare cookie when present, else
// the chunks Name.0, Name.1, … up to the first missing one. It returns ""
// when there is none.
func (k *AuthKit) readSession(r *http.Request) string {
	if c, err := r.Cookie(k.cfg.Cookie.Name); err == nil && c.Value != "" {
		return c.Value
	}
	var b strings.Builder
	for i := 0; i < k.cfg.Cookie.MaxChunks; i++ {
		c, err := r.Cookie(k.chunkName(i))
		if err != nil {
			break
		}
		b.WriteString(c.Value)
	}
	return b.String()
}

// sessionCookie builds one session cookie with the configured attributes;
// a negative maxAge deletes it.
func (k *AuthKit) sessionCookie(name, value string, maxAge int) *http.Cookie {
	return &http.Cookie{
		Name: name, Value: value, Path: "/", Domain: k.cfg.Cookie.Domain, MaxAge: maxAge,
		Secure: k.secure, HttpOnly: true, SameSite: k.cfg.Cookie.SameSite,
	}
}

func (k *AuthKit) maxAgeSeconds() int {
	if k.cfg.Cookie.MaxAge < 0 {
		return 0 // no Max-Age: a browser-session cookie
	}
	return int(k.cfg.Cookie.MaxAge / time.Second)
}

// splitSession cuts sealed into the cookies that carry it: the bare name
// when name plus value fit in maxCookieBytes, else Name.0, Name.1, … each
// within it. It fails with ErrSessionTooLarge past Cookie.MaxChunks.
func (k *AuthKit) splitSession(sealed string) ([][2]string, error) {
	name := k.cfg.Cookie.Name
	if len(name)+len(sealed) <= maxCookieBytes {
		return [][2]string{{name, sealed}}, nil
	}
	// The longest chunk name has the largest index.
	room := maxCookieBytes - len(k.chunkName(k.cfg.Cookie.MaxChunks-1))
	n := (len(sealed) + room - 1) / room
	if n > k.cfg.Cookie.MaxChunks {
		return nil, fmt.Errorf("%w: %d bytes would need %d cookies, the cap is %d", ErrSessionTooLarge, len(sealed), n, k.cfg.Cookie.MaxChunks)
	}
	out := make([][2]string, 0, n)
	for i := 0; i < n; i++ {
		end := min((i+1)*room, len(sealed))
		out = append(out, [2]string{k.chunkName(i), sealed[i*room : end]})
	}
	return out, nil
}

// isSessionCookieName reports whether name is the session cookie or one of
// its chunks.
func (k *AuthKit) isSessionCookieName(name string) bool {
	base := k.cfg.Cookie.Name
	if name == base {
		return true
	}
	rest, ok := strings.CutPrefix(name, base+".")
	if !ok || rest == "" || len(rest) > 3 {
		return false
	}
	_, err := strconv.Atoi(rest)
	return err == nil
}

// writeSession sets sealed as the session cookie, split when needed, and
// expires every other session cookie the request carried (stale chunks or
// a bare cookie replaced by chunks). Nothing is written on error.
func (k *AuthKit) writeSession(w http.ResponseWriter, r *http.Request, sealed string) error {
	parts, err := k.splitSession(sealed)
	if err != nil {
		return err
	}
	k.dropSessionSetCookies(w.Header())
	written := make(map[string]bool, len(parts))
	for _, p := range parts {
		written[p[0]] = true
		http.SetCookie(w, k.sessionCookie(p[0], p[1], k.maxAgeSeconds()))
	}
	k.expireSessionCookies(w, r, written)
	return nil
}

// clearSession expires every session cookie the request carried, and the
// bare name even when the request did not carry it, with the attributes
// they were set with.
func (k *AuthKit) clearSession(w http.ResponseWriter, r *http.Request) {
	k.dropSessionSetCookies(w.Header())
	k.expireSessionCookies(w, r, nil)
	if _, err := r.Cookie(k.cfg.Cookie.Name); err != nil {
		http.SetCookie(w, k.sessionCookie(k.cfg.Cookie.Name, "", -1))
	}
}

func (k *AuthKit) expireSessionCookies(w http.ResponseWriter, r *http.Request, keep map[string]bool) {
	seen := map[string]bool{}
	for _, c := range r.Cookies() {
		if keep[c.Name] || seen[c.Name] || !k.isSessionCookieName(c.Name) {
			continue
		}
		seen[c.Name] = true
		http.SetCookie(w, k.sessionCookie(c.Name, "", -1))
	}
}

// dropSessionSetCookies removes the session cookies an earlier step of the
// same request set (Middleware's refresh before SignOut or
// SwitchOrganization), so that the response carries one answer for each.
func (k *AuthKit) dropSessionSetCookies(h http.Header) {
	lines := h["Set-Cookie"]
	kept := lines[:0]
	for _, l := range lines {
		name, _, _ := strings.Cut(l, "=")
		if !k.isSessionCookieName(strings.TrimSpace(name)) {
			kept = append(kept, l)
		}
	}
	if len(kept) == 0 {
		h.Del("Set-Cookie")
		return
	}
	h["Set-Cookie"] = kept
}

// markPrivate makes a response that depends on the session uncacheable by
// shared caches.
func markPrivate(h http.Header) {
	h.Set("Cache-Control", "private, no-store")
	for _, v := range h.Values("Vary") {
		for _, f := range strings.Split(v, ",") {
			if strings.EqualFold(strings.TrimSpace(f), "Cookie") || strings.TrimSpace(f) == "*" {
				return
			}
		}
	}
	h.Add("Vary", "Cookie")
}
