package workos_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kestrel-dev/workos"
	"github.com/kestrel-dev/workos/workostest"
)

const sealTestPassword = "correct-horse-battery-staple-0123456789"

func TestWithSealedSession_SealsTheAuthenticateResult(t *testing.T) {
	srv := workostest.NewServer(t)
	org := srv.CreateOrganization("Acme")
	u := srv.CreateUser(workostest.NewUser{Email: "ada@example.com", Password: "hunter2hunter2", EmailVerified: true})
	srv.AddMembership(u.ID, org.ID, workostest.StatusActive, "admin")
	c := srv.Client()

	res, err := c.UserManagement.AuthenticateWithPassword(context.Background(), workos.AuthenticateWithPasswordParams{
		Email: "ada@example.com", Password: "hunter2hunter2",
	}, workos.WithSealedSession(sealTestPassword))
	require.NoError(t, err)
	require.NotEmpty(t, res.SealedSession)

	data, err := workos.UnsealSession(res.SealedSession, sealTestPassword)
	require.NoError(t, err)
	assert.Equal(t, res.AccessToken, data.AccessToken)
	assert.Equal(t, res.RefreshToken, data.RefreshToken)
	assert.Equal(t, org.ID, data.OrganizationID)
	assert.Equal(t, "ada@example.com", data.User.Email)
}

func TestWithSealedSession_ShortPasswordSendsNothing(t *testing.T) {
	srv := workostest.NewServer(t)
	c := srv.Client()
	_, err := c.UserManagement.AuthenticateWithPassword(context.Background(), workos.AuthenticateWithPasswordParams{
		Email: "ada@example.com", Password: "hunter2hunter2",
	}, workos.WithSealedSession("too-short"))
	require.ErrorIs(t, err, workos.ErrSealPasswordTooShort)
	assert.Zero(t, srv.CountRequests("POST", "/user_management/authenticate"))
}

func TestWithSealedSession_RefusedByNewClient(t *testing.T) {
	_, err := workos.NewClient(workos.WithAPIKey("sk_test"), workos.WithSealedSession(sealTestPassword))
	require.ErrorContains(t, err, "per-call option")
}

func TestWithSealedSession_UnsetLeavesSealedSessionEmpty(t *testing.T) {
	srv := workostest.NewServer(t)
	srv.CreateUser(workostest.NewUser{Email: "ada@example.com", Password: "hunter2hunter2", EmailVerified: true})
	res, err := srv.Client().UserManagement.AuthenticateWithPassword(context.Background(), workos.AuthenticateWithPasswordParams{
		Email: "ada@example.com", Password: "hunter2hunter2",
	})
	require.NoError(t, err)
	assert.Empty(t, res.SealedSession)
}
