package workos_test

import (
	"errors"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/kestrel-dev/workos"
	"github.com/kestrel-dev/workos/workostest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const integCookiePassword = "an-integration-cookie-password-of-40-chars"

// integSessionWorld is a server with one signed-in user whose session is
// sealed into a cookie, as a web app's callback would leave it.
type integSessionWorld struct {
	srv      *workostest.Server
	client   *workos.Client
	verifier *workos.Verifier
	user     workostest.User
	org      workostest.Organization
	auth     *workos.AuthenticateResponse
	sealed   string
	refresh  *integGrants
}

func integNewSessionWorld(t *testing.T) *integSessionWorld {
	t.Helper()
	grants := &integGrants{}
	srv := workostest.NewServer(t, workostest.WithObserver(grants.observe))
	// Freeze the clock so the test can expire tokens by moving it.
	srv.SetNow(time.Now().UTC().Truncate(time.Second))
	w := &integSessionWorld{srv: srv, client: srv.Client(), refresh: grants}
	var err error
	w.verifier, err = workos.NewVerifier(w.client, workos.WithTokenIssuer(srv.Issuer()), workos.WithVerifierClock(srv.Now))
	require.NoError(t, err)
	w.org = srv.CreateOrganization("Acme")
	w.user = srv.CreateUser(workostest.NewUser{Email: "session@example.com", Password: "session password", EmailVerified: true})
	srv.AddMembership(w.user.ID, w.org.ID, workostest.StatusActive, "admin")
	srv.SetRolePermissions("admin", "posts:write", "posts:read")
	w.auth, err = w.client.UserManagement.AuthenticateWithPassword(integCtx(t), workos.AuthenticateWithPasswordParams{
		Email: w.user.Email, Password: "session password",
	})
	require.NoError(t, err)
	w.sealed, err = workos.SealSessionFromAuthResponse(w.auth, integCookiePassword)
	require.NoError(t, err)
	return w
}

// TestIntegration_SealedSessionAuthenticateRefreshLogout takes a session
// cookie made from the fake's tokens through its life: authenticated while
// fresh, expired when the clock moves past the token's exp, refreshed
// into a new cookie, and ended by following its logout URL.
func TestIntegration_SealedSessionAuthenticateRefreshLogout(t *testing.T) {
	t.Parallel()
	w := integNewSessionWorld(t)
	ctx := integCtx(t)

	data, err := workos.UnsealSession(w.sealed, integCookiePassword)
	require.NoError(t, err)
	assert.Equal(t, w.org.ID, data.OrganizationID)
	assert.Equal(t, w.user.ID, data.User.ID)
	assert.Equal(t, w.auth.AccessToken, data.AccessToken)

	s := workos.LoadSealedSession(w.client, w.verifier, w.sealed, integCookiePassword)
	got, err := s.Authenticate(ctx)
	require.NoError(t, err)
	assert.Equal(t, w.user.ID, got.User.ID)
	assert.Equal(t, w.user.Email, got.User.Email)
	assert.Equal(t, w.org.ID, got.OrganizationID)
	assert.Equal(t, "admin", got.Role)
	assert.Equal(t, []string{"admin"}, got.Roles)
	assert.ElementsMatch(t, []string{"posts:write", "posts:read"}, got.Permissions)
	assert.Equal(t, workos.AuthenticationMethodPassword, got.AuthenticationMethod)
	sid := got.SessionID
	require.NotEmpty(t, sid)

	_, err = workos.LoadSealedSession(w.client, w.verifier, w.sealed, "another-password-that-is-long-enough-too").Authenticate(ctx)
	assert.ErrorIs(t, err, workos.ErrSessionInvalidCookie)
	_, err = workos.LoadSealedSession(w.client, w.verifier, "", integCookiePassword).Authenticate(ctx)
	assert.ErrorIs(t, err, workos.ErrSessionNoCookie)

	// Five minutes later the access token has expired (leeway included).
	w.srv.Advance(6 * time.Minute)
	_, err = s.Authenticate(ctx)
	assert.ErrorIs(t, err, workos.ErrSessionTokenExpired)
	assert.ErrorIs(t, err, workos.ErrTokenExpired)

	ref, err := s.Refresh(ctx, workos.RefreshSessionParams{})
	require.NoError(t, err)
	assert.NotEqual(t, w.sealed, ref.SealedSession)
	assert.Equal(t, ref.SealedSession, s.SealedSession(), "the session holds the new cookie")
	assert.Equal(t, w.user.ID, ref.Response.User.ID)
	got, err = s.Authenticate(ctx)
	require.NoError(t, err)
	assert.Equal(t, sid, got.SessionID, "a refresh keeps the session")

	// The old cookie's refresh token is spent at the server. A refresh of
	// the old cookie just after gets the same result (the SDK shares a
	// success for a few seconds) instead of an error.
	// At the server, a replay inside its window gets the same pair.
	replay, err := w.client.UserManagement.AuthenticateWithRefreshToken(ctx, workos.AuthenticateWithRefreshTokenParams{RefreshToken: data.RefreshToken})
	require.NoError(t, err)
	assert.Equal(t, ref.Response.RefreshToken, replay.RefreshToken)
	late, err := workos.LoadSealedSession(w.client, w.verifier, w.sealed, integCookiePassword).Refresh(ctx, workos.RefreshSessionParams{})
	require.NoError(t, err)
	assert.Equal(t, ref.SealedSession, late.SealedSession)

	logout, err := s.GetLogoutURL("https://app.example/signed-out")
	require.NoError(t, err)
	status, loc := integFollow(t, w.srv, logout)
	assert.Equal(t, http.StatusFound, status)
	assert.Equal(t, "https://app.example/signed-out", loc)
	for _, ss := range w.srv.Sessions(w.user.ID) {
		if ss.ID == sid {
			assert.False(t, ss.Active, "logout ended the session")
		}
	}
	_, err = s.Refresh(ctx, workos.RefreshSessionParams{})
	assert.ErrorIs(t, err, workos.ErrSessionRefreshTokenInvalid, "an ended session cannot be renewed")
}

// TestIntegration_FiftyConcurrentRefreshesMakeOneRequest has 50 requests
// from one browser find the access token expired at once and refresh the
// same cookie: the SDK sends one refresh grant to the fake, spending the
// single-use refresh token once, and every caller gets the same new cookie.
func TestIntegration_FiftyConcurrentRefreshesMakeOneRequest(t *testing.T) {
	t.Parallel()
	w := integNewSessionWorld(t)
	ctx := integCtx(t)
	w.srv.Advance(6 * time.Minute)
	before := w.refresh.count(workos.GrantTypeRefreshToken)

	const callers = 50
	var wg sync.WaitGroup
	start := make(chan struct{})
	results := make([]*workos.RefreshedSession, callers)
	errs := make([]error, callers)
	for i := range callers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s := workos.LoadSealedSession(w.client, w.verifier, w.sealed, integCookiePassword)
			<-start
			if _, err := s.Authenticate(ctx); !errors.Is(err, workos.ErrSessionTokenExpired) {
				errs[i] = errors.Join(errors.New("expected an expired token"), err)
				return
			}
			results[i], errs[i] = s.Refresh(ctx, workos.RefreshSessionParams{})
		}()
	}
	close(start)
	wg.Wait()

	for i := range callers {
		require.NoError(t, errs[i], "caller %d", i)
		assert.Equal(t, results[0].SealedSession, results[i].SealedSession, "caller %d", i)
	}
	assert.Equal(t, 1, w.refresh.count(workos.GrantTypeRefreshToken)-before, "one refresh grant reached the server")
	got, err := workos.LoadSealedSession(w.client, w.verifier, results[0].SealedSession, integCookiePassword).Authenticate(ctx)
	require.NoError(t, err)
	assert.Equal(t, w.user.ID, got.User.ID)
}

// TestIntegration_SealedSessionRefreshSwitchesOrganizationAndPassword
// refreshes a cookie into the user's other organization while rotating the
// cookie password: the new cookie carries the new organization's claims and
// opens only with the new password.
func TestIntegration_SealedSessionRefreshSwitchesOrganizationAndPassword(t *testing.T) {
	t.Parallel()
	w := integNewSessionWorld(t)
	ctx := integCtx(t)
	other := w.srv.CreateOrganization("Globex")
	w.srv.AddMembership(w.user.ID, other.ID, workostest.StatusActive, "viewer")
	w.srv.SetRolePermissions("viewer", "posts:read")

	const newPassword = "a-rotated-cookie-password-also-long-enough"
	s := workos.LoadSealedSession(w.client, w.verifier, w.sealed, integCookiePassword)
	ref, err := s.Refresh(ctx, workos.RefreshSessionParams{OrganizationID: other.ID, CookiePassword: newPassword})
	require.NoError(t, err)
	assert.Equal(t, other.ID, ref.Response.OrganizationID)

	_, err = workos.UnsealSession(ref.SealedSession, integCookiePassword)
	assert.ErrorIs(t, err, workos.ErrSealBadMAC, "the old password no longer opens the cookie")
	data, err := workos.UnsealSession(ref.SealedSession, newPassword)
	require.NoError(t, err)
	assert.Equal(t, other.ID, data.OrganizationID)

	got, err := s.Authenticate(ctx)
	require.NoError(t, err, "the session keeps the new password")
	assert.Equal(t, other.ID, got.OrganizationID)
	assert.Equal(t, "viewer", got.Role)
	assert.Equal(t, []string{"posts:read"}, got.Permissions)

	_, err = s.Refresh(ctx, workos.RefreshSessionParams{OrganizationID: "org_01NOTAMEMBER"})
	var apiErr *workos.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, workos.ErrorCodeOrganizationNotFound, apiErr.Code)
	assert.NotErrorIs(t, err, workos.ErrSessionRefreshTokenInvalid, "the session itself is still good")
}

func integSessions(t *testing.T, w *integWorld) {
	ctx := integCtx(t)
	resp, err := w.um.AuthenticateWithPassword(ctx, workos.AuthenticateWithPasswordParams{
		Email: w.ada.Email, Password: w.adaPass, IPAddress: "198.51.100.4", UserAgent: "sessions-test",
	})
	require.NoError(t, err)
	claims, err := integVerifier(t, w).Verify(ctx, resp.AccessToken)
	require.NoError(t, err)

	sessions := integAll(t, w.um.ListSessions(ctx, w.ada.ID, workos.ListSessionsParams{}))
	require.GreaterOrEqual(t, len(sessions), 2, "one session per password sign-in")
	newest := sessions[0]
	assert.Equal(t, claims.SessionID, newest.ID, "newest first")
	assert.Equal(t, "session", newest.Object)
	assert.Equal(t, w.ada.ID, newest.UserID)
	assert.Equal(t, w.org.ID, newest.OrganizationID)
	assert.Equal(t, workos.SessionStatusActive, newest.Status)
	assert.Equal(t, workos.SessionAuthMethodPassword, newest.AuthMethod)
	assert.Equal(t, workos.String("198.51.100.4"), newest.IPAddress)
	assert.Equal(t, workos.String("sessions-test"), newest.UserAgent)
	assert.Nil(t, newest.EndedAt)

	r, err := w.um.RevokeSession(ctx, workos.RevokeSessionParams{SessionID: claims.SessionID})
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, r.StatusCode)
	sessions = integAll(t, w.um.ListSessions(ctx, w.ada.ID, workos.ListSessionsParams{}))
	assert.Equal(t, workos.SessionStatusRevoked, sessions[0].Status)
	require.NotNil(t, sessions[0].EndedAt)
	assert.WithinDuration(t, w.srv.Now(), *sessions[0].EndedAt, time.Second)
	_, err = w.um.AuthenticateWithRefreshToken(ctx, workos.AuthenticateWithRefreshTokenParams{RefreshToken: resp.RefreshToken})
	assert.True(t, workos.IsInvalidGrant(err), "a revoked session cannot be refreshed: %v", err)

	_, err = w.um.RevokeSession(ctx, workos.RevokeSessionParams{SessionID: "session_01NOPE"})
	integAPIError(t, err, http.StatusBadRequest, "")
}

func integLogoutAndDelete(t *testing.T, w *integWorld) {
	ctx := integCtx(t)
	resp, err := w.um.AuthenticateWithPassword(ctx, workos.AuthenticateWithPasswordParams{Email: w.grace.Email, Password: "cobol forever"})
	require.NoError(t, err)
	claims, err := integVerifier(t, w).Verify(ctx, resp.AccessToken)
	require.NoError(t, err)

	u, err := w.um.GetLogoutURL(claims.SessionID, "https://app.example/bye")
	require.NoError(t, err)
	status, loc := integFollow(t, w.srv, u)
	assert.Equal(t, http.StatusFound, status)
	assert.Equal(t, "https://app.example/bye", loc)
	var ended bool
	for _, s := range w.srv.Sessions(w.grace.ID) {
		if s.ID == claims.SessionID {
			ended = !s.Active
		}
	}
	assert.True(t, ended, "logout ended the session")
	_, err = w.um.AuthenticateWithRefreshToken(ctx, workos.AuthenticateWithRefreshTokenParams{RefreshToken: resp.RefreshToken})
	assert.True(t, workos.IsInvalidGrant(err), "a logged-out session cannot be refreshed: %v", err)

	// Deleting a user ends their sessions too.
	live, err := w.um.AuthenticateWithPassword(ctx, workos.AuthenticateWithPasswordParams{Email: w.grace.Email, Password: "cobol forever"})
	require.NoError(t, err)
	r, err := w.um.DeleteUser(ctx, w.grace.ID)
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, r.StatusCode)
	_, err = w.um.GetUser(ctx, w.grace.ID)
	assert.ErrorIs(t, err, workos.ErrNotFound)
	_, err = w.um.AuthenticateWithRefreshToken(ctx, workos.AuthenticateWithRefreshTokenParams{RefreshToken: live.RefreshToken})
	assert.True(t, workos.IsInvalidGrant(err), "a deleted user's session cannot be refreshed: %v", err)
	var apiErr *workos.APIError
	assert.True(t, errors.As(err, &apiErr))
}
