// Command authkit-web is a small net/http app that signs users in with
// AuthKit through package authkit:
//
//	/                     public: who is signed in, if anyone
//	/sign-in, /sign-up    start a sign-in on AuthKit's hosted page
//	/callback             where AuthKit sends the browser back
//	/account              protected: the user, organization, role and permissions
//	/switch-organization  (POST) move the session into another organization
//	/reports              protected by the permission reports:read
//	/sign-out             (POST) revoke the session and sign out of AuthKit
//
// With no credentials it needs nothing at all:
//
//	go run ./examples/authkit-web
//
// starts an in-process fake WorkOS (package workostest) with demo users, and
// prints the URL to open and a demo login. The fake serves its own hosted
// sign-in page, with sign-up and an organization picker, so the whole flow
// works in a real browser on this machine. Nothing leaves the machine.
//
// To use your WorkOS environment, add http://localhost:8000/callback as a
// redirect URI and http://localhost:8000/ as the logout redirect in the
// WorkOS dashboard, then set all three of:
//
//	WORKOS_API_KEY=sk_test_... \
//	WORKOS_CLIENT_ID=client_... \
//	WORKOS_COOKIE_PASSWORD="$(openssl rand -base64 32)" \
//	go run ./examples/authkit-web
//
// APP_BASE_URL (default http://localhost:8000) is the app's public URL;
// behind an https URL the cookies are marked Secure. ADDR (default
// localhost:8000) is the address to listen on. main_test.go runs the demo
// end to end.
package main

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"html/template"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"time"

	"github.com/kestrel-dev/workos"
	"github.com/kestrel-dev/workos/authkit"
	"github.com/kestrel-dev/workos/workostest"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Stdout, os.Getenv); err != nil {
		fmt.Fprintln(os.Stderr, "authkit-web:", err)
		os.Exit(1)
	}
}

// run serves the app until ctx is done. env is os.Getenv in main and a map
// in the tests; out receives the URL to open (and the demo login).
func run(ctx context.Context, out io.Writer, env func(string) string) error {
	b, err := backendFromEnv(env)
	if err != nil {
		return err
	}
	if b.demo != nil {
		defer b.demo.Close()
	}
	addr := orDefault(env("ADDR"), "localhost:8000")
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	baseURL := env("APP_BASE_URL")
	switch {
	case baseURL == "" && env("ADDR") == "":
		baseURL = "http://localhost:8000" // the redirect URI registered in the dashboard
	case baseURL == "":
		baseURL = "http://" + ln.Addr().String()
	}
	kit, err := authkit.New(authkit.Config{Client: b.client, CookiePassword: b.cookiePassword, BaseURL: baseURL})
	if err != nil {
		ln.Close()
		return err
	}
	if b.demo != nil {
		printDemo(out)
	}
	fmt.Fprintf(out, "Open %s\n", baseURL)

	srv := &http.Server{Handler: newApp(kit, b.client.UserManagement), ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return srv.Shutdown(shutdown)
}

// backend is the WorkOS the app talks to: the real one, or an in-process
// fake (demo set).
type backend struct {
	client         *workos.Client
	cookiePassword string
	demo           *workostest.Server
}

// credentialVars are the variables that select the real WorkOS; all three
// or none must be set.
var credentialVars = []string{"WORKOS_API_KEY", "WORKOS_CLIENT_ID", "WORKOS_COOKIE_PASSWORD"}

// backendFromEnv uses the real WorkOS when the credentials are set, and
// starts the demo fake when none is. Some but not all is an error, so a
// typo does not silently switch to the demo.
func backendFromEnv(env func(string) string) (backend, error) {
	var missing []string
	for _, v := range credentialVars {
		if env(v) == "" {
			missing = append(missing, v)
		}
	}
	switch len(missing) {
	case len(credentialVars):
		return startDemo(), nil
	case 0:
		client, err := workos.NewClient(workos.WithAPIKey(env("WORKOS_API_KEY")), workos.WithClientID(env("WORKOS_CLIENT_ID")))
		return backend{client: client, cookiePassword: env("WORKOS_COOKIE_PASSWORD")}, err
	}
	return backend{}, fmt.Errorf("set %s too to use your WorkOS environment (WORKOS_COOKIE_PASSWORD: a secret of at least 32 characters, such as the output of: openssl rand -base64 32), or unset all of %s to run the demo",
		strings.Join(missing, " and "), strings.Join(credentialVars, ", "))
}

// Demo logins, printed at start.
const (
	demoPassword = "correct horse"
	demoAda      = "ada@example.com"   // admin in Acme, member in Globex
	demoGrace    = "grace@example.com" // member in Acme only
)

// startDemo starts the fake with two organizations and two users. The
// cookie password is random: the fake forgets everything when the program
// ends, and so may the cookies.
func startDemo() backend {
	srv := workostest.Start()
	acme, globex := srv.CreateOrganization("Acme"), srv.CreateOrganization("Globex")
	ada := srv.CreateUser(workostest.NewUser{Email: demoAda, Password: demoPassword, FirstName: "Ada", LastName: "Lovelace", EmailVerified: true})
	grace := srv.CreateUser(workostest.NewUser{Email: demoGrace, Password: demoPassword, FirstName: "Grace", LastName: "Hopper", EmailVerified: true})
	srv.AddMembership(ada.ID, acme.ID, workostest.StatusActive, "admin")
	srv.AddMembership(ada.ID, globex.ID, workostest.StatusActive, "member")
	srv.AddMembership(grace.ID, acme.ID, workostest.StatusActive, "member")
	srv.SetRolePermissions("admin", "reports:read", "members:manage")
	srv.SetRolePermissions("member", "posts:read")
	return backend{client: srv.Client(), cookiePassword: rand.Text() + rand.Text(), demo: srv}
}

func printDemo(out io.Writer) {
	fmt.Fprintln(out, "No WorkOS credentials set, so this runs against an in-process fake WorkOS (package workostest).")
	fmt.Fprintln(out, "Set WORKOS_API_KEY, WORKOS_CLIENT_ID and WORKOS_COOKIE_PASSWORD to use your environment instead.")
	fmt.Fprintf(out, "Demo login: %s / %s (in two organizations: the sign-in page asks which)\n", demoAda, demoPassword)
	fmt.Fprintf(out, "        or: %s / %s (in one), or sign up with any address\n", demoGrace, demoPassword)
}

// app holds what the app's own handlers need.
type app struct {
	kit *authkit.AuthKit
	um  *workos.UserManagementService
}

// newApp routes the app. Middleware runs on every request, so the public
// home page knows who is signed in, and the rotated cookie is set whatever
// the page.
func newApp(kit *authkit.AuthKit, um *workos.UserManagementService) http.Handler {
	a := &app{kit: kit, um: um}
	mux := http.NewServeMux()
	mux.Handle("GET /sign-in", kit.SignIn())
	mux.Handle("GET /sign-up", kit.SignUp())
	mux.Handle("GET /callback", kit.Callback())
	mux.Handle("POST /sign-out", kit.SignOut())
	mux.HandleFunc("GET /{$}", a.home)
	mux.Handle("GET /account", kit.Require(http.HandlerFunc(a.account)))
	// SwitchOrganization changes state, so it is POST and kept from other
	// sites like SignOut is.
	mux.Handle("POST /switch-organization", kit.Require(http.NewCrossOriginProtection().Handler(http.HandlerFunc(a.switchOrganization))))
	mux.Handle("GET /reports", kit.RequirePermission("reports:read")(http.HandlerFunc(a.reports)))
	return kit.Middleware(mux)
}

var pages = template.Must(template.New("home").Parse(`<!doctype html>
<title>AuthKit example</title>
{{with .}}<p>Signed in as <strong>{{.User.Email}}</strong>. <a href="/account">Your account</a></p>
<form method="post" action="/sign-out"><button>Sign out</button></form>
{{else}}<p>You are not signed in. <a href="/sign-in">Sign in</a> or <a href="/sign-up">sign up</a>.</p>{{end}}
{{define "account"}}<!doctype html>
<title>Your account</title>
<p><a href="/">Home</a></p>
<dl>
  <dt>Email</dt><dd id="email">{{.Session.User.Email}}</dd>
  <dt>User</dt><dd id="user">{{.Session.User.ID}}</dd>
  <dt>Organization</dt><dd id="org">{{or .Session.OrganizationID "none"}}</dd>
  <dt>Role</dt><dd id="role">{{or .Session.Role "none"}}</dd>
  <dt>Permissions</dt><dd id="permissions">{{range .Session.Permissions}}{{.}} {{else}}none{{end}}</dd>
  <dt>Access token expires</dt><dd>{{.Session.ExpiresAt.UTC.Format "15:04:05 MST"}}</dd>
</dl>
{{with .Memberships}}<form method="post" action="/switch-organization">
<p>Switch organization:</p>
{{range .}}<button name="organization_id" value="{{.OrganizationID}}">{{or .OrganizationName .OrganizationID}}</button>
{{end}}</form>{{end}}
<p><a href="/reports">Reports</a> (needs reports:read)</p>
<form method="post" action="/sign-out"><button>Sign out</button></form>
{{end}}
{{define "reports"}}<!doctype html>
<title>Reports</title>
<p id="reports">Reports of {{.OrganizationID}}, for {{.User.Email}}.</p>
<p><a href="/account">Back</a></p>
{{end}}`))

// home shows who is signed in, if anyone.
func (a *app) home(w http.ResponseWriter, r *http.Request) {
	s, _ := authkit.SessionFrom(r.Context())
	render(w, "home", s)
}

// account shows the session and the user's organizations to switch to.
func (a *app) account(w http.ResponseWriter, r *http.Request) {
	s, _ := authkit.SessionFrom(r.Context())
	var ms []workos.OrganizationMembership
	for m, err := range a.um.ListOrganizationMemberships(r.Context(), workos.ListOrganizationMembershipsParams{UserID: s.User.ID}).All() {
		if err != nil {
			slog.WarnContext(r.Context(), "authkit-web: listing memberships", "err", err)
			break // the page still works, without the switcher
		}
		ms = append(ms, m)
	}
	render(w, "account", struct {
		Session     *authkit.Session
		Memberships []workos.OrganizationMembership
	}{s, ms})
}

// switchOrganization moves the session into the posted organization. When
// WorkOS refuses the organization the session is kept and the user told;
// RespondError handles the rest: sign in again for the organization (SSO,
// MFA), try later (a passing failure), or signed out.
func (a *app) switchOrganization(w http.ResponseWriter, r *http.Request) {
	if err := a.kit.SwitchOrganization(w, r, r.PostFormValue("organization_id")); err != nil {
		var apiErr *workos.APIError
		refused := errors.As(err, &apiErr) && !errors.Is(err, workos.ErrSessionTransient) &&
			!errors.Is(err, authkit.ErrSignInRequired) && !errors.Is(err, authkit.ErrNotSignedIn)
		if refused { // not a member, say; the session is kept
			http.Error(w, "You cannot switch to that organization.", http.StatusForbidden)
			return
		}
		a.kit.RespondError(w, r, err)
		return
	}
	http.Redirect(w, r, "/account", http.StatusSeeOther)
}

// reports is only for sessions whose role grants reports:read.
func (a *app) reports(w http.ResponseWriter, r *http.Request) {
	s, _ := authkit.SessionFrom(r.Context())
	render(w, "reports", s)
}

func render(w http.ResponseWriter, name string, data any) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if err := pages.ExecuteTemplate(w, name, data); err != nil {
		slog.Error("authkit-web: rendering a page", "page", name, "err", err)
	}
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
