package workostest_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"sync"
	"testing"

	"github.com/kestrel-dev/workos"
	"github.com/kestrel-dev/workos/workostest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestStartRunsOutsideATestUntilClosed(t *testing.T) {
	srv := workostest.Start(workostest.WithAPIKey("sk_test_custom"), workostest.WithClientID("client_custom"))
	assert.Equal(t, "sk_test_custom", srv.APIKey())
	assert.Equal(t, "client_custom", srv.ClientID())
	fakeExpect(t, 200, fakeAPI(t, srv, "GET", "/user_management/users", nil))
	fakeExpect(t, 404, fakeCall(t, srv, "GET", "/sso/jwks/"+workostest.DefaultClientID, nil, false))
	assert.Panics(t, func() { srv.AddMembership("user_missing", "org_missing", workostest.StatusActive) },
		"helpers panic without a test to fail")
	srv.Close()
	_, err := http.Get(srv.URL() + "/user_management/users")
	require.Error(t, err, "a closed server refuses connections")
}

func TestSignInHelperIssuesTokensTheSDKCanRefresh(t *testing.T) {
	t.Parallel()
	srv := workostest.NewServer(t)
	org := srv.CreateOrganization("Acme")
	u := srv.CreateUser(workostest.NewUser{Email: "ada@example.com"})
	srv.AddMembership(u.ID, org.ID, workostest.StatusActive, "admin")
	tok := srv.SignIn(u.ID, org.ID)
	claims := fakeVerify(t, srv, tok.AccessToken)
	assert.Equal(t, tok.SessionID, claims["sid"])
	assert.Equal(t, org.ID, claims["org_id"])
	assert.Equal(t, []any{}, claims["permissions"], "an organization session always carries permissions")

	client := srv.Client()
	res, err := client.UserManagement.AuthenticateWithRefreshToken(context.Background(), workos.AuthenticateWithRefreshTokenParams{RefreshToken: tok.RefreshToken})
	require.NoError(t, err)
	assert.Equal(t, u.ID, res.User.ID)
	assert.Equal(t, org.ID, res.OrganizationID)
	assert.Equal(t, workos.AuthenticationMethod("Password"), res.AuthenticationMethod)
	assert.NotEqual(t, tok.RefreshToken, res.RefreshToken)

	srv.Advance(workostest.DefaultRefreshReplayWindow) // past the replay window
	_, err = client.UserManagement.AuthenticateWithRefreshToken(context.Background(), workos.AuthenticateWithRefreshTokenParams{RefreshToken: tok.RefreshToken})
	var apiErr *workos.APIError
	require.True(t, errors.As(err, &apiErr), "got %v", err)
	assert.Equal(t, 400, apiErr.StatusCode)
	assert.Equal(t, "invalid_grant", apiErr.OAuthError)
}

func TestHTTPClientDoesNotFollowRedirects(t *testing.T) {
	t.Parallel()
	srv := workostest.NewServer(t)
	resp, err := srv.HTTPClient().Get(srv.URL() + "/user_management/sessions/logout?session_id=session_x&return_to=https%3A%2F%2Fapp.example%2F")
	require.NoError(t, err)
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, resp.Body)
	assert.Equal(t, http.StatusFound, resp.StatusCode)
	assert.Equal(t, "https://app.example/", resp.Header.Get("Location"))
	assert.NotEmpty(t, resp.Header.Get("X-Request-ID"))
}

func TestPasswordResetRejectsAWeakNewPassword(t *testing.T) {
	t.Parallel()
	srv := workostest.NewServer(t)
	u := srv.CreateUser(workostest.NewUser{Email: "ada@example.com"})
	fakeExpect(t, 201, fakeAPI(t, srv, "POST", "/user_management/password_reset", map[string]any{"email": u.Email}))
	mail, _ := srv.LastEmail(u.Email)
	r := fakeExpect(t, 400, fakeAPI(t, srv, "POST", "/user_management/password_reset/confirm", map[string]any{"token": mail.Token, "new_password": "short"}))
	assert.JSONEq(t, `{"code":"password_reset_error","message":"The password could not be reset.",
		"errors":[{"code":"password_too_short","message":"Password must be at least 8 characters."}]}`, string(r.Raw))
}

func TestObserverSeesEveryExchangeIncludingFaults(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	var seen []workostest.Exchange
	srv := workostest.NewServer(t, workostest.WithObserver(func(e workostest.Exchange) {
		mu.Lock()
		defer mu.Unlock()
		seen = append(seen, e)
	}))
	fakeExpect(t, 201, fakeAPI(t, srv, "POST", "/user_management/users", map[string]any{"email": "ada@example.com"}))
	srv.FailNext("GET", "/user_management/users", 1, 503, 0)
	fakeExpect(t, 503, fakeAPI(t, srv, "GET", "/user_management/users", nil))

	mu.Lock()
	defer mu.Unlock()
	require.Len(t, seen, 2)
	assert.Equal(t, "POST", seen[0].Method)
	assert.Equal(t, "/user_management/users", seen[0].Path)
	assert.JSONEq(t, `{"email":"ada@example.com"}`, string(seen[0].RequestBody))
	assert.Equal(t, "Bearer "+srv.APIKey(), seen[0].RequestHeader.Get("Authorization"))
	assert.Equal(t, 201, seen[0].Status)
	assert.Contains(t, string(seen[0].Body), `"object":"user"`)
	assert.NotEmpty(t, seen[0].Header.Get("X-Request-ID"))
	assert.False(t, seen[0].Fault)
	assert.Equal(t, 503, seen[1].Status)
	assert.True(t, seen[1].Fault)
}
