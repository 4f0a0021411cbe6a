package workos_test

import (
	"context"
	"crypto"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/kestrel-dev/workos"
	"github.com/kestrel-dev/workos/authkit"
	"github.com/kestrel-dev/workos/workostest"
)

// benchWriter is a ResponseWriter that keeps headers and drops the body,
// reused across iterations.
type benchWriter struct{ h http.Header }

func (w *benchWriter) Header() http.Header         { return w.h }
func (w *benchWriter) Write(p []byte) (int, error) { return len(p), nil }
func (w *benchWriter) WriteHeader(int)             {}

type benchCtxKey struct{}

// authkitBench is a signed-in request (a session cookie for a user in an
// organization, the token valid for a day) and what it takes to serve it.
type authkitBench struct {
	srv    *workostest.Server
	kit    *authkit.AuthKit
	req    *http.Request
	pub    *rsa.PublicKey
	cookie string
}

func newAuthkitBench(b *testing.B) *authkitBench {
	srv := workostest.NewServer(b, workostest.WithAccessTokenTTL(24*time.Hour))
	org := srv.CreateOrganization("Acme")
	u := srv.CreateUser(workostest.NewUser{Email: "ada@example.com", EmailVerified: true})
	srv.AddMembership(u.ID, org.ID, workostest.StatusActive, "admin")
	srv.SetRolePermissions("admin", "posts:read", "posts:write")
	tok := srv.SignIn(u.ID, org.ID)
	client := srv.Client()
	user, err := client.UserManagement.GetUser(context.Background(), u.ID)
	if err != nil {
		b.Fatal(err)
	}
	const pw = "a-cookie-password-of-at-least-32-chars!"
	sealed, err := workos.SealSessionFromAuthResponse(&workos.AuthenticateResponse{User: *user, AccessToken: tok.AccessToken, RefreshToken: tok.RefreshToken}, pw)
	if err != nil {
		b.Fatal(err)
	}
	kit, err := authkit.New(authkit.Config{Client: client, CookiePassword: pw, BaseURL: "https://app.example.com"})
	if err != nil {
		b.Fatal(err)
	}
	req := httptest.NewRequest(http.MethodGet, "https://app.example.com/app", nil)
	req.AddCookie(&http.Cookie{Name: authkit.DefaultCookieName, Value: sealed})
	pub, _ := srv.PublicKey()
	return &authkitBench{srv: srv, kit: kit, req: req, pub: pub, cookie: sealed}
}

// floor serves the request with the standard library alone: read the
// cookie, unseal it (AES-CBC, HMAC, encoding/json), verify the token
// (rsa.VerifyPKCS1v15, encoding/json of the claims), put the claims in the
// context, set the cache headers and call next.
func (ab *authkitBench) floor(w http.ResponseWriter, r *http.Request, next http.Handler) bool {
	c, err := r.Cookie(authkit.DefaultCookieName)
	if err != nil {
		return false
	}
	tok, ok := workos.FloorUnsealAccessToken(c.Value, "a-cookie-password-of-at-least-32-chars!")
	if !ok {
		return false
	}
	i, j := strings.IndexByte(tok, '.'), strings.LastIndexByte(tok, '.')
	sig, err1 := base64.RawURLEncoding.DecodeString(tok[j+1:])
	payload, err2 := base64.RawURLEncoding.DecodeString(tok[i+1 : j])
	if err1 != nil || err2 != nil {
		return false
	}
	d := sha256.Sum256([]byte(tok[:j]))
	if rsa.VerifyPKCS1v15(ab.pub, crypto.SHA256, d[:], sig) != nil {
		return false
	}
	var claims map[string]any
	if json.Unmarshal(payload, &claims) != nil {
		return false
	}
	h := w.Header()
	h.Set("Cache-Control", "private, no-store")
	h.Add("Vary", "Cookie")
	next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), benchCtxKey{}, claims)))
	return true
}

// BenchmarkAuthkitMiddleware serves a signed-in request through
// authkit.Middleware (unseal, verify, session in the context) and through
// the stdlib floor, in turn, and reports the ratio of their medians. After the warm-up
// request that fetches the key set, the fake must see no request at all.
func BenchmarkAuthkitMiddleware(b *testing.B) {
	ab := newAuthkitBench(b)
	served := 0
	app := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if s, ok := authkit.SessionFrom(r.Context()); ok && s.OrganizationID != "" {
			served++
		}
	})
	floorApp := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if c, ok := r.Context().Value(benchCtxKey{}).(map[string]any); ok && c["org_id"] != nil {
			served++
		}
	})
	mw := ab.kit.Middleware(app)
	w := &benchWriter{h: http.Header{}}
	mw.ServeHTTP(w, ab.req) // warm-up: fetches the key set
	warm := len(ab.srv.Requests())
	served = 0
	workos.MedianPaired(b, func() {
		clear(w.h)
		mw.ServeHTTP(w, ab.req)
	}, func() {
		clear(w.h)
		if !ab.floor(w, ab.req, floorApp) {
			b.Fatal("floor failed")
		}
	})
	if served != 2*b.N {
		b.Fatalf("served %d of %d", served, 2*b.N)
	}
	if n := len(ab.srv.Requests()) - warm; n != 0 {
		b.Fatalf("%d requests reached WorkOS after warm-up", n)
	}
}
