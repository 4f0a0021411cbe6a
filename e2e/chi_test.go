package e2e

import (
	"encoding/json"
	"html"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/go-chi/chi/v5"
	"github.com/kestrel-dev/workos/authkit"
)

// chiRouter mounts the app on chi: authkit's Middleware with r.Use, Require
// and a permission guard as route middleware, and handlers that read chi's
// URL parameters next to authkit's session.
func chiRouter(kit *authkit.AuthKit, h appHandlers) http.Handler {
	r := chi.NewRouter()
	r.Use(kit.Middleware)
	r.Method(http.MethodGet, "/sign-in", kit.SignIn())
	r.Method(http.MethodGet, "/callback", kit.Callback())
	r.Method(http.MethodPost, "/sign-out", kit.SignOut())
	r.Method(http.MethodGet, "/", h.home)
	r.Group(func(r chi.Router) {
		r.Use(kit.Require)
		r.Method(http.MethodGet, "/account", h.account)
		r.Method(http.MethodPost, "/switch-organization", h.switchOrganization)
		r.With(kit.RequirePermission("reports:read")).Get("/orgs/{orgID}/reports", func(w http.ResponseWriter, r *http.Request) {
			s, _ := authkit.SessionFrom(r.Context())
			writeJSON(w, map[string]string{"org_in_path": chi.URLParam(r, "orgID"), "org_in_session": s.OrganizationID})
		})
	})
	r.Route("/api", func(r chi.Router) {
		r.Use(kit.Require)
		r.Get("/me", func(w http.ResponseWriter, r *http.Request) {
			s, _ := authkit.SessionFrom(r.Context())
			writeJSON(w, map[string]string{"user_id": s.User.ID, "organization_id": s.OrganizationID})
		})
	})
	return r
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v)
}

// TestAuthKitBehindChi signs in through the fake's page with plain form
// posts and a cookie jar, and checks that authkit's middleware and guards
// compose with chi's: API routes answer 401 (never a redirect), pages go to
// sign-in, chi's URL parameters and the session reach the same handler,
// a permission guard follows the organization switch, and sign-out works.
func TestAuthKitBehindChi(t *testing.T) {
	a := startApp(t, chiRouter)
	b := newFormBrowser(t)

	api := b.fetch(http.MethodGet, a.url+"/api/me", nil)
	if api.status != http.StatusUnauthorized || api.header.Get("WWW-Authenticate") == "" || api.header.Get("Location") != "" {
		t.Fatalf("signed-out API call: %d, WWW-Authenticate %q, Location %q; want 401 with a challenge and no redirect",
			api.status, api.header.Get("WWW-Authenticate"), api.header.Get("Location"))
	}

	page := b.navigate(http.MethodGet, a.url+"/account", nil)
	if page.url.Path != "/user_management/authorize" || !strings.Contains(page.body, `id="sign-in-form"`) {
		t.Fatalf("signed-out page load ended at %s, want the fake's sign-in page", page.url)
	}
	picker := b.navigate(http.MethodPost, page.formAction(t), url.Values{"step": {"sign-in"}, "email": {"ada@example.com"}, "password": {"correct horse"}})
	token := picker.match(t, `name="pending_authentication_token" value="([^"]*)"`)
	account := b.navigate(http.MethodPost, picker.formAction(t), url.Values{"step": {"organization"}, "pending_authentication_token": {token}, "organization_id": {a.acme.ID}})
	if account.url.String() != a.url+"/account" || !strings.Contains(account.body, `<dd id="email">ada@example.com</dd>`) {
		t.Fatalf("after sign-in: %d at %s:\n%s", account.status, account.url, account.body)
	}

	var me map[string]string
	b.fetch(http.MethodGet, a.url+"/api/me", nil).decode(t, http.StatusOK, &me)
	if me["user_id"] != a.ada.ID || me["organization_id"] != a.acme.ID {
		t.Errorf("/api/me = %v, want Ada in Acme", me)
	}
	var reports map[string]string
	b.fetch(http.MethodGet, a.url+"/orgs/"+a.acme.ID+"/reports", nil).decode(t, http.StatusOK, &reports)
	if reports["org_in_path"] != a.acme.ID || reports["org_in_session"] != a.acme.ID {
		t.Errorf("reports = %v, want chi's parameter and the session's organization", reports)
	}

	switched := b.navigate(http.MethodPost, a.url+"/switch-organization", url.Values{"organization_id": {a.globex.ID}})
	if !strings.Contains(switched.body, `data-id="`+a.globex.ID+`"`) {
		t.Fatalf("after switching: %d at %s:\n%s", switched.status, switched.url, switched.body)
	}
	if r := b.fetch(http.MethodGet, a.url+"/orgs/"+a.globex.ID+"/reports", nil); r.status != http.StatusForbidden {
		t.Errorf("reports as a member of Globex (no reports:read): %d, want 403", r.status)
	}

	out := b.navigate(http.MethodPost, a.url+"/sign-out", url.Values{})
	if !strings.Contains(out.body, `id="signed-out"`) {
		t.Fatalf("after sign-out: %d at %s:\n%s", out.status, out.url, out.body)
	}
	if r := b.fetch(http.MethodGet, a.url+"/api/me", nil); r.status != http.StatusUnauthorized {
		t.Errorf("API call after sign-out: %d, want 401", r.status)
	}
}

// formBrowser is an HTTP client with a cookie jar that plays a browser
// without JavaScript: navigate follows redirects and sends the Fetch
// Metadata of a page load; fetch is a script's call and follows nothing.
type formBrowser struct {
	t      *testing.T
	client *http.Client
}

// reply is one answer, after any redirects.
type reply struct {
	status int
	url    *url.URL
	header http.Header
	body   string
}

func newFormBrowser(t *testing.T) *formBrowser {
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return &formBrowser{t: t, client: &http.Client{Jar: jar}}
}

func (b *formBrowser) navigate(method, target string, form url.Values) reply {
	return b.do(method, target, form, true)
}

func (b *formBrowser) fetch(method, target string, form url.Values) reply {
	return b.do(method, target, form, false)
}

func (b *formBrowser) do(method, target string, form url.Values, navigation bool) reply {
	b.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, target, body)
	if err != nil {
		b.t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	client := *b.client
	if navigation {
		req.Header.Set("Sec-Fetch-Mode", "navigate")
		req.Header.Set("Sec-Fetch-Dest", "document")
		req.Header.Set("Accept", "text/html")
		client.CheckRedirect = func(next *http.Request, via []*http.Request) error {
			next.Header.Set("Sec-Fetch-Mode", "navigate") // a browser sends it on every hop
			next.Header.Set("Sec-Fetch-Dest", "document")
			return nil
		}
	} else {
		req.Header.Set("Sec-Fetch-Mode", "cors")
		req.Header.Set("Accept", "application/json")
		client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	}
	resp, err := client.Do(req)
	if err != nil {
		b.t.Fatalf("%s %s: %v", method, target, err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		b.t.Fatal(err)
	}
	return reply{status: resp.StatusCode, url: resp.Request.URL, header: resp.Header, body: string(raw)}
}

// formAction returns the absolute URL the page's first form posts to.
func (r reply) formAction(t *testing.T) string {
	t.Helper()
	action := r.match(t, `<form method="post" action="([^"]*)"`)
	u, err := r.url.Parse(action)
	if err != nil {
		t.Fatal(err)
	}
	return u.String()
}

// match returns the first group of the regular expression expr in the
// body, unescaped, failing the test without a match.
func (r reply) match(t *testing.T, expr string) string {
	t.Helper()
	m := regexp.MustCompile(expr).FindStringSubmatch(r.body)
	if m == nil {
		t.Fatalf("%s not found in the page at %s (%d):\n%s", expr, r.url, r.status, r.body)
	}
	return html.UnescapeString(m[1])
}

// decode checks the status and decodes the JSON body into v.
func (r reply) decode(t *testing.T, status int, v any) {
	t.Helper()
	if r.status != status {
		t.Fatalf("%s: %d, want %d:\n%s", r.url, r.status, status, r.body)
	}
	if err := json.Unmarshal([]byte(r.body), v); err != nil {
		t.Fatalf("%s: %v in %s", r.url, err, r.body)
	}
}
