package workos

import (
	"context"
	"errors"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sessionReplyWith answers the refresh grant with status and body.
func sessionReplyWith(status int, body string) func(http.ResponseWriter, map[string]any) {
	return func(w http.ResponseWriter, _ map[string]any) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = io.WriteString(w, body)
	}
}

func TestCookieSessionRefreshClassifiesTransientAndTerminalFailures(t *testing.T) {
	cases := []struct {
		name      string
		reply     func(http.ResponseWriter, map[string]any)
		transient bool
		also      error  // matched with errors.Is
		status    int    // of the *APIError, 0 for none
		as        string // the typed challenge errors.As finds
	}{
		{"503", sessionReplyWith(503, `{"message":"Service Unavailable"}`), true, ErrServer, 503, ""},
		{"500", sessionReplyWith(500, `{"message":"boom"}`), true, ErrServer, 500, ""},
		{"429", sessionReplyWith(429, `{"code":"rate_limit_exceeded","message":"slow down"}`), true, ErrRateLimited, 429, ""},
		{"408", sessionReplyWith(408, `{"message":"Request Timeout"}`), true, nil, 408, ""},
		{"connection reset", func(w http.ResponseWriter, _ map[string]any) {
			conn, _, err := w.(http.Hijacker).Hijack()
			if err == nil {
				_ = conn.Close()
			}
		}, true, ErrNetwork, 0, ""},
		{"invalid_grant", sessionReplyWith(400, `{"error":"invalid_grant","error_description":"used"}`), false, ErrSessionRefreshTokenInvalid, 400, ""},
		{"mfa_enrollment", sessionReplyWith(403, `{"code":"mfa_enrollment","message":"enroll","pending_authentication_token":"pat_1","user":{"object":"user","id":"user_1","email":"ada@example.com"}}`), false, ErrForbidden, 403, "mfa"},
		{"sso_required", sessionReplyWith(403, `{"code":"sso_required","message":"sso","pending_authentication_token":"pat_2","email":"ada@example.com","connection_ids":["conn_1"]}`), false, ErrForbidden, 403, "sso"},
		{"422 is neither", sessionReplyWith(422, `{"code":"invalid_request","message":"organization not found"}`), false, ErrUnprocessable, 422, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			api, c := sessionNewFakeAPI(t)
			api.reply = tc.reply
			cookie := sessionCookie(t, "rt_classify_"+tc.name, sessionLiveClaims())
			s := LoadSealedSession(c, nil, cookie, sessionTestPassword)
			_, err := s.Refresh(context.Background(), RefreshSessionParams{})
			require.Error(t, err)
			assert.Equal(t, tc.transient, errors.Is(err, ErrSessionTransient), "transient: %v", err)
			assert.Equal(t, tc.name == "invalid_grant", errors.Is(err, ErrSessionRefreshTokenInvalid), "invalid grant: %v", err)
			if tc.also != nil {
				assert.ErrorIs(t, err, tc.also)
			}
			var apiErr *APIError
			assert.Equal(t, tc.status != 0, errors.As(err, &apiErr))
			if tc.status != 0 {
				assert.Equal(t, tc.status, apiErr.StatusCode)
			}
			var mfa *MFAEnrollmentError
			var sso *SSORequiredError
			assert.Equal(t, tc.as == "mfa", errors.As(err, &mfa))
			assert.Equal(t, tc.as == "sso", errors.As(err, &sso))
			if sso != nil {
				assert.Equal(t, []string{"conn_1"}, sso.ConnectionIDs)
			}
			assert.Equal(t, cookie, s.SealedSession(), "a failed refresh keeps the cookie")
			assert.EqualValues(t, 1, api.refreshes.Load())
		})
	}
}

func TestCookieSessionRefreshTimeoutIsTransient(t *testing.T) {
	api, c := sessionNewFakeAPI(t)
	ok := api.reply
	api.reply = func(w http.ResponseWriter, body map[string]any) {
		time.Sleep(400 * time.Millisecond)
		ok(w, body)
	}
	cookie := sessionCookie(t, "rt_timeout", sessionLiveClaims())
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	_, err := LoadSealedSession(c, nil, cookie, sessionTestPassword).Refresh(ctx, RefreshSessionParams{})
	require.ErrorIs(t, err, ErrSessionTransient)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.NotErrorIs(t, err, ErrSessionRefreshTokenInvalid)
	assert.LessOrEqual(t, api.refreshes.Load(), int32(1))
}

func TestCookieSessionAuthenticateKeySetFailuresAreTransient(t *testing.T) {
	t.Run("key set unfetchable", func(t *testing.T) {
		jwks := sessionNewJWKSServer(t, []byte(`{"keys":[]}`))
		jwks.status.Store(503)
		v, err := NewJWKSVerifier("client_123", jwks.URL+"/sso/jwks/client_123", jwks.Client())
		require.NoError(t, err)
		_, err = LoadSealedSession(nil, v, sessionCookie(t, "rt", sessionLiveClaims()), sessionTestPassword).Authenticate(context.Background())
		assert.ErrorIs(t, err, ErrSessionTransient)
		assert.ErrorIs(t, err, ErrJWKSUnavailable)
		assert.NotErrorIs(t, err, ErrSessionInvalidJWT)
	})
	t.Run("kid not fetched yet", func(t *testing.T) {
		_, c := sessionNewFakeAPI(t)
		v, err := NewVerifier(c)
		require.NoError(t, err)
		claims := sessionLiveClaims()
		tok := sessionSignToken(t, sessionTestKey(t), "kid_rotated_in", claims)
		sealed, err := SealSession(&SessionData{AccessToken: tok, RefreshToken: "rt"}, sessionTestPassword)
		require.NoError(t, err)
		_, err = LoadSealedSession(c, v, sealed, sessionTestPassword).Authenticate(context.Background())
		assert.ErrorIs(t, err, ErrSessionTransient)
		assert.ErrorIs(t, err, ErrTokenUnknownKey)
		assert.NotErrorIs(t, err, ErrSessionInvalidJWT)
	})
}

// The reproduction: a user signed in to one organization switches
// to another, then refreshes without naming one.
func TestCookieSessionRefreshKeepsTheCurrentOrganization(t *testing.T) {
	api, c := sessionNewFakeAPI(t)
	s := LoadSealedSession(c, nil, sessionCookie(t, "rt_switch", sessionLiveClaims()), sessionTestPassword)
	_, err := s.Refresh(context.Background(), RefreshSessionParams{OrganizationID: "org_A"})
	require.NoError(t, err)
	assert.JSONEq(t, `{"grant_type":"refresh_token","client_id":"client_123","client_secret":"sk_test_123","refresh_token":"rt_switch","organization_id":"org_A"}`, string(*api.lastBody.Load()))

	// The rotated cookie's token now says org_A; a plain refresh keeps it.
	next := LoadSealedSession(c, nil, s.SealedSession(), sessionTestPassword)
	_, err = next.Refresh(context.Background(), RefreshSessionParams{})
	require.NoError(t, err)
	assert.JSONEq(t, `{"grant_type":"refresh_token","client_id":"client_123","client_secret":"sk_test_123","refresh_token":"rt_new","organization_id":"org_A"}`, string(*api.lastBody.Load()))
	assert.EqualValues(t, 2, api.refreshes.Load())
}

// The single-flight is keyed on the organization actually sent, so naming
// the cookie's own organization shares the plain refresh's call.
func TestCookieSessionRefreshSingleFlightKeysOnEffectiveOrganization(t *testing.T) {
	api, c := sessionNewFakeAPI(t)
	cookie := sessionCookie(t, "rt_effective", sessionLiveClaims()) // org_1
	first, err := LoadSealedSession(c, nil, cookie, sessionTestPassword).Refresh(context.Background(), RefreshSessionParams{})
	require.NoError(t, err)
	same, err := LoadSealedSession(c, nil, cookie, sessionTestPassword).Refresh(context.Background(), RefreshSessionParams{OrganizationID: "org_1"})
	require.NoError(t, err)
	assert.Equal(t, first.SealedSession, same.SealedSession)
	assert.EqualValues(t, 1, api.refreshes.Load())
}
