package authkit_test

import (
	"fmt"
	"io"
	"log"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"

	"github.com/kestrel-dev/workos"
	"github.com/kestrel-dev/workos/authkit"
	"github.com/kestrel-dev/workos/workostest"
)

// The whole setup: sign-in, callback, sign-out, a protected page, and the
// middleware around the mux. Here it runs against the in-process fake and
// a cookie jar stands in for the browser.
func Example() {
	fake := workostest.Start() // with a real account: workos.NewClient() reads WORKOS_API_KEY and WORKOS_CLIENT_ID
	defer fake.Close()
	user := fake.CreateUser(workostest.NewUser{Email: "ada@example.com", EmailVerified: true})
	fake.SetAuthorizeUser(user.ID) // the fake's hosted page signs Ada in

	app := httptest.NewUnstartedServer(nil)
	kit, err := authkit.New(authkit.Config{
		Client:         fake.Client(),
		CookiePassword: "use-a-random-secret-of-32-characters-or-more",
		BaseURL:        "http://" + app.Listener.Addr().String(),
		Logger:         slog.New(slog.DiscardHandler),
	})
	if err != nil {
		log.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("GET /sign-in", kit.SignIn())
	mux.Handle("GET /callback", kit.Callback())
	mux.Handle("POST /sign-out", kit.SignOut())
	mux.Handle("GET /app", kit.Require(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s, _ := authkit.SessionFrom(r.Context())
		fmt.Fprintf(w, "hello %s", s.User.Email)
	})))
	app.Config.Handler = kit.Middleware(mux)
	app.Start()
	defer app.Close()

	jar, _ := cookiejar.New(nil)
	browser := &http.Client{Jar: jar}
	page := func(path string) string {
		req, _ := http.NewRequest(http.MethodGet, app.URL+path, nil)
		req.Header.Set("Accept", "text/html")
		resp, err := browser.Do(req)
		if err != nil {
			log.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return fmt.Sprintf("%d %s", resp.StatusCode, body)
	}
	fmt.Println(page("/app")) // redirected through sign-in, and back
	// Output: 200 hello ada@example.com
}

// Without a session, a page load is sent to sign-in with the page as its
// return path, while an API call gets 401: never a redirect it cannot
// follow.
func ExampleAuthKit_Require() {
	kit := exampleKit()
	h := kit.Require(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))

	page := httptest.NewRequest(http.MethodGet, "/reports?year=2026", nil)
	page.Header.Set("Sec-Fetch-Mode", "navigate")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, page)
	loc, _ := url.Parse(rec.Header().Get("Location"))
	fmt.Println(rec.Code, loc.Host+loc.Path, loc.Query().Get("provider"))

	api := httptest.NewRequest(http.MethodGet, "/api/reports", nil)
	api.Header.Set("Accept", "application/json")
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, api)
	fmt.Println(rec.Code, rec.Header().Get("WWW-Authenticate"), strings.TrimSpace(rec.Body.String()))
	// Output:
	// 303 api.workos.com/user_management/authorize authkit
	// 401 AuthKit realm="app.example.com" {"error":"unauthenticated"}
}

// SwitchOrganization's errors say what to do; RespondError does it.
func ExampleAuthKit_SwitchOrganization() {
	kit := exampleKit()
	switchOrg := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := kit.SwitchOrganization(w, r, r.FormValue("organization_id")); err != nil {
			// Sign-in for the organization (sso_required, mfa_enrollment),
			// 503 for a passing failure, 401 signed out, 403 refused.
			kit.RespondError(w, r, err)
			return
		}
		http.Redirect(w, r, "/", http.StatusSeeOther)
	})
	rec := httptest.NewRecorder()
	switchOrg.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/switch?organization_id=org_123", nil))
	fmt.Println(rec.Code, "without a session")
	// Output: 401 without a session
}

// exampleKit is an AuthKit for https://app.example.com that never reaches
// WorkOS in these examples.
func exampleKit() *authkit.AuthKit {
	kit, err := authkit.New(authkit.Config{
		Client:         mustClient(),
		CookiePassword: "use-a-random-secret-of-32-characters-or-more",
		BaseURL:        "https://app.example.com",
	})
	if err != nil {
		log.Fatal(err)
	}
	return kit
}

func mustClient() *workos.Client {
	c, err := workos.NewClient(workos.WithAPIKey("sk_example"), workos.WithClientID("client_example"))
	if err != nil {
		log.Fatal(err)
	}
	return c
}
