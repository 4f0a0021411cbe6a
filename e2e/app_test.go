package e2e

import (
	"html/template"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/kestrel-dev/workos/authkit"
	"github.com/kestrel-dev/workos/workostest"
)

// cookiePassword seals the test app's session cookie.
const cookiePassword = "e2e-cookie-password-of-at-least-32-characters"

// testApp is a small application built on authkit, in front of a
// workostest fake with one user, Ada, who belongs to two organizations.
type testApp struct {
	srv          *workostest.Server
	kit          *authkit.AuthKit
	url          string // the app's base URL
	ada          workostest.User
	acme, globex workostest.Organization
}

// routes mounts the app's handlers on a router; the tests pass one for
// http.ServeMux and one for chi.
type routes func(kit *authkit.AuthKit, h appHandlers) http.Handler

// appHandlers are the app's own pages, the same whichever router mounts
// them.
type appHandlers struct {
	home, account, switchOrganization http.Handler
}

// startApp seeds the fake, builds the AuthKit (its clock is the fake's, so
// srv.Advance expires the app's tokens too) and serves the app on a local
// port until the test ends.
func startApp(t *testing.T, mount routes) *testApp {
	t.Helper()
	a := &testApp{srv: workostest.NewServer(t)}
	a.acme, a.globex = a.srv.CreateOrganization("Acme"), a.srv.CreateOrganization("Globex")
	a.ada = a.srv.CreateUser(workostest.NewUser{Email: "ada@example.com", Password: "correct horse", FirstName: "Ada", EmailVerified: true})
	a.srv.AddMembership(a.ada.ID, a.acme.ID, workostest.StatusActive, "admin")
	a.srv.AddMembership(a.ada.ID, a.globex.ID, workostest.StatusActive, "member")
	a.srv.SetRolePermissions("admin", "reports:read")

	server := httptest.NewUnstartedServer(nil) // its listener is bound already, so its URL is known
	a.url = "http://" + server.Listener.Addr().String()
	kit, err := authkit.New(authkit.Config{
		Client:         a.srv.Client(),
		CookiePassword: cookiePassword,
		BaseURL:        a.url,
		Now:            a.srv.Now,
		Logger:         slog.New(slog.NewTextHandler(testWriter{t}, nil)),
	})
	if err != nil {
		t.Fatal(err)
	}
	a.kit = kit
	server.Config.Handler = mount(kit, appHandlers{
		home:               http.HandlerFunc(homePage),
		account:            http.HandlerFunc(a.accountPage),
		switchOrganization: http.NewCrossOriginProtection().Handler(a.switchOrganization()),
	})
	server.Start()
	t.Cleanup(server.Close)
	return a
}

// serveMux mounts the app on the standard library's router.
func serveMux(kit *authkit.AuthKit, h appHandlers) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /sign-in", kit.SignIn())
	mux.Handle("GET /callback", kit.Callback())
	mux.Handle("POST /sign-out", kit.SignOut())
	mux.Handle("GET /{$}", h.home)
	mux.Handle("GET /account", kit.Require(h.account))
	mux.Handle("POST /switch-organization", kit.Require(h.switchOrganization))
	return kit.Middleware(mux)
}

// Every page names an empty icon, so the browser fetches no /favicon.ico
// that would race the page's own requests through the middleware.
var pages = template.Must(template.New("home").Parse(`<!doctype html><title>e2e app</title><link rel="icon" href="data:,">
{{with .}}<p id="signed-in">Signed in as {{.User.Email}}. <a href="/account">Account</a></p>
{{else}}<p id="signed-out">Signed out. <a id="sign-in" href="/sign-in">Sign in</a></p>{{end}}
{{define "account"}}<!doctype html><title>Account</title><link rel="icon" href="data:,">
<dl>
<dt>Email</dt><dd id="email">{{.S.User.Email}}</dd>
<dt>User</dt><dd id="user">{{.S.User.ID}}</dd>
<dt>Organization</dt><dd id="org" data-id="{{.S.OrganizationID}}">{{.S.OrganizationID}}</dd>
<dt>Role</dt><dd id="role">{{.S.Role}}</dd>
<dt>Session</dt><dd id="session">{{.S.SessionID}}</dd>
</dl>
<form method="post" action="/switch-organization" id="switch">
{{range .Orgs}}<button type="submit" name="organization_id" value="{{.ID}}">{{.Name}}</button>{{end}}
</form>
<form method="post" action="/sign-out"><button type="submit" id="sign-out">Sign out</button></form>
{{end}}`))

// homePage is public: it says who is signed in, if anyone.
func homePage(w http.ResponseWriter, r *http.Request) {
	s, _ := authkit.SessionFrom(r.Context())
	render(w, "home", s)
}

// accountPage is protected: it shows the session and the forms to switch
// organization and to sign out.
func (a *testApp) accountPage(w http.ResponseWriter, r *http.Request) {
	s, _ := authkit.SessionFrom(r.Context())
	render(w, "account", struct {
		S    *authkit.Session
		Orgs []workostest.Organization
	}{s, []workostest.Organization{a.acme, a.globex}})
}

// switchOrganization moves the session into the posted organization and
// goes back to the account page.
func (a *testApp) switchOrganization() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := a.kit.SwitchOrganization(w, r, r.PostFormValue("organization_id")); err != nil {
			a.kit.RespondError(w, r, err)
			return
		}
		http.Redirect(w, r, "/account", http.StatusSeeOther)
	})
}

func render(w http.ResponseWriter, name string, data any) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if err := pages.ExecuteTemplate(w, name, data); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
	}
}

// testWriter sends the app's log lines to the test log.
type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Logf("%s", p)
	return len(p), nil
}
