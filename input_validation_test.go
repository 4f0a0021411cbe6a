package workos

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
)

// Every method refuses missing required inputs with ErrInvalidParams, and
// sends nothing.
func TestMethods_RefuseMissingInputsBeforeSending(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name string
		msg  string // after "workos: invalid params: "
		run  func(um *UserManagementService) error
	}{
		{"ListSessions without user", "user_id is required", func(um *UserManagementService) error {
			_, err := um.ListSessions(ctx, "", ListSessionsParams{}).Page()
			return err
		}},
		{"ListSessions with both cursors", "set Before or After, not both", func(um *UserManagementService) error {
			_, err := um.ListSessions(ctx, "user_1", ListSessionsParams{ListParams: ListParams{Before: "a", After: "b"}}).Page()
			return err
		}},
		{"RevokeSession without session", "SessionID is required", func(um *UserManagementService) error {
			_, err := um.RevokeSession(ctx, RevokeSessionParams{})
			return err
		}},
		{"GetUserIdentities without user", "user_id is required", func(um *UserManagementService) error {
			_, err := um.GetUserIdentities(ctx, "")
			return err
		}},
		{"ListUserAuthorizedApplications without user", "user_id is required", func(um *UserManagementService) error {
			_, err := um.ListUserAuthorizedApplications(ctx, "", ListUserAuthorizedApplicationsParams{}).Page()
			return err
		}},
		{"DeleteUserAuthorizedApplication without user", "user_id is required", func(um *UserManagementService) error {
			_, err := um.DeleteUserAuthorizedApplication(ctx, "", "app_1")
			return err
		}},
		{"DeleteUserAuthorizedApplication without application", "application_id is required", func(um *UserManagementService) error {
			_, err := um.DeleteUserAuthorizedApplication(ctx, "user_1", "")
			return err
		}},
		{"ListCORSOrigins with limit over 100", "Limit must be between 1 and 100, got 101", func(um *UserManagementService) error {
			_, err := um.ListCORSOrigins(ctx, ListCORSOriginsParams{ListParams: ListParams{Limit: 101}}).Page()
			return err
		}},
		{"CreateCORSOrigin without origin", "Origin is required", func(um *UserManagementService) error {
			_, err := um.CreateCORSOrigin(ctx, CreateCORSOriginParams{})
			return err
		}},
		{"ListRedirectURIs with negative limit", "Limit must be between 1 and 100, got -1", func(um *UserManagementService) error {
			_, err := um.ListRedirectURIs(ctx, ListRedirectURIsParams{ListParams: ListParams{Limit: -1}}).Page()
			return err
		}},
		{"CreateRedirectURI without URI", "URI is required", func(um *UserManagementService) error {
			_, err := um.CreateRedirectURI(ctx, CreateRedirectURIParams{})
			return err
		}},
		{"DeleteRedirectURI without ID", "redirect_uri_id is required", func(um *UserManagementService) error {
			_, err := um.DeleteRedirectURI(ctx, "")
			return err
		}},
		{"UpdateJWTTemplate without content", "Content is required", func(um *UserManagementService) error {
			_, err := um.UpdateJWTTemplate(ctx, UpdateJWTTemplateParams{})
			return err
		}},
		{"ListAuthFactors without user", "user_id is required", func(um *UserManagementService) error {
			_, err := um.ListAuthFactors(ctx, "", ListAuthFactorsParams{}).Page()
			return err
		}},
		{"EnrollAuthFactor without user", "user_id is required", func(um *UserManagementService) error {
			_, err := um.EnrollAuthFactor(ctx, "", EnrollAuthFactorParams{})
			return err
		}},
		{"ListUserAPIKeys without user", "user_id is required", func(um *UserManagementService) error {
			_, err := um.ListUserAPIKeys(ctx, "", ListUserAPIKeysParams{}).Page()
			return err
		}},
		{"CreateUserAPIKey without user", "user_id is required", func(um *UserManagementService) error {
			_, err := um.CreateUserAPIKey(ctx, "", CreateUserAPIKeyParams{Name: "k", OrganizationID: "org_1"})
			return err
		}},
		{"CreateUserAPIKey without name", "Name is required", func(um *UserManagementService) error {
			_, err := um.CreateUserAPIKey(ctx, "user_1", CreateUserAPIKeyParams{OrganizationID: "org_1"})
			return err
		}},
		{"CreateUserAPIKey without organization", "OrganizationID is required", func(um *UserManagementService) error {
			_, err := um.CreateUserAPIKey(ctx, "user_1", CreateUserAPIKeyParams{Name: "k"})
			return err
		}},
		{"ListUserFeatureFlags without user", "user_id is required", func(um *UserManagementService) error {
			_, err := um.ListUserFeatureFlags(ctx, "", ListUserFeatureFlagsParams{}).Page()
			return err
		}},
		{"GetConnectedAccount without user", "user_id is required", func(um *UserManagementService) error {
			_, err := um.GetConnectedAccount(ctx, "", "github", GetConnectedAccountParams{})
			return err
		}},
		{"GetConnectedAccount without slug", "slug is required", func(um *UserManagementService) error {
			_, err := um.GetConnectedAccount(ctx, "user_1", "", GetConnectedAccountParams{})
			return err
		}},
		{"CreateConnectedAccount without slug", "slug is required", func(um *UserManagementService) error {
			_, err := um.CreateConnectedAccount(ctx, "user_1", "", CreateConnectedAccountParams{AccessToken: "tok"})
			return err
		}},
		{"CreateConnectedAccount with state disconnected", "State cannot be set to disconnected; use DeleteConnectedAccount", func(um *UserManagementService) error {
			_, err := um.CreateConnectedAccount(ctx, "user_1", "github", CreateConnectedAccountParams{State: ConnectedAccountStateDisconnected})
			return err
		}},
		{"UpdateConnectedAccount without user", "user_id is required", func(um *UserManagementService) error {
			_, err := um.UpdateConnectedAccount(ctx, "", "github", UpdateConnectedAccountParams{})
			return err
		}},
		{"DeleteConnectedAccount without slug", "slug is required", func(um *UserManagementService) error {
			_, err := um.DeleteConnectedAccount(ctx, "user_1", "", DeleteConnectedAccountParams{})
			return err
		}},
		{"ListDataProviders without user", "user_id is required", func(um *UserManagementService) error {
			_, err := um.ListDataProviders(ctx, "", ListDataProvidersParams{})
			return err
		}},
		{"SendRadarChallenge without user", "UserID is required", func(um *UserManagementService) error {
			_, err := um.SendRadarChallenge(ctx, SendRadarChallengeParams{PendingAuthenticationToken: "pat_x", PhoneNumber: "+1555"})
			return err
		}},
		{"SendRadarChallenge without pending token", "PendingAuthenticationToken is required", func(um *UserManagementService) error {
			_, err := um.SendRadarChallenge(ctx, SendRadarChallengeParams{UserID: "user_1", PhoneNumber: "+1555"})
			return err
		}},
		{"SendRadarChallenge without phone", "PhoneNumber is required", func(um *UserManagementService) error {
			_, err := um.SendRadarChallenge(ctx, SendRadarChallengeParams{UserID: "user_1", PendingAuthenticationToken: "pat_x"})
			return err
		}},
		{"GetUserIdentities with a blank user", "user_id is required", func(um *UserManagementService) error {
			_, err := um.GetUserIdentities(ctx, "  ")
			return err
		}},
		{"GetRadarChallenge without ID", "radar_challenge_id is required", func(um *UserManagementService) error {
			_, err := um.GetRadarChallenge(ctx, "")
			return err
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, sent := newRecordingClient(t, cannedReply{http.StatusOK, `{}`})
			err := tc.run(c.UserManagement)
			assert.ErrorIs(t, err, ErrInvalidParams)
			assert.EqualError(t, err, "workos: invalid params: "+tc.msg)
			assert.NotContains(t, err.Error(), "pat_x", "inputs' secret values are not echoed")
			assert.Empty(t, sent(), "nothing may be sent")
		})
	}
}
