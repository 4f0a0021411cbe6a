package workostest_test

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/kestrel-dev/workos/workostest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestOddInputIsAnsweredWithA4xxJSONError sends malformed bodies, wrong
// types, out-of-range pagination and unknown IDs to the fake: each must be
// refused with a 4xx and a JSON error body, never a panic or a 5xx.
func TestOddInputIsAnsweredWithA4xxJSONError(t *testing.T) {
	srv := workostest.NewServer(t)
	org := srv.CreateOrganization("Acme")
	u := srv.CreateUser(workostest.NewUser{Email: "ada@example.com", Password: "correct horse"})
	mID := srv.AddMembership(u.ID, org.ID, workostest.StatusActive)
	uid := "/user_management/users/" + u.ID
	const unknownUser = "/user_management/users/user_01NOSUCHUSER0000000000000"

	bodies := []string{"", "{", "[]", `"text"`, `{"email": 5, "code": 6, "organization_id": [], "role_slug": {}, "role_slugs": "admin", "metadata": "x", "scopes": "repo", "state": 7}`, "\x00\xff"}
	writes := []struct{ method, path string }{
		{"POST", "/user_management/users"},
		{"PUT", uid},
		{"POST", "/user_management/authenticate"},
		{"POST", "/user_management/authorize/device"},
		{"POST", "/user_management/organization_memberships"},
		{"PUT", "/user_management/organization_memberships/" + mID},
		{"POST", "/user_management/invitations"},
		{"POST", "/user_management/magic_auth"},
		{"POST", "/user_management/password_reset"},
		{"POST", "/user_management/password_reset/confirm"},
		{"POST", uid + "/email_verification/confirm"},
		{"POST", uid + "/email_change/send"},
		{"POST", uid + "/email_change/confirm"},
		{"POST", uid + "/auth_factors"},
		{"POST", uid + "/api_keys"},
		{"POST", uid + "/connected_accounts/github"},
		{"PUT", uid + "/connected_accounts/github"},
		{"POST", "/user_management/cors_origins"},
		{"POST", "/user_management/redirect_uris"},
		{"PUT", "/user_management/jwt_template"},
		{"POST", "/user_management/radar_challenges"},
		{"POST", "/user_management/sessions/revoke"},
	}
	type call struct{ method, path, body string }
	var calls []call
	for _, wr := range writes {
		for _, b := range bodies {
			calls = append(calls, call{wr.method, wr.path, b})
		}
	}
	for _, list := range []string{"/user_management/users", uid + "/sessions", "/user_management/invitations",
		"/user_management/organization_memberships?user_id=" + u.ID + "&", "/user_management/cors_origins"} {
		sep := "?"
		if strings.HasSuffix(list, "&") {
			sep = ""
		}
		for _, q := range []string{"limit=0", "limit=101", "limit=99999999999999999999", "limit=-1", "limit=ten",
			"order=sideways", "after=nope", "before=user_01", "after=" + strings.Repeat("Z", 4000), "before=a&after=b"} {
			calls = append(calls, call{"GET", list + sep + q, ""})
		}
	}
	for _, p := range []string{unknownUser, unknownUser + "/sessions", unknownUser + "/identities", unknownUser + "/auth_factors",
		unknownUser + "/api_keys", unknownUser + "/feature-flags", unknownUser + "/authorized_applications",
		unknownUser + "/data_providers", unknownUser + "/connected_accounts/github", uid + "/connected_accounts/gitlab",
		"/user_management/users/external_id/nobody", "/user_management/organization_memberships/om_01NOSUCH",
		"/user_management/organization_memberships/om_01NOSUCH/groups", "/user_management/invitations/invitation_01NOSUCH",
		"/user_management/invitations/by_token/nope", "/user_management/magic_auth/x", "/user_management/password_reset/x",
		"/user_management/email_verification/x", "/user_management/radar_challenges/x", "/sso/jwks/client_other",
		"/user_management/users/%2e%2e", "/user_management/nothing/here"} {
		calls = append(calls, call{"GET", p, ""})
	}
	for _, p := range []string{unknownUser, unknownUser + "/authorized_applications/app_x", uid + "/authorized_applications/app_x",
		"/user_management/redirect_uris/x", "/user_management/organization_memberships/x"} {
		calls = append(calls, call{"DELETE", p, ""})
	}
	for _, p := range []string{"/user_management/invitations/x/accept", "/user_management/invitations/x/resend",
		"/user_management/invitations/x/revoke", unknownUser + "/email_verification/send"} {
		calls = append(calls, call{"POST", p, "{}"})
	}
	calls = append(calls,
		call{"PUT", "/user_management/organization_memberships/x/deactivate", ""},
		call{"GET", "/user_management/sessions/logout", ""},
		call{"GET", "/user_management/sessions/logout?session_id=x&return_to=%25", ""},
		call{"GET", "/user_management/authorize?client_id=" + srv.ClientID() + "&redirect_uri=%25", ""},
	)

	// Form-encoded bodies, which authenticate and device authorization
	// also take.
	type formCall struct{ path, body string }
	var forms []formCall
	for _, b := range []string{"%zz", "client_id=a&client_id=b&grant_type=&&&", "client_id=client_other", ""} {
		forms = append(forms, formCall{"/user_management/authenticate", b}, formCall{"/user_management/authorize/device", b})
	}
	forms = append(forms, formCall{"/user_management/authenticate", "client_id=" + srv.ClientID() + "&grant_type=password"})

	hc := srv.HTTPClient()
	for _, f := range forms {
		resp, err := hc.Post(srv.URL()+f.path, "application/x-www-form-urlencoded", strings.NewReader(f.body))
		require.NoError(t, err)
		raw, err := io.ReadAll(resp.Body)
		_ = resp.Body.Close()
		require.NoError(t, err)
		assert.Truef(t, resp.StatusCode >= 400 && resp.StatusCode < 500 && json.Valid(raw), "form POST %s %q: status %d, body %s", f.path, f.body, resp.StatusCode, raw)
	}
	for _, c := range calls {
		req, err := http.NewRequest(c.method, srv.URL()+c.path, strings.NewReader(c.body))
		require.NoError(t, err)
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+srv.APIKey())
		resp, err := hc.Do(req)
		require.NoErrorf(t, err, "%s %s %q", c.method, c.path, c.body)
		raw, err := io.ReadAll(resp.Body)
		_ = resp.Body.Close()
		require.NoError(t, err)
		if assert.Truef(t, resp.StatusCode >= 400 && resp.StatusCode < 500, "%s %s %q: status %d, body %s", c.method, c.path, c.body, resp.StatusCode, raw) {
			assert.Truef(t, json.Valid(raw), "%s %s %q: body is not JSON: %s", c.method, c.path, c.body, raw)
		}
	}
}
