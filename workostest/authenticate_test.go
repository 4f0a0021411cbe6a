package workostest_test

import (
	"crypto"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"math/big"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/kestrel-dev/workos/workostest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fakeVerify checks an access token against the server's published JWKS,
// the way an SDK verifier does, and returns its claims.
func fakeVerify(t *testing.T, srv *workostest.Server, token string) map[string]any {
	t.Helper()
	jwks := fakeExpect(t, 200, fakeCall(t, srv, "GET", "/sso/jwks/"+srv.ClientID(), nil, false))
	keys := jwks.Body["keys"].([]any)
	require.Len(t, keys, 1)
	k := keys[0].(map[string]any)
	for _, f := range []string{"alg", "kty", "use", "x5c", "n", "e", "kid", "x5t#S256"} {
		require.Contains(t, k, f)
	}
	assert.Equal(t, "RS256", k["alg"])
	parts := strings.Split(token, ".")
	require.Len(t, parts, 3)
	var head map[string]string
	hb, err := base64.RawURLEncoding.DecodeString(parts[0])
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(hb, &head))
	assert.Equal(t, map[string]string{"alg": "RS256", "typ": "JWT", "kid": k["kid"].(string)}, head)
	n, err := base64.RawURLEncoding.DecodeString(k["n"].(string))
	require.NoError(t, err)
	e, err := base64.RawURLEncoding.DecodeString(k["e"].(string))
	require.NoError(t, err)
	pub := &rsa.PublicKey{N: new(big.Int).SetBytes(n), E: int(new(big.Int).SetBytes(e).Int64())}
	sig, err := base64.RawURLEncoding.DecodeString(parts[2])
	require.NoError(t, err)
	sum := sha256.Sum256([]byte(parts[0] + "." + parts[1]))
	require.NoError(t, rsa.VerifyPKCS1v15(pub, crypto.SHA256, sum[:], sig), "signature verifies with the JWKS key")
	var claims map[string]any
	cb, err := base64.RawURLEncoding.DecodeString(parts[1])
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(cb, &claims))
	return claims
}

func TestPasswordSignInIssuesVerifiableAccessTokenWithOrganizationClaims(t *testing.T) {
	t.Parallel()
	now := time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)
	srv := workostest.NewServer(t, workostest.WithClock(func() time.Time { return now }), workostest.WithAccessTokenTTL(2*time.Minute))
	org := srv.CreateOrganization("Acme")
	u := srv.CreateUser(workostest.NewUser{Email: "ada@example.com", Password: "correct horse", EmailVerified: true})
	srv.AddMembership(u.ID, org.ID, workostest.StatusActive, "admin", "member")
	srv.SetRolePermissions("admin", "users:read", "users:write")
	srv.SetRolePermissions("member", "users:read", "posts:read")

	r := fakeExpect(t, 200, fakeAuth(t, srv, map[string]any{
		"grant_type": "password", "email": "ada@example.com", "password": "correct horse", "ip_address": "192.0.2.1", "user_agent": "test",
	}))
	assert.Equal(t, u.ID, r.obj(t, "user")["id"])
	assert.Equal(t, "2030-01-02T03:04:05.000Z", r.obj(t, "user")["last_sign_in_at"])
	assert.Equal(t, org.ID, r.Body["organization_id"], "a single membership is chosen automatically")
	assert.Equal(t, "Password", r.Body["authentication_method"])
	assert.NotEmpty(t, r.str(t, "refresh_token"))

	claims := fakeVerify(t, srv, r.str(t, "access_token"))
	assert.Equal(t, srv.Issuer(), claims["iss"])
	assert.Equal(t, srv.URL()+"/user_management/"+srv.ClientID(), claims["iss"])
	assert.Equal(t, u.ID, claims["sub"])
	assert.Equal(t, org.ID, claims["org_id"])
	assert.Equal(t, "admin", claims["role"])
	assert.Equal(t, []any{"admin", "member"}, claims["roles"])
	assert.Equal(t, []any{"users:read", "users:write", "posts:read"}, claims["permissions"])
	assert.Equal(t, float64(now.Unix()), claims["iat"])
	assert.Equal(t, float64(now.Add(2*time.Minute).Unix()), claims["exp"])
	assert.NotEmpty(t, claims["jti"])
	sid := claims["sid"].(string)

	sessions := fakeExpect(t, 200, fakeAPI(t, srv, "GET", "/user_management/users/"+u.ID+"/sessions", nil))
	data := sessions.Body["data"].([]any)
	require.Len(t, data, 1)
	s := data[0].(map[string]any)
	assert.Equal(t, sid, s["id"])
	assert.Equal(t, "session", s["object"])
	assert.Equal(t, "password", s["auth_method"])
	assert.Equal(t, "active", s["status"])
	assert.Equal(t, "192.0.2.1", s["ip_address"])
	assert.Equal(t, org.ID, s["organization_id"])
	assert.Nil(t, s["ended_at"])

	bad := fakeExpect(t, 400, fakeAuth(t, srv, map[string]any{"grant_type": "password", "email": "ada@example.com", "password": "wrong password"}))
	assert.Equal(t, "invalid_credentials", bad.Body["code"])
}

func TestAuthenticateChecksClientCredentials(t *testing.T) {
	t.Parallel()
	srv := workostest.NewServer(t)
	srv.CreateUser(workostest.NewUser{Email: "ada@example.com", Password: "correct horse"})
	base := map[string]any{"grant_type": "password", "email": "ada@example.com", "password": "correct horse"}
	for name, patch := range map[string]map[string]any{
		"wrong client id":     {"client_id": "client_other"},
		"wrong client secret": {"client_secret": "sk_wrong"},
		"missing secret":      {"client_secret": nil},
	} {
		t.Run(name, func(t *testing.T) {
			f := map[string]any{}
			for k, v := range base {
				f[k] = v
			}
			for k, v := range patch {
				f[k] = v
			}
			r := fakeExpect(t, 400, fakeAuth(t, srv, f))
			assert.Equal(t, map[string]any{"error": "invalid_client", "error_description": r.Body["error_description"]}, r.Body)
		})
	}
}

func TestOrganizationSelectionChallengeThenRefreshRotatesAndSwitchesOrganization(t *testing.T) {
	t.Parallel()
	srv := workostest.NewServer(t)
	acme, globex, other := srv.CreateOrganization("Acme"), srv.CreateOrganization("Globex"), srv.CreateOrganization("Other")
	u := srv.CreateUser(workostest.NewUser{Email: "ada@example.com", Password: "correct horse"})
	srv.AddMembership(u.ID, acme.ID, workostest.StatusActive, "admin")
	srv.AddMembership(u.ID, globex.ID, workostest.StatusActive, "viewer")

	ch := fakeExpect(t, 403, fakeAuth(t, srv, map[string]any{"grant_type": "password", "email": u.Email, "password": "correct horse"}))
	assert.Equal(t, "organization_selection_required", ch.Body["code"])
	assert.NotEmpty(t, ch.Body["message"])
	assert.Equal(t, u.ID, ch.obj(t, "user")["id"])
	assert.Equal(t, []any{
		map[string]any{"id": acme.ID, "name": "Acme"},
		map[string]any{"id": globex.ID, "name": "Globex"},
	}, ch.Body["organizations"])
	pending := ch.str(t, "pending_authentication_token")

	notMember := fakeExpect(t, 400, fakeAuth(t, srv, map[string]any{
		"grant_type": "urn:workos:oauth:grant-type:organization-selection", "pending_authentication_token": pending, "organization_id": other.ID,
	}))
	assert.Equal(t, "organization_membership_not_found", notMember.Body["error"])

	signedIn := fakeExpect(t, 200, fakeAuth(t, srv, map[string]any{
		"grant_type": "urn:workos:oauth:grant-type:organization-selection", "pending_authentication_token": pending, "organization_id": acme.ID,
	}))
	assert.Equal(t, acme.ID, signedIn.Body["organization_id"])
	claims := fakeVerify(t, srv, signedIn.str(t, "access_token"))
	assert.Equal(t, "admin", claims["role"])
	sid := claims["sid"]
	reused := fakeExpect(t, 400, fakeAuth(t, srv, map[string]any{
		"grant_type": "urn:workos:oauth:grant-type:organization-selection", "pending_authentication_token": pending, "organization_id": acme.ID,
	}))
	assert.Equal(t, "invalid_pending_authentication_token", reused.Body["code"], "a pending token works once")

	rt1 := signedIn.str(t, "refresh_token")
	refreshed := fakeExpect(t, 200, fakeAuth(t, srv, map[string]any{"grant_type": "refresh_token", "refresh_token": rt1, "organization_id": globex.ID}))
	rt2 := refreshed.str(t, "refresh_token")
	assert.NotEqual(t, rt1, rt2, "every refresh rotates the refresh token")
	assert.Equal(t, globex.ID, refreshed.Body["organization_id"])
	claims = fakeVerify(t, srv, refreshed.str(t, "access_token"))
	assert.Equal(t, globex.ID, claims["org_id"])
	assert.Equal(t, "viewer", claims["role"])
	assert.Equal(t, sid, claims["sid"], "refresh keeps the session")

	srv.Advance(workostest.DefaultRefreshReplayWindow) // past the replay window
	again := fakeExpect(t, 400, fakeAuth(t, srv, map[string]any{"grant_type": "refresh_token", "refresh_token": rt1}))
	assert.Equal(t, "invalid_grant", again.Body["error"])
	assert.NotEmpty(t, again.Body["error_description"])

	wrongOrg := fakeExpect(t, 400, fakeAuth(t, srv, map[string]any{"grant_type": "refresh_token", "refresh_token": rt2, "organization_id": other.ID}))
	assert.Equal(t, "organization_membership_not_found", wrongOrg.Body["error"])

	rt3 := fakeExpect(t, 200, fakeAuth(t, srv, map[string]any{"grant_type": "refresh_token", "refresh_token": rt2})).str(t, "refresh_token")
	fakeExpect(t, 200, fakeAPI(t, srv, "POST", "/user_management/sessions/revoke", map[string]any{"session_id": sid}))
	ended := fakeExpect(t, 400, fakeAuth(t, srv, map[string]any{"grant_type": "refresh_token", "refresh_token": rt3}))
	assert.Equal(t, "invalid_grant", ended.Body["error"], "a revoked session cannot refresh")
	list := fakeExpect(t, 200, fakeAPI(t, srv, "GET", "/user_management/users/"+u.ID+"/sessions", nil))
	s := list.Body["data"].([]any)[0].(map[string]any)
	assert.Equal(t, "revoked", s["status"])
	assert.NotNil(t, s["ended_at"])
	assert.Equal(t, []workostest.Session{{ID: sid.(string), UserID: u.ID, OrganizationID: globex.ID, Active: false}}, srv.Sessions(u.ID))
}

func TestAccessTokenExpiresWithTheServerClock(t *testing.T) {
	t.Parallel()
	srv := workostest.NewServer(t)
	start := time.Date(2031, 5, 6, 7, 8, 9, 0, time.UTC)
	srv.SetNow(start)
	srv.CreateUser(workostest.NewUser{Email: "ada@example.com", Password: "correct horse"})
	r := fakeExpect(t, 200, fakeAuth(t, srv, map[string]any{"grant_type": "password", "email": "ada@example.com", "password": "correct horse"}))
	claims := fakeVerify(t, srv, r.str(t, "access_token"))
	assert.Equal(t, float64(start.Add(5*time.Minute).Unix()), claims["exp"], "default TTL is five minutes")
	srv.Advance(10 * time.Minute)
	assert.Equal(t, start.Add(10*time.Minute), srv.Now())
	r = fakeExpect(t, 200, fakeAuth(t, srv, map[string]any{"grant_type": "refresh_token", "refresh_token": r.str(t, "refresh_token")}))
	claims = fakeVerify(t, srv, r.str(t, "access_token"))
	assert.Equal(t, float64(start.Add(10*time.Minute).Unix()), claims["iat"])
}

func TestAuthorizationCodeWithPKCEByFollowingTheAuthorizeRedirect(t *testing.T) {
	t.Parallel()
	srv := workostest.NewServer(t)
	u := srv.CreateUser(workostest.NewUser{Email: "ada@example.com"})
	verifier := "a-very-long-random-code-verifier-0123456789-abcdefghij"
	sum := sha256.Sum256([]byte(verifier))
	challenge := base64.RawURLEncoding.EncodeToString(sum[:])

	authorize := func(extra ...string) *url.URL {
		t.Helper()
		kv := append([]string{"client_id", srv.ClientID(), "redirect_uri", "https://app.example/callback?x=1", "response_type", "code",
			"state", "st-123", "provider", "authkit"}, extra...)
		r := fakeCall(t, srv, "GET", "/user_management/authorize"+fakeQuery(kv...), nil, false)
		require.Equal(t, 302, r.Status)
		loc, err := url.Parse(r.Header.Get("Location"))
		require.NoError(t, err)
		assert.Equal(t, "app.example", loc.Host)
		assert.Equal(t, "/callback", loc.Path)
		assert.Equal(t, "1", loc.Query().Get("x"), "the redirect keeps the redirect_uri's own query")
		assert.Equal(t, "st-123", loc.Query().Get("state"))
		return loc
	}

	noUser := authorize("code_challenge", challenge, "code_challenge_method", "S256", "provider", "GoogleOAuth")
	assert.Equal(t, "access_denied", noUser.Query().Get("error"), "without SetAuthorizeUser or login_hint nobody signs in (AuthKit shows its page instead)")

	loc := authorize("code_challenge", challenge, "code_challenge_method", "S256", "login_hint", "ada@example.com")
	code := loc.Query().Get("code")
	require.NotEmpty(t, code)

	wrong := fakeExpect(t, 400, fakeAuth(t, srv, map[string]any{"grant_type": "authorization_code", "code": code, "code_verifier": "not-the-verifier"}))
	assert.Equal(t, "invalid_grant", wrong.Body["error"])
	// A failed verifier check does not burn the code in this fake; the real
	// code is redeemed next.
	ok := fakeExpect(t, 200, fakeAuth(t, srv, map[string]any{"grant_type": "authorization_code", "code": code, "code_verifier": verifier}))
	assert.Equal(t, u.ID, ok.obj(t, "user")["id"])
	assert.Equal(t, u.ID, fakeVerify(t, srv, ok.str(t, "access_token"))["sub"])
	reuse := fakeExpect(t, 400, fakeAuth(t, srv, map[string]any{"grant_type": "authorization_code", "code": code, "code_verifier": verifier}))
	assert.Equal(t, "invalid_grant", reuse.Body["error"], "a code works once")

	// Without PKCE the code needs the client secret.
	srv.SetAuthorizeUser(u.ID)
	plain := authorize("provider", "GoogleOAuth").Query().Get("code")
	fakeExpect(t, 400, fakeAuth(t, srv, map[string]any{"grant_type": "authorization_code", "code": plain}))
	plain = authorize("provider", "GoogleOAuth").Query().Get("code")
	withSecret := fakeExpect(t, 200, fakeAuth(t, srv, map[string]any{"grant_type": "authorization_code", "code": plain, "client_secret": srv.APIKey()}))
	assert.Equal(t, "GoogleOAuth", withSecret.Body["authentication_method"])
}

func TestDeviceCodeGrantIsPendingUntilApproved(t *testing.T) {
	t.Parallel()
	srv := workostest.NewServer(t)
	u := srv.CreateUser(workostest.NewUser{Email: "ada@example.com"})
	start := func() (string, string) {
		r := fakeExpect(t, 200, fakeCall(t, srv, "POST", "/user_management/authorize/device", map[string]any{"client_id": srv.ClientID()}, false))
		assert.Equal(t, srv.URL()+"/device", r.Body["verification_uri"])
		assert.Equal(t, srv.URL()+"/device?user_code="+r.str(t, "user_code"), r.Body["verification_uri_complete"])
		assert.Equal(t, float64(300), r.Body["expires_in"])
		assert.Equal(t, float64(1), r.Body["interval"])
		assert.Regexp(t, `^[A-Z]{4}-[A-Z]{4}$`, r.Body["user_code"])
		return r.str(t, "device_code"), r.str(t, "user_code")
	}
	poll := func(deviceCode string) fakeReply {
		return fakeAuth(t, srv, map[string]any{"grant_type": "urn:ietf:params:oauth:grant-type:device_code", "device_code": deviceCode})
	}

	dc, uc := start()
	assert.Equal(t, uc, srv.LastUserCode())
	for range 2 {
		r := fakeExpect(t, 400, poll(dc))
		assert.Equal(t, "authorization_pending", r.Body["error"])
	}
	require.Error(t, srv.ApproveDevice(uc, "user_missing"))
	require.NoError(t, srv.ApproveDevice(uc, u.ID))
	require.Error(t, srv.ApproveDevice(uc, u.ID), "only pending requests can be approved")
	ok := fakeExpect(t, 200, poll(dc))
	assert.Equal(t, u.ID, ok.obj(t, "user")["id"])
	assert.Equal(t, "invalid_grant", fakeExpect(t, 400, poll(dc)).Body["error"], "a device code signs in once")

	dc, uc = start()
	srv.SlowDownDevicePolls(1)
	assert.Equal(t, "slow_down", fakeExpect(t, 400, poll(dc)).Body["error"])
	assert.Equal(t, "authorization_pending", fakeExpect(t, 400, poll(dc)).Body["error"])
	require.NoError(t, srv.DenyDevice(uc))
	assert.Equal(t, "access_denied", fakeExpect(t, 400, poll(dc)).Body["error"])

	dc, _ = start()
	srv.Advance(6 * time.Minute)
	assert.Equal(t, "expired_token", fakeExpect(t, 400, poll(dc)).Body["error"])

	bad := fakeExpect(t, 400, fakeCall(t, srv, "POST", "/user_management/authorize/device", map[string]any{"client_id": "client_nope"}, false))
	assert.Equal(t, "invalid_client", bad.Body["error"])
}

func TestEmailVerificationChallengeCompletesWithTheEmailedCode(t *testing.T) {
	t.Parallel()
	srv := workostest.NewServer(t)
	srv.RequireEmailVerification(true)
	u := srv.CreateUser(workostest.NewUser{Email: "new@example.com", Password: "correct horse"})

	ch := fakeExpect(t, 403, fakeAuth(t, srv, map[string]any{"grant_type": "password", "email": u.Email, "password": "correct horse"}))
	assert.Equal(t, "email_verification_required", ch.Body["code"])
	assert.Equal(t, u.Email, ch.Body["email"])
	pending := ch.str(t, "pending_authentication_token")
	evID := ch.str(t, "email_verification_id")
	mail, ok := srv.LastEmail(u.Email)
	require.True(t, ok)
	assert.Equal(t, workostest.EmailVerification, mail.Kind)
	assert.Equal(t, evID, mail.ObjectID)
	assert.Regexp(t, `^\d{6}$`, mail.Code)

	ev := fakeExpect(t, 200, fakeAPI(t, srv, "GET", "/user_management/email_verification/"+evID, nil))
	assert.Equal(t, mail.Code, ev.Body["code"])
	assert.Equal(t, u.ID, ev.Body["user_id"])

	wrong := fakeExpect(t, 400, fakeAuth(t, srv, map[string]any{
		"grant_type": "urn:workos:oauth:grant-type:email-verification:code", "pending_authentication_token": pending, "code": "000000x",
	}))
	assert.Equal(t, "invalid_one_time_code", wrong.Body["code"])
	r := fakeExpect(t, 200, fakeAuth(t, srv, map[string]any{
		"grant_type": "urn:workos:oauth:grant-type:email-verification:code", "pending_authentication_token": pending, "code": mail.Code,
	}))
	assert.Equal(t, true, r.obj(t, "user")["email_verified"])
	// Verified now: no more challenge.
	fakeExpect(t, 200, fakeAuth(t, srv, map[string]any{"grant_type": "password", "email": u.Email, "password": "correct horse"}))
}

func TestTOTPChallengeCompletesWithTheAuthenticatorCode(t *testing.T) {
	t.Parallel()
	srv := workostest.NewServer(t)
	u := srv.CreateUser(workostest.NewUser{Email: "ada@example.com", Password: "correct horse"})
	enrolled := fakeExpect(t, 201, fakeAPI(t, srv, "POST", "/user_management/users/"+u.ID+"/auth_factors",
		map[string]any{"type": "totp", "totp_issuer": "Acme", "totp_user": "ada"}))
	factor := enrolled.obj(t, "authentication_factor")
	totp := factor["totp"].(map[string]any)
	assert.Equal(t, "Acme", totp["issuer"])
	assert.Regexp(t, `^[A-Z2-7]{32}$`, totp["secret"])
	assert.Contains(t, totp["uri"], "otpauth://totp/")
	challenge := enrolled.obj(t, "authentication_challenge")
	assert.Equal(t, factor["id"], challenge["authentication_factor_id"])

	ch := fakeExpect(t, 403, fakeAuth(t, srv, map[string]any{"grant_type": "password", "email": u.Email, "password": "correct horse"}))
	assert.Equal(t, "mfa_challenge", ch.Body["code"])
	factors := ch.Body["authentication_factors"].([]any)
	require.Len(t, factors, 1)
	assert.Equal(t, factor["id"], factors[0].(map[string]any)["id"])
	assert.NotContains(t, factors[0].(map[string]any)["totp"], "secret")

	grant := map[string]any{
		"grant_type": "urn:workos:oauth:grant-type:mfa-totp", "pending_authentication_token": ch.str(t, "pending_authentication_token"),
		"authentication_challenge_id": srv.ChallengeFactor(factor["id"].(string)), "code": "12345",
	}
	assert.Equal(t, "invalid_one_time_code", fakeExpect(t, 400, fakeAuth(t, srv, grant)).Body["code"])
	grant["code"] = srv.TOTPCode(factor["id"].(string))
	fakeExpect(t, 200, fakeAuth(t, srv, grant))
}

func TestMagicAuthSignsInWithTheEmailedCode(t *testing.T) {
	t.Parallel()
	srv := workostest.NewServer(t)
	srv.RequireEmailVerification(true)
	sent := fakeExpect(t, 201, fakeAPI(t, srv, "POST", "/user_management/magic_auth", map[string]any{"email": "new@example.com"}))
	assert.Equal(t, "magic_auth", sent.Body["object"])
	mail, ok := srv.LastEmail("new@example.com")
	require.True(t, ok)
	assert.Equal(t, workostest.EmailMagicAuth, mail.Kind)
	assert.Equal(t, sent.Body["code"], mail.Code)
	got := fakeExpect(t, 200, fakeAPI(t, srv, "GET", "/user_management/magic_auth/"+mail.ObjectID, nil))
	assert.Equal(t, sent.Body["user_id"], got.Body["user_id"])

	grant := map[string]any{"grant_type": "urn:workos:oauth:grant-type:magic-auth:code", "email": "new@example.com", "code": "999999x"}
	assert.Equal(t, "invalid_one_time_code", fakeExpect(t, 400, fakeAuth(t, srv, grant)).Body["code"])
	grant["code"] = mail.Code
	r := fakeExpect(t, 200, fakeAuth(t, srv, grant))
	assert.Equal(t, "MagicAuth", r.Body["authentication_method"])
	assert.Equal(t, true, r.obj(t, "user")["email_verified"], "the code proves the address, so no verification challenge")
	assert.Equal(t, "one_time_code_previously_used", fakeExpect(t, 400, fakeAuth(t, srv, grant)).Body["code"])
}

func TestLogoutEndsTheSessionAndRedirects(t *testing.T) {
	t.Parallel()
	srv := workostest.NewServer(t)
	u := srv.CreateUser(workostest.NewUser{Email: "ada@example.com", Password: "correct horse"})
	r := fakeExpect(t, 200, fakeAuth(t, srv, map[string]any{"grant_type": "password", "email": u.Email, "password": "correct horse"}))
	sid := fakeVerify(t, srv, r.str(t, "access_token"))["sid"].(string)
	out := fakeCall(t, srv, "GET", "/user_management/sessions/logout"+fakeQuery("session_id", sid, "return_to", "https://app.example/bye"), nil, false)
	require.Equal(t, 302, out.Status)
	assert.Equal(t, "https://app.example/bye", out.Header.Get("Location"))
	assert.False(t, srv.Sessions(u.ID)[0].Active)
	assert.Equal(t, "invalid_grant", fakeExpect(t, 400, fakeAuth(t, srv, map[string]any{"grant_type": "refresh_token", "refresh_token": r.str(t, "refresh_token")})).Body["error"])
	fakeExpect(t, 422, fakeCall(t, srv, "GET", "/user_management/sessions/logout", nil, false))
	fakeExpect(t, 400, fakeAPI(t, srv, "POST", "/user_management/sessions/revoke", map[string]any{"session_id": "session_missing"}))
}

func TestAuthenticateAcceptsFormEncodedBodies(t *testing.T) {
	t.Parallel()
	srv := workostest.NewServer(t)
	srv.CreateUser(workostest.NewUser{Email: "ada@example.com", Password: "correct horse"})
	form := url.Values{"client_id": {srv.ClientID()}, "client_secret": {srv.APIKey()}, "grant_type": {"password"},
		"email": {"ada@example.com"}, "password": {"correct horse"}}
	resp, err := srv.HTTPClient().PostForm(srv.URL()+"/user_management/authenticate", form)
	require.NoError(t, err)
	defer resp.Body.Close()
	assert.Equal(t, 200, resp.StatusCode)
}

func TestImportedPasswordHashCannotSignIn(t *testing.T) {
	t.Parallel()
	srv := workostest.NewServer(t)
	fakeExpect(t, 201, fakeAPI(t, srv, "POST", "/user_management/users", map[string]any{
		"email": "ada@example.com", "password_hash": "$2b$10$abcdefghijklmnopqrstuv", "password_hash_type": "bcrypt",
	}))
	r := fakeExpect(t, 400, fakeAuth(t, srv, map[string]any{"grant_type": "password", "email": "ada@example.com", "password": "$2b$10$abcdefghijklmnopqrstuv"}))
	assert.Equal(t, "invalid_credentials", r.Body["code"])
}

// TestOAuthDeviceAuthorizationPathStartsTheSameFlow checks the alias used by
// the SDK's AuthorizeDevice: a JSON or form-encoded request to
// /oauth2/device_authorization starts a device login that the device code
// grant completes once approved.
func TestOAuthDeviceAuthorizationPathStartsTheSameFlow(t *testing.T) {
	t.Parallel()
	srv := workostest.NewServer(t)
	u := srv.CreateUser(workostest.NewUser{Email: "cli@example.com"})
	r := fakeExpect(t, 200, fakeCall(t, srv, "POST", "/oauth2/device_authorization", map[string]any{"client_id": srv.ClientID()}, false))
	assert.Equal(t, srv.URL()+"/device", r.Body["verification_uri"])
	assert.Equal(t, srv.LastUserCode(), r.str(t, "user_code"))
	require.NoError(t, srv.ApproveDevice(r.str(t, "user_code"), u.ID))
	done := fakeExpect(t, 200, fakeAuth(t, srv, map[string]any{"grant_type": "urn:ietf:params:oauth:grant-type:device_code", "device_code": r.str(t, "device_code")}))
	assert.Equal(t, u.ID, done.obj(t, "user")["id"])

	form := url.Values{"client_id": {srv.ClientID()}}
	resp, err := srv.HTTPClient().Post(srv.URL()+"/oauth2/device_authorization", "application/x-www-form-urlencoded", strings.NewReader(form.Encode()))
	require.NoError(t, err)
	defer resp.Body.Close()
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	fakeExpect(t, 400, fakeCall(t, srv, "POST", "/oauth2/device_authorization", map[string]any{"client_id": "client_nope"}, false))
}

func TestSetFeatureFlagsPutsThemInLaterAccessTokensOnly(t *testing.T) {
	t.Parallel()
	srv := workostest.NewServer(t)
	u := srv.CreateUser(workostest.NewUser{Email: "ada@example.com", Password: "correct horse", EmailVerified: true})
	signIn := func() map[string]any {
		r := fakeExpect(t, 200, fakeAuth(t, srv, map[string]any{"grant_type": "password", "email": "ada@example.com", "password": "correct horse"}))
		return fakeVerify(t, srv, r.str(t, "access_token"))
	}
	_, has := signIn()["feature_flags"]
	assert.False(t, has, "no flags, no claim")

	srv.SetFeatureFlags("beta-editor", "dark-mode")
	assert.Equal(t, []any{"beta-editor", "dark-mode"}, signIn()["feature_flags"])
	assert.Equal(t, u.ID, signIn()["sub"])
}
