// Integration steps for users: create, read, update, list, and the user's
// identities, authorized applications, API keys, feature flags and data
// providers, run by TestIntegration_EveryOperation.

package workos_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/kestrel-dev/workos"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func integUsers(t *testing.T, w *integWorld) {
	ctx := integCtx(t)
	w.adaPass = "correct horse battery"
	created, err := w.um.CreateUser(ctx, workos.CreateUserParams{
		Email: "ada@example.com", Password: workos.PlainPassword(w.adaPass),
		FirstName: workos.String("Ada"), LastName: workos.String("Lovelace"),
		EmailVerified: workos.Bool(true), ExternalID: "crm-ada",
		Metadata: map[string]string{"plan": "pro"},
	})
	require.NoError(t, err)
	assert.Equal(t, http.StatusCreated, created.LastResponse.StatusCode)
	assert.Equal(t, "user", created.Object)
	assert.True(t, strings.HasPrefix(created.ID, "user_"), created.ID)
	assert.Equal(t, "ada@example.com", created.Email)
	assert.True(t, created.EmailVerified)
	assert.Equal(t, workos.String("Ada"), created.FirstName)
	assert.Equal(t, workos.String("Lovelace"), created.LastName)
	assert.Equal(t, workos.String("crm-ada"), created.ExternalID)
	assert.Equal(t, map[string]string{"plan": "pro"}, created.Metadata)
	assert.Nil(t, created.LastSignInAt)
	assert.WithinDuration(t, w.srv.Now(), created.CreatedAt, time.Second)
	ada := created.User
	w.ada = &ada

	got, err := w.um.GetUser(ctx, ada.ID)
	require.NoError(t, err)
	integSameUser(t, &ada, got)
	byExt, err := w.um.GetUserByExternalID(ctx, "crm-ada")
	require.NoError(t, err)
	integSameUser(t, &ada, byExt)

	updated, err := w.um.UpdateUser(ctx, ada.ID, workos.UpdateUserParams{
		FirstName:  workos.String("Augusta Ada"),
		Metadata:   map[string]workos.Nullable[string]{"plan": workos.Null[string](), "team": workos.Value("engines")},
		ExternalID: workos.Value("crm-ada-2"),
		Locale:     workos.Value(workos.LocaleEnglishGB),
	})
	require.NoError(t, err)
	assert.Equal(t, ada.ID, updated.ID)
	assert.Equal(t, workos.String("Augusta Ada"), updated.FirstName)
	assert.Equal(t, workos.String("Lovelace"), updated.LastName, "fields not sent stay as they were")
	assert.Equal(t, map[string]string{"team": "engines"}, updated.Metadata)
	assert.Equal(t, workos.String("crm-ada-2"), updated.ExternalID)
	assert.Equal(t, workos.String("en-GB"), updated.Locale)
	w.ada = updated

	_, err = w.um.GetUserByExternalID(ctx, "crm-ada")
	assert.ErrorIs(t, err, workos.ErrNotFound, "the old external id no longer finds the user")
	byExt, err = w.um.GetUserByExternalID(ctx, "crm-ada-2")
	require.NoError(t, err)
	assert.Equal(t, ada.ID, byExt.ID)

	// An explicit null clears the external ID; a new password works at once.
	w.adaPass = "difference engine"
	cleared, err := w.um.UpdateUser(ctx, ada.ID, workos.UpdateUserParams{ExternalID: workos.Null[string](), Password: workos.PlainPassword(w.adaPass)})
	require.NoError(t, err)
	assert.Nil(t, cleared.ExternalID)
	assert.Equal(t, workos.String("en-GB"), cleared.Locale, "fields not sent stay as they were")
	_, err = w.um.GetUserByExternalID(ctx, "crm-ada-2")
	assert.ErrorIs(t, err, workos.ErrNotFound)
	signedIn, err := w.um.AuthenticateWithPassword(ctx, workos.AuthenticateWithPasswordParams{Email: ada.Email, Password: w.adaPass})
	require.NoError(t, err)
	assert.Equal(t, ada.ID, signedIn.User.ID)
	w.ada = cleared

	// The API answers a taken email with 400 user_creation_error, the
	// reason in errors[].
	_, err = w.um.CreateUser(ctx, workos.CreateUserParams{Email: "ada@example.com"})
	apiErr := integAPIError(t, err, http.StatusBadRequest, "user_creation_error")
	assert.ErrorIs(t, err, workos.ErrBadRequest)
	require.Len(t, apiErr.Errors, 1)
	assert.Equal(t, "email_not_available", apiErr.Errors[0].Code)
	assert.NotEmpty(t, apiErr.RequestID)

	_, err = w.um.GetUser(ctx, "user_01NOBODY")
	integAPIError(t, err, http.StatusNotFound, "")
	assert.ErrorIs(t, err, workos.ErrNotFound)

	graceResp, err := w.um.CreateUser(ctx, workos.CreateUserParams{
		Email: "grace@example.com", Password: workos.PlainPassword("cobol forever"), FirstName: workos.String("Grace"),
	})
	require.NoError(t, err)
	assert.False(t, graceResp.EmailVerified)
	grace := graceResp.User
	w.grace = &grace

	only := integAll(t, w.um.ListUsers(ctx, workos.ListUsersParams{Email: "GRACE@example.com"}))
	require.Len(t, only, 1, "the email filter matches without case")
	assert.Equal(t, grace.ID, only[0].ID)
	both := integAll(t, w.um.ListUsers(ctx, workos.ListUsersParams{ListParams: workos.ListParams{Order: workos.OrderAsc}}))
	require.Len(t, both, 2)
	assert.Equal(t, []string{ada.ID, grace.ID}, []string{both[0].ID, both[1].ID})

	// Characters that need escaping survive the trip: a "+" in a query
	// value, and "/", " ", "#" and "?" in a path segment.
	odd, err := w.um.CreateUser(ctx, workos.CreateUserParams{Email: "ada+lists@example.com", ExternalID: "acct/42 #x?y"})
	require.NoError(t, err)
	plus := integAll(t, w.um.ListUsers(ctx, workos.ListUsersParams{Email: "ada+lists@example.com"}))
	require.Len(t, plus, 1)
	assert.Equal(t, odd.ID, plus[0].ID)
	byOdd, err := w.um.GetUserByExternalID(ctx, "acct/42 #x?y")
	require.NoError(t, err)
	assert.Equal(t, odd.ID, byOdd.ID)
	_, err = w.um.DeleteUser(ctx, odd.ID)
	require.NoError(t, err)
}

func integUserExtras(t *testing.T, w *integWorld) {
	ctx := integCtx(t)
	ids, err := w.um.GetUserIdentities(ctx, w.ada.ID)
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, ids.LastResponse.StatusCode)
	assert.Empty(t, ids.Data, "the fake links no OAuth identities")
	_, err = w.um.GetUserIdentities(ctx, "user_01NOPE")
	assert.ErrorIs(t, err, workos.ErrNotFound)

	key, err := w.um.CreateUserAPIKey(ctx, w.ada.ID, workos.CreateUserAPIKeyParams{
		Name: "ci", OrganizationID: w.org.ID, Permissions: []string{"posts:read"},
	})
	require.NoError(t, err)
	assert.Equal(t, "api_key", key.Object)
	assert.Equal(t, "ci", key.Name)
	assert.Equal(t, workos.UserAPIKeyOwner{Type: "user", ID: w.ada.ID, OrganizationID: w.org.ID}, key.Owner)
	assert.Equal(t, []string{"posts:read"}, key.Permissions)
	require.True(t, strings.HasPrefix(key.Value, "sk_"), "the secret comes back once")
	assert.NotContains(t, key.String(), key.Value)
	keys := integAll(t, w.um.ListUserAPIKeys(ctx, w.ada.ID, workos.ListUserAPIKeysParams{OrganizationID: w.org.ID}))
	require.Len(t, keys, 1)
	assert.Equal(t, key.ID, keys[0].ID)
	assert.True(t, strings.HasSuffix(keys[0].ObfuscatedValue, key.Value[len(key.Value)-4:]), keys[0].ObfuscatedValue)
	assert.Empty(t, integAll(t, w.um.ListUserAPIKeys(ctx, w.ada.ID, workos.ListUserAPIKeysParams{OrganizationID: w.org2.ID})))

	flags := integAll(t, w.um.ListUserFeatureFlags(ctx, w.ada.ID, workos.ListUserFeatureFlagsParams{}))
	assert.Empty(t, flags)
	_, err = w.um.ListUserFeatureFlags(ctx, "user_01NOPE", workos.ListUserFeatureFlagsParams{}).Page()
	assert.ErrorIs(t, err, workos.ErrNotFound)

	appID := w.srv.AddAuthorizedApplication(w.ada.ID, "CLI", "openid", "profile")
	apps := integAll(t, w.um.ListUserAuthorizedApplications(ctx, w.ada.ID, workos.ListUserAuthorizedApplicationsParams{}))
	require.Len(t, apps, 1)
	assert.Equal(t, "authorized_connect_application", apps[0].Object)
	assert.Equal(t, []string{"openid", "profile"}, apps[0].GrantedScopes)
	assert.Equal(t, "CLI", apps[0].Application.Name)
	r, err := w.um.DeleteUserAuthorizedApplication(ctx, w.ada.ID, appID)
	require.NoError(t, err)
	assert.Equal(t, http.StatusNoContent, r.StatusCode)
	assert.Empty(t, integAll(t, w.um.ListUserAuthorizedApplications(ctx, w.ada.ID, workos.ListUserAuthorizedApplicationsParams{})))
	_, err = w.um.DeleteUserAuthorizedApplication(ctx, w.ada.ID, appID)
	assert.ErrorIs(t, err, workos.ErrNotFound)

	ca, err := w.um.CreateConnectedAccount(ctx, w.ada.ID, "github", workos.CreateConnectedAccountParams{
		OrganizationID: w.org.ID, AccessToken: "gho_secret", Scopes: []string{"repo", "read:user"},
	})
	require.NoError(t, err)
	assert.Equal(t, "connected_account", ca.Object)
	assert.Equal(t, workos.String(w.ada.ID), ca.UserID)
	assert.Equal(t, workos.String(w.org.ID), ca.OrganizationID)
	assert.Equal(t, []string{"repo", "read:user"}, ca.Scopes)
	assert.Equal(t, workos.ConnectedAccountStateConnected, ca.State)
	got, err := w.um.GetConnectedAccount(ctx, w.ada.ID, "github", workos.GetConnectedAccountParams{OrganizationID: w.org.ID})
	require.NoError(t, err)
	assert.Equal(t, ca.ID, got.ID)
	_, err = w.um.GetConnectedAccount(ctx, w.ada.ID, "github", workos.GetConnectedAccountParams{})
	assert.ErrorIs(t, err, workos.ErrNotFound, "the account is scoped to the organization")
	st := workos.ConnectedAccountStateNeedsReauthorization
	upd, err := w.um.UpdateConnectedAccount(ctx, w.ada.ID, "github", workos.UpdateConnectedAccountParams{OrganizationID: w.org.ID, State: st})
	require.NoError(t, err)
	assert.Equal(t, st, upd.State)
	assert.Equal(t, ca.Scopes, upd.Scopes, "fields not sent stay")
	gone, err := w.um.DeleteConnectedAccount(ctx, w.ada.ID, "github", workos.DeleteConnectedAccountParams{OrganizationID: w.org.ID})
	require.NoError(t, err)
	assert.Equal(t, http.StatusNoContent, gone.StatusCode)
	_, err = w.um.GetConnectedAccount(ctx, w.ada.ID, "github", workos.GetConnectedAccountParams{OrganizationID: w.org.ID})
	assert.ErrorIs(t, err, workos.ErrNotFound)

	dp, err := w.um.ListDataProviders(ctx, w.ada.ID, workos.ListDataProvidersParams{})
	require.NoError(t, err)
	assert.Equal(t, "list", dp.Object)
	assert.Empty(t, dp.Data)
}
