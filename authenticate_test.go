package workos

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const authTestURL = "https://api.workos.test/user_management/authenticate"

// authResponseJSON is a full authenticate reply around minimalUserJSON.
const authResponseJSON = `{
  "user": ` + minimalUserJSON + `,
  "organization_id": "org_01H945H0YD4F97JN9MATX7BYAG",
  "authkit_authorization_code": "akc_01JBS0GN92GC2RJQS4X9DBPQ2A",
  "access_token": "eyJhbGciOiJSUzI1NiJ9.eyJzaWQiOiJzZXNzXzEifQ.c2ln",
  "refresh_token": "yAjhKk123NLIjdrBdGZPf8pLIDvK",
  "authentication_method": "Password",
  "impersonator": {"email": "admin@foocorp.com", "reason": "Investigating a billing issue."},
  "oauth_tokens": {
    "provider": "GoogleOAuth",
    "access_token": "ya29.provider-access",
    "refresh_token": "1//provider-refresh",
    "expires_at": 1735141800,
    "scopes": ["profile", "email"]
  }
}`

func TestAuthenticateWithPassword_DecodesEveryResponseField(t *testing.T) {
	c, mt := newMockTransportClient(t)
	rec := &requestLog{}
	mt.RegisterResponder(http.MethodPost, authTestURL, rec.responder(200, authResponseJSON))

	res, err := c.UserManagement.AuthenticateWithPassword(context.Background(), AuthenticateWithPasswordParams{Email: "marcelina.davis@example.com", Password: "i8uv6g34kd490s"})
	require.NoError(t, err)

	assert.Equal(t, wantMinimalUser(), res.User, "nested values carry no reply metadata")

	assert.Equal(t, "org_01H945H0YD4F97JN9MATX7BYAG", res.OrganizationID)
	assert.Equal(t, "akc_01JBS0GN92GC2RJQS4X9DBPQ2A", res.AuthkitAuthorizationCode)
	assert.Equal(t, "eyJhbGciOiJSUzI1NiJ9.eyJzaWQiOiJzZXNzXzEifQ.c2ln", res.AccessToken)
	assert.Equal(t, "yAjhKk123NLIjdrBdGZPf8pLIDvK", res.RefreshToken)
	assert.Equal(t, AuthenticationMethodPassword, res.AuthenticationMethod)
	require.NotNil(t, res.Impersonator)
	assert.Equal(t, "admin@foocorp.com", res.Impersonator.Email)
	assert.Equal(t, "Investigating a billing issue.", *res.Impersonator.Reason)
	require.NotNil(t, res.OAuthTokens)
	assert.Equal(t, OAuthTokens{Provider: "GoogleOAuth", AccessToken: "ya29.provider-access", RefreshToken: "1//provider-refresh", ExpiresAt: 1735141800, Scopes: []string{"profile", "email"}}, *res.OAuthTokens)
	require.NotNil(t, res.LastResponse)
	assert.Equal(t, 200, res.LastResponse.StatusCode)
	assert.Equal(t, "req_auth_1", res.LastResponse.RequestID)
}

func TestAuthenticateResponse_PrintedOrLoggedWithoutTokens(t *testing.T) {
	c, mt := newMockTransportClient(t)
	mt.RegisterResponder(http.MethodPost, authTestURL, (&requestLog{}).responder(200, authResponseJSON))
	res, err := c.UserManagement.AuthenticateWithPassword(context.Background(), AuthenticateWithPasswordParams{Email: "marcelina.davis@example.com", Password: "i8uv6g34kd490s"})
	require.NoError(t, err)

	want := "AuthenticateResponse{User: user_01E4ZCR3C56J083X43JQXF3JK5, OrganizationID: org_01H945H0YD4F97JN9MATX7BYAG, AuthenticationMethod: Password, Impersonated: true, Tokens: REDACTED}"
	assert.Equal(t, want, fmt.Sprint(res))
	assert.Equal(t, want, fmt.Sprintf("%#v", *res))

	var logged bytes.Buffer
	slog.New(slog.NewJSONHandler(&logged, nil)).Info("signed in", "auth", res)
	assert.Contains(t, logged.String(), `"auth":{"user_id":"user_01E4ZCR3C56J083X43JQXF3JK5","organization_id":"org_01H945H0YD4F97JN9MATX7BYAG","authentication_method":"Password","access_token":"REDACTED","refresh_token":"REDACTED","impersonator":"admin@foocorp.com"}`)

	printed := fmt.Sprintf("%v %+v %s %#v", res, *res, res, res) + logged.String()
	for _, secret := range []string{res.AccessToken, res.RefreshToken, res.AuthkitAuthorizationCode, res.OAuthTokens.AccessToken, res.OAuthTokens.RefreshToken} {
		assert.NotContains(t, printed, secret)
	}
}

func TestWithSealedSession_ReplyWithoutTokensIsADecodeErrorNotBadInput(t *testing.T) {
	c, mt := newMockTransportClient(t)
	mt.RegisterResponder(http.MethodPost, authTestURL, (&requestLog{}).responder(200, `{"user":{"object":"user","id":"user_1"},"access_token":""}`))
	res, err := c.UserManagement.AuthenticateWithPassword(context.Background(), AuthenticateWithPasswordParams{Email: "a@example.com", Password: "pw"},
		WithSealedSession("correct-horse-battery-staple-0123456789"))
	assert.Nil(t, res)
	var de *DecodeError
	require.ErrorAs(t, err, &de)
	assert.Equal(t, 200, de.StatusCode)
	assert.Equal(t, "req_auth_1", de.RequestID)
	assert.EqualError(t, err, "workos: decode 200 reply [request req_auth_1]: workos: reply is empty or lacks a required field: no access_token")
	assert.ErrorIs(t, err, ErrIncompleteReply)
	assert.NotErrorIs(t, err, ErrInvalidParams, "the caller's input was fine")
}

func TestAuthenticate_MinimalResponseLeavesOptionalFieldsEmpty(t *testing.T) {
	c, mt := newMockTransportClient(t)
	rec := &requestLog{}
	mt.RegisterResponder(http.MethodPost, authTestURL, rec.responder(200, `{
		"user": {"object":"user","id":"user_1","email":"a@example.com","email_verified":false,"first_name":null,"last_name":null,
		         "profile_picture_url":null,"external_id":null,"last_sign_in_at":null,"created_at":"2024-01-01T00:00:00Z","updated_at":"2024-01-01T00:00:00Z"},
		"access_token": "at", "refresh_token": "rt", "authentication_method": "SomeFutureMethod"}`))

	res, err := c.UserManagement.AuthenticateWithRefreshToken(context.Background(), AuthenticateWithRefreshTokenParams{RefreshToken: "rt_old"})
	require.NoError(t, err)
	assert.Equal(t, "user_1", res.User.ID)
	assert.Nil(t, res.User.FirstName)
	assert.Nil(t, res.User.LastSignInAt)
	assert.Empty(t, res.OrganizationID)
	assert.Nil(t, res.Impersonator)
	assert.Nil(t, res.OAuthTokens)
	assert.Equal(t, AuthenticationMethod("SomeFutureMethod"), res.AuthenticationMethod, "unknown enum values decode as-is")
}

// authGrantCase is one grant: how to call it, the exact body it must send,
// whether it sends the API key as bearer token, and the secrets in it that
// must never reach a log line.
type authGrantCase struct {
	name     string
	opts     []Option
	call     func(ctx context.Context, um *UserManagementService) (*AuthenticateResponse, error)
	wantBody string
	wantAuth bool
	secrets  []string
}

func authGrantCases() []authGrantCase {
	return []authGrantCase{
		{
			name: "password",
			call: func(ctx context.Context, um *UserManagementService) (*AuthenticateResponse, error) {
				return um.AuthenticateWithPassword(ctx, AuthenticateWithPasswordParams{
					Email: "marcelina@example.com", Password: "hunter2-horse-battery", InvitationToken: "inv_tok_Z2V0",
					SignalsID: "sig_01JBS0GN92", RadarAuthAttemptID: "radar_att_1",
					IPAddress: "203.0.113.42", DeviceID: "device_01HX", UserAgent: "Mozilla/5.0",
				})
			},
			wantBody: `{"grant_type":"password","client_id":"client_123","client_secret":"sk_test_123",
				"email":"marcelina@example.com","password":"hunter2-horse-battery","invitation_token":"inv_tok_Z2V0",
				"signals_id":"sig_01JBS0GN92","radar_auth_attempt_id":"radar_att_1",
				"ip_address":"203.0.113.42","device_id":"device_01HX","user_agent":"Mozilla/5.0"}`,
			wantAuth: true,
			secrets:  []string{"sk_test_123", "hunter2-horse-battery", "inv_tok_Z2V0"},
		},
		{
			name: "code",
			call: func(ctx context.Context, um *UserManagementService) (*AuthenticateResponse, error) {
				return um.AuthenticateWithCode(ctx, AuthenticateWithCodeParams{Code: "01E2RJ4C05B52KKZ8FSRDAP23J", IPAddress: "203.0.113.42"})
			},
			wantBody: `{"grant_type":"authorization_code","client_id":"client_123","client_secret":"sk_test_123",
				"code":"01E2RJ4C05B52KKZ8FSRDAP23J","ip_address":"203.0.113.42"}`,
			wantAuth: true,
			secrets:  []string{"sk_test_123", "01E2RJ4C05B52KKZ8FSRDAP23J"},
		},
		{
			name: "code with verifier, invitation and signals",
			call: func(ctx context.Context, um *UserManagementService) (*AuthenticateResponse, error) {
				return um.AuthenticateWithCode(ctx, AuthenticateWithCodeParams{
					Code: "code_abc", CodeVerifier: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk",
					InvitationToken: "inv_tok_1", SignalsID: "sig_1", DeviceID: "dev_1", UserAgent: "curl/8",
				})
			},
			wantBody: `{"grant_type":"authorization_code","client_id":"client_123","client_secret":"sk_test_123",
				"code":"code_abc","code_verifier":"dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk",
				"invitation_token":"inv_tok_1","signals_id":"sig_1","device_id":"dev_1","user_agent":"curl/8"}`,
			wantAuth: true,
			secrets:  []string{"sk_test_123", "code_abc", "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", "inv_tok_1"},
		},
		{
			name: "code PKCE sends no secret and no bearer even with an API key",
			call: func(ctx context.Context, um *UserManagementService) (*AuthenticateResponse, error) {
				return um.AuthenticateWithCodePKCE(ctx, AuthenticateWithCodePKCEParams{
					Code: "code_pkce_1", CodeVerifier: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk",
					InvitationToken: "inv_tok_2", SignalsID: "sig_2", IPAddress: "198.51.100.7", DeviceID: "dev_2", UserAgent: "MyApp/1.0",
				})
			},
			wantBody: `{"grant_type":"authorization_code","client_id":"client_123","code":"code_pkce_1",
				"code_verifier":"dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk","invitation_token":"inv_tok_2","signals_id":"sig_2",
				"ip_address":"198.51.100.7","device_id":"dev_2","user_agent":"MyApp/1.0"}`,
			wantAuth: false,
			secrets:  []string{"code_pkce_1", "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", "inv_tok_2"},
		},
		{
			name: "refresh token switching organization",
			call: func(ctx context.Context, um *UserManagementService) (*AuthenticateResponse, error) {
				return um.AuthenticateWithRefreshToken(ctx, AuthenticateWithRefreshTokenParams{
					RefreshToken: "rt_Hk123NLIjdr", OrganizationID: "org_02", IPAddress: "203.0.113.42", DeviceID: "dev_3", UserAgent: "Mozilla/5.0",
				})
			},
			wantBody: `{"grant_type":"refresh_token","client_id":"client_123","client_secret":"sk_test_123",
				"refresh_token":"rt_Hk123NLIjdr","organization_id":"org_02",
				"ip_address":"203.0.113.42","device_id":"dev_3","user_agent":"Mozilla/5.0"}`,
			wantAuth: true,
			secrets:  []string{"sk_test_123", "rt_Hk123NLIjdr"},
		},
		{
			name: "refresh token as a public client without an API key",
			opts: []Option{WithAPIKey("")},
			call: func(ctx context.Context, um *UserManagementService) (*AuthenticateResponse, error) {
				return um.AuthenticateWithRefreshToken(ctx, AuthenticateWithRefreshTokenParams{RefreshToken: "rt_public"})
			},
			wantBody: `{"grant_type":"refresh_token","client_id":"client_123","refresh_token":"rt_public"}`,
			wantAuth: false,
			secrets:  []string{"rt_public"},
		},
		{
			name: "magic auth",
			call: func(ctx context.Context, um *UserManagementService) (*AuthenticateResponse, error) {
				return um.AuthenticateWithMagicAuth(ctx, AuthenticateWithMagicAuthParams{
					Code: "123456", Email: "marcelina@example.com", InvitationToken: "inv_tok_3", RadarAuthAttemptID: "radar_att_2",
					IPAddress: "203.0.113.42", DeviceID: "dev_4", UserAgent: "Mozilla/5.0",
				})
			},
			wantBody: `{"grant_type":"urn:workos:oauth:grant-type:magic-auth:code","client_id":"client_123","client_secret":"sk_test_123",
				"code":"123456","email":"marcelina@example.com","invitation_token":"inv_tok_3","radar_auth_attempt_id":"radar_att_2",
				"ip_address":"203.0.113.42","device_id":"dev_4","user_agent":"Mozilla/5.0"}`,
			wantAuth: true,
			secrets:  []string{"sk_test_123", "123456", "inv_tok_3"},
		},
		{
			name: "email verification",
			call: func(ctx context.Context, um *UserManagementService) (*AuthenticateResponse, error) {
				return um.AuthenticateWithEmailVerification(ctx, AuthenticateWithEmailVerificationParams{
					Code: "654321", PendingAuthenticationToken: "pat_ev_secret", IPAddress: "203.0.113.42", DeviceID: "dev_5", UserAgent: "Mozilla/5.0",
				})
			},
			wantBody: `{"grant_type":"urn:workos:oauth:grant-type:email-verification:code","client_id":"client_123","client_secret":"sk_test_123",
				"code":"654321","pending_authentication_token":"pat_ev_secret",
				"ip_address":"203.0.113.42","device_id":"dev_5","user_agent":"Mozilla/5.0"}`,
			wantAuth: true,
			secrets:  []string{"sk_test_123", "654321", "pat_ev_secret"},
		},
		{
			name: "TOTP",
			call: func(ctx context.Context, um *UserManagementService) (*AuthenticateResponse, error) {
				return um.AuthenticateWithTOTP(ctx, AuthenticateWithTOTPParams{
					Code: "778899", PendingAuthenticationToken: "pat_totp_secret", AuthenticationChallengeID: "auth_challenge_01",
					IPAddress: "203.0.113.42", DeviceID: "dev_6", UserAgent: "Mozilla/5.0",
				})
			},
			wantBody: `{"grant_type":"urn:workos:oauth:grant-type:mfa-totp","client_id":"client_123","client_secret":"sk_test_123",
				"code":"778899","pending_authentication_token":"pat_totp_secret","authentication_challenge_id":"auth_challenge_01",
				"ip_address":"203.0.113.42","device_id":"dev_6","user_agent":"Mozilla/5.0"}`,
			wantAuth: true,
			secrets:  []string{"sk_test_123", "778899", "pat_totp_secret"},
		},
		{
			name: "organization selection",
			call: func(ctx context.Context, um *UserManagementService) (*AuthenticateResponse, error) {
				return um.AuthenticateWithOrganizationSelection(ctx, AuthenticateWithOrganizationSelectionParams{
					PendingAuthenticationToken: "pat_org_secret", OrganizationID: "org_01H945", IPAddress: "203.0.113.42", DeviceID: "dev_7", UserAgent: "Mozilla/5.0",
				})
			},
			wantBody: `{"grant_type":"urn:workos:oauth:grant-type:organization-selection","client_id":"client_123","client_secret":"sk_test_123",
				"pending_authentication_token":"pat_org_secret","organization_id":"org_01H945",
				"ip_address":"203.0.113.42","device_id":"dev_7","user_agent":"Mozilla/5.0"}`,
			wantAuth: true,
			secrets:  []string{"sk_test_123", "pat_org_secret"},
		},
		{
			name: "radar email challenge",
			call: func(ctx context.Context, um *UserManagementService) (*AuthenticateResponse, error) {
				return um.AuthenticateWithRadarEmailChallenge(ctx, AuthenticateWithRadarEmailChallengeParams{
					Code: "246810", RadarChallengeID: "radar_challenge_01", PendingAuthenticationToken: "pat_radar_secret",
					IPAddress: "203.0.113.42", DeviceID: "dev_8", UserAgent: "Mozilla/5.0",
				})
			},
			wantBody: `{"grant_type":"urn:workos:oauth:grant-type:radar-email-challenge:code","client_id":"client_123","client_secret":"sk_test_123",
				"code":"246810","radar_challenge_id":"radar_challenge_01","pending_authentication_token":"pat_radar_secret",
				"ip_address":"203.0.113.42","device_id":"dev_8","user_agent":"Mozilla/5.0"}`,
			wantAuth: true,
			secrets:  []string{"sk_test_123", "246810", "pat_radar_secret"},
		},
		{
			name: "radar SMS sign-up challenge",
			call: func(ctx context.Context, um *UserManagementService) (*AuthenticateResponse, error) {
				return um.AuthenticateWithRadarSMSChallenge(ctx, AuthenticateWithRadarSMSChallengeParams{
					Code: "135790", PendingAuthenticationToken: "pat_sms_secret", VerificationID: "vrf_01", PhoneNumber: "+15555550123",
					IPAddress: "203.0.113.42", DeviceID: "dev_9", UserAgent: "Mozilla/5.0",
				})
			},
			wantBody: `{"grant_type":"urn:workos:oauth:grant-type:radar-sms-challenge:code","client_id":"client_123","client_secret":"sk_test_123",
				"code":"135790","pending_authentication_token":"pat_sms_secret","verification_id":"vrf_01","phone_number":"+15555550123",
				"ip_address":"203.0.113.42","device_id":"dev_9","user_agent":"Mozilla/5.0"}`,
			wantAuth: true,
			secrets:  []string{"sk_test_123", "135790", "pat_sms_secret"},
		},
		{
			name: "radar SMS sign-in challenge",
			call: func(ctx context.Context, um *UserManagementService) (*AuthenticateResponse, error) {
				return um.AuthenticateWithRadarSMSChallenge(ctx, AuthenticateWithRadarSMSChallengeParams{Code: "112233", PendingAuthenticationToken: "pat_sms2_secret"})
			},
			wantBody: `{"grant_type":"urn:workos:oauth:grant-type:radar-sms-challenge:code","client_id":"client_123","client_secret":"sk_test_123",
				"code":"112233","pending_authentication_token":"pat_sms2_secret"}`,
			wantAuth: true,
			secrets:  []string{"sk_test_123", "112233", "pat_sms2_secret"},
		},
		{
			name: "device code sends no client secret",
			call: func(ctx context.Context, um *UserManagementService) (*AuthenticateResponse, error) {
				return um.AuthenticateWithDeviceCode(ctx, AuthenticateWithDeviceCodeParams{
					DeviceCode: "Ao4fMrDS_device", IPAddress: "203.0.113.42", DeviceID: "dev_10", UserAgent: "mycli/2.0",
				})
			},
			wantBody: `{"grant_type":"urn:ietf:params:oauth:grant-type:device_code","client_id":"client_123","device_code":"Ao4fMrDS_device",
				"ip_address":"203.0.113.42","device_id":"dev_10","user_agent":"mycli/2.0"}`,
			wantAuth: true,
			secrets:  []string{"Ao4fMrDS_device"},
		},
		{
			name: "device code from a CLI without an API key",
			opts: []Option{WithAPIKey("")},
			call: func(ctx context.Context, um *UserManagementService) (*AuthenticateResponse, error) {
				return um.AuthenticateWithDeviceCode(ctx, AuthenticateWithDeviceCodeParams{DeviceCode: "Ao4f_cli"})
			},
			wantBody: `{"grant_type":"urn:ietf:params:oauth:grant-type:device_code","client_id":"client_123","device_code":"Ao4f_cli"}`,
			wantAuth: false,
			secrets:  []string{"Ao4f_cli"},
		},
		{
			name: "generic CreateAuthenticate fills the secret a grant requires",
			call: func(ctx context.Context, um *UserManagementService) (*AuthenticateResponse, error) {
				return um.CreateAuthenticate(ctx, CreateAuthenticateParams{GrantType: GrantTypePassword, Email: "a@example.com", Password: "pw-generic-1"})
			},
			wantBody: `{"grant_type":"password","client_id":"client_123","client_secret":"sk_test_123","email":"a@example.com","password":"pw-generic-1"}`,
			wantAuth: true,
			secrets:  []string{"sk_test_123", "pw-generic-1"},
		},
		{
			name: "generic CreateAuthenticate sends an explicit secret and client ID",
			call: func(ctx context.Context, um *UserManagementService) (*AuthenticateResponse, error) {
				return um.CreateAuthenticate(ctx, CreateAuthenticateParams{
					GrantType: GrantTypeRefreshToken, ClientID: "client_other", ClientSecret: "sk_other_secret", RefreshToken: "rt_generic",
				})
			},
			wantBody: `{"grant_type":"refresh_token","client_id":"client_other","client_secret":"sk_other_secret","refresh_token":"rt_generic"}`,
			wantAuth: true,
			secrets:  []string{"sk_test_123", "sk_other_secret", "rt_generic"},
		},
		{
			name: "generic CreateAuthenticate leaves an optional secret out",
			call: func(ctx context.Context, um *UserManagementService) (*AuthenticateResponse, error) {
				return um.CreateAuthenticate(ctx, CreateAuthenticateParams{GrantType: GrantTypeAuthorizationCode, Code: "code_gen"})
			},
			wantBody: `{"grant_type":"authorization_code","client_id":"client_123","code":"code_gen"}`,
			wantAuth: true,
			secrets:  []string{"sk_test_123", "code_gen"},
		},
		{
			name: "generic CreateAuthenticate passes an unknown grant type through",
			call: func(ctx context.Context, um *UserManagementService) (*AuthenticateResponse, error) {
				return um.CreateAuthenticate(ctx, CreateAuthenticateParams{GrantType: "urn:workos:oauth:grant-type:future", Code: "fut_code", Email: "a@example.com"})
			},
			wantBody: `{"grant_type":"urn:workos:oauth:grant-type:future","client_id":"client_123","code":"fut_code","email":"a@example.com"}`,
			wantAuth: true,
			secrets:  []string{"sk_test_123", "fut_code"},
		},
		{
			name: "per-call client ID and API key win over the Client's",
			opts: []Option{},
			call: func(ctx context.Context, um *UserManagementService) (*AuthenticateResponse, error) {
				return um.AuthenticateWithPassword(ctx, AuthenticateWithPasswordParams{Email: "a@example.com", Password: "pw-per-call"},
					WithClientID("client_call"), WithAPIKey("sk_call_key"))
			},
			wantBody: `{"grant_type":"password","client_id":"client_call","client_secret":"sk_call_key","email":"a@example.com","password":"pw-per-call"}`,
			wantAuth: true,
			secrets:  []string{"sk_call_key", "pw-per-call"},
		},
	}
}

func TestAuthenticateGrants_SendExactBodyAndAuthHeader(t *testing.T) {
	for _, tc := range authGrantCases() {
		t.Run(tc.name, func(t *testing.T) {
			var logs bytes.Buffer
			logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
			c, mt := newMockTransportClient(t, append([]Option{WithLogger(logger)}, tc.opts...)...)
			rec := &requestLog{}
			mt.RegisterResponder(http.MethodPost, authTestURL, rec.responder(200, authResponseJSON))

			res, err := tc.call(context.Background(), c.UserManagement)
			require.NoError(t, err)
			assert.Equal(t, "user_01E4ZCR3C56J083X43JQXF3JK5", res.User.ID)

			req := rec.last(t)
			assert.Equal(t, http.MethodPost, req.Method)
			assert.Equal(t, authTestURL, req.URL)
			assert.JSONEq(t, tc.wantBody, string(req.Body))
			assert.Equal(t, "application/json", req.Header.Get("Content-Type"))
			if tc.wantAuth {
				assert.Regexp(t, `^Bearer sk_`, req.Header.Get("Authorization"))
			} else {
				assert.Empty(t, req.Header.Values("Authorization"))
			}
			require.Contains(t, logs.String(), "/user_management/authenticate", "the call was logged")
			require.Contains(t, logs.String(), "REDACTED", "the body was logged, redacted")
			for _, s := range tc.secrets {
				assert.NotContains(t, logs.String(), s, "secret reached the log")
			}
		})
	}
}

func TestAuthenticateGrants_RefuseBadInputWithoutSending(t *testing.T) {
	ctx := context.Background()
	verifier := "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
	cases := []struct {
		name    string
		opts    []Option
		call    func(um *UserManagementService) error
		wantErr error
		wantMsg string
	}{
		{"password without email", nil, func(um *UserManagementService) error {
			_, err := um.AuthenticateWithPassword(ctx, AuthenticateWithPasswordParams{Password: "pw"})
			return err
		}, ErrInvalidParams, "Email is required"},
		{"password without password", nil, func(um *UserManagementService) error {
			_, err := um.AuthenticateWithPassword(ctx, AuthenticateWithPasswordParams{Email: "a@example.com", Password: "  "})
			return err
		}, ErrInvalidParams, "Password is required"},
		{"password without an API key", []Option{WithAPIKey("")}, func(um *UserManagementService) error {
			_, err := um.AuthenticateWithPassword(ctx, AuthenticateWithPasswordParams{Email: "a@example.com", Password: "pw"})
			return err
		}, ErrMissingAPIKey, ""},
		{"password without a client ID", []Option{WithClientID("")}, func(um *UserManagementService) error {
			_, err := um.AuthenticateWithPassword(ctx, AuthenticateWithPasswordParams{Email: "a@example.com", Password: "pw"})
			return err
		}, ErrMissingClientID, ""},
		{"code without code", nil, func(um *UserManagementService) error {
			_, err := um.AuthenticateWithCode(ctx, AuthenticateWithCodeParams{})
			return err
		}, ErrInvalidParams, "Code is required"},
		{"code with a malformed verifier", nil, func(um *UserManagementService) error {
			_, err := um.AuthenticateWithCode(ctx, AuthenticateWithCodeParams{Code: "c", CodeVerifier: "too-short"})
			return err
		}, ErrInvalidParams, "CodeVerifier must be 43 to 128"},
		{"PKCE without verifier", nil, func(um *UserManagementService) error {
			_, err := um.AuthenticateWithCodePKCE(ctx, AuthenticateWithCodePKCEParams{Code: "c"})
			return err
		}, ErrInvalidParams, "CodeVerifier is required"},
		{"PKCE verifier with a bad character", nil, func(um *UserManagementService) error {
			_, err := um.AuthenticateWithCodePKCE(ctx, AuthenticateWithCodePKCEParams{Code: "c", CodeVerifier: verifier[:42] + "+"})
			return err
		}, ErrInvalidParams, "CodeVerifier must be 43 to 128"},
		{"PKCE without code", nil, func(um *UserManagementService) error {
			_, err := um.AuthenticateWithCodePKCE(ctx, AuthenticateWithCodePKCEParams{CodeVerifier: verifier})
			return err
		}, ErrInvalidParams, "Code is required"},
		{"refresh without token", nil, func(um *UserManagementService) error {
			_, err := um.AuthenticateWithRefreshToken(ctx, AuthenticateWithRefreshTokenParams{OrganizationID: "org_1"})
			return err
		}, ErrInvalidParams, "RefreshToken is required"},
		{"magic auth without email", nil, func(um *UserManagementService) error {
			_, err := um.AuthenticateWithMagicAuth(ctx, AuthenticateWithMagicAuthParams{Code: "123456"})
			return err
		}, ErrInvalidParams, "Email is required"},
		{"email verification without token", nil, func(um *UserManagementService) error {
			_, err := um.AuthenticateWithEmailVerification(ctx, AuthenticateWithEmailVerificationParams{Code: "123456"})
			return err
		}, ErrInvalidParams, "PendingAuthenticationToken is required"},
		{"TOTP without challenge", nil, func(um *UserManagementService) error {
			_, err := um.AuthenticateWithTOTP(ctx, AuthenticateWithTOTPParams{Code: "1", PendingAuthenticationToken: "p"})
			return err
		}, ErrInvalidParams, "AuthenticationChallengeID is required"},
		{"organization selection without organization", nil, func(um *UserManagementService) error {
			_, err := um.AuthenticateWithOrganizationSelection(ctx, AuthenticateWithOrganizationSelectionParams{PendingAuthenticationToken: "p"})
			return err
		}, ErrInvalidParams, "OrganizationID is required"},
		{"radar email without challenge ID", nil, func(um *UserManagementService) error {
			_, err := um.AuthenticateWithRadarEmailChallenge(ctx, AuthenticateWithRadarEmailChallengeParams{Code: "1", PendingAuthenticationToken: "p"})
			return err
		}, ErrInvalidParams, "RadarChallengeID is required"},
		{"radar SMS with a phone number but no verification", nil, func(um *UserManagementService) error {
			_, err := um.AuthenticateWithRadarSMSChallenge(ctx, AuthenticateWithRadarSMSChallengeParams{Code: "1", PendingAuthenticationToken: "p", PhoneNumber: "+1555"})
			return err
		}, ErrInvalidParams, "VerificationID and PhoneNumber go together"},
		{"device code without code", nil, func(um *UserManagementService) error {
			_, err := um.AuthenticateWithDeviceCode(ctx, AuthenticateWithDeviceCodeParams{})
			return err
		}, ErrInvalidParams, "DeviceCode is required"},
		{"generic without grant type", nil, func(um *UserManagementService) error {
			_, err := um.CreateAuthenticate(ctx, CreateAuthenticateParams{Code: "c"})
			return err
		}, ErrInvalidParams, "GrantType is required"},
		{"generic with a field the grant does not take", nil, func(um *UserManagementService) error {
			_, err := um.CreateAuthenticate(ctx, CreateAuthenticateParams{GrantType: GrantTypeRefreshToken, RefreshToken: "rt", Password: "pw"})
			return err
		}, ErrInvalidParams, "Password is not used by grant_type refresh_token"},
		{"generic device code with a client secret", nil, func(um *UserManagementService) error {
			_, err := um.CreateAuthenticate(ctx, CreateAuthenticateParams{GrantType: GrantTypeDeviceCode, DeviceCode: "d", ClientSecret: "sk_x"})
			return err
		}, ErrInvalidParams, "ClientSecret is not used"},
		{"generic confidential grant without an API key", []Option{WithAPIKey("")}, func(um *UserManagementService) error {
			_, err := um.CreateAuthenticate(ctx, CreateAuthenticateParams{GrantType: GrantTypeMagicAuth, Code: "1", Email: "a@example.com"})
			return err
		}, ErrMissingAPIKey, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, mt := newMockTransportClient(t, tc.opts...)
			err := tc.call(c.UserManagement)
			require.ErrorIs(t, err, tc.wantErr)
			if tc.wantMsg != "" {
				assert.Contains(t, err.Error(), tc.wantMsg)
			}
			assert.Zero(t, mt.GetTotalCallCount(), "nothing may be sent")
		})
	}
}

func TestAuthenticateWithRefreshToken_InvalidGrantIsDistinguishable(t *testing.T) {
	c, mt := newMockTransportClient(t)
	rec := &requestLog{}
	mt.RegisterResponder(http.MethodPost, authTestURL, rec.responder(400,
		`{"error":"invalid_grant","error_description":"Session has already ended."}`))

	_, err := c.UserManagement.AuthenticateWithRefreshToken(context.Background(), AuthenticateWithRefreshTokenParams{RefreshToken: "rt_reused_secret"})
	require.Error(t, err)
	assert.True(t, IsInvalidGrant(err))
	assert.ErrorIs(t, err, ErrBadRequest)
	assert.NotContains(t, err.Error(), "rt_reused_secret")
	assert.False(t, IsInvalidGrant(errors.New("invalid_grant")), "only API errors count")
	assert.False(t, IsInvalidGrant(nil))
}
