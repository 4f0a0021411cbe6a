package workos_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http"
	"os"
	"time"

	"github.com/kestrel-dev/workos"
)

// Verify an access token sent as a bearer token to your API. Build the
// Verifier once and share it: its key cache is shared by all requests.
func ExampleVerifier_Verify() {
	client, err := workos.NewClient() // WORKOS_API_KEY, WORKOS_CLIENT_ID
	if err != nil {
		log.Fatal(err)
	}
	verifier, err := workos.NewVerifier(client,
		workos.WithTokenIssuer("https://api.workos.com/user_management/"+client.ClientID()))
	if err != nil {
		log.Fatal(err)
	}
	token := "eyJhbGciOiJSUzI1NiIs..." // from the Authorization header
	claims, err := verifier.Verify(context.Background(), token)
	switch {
	case errors.Is(err, workos.ErrTokenExpired):
		fmt.Println("expired: the client should refresh")
	case err != nil:
		fmt.Println("refused:", err)
	default:
		fmt.Println(claims.Subject, claims.OrganizationID, claims.Permissions)
	}
}

// A middleware that authenticates the session cookie on each request and
// refreshes it when the access token has expired.
func ExampleCookieSession_Authenticate() {
	client, err := workos.NewClient()
	if err != nil {
		log.Fatal(err)
	}
	verifier, err := workos.NewVerifier(client)
	if err != nil {
		log.Fatal(err)
	}
	password := os.Getenv("WORKOS_COOKIE_PASSWORD") // at least 32 characters

	requireUser := func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			var cookie string
			if c, err := r.Cookie("wos-session"); err == nil {
				cookie = c.Value
			}
			s := workos.LoadSealedSession(client, verifier, cookie, password)
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
			// Hand auth.User, auth.OrganizationID and auth.Permissions to
			// the handler, for example through the request's context.
			log.Printf("user %s, role %q", auth.User.ID, auth.Role)
			next.ServeHTTP(w, r)
		})
	}
	http.Handle("/app/", requireUser(http.NotFoundHandler()))
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
