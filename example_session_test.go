package workos_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/kestrel-dev/workos"
	"github.com/kestrel-dev/workos/workostest"
)

// cookiePassword seals the examples' session cookies. Use a random secret of
// at least 32 characters, kept outside the code, in production.
const cookiePassword = "a-cookie-password-of-32-chars-or-more"

// signInAda seeds the fake API with Ada, an admin of Acme, and signs her in
// with her password, as a login handler would.
func signInAda(ctx context.Context, srv *workostest.Server, client *workos.Client) *workos.AuthenticateResponse {
	org := srv.CreateOrganization("Acme")
	ada := srv.CreateUser(workostest.NewUser{Email: "ada@example.com", Password: "correct horse", EmailVerified: true})
	srv.AddMembership(ada.ID, org.ID, workostest.StatusActive, "admin")
	srv.SetRolePermissions("admin", "invoices:read", "invoices:write")
	res, err := client.UserManagement.AuthenticateWithPassword(ctx, workos.AuthenticateWithPasswordParams{
		Email: "ada@example.com", Password: "correct horse",
	})
	if err != nil {
		log.Fatal(err)
	}
	return res
}

// Verify an access token sent as a bearer token to your API. Build the
// Verifier once and share it: its key cache is shared by all requests.
func ExampleVerifier_Verify() {
	srv := workostest.Start() // stands in for api.workos.com
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()
	res := signInAda(ctx, srv, client)

	// The fake's clock drives the Verifier here, so the example can move it.
	verifier, err := workos.NewVerifier(client, workos.WithTokenIssuer(srv.Issuer()), workos.WithVerifierClock(srv.Now))
	if err != nil {
		log.Fatal(err)
	}
	claims, err := verifier.Verify(ctx, res.AccessToken) // from the Authorization header
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(claims.Role, claims.Permissions)

	srv.Advance(time.Hour)
	_, err = verifier.Verify(ctx, res.AccessToken)
	fmt.Println(errors.Is(err, workos.ErrTokenExpired))
	// Output:
	// admin [invoices:read invoices:write]
	// true
}

// A middleware that authenticates the session cookie on each request and
// refreshes it when the access token has expired.
func ExampleCookieSession_Authenticate() {
	srv := workostest.Start()
	defer srv.Close()
	client := srv.Client()
	verifier, err := workos.NewVerifier(client, workos.WithVerifierClock(srv.Now))
	if err != nil {
		log.Fatal(err)
	}

	requireUser := func(next func(http.ResponseWriter, *http.Request, *workos.AuthenticatedSession)) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			var cookie string
			if c, err := r.Cookie("wos-session"); err == nil {
				cookie = c.Value
			}
			s := workos.LoadSealedSession(client, verifier, cookie, cookiePassword)
			auth, err := s.Authenticate(r.Context())
			if errors.Is(err, workos.ErrSessionTokenExpired) {
				// Parallel requests share one refresh call.
				if _, rerr := s.Refresh(r.Context(), workos.RefreshSessionParams{}); rerr == nil {
					http.SetCookie(w, &http.Cookie{Name: "wos-session", Value: s.SealedSession(), Path: "/",
						HttpOnly: true, Secure: true, SameSite: http.SameSiteLaxMode})
					auth, err = s.Authenticate(r.Context())
				} else {
					err = rerr
				}
			}
			switch {
			case errors.Is(err, workos.ErrSessionTransient):
				// WorkOS unreachable, 429, 5xx or the key set not fetched:
				// the session may be fine. Keep the cookie, try later.
				http.Error(w, "please try again", http.StatusServiceUnavailable)
				return
			case err != nil:
				// ErrSessionRefreshTokenInvalid, a bad cookie or token: the
				// session is over.
				http.Redirect(w, r, "/login", http.StatusSeeOther)
				return
			}
			next(w, r, auth)
		})
	}
	app := requireUser(func(w http.ResponseWriter, r *http.Request, auth *workos.AuthenticatedSession) {
		fmt.Fprintf(w, "hello %s, %s", auth.User.Email, auth.Role)
	})

	// A browser with no cookie is sent to sign in.
	rec := httptest.NewRecorder()
	app.ServeHTTP(rec, httptest.NewRequest("GET", "/app/", nil))
	fmt.Println(rec.Code, rec.Header().Get("Location"))

	// After sign-in, the browser sends the sealed session back.
	sealed, err := workos.SealSessionFromAuthResponse(signInAda(context.Background(), srv, client), cookiePassword)
	if err != nil {
		log.Fatal(err)
	}
	req := httptest.NewRequest("GET", "/app/", nil)
	req.AddCookie(&http.Cookie{Name: "wos-session", Value: sealed})
	rec = httptest.NewRecorder()
	app.ServeHTTP(rec, req)
	fmt.Println(rec.Code, rec.Body.String(), len(rec.Result().Cookies()))
	// Output:
	// 303 /login
	// 200 hello ada@example.com, admin 0
}

// When the access token in the cookie has expired, Refresh redeems the
// refresh token and rotates the cookie; Authenticate then reads the new
// session. The old refresh token is spent, so the new cookie must reach
// the browser.
func ExampleCookieSession_Refresh() {
	srv := workostest.Start()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()
	verifier, err := workos.NewVerifier(client, workos.WithVerifierClock(srv.Now))
	if err != nil {
		log.Fatal(err)
	}
	sealed, err := workos.SealSessionFromAuthResponse(signInAda(ctx, srv, client), cookiePassword)
	if err != nil {
		log.Fatal(err)
	}

	srv.Advance(time.Hour) // past the access token's lifetime
	sess := workos.LoadSealedSession(client, verifier, sealed, cookiePassword)
	_, err = sess.Authenticate(ctx)
	fmt.Println("expired:", errors.Is(err, workos.ErrSessionTokenExpired))

	refreshed, err := sess.Refresh(ctx, workos.RefreshSessionParams{})
	if err != nil {
		log.Fatal(err)
	}
	// Send refreshed.SealedSession back as the wos-session cookie here.
	auth, err := sess.Authenticate(ctx)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("rotated:", refreshed.SealedSession != sealed, "user:", auth.User.Email, auth.Role)
	// Output:
	// expired: true
	// rotated: true user: ada@example.com admin
}

// Seal a session into a cookie value that the Node SDK can also read.
func ExampleSealSession() {
	password := "a-cookie-password-of-32-chars-or-more"
	created := time.Date(2024, 10, 12, 16, 4, 31, 12e6, time.UTC)
	sealed, err := workos.SealSession(&workos.SessionData{
		User:         workos.SessionUser{ID: "user_123", Email: "ada@example.com", CreatedAt: created, UpdatedAt: created},
		AccessToken:  "eyJhbGciOiJSUzI1NiIs...",
		RefreshToken: "refresh_123",
	}, password)
	if err != nil {
		log.Fatal(err)
	}
	data, err := workos.UnsealSession(sealed, password)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(sealed[:7], data.User.Email, data.RefreshToken)
	// Output: Fe26.2* ada@example.com refresh_123
}
