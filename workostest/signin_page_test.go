package workostest_test

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"html"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/kestrel-dev/workos/workostest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// pageVerifier is the PKCE verifier of every sign-in these tests start.
const pageVerifier = "sign-in-page-test-verifier-0123456789-abcdefghijklmnop"

// htmlPage is one reply of the hosted sign-in page, as a browser gets it.
type htmlPage struct {
	Status int
	Header http.Header
	Body   string
}

var (
	formActionRE  = regexp.MustCompile(`<form method="post" action="([^"]*)"`)
	pendingRE     = regexp.MustCompile(`name="pending_authentication_token" value="([^"]*)"`)
	errorRE       = regexp.MustCompile(`<p class="error" id="error" role="alert">([^<]*)</p>`)
	otherScreenRE = regexp.MustCompile(`id="other-screen" href="([^"]*)"`)
)

// action returns the URL the page's form posts to, made absolute.
func (p htmlPage) action(t *testing.T, srv *workostest.Server) string {
	t.Helper()
	m := formActionRE.FindStringSubmatch(p.Body)
	require.NotNilf(t, m, "no form on the page:\n%s", p.Body)
	return srv.URL() + html.UnescapeString(m[1])
}

// match returns the first group of re in the page, or "" without a match.
func (p htmlPage) match(re *regexp.Regexp) string {
	if m := re.FindStringSubmatch(p.Body); m != nil {
		return html.UnescapeString(m[1])
	}
	return ""
}

// redirect returns the Location of a 303 reply, parsed.
func (p htmlPage) redirect(t *testing.T) *url.URL {
	t.Helper()
	require.Equalf(t, http.StatusSeeOther, p.Status, "page:\n%s", p.Body)
	loc, err := url.Parse(p.Header.Get("Location"))
	require.NoError(t, err)
	return loc
}

// browse sends one request as a browser would, without following
// redirects; form, when not nil, is posted as a URL-encoded body.
func browse(t *testing.T, srv *workostest.Server, target string, form url.Values) htmlPage {
	t.Helper()
	method, body := http.MethodGet, io.Reader(nil)
	if form != nil {
		method, body = http.MethodPost, strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, target, body)
	require.NoError(t, err)
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	resp, err := srv.HTTPClient().Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return htmlPage{Status: resp.StatusCode, Header: resp.Header, Body: string(raw)}
}

// openSignInPage starts an AuthKit sign-in with PKCE and state, plus the
// extra query pairs kv, and returns the page served.
func openSignInPage(t *testing.T, srv *workostest.Server, kv ...string) htmlPage {
	t.Helper()
	sum := sha256.Sum256([]byte(pageVerifier))
	q := append([]string{"client_id", srv.ClientID(), "redirect_uri", "http://app.test/callback", "response_type", "code",
		"provider", "authkit", "state", "state-abc", "code_challenge", base64.RawURLEncoding.EncodeToString(sum[:]),
		"code_challenge_method", "S256"}, kv...)
	return browse(t, srv, srv.URL()+"/user_management/authorize"+fakeQuery(q...), nil)
}

// redeem exchanges the code of a redirect to the app for tokens.
func redeem(t *testing.T, srv *workostest.Server, loc *url.URL) fakeReply {
	t.Helper()
	assert.Equal(t, "app.test", loc.Host)
	assert.Equal(t, "/callback", loc.Path)
	assert.Equal(t, "state-abc", loc.Query().Get("state"))
	require.NotEmptyf(t, loc.Query().Get("code"), "redirect %s", loc)
	return fakeExpect(t, 200, fakeAuth(t, srv, map[string]any{
		"grant_type": "authorization_code", "code": loc.Query().Get("code"), "code_verifier": pageVerifier,
	}))
}

func TestSignInPage_ServesAnEscapedFormWhenAuthKitHasNoUserPicked(t *testing.T) {
	t.Parallel()
	srv := workostest.NewServer(t)
	page := openSignInPage(t, srv, "login_hint", `"><script>alert(1)</script>`)

	require.Equal(t, http.StatusOK, page.Status)
	assert.Equal(t, "text/html; charset=utf-8", page.Header.Get("Content-Type"))
	assert.Equal(t, "no-store", page.Header.Get("Cache-Control"))
	assert.Contains(t, page.Body, `id="sign-in-form"`)
	assert.Contains(t, page.Body, `value="&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"`, "login_hint fills the email field, escaped")
	assert.NotContains(t, page.Body, "<script>")
	action, err := url.Parse(page.action(t, srv))
	require.NoError(t, err)
	assert.Equal(t, "/user_management/authorize", action.Path)
	assert.Equal(t, "state-abc", action.Query().Get("state"), "the form carries the authorization request")
	assert.Equal(t, "http://app.test/callback", action.Query().Get("redirect_uri"))
	assert.Contains(t, page.match(otherScreenRE), "screen_hint=sign-up", "the page links to sign-up")
}

func TestSignInPage_RightPasswordRedirectsWithCodeAndStateForTheUser(t *testing.T) {
	t.Parallel()
	srv := workostest.NewServer(t)
	org := srv.CreateOrganization("Acme")
	ada := srv.CreateUser(workostest.NewUser{Email: "ada@example.com", Password: "correct horse"})
	srv.AddMembership(ada.ID, org.ID, workostest.StatusActive, "admin")

	page := openSignInPage(t, srv)
	done := browse(t, srv, page.action(t, srv), url.Values{"step": {"sign-in"}, "email": {" ADA@example.com "}, "password": {"correct horse"}})

	tokens := redeem(t, srv, done.redirect(t))
	assert.Equal(t, ada.ID, tokens.obj(t, "user")["id"])
	assert.Equal(t, "Password", tokens.Body["authentication_method"])
	assert.Equal(t, org.ID, tokens.Body["organization_id"], "a single membership is chosen without a picker")
	assert.Equal(t, "admin", fakeVerify(t, srv, tokens.str(t, "access_token"))["role"])
}

func TestSignInPage_WrongCredentialsShowTheFormAgainWithOneMessage(t *testing.T) {
	t.Parallel()
	srv := workostest.NewServer(t)
	srv.CreateUser(workostest.NewUser{Email: "ada@example.com", Password: "correct horse"})
	srv.CreateUser(workostest.NewUser{Email: "nopw@example.com"})
	for _, tc := range []struct{ name, email, password string }{
		{"wrong password", "ada@example.com", "wrong horse"},
		{"unknown email", "who@example.com", "correct horse"},
		{"user without a password", "nopw@example.com", ""},
		{"markup in the email", `<b>@example.com`, "x"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			page := openSignInPage(t, srv)
			again := browse(t, srv, page.action(t, srv), url.Values{"step": {"sign-in"}, "email": {tc.email}, "password": {tc.password}})

			assert.Equal(t, http.StatusUnauthorized, again.Status)
			assert.Empty(t, again.Header.Get("Location"))
			assert.Equal(t, "Incorrect email or password.", again.match(errorRE))
			assert.Contains(t, again.Body, `id="sign-in-form"`)
			assert.Contains(t, again.Body, `name="email" value="`+html.EscapeString(tc.email)+`"`, "the email is kept, escaped")
			assert.NotContains(t, again.Body, "<b>")
			assert.Equal(t, page.action(t, srv), again.action(t, srv), "the retry posts the same authorization request")
		})
	}
}

func TestSignInPage_SignUpCreatesAVerifiedUserWhoCanSignInAgain(t *testing.T) {
	t.Parallel()
	srv := workostest.NewServer(t)
	page := openSignInPage(t, srv, "screen_hint", "sign-up")
	require.Equal(t, http.StatusOK, page.Status)
	require.Contains(t, page.Body, `id="sign-up-form"`)

	done := browse(t, srv, page.action(t, srv), url.Values{"step": {"sign-up"}, "email": {"grace@example.com"},
		"password": {"hopper1906"}, "first_name": {"Grace"}, "last_name": {"Hopper"}})

	user := redeem(t, srv, done.redirect(t)).obj(t, "user")
	assert.Equal(t, "grace@example.com", user["email"])
	assert.Equal(t, "Grace", user["first_name"])
	assert.Equal(t, "Hopper", user["last_name"])
	assert.Equal(t, true, user["email_verified"])
	created := srv.Events()[0]
	require.Equal(t, "user.created", created.Event)
	var data map[string]any
	require.NoError(t, json.Unmarshal(created.Data, &data))
	assert.Equal(t, []any{user["id"], "Grace", "Hopper", true}, []any{data["id"], data["first_name"], data["last_name"], data["email_verified"]},
		"the event carries the user as signed up, names included")
	fakeExpect(t, 200, fakeAuth(t, srv, map[string]any{"grant_type": "password", "email": "grace@example.com", "password": "hopper1906"}))
}

func TestSignInPage_SignUpRefusesBadInputAndKeepsWhatWasTyped(t *testing.T) {
	t.Parallel()
	srv := workostest.NewServer(t)
	srv.CreateUser(workostest.NewUser{Email: "ada@example.com", Password: "correct horse"})
	for _, tc := range []struct{ name, email, password, want string }{
		{"invalid email", "not-an-email", "long enough", "Enter a valid email address."},
		{"short password", "new@example.com", "short", "Passwords need at least 8 characters."},
		{"taken email", "Ada@Example.com", "long enough", "An account with this email already exists. Sign in instead."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			page := openSignInPage(t, srv, "screen_hint", "sign-up")
			again := browse(t, srv, page.action(t, srv), url.Values{"step": {"sign-up"}, "email": {tc.email},
				"password": {tc.password}, "first_name": {"<i>Al</i>"}})

			assert.Equal(t, http.StatusUnprocessableEntity, again.Status)
			assert.Equal(t, tc.want, again.match(errorRE))
			assert.Contains(t, again.Body, `name="first_name" value="&lt;i&gt;Al&lt;/i&gt;"`)
			assert.Contains(t, again.Body, `id="sign-up-form"`)
		})
	}
	users := fakeExpect(t, 200, fakeAPI(t, srv, "GET", "/user_management/users", nil))
	assert.Len(t, users.Body["data"], 1, "no user was created")
}

func TestSignInPage_OrganizationPickerSignsIntoTheChosenOrganization(t *testing.T) {
	t.Parallel()
	srv := workostest.NewServer(t)
	acme := srv.CreateOrganization("Acme & <Sons>")
	globex := srv.CreateOrganization("Globex")
	other := srv.CreateOrganization("Initech")
	ada := srv.CreateUser(workostest.NewUser{Email: "ada@example.com", Password: "correct horse"})
	srv.AddMembership(ada.ID, acme.ID, workostest.StatusActive)
	srv.AddMembership(ada.ID, globex.ID, workostest.StatusActive, "admin")

	page := openSignInPage(t, srv)
	picker := browse(t, srv, page.action(t, srv), url.Values{"step": {"sign-in"}, "email": {"ada@example.com"}, "password": {"correct horse"}})
	require.Equal(t, http.StatusOK, picker.Status)
	assert.Contains(t, picker.Body, `id="organization-form"`)
	assert.Contains(t, picker.Body, `value="`+acme.ID+`">Acme &amp; &lt;Sons&gt;</button>`)
	assert.Contains(t, picker.Body, `value="`+globex.ID+`">Globex</button>`)
	assert.NotContains(t, picker.Body, other.ID)
	token := picker.match(pendingRE)
	require.NotEmpty(t, token)

	notMine := browse(t, srv, picker.action(t, srv), url.Values{"step": {"organization"}, "pending_authentication_token": {token}, "organization_id": {other.ID}})
	assert.Equal(t, http.StatusUnprocessableEntity, notMine.Status)
	assert.Equal(t, "Choose one of your organizations.", notMine.match(errorRE))
	assert.Equal(t, token, notMine.match(pendingRE), "the picker is shown again for the same sign-in")

	chosen := browse(t, srv, picker.action(t, srv), url.Values{"step": {"organization"}, "pending_authentication_token": {token}, "organization_id": {globex.ID}})
	tokens := redeem(t, srv, chosen.redirect(t))
	assert.Equal(t, globex.ID, tokens.Body["organization_id"])
	assert.Equal(t, "admin", fakeVerify(t, srv, tokens.str(t, "access_token"))["role"])

	replay := browse(t, srv, picker.action(t, srv), url.Values{"step": {"organization"}, "pending_authentication_token": {token}, "organization_id": {acme.ID}})
	assert.Equal(t, http.StatusBadRequest, replay.Status)
	assert.Equal(t, "This sign-in has expired. Sign in again.", replay.match(errorRE), "a picker choice works once")
	assert.Contains(t, replay.Body, `id="sign-in-form"`)
}

func TestSignInPage_OrganizationInTheRequestSkipsThePicker(t *testing.T) {
	t.Parallel()
	srv := workostest.NewServer(t)
	acme, globex := srv.CreateOrganization("Acme"), srv.CreateOrganization("Globex")
	ada := srv.CreateUser(workostest.NewUser{Email: "ada@example.com", Password: "correct horse"})
	srv.AddMembership(ada.ID, acme.ID, workostest.StatusActive)
	srv.AddMembership(ada.ID, globex.ID, workostest.StatusActive)

	page := openSignInPage(t, srv, "organization_id", acme.ID)
	done := browse(t, srv, page.action(t, srv), url.Values{"step": {"sign-in"}, "email": {"ada@example.com"}, "password": {"correct horse"}})
	assert.Equal(t, acme.ID, redeem(t, srv, done.redirect(t)).Body["organization_id"])
}

func TestSignInPage_FormPostsCheckTheAuthorizationRequestAgain(t *testing.T) {
	t.Parallel()
	srv := workostest.NewServer(t)
	srv.CreateUser(workostest.NewUser{Email: "ada@example.com", Password: "correct horse"})
	creds := url.Values{"step": {"sign-in"}, "email": {"ada@example.com"}, "password": {"correct horse"}}
	base := srv.URL() + "/user_management/authorize"

	badClient := browse(t, srv, base+fakeQuery("client_id", "client_other", "redirect_uri", "http://app.test/cb", "response_type", "code"), creds)
	assert.Equal(t, http.StatusBadRequest, badClient.Status)
	assert.JSONEq(t, `{"message":"Invalid client_id"}`, badClient.Body)

	badType := browse(t, srv, base+fakeQuery("client_id", srv.ClientID(), "redirect_uri", "http://app.test/cb", "response_type", "token", "state", "s1"), creds)
	loc := badType.redirect(t)
	assert.Equal(t, "unsupported_response_type", loc.Query().Get("error"))
	assert.Equal(t, "s1", loc.Query().Get("state"))

	page := openSignInPage(t, srv)
	unknown := browse(t, srv, page.action(t, srv), url.Values{"step": {"approve-everything"}})
	assert.Equal(t, http.StatusBadRequest, unknown.Status)
	assert.Equal(t, "The form was not one this page sends. Sign in again.", unknown.match(errorRE))
}

func TestSignInPage_PresetUserStillSkipsThePage(t *testing.T) {
	t.Parallel()
	srv := workostest.NewServer(t)
	ada := srv.CreateUser(workostest.NewUser{Email: "ada@example.com"})
	srv.SetAuthorizeUser(ada.ID)

	r := openSignInPage(t, srv)
	require.Equal(t, http.StatusFound, r.Status, "SetAuthorizeUser is the shortcut for tests without a browser")
	loc, err := url.Parse(r.Header.Get("Location"))
	require.NoError(t, err)
	assert.Equal(t, ada.ID, redeem(t, srv, loc).obj(t, "user")["id"])
}
