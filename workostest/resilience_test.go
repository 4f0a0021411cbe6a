package workostest_test

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/kestrel-dev/workos"
	"github.com/kestrel-dev/workos/workostest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func refreshGrant(t *testing.T, srv *workostest.Server, rt string) fakeReply {
	t.Helper()
	return fakeAuth(t, srv, map[string]any{"grant_type": "refresh_token", "refresh_token": rt})
}

func TestRefreshTokenReplayInsideWindowGetsTheSameRotatedPair(t *testing.T) {
	t.Parallel()
	srv := workostest.NewServer(t)
	u := srv.CreateUser(workostest.NewUser{Email: "ada@example.com"})
	rt1 := srv.SignIn(u.ID, "").RefreshToken

	first := fakeExpect(t, 200, refreshGrant(t, srv, rt1))
	srv.Advance(workostest.DefaultRefreshReplayWindow - time.Second)
	replay := fakeExpect(t, 200, refreshGrant(t, srv, rt1))
	assert.Equal(t, first.str(t, "refresh_token"), replay.str(t, "refresh_token"), "the same rotated refresh token")
	assert.Equal(t, first.str(t, "access_token"), replay.str(t, "access_token"), "the same access token")

	srv.Advance(time.Second) // the window is over
	late := fakeExpect(t, 400, refreshGrant(t, srv, rt1))
	assert.Equal(t, "invalid_grant", late.Body["error"])
	// The rotated token was never spent by the replays.
	fakeExpect(t, 200, refreshGrant(t, srv, first.str(t, "refresh_token")))
}

func TestRefreshReplayWindowIsASetting(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		window, after time.Duration
		want          int
	}{
		{0, 0, 400}, // strictly single-use
		{time.Minute, 59 * time.Second, 200},
		{time.Minute, time.Minute, 400},
	} {
		t.Run(fmt.Sprint(tc.window, "/", tc.after), func(t *testing.T) {
			srv := workostest.NewServer(t, workostest.WithRefreshReplayWindow(tc.window))
			u := srv.CreateUser(workostest.NewUser{Email: "ada@example.com"})
			rt := srv.SignIn(u.ID, "").RefreshToken
			fakeExpect(t, 200, refreshGrant(t, srv, rt))
			srv.Advance(tc.after)
			fakeExpect(t, tc.want, refreshGrant(t, srv, rt))
		})
	}
}

func TestReplayOfRevokedSessionsRefreshTokenIsInvalidGrant(t *testing.T) {
	t.Parallel()
	srv := workostest.NewServer(t)
	u := srv.CreateUser(workostest.NewUser{Email: "ada@example.com"})
	tok := srv.SignIn(u.ID, "")
	fakeExpect(t, 200, refreshGrant(t, srv, tok.RefreshToken))
	fakeExpect(t, 200, fakeAPI(t, srv, "POST", "/user_management/sessions/revoke", map[string]any{"session_id": tok.SessionID}))
	assert.Equal(t, "invalid_grant", fakeExpect(t, 400, refreshGrant(t, srv, tok.RefreshToken)).Body["error"])
}

// The reply of a refresh is lost (the server redeemed the token, the
// client saw a 503). The session keeps its cookie, and the next Refresh
// with the same refresh token recovers the session through the window.
func TestLostRefreshReplyIsRecoveredByTheRetry(t *testing.T) {
	t.Parallel()
	srv := workostest.NewServer(t)
	u := srv.CreateUser(workostest.NewUser{Email: "ada@example.com"})
	tok := srv.SignIn(u.ID, "")
	const password = "workostest-cookie-password-0123456789"
	cookie, err := workos.SealSession(&workos.SessionData{AccessToken: tok.AccessToken, RefreshToken: tok.RefreshToken}, password)
	require.NoError(t, err)
	client := srv.Client(workos.WithMaxRetries(0))
	ctx := context.Background()

	srv.InjectFault(workostest.Fault{Method: "POST", Path: "/user_management/authenticate", Status: 503, AfterHandling: true})
	sess := workos.LoadSealedSession(client, srv.Verifier(), cookie, password)
	_, err = sess.Refresh(ctx, workos.RefreshSessionParams{})
	require.ErrorIs(t, err, workos.ErrSessionTransient)
	require.NotErrorIs(t, err, workos.ErrSessionRefreshTokenInvalid)
	assert.Equal(t, cookie, sess.SealedSession(), "keep the cookie")

	res, err := sess.Refresh(ctx, workos.RefreshSessionParams{})
	require.NoError(t, err)
	assert.Equal(t, 2, srv.CountRequests("POST", "/user_management/authenticate"))
	got, err := sess.Authenticate(ctx)
	require.NoError(t, err)
	assert.Equal(t, tok.SessionID, got.SessionID)
	// The recovered pair is live: its refresh token rotates again.
	assert.NotEqual(t, tok.RefreshToken, res.Response.RefreshToken, "the retry got the rotated pair")
	again, err := client.UserManagement.AuthenticateWithRefreshToken(ctx, workos.AuthenticateWithRefreshTokenParams{RefreshToken: res.Response.RefreshToken})
	require.NoError(t, err)
	assert.NotEqual(t, res.Response.RefreshToken, again.RefreshToken, "the recovered refresh token rotates")
	assert.Equal(t, u.ID, again.User.ID)
}

func TestInjectFaultWithoutStatusIsAMisuse(t *testing.T) {
	t.Parallel()
	srv := workostest.Start() // outside a test, helpers panic instead of failing t
	defer srv.Close()
	for _, f := range []workostest.Fault{{}, {Path: "/user_management/users", Status: 99}, {Status: 600}} {
		assert.PanicsWithValue(t, fmt.Sprintf("workostest: InjectFault: Status must be an HTTP status from 200 to 599, got %d", f.Status), func() { srv.InjectFault(f) })
	}
	assert.NotPanics(t, func() { srv.InjectFault(workostest.Fault{Path: "/none", Reset: true}) })
	assert.NotPanics(t, func() { srv.InjectFault(workostest.Fault{Path: "/none", Delay: time.Millisecond}) })
	// The server still answers: no fault broke it.
	resp, err := srv.HTTPClient().Get(srv.URL() + "/sso/jwks/" + srv.ClientID())
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, 200, resp.StatusCode)
}

// stallBody sends a POST's headers and half its body, then stops writing.
// It returns once the server has received the request.
func stallBody(t *testing.T, srv *workostest.Server, idemKey string) net.Conn {
	t.Helper()
	conn, err := net.Dial("tcp", strings.TrimPrefix(srv.URL(), "http://"))
	require.NoError(t, err)
	t.Cleanup(func() { conn.Close() })
	before := srv.CountRequests("POST", "/user_management/users")
	_, err = fmt.Fprintf(conn, "POST /user_management/users HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\nIdempotency-Key: %s\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"email\":", srv.APIKey(), idemKey)
	require.NoError(t, err)
	require.Eventually(t, func() bool { return srv.CountRequests("POST", "/user_management/users") > before }, 10*time.Second, time.Millisecond)
	return conn
}

func TestStalledRequestBodyDoesNotBlockTheSameIdempotencyKey(t *testing.T) {
	t.Parallel()
	srv := workostest.NewServer(t, workostest.WithRequestBodyTimeout(time.Minute))
	stallBody(t, srv, "idem-stall")
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	u, err := srv.Client().UserManagement.CreateUser(ctx, workos.CreateUserParams{Email: "ada@example.com"}, workos.WithIdempotencyKey("idem-stall"))
	require.NoError(t, err, "answered while the other request with its key is still stalled")
	assert.Equal(t, "ada@example.com", u.Email)
}

func TestStalledRequestBodyDoesNotBlockClose(t *testing.T) {
	t.Parallel()
	srv := workostest.Start(workostest.WithRequestBodyTimeout(100 * time.Millisecond))
	conn := stallBody(t, srv, "idem-close")
	closed := make(chan struct{})
	go func() { srv.Close(); close(closed) }()
	select {
	case <-closed:
	case <-time.After(20 * time.Second):
		t.Fatal("Close is still waiting for the stalled request")
	}
	// The stalled client got no reply: its connection was just closed.
	_ = conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	_, err := http.ReadResponse(bufio.NewReader(conn), nil)
	assert.Error(t, err)
}

func TestCloseDropsARequestHeldByADelayFault(t *testing.T) {
	t.Parallel()
	srv := workostest.Start()
	srv.InjectFault(workostest.Fault{Path: "/sso/jwks/*", Delay: time.Hour})
	errc := make(chan error, 1)
	go func() {
		resp, err := srv.HTTPClient().Get(srv.URL() + "/sso/jwks/" + srv.ClientID())
		if err == nil {
			resp.Body.Close()
		}
		errc <- err
	}()
	require.Eventually(t, func() bool { return srv.CountRequests("GET", "/sso/jwks/*") == 1 }, 10*time.Second, time.Millisecond)
	closed := make(chan struct{})
	go func() { srv.Close(); close(closed) }()
	select {
	case <-closed:
	case <-time.After(20 * time.Second):
		t.Fatal("Close is still waiting for the delayed request")
	}
	assert.Error(t, <-errc, "the delayed request got no reply")
}
