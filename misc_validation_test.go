package workos

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
)

// Every method refuses missing required inputs with ErrInvalidParams, and
// sends nothing.
func TestMiscMethods_RejectMissingInputsBeforeSending(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name string
		run  func(um *UserManagementService) error
	}{
		{"ListSessions without user", func(um *UserManagementService) error {
			_, err := um.ListSessions(ctx, "", ListSessionsParams{}).Page()
			return err
		}},
		{"ListSessions with both cursors", func(um *UserManagementService) error {
			_, err := um.ListSessions(ctx, "user_1", ListSessionsParams{ListParams: ListParams{Before: "a", After: "b"}}).Page()
			return err
		}},
		{"RevokeSession without session", func(um *UserManagementService) error {
			_, err := um.RevokeSession(ctx, RevokeSessionParams{})
			return err
		}},
		{"GetUserIdentities without user", func(um *UserManagementService) error {
			_, err := um.GetUserIdentities(ctx, "")
			return err
		}},
		{"ListUserAuthorizedApplications without user", func(um *UserManagementService) error {
			_, err := um.ListUserAuthorizedApplications(ctx, "", ListUserAuthorizedApplicationsParams{}).Page()
			return err
		}},
		{"DeleteUserAuthorizedApplication without user", func(um *UserManagementService) error {
			_, err := um.DeleteUserAuthorizedApplication(ctx, "", "app_1")
			return err
		}},
		{"DeleteUserAuthorizedApplication without application", func(um *UserManagementService) error {
			_, err := um.DeleteUserAuthorizedApplication(ctx, "user_1", "")
			return err
		}},
		{"ListCORSOrigins with limit over 100", func(um *UserManagementService) error {
			_, err := um.ListCORSOrigins(ctx, ListCORSOriginsParams{ListParams: ListParams{Limit: 101}}).Page()
			return err
		}},
		{"CreateCORSOrigin without origin", func(um *UserManagementService) error {
			_, err := um.CreateCORSOrigin(ctx, CreateCORSOriginParams{})
			return err
		}},
		{"ListRedirectURIs with negative limit", func(um *UserManagementService) error {
			_, err := um.ListRedirectURIs(ctx, ListRedirectURIsParams{ListParams: ListParams{Limit: -1}}).Page()
			return err
		}},
		{"CreateRedirectURI without URI", func(um *UserManagementService) error {
			_, err := um.CreateRedirectURI(ctx, CreateRedirectURIParams{})
			return err
		}},
		{"DeleteRedirectURI without ID", func(um *UserManagementService) error {
			_, err := um.DeleteRedirectURI(ctx, "")
			return err
		}},
		{"UpdateJWTTemplate without content", func(um *UserManagementService) error {
			_, err := um.UpdateJWTTemplate(ctx, UpdateJWTTemplateParams{})
			return err
		}},
		{"ListAuthFactors without user", func(um *UserManagementService) error {
			_, err := um.ListAuthFactors(ctx, "", ListAuthFactorsParams{}).Page()
			return err
		}},
		{"EnrollAuthFactor without user", func(um *UserManagementService) error {
			_, err := um.EnrollAuthFactor(ctx, "", EnrollAuthFactorParams{})
			return err
		}},
		{"ListUserAPIKeys without user", func(um *UserManagementService) error {
			_, err := um.ListUserAPIKeys(ctx, "", ListUserAPIKeysParams{}).Page()
			return err
		}},
		{"CreateUserAPIKey without user", func(um *UserManagementService) error {
			_, err := um.CreateUserAPIKey(ctx, "", CreateUserAPIKeyParams{Name: "k", OrganizationID: "org_1"})
			return err
		}},
		{"CreateUserAPIKey without name", func(um *UserManagementService) error {
			_, err := um.CreateUserAPIKey(ctx, "user_1", CreateUserAPIKeyParams{OrganizationID: "org_1"})
			return err
		}},
		{"CreateUserAPIKey without organization", func(um *UserManagementService) error {
			_, err := um.CreateUserAPIKey(ctx, "user_1", CreateUserAPIKeyParams{Name: "k"})
			return err
		}},
		{"ListUserFeatureFlags without user", func(um *UserManagementService) error {
			_, err := um.ListUserFeatureFlags(ctx, "", ListUserFeatureFlagsParams{}).Page()
			return err
		}},
		{"GetConnectedAccount without user", func(um *UserManagementService) error {
			_, err := um.GetConnectedAccount(ctx, "", "github", GetConnectedAccountParams{})
			return err
		}},
		{"GetConnectedAccount without slug", func(um *UserManagementService) error {
			_, err := um.GetConnectedAccount(ctx, "user_1", "", GetConnectedAccountParams{})
			return err
		}},
		{"CreateConnectedAccount without slug", func(um *UserManagementService) error {
			_, err := um.CreateConnectedAccount(ctx, "user_1", "", CreateConnectedAccountParams{AccessToken: String("tok")})
			return err
		}},
		{"CreateConnectedAccount with state disconnected", func(um *UserManagementService) error {
			_, err := um.CreateConnectedAccount(ctx, "user_1", "github", CreateConnectedAccountParams{State: Ptr(ConnectedAccountStateDisconnected)})
			return err
		}},
		{"UpdateConnectedAccount with an empty state", func(um *UserManagementService) error {
			_, err := um.UpdateConnectedAccount(ctx, "user_1", "github", UpdateConnectedAccountParams{State: Ptr(ConnectedAccountState(""))})
			return err
		}},
		{"UpdateConnectedAccount without user", func(um *UserManagementService) error {
			_, err := um.UpdateConnectedAccount(ctx, "", "github", UpdateConnectedAccountParams{})
			return err
		}},
		{"DeleteConnectedAccount without slug", func(um *UserManagementService) error {
			_, err := um.DeleteConnectedAccount(ctx, "user_1", "", DeleteConnectedAccountParams{})
			return err
		}},
		{"ListDataProviders without user", func(um *UserManagementService) error {
			_, err := um.ListDataProviders(ctx, "", ListDataProvidersParams{})
			return err
		}},
		{"SendRadarChallenge without user", func(um *UserManagementService) error {
			_, err := um.SendRadarChallenge(ctx, SendRadarChallengeParams{PendingAuthenticationToken: "pat_x", PhoneNumber: "+1555"})
			return err
		}},
		{"SendRadarChallenge without pending token", func(um *UserManagementService) error {
			_, err := um.SendRadarChallenge(ctx, SendRadarChallengeParams{UserID: "user_1", PhoneNumber: "+1555"})
			return err
		}},
		{"SendRadarChallenge without phone", func(um *UserManagementService) error {
			_, err := um.SendRadarChallenge(ctx, SendRadarChallengeParams{UserID: "user_1", PendingAuthenticationToken: "pat_x"})
			return err
		}},
		{"GetUserIdentities with a blank user", func(um *UserManagementService) error {
			_, err := um.GetUserIdentities(ctx, "  ")
			return err
		}},
		{"GetRadarChallenge without ID", func(um *UserManagementService) error {
			_, err := um.GetRadarChallenge(ctx, "")
			return err
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, rec := miscTestClient(t, http.StatusOK, `{}`)
			err := tc.run(c.UserManagement)
			assert.ErrorIs(t, err, ErrInvalidParams)
			assert.NotContains(t, err.Error(), "pat_x", "inputs' secret values are not echoed")
			assert.Empty(t, rec.requests(), "nothing may be sent")
		})
	}
}
