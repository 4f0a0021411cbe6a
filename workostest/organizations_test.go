package workostest_test

import (
	"testing"
	"time"

	"github.com/kestrel-dev/workos/workostest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMembershipsRolesStatusesAndFilters(t *testing.T) {
	t.Parallel()
	srv := workostest.NewServer(t)
	org := srv.CreateOrganization("Acme")
	ada := fakeSignUp(t, srv, "ada@example.com", true)
	bob := fakeSignUp(t, srv, "bob@example.com", true)
	srv.CreateOrganizationRole(org.ID, "billing", "Billing")
	srv.SetRolePermissions("owner", "org:manage")

	m := fakeExpect(t, 201, fakeAPI(t, srv, "POST", "/user_management/organization_memberships",
		map[string]any{"user_id": ada, "organization_id": org.ID, "role_slugs": []string{"admin", "billing"}}))
	assert.Equal(t, "organization_membership", m.Body["object"])
	assert.Equal(t, "active", m.Body["status"])
	assert.Equal(t, "Acme", m.Body["organization_name"])
	assert.Equal(t, false, m.Body["directory_managed"])
	assert.Equal(t, map[string]any{"slug": "admin"}, m.Body["role"])
	assert.Equal(t, []any{map[string]any{"slug": "admin"}, map[string]any{"slug": "billing"}}, m.Body["roles"])
	assert.Equal(t, ada, m.obj(t, "user")["id"])
	mID := m.str(t, "id")

	both := fakeExpect(t, 422, fakeAPI(t, srv, "POST", "/user_management/organization_memberships",
		map[string]any{"user_id": bob, "organization_id": org.ID, "role_slug": "a", "role_slugs": []string{"b"}}))
	assert.Equal(t, "invalid_request_parameters", both.Body["code"])
	fakeExpect(t, 404, fakeAPI(t, srv, "POST", "/user_management/organization_memberships",
		map[string]any{"user_id": bob, "organization_id": "org_01AAAAAAAAAAAAAAAAAAAAAAAA"}))
	bobM := fakeExpect(t, 201, fakeAPI(t, srv, "POST", "/user_management/organization_memberships",
		map[string]any{"user_id": bob, "organization_id": org.ID}))
	assert.Equal(t, map[string]any{"slug": "member"}, bobM.Body["role"], "member is the default role")

	up := fakeExpect(t, 200, fakeAPI(t, srv, "PUT", "/user_management/organization_memberships/"+mID, map[string]any{"role_slug": "owner"}))
	assert.Equal(t, []any{map[string]any{"slug": "owner"}}, up.Body["roles"])

	de := fakeExpect(t, 200, fakeAPI(t, srv, "PUT", "/user_management/organization_memberships/"+mID+"/deactivate", nil))
	assert.Equal(t, "inactive", de.Body["status"])

	list := func(q ...string) []string {
		r := fakeExpect(t, 200, fakeAPI(t, srv, "GET", "/user_management/organization_memberships"+fakeQuery(q...), nil))
		var ids []string
		for _, d := range r.Body["data"].([]any) {
			ids = append(ids, d.(map[string]any)["user_id"].(string))
		}
		return ids
	}
	assert.Equal(t, []string{bob}, list("organization_id", org.ID), "only active memberships by default")
	assert.Equal(t, []string{bob, ada}, list("organization_id", org.ID, "statuses", "active,inactive"))
	assert.Equal(t, []string{ada}, list("user_id", ada, "statuses", "inactive"))
	missing := fakeExpect(t, 400, fakeAPI(t, srv, "GET", "/user_management/organization_memberships", nil))
	assert.Equal(t, "missing_user_id_or_organization_id", missing.Body["code"])

	re := fakeExpect(t, 200, fakeAPI(t, srv, "PUT", "/user_management/organization_memberships/"+mID+"/reactivate", nil))
	assert.Equal(t, "active", re.Body["status"])

	pendingUser := srv.CreateUser(workostest.NewUser{Email: "pat@example.com"})
	pendingID := srv.AddMembership(pendingUser.ID, org.ID, workostest.StatusPending)
	r := fakeExpect(t, 400, fakeAPI(t, srv, "PUT", "/user_management/organization_memberships/"+pendingID+"/deactivate", nil))
	assert.Equal(t, "cannot_deactivate_pending_organization_membership", r.Body["code"])
	r = fakeExpect(t, 400, fakeAPI(t, srv, "PUT", "/user_management/organization_memberships/"+pendingID+"/reactivate", nil))
	assert.Equal(t, "cannot_reactivate_pending_organization_membership", r.Body["code"])

	fakeExpect(t, 200, fakeAPI(t, srv, "DELETE", "/user_management/organization_memberships/"+mID, nil))
	gone := fakeExpect(t, 404, fakeAPI(t, srv, "GET", "/user_management/organization_memberships/"+mID, nil))
	assert.Equal(t, map[string]any{"message": "Organization membership not found"}, gone.Body)
}

func TestInvitationSendAcceptRevokeResend(t *testing.T) {
	t.Parallel()
	srv := workostest.NewServer(t)
	org := srv.CreateOrganization("Acme")
	inviter := srv.CreateUser(workostest.NewUser{Email: "boss@example.com"})

	inv := fakeExpect(t, 201, fakeAPI(t, srv, "POST", "/user_management/invitations", map[string]any{
		"email": "new@example.com", "organization_id": org.ID, "role_slug": "admin", "inviter_user_id": inviter.ID, "expires_in_days": 3,
	}))
	assert.Equal(t, "invitation", inv.Body["object"])
	assert.Equal(t, "pending", inv.Body["state"])
	assert.Nil(t, inv.Body["accepted_at"])
	assert.Nil(t, inv.Body["accepted_user_id"])
	assert.Equal(t, "admin", inv.Body["role_slug"])
	mail, ok := srv.LastEmail("new@example.com")
	require.True(t, ok)
	assert.Equal(t, workostest.EmailInvitation, mail.Kind)
	assert.Equal(t, inv.Body["token"], mail.Token)
	assert.Equal(t, inv.Body["accept_invitation_url"], mail.URL)

	dup := fakeExpect(t, 400, fakeAPI(t, srv, "POST", "/user_management/invitations", map[string]any{"email": "new@example.com", "organization_id": org.ID}))
	assert.Equal(t, "email_already_invited_to_organization", dup.Body["code"])

	byToken := fakeExpect(t, 200, fakeAPI(t, srv, "GET", "/user_management/invitations/by_token/"+mail.Token, nil))
	assert.Equal(t, inv.Body["id"], byToken.Body["id"])

	id := inv.str(t, "id")
	resent := fakeExpect(t, 200, fakeAPI(t, srv, "POST", "/user_management/invitations/"+id+"/resend", map[string]any{}))
	assert.Equal(t, "pending", resent.Body["state"])
	assert.Len(t, srv.Inbox("new@example.com"), 2)

	acc := fakeExpect(t, 200, fakeAPI(t, srv, "POST", "/user_management/invitations/"+id+"/accept", nil))
	assert.Equal(t, "accepted", acc.Body["state"])
	assert.NotNil(t, acc.Body["accepted_at"])
	newUser := acc.str(t, "accepted_user_id")
	ms := fakeExpect(t, 200, fakeAPI(t, srv, "GET", "/user_management/organization_memberships"+fakeQuery("user_id", newUser), nil))
	data := ms.Body["data"].([]any)
	require.Len(t, data, 1)
	assert.Equal(t, map[string]any{"slug": "admin"}, data[0].(map[string]any)["role"])
	u := fakeExpect(t, 200, fakeAPI(t, srv, "GET", "/user_management/users/"+newUser, nil))
	assert.Equal(t, true, u.Body["email_verified"])

	for _, action := range []string{"accept", "revoke"} {
		r := fakeExpect(t, 400, fakeAPI(t, srv, "POST", "/user_management/invitations/"+id+"/"+action, nil))
		assert.Equal(t, "invite_not_pending", r.Body["code"])
	}
	assert.Equal(t, "invite_accepted", fakeExpect(t, 400, fakeAPI(t, srv, "POST", "/user_management/invitations/"+id+"/resend", map[string]any{})).Body["code"])

	other := fakeExpect(t, 201, fakeAPI(t, srv, "POST", "/user_management/invitations", map[string]any{"email": "x@example.com"})).str(t, "id")
	rev := fakeExpect(t, 200, fakeAPI(t, srv, "POST", "/user_management/invitations/"+other+"/revoke", nil))
	assert.Equal(t, "revoked", rev.Body["state"])
	assert.NotNil(t, rev.Body["revoked_at"])
	assert.Equal(t, "invite_revoked", fakeExpect(t, 400, fakeAPI(t, srv, "POST", "/user_management/invitations/"+other+"/resend", map[string]any{})).Body["code"])

	late := fakeExpect(t, 201, fakeAPI(t, srv, "POST", "/user_management/invitations", map[string]any{"email": "late@example.com", "expires_in_days": 1})).str(t, "id")
	srv.Advance(25 * time.Hour)
	assert.Equal(t, "expired", fakeExpect(t, 200, fakeAPI(t, srv, "GET", "/user_management/invitations/"+late, nil)).Body["state"])
	assert.Equal(t, "invite_expired", fakeExpect(t, 400, fakeAPI(t, srv, "POST", "/user_management/invitations/"+late+"/resend", map[string]any{})).Body["code"])

	list := fakeExpect(t, 200, fakeAPI(t, srv, "GET", "/user_management/invitations"+fakeQuery("organization_id", org.ID), nil))
	assert.Len(t, list.Body["data"], 1)
}

func TestInvitationTokenOnSignInJoinsTheOrganization(t *testing.T) {
	t.Parallel()
	srv := workostest.NewServer(t)
	org := srv.CreateOrganization("Acme")
	u := srv.CreateUser(workostest.NewUser{Email: "ada@example.com", Password: "correct horse"})
	fakeExpect(t, 201, fakeAPI(t, srv, "POST", "/user_management/invitations", map[string]any{"email": u.Email, "organization_id": org.ID}))
	pending := fakeExpect(t, 200, fakeAPI(t, srv, "GET", "/user_management/organization_memberships"+fakeQuery("user_id", u.ID, "statuses", "pending"), nil))
	require.Len(t, pending.Body["data"], 1, "inviting an existing user makes a pending membership")
	mail, _ := srv.LastEmail(u.Email)
	r := fakeExpect(t, 200, fakeAuth(t, srv, map[string]any{"grant_type": "password", "email": u.Email, "password": "correct horse", "invitation_token": mail.Token}))
	assert.Equal(t, org.ID, r.Body["organization_id"])
}
