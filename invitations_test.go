package workos

import (
	"bytes"
	"context"
	"log/slog"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const invitationJSON = `{
	"object": "invitation",
	"id": "invitation_01E4ZCR3C56J083X43JQXF3JK5",
	"email": "marcelina.davis@example.com",
	"state": "pending",
	"accepted_at": null,
	"revoked_at": null,
	"expires_at": "2026-01-22T12:00:00.000Z",
	"organization_id": "org_01E4ZCR3C56J083X43JQXF3JK5",
	"inviter_user_id": "user_01HYGBX8ZGD19949T3BM4FW1C3",
	"accepted_user_id": null,
	"role_slug": "admin",
	"created_at": "2026-01-15T12:00:00.000Z",
	"updated_at": "2026-01-15T12:05:00.000Z",
	"token": "Z1uX3RbwcIl5fIGJJJCXXisdI",
	"accept_invitation_url": "https://your-app.com/invite?invitation_token=Z1uX3RbwcIl5fIGJJJCXXisdI"
}`

// invitationAcceptedJSON is the same invitation after it was accepted.
const invitationAcceptedJSON = `{
	"object": "invitation",
	"id": "invitation_01E4ZCR3C56J083X43JQXF3JK5",
	"email": "marcelina.davis@example.com",
	"state": "accepted",
	"accepted_at": "2026-01-16T09:00:00.000Z",
	"revoked_at": null,
	"expires_at": "2026-01-22T12:00:00.000Z",
	"organization_id": null,
	"inviter_user_id": null,
	"accepted_user_id": "user_01E4ZCR3C56J083X43JQXF3JK5",
	"role_slug": null,
	"created_at": "2026-01-15T12:00:00.000Z",
	"updated_at": "2026-01-16T09:00:00.000Z",
	"token": "Z1uX3RbwcIl5fIGJJJCXXisdI",
	"accept_invitation_url": "https://your-app.com/invite?invitation_token=Z1uX3RbwcIl5fIGJJJCXXisdI"
}`

func invitationAssertPending(t *testing.T, inv Invitation) {
	t.Helper()
	assert.Equal(t, "invitation", inv.Object)
	assert.Equal(t, "invitation_01E4ZCR3C56J083X43JQXF3JK5", inv.ID)
	assert.Equal(t, "marcelina.davis@example.com", inv.Email)
	assert.Equal(t, InvitationStatePending, inv.State)
	assert.Nil(t, inv.AcceptedAt)
	assert.Nil(t, inv.RevokedAt)
	assert.True(t, mustParseTime(t, "2026-01-22T12:00:00Z").Equal(inv.ExpiresAt))
	assert.Equal(t, String("org_01E4ZCR3C56J083X43JQXF3JK5"), inv.OrganizationID)
	assert.Equal(t, String("user_01HYGBX8ZGD19949T3BM4FW1C3"), inv.InviterUserID)
	assert.Nil(t, inv.AcceptedUserID)
	assert.Equal(t, String("admin"), inv.RoleSlug)
	assert.True(t, mustParseTime(t, "2026-01-15T12:00:00Z").Equal(inv.CreatedAt))
	assert.True(t, mustParseTime(t, "2026-01-15T12:05:00Z").Equal(inv.UpdatedAt))
	assert.Equal(t, "Z1uX3RbwcIl5fIGJJJCXXisdI", inv.Token)
	assert.Equal(t, "https://your-app.com/invite?invitation_token=Z1uX3RbwcIl5fIGJJJCXXisdI", inv.AcceptInvitationURL)
}

func TestListInvitations_SendsFiltersAndDecodesPage(t *testing.T) {
	c, sent := newRecordingClient(t, cannedReply{200, `{"object":"list","data":[` + invitationJSON + `],
		"list_metadata":{"before":"invitation_00","after":null}}`})
	page, err := c.UserManagement.ListInvitations(context.Background(), ListInvitationsParams{
		ListParams:     ListParams{After: "invitation_00", Limit: 20},
		OrganizationID: "org_01E4ZCR3C56J083X43JQXF3JK5",
		Email:          "marcelina.davis@example.com",
	}).Page()
	require.NoError(t, err)
	assertRequest(t, onlyRequest(t, sent), "GET", "/user_management/invitations",
		"after=invitation_00&email=marcelina.davis%40example.com&limit=20&organization_id=org_01E4ZCR3C56J083X43JQXF3JK5", "")
	require.Len(t, page.Data, 1)
	invitationAssertPending(t, page.Data[0])
	assert.Equal(t, String("invitation_00"), page.ListMetadata.Before)
	assert.Nil(t, page.ListMetadata.After)
	assertResponseMeta(t, page.LastResponse, 200)
}

func TestSendInvitation_SendsEveryFieldAndDecodes(t *testing.T) {
	c, sent := newRecordingClient(t, cannedReply{201, invitationJSON})
	inv, err := c.UserManagement.SendInvitation(context.Background(), SendInvitationParams{
		Email:          "marcelina.davis@example.com",
		OrganizationID: "org_01E4ZCR3C56J083X43JQXF3JK5",
		RoleSlug:       "admin",
		ExpiresInDays:  7,
		InviterUserID:  "user_01HYGBX8ZGD19949T3BM4FW1C3",
		Locale:         LocaleFrenchCA,
	})
	require.NoError(t, err)
	assertRequest(t, onlyRequest(t, sent), "POST", "/user_management/invitations", "", `{
		"email": "marcelina.davis@example.com",
		"organization_id": "org_01E4ZCR3C56J083X43JQXF3JK5",
		"role_slug": "admin",
		"expires_in_days": 7,
		"inviter_user_id": "user_01HYGBX8ZGD19949T3BM4FW1C3",
		"locale": "fr-CA"
	}`)
	invitationAssertPending(t, *inv)
	assertResponseMeta(t, inv.LastResponse, 201)
}

func TestSendInvitation_SendsOnlyEmailByDefaultAndAnyLocale(t *testing.T) {
	c, sent := newRecordingClient(t, cannedReply{201, invitationJSON})
	_, err := c.UserManagement.SendInvitation(context.Background(), SendInvitationParams{Email: "a@example.com"})
	require.NoError(t, err)
	_, err = c.UserManagement.SendInvitation(context.Background(), SendInvitationParams{Email: "a@example.com", Locale: Locale("sv")})
	require.NoError(t, err)
	reqs := sent()
	require.Len(t, reqs, 2)
	assertRequest(t, reqs[0], "POST", "/user_management/invitations", "", `{"email":"a@example.com"}`)
	assertRequest(t, reqs[1], "POST", "/user_management/invitations", "", `{"email":"a@example.com","locale":"sv"}`)
}

func TestSendInvitation_RejectsBadInputWithoutSending(t *testing.T) {
	for name, tc := range map[string]struct {
		p   SendInvitationParams
		msg string
	}{
		"empty email":        {SendInvitationParams{}, "Email is required"},
		"31 days":            {SendInvitationParams{Email: "a@example.com", ExpiresInDays: 31}, "ExpiresInDays must be between 1 and 30, got 31"},
		"blank email spaces": {SendInvitationParams{Email: "   "}, "Email is required"},
	} {
		t.Run(name, func(t *testing.T) {
			c, sent := newRecordingClient(t)
			_, err := c.UserManagement.SendInvitation(context.Background(), tc.p)
			assert.ErrorIs(t, err, ErrInvalidParams)
			assert.EqualError(t, err, "workos: invalid params: "+tc.msg)
			assert.Empty(t, sent())
		})
	}
}

func TestSendInvitation_AlreadyInvited(t *testing.T) {
	c, _ := newRecordingClient(t, cannedReply{400, `{"code":"email_already_invited_to_organization","message":"An invitation has already been sent to this email."}`})
	_, err := c.UserManagement.SendInvitation(context.Background(), SendInvitationParams{Email: "a@example.com"})
	assertAPIError(t, err, ErrBadRequest, 400, "email_already_invited_to_organization", "An invitation has already been sent to this email.")
}

func TestGetInvitation_DecodesEveryField(t *testing.T) {
	c, sent := newRecordingClient(t, cannedReply{200, invitationJSON})
	inv, err := c.UserManagement.GetInvitation(context.Background(), "invitation_01E4ZCR3C56J083X43JQXF3JK5")
	require.NoError(t, err)
	assertRequest(t, onlyRequest(t, sent), "GET", "/user_management/invitations/invitation_01E4ZCR3C56J083X43JQXF3JK5", "", "")
	invitationAssertPending(t, *inv)
	assertResponseMeta(t, inv.LastResponse, 200)
}

func TestGetInvitation_NotFound(t *testing.T) {
	c, _ := newRecordingClient(t, cannedReply{404, `{"message":"Invitation not found."}`})
	_, err := c.UserManagement.GetInvitation(context.Background(), "invitation_missing")
	assertAPIError(t, err, ErrNotFound, 404, "", "Invitation not found.")
}

func TestGetInvitation_EmptyIDSendsNothing(t *testing.T) {
	c, sent := newRecordingClient(t)
	_, err := c.UserManagement.GetInvitation(context.Background(), "")
	require.Error(t, err)
	assert.Empty(t, sent())
}

func TestFindInvitationByToken_EscapesTokenAndKeepsItOutOfLogs(t *testing.T) {
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c, sent := newRecordingClient(t, cannedReply{200, invitationJSON})
	inv, err := c.UserManagement.FindInvitationByToken(context.Background(), "Z1uX3Rbw/cIl5", WithLogger(logger))
	require.NoError(t, err)
	assertRequest(t, onlyRequest(t, sent), "GET", "/user_management/invitations/by_token/Z1uX3Rbw%2FcIl5", "", "")
	invitationAssertPending(t, *inv)
	assert.Contains(t, logs.String(), "/user_management/invitations/by_token/REDACTED")
	assert.NotContains(t, logs.String(), "Z1uX3Rbw")
}

func TestFindInvitationByToken_NotFoundHidesToken(t *testing.T) {
	c, _ := newRecordingClient(t, cannedReply{404, `{"message":"Invitation not found."}`})
	_, err := c.UserManagement.FindInvitationByToken(context.Background(), "secret-invite-token")
	assertAPIError(t, err, ErrNotFound, 404, "", "Invitation not found.")
	assert.NotContains(t, err.Error(), "secret-invite-token")
}

func TestAcceptInvitation_PostsAnEmptyObjectAndDecodes(t *testing.T) {
	c, sent := newRecordingClient(t, cannedReply{200, invitationAcceptedJSON})
	inv, err := c.UserManagement.AcceptInvitation(context.Background(), "invitation_01E4ZCR3C56J083X43JQXF3JK5")
	require.NoError(t, err)
	assertRequest(t, onlyRequest(t, sent), "POST", "/user_management/invitations/invitation_01E4ZCR3C56J083X43JQXF3JK5/accept", "", `{}`)
	assert.Equal(t, InvitationStateAccepted, inv.State)
	require.NotNil(t, inv.AcceptedAt)
	assert.True(t, mustParseTime(t, "2026-01-16T09:00:00Z").Equal(*inv.AcceptedAt))
	assert.Nil(t, inv.RevokedAt)
	assert.Nil(t, inv.OrganizationID)
	assert.Nil(t, inv.InviterUserID)
	assert.Nil(t, inv.RoleSlug)
	assert.Equal(t, String("user_01E4ZCR3C56J083X43JQXF3JK5"), inv.AcceptedUserID)
	assert.True(t, mustParseTime(t, "2026-01-16T09:00:00Z").Equal(inv.UpdatedAt))
	assertResponseMeta(t, inv.LastResponse, 200)
}

func TestAcceptInvitation_NotPending(t *testing.T) {
	c, _ := newRecordingClient(t, cannedReply{400, `{"code":"invite_not_pending","message":"Invite is not pending."}`})
	_, err := c.UserManagement.AcceptInvitation(context.Background(), "invitation_1")
	assertAPIError(t, err, ErrBadRequest, 400, "invite_not_pending", "Invite is not pending.")
}

func TestResendInvitation_AlwaysSendsABody(t *testing.T) {
	for _, tc := range []struct {
		name   string
		params ResendInvitationParams
		body   string
	}{
		{"no locale sends an empty object", ResendInvitationParams{}, `{}`},
		{"locale", ResendInvitationParams{Locale: LocaleGerman}, `{"locale":"de"}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, sent := newRecordingClient(t, cannedReply{200, invitationJSON})
			inv, err := c.UserManagement.ResendInvitation(context.Background(), "invitation_01E4ZCR3C56J083X43JQXF3JK5", tc.params)
			require.NoError(t, err)
			assertRequest(t, onlyRequest(t, sent), "POST", "/user_management/invitations/invitation_01E4ZCR3C56J083X43JQXF3JK5/resend", "", tc.body)
			invitationAssertPending(t, *inv)
		})
	}
}

func TestResendInvitation_Expired(t *testing.T) {
	c, _ := newRecordingClient(t, cannedReply{400, `{"code":"invite_expired","message":"Invite has expired."}`})
	_, err := c.UserManagement.ResendInvitation(context.Background(), "invitation_1", ResendInvitationParams{})
	assertAPIError(t, err, ErrBadRequest, 400, "invite_expired", "Invite has expired.")
}

func TestRevokeInvitation_PostsAnEmptyObjectAndDecodes(t *testing.T) {
	revoked := `{"object":"invitation","id":"invitation_1","email":"a@example.com","state":"revoked",
		"accepted_at":null,"revoked_at":"2026-01-17T10:00:00.000Z","expires_at":"2026-01-22T12:00:00.000Z",
		"organization_id":"org_1","inviter_user_id":null,"accepted_user_id":null,"role_slug":"member",
		"created_at":"2026-01-15T12:00:00.000Z","updated_at":"2026-01-17T10:00:00.000Z",
		"token":"tok_1","accept_invitation_url":"https://your-app.com/invite?invitation_token=tok_1"}`
	c, sent := newRecordingClient(t, cannedReply{200, revoked})
	inv, err := c.UserManagement.RevokeInvitation(context.Background(), "invitation_1")
	require.NoError(t, err)
	assertRequest(t, onlyRequest(t, sent), "POST", "/user_management/invitations/invitation_1/revoke", "", `{}`)
	assert.Equal(t, InvitationStateRevoked, inv.State)
	require.NotNil(t, inv.RevokedAt)
	assert.True(t, mustParseTime(t, "2026-01-17T10:00:00Z").Equal(*inv.RevokedAt))
	assert.Equal(t, String("member"), inv.RoleSlug)
	assert.Equal(t, "tok_1", inv.Token)
	assertResponseMeta(t, inv.LastResponse, 200)
}

func TestInvitation_UnknownStateStillDecodes(t *testing.T) {
	c, _ := newRecordingClient(t, cannedReply{200, `{"object":"invitation","id":"invitation_1","state":"archived","expires_at":"2026-01-22T12:00:00Z",
		"created_at":"2026-01-15T12:00:00Z","updated_at":"2026-01-15T12:00:00Z","token":"t","accept_invitation_url":"u","email":"a@example.com"}`})
	inv, err := c.UserManagement.GetInvitation(context.Background(), "invitation_1")
	require.NoError(t, err)
	assert.Equal(t, InvitationState("archived"), inv.State)
}
