package workostest_test

import (
	"bytes"
	"io"
	"net/http"
	"testing"

	"github.com/kestrel-dev/workos/workostest"
)

// FuzzWriteEndpointsNeverFailOnABody posts arbitrary bytes, as JSON and as
// a form, to the endpoints that read a body: the fake must answer below
// 500 and never panic. The seeds run with go test; fuzz briefly with
// go test -fuzz FuzzWriteEndpointsNeverFailOnABody -fuzztime 20s ./workostest.
func FuzzWriteEndpointsNeverFailOnABody(f *testing.F) {
	for _, seed := range []string{"", "{", "null", "[]", `{"email":"a@example.com","password":"12345678"}`,
		`{"grant_type":"refresh_token","refresh_token":"x","client_id":"client_workostest"}`,
		`{"role_slugs":[],"metadata":{"k":null},"expires_in_days":1e99}`, "client_id=%zz"} {
		f.Add([]byte(seed), uint8(0))
	}
	srv := workostest.NewServer(f)
	org := srv.CreateOrganization("Acme")
	u := srv.CreateUser(workostest.NewUser{Email: "ada@example.com", Password: "correct horse"})
	m := srv.AddMembership(u.ID, org.ID, workostest.StatusActive)
	uid := "/user_management/users/" + u.ID
	targets := []struct{ method, path string }{
		{"POST", "/user_management/users"}, {"PUT", uid}, {"POST", "/user_management/authenticate"},
		{"POST", "/user_management/authorize/device"}, {"POST", "/user_management/organization_memberships"},
		{"PUT", "/user_management/organization_memberships/" + m}, {"POST", "/user_management/invitations"},
		{"POST", "/user_management/password_reset/confirm"}, {"POST", uid + "/email_change/send"},
		{"POST", uid + "/auth_factors"}, {"POST", uid + "/api_keys"}, {"PUT", "/user_management/jwt_template"},
		{"POST", "/user_management/sessions/revoke"}, {"POST", uid + "/connected_accounts/github"},
	}
	hc := srv.HTTPClient()
	f.Fuzz(func(t *testing.T, body []byte, pick uint8) {
		tg := targets[int(pick)%len(targets)]
		for _, ct := range []string{"application/json", "application/x-www-form-urlencoded"} {
			req, err := http.NewRequest(tg.method, srv.URL()+tg.path, bytes.NewReader(body))
			if err != nil {
				t.Fatal(err)
			}
			req.Header.Set("Content-Type", ct)
			req.Header.Set("Authorization", "Bearer "+srv.APIKey())
			resp, err := hc.Do(req)
			if err != nil {
				t.Fatalf("%s %s: %v", tg.method, tg.path, err)
			}
			raw, _ := io.ReadAll(resp.Body)
			_ = resp.Body.Close()
			if resp.StatusCode >= 500 {
				t.Fatalf("%s %s (%s) %q: status %d, body %s", tg.method, tg.path, ct, body, resp.StatusCode, raw)
			}
		}
	})
}
