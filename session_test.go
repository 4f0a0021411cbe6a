package workos

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const sessionTestPassword = "session-test-cookie-password-0123456789"

// sessionFakeAPI serves the JWKS and the refresh grant.
type sessionFakeAPI struct {
	*httptest.Server
	refreshes atomic.Int32
	lastBody  atomic.Pointer[[]byte]
	reply     func(w http.ResponseWriter, body map[string]any)
}

func sessionNewFakeAPI(t testing.TB) (*sessionFakeAPI, *Client) {
	key := sessionTestKey(t)
	jwks := sessionJWKSFor(t, key)
	api := &sessionFakeAPI{}
	api.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.Method == http.MethodGet && r.URL.Path == "/sso/jwks/client_123":
			_, _ = w.Write(jwks)
		case r.Method == http.MethodPost && r.URL.Path == "/user_management/authenticate":
			api.refreshes.Add(1)
			b, _ := io.ReadAll(r.Body)
			api.lastBody.Store(&b)
			var body map[string]any
			_ = json.Unmarshal(b, &body)
			time.Sleep(50 * time.Millisecond) // let concurrent callers pile up
			api.reply(w, body)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(api.Close)
	api.reply = func(w http.ResponseWriter, body map[string]any) {
		org, _ := body["organization_id"].(string)
		if org == "" {
			org = "org_1"
		}
		tok := sessionSignToken(t, key, "kid_test", map[string]any{
			"sub": "user_1", "sid": "session_2", "org_id": org, "role": "member", "roles": []string{"member"},
			"permissions": []string{"posts:read"}, "iat": time.Now().Unix(), "exp": time.Now().Add(5 * time.Minute).Unix(),
		})
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{
			"user": map[string]any{"object": "user", "id": "user_1", "email": "ada@example.com", "email_verified": true,
				"first_name": "Ada", "last_name": "Lovelace", "created_at": "2024-01-02T03:04:05.678Z", "updated_at": "2024-01-02T03:04:05.678Z"},
			"organization_id": org, "access_token": tok, "refresh_token": "rt_new", "authentication_method": "Password",
		})
	}
	c, err := NewClient(WithAPIKey("sk_test_123"), WithClientID("client_123"), WithBaseURL(api.URL),
		WithHTTPClient(api.Client()), WithBackoff(0, 0), WithMaxRetries(0))
	require.NoError(t, err)
	return api, c
}

// sessionCookie seals a session whose access token carries claims.
func sessionCookie(t testing.TB, refreshToken string, claims map[string]any) string {
	tok := sessionSignToken(t, sessionTestKey(t), "kid_test", claims)
	created := time.Date(2024, 1, 2, 3, 4, 5, 678e6, time.UTC)
	sealed, err := SealSession(&SessionData{
		OrganizationID: "org_1",
		User:           SessionUser{ID: "user_1", Email: "ada@example.com", EmailVerified: true, FirstName: String("Ada"), CreatedAt: created, UpdatedAt: created},
		AccessToken:    tok, RefreshToken: refreshToken, AuthenticationMethod: AuthenticationMethodPassword,
		Impersonator: &Impersonator{Email: "admin@example.com"},
	}, sessionTestPassword)
	require.NoError(t, err)
	return sealed
}

func sessionLiveClaims() map[string]any {
	return map[string]any{"sub": "user_1", "sid": "session_1", "org_id": "org_1", "role": "admin",
		"roles": []string{"admin"}, "permissions": []string{"users:read"}, "entitlements": []string{"sso"},
		"feature_flags": []string{"beta"}, "iat": time.Now().Unix(), "exp": time.Now().Add(5 * time.Minute).Unix()}
}

func TestCookieSessionAuthenticateReturnsVerifiedSession(t *testing.T) {
	_, c := sessionNewFakeAPI(t)
	v, err := NewVerifier(c)
	require.NoError(t, err)
	cookie := sessionCookie(t, "rt_1", sessionLiveClaims())
	got, err := LoadSealedSession(c, v, cookie, sessionTestPassword).Authenticate(context.Background())
	require.NoError(t, err)
	assert.Equal(t, "session_1", got.SessionID)
	assert.Equal(t, "org_1", got.OrganizationID)
	assert.Equal(t, "admin", got.Role)
	assert.Equal(t, []string{"admin"}, got.Roles)
	assert.Equal(t, []string{"users:read"}, got.Permissions)
	assert.Equal(t, []string{"sso"}, got.Entitlements)
	assert.Equal(t, []string{"beta"}, got.FeatureFlags)
	assert.Equal(t, AuthenticationMethodPassword, got.AuthenticationMethod)
	assert.Equal(t, &Impersonator{Email: "admin@example.com"}, got.Impersonator)
	assert.Equal(t, "user_1", got.User.ID)
	assert.Equal(t, "user", got.User.Object)
	assert.Equal(t, "Ada", *got.User.FirstName)
	assert.Equal(t, time.Date(2024, 1, 2, 3, 4, 5, 678e6, time.UTC), got.User.CreatedAt)
	assert.Equal(t, "user_1", got.Claims.Subject)
	assert.NotEmpty(t, got.AccessToken)
}

func TestCookieSessionAuthenticateReasons(t *testing.T) {
	_, c := sessionNewFakeAPI(t)
	v, err := NewVerifier(c)
	require.NoError(t, err)
	expired := sessionLiveClaims()
	expired["exp"] = time.Now().Add(-time.Hour).Unix()
	otherKey := sessionCookie(t, "rt", sessionLiveClaims())
	noToken, err := SealSession(&SessionData{RefreshToken: "rt"}, sessionTestPassword)
	require.NoError(t, err)
	cases := []struct {
		name, cookie, password string
		want                   error
		also                   error
	}{
		{"no cookie", "", sessionTestPassword, ErrSessionNoCookie, nil},
		{"garbage cookie", "not-a-seal", sessionTestPassword, ErrSessionInvalidCookie, ErrSealMalformed},
		{"wrong password", otherKey, strings.Repeat("x", 32), ErrSessionInvalidCookie, ErrSealBadMAC},
		{"no access token", noToken, sessionTestPassword, ErrSessionInvalidCookie, nil},
		{"expired token", sessionCookie(t, "rt", expired), sessionTestPassword, ErrSessionTokenExpired, ErrTokenExpired},
		{"short password", otherKey, "short", ErrSealPasswordTooShort, nil},
	}
	reasons := []error{ErrSessionNoCookie, ErrSessionInvalidCookie, ErrSessionInvalidJWT, ErrSessionTokenExpired, ErrSealPasswordTooShort}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := LoadSealedSession(c, v, tc.cookie, tc.password).Authenticate(context.Background())
			require.Error(t, err)
			for _, r := range reasons {
				assert.Equal(t, r == tc.want, errors.Is(err, r), "errors.Is(%v, %v)", err, r)
			}
			if tc.also != nil {
				assert.ErrorIs(t, err, tc.also)
			}
			if tc.cookie != "" {
				assert.NotContains(t, err.Error(), tc.cookie)
			}
		})
	}
}

func TestCookieSessionAuthenticateRefusesForgedToken(t *testing.T) {
	_, c := sessionNewFakeAPI(t)
	v, err := NewVerifier(c)
	require.NoError(t, err)
	claims := sessionLiveClaims()
	tok := sessionSignToken(t, sessionTestKey(t), "kid_test", claims)
	parts := strings.Split(tok, ".")
	claims["role"] = "owner"
	forged := strings.Split(sessionSignToken(t, sessionTestKey(t), "kid_test", claims), ".")[1]
	sealed, err := SealSession(&SessionData{AccessToken: parts[0] + "." + forged + "." + parts[2], RefreshToken: "rt"}, sessionTestPassword)
	require.NoError(t, err)
	_, err = LoadSealedSession(c, v, sealed, sessionTestPassword).Authenticate(context.Background())
	assert.ErrorIs(t, err, ErrSessionInvalidJWT)
	assert.ErrorIs(t, err, ErrTokenSignature)
	assert.NotErrorIs(t, err, ErrSessionTokenExpired)
}

func TestCookieSessionRefreshSealsRotatedCookie(t *testing.T) {
	api, c := sessionNewFakeAPI(t)
	v, err := NewVerifier(c)
	require.NoError(t, err)
	s := LoadSealedSession(c, v, sessionCookie(t, "rt_refresh_once", sessionLiveClaims()), sessionTestPassword)
	newPassword := strings.Repeat("n", 32)
	res, err := s.Refresh(context.Background(), RefreshSessionParams{OrganizationID: "org_2", CookiePassword: newPassword})
	require.NoError(t, err)
	assert.EqualValues(t, 1, api.refreshes.Load())
	assert.JSONEq(t, `{"grant_type":"refresh_token","client_id":"client_123","client_secret":"sk_test_123","refresh_token":"rt_refresh_once","organization_id":"org_2"}`, string(*api.lastBody.Load()))
	assert.Equal(t, res.SealedSession, s.SealedSession())
	assert.Equal(t, "rt_new", res.Response.RefreshToken)

	d, err := UnsealSession(res.SealedSession, newPassword)
	require.NoError(t, err)
	assert.Equal(t, "org_2", d.OrganizationID, "taken from the new token's org_id")
	assert.Equal(t, "rt_new", d.RefreshToken)
	assert.Equal(t, res.Response.AccessToken, d.AccessToken)
	assert.Equal(t, "Lovelace", *d.User.LastName)
	assert.Equal(t, AuthenticationMethodPassword, d.AuthenticationMethod)

	got, err := s.Authenticate(context.Background())
	require.NoError(t, err)
	assert.Equal(t, "session_2", got.SessionID)
	assert.Equal(t, "org_2", got.OrganizationID)
}

func TestCookieSessionConcurrentRefreshesMakeOneCall(t *testing.T) {
	api, c := sessionNewFakeAPI(t)
	cookie := sessionCookie(t, "rt_race", sessionLiveClaims())
	const n = 50
	results := make([]*RefreshedSession, n)
	errs := make([]error, n)
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			// Each request loads its own CookieSession from the same cookie.
			results[i], errs[i] = LoadSealedSession(c, nil, cookie, sessionTestPassword).Refresh(context.Background(), RefreshSessionParams{})
		}()
	}
	close(start)
	wg.Wait()
	assert.EqualValues(t, 1, api.refreshes.Load(), "one refresh request for 50 callers")
	for i := range n {
		require.NoError(t, errs[i])
		assert.Equal(t, results[0].SealedSession, results[i].SealedSession)
	}
}

func TestCookieSessionRefreshInvalidGrantIsDistinct(t *testing.T) {
	api, c := sessionNewFakeAPI(t)
	api.reply = func(w http.ResponseWriter, _ map[string]any) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusBadRequest)
		_, _ = io.WriteString(w, `{"error":"invalid_grant","error_description":"Refresh token already exchanged."}`)
	}
	cookie := sessionCookie(t, "rt_spent", sessionLiveClaims())
	s := LoadSealedSession(c, nil, cookie, sessionTestPassword)
	_, err := s.Refresh(context.Background(), RefreshSessionParams{})
	require.ErrorIs(t, err, ErrSessionRefreshTokenInvalid)
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusBadRequest, apiErr.StatusCode)
	assert.Equal(t, ErrorCodeInvalidGrant, apiErr.Code)
	assert.Equal(t, "Refresh token already exchanged.", apiErr.Message)
	assert.NotContains(t, err.Error(), "rt_spent")
	assert.Equal(t, cookie, s.SealedSession(), "a failed refresh keeps the cookie")

	// Failures are not kept: the next call goes to the API again.
	_, err = s.Refresh(context.Background(), RefreshSessionParams{})
	require.ErrorIs(t, err, ErrSessionRefreshTokenInvalid)
	assert.EqualValues(t, 2, api.refreshes.Load())
}

func TestCookieSessionRefreshOtherFailuresAreNotInvalidGrant(t *testing.T) {
	api, c := sessionNewFakeAPI(t)
	api.reply = func(w http.ResponseWriter, _ map[string]any) {
		w.WriteHeader(http.StatusUnprocessableEntity)
		_, _ = io.WriteString(w, `{"code":"invalid_request","message":"organization not found"}`)
	}
	_, err := LoadSealedSession(c, nil, sessionCookie(t, "rt_other", sessionLiveClaims()), sessionTestPassword).Refresh(context.Background(), RefreshSessionParams{OrganizationID: "org_x"})
	require.ErrorIs(t, err, ErrUnprocessable)
	assert.NotErrorIs(t, err, ErrSessionRefreshTokenInvalid)
}

func TestCookieSessionRefreshRefusesBadInputWithoutRequest(t *testing.T) {
	api, c := sessionNewFakeAPI(t)
	noRefresh, err := SealSession(&SessionData{AccessToken: "a"}, sessionTestPassword)
	require.NoError(t, err)
	cases := []struct {
		name string
		s    *CookieSession
		p    RefreshSessionParams
		want error
	}{
		{"no client", LoadSealedSession(nil, nil, "x", sessionTestPassword), RefreshSessionParams{}, ErrInvalidParams},
		{"no cookie", LoadSealedSession(c, nil, "", sessionTestPassword), RefreshSessionParams{}, ErrSessionNoCookie},
		{"no refresh token", LoadSealedSession(c, nil, noRefresh, sessionTestPassword), RefreshSessionParams{}, ErrSessionInvalidCookie},
		{"short new password", LoadSealedSession(c, nil, noRefresh, sessionTestPassword), RefreshSessionParams{CookiePassword: "short"}, ErrSealPasswordTooShort},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tc.s.Refresh(context.Background(), tc.p)
			assert.ErrorIs(t, err, tc.want)
		})
	}
	assert.EqualValues(t, 0, api.refreshes.Load())
}

func TestCookieSessionGetLogoutURLUsesSidEvenWhenExpired(t *testing.T) {
	_, c := sessionNewFakeAPI(t)
	claims := sessionLiveClaims()
	claims["exp"] = time.Now().Add(-time.Hour).Unix()
	s := LoadSealedSession(c, nil, sessionCookie(t, "rt", claims), sessionTestPassword)
	got, err := s.GetLogoutURL("https://app.example.com/signed-out?x=1")
	require.NoError(t, err)
	u, err := url.Parse(got)
	require.NoError(t, err)
	assert.Equal(t, "/user_management/sessions/logout", u.Path)
	assert.Equal(t, url.Values{"session_id": {"session_1"}, "return_to": {"https://app.example.com/signed-out?x=1"}}, u.Query())

	_, err = LoadSealedSession(c, nil, "", sessionTestPassword).GetLogoutURL("")
	assert.ErrorIs(t, err, ErrSessionNoCookie)
	_, err = LoadSealedSession(nil, nil, "x", sessionTestPassword).GetLogoutURL("")
	assert.ErrorIs(t, err, ErrInvalidParams)
}

func TestCookieSessionRefreshJustAfterAnotherReusesItsResult(t *testing.T) {
	api, c := sessionNewFakeAPI(t)
	cookie := sessionCookie(t, "rt_late", sessionLiveClaims())
	first, err := LoadSealedSession(c, nil, cookie, sessionTestPassword).Refresh(context.Background(), RefreshSessionParams{})
	require.NoError(t, err)
	// A request that left the browser before the new cookie arrived.
	late, err := LoadSealedSession(c, nil, cookie, sessionTestPassword).Refresh(context.Background(), RefreshSessionParams{})
	require.NoError(t, err)
	assert.Equal(t, first.SealedSession, late.SealedSession)
	assert.EqualValues(t, 1, api.refreshes.Load())
	// Another organization is another refresh.
	_, err = LoadSealedSession(c, nil, cookie, sessionTestPassword).Refresh(context.Background(), RefreshSessionParams{OrganizationID: "org_9"})
	require.NoError(t, err)
	assert.EqualValues(t, 2, api.refreshes.Load())
}

func TestCookieSessionRefreshSurvivesFirstCallerCancelling(t *testing.T) {
	api, c := sessionNewFakeAPI(t)
	cookie := sessionCookie(t, "rt_cancel", sessionLiveClaims())
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Millisecond)
	defer cancel()
	_, err := LoadSealedSession(c, nil, cookie, sessionTestPassword).Refresh(ctx, RefreshSessionParams{})
	require.ErrorIs(t, err, context.DeadlineExceeded)
	// The spent token's result still reaches the next caller.
	res, err := LoadSealedSession(c, nil, cookie, sessionTestPassword).Refresh(context.Background(), RefreshSessionParams{})
	require.NoError(t, err)
	assert.Equal(t, "rt_new", res.Response.RefreshToken)
	assert.EqualValues(t, 1, api.refreshes.Load())
}

func TestCookieSessionRefreshWithDoneContextDoesNotSpendTheToken(t *testing.T) {
	api, c := sessionNewFakeAPI(t)
	cookie := sessionCookie(t, "rt_done", sessionLiveClaims())
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	s := LoadSealedSession(c, nil, cookie, sessionTestPassword)
	_, err := s.Refresh(ctx, RefreshSessionParams{})
	require.ErrorIs(t, err, context.Canceled)
	assert.Never(t, func() bool { return api.refreshes.Load() > 0 }, 300*time.Millisecond, 10*time.Millisecond, "no refresh was sent")
	assert.Equal(t, cookie, s.SealedSession(), "the session keeps its cookie")
}
