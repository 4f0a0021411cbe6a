package e2e

import (
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/kestrel-dev/workos"
	"github.com/kestrel-dev/workos/workostest"
)

// TestBrowserSignsInThroughTheFakesSignInPage drives the fake's hosted page
// alone, with no app framework: a wrong password shows the error, the right
// one leads to the organization picker, and the choice lands on the app's
// callback with a code that redeems for the user in that organization.
func TestBrowserSignsInThroughTheFakesSignInPage(t *testing.T) {
	browser := newBrowser(t)
	srv := workostest.NewServer(t)
	acme, globex := srv.CreateOrganization("Acme"), srv.CreateOrganization("Globex")
	ada := srv.CreateUser(workostest.NewUser{Email: "ada@example.com", Password: "correct horse", EmailVerified: true})
	srv.AddMembership(ada.ID, acme.ID, workostest.StatusActive)
	srv.AddMembership(ada.ID, globex.ID, workostest.StatusActive, "admin")
	client := srv.Client()

	// The app's callback only shows what it was sent.
	app := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<p id="code">%s</p><p id="state">%s</p>`, html.EscapeString(r.URL.Query().Get("code")), html.EscapeString(r.URL.Query().Get("state")))
	}))
	t.Cleanup(app.Close)
	start, err := client.UserManagement.GetAuthorizationURLWithPKCE(workos.GetAuthorizationURLParams{
		Provider: workos.AuthorizationProviderAuthKit, RedirectURI: app.URL + "/callback", State: "state-42",
	})
	if err != nil {
		t.Fatal(err)
	}

	page := func(t *testing.T, steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(browser, steps...); err != nil {
			t.Fatalf("browser: %v", err)
		}
	}
	page(t,
		chromedp.Navigate(start.URL),
		chromedp.SendKeys(chromedp.CSS(`#sign-in-form input[name=email]`), "ada@example.com"),
		chromedp.SendKeys(chromedp.CSS(`#sign-in-form input[name=password]`), "wrong horse"),
		chromedp.Submit(chromedp.ID("sign-in-form")),
		chromedp.WaitVisible(chromedp.ID("error")),
	)
	errText := text(t, browser, chromedp.ID("error"))
	page(t,
		chromedp.SendKeys(chromedp.CSS(`#sign-in-form input[name=password]`), "correct horse"),
		chromedp.Submit(chromedp.ID("sign-in-form")),
		chromedp.WaitVisible(chromedp.ID("organization-form")),
	)
	picker := text(t, browser, chromedp.ID("organization-form"))
	page(t,
		chromedp.Click(chromedp.CSS(`button[value="`+globex.ID+`"]`)),
		chromedp.WaitVisible(chromedp.ID("code")),
	)
	code, state := text(t, browser, chromedp.ID("code")), text(t, browser, chromedp.ID("state"))
	if errText != "Incorrect email or password." {
		t.Errorf("error after a wrong password = %q", errText)
	}
	if !strings.Contains(picker, "Acme") || !strings.Contains(picker, "Globex") {
		t.Errorf("organization picker = %q, want both organizations", picker)
	}
	if state != "state-42" {
		t.Errorf("state = %q, want state-42", state)
	}
	res, err := client.UserManagement.AuthenticateWithCode(t.Context(), workos.AuthenticateWithCodeParams{Code: code, CodeVerifier: start.CodeVerifier})
	if err != nil {
		t.Fatalf("redeeming the code from the browser: %v", err)
	}
	if res.User.ID != ada.ID || res.OrganizationID != globex.ID {
		t.Errorf("signed in user %s in %s, want %s in %s", res.User.ID, res.OrganizationID, ada.ID, globex.ID)
	}
}
