package workostest

import (
	"bytes"
	"html/template"
	"maps"
	"net/http"
	"net/url"
	"strings"
)

// The hosted sign-in page. GET /user_management/authorize with
// provider=authkit and no user picked in advance (no SetAuthorizeUser, no
// login_hint naming a user) answers with an HTML page instead of a
// redirect, so a person in a real browser, or a browser test, can sign in
// as any seeded user:
//
//   - a sign-in form (email and password), or a sign-up form with
//     screen_hint=sign-up (names, email, password), with a link between them;
//   - after the password, an organization picker when the user is an active
//     member of several organizations and the request named none;
//   - then a redirect to redirect_uri with code and state, as AuthKit does.
//
// The forms post back to the same URL, so the authorization request's
// query travels with them and is checked again. Every value shown is
// escaped by html/template; the page needs no JavaScript.

// signInPage is what the page template shows. Callers set the values a
// form shows again (and Error); renderSignInPage fills the rest.
type signInPage struct {
	Error                      string // shown above the form, when set
	Email, FirstName, LastName string // what was typed, or login_hint
	// Orgs lists {id, name} for the organization picker; when set, the
	// page is the picker for the sign-in behind PendingToken.
	Orgs         []map[string]string
	PendingToken string

	Title    string
	SignUp   bool   // the sign-up form (screen_hint=sign-up)
	ClientID string // named on the page, so testers see which app asked
	// Action is the URL the forms post to; OtherScreen links sign-in and
	// sign-up to each other. Both carry the authorization request.
	Action, OtherScreen string
}

// Steps of the page's forms, sent as the "step" field.
const (
	stepSignIn       = "sign-in"
	stepSignUp       = "sign-up"
	stepOrganization = "organization"
)

var signInTemplate = template.Must(template.New("signin").Parse(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>{{.Title}} · workostest</title>
<style>
body{font-family:system-ui,sans-serif;max-width:24rem;margin:3rem auto;padding:0 1rem;color:#222}
label,input,button{display:block;width:100%;box-sizing:border-box;margin:.35rem 0}
input,button{padding:.5rem;font-size:1rem}
.error{color:#a00;font-weight:600}
.note{color:#666;font-size:.85rem}
</style>
</head>
<body>
<h1>{{.Title}}</h1>
<p class="note">workostest: a fake AuthKit page for test users of {{.ClientID}}. Never enter a real password here.</p>
{{with .Error}}<p class="error" id="error" role="alert">{{.}}</p>{{end}}
{{- if .Orgs}}
<form method="post" action="{{.Action}}" id="organization-form">
<input type="hidden" name="step" value="organization">
<input type="hidden" name="pending_authentication_token" value="{{.PendingToken}}">
{{range .Orgs}}<button type="submit" name="organization_id" value="{{.id}}">{{.name}}</button>
{{end}}</form>
{{- else if .SignUp}}
<form method="post" action="{{.Action}}" id="sign-up-form">
<input type="hidden" name="step" value="sign-up">
<label>First name <input name="first_name" value="{{.FirstName}}" autocomplete="given-name"></label>
<label>Last name <input name="last_name" value="{{.LastName}}" autocomplete="family-name"></label>
<label>Email <input type="email" name="email" value="{{.Email}}" required autocomplete="email"></label>
<label>Password <input type="password" name="password" required minlength="8" autocomplete="new-password"></label>
<button type="submit">Create account</button>
</form>
<p><a id="other-screen" href="{{.OtherScreen}}">Already have an account? Sign in</a></p>
{{- else}}
<form method="post" action="{{.Action}}" id="sign-in-form">
<input type="hidden" name="step" value="sign-in">
<label>Email <input type="email" name="email" value="{{.Email}}" required autocomplete="username"></label>
<label>Password <input type="password" name="password" required autocomplete="current-password"></label>
<button type="submit">Sign in</button>
</form>
<p><a id="other-screen" href="{{.OtherScreen}}">No account? Sign up</a></p>
{{- end}}
</body>
</html>
`))

// renderSignInPage sends the page for the authorization request q with the
// given status: the organization picker when p.Orgs is set, else the
// sign-up form with screen_hint=sign-up, else the sign-in form.
func (s *Server) renderSignInPage(w http.ResponseWriter, status int, q url.Values, p signInPage) {
	const path = "/user_management/authorize?"
	p.SignUp = q.Get("screen_hint") == "sign-up"
	p.ClientID = s.cfg.clientID
	p.Action = path + q.Encode()
	other := maps.Clone(q) // Set and Del replace whole entries, so q is untouched
	switch {
	case p.Orgs != nil:
		p.Title = "Choose an organization"
	case p.SignUp:
		p.Title = "Create an account"
		other.Del("screen_hint")
	default:
		p.Title = "Sign in"
		other.Set("screen_hint", "sign-up")
	}
	p.OtherScreen = path + other.Encode()
	var buf bytes.Buffer
	if err := signInTemplate.Execute(&buf, p); err != nil {
		http.Error(w, "workostest: rendering the sign-in page failed", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// handleSignInForm answers a post of one of the page's forms for the
// authorization request q. finish issues the code and redirects (or sends
// an OAuth error to redirect_uri); callers hold s.mu.
func (s *Server) handleSignInForm(w http.ResponseWriter, r *http.Request, q url.Values, finish func(*userRec, string)) {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		s.renderSignInPage(w, http.StatusBadRequest, q, signInPage{Error: "The form could not be read. Try again."})
		return
	}
	f := r.PostForm
	switch f.Get("step") {
	case stepSignIn:
		s.signInForm(w, q, f, finish)
	case stepSignUp:
		s.signUpForm(w, q, f, finish)
	case stepOrganization:
		s.organizationForm(w, q, f, finish)
	default:
		s.renderSignInPage(w, http.StatusBadRequest, q, signInPage{Error: "The form was not one this page sends. Sign in again."})
	}
}

// signInForm checks the email and password. A wrong pair shows the form
// again with one message for both cases, so the page does not reveal which
// addresses have accounts.
func (s *Server) signInForm(w http.ResponseWriter, q, f url.Values, finish func(*userRec, string)) {
	email := strings.TrimSpace(f.Get("email"))
	u := s.userByEmail(email)
	if u == nil || !u.checkPassword(f.Get("password")) {
		s.renderSignInPage(w, http.StatusUnauthorized, q, signInPage{Email: email, Error: "Incorrect email or password."})
		return
	}
	s.pickOrganization(w, q, u, finish)
}

// signUpForm creates the user with hostedSignUp, sets the password, and
// signs them in.
func (s *Server) signUpForm(w http.ResponseWriter, q, f url.Values, finish func(*userRec, string)) {
	email, pw := strings.TrimSpace(f.Get("email")), f.Get("password")
	p := signInPage{Email: email, FirstName: strings.TrimSpace(f.Get("first_name")), LastName: strings.TrimSpace(f.Get("last_name"))}
	switch {
	case !validEmail(email):
		p.Error = "Enter a valid email address."
	case len(pw) < 8:
		p.Error = "Passwords need at least 8 characters."
	case s.userByEmail(email) != nil:
		p.Error = "An account with this email already exists. Sign in instead."
	}
	if p.Error != "" {
		s.renderSignInPage(w, http.StatusUnprocessableEntity, q, p)
		return
	}
	u := s.hostedSignUp(email, p.FirstName, p.LastName)
	u.setPassword(pw)
	s.pickOrganization(w, q, u, finish)
}

// pickOrganization finishes a sign-in whose password was right: it shows
// the organization picker when the request named no organization and the
// user is an active member of several, and otherwise redirects with a code
// (a single membership is chosen when the code is redeemed).
func (s *Server) pickOrganization(w http.ResponseWriter, q url.Values, u *userRec, finish func(*userRec, string)) {
	orgID := q.Get("organization_id")
	if ms := s.activeMemberships(u.id); orgID == "" && len(ms) > 1 {
		token := s.newPending(u, signIn{method: "Password"})
		s.renderSignInPage(w, http.StatusOK, q, signInPage{Orgs: s.orgSummaries(ms), PendingToken: token})
		return
	}
	finish(u, orgID)
}

// organizationForm takes the picker's choice. The pending token ties it to
// the password checked before; it works once and expires like the API's.
func (s *Server) organizationForm(w http.ResponseWriter, q, f url.Values, finish func(*userRec, string)) {
	p := s.st.pending[f.Get("pending_authentication_token")]
	var u *userRec
	if p != nil && s.now().Before(p.expiresAt) {
		u = s.st.users[p.userID]
	}
	if u == nil {
		s.renderSignInPage(w, http.StatusBadRequest, q, signInPage{Error: "This sign-in has expired. Sign in again."})
		return
	}
	orgID := f.Get("organization_id")
	if !s.isActiveMember(u.id, orgID) {
		s.renderSignInPage(w, http.StatusUnprocessableEntity, q, signInPage{
			Orgs: s.orgSummaries(s.activeMemberships(u.id)), PendingToken: p.token, Error: "Choose one of your organizations.",
		})
		return
	}
	delete(s.st.pending, p.token)
	finish(u, orgID)
}

// redirectStatus is 303 See Other after a form post, so the browser follows
// with a GET, and 302 Found otherwise.
func redirectStatus(r *http.Request) int {
	if r.Method == http.MethodPost {
		return http.StatusSeeOther
	}
	return http.StatusFound
}
