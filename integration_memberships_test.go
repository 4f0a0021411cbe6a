// Integration steps for organization memberships and invitations.

package workos_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/kestrel-dev/workos"
	"github.com/kestrel-dev/workos/workostest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func integMemberships(t *testing.T, w *integWorld) {
	ctx := integCtx(t)
	// The fake accepts only roles that exist: member and admin come with
	// it, billing and owner are defined here.
	w.srv.SetRolePermissions("billing", "invoices:read")
	w.srv.SetRolePermissions("owner", "org:manage")
	am, err := w.um.CreateOrganizationMembership(ctx, workos.CreateOrganizationMembershipParams{
		UserID: w.ada.ID, OrganizationID: w.org.ID, Role: workos.RoleSlug("admin"),
	})
	require.NoError(t, err)
	assert.Equal(t, http.StatusCreated, am.LastResponse.StatusCode)
	assert.Equal(t, "organization_membership", am.Object)
	assert.Equal(t, w.ada.ID, am.UserID)
	assert.Equal(t, w.org.ID, am.OrganizationID)
	assert.Equal(t, workos.OrganizationMembershipStatusActive, am.Status)
	assert.Equal(t, "admin", am.Role.Slug)
	assert.Equal(t, []workos.SlimRole{{Slug: "admin"}}, am.Roles)
	assert.Equal(t, w.ada.ID, am.User.ID)
	w.adaMember = am.ID

	gm, err := w.um.CreateOrganizationMembership(ctx, workos.CreateOrganizationMembershipParams{
		UserID: w.grace.ID, OrganizationID: w.org.ID, Role: workos.RoleSlugs{"member", "billing"},
	})
	require.NoError(t, err)
	assert.Equal(t, []workos.SlimRole{{Slug: "member"}, {Slug: "billing"}}, gm.Roles)

	got, err := w.um.GetOrganizationMembership(ctx, am.ID)
	require.NoError(t, err)
	assert.Equal(t, am.ID, got.ID)
	assert.Equal(t, am.Roles, got.Roles)

	up, err := w.um.UpdateOrganizationMembership(ctx, am.ID, workos.UpdateOrganizationMembershipParams{Role: workos.RoleSlug("owner")})
	require.NoError(t, err)
	assert.Equal(t, "owner", up.Role.Slug)
	assert.Equal(t, []workos.SlimRole{{Slug: "owner"}}, up.Roles)

	off, err := w.um.DeactivateOrganizationMembership(ctx, gm.ID)
	require.NoError(t, err)
	assert.Equal(t, workos.OrganizationMembershipStatusInactive, off.Status)
	assert.Equal(t, gm.Roles, off.Roles, "deactivation keeps the roles")

	active := integAll(t, w.um.ListOrganizationMemberships(ctx, workos.ListOrganizationMembershipsParams{OrganizationID: w.org.ID}))
	require.Len(t, active, 1, "only active memberships by default")
	assert.Equal(t, am.ID, active[0].ID)
	all := integAll(t, w.um.ListOrganizationMemberships(ctx, workos.ListOrganizationMembershipsParams{
		OrganizationID: w.org.ID,
		Statuses:       []workos.OrganizationMembershipStatus{workos.OrganizationMembershipStatusActive, workos.OrganizationMembershipStatusInactive},
		ListParams:     workos.ListParams{Order: workos.OrderAsc},
	}))
	require.Len(t, all, 2)
	assert.Equal(t, []string{am.ID, gm.ID}, []string{all[0].ID, all[1].ID})
	assert.Equal(t, workos.OrganizationMembershipStatusInactive, all[1].Status)
	last := w.srv.Requests()[len(w.srv.Requests())-1]
	assert.Contains(t, last.Query, "statuses=active,inactive", "statuses are comma-joined")

	on, err := w.um.ReactivateOrganizationMembership(ctx, gm.ID)
	require.NoError(t, err)
	assert.Equal(t, workos.OrganizationMembershipStatusActive, on.Status)
	assert.Equal(t, gm.Roles, on.Roles)

	groups, err := w.um.ListOrganizationMembershipGroups(ctx, am.ID, workos.ListOrganizationMembershipGroupsParams{}).Page()
	require.NoError(t, err)
	assert.Equal(t, "list", groups.Object)
	assert.Empty(t, groups.Data)
	_, err = w.um.ListOrganizationMembershipGroups(ctx, "om_01NOPE", workos.ListOrganizationMembershipGroupsParams{}).Page()
	assert.ErrorIs(t, err, workos.ErrNotFound)

	del, err := w.um.DeleteOrganizationMembership(ctx, gm.ID)
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, del.StatusCode)
	_, err = w.um.GetOrganizationMembership(ctx, gm.ID)
	assert.ErrorIs(t, err, workos.ErrNotFound)

	_, err = w.um.ListOrganizationMemberships(ctx, workos.ListOrganizationMembershipsParams{}).Page()
	assert.ErrorIs(t, err, workos.ErrInvalidParams, "user or organization is required, checked before sending")
}

func integInvitations(t *testing.T, w *integWorld) {
	ctx := integCtx(t)
	inv, err := w.um.SendInvitation(ctx, workos.SendInvitationParams{
		Email: "hopper@example.com", OrganizationID: w.org.ID, RoleSlug: "member",
		InviterUserID: w.ada.ID, ExpiresInDays: 3,
	})
	require.NoError(t, err)
	assert.Equal(t, http.StatusCreated, inv.LastResponse.StatusCode)
	assert.Equal(t, "invitation", inv.Object)
	assert.Equal(t, "hopper@example.com", inv.Email)
	assert.Equal(t, workos.InvitationStatePending, inv.State)
	assert.Equal(t, workos.String(w.org.ID), inv.OrganizationID)
	assert.Equal(t, workos.String("member"), inv.RoleSlug)
	assert.Equal(t, workos.String(w.ada.ID), inv.InviterUserID)
	assert.Nil(t, inv.AcceptedAt)
	assert.Nil(t, inv.RevokedAt)
	assert.WithinDuration(t, w.srv.Now().AddDate(0, 0, 3), inv.ExpiresAt, time.Second)
	mail := integMail(t, w.srv, "hopper@example.com", workostest.EmailInvitation)
	assert.Equal(t, inv.Token, mail.Token)
	assert.Equal(t, inv.AcceptInvitationURL, mail.URL)

	got, err := w.um.GetInvitation(ctx, inv.ID)
	require.NoError(t, err)
	assert.Equal(t, inv.ID, got.ID)
	byTok, err := w.um.FindInvitationByToken(ctx, inv.Token)
	require.NoError(t, err)
	assert.Equal(t, inv.ID, byTok.ID)
	_, err = w.um.FindInvitationByToken(ctx, "not-a-token")
	assert.ErrorIs(t, err, workos.ErrNotFound)

	listed := integAll(t, w.um.ListInvitations(ctx, workos.ListInvitationsParams{Email: "hopper@example.com", OrganizationID: w.org.ID}))
	require.Len(t, listed, 1)
	assert.Equal(t, inv.ID, listed[0].ID)

	resent, err := w.um.ResendInvitation(ctx, inv.ID, workos.ResendInvitationParams{Locale: workos.LocaleFrench})
	require.NoError(t, err)
	assert.Equal(t, inv.ID, resent.ID)
	assert.Len(t, w.srv.Inbox("hopper@example.com"), 2, "the resend sends a second email")

	acc, err := w.um.AcceptInvitation(ctx, inv.ID)
	require.NoError(t, err)
	assert.Equal(t, workos.InvitationStateAccepted, acc.State)
	require.NotNil(t, acc.AcceptedAt)
	assert.WithinDuration(t, w.srv.Now(), *acc.AcceptedAt, time.Second)
	require.NotNil(t, acc.AcceptedUserID)
	hopper, err := w.um.GetUser(ctx, *acc.AcceptedUserID)
	require.NoError(t, err)
	assert.Equal(t, "hopper@example.com", hopper.Email)
	ms := integAll(t, w.um.ListOrganizationMemberships(ctx, workos.ListOrganizationMembershipsParams{UserID: hopper.ID}))
	require.Len(t, ms, 1, "accepting joins the organization")
	assert.Equal(t, w.org.ID, ms[0].OrganizationID)
	assert.Equal(t, "member", ms[0].Role.Slug)

	_, err = w.um.AcceptInvitation(ctx, inv.ID)
	integAPIError(t, err, http.StatusBadRequest, "invite_not_pending")
	_, err = w.um.ResendInvitation(ctx, inv.ID, workos.ResendInvitationParams{})
	integAPIError(t, err, http.StatusBadRequest, "invite_accepted")

	other, err := w.um.SendInvitation(ctx, workos.SendInvitationParams{Email: "babbage@example.com"})
	require.NoError(t, err)
	assert.Nil(t, other.OrganizationID)
	rev, err := w.um.RevokeInvitation(ctx, other.ID)
	require.NoError(t, err)
	assert.Equal(t, workos.InvitationStateRevoked, rev.State)
	require.NotNil(t, rev.RevokedAt)
	assert.WithinDuration(t, w.srv.Now(), *rev.RevokedAt, time.Second)
	_, err = w.um.ResendInvitation(ctx, other.ID, workos.ResendInvitationParams{})
	integAPIError(t, err, http.StatusBadRequest, "invite_revoked")
}
