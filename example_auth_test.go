package workos_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"net/url"

	"github.com/kestrel-dev/workos"
	"github.com/kestrel-dev/workos/workostest"
)

const exampleAuthResponse = `{
  "user": {"object": "user", "id": "user_01E4ZCR3C56J083X43JQXF3JK5", "email": "ada@example.com",
           "email_verified": true, "first_name": "Ada", "last_name": "Lovelace", "profile_picture_url": null,
           "external_id": null, "last_sign_in_at": "2025-01-02T03:04:05Z",
           "created_at": "2024-01-01T00:00:00Z", "updated_at": "2025-01-02T03:04:05Z"},
  "access_token": "eyJhbGciOiJSUzI1NiJ9.e30.c2ln",
  "refresh_token": "yAjhKk123NLIjdrBdGZPf8pLIDvK",
  "authentication_method": "Password"
}`

// exampleAuthAPI stands in for the WorkOS authenticate endpoint: a password
// sign-in first needs email verification, which the code 123456 completes;
// a PKCE exchange must come without secret or bearer token.
func exampleAuthAPI() *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var body map[string]string
		_ = json.NewDecoder(r.Body).Decode(&body)
		w.Header().Set("Content-Type", "application/json")
		switch {
		case body["grant_type"] == "password":
			w.WriteHeader(http.StatusForbidden)
			fmt.Fprint(w, `{"code":"email_verification_required","message":"Email ownership must be verified before authentication.",
				"pending_authentication_token":"pat_01HYGGEB","email":"ada@example.com","email_verification_id":"email_verification_01HYGGEB"}`)
		case body["grant_type"] == "urn:workos:oauth:grant-type:email-verification:code" &&
			body["pending_authentication_token"] == "pat_01HYGGEB" && body["code"] == "123456":
			fmt.Fprint(w, exampleAuthResponse)
		case body["grant_type"] == "authorization_code" && body["code_verifier"] != "" &&
			body["client_secret"] == "" && r.Header.Get("Authorization") == "":
			fmt.Fprint(w, exampleAuthResponse)
		default:
			w.WriteHeader(http.StatusBadRequest)
			fmt.Fprint(w, `{"error":"invalid_grant","error_description":"The request failed due to: invalid_grant."}`)
		}
	}))
}

// A password sign-in that WorkOS holds back until the user proves they own
// their email: the typed error carries the pending authentication token,
// which finishes the sign-in together with the emailed code.
func ExampleUserManagementService_AuthenticateWithPassword() {
	api := exampleAuthAPI()
	defer api.Close()
	client, err := workos.NewClient(workos.WithAPIKey("sk_test_123"), workos.WithClientID("client_123"), workos.WithBaseURL(api.URL))
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx := context.Background()

	res, err := client.UserManagement.AuthenticateWithPassword(ctx, workos.AuthenticateWithPasswordParams{
		Email: "ada@example.com", Password: "correct horse battery staple", IPAddress: "203.0.113.42",
	})
	var verify *workos.EmailVerificationRequiredError
	if errors.As(err, &verify) {
		fmt.Println("code sent to", verify.Email)
		// Keep verify.PendingAuthenticationToken server-side; when the user
		// types in the code from the email:
		res, err = client.UserManagement.AuthenticateWithEmailVerification(ctx, workos.AuthenticateWithEmailVerificationParams{
			Code: "123456", PendingAuthenticationToken: verify.PendingAuthenticationToken,
		})
	}
	if err != nil {
		fmt.Println("sign-in failed:", err)
		return
	}
	fmt.Println("signed in", res.User.ID, "with", res.AuthenticationMethod)
	// Output:
	// code sent to ada@example.com
	// signed in user_01E4ZCR3C56J083X43JQXF3JK5 with Password
}

// A public client (a CLI, a mobile or single-page app) signs in with PKCE:
// no API key anywhere, the verifier proves the exchange comes from the app
// that built the URL.
func ExampleUserManagementService_GetAuthorizationURLWithPKCE() {
	api := exampleAuthAPI()
	defer api.Close()
	client, err := workos.NewClient(workos.WithClientID("client_123"), workos.WithBaseURL(api.URL))
	if err != nil {
		fmt.Println(err)
		return
	}

	auth, err := client.UserManagement.GetAuthorizationURLWithPKCE(workos.GetAuthorizationURLParams{
		RedirectURI: "http://127.0.0.1:8484/callback", Provider: workos.AuthorizationProviderAuthKit,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	// Keep auth.CodeVerifier and auth.State, and open auth.URL in a browser.
	u, _ := url.Parse(auth.URL)
	q := u.Query()
	fmt.Println(u.Path, q.Get("provider"), q.Get("code_challenge_method"))
	fmt.Println("challenge matches verifier:", q.Get("code_challenge") == workos.CodeChallengeS256(auth.CodeVerifier))

	// The browser returns to the redirect URI with ?code=...&state=...;
	// check the state, then exchange the code with the verifier.
	callback := url.Values{"code": {"01E2RJ4C05B52KKZ8FSRDAP23J"}, "state": {auth.State}}
	if callback.Get("state") != auth.State {
		fmt.Println("state mismatch")
		return
	}
	res, err := client.UserManagement.AuthenticateWithCodePKCE(context.Background(), workos.AuthenticateWithCodePKCEParams{
		Code: callback.Get("code"), CodeVerifier: auth.CodeVerifier,
	})
	if err != nil {
		fmt.Println("sign-in failed:", err)
		return
	}
	fmt.Println("signed in", res.User.Email)
	// Output:
	// /user_management/authorize authkit S256
	// challenge matches verifier: true
	// signed in ada@example.com
}

// A user who belongs to several organizations must pick one before the
// sign-in completes: the typed error lists the choices and carries the
// pending authentication token that finishes the sign-in.
func ExampleOrganizationSelectionRequiredError() {
	srv := workostest.Start() // stands in for api.workos.com
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()
	ada := srv.CreateUser(workostest.NewUser{Email: "ada@example.com", Password: "correct horse", EmailVerified: true})
	for _, name := range []string{"Acme", "Globex"} {
		srv.AddMembership(ada.ID, srv.CreateOrganization(name).ID, workostest.StatusActive, "member")
	}

	_, err := client.UserManagement.AuthenticateWithPassword(ctx, workos.AuthenticateWithPasswordParams{
		Email: "ada@example.com", Password: "correct horse",
	})
	var pick *workos.OrganizationSelectionRequiredError
	if !errors.As(err, &pick) {
		log.Fatal(err)
	}
	choices := map[string]string{} // name -> ID, as a picker page would show them
	for _, o := range pick.Organizations {
		choices[o.Name] = o.ID
	}
	fmt.Println(len(choices), "organizations; the user picks Globex")

	res, err := client.UserManagement.AuthenticateWithOrganizationSelection(ctx, workos.AuthenticateWithOrganizationSelectionParams{
		PendingAuthenticationToken: pick.PendingAuthenticationToken,
		OrganizationID:             choices["Globex"],
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(res.User.Email, res.OrganizationID == choices["Globex"])

	// A wrong password is an *APIError with a code to compare.
	_, err = client.UserManagement.AuthenticateWithPassword(ctx, workos.AuthenticateWithPasswordParams{
		Email: "ada@example.com", Password: "wrong",
	})
	var apiErr *workos.APIError
	fmt.Println(errors.As(err, &apiErr) && apiErr.Code == workos.ErrorCodeInvalidCredentials)
	// Output:
	// 2 organizations; the user picks Globex
	// ada@example.com true
	// true
}
