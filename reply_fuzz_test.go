package workos

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

// replyFuzzTransport answers every request with the same fuzzed reply.
type replyFuzzTransport struct {
	status int
	body   []byte
	header http.Header
}

func (rt replyFuzzTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body != nil {
		_, _ = io.Copy(io.Discard, req.Body)
		_ = req.Body.Close()
	}
	return &http.Response{
		StatusCode: rt.status,
		Status:     http.StatusText(rt.status),
		Header:     rt.header.Clone(),
		Body:       io.NopCloser(bytes.NewReader(rt.body)),
		Request:    req,
	}, nil
}

// replyFuzzAccessToken is an unsigned JWT whose claims decode, so a 2xx
// authenticate reply can reach the session sealing step.
const replyFuzzAccessToken = "eyJhbGciOiJSUzI1NiJ9.eyJzaWQiOiJzZXNzaW9uXzEiLCJvcmdfaWQiOiJvcmdfMSJ9.c2ln"

// FuzzServerReply feeds arbitrary status codes, bodies and Retry-After
// headers through the whole pipeline of a representative set of methods:
// a GET of a model, a list walked with All, an authenticate grant (whose
// challenge errors decode extra fields) with session sealing, the bare
// array of GetUserIdentities, and a delete. No reply may panic the SDK,
// and every non-2xx reply must come back as an error holding an *APIError
// with the reply's status.
func FuzzServerReply(f *testing.F) {
	seeds := []struct {
		status     int
		body       string
		retryAfter string
	}{
		{200, `{"object":"user","id":"user_1","email":"a@b.c","email_verified":true,"created_at":"2024-01-01T00:00:00Z","updated_at":"2024-01-01T00:00:00Z"}`, ""},
		{200, `{"object":"list","data":[{"id":"user_1"}],"list_metadata":{"before":null,"after":"user_1"}}`, ""},
		{200, `{"object":"list","data":[null,{}],"list_metadata":{"after":""}}`, ""},
		{200, `[{"idp_id":"1","type":"OAuth","provider":"GoogleOAuth"}]`, ""},
		{200, `{"user":{"id":"user_1"},"access_token":"` + replyFuzzAccessToken + `","refresh_token":"r"}`, ""},
		{200, `{"user":null,"access_token":"a.b.c","refresh_token":"r","impersonator":null,"oauth_tokens":null}`, ""},
		{200, `null`, ""},
		{200, ``, ""},
		{204, ``, ""},
		{400, `{"code":"mfa_challenge","pending_authentication_token":"pat","user":{"id":"user_1"},"authentication_factors":[{"id":"f","type":"totp","totp":null}]}`, ""},
		{400, `{"code":"mfa_enrollment","user":"nope"}`, ""},
		{400, `{"code":"organization_selection_required","organizations":[null]}`, ""},
		{400, `{"code":"organization_authentication_methods_required","auth_methods":{"password":"x"}}`, ""},
		{403, `{"code":"sso_required","connection_ids":[1]}`, ""},
		{400, `{"error":"expired_token","error_description":"gone"}`, ""},
		{422, `{"code":"invalid_request_parameters","errors":[{"field":"email","code":"required"},null]}`, ""},
		{429, `{"message":"slow"}`, "120"},
		{503, `<html>busy</html>`, "Wed, 21 Oct 2015 07:28:00 GMT"},
		{500, `{"code":[],"message":{}}`, "-1"},
		{302, ``, ""},
		{101, `x`, "1e9"},
	}
	for _, s := range seeds {
		f.Add(s.status, []byte(s.body), s.retryAfter)
	}
	f.Fuzz(func(t *testing.T, status int, body []byte, retryAfter string) {
		if status < 0 {
			status = -status
		}
		status = 100 + status%500
		header := http.Header{"Content-Type": {"application/json"}, "X-Request-Id": {"req_fuzz"}}
		if retryAfter != "" {
			header.Set("Retry-After", retryAfter)
		}
		c, err := NewClient(WithAPIKey("sk_test_fuzz"), WithClientID("client_fuzz"),
			WithBaseURL("https://api.workos.test"), WithMaxRetries(1), WithBackoff(0, 0),
			WithHTTPClient(&http.Client{Transport: replyFuzzTransport{status, body, header}}))
		if err != nil {
			t.Fatal(err)
		}
		// A Retry-After may ask for up to a minute; the fuzzer must not wait.
		c.sleep = func(ctx context.Context, _ time.Duration) error { return ctx.Err() }
		ctx := context.Background()
		um := c.UserManagement
		is2xx := status >= 200 && status <= 299

		check := func(name string, ok bool, err error) {
			t.Helper()
			if !is2xx {
				var apiErr *APIError
				if !errors.As(err, &apiErr) {
					t.Fatalf("%s: status %d gave %v (%T), want an *APIError", name, status, err, err)
				}
				if apiErr.StatusCode != status {
					t.Fatalf("%s: APIError.StatusCode = %d, want %d", name, apiErr.StatusCode, status)
				}
				if apiErr.Error() == "" {
					t.Fatalf("%s: empty error string", name)
				}
				return
			}
			if err == nil && !ok {
				t.Fatalf("%s: status %d: nil result with nil error", name, status)
			}
			if err != nil {
				var apiErr *APIError
				if errors.As(err, &apiErr) {
					t.Fatalf("%s: status %d gave an *APIError: %v", name, status, err)
				}
			}
		}

		u, err := um.GetUser(ctx, "user_1")
		check("GetUser", u != nil && u.LastResponse != nil && u.LastResponse.StatusCode == status, err)

		n := 0
		for _, err := range um.ListUsers(ctx, ListUsersParams{}).All() {
			n++
			if err != nil {
				check("ListUsers.All", false, err)
				break
			}
			if !is2xx {
				t.Fatalf("ListUsers.All: status %d yielded an item", status)
			}
			if n > 10_000 {
				t.Fatal("ListUsers.All: did not stop")
			}
		}

		res, err := um.AuthenticateWithPassword(ctx, AuthenticateWithPasswordParams{Email: "a@b.c", Password: "pw"},
			WithSealedSession(strings.Repeat("s", 32)))
		check("AuthenticateWithPassword", res != nil && res.SealedSession != "", err)
		if err != nil {
			// Every error message must stay free of the secrets sent.
			for _, secret := range []string{"sk_test_fuzz", "pw"} {
				if strings.Contains(err.Error(), `"`+secret+`"`) {
					t.Fatalf("error %q leaks %q", err, secret)
				}
			}
		}

		ids, err := um.GetUserIdentities(ctx, "user_1")
		check("GetUserIdentities", ids != nil, err)

		resp, err := um.DeleteUser(ctx, "user_1")
		check("DeleteUser", resp != nil && resp.StatusCode == status, err)

		dev, err := um.AuthenticateWithDeviceCode(ctx, AuthenticateWithDeviceCodeParams{DeviceCode: "dc"})
		check("AuthenticateWithDeviceCode", dev != nil, err)
	})
}
