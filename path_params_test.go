package workos

import (
	"context"
	"net/http"
	"testing"

	"github.com/kestrel-dev/workos/internal/request"
	"github.com/stretchr/testify/assert"
)

// A blank path ID gives one message shape everywhere: the parameter's
// snake_case name and "is required", with no template or {braces}, still
// matching ErrInvalidParams and request.ErrMissingParam.
func TestBlankPathIDs_NameTheParameterInOneMessageShape(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		param string
		run   func(um *UserManagementService) error
	}{
		{"user_id", func(um *UserManagementService) error { _, err := um.GetUser(ctx, ""); return err }},
		{"user_id", func(um *UserManagementService) error { _, err := um.GetUserIdentities(ctx, ""); return err }},
		{"user_id", func(um *UserManagementService) error { _, err := um.SendVerificationEmail(ctx, " "); return err }},
		{"user_id", func(um *UserManagementService) error {
			_, err := um.ListSessions(ctx, "", ListSessionsParams{}).Page()
			return err
		}},
		{"organization_membership_id", func(um *UserManagementService) error {
			_, err := um.ListOrganizationMembershipGroups(ctx, "", ListOrganizationMembershipGroupsParams{}).Page()
			return err
		}},
		{"organization_membership_id", func(um *UserManagementService) error {
			_, err := um.GetOrganizationMembership(ctx, "")
			return err
		}},
		{"invitation_id", func(um *UserManagementService) error { _, err := um.GetInvitation(ctx, ""); return err }},
		{"token", func(um *UserManagementService) error { _, err := um.FindInvitationByToken(ctx, ""); return err }},
		{"magic_auth_id", func(um *UserManagementService) error { _, err := um.GetMagicAuth(ctx, ""); return err }},
		{"password_reset_id", func(um *UserManagementService) error { _, err := um.GetPasswordReset(ctx, ""); return err }},
		{"email_verification_id", func(um *UserManagementService) error { _, err := um.GetEmailVerification(ctx, ""); return err }},
		{"radar_challenge_id", func(um *UserManagementService) error { _, err := um.GetRadarChallenge(ctx, ""); return err }},
		{"redirect_uri_id", func(um *UserManagementService) error { _, err := um.DeleteRedirectURI(ctx, ""); return err }},
		{"application_id", func(um *UserManagementService) error {
			_, err := um.DeleteUserAuthorizedApplication(ctx, "user_1", "")
			return err
		}},
		{"external_id", func(um *UserManagementService) error { _, err := um.GetUserByExternalID(ctx, ""); return err }},
	}
	for _, tc := range cases {
		t.Run(tc.param, func(t *testing.T) {
			c, sent := newRecordingClient(t, cannedReply{http.StatusOK, `{}`})
			err := tc.run(c.UserManagement)
			assert.EqualError(t, err, "workos: invalid params: "+tc.param+" is required")
			assert.ErrorIs(t, err, ErrInvalidParams)
			assert.Empty(t, sent(), "nothing may be sent")
		})
	}
	c, _ := newRecordingClient(t, cannedReply{http.StatusOK, `{}`})
	_, err := c.UserManagement.GetUser(ctx, "")
	assert.ErrorIs(t, err, request.ErrMissingParam, "a path ID the pipeline refuses still matches request.ErrMissingParam")
}
