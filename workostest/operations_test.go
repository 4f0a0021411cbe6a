package workostest_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/kestrel-dev/workos/workostest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fakeMail returns the newest email of kind sent to address.
func fakeMail(t *testing.T, srv *workostest.Server, address string, kind workostest.EmailKind) workostest.Email {
	t.Helper()
	in := srv.Inbox(address)
	for i := len(in) - 1; i >= 0; i-- {
		if in[i].Kind == kind {
			return in[i]
		}
	}
	t.Fatalf("no %s email to %s", kind, address)
	return workostest.Email{}
}

// TestEveryOperationAnswersItsSuccessStatus calls each of the 60 operations
// of the User Management API once with a valid request and checks the
// spec's success status and the basic shape of the reply.
func TestEveryOperationAnswersItsSuccessStatus(t *testing.T) {
	srv := workostest.NewServer(t)
	org := srv.CreateOrganization("Acme")
	u := srv.CreateUser(workostest.NewUser{Email: "ada@example.com", Password: "correct horse"})
	mID := srv.AddMembership(u.ID, org.ID, workostest.StatusActive)
	uid := "/user_management/users/" + u.ID

	type op struct {
		method, path string
		body         any
		status       int
		// object is the expected "object" field; "list" for envelopes,
		// "" to skip the check.
		object string
		noAuth bool
	}
	ops := []op{}
	add := func(o op) { ops = append(ops, o) }

	// Setup that later operations depend on is done as part of the table,
	// in order.
	add(op{"GET", "/sso/jwks/" + srv.ClientID(), nil, 200, "", true})
	add(op{"POST", "/user_management/authenticate", map[string]any{"client_id": srv.ClientID(), "client_secret": srv.APIKey(), "grant_type": "password", "email": u.Email, "password": "correct horse"}, 200, "", true})
	add(op{"GET", "/user_management/authorize" + fakeQuery("client_id", srv.ClientID(), "redirect_uri", "https://app.example/cb", "response_type", "code", "login_hint", u.Email), nil, 302, "", true})
	add(op{"POST", "/user_management/authorize/device", map[string]any{"client_id": srv.ClientID()}, 200, "", true})
	add(op{"GET", "/user_management/cors_origins", nil, 200, "list", false})
	add(op{"POST", "/user_management/cors_origins", map[string]any{"origin": "https://app.example"}, 201, "cors_origin", false})
	add(op{"POST", uid + "/email_verification/send", nil, 200, "", false})
	add(op{"GET", "/user_management/invitations", nil, 200, "list", false})
	add(op{"POST", "/user_management/invitations", map[string]any{"email": "inv@example.com", "organization_id": org.ID}, 201, "invitation", false})
	add(op{"GET", "/user_management/jwt_template", nil, 200, "jwt_template", false})
	add(op{"PUT", "/user_management/jwt_template", map[string]any{"content": `{"tier": "{{ organization.metadata.tier }}"}`}, 200, "jwt_template", false})
	add(op{"POST", "/user_management/magic_auth", map[string]any{"email": u.Email}, 201, "magic_auth", false})
	add(op{"GET", "/user_management/organization_memberships?user_id=" + u.ID, nil, 200, "list", false})
	add(op{"GET", "/user_management/organization_memberships/" + mID, nil, 200, "organization_membership", false})
	add(op{"PUT", "/user_management/organization_memberships/" + mID, map[string]any{"role_slug": "admin"}, 200, "organization_membership", false})
	add(op{"PUT", "/user_management/organization_memberships/" + mID + "/deactivate", nil, 200, "organization_membership", false})
	add(op{"PUT", "/user_management/organization_memberships/" + mID + "/reactivate", nil, 200, "organization_membership", false})
	add(op{"GET", "/user_management/organization_memberships/" + mID + "/groups", nil, 200, "list", false})
	add(op{"POST", "/user_management/password_reset", map[string]any{"email": u.Email}, 201, "password_reset", false})
	add(op{"POST", "/user_management/radar_challenges", map[string]any{"user_id": u.ID, "pending_authentication_token": srv.PendingAuthenticationToken(u.ID), "phone_number": "+15555550100"}, 201, "", false})
	add(op{"GET", "/user_management/redirect_uris", nil, 200, "list", false})
	add(op{"POST", "/user_management/redirect_uris", map[string]any{"uri": "https://app.example/cb"}, 201, "redirect_uri", false})
	add(op{"GET", "/user_management/users", nil, 200, "list", false})
	add(op{"POST", "/user_management/users", map[string]any{"email": "new@example.com", "external_id": "ext-9"}, 201, "user", false})
	add(op{"GET", "/user_management/users/external_id/ext-9", nil, 200, "user", false})
	add(op{"GET", uid, nil, 200, "user", false})
	add(op{"PUT", uid, map[string]any{"first_name": "Ada"}, 200, "user", false})
	add(op{"POST", uid + "/email_change/send", map[string]any{"new_email": "ada@new.example"}, 200, "email_change", false})
	add(op{"GET", uid + "/identities", nil, 200, "", false})
	add(op{"GET", uid + "/sessions", nil, 200, "list", false})
	add(op{"GET", uid + "/api_keys", nil, 200, "list", false})
	add(op{"POST", uid + "/api_keys", map[string]any{"name": "ci", "organization_id": org.ID}, 201, "api_key", false})
	add(op{"GET", uid + "/feature-flags", nil, 200, "list", false})
	add(op{"GET", uid + "/authorized_applications", nil, 200, "list", false})
	add(op{"DELETE", uid + "/authorized_applications/" + srv.AddAuthorizedApplication(u.ID, "CLI", "openid"), nil, 204, "", false})
	add(op{"POST", uid + "/connected_accounts/github?organization_id=" + org.ID, map[string]any{"access_token": "gho_x", "scopes": []string{"repo"}}, 201, "connected_account", false})
	add(op{"GET", uid + "/connected_accounts/github?organization_id=" + org.ID, nil, 200, "connected_account", false})
	add(op{"PUT", uid + "/connected_accounts/github?organization_id=" + org.ID, map[string]any{"state": "needs_reauthorization"}, 200, "connected_account", false})
	add(op{"DELETE", uid + "/connected_accounts/github?organization_id=" + org.ID, nil, 204, "", false})
	add(op{"GET", uid + "/data_providers", nil, 200, "list", false})
	add(op{"GET", uid + "/auth_factors", nil, 200, "list", false})
	add(op{"POST", uid + "/auth_factors", map[string]any{"type": "totp"}, 201, "", false})

	ids := map[string]string{}
	for _, o := range ops {
		t.Run(o.method+" "+strings.SplitN(o.path, "?", 2)[0], func(t *testing.T) {
			r := fakeCall(t, srv, o.method, o.path, o.body, !o.noAuth)
			require.Equalf(t, o.status, r.Status, "body %s", r.Raw)
			if o.object != "" {
				assert.Equal(t, o.object, r.Body["object"])
			}
			if o.object == "list" {
				assert.Contains(t, r.Body, "data")
			}
			if id, ok := r.Body["id"].(string); ok {
				ids[o.path] = id
			}
		})
	}

	// Operations that need IDs made above.
	inv := ids["/user_management/invitations"]
	tok := fakeExpect(t, 200, fakeAPI(t, srv, "GET", "/user_management/invitations/"+inv, nil)).str(t, "token")
	fakeExpect(t, 200, fakeAPI(t, srv, "GET", "/user_management/invitations/by_token/"+tok, nil))
	fakeExpect(t, 200, fakeAPI(t, srv, "POST", "/user_management/invitations/"+inv+"/resend", map[string]any{"locale": "en"}))
	fakeExpect(t, 200, fakeAPI(t, srv, "POST", "/user_management/invitations/"+inv+"/accept", nil))
	inv2 := fakeExpect(t, 201, fakeAPI(t, srv, "POST", "/user_management/invitations", map[string]any{"email": "inv2@example.com"})).str(t, "id")
	fakeExpect(t, 200, fakeAPI(t, srv, "POST", "/user_management/invitations/"+inv2+"/revoke", nil))
	fakeExpect(t, 200, fakeAPI(t, srv, "GET", "/user_management/magic_auth/"+ids["/user_management/magic_auth"], nil))
	pr := ids["/user_management/password_reset"]
	fakeExpect(t, 200, fakeAPI(t, srv, "GET", "/user_management/password_reset/"+pr, nil))
	ev := fakeMail(t, srv, u.Email, workostest.EmailVerification)
	reset := fakeMail(t, srv, u.Email, workostest.EmailPasswordReset)
	fakeExpect(t, 200, fakeAPI(t, srv, "GET", "/user_management/email_verification/"+ev.ObjectID, nil))
	fakeExpect(t, 200, fakeAPI(t, srv, "POST", uid+"/email_verification/confirm", map[string]any{"code": ev.Code}))
	fakeExpect(t, 200, fakeAPI(t, srv, "POST", "/user_management/password_reset/confirm", map[string]any{"token": reset.Token, "new_password": "brand new password"}))
	change := fakeMail(t, srv, "ada@new.example", workostest.EmailChange)
	fakeExpect(t, 200, fakeAPI(t, srv, "POST", uid+"/email_change/confirm", map[string]any{"code": change.Code}))
	radar := srv.CreateRadarChallenge(u.ID)
	fakeExpect(t, 200, fakeAPI(t, srv, "GET", "/user_management/radar_challenges/"+radar, nil))
	fakeExpect(t, 204, fakeAPI(t, srv, "DELETE", "/user_management/redirect_uris/"+ids["/user_management/redirect_uris"], nil))
	sid := srv.Sessions(u.ID)[0].ID
	fakeExpect(t, 200, fakeAPI(t, srv, "POST", "/user_management/sessions/revoke", map[string]any{"session_id": sid}))
	out := fakeCall(t, srv, "GET", "/user_management/sessions/logout?session_id="+sid, nil, false)
	assert.Equal(t, http.StatusFound, out.Status)
	fakeExpect(t, 201, fakeAPI(t, srv, "POST", "/user_management/organization_memberships",
		map[string]any{"user_id": ids["/user_management/users"], "organization_id": org.ID, "role_slug": "member"}))
	fakeExpect(t, 200, fakeAPI(t, srv, "DELETE", "/user_management/organization_memberships/"+mID, nil))
	fakeExpect(t, 200, fakeAPI(t, srv, "DELETE", uid, nil))
	// 42 table rows + 18 follow-ups = 60 operations (GET invitation and
	// accept/resend/revoke, by token, magic auth, password reset get and
	// confirm, email verification get and confirm, email change confirm,
	// radar get, redirect URI delete, revoke, logout, membership create and
	// delete, user delete).
	assert.Len(t, ops, 42)
}
