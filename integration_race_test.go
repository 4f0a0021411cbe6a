package workos_test

import (
	"fmt"
	"net/http"
	"sync"
	"testing"

	"github.com/kestrel-dev/workos"
	"github.com/kestrel-dev/workos/workostest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestIntegration_ThirtyTwoConcurrentClients runs 32 goroutines, each with
// its own *workos.Client, through a mixed workload against one fake server
// at once: sign-up, membership, sign-in, token verification through one
// shared Verifier, refresh, magic auth, invitations, paged lists, injected
// faults with retries, sealed sessions and revocation. Run with -race it
// shows the SDK and the fake share nothing unguarded; the final counts show
// no request was lost or doubled.
func TestIntegration_ThirtyTwoConcurrentClients(t *testing.T) {
	t.Parallel()
	srv := workostest.NewServer(t)
	org := srv.CreateOrganization("Crowd")
	ctx := integCtx(t)
	verifier, err := workos.NewVerifier(srv.Client(), workos.WithTokenIssuer(srv.Issuer()))
	require.NoError(t, err)

	const clients = 32
	var wg sync.WaitGroup
	start := make(chan struct{})
	userIDs := make([]string, clients)
	for i := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			um := srv.Client().UserManagement
			<-start
			email := fmt.Sprintf("c%02d@crowd.example", i)
			u, err := um.CreateUser(ctx, workos.CreateUserParams{Email: email, Password: workos.PlainPassword("crowd password"), EmailVerified: workos.Bool(true)})
			if !assert.NoError(t, err, "client %d", i) {
				return
			}
			userIDs[i] = u.ID
			m, err := um.CreateOrganizationMembership(ctx, workos.CreateOrganizationMembershipParams{UserID: u.ID, OrganizationID: org.ID, Role: workos.RoleSlug("member")})
			if !assert.NoError(t, err) {
				return
			}
			assert.Equal(t, u.ID, m.UserID)
			up, err := um.UpdateUser(ctx, u.ID, workos.UpdateUserParams{FirstName: workos.String(fmt.Sprint("Client ", i))})
			if assert.NoError(t, err) {
				assert.Equal(t, workos.String(fmt.Sprint("Client ", i)), up.FirstName)
			}

			// A fault on this client's own path is retried away.
			path := "/user_management/users/" + u.ID
			srv.FailNext(http.MethodGet, path, 1, http.StatusServiceUnavailable, 0)
			got, err := um.GetUser(ctx, u.ID)
			if assert.NoError(t, err) {
				assert.Equal(t, email, got.Email)
			}
			assert.Equal(t, 2, srv.CountRequests(http.MethodGet, path), "one failed attempt, one retry")

			auth, err := um.AuthenticateWithPassword(ctx, workos.AuthenticateWithPasswordParams{Email: email, Password: "crowd password"})
			if !assert.NoError(t, err) {
				return
			}
			assert.Equal(t, org.ID, auth.OrganizationID)
			claims, err := verifier.Verify(ctx, auth.AccessToken)
			if !assert.NoError(t, err) {
				return
			}
			assert.Equal(t, u.ID, claims.Subject)
			assert.Equal(t, "member", claims.Role)
			next, err := um.AuthenticateWithRefreshToken(ctx, workos.AuthenticateWithRefreshTokenParams{RefreshToken: auth.RefreshToken})
			if assert.NoError(t, err) {
				sealed, err := workos.SealSessionFromAuthResponse(next, integCookiePassword)
				if assert.NoError(t, err) {
					s, err := workos.LoadSealedSession(srv.Client(), verifier, sealed, integCookiePassword).Authenticate(ctx)
					if assert.NoError(t, err) {
						assert.Equal(t, claims.SessionID, s.SessionID)
					}
				}
			}

			if _, err := um.CreateMagicAuth(ctx, workos.CreateMagicAuthParams{Email: email}); assert.NoError(t, err) {
				mail, ok := srv.LastEmail(email)
				if assert.True(t, ok) {
					ma, err := um.AuthenticateWithMagicAuth(ctx, workos.AuthenticateWithMagicAuthParams{Code: mail.Code, Email: email})
					if assert.NoError(t, err) {
						assert.Equal(t, u.ID, ma.User.ID)
					}
				}
			}

			inv, err := um.SendInvitation(ctx, workos.SendInvitationParams{Email: fmt.Sprintf("guest%02d@crowd.example", i), OrganizationID: org.ID})
			if assert.NoError(t, err) {
				rev, err := um.RevokeInvitation(ctx, inv.ID)
				if assert.NoError(t, err) {
					assert.Equal(t, workos.InvitationStateRevoked, rev.State)
				}
			}

			pages := 0
			for page, err := range um.ListUsers(ctx, workos.ListUsersParams{ListParams: workos.ListParams{Limit: 5, Order: workos.OrderAsc}}).Pages() {
				if !assert.NoError(t, err) || pages == 2 {
					break
				}
				assert.LessOrEqual(t, len(page.Data), 5)
				pages++
			}
			_, err = um.ListOrganizationMemberships(ctx, workos.ListOrganizationMembershipsParams{OrganizationID: org.ID}).Page()
			assert.NoError(t, err)

			if _, err := um.RevokeSession(ctx, workos.RevokeSessionParams{SessionID: claims.SessionID}); assert.NoError(t, err) {
				_, err = um.AuthenticateWithRefreshToken(ctx, workos.AuthenticateWithRefreshTokenParams{RefreshToken: next.RefreshToken})
				assert.True(t, workos.IsInvalidGrant(err), "revoked: %v", err)
			}
		}()
	}
	close(start)
	wg.Wait()
	if t.Failed() {
		return
	}

	um := srv.Client().UserManagement
	members := integAll(t, um.ListOrganizationMemberships(ctx, workos.ListOrganizationMembershipsParams{OrganizationID: org.ID}))
	assert.Len(t, members, clients, "every membership was created once")
	users := integAll(t, um.ListUsers(ctx, workos.ListUsersParams{OrganizationID: org.ID}))
	assert.Len(t, users, clients)
	invs := integAll(t, um.ListInvitations(ctx, workos.ListInvitationsParams{OrganizationID: org.ID}))
	assert.Len(t, invs, clients)
	for i, id := range userIDs {
		var active, ended int
		for _, s := range srv.Sessions(id) {
			if s.Active {
				active++
			} else {
				ended++
			}
		}
		assert.Equal(t, [2]int{1, 1}, [2]int{active, ended}, "client %d: the magic auth session lives, the password one was revoked", i)
	}
}
