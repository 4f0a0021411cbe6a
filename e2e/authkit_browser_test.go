package e2e

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/kestrel-dev/workos/authkit"
)

// TestBrowserStaysSignedInThroughExpirySwitchesOrganizationAndSignsOut is
// the whole life of a session in a real browser: sign in through the fake's
// hosted page (with its organization picker), land on the protected page,
// let the access token expire and reload (still signed in, the cookie
// rotated by a refresh), switch organization, sign out with the POST form,
// and find the protected page sending the browser to sign-in again.
func TestBrowserStaysSignedInThroughExpirySwitchesOrganizationAndSignsOut(t *testing.T) {
	browser := newBrowser(t)
	a := startApp(t, serveMux)
	do := func(steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(browser, steps...); err != nil {
			t.Fatalf("browser at %s: %v", location(browser), err)
		}
	}

	// A protected page sends a signed-out browser to AuthKit's page.
	do(chromedp.Navigate(a.url+"/account"),
		chromedp.WaitVisible(chromedp.ID("sign-in-form")),
		chromedp.SendKeys(chromedp.CSS(`#sign-in-form input[name=email]`), "ada@example.com"),
		chromedp.SendKeys(chromedp.CSS(`#sign-in-form input[name=password]`), "correct horse"),
		chromedp.Submit(chromedp.ID("sign-in-form")),
		chromedp.WaitVisible(chromedp.ID("organization-form")),
		chromedp.Click(chromedp.CSS(`#organization-form button[value="`+a.acme.ID+`"]`)),
		chromedp.WaitVisible(chromedp.ID("email")),
	)
	if got := location(browser); got != a.url+"/account" {
		t.Errorf("after sign-in the browser is at %s, want the page it asked for, %s/account", got, a.url)
	}
	wantText(t, browser, "email", "ada@example.com")
	wantText(t, browser, "user", a.ada.ID)
	wantText(t, browser, "org", a.acme.ID)
	wantText(t, browser, "role", "admin")
	sessionID := text(t, browser, chromedp.ID("session"))
	before := sessionCookie(t, browser, a.url)

	// Past the access token's lifetime, a reload refreshes the session.
	refreshes := a.srv.CountRequests("POST", "/user_management/authenticate")
	a.srv.Advance(10 * time.Minute)
	do(chromedp.Reload(), chromedp.WaitVisible(chromedp.ID("email")))
	wantText(t, browser, "email", "ada@example.com")
	wantText(t, browser, "session", sessionID)
	wantText(t, browser, "org", a.acme.ID)
	if after := sessionCookie(t, browser, a.url); after == before {
		t.Error("the session cookie was not rotated by the refresh")
	}
	if n := a.srv.CountRequests("POST", "/user_management/authenticate") - refreshes; n != 1 {
		t.Errorf("the reload made %d authenticate (refresh) requests, want 1", n)
	}

	// Switching organization refreshes into it.
	do(chromedp.Click(chromedp.CSS(`#switch button[value="`+a.globex.ID+`"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#org[data-id="`+a.globex.ID+`"]`)),
	)
	wantText(t, browser, "role", "member")
	wantText(t, browser, "session", sessionID)

	// Signing out ends the session at WorkOS and in the browser.
	do(chromedp.Click(chromedp.ID("sign-out")), chromedp.WaitVisible(chromedp.ID("signed-out")))
	if c := sessionCookie(t, browser, a.url); c != "" {
		t.Error("a session cookie is left after sign-out")
	}
	for _, s := range a.srv.Sessions(a.ada.ID) {
		if s.Active {
			t.Errorf("session %s is still active at WorkOS after sign-out", s.ID)
		}
	}
	do(chromedp.Navigate(a.url+"/account"), chromedp.WaitVisible(chromedp.ID("sign-in-form")))
	if got, _ := url.Parse(location(browser)); got == nil || got.Path != "/user_management/authorize" {
		t.Errorf("the protected page after sign-out led to %s, want the sign-in page", location(browser))
	}
}

// location returns the browser's current URL, or "" when it cannot be read.
func location(browser context.Context) string {
	u, _ := chromedp.Run(browser, chromedp.Location())
	return u
}

// wantText checks the text of the element with id.
func wantText(t *testing.T, browser context.Context, id, want string) {
	t.Helper()
	if got := text(t, browser, chromedp.ID(id)); got != want {
		t.Errorf("#%s = %q, want %q", id, got, want)
	}
}

// sessionCookie returns the session cookie the browser holds for the app,
// its chunks joined, or "" when it holds none.
func sessionCookie(t *testing.T, browser context.Context, appURL string) string {
	t.Helper()
	res, err := chromedp.Call(browser, network.GetCookies, network.GetCookiesParams{URLs: []string{appURL}})
	if err != nil {
		t.Fatalf("reading the browser's cookies: %v", err)
	}
	var b strings.Builder
	for _, c := range res.Cookies {
		if c.Name == authkit.DefaultCookieName || strings.HasPrefix(c.Name, authkit.DefaultCookieName+".") {
			b.WriteString(c.Name + "=" + c.Value + ";")
		}
	}
	return b.String()
}
