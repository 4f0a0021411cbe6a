// Integration steps for every sign-in grant and challenge: password,
// tokens, email verification, organization selection, TOTP, authorization
// code, device code, CreateAuthenticate and Radar.

package workos_test

import (
	"context"
	"encoding/base64"
	"math/big"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/kestrel-dev/workos"
	"github.com/kestrel-dev/workos/workostest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// integVerifier builds a Verifier for the fake's tokens.
func integVerifier(t *testing.T, w *integWorld) *workos.Verifier {
	t.Helper()
	v, err := workos.NewVerifier(w.client, workos.WithTokenIssuer(w.srv.Issuer()), workos.WithVerifierClock(w.srv.Now))
	require.NoError(t, err)
	return v
}

func integPasswordSignIn(t *testing.T, w *integWorld) {
	ctx := integCtx(t)
	jwks, err := w.um.GetJWKS(ctx, "")
	require.NoError(t, err)
	require.Len(t, jwks.Keys, 1)
	pub, kid := w.srv.PublicKey()
	assert.Equal(t, kid, jwks.Keys[0].KeyID)
	assert.Equal(t, "RS256", jwks.Keys[0].Algorithm)
	assert.Equal(t, "RSA", jwks.Keys[0].KeyType)
	assert.Equal(t, base64.RawURLEncoding.EncodeToString(pub.N.Bytes()), jwks.Keys[0].N, "the published key is the signing key")
	assert.Equal(t, base64.RawURLEncoding.EncodeToString(big.NewInt(int64(pub.E)).Bytes()), jwks.Keys[0].E)
	_, err = w.um.GetJWKS(ctx, "client_other")
	assert.ErrorIs(t, err, workos.ErrNotFound, "no key set for another client")

	resp, err := w.um.AuthenticateWithPassword(ctx, workos.AuthenticateWithPasswordParams{
		Email: w.ada.Email, Password: w.adaPass, IPAddress: "203.0.113.7", UserAgent: "integration/1.0",
	})
	require.NoError(t, err)
	assert.Equal(t, w.ada.ID, resp.User.ID)
	assert.Equal(t, w.org.ID, resp.OrganizationID, "a user with one organization signs in to it")
	assert.Equal(t, workos.AuthenticationMethodPassword, resp.AuthenticationMethod)
	require.NotNil(t, resp.User.LastSignInAt)
	assert.WithinDuration(t, w.srv.Now(), *resp.User.LastSignInAt, time.Second)

	claims, err := integVerifier(t, w).Verify(ctx, resp.AccessToken)
	require.NoError(t, err)
	assert.Equal(t, w.srv.Issuer(), claims.Issuer)
	assert.Equal(t, w.ada.ID, claims.Subject)
	assert.Equal(t, w.org.ID, claims.OrganizationID)
	assert.Equal(t, "owner", claims.Role)
	assert.Equal(t, []string{"owner"}, claims.Roles)
	assert.True(t, strings.HasPrefix(claims.SessionID, "session_"), claims.SessionID)
	assert.True(t, claims.ExpiresAt.After(w.srv.Now()))

	// A service without a Client verifies through the JWKS URL alone.
	jwksURL, err := w.um.GetJWKSURL("")
	require.NoError(t, err)
	assert.Equal(t, w.srv.URL()+"/sso/jwks/"+w.srv.ClientID(), jwksURL)
	standalone, err := workos.NewJWKSVerifier(w.srv.ClientID(), jwksURL, w.srv.HTTPClient(),
		workos.WithTokenIssuer(w.srv.Issuer()), workos.WithVerifierClock(w.srv.Now))
	require.NoError(t, err)
	again, err := standalone.Verify(ctx, resp.AccessToken)
	require.NoError(t, err)
	assert.Equal(t, claims.JWTID, again.JWTID)

	strict, err := workos.NewVerifier(w.client, workos.WithTokenIssuer("https://elsewhere.example"), workos.WithVerifierClock(w.srv.Now))
	require.NoError(t, err)
	_, err = strict.Verify(ctx, resp.AccessToken)
	assert.ErrorIs(t, err, workos.ErrTokenIssuer)

	// Refresh rotates: the new token works, the old one is spent.
	next, err := w.um.AuthenticateWithRefreshToken(ctx, workos.AuthenticateWithRefreshTokenParams{RefreshToken: resp.RefreshToken})
	require.NoError(t, err)
	assert.NotEqual(t, resp.RefreshToken, next.RefreshToken)
	nextClaims, err := integVerifier(t, w).Verify(ctx, next.AccessToken)
	require.NoError(t, err)
	assert.Equal(t, claims.SessionID, nextClaims.SessionID, "a refresh keeps the session")
	w.srv.Advance(workostest.DefaultRefreshReplayWindow) // past the replay window
	_, err = w.um.AuthenticateWithRefreshToken(ctx, workos.AuthenticateWithRefreshTokenParams{RefreshToken: resp.RefreshToken})
	assert.True(t, workos.IsInvalidGrant(err), "reuse of a refresh token: %v", err)
	assert.NotContains(t, err.Error(), resp.RefreshToken)

	_, err = w.um.AuthenticateWithPassword(ctx, workos.AuthenticateWithPasswordParams{Email: w.ada.Email, Password: "wrong password"})
	integAPIError(t, err, http.StatusBadRequest, workos.ErrorCodeInvalidCredentials)
}

func integChallenges(t *testing.T, w *integWorld) {
	ctx := integCtx(t)
	// Organization selection: ada joins a second organization.
	_, err := w.um.CreateOrganizationMembership(ctx, workos.CreateOrganizationMembershipParams{UserID: w.ada.ID, OrganizationID: w.org2.ID})
	require.NoError(t, err)
	_, err = w.um.AuthenticateWithPassword(ctx, workos.AuthenticateWithPasswordParams{Email: w.ada.Email, Password: w.adaPass})
	var sel *workos.OrganizationSelectionRequiredError
	require.ErrorAs(t, err, &sel)
	assert.Equal(t, http.StatusForbidden, sel.StatusCode)
	assert.Equal(t, workos.ErrorCodeOrganizationSelectionRequired, sel.Code)
	require.NotNil(t, sel.User)
	assert.Equal(t, w.ada.ID, sel.User.ID)
	assert.ElementsMatch(t, []workos.OrganizationChoice{{ID: w.org.ID, Name: "Acme"}, {ID: w.org2.ID, Name: "Globex"}}, sel.Organizations)
	assert.NotContains(t, err.Error(), sel.PendingAuthenticationToken)

	picked, err := w.um.AuthenticateWithOrganizationSelection(ctx, workos.AuthenticateWithOrganizationSelectionParams{
		PendingAuthenticationToken: sel.PendingAuthenticationToken, OrganizationID: w.org2.ID,
	})
	require.NoError(t, err)
	assert.Equal(t, w.org2.ID, picked.OrganizationID)
	assert.Equal(t, w.ada.ID, picked.User.ID)
	_, err = w.um.AuthenticateWithOrganizationSelection(ctx, workos.AuthenticateWithOrganizationSelectionParams{
		PendingAuthenticationToken: sel.PendingAuthenticationToken, OrganizationID: w.org2.ID,
	})
	integAPIError(t, err, http.StatusBadRequest, workos.ErrorCodeInvalidPendingAuthenticationToken)

	// Switching organization on refresh.
	sw, err := w.um.AuthenticateWithRefreshToken(ctx, workos.AuthenticateWithRefreshTokenParams{RefreshToken: picked.RefreshToken, OrganizationID: w.org.ID})
	require.NoError(t, err)
	assert.Equal(t, w.org.ID, sw.OrganizationID)

	// Email verification required for an unverified user.
	w.srv.RequireEmailVerification(true)
	defer w.srv.RequireEmailVerification(false)
	linus := w.srv.CreateUser(workostest.NewUser{Email: "linus@example.com", Password: "penguins rule"})
	_, err = w.um.AuthenticateWithPassword(ctx, workos.AuthenticateWithPasswordParams{Email: linus.Email, Password: "penguins rule"})
	var evr *workos.EmailVerificationRequiredError
	require.ErrorAs(t, err, &evr)
	assert.Equal(t, http.StatusForbidden, evr.StatusCode)
	assert.Equal(t, linus.Email, evr.Email)
	require.NotEmpty(t, evr.PendingAuthenticationToken)
	ev, err := w.um.GetEmailVerification(ctx, evr.EmailVerificationID)
	require.NoError(t, err)
	mail := integMail(t, w.srv, linus.Email, workostest.EmailVerification)
	assert.Equal(t, mail.Code, ev.Code)
	assert.Equal(t, linus.ID, ev.UserID)

	done, err := w.um.AuthenticateWithEmailVerification(ctx, workos.AuthenticateWithEmailVerificationParams{
		Code: mail.Code, PendingAuthenticationToken: evr.PendingAuthenticationToken,
	})
	require.NoError(t, err)
	assert.Equal(t, linus.ID, done.User.ID)
	assert.True(t, done.User.EmailVerified)
	assert.Empty(t, done.OrganizationID, "linus has no organization")
}

func integTOTP(t *testing.T, w *integWorld) {
	ctx := integCtx(t)
	u := w.srv.CreateUser(workostest.NewUser{Email: "turing@example.com", Password: "enigma machine", EmailVerified: true})
	enr, err := w.um.EnrollAuthFactor(ctx, u.ID, workos.EnrollAuthFactorParams{TOTPIssuer: "Acme", TOTPUser: u.Email})
	require.NoError(t, err)
	f := enr.AuthenticationFactor
	assert.Equal(t, "authentication_factor", f.Object)
	assert.Equal(t, workos.AuthenticationFactorTypeTOTP, f.Type)
	assert.Equal(t, u.ID, f.UserID)
	require.NotNil(t, f.TOTP)
	assert.Equal(t, "Acme", f.TOTP.Issuer)
	assert.Equal(t, u.Email, f.TOTP.User)
	assert.NotEmpty(t, f.TOTP.Secret)
	assert.True(t, strings.HasPrefix(f.TOTP.URI, "otpauth://totp/"), f.TOTP.URI)
	assert.Equal(t, f.ID, enr.AuthenticationChallenge.AuthenticationFactorID)

	factors := integAll(t, w.um.ListAuthFactors(ctx, u.ID, workos.ListAuthFactorsParams{}))
	require.Len(t, factors, 1)
	assert.Equal(t, f.ID, factors[0].ID)
	require.NotNil(t, factors[0].TOTP)
	assert.Empty(t, factors[0].TOTP.Secret, "the secret is shown only at enrollment")

	_, err = w.um.AuthenticateWithPassword(ctx, workos.AuthenticateWithPasswordParams{Email: u.Email, Password: "enigma machine"})
	var mfa *workos.MFAChallengeError
	require.ErrorAs(t, err, &mfa)
	assert.Equal(t, workos.ErrorCodeMFAChallenge, mfa.Code)
	require.Len(t, mfa.AuthenticationFactors, 1)
	assert.Equal(t, f.ID, mfa.AuthenticationFactors[0].ID)

	code := w.srv.TOTPCode(f.ID)
	require.Len(t, code, 6)
	wrong := "000000"
	if code == wrong {
		wrong = "111111"
	}
	_, err = w.um.AuthenticateWithTOTP(ctx, workos.AuthenticateWithTOTPParams{
		Code: wrong, PendingAuthenticationToken: mfa.PendingAuthenticationToken, AuthenticationChallengeID: enr.AuthenticationChallenge.ID,
	})
	integAPIError(t, err, http.StatusBadRequest, workos.ErrorCodeInvalidOneTimeCode)
	resp, err := w.um.AuthenticateWithTOTP(ctx, workos.AuthenticateWithTOTPParams{
		Code: code, PendingAuthenticationToken: mfa.PendingAuthenticationToken, AuthenticationChallengeID: enr.AuthenticationChallenge.ID,
	})
	require.NoError(t, err)
	assert.Equal(t, u.ID, resp.User.ID)
	claims, err := integVerifier(t, w).Verify(ctx, resp.AccessToken)
	require.NoError(t, err)
	assert.Equal(t, u.ID, claims.Subject)
}

func integAuthorizationCode(t *testing.T, w *integWorld) {
	ctx := integCtx(t)
	const cb = "https://app.example/callback"
	// Public client: PKCE, no API key on the exchange.
	p, err := w.um.GetAuthorizationURLWithPKCE(workos.GetAuthorizationURLParams{
		RedirectURI: cb, Provider: workos.AuthorizationProviderAuthKit, LoginHint: w.grace.Email,
	})
	require.NoError(t, err)
	require.NotEmpty(t, p.State)
	status, loc := integFollow(t, w.srv, p.URL)
	require.Equal(t, http.StatusFound, status)
	require.True(t, strings.HasPrefix(loc, cb+"?"), loc)
	q := integQuery(t, loc)
	assert.Equal(t, p.State, q.Get("state"))
	code := q.Get("code")
	require.NotEmpty(t, code)

	_, err = w.um.AuthenticateWithCodePKCE(ctx, workos.AuthenticateWithCodePKCEParams{Code: code, CodeVerifier: workos.GenerateCodeVerifier()})
	assert.True(t, workos.IsInvalidGrant(err), "a verifier that does not match the challenge: %v", err)

	// A fresh code (the failed exchange may have spent nothing, but ask again
	// to be independent of that).
	status, loc = integFollow(t, w.srv, p.URL)
	require.Equal(t, http.StatusFound, status)
	code = integQuery(t, loc).Get("code")
	before := len(w.srv.Requests())
	resp, err := w.um.AuthenticateWithCodePKCE(ctx, workos.AuthenticateWithCodePKCEParams{Code: code, CodeVerifier: p.CodeVerifier})
	require.NoError(t, err)
	assert.Equal(t, w.grace.ID, resp.User.ID)
	assert.Empty(t, resp.OrganizationID, "grace left her only organization")
	reqs := w.srv.Requests()[before:]
	require.Len(t, reqs, 1)
	assert.False(t, reqs[0].Authorized, "the PKCE exchange sends no API key")
	_, err = w.um.AuthenticateWithCodePKCE(ctx, workos.AuthenticateWithCodePKCEParams{Code: code, CodeVerifier: p.CodeVerifier})
	assert.True(t, workos.IsInvalidGrant(err), "a code works once: %v", err)

	// Confidential client: no PKCE, the API key is the client secret.
	u, err := w.um.GetAuthorizationURL(workos.GetAuthorizationURLParams{
		RedirectURI: cb, Provider: workos.AuthorizationProviderGoogleOAuth, LoginHint: w.grace.Email, State: "st-42",
	})
	require.NoError(t, err)
	status, loc = integFollow(t, w.srv, u)
	require.Equal(t, http.StatusFound, status)
	q = integQuery(t, loc)
	assert.Equal(t, "st-42", q.Get("state"))
	resp, err = w.um.AuthenticateWithCode(ctx, workos.AuthenticateWithCodeParams{Code: q.Get("code")})
	require.NoError(t, err)
	assert.Equal(t, w.grace.ID, resp.User.ID)
	assert.Equal(t, workos.AuthenticationMethodGoogleOAuth, resp.AuthenticationMethod)
}

func integDeviceCode(t *testing.T, w *integWorld) {
	ctx := integCtx(t)
	// A CLI has no API key.
	cli := w.srv.Client(workos.WithAPIKey(""))
	da, err := cli.UserManagement.CreateDevice(ctx, workos.CreateDeviceParams{})
	require.NoError(t, err)
	assert.NotEmpty(t, da.DeviceCode)
	assert.Regexp(t, `^[A-Z]{4}-[A-Z]{4}$`, da.UserCode)
	assert.Equal(t, w.srv.URL()+"/device", da.VerificationURI)
	assert.Contains(t, da.VerificationURIComplete, da.UserCode)
	assert.Equal(t, 5*time.Minute, da.ExpiresAfter())
	assert.Equal(t, w.srv.LastUserCode(), da.UserCode)

	_, err = cli.UserManagement.AuthenticateWithDeviceCode(ctx, workos.AuthenticateWithDeviceCodeParams{DeviceCode: da.DeviceCode})
	integAPIError(t, err, http.StatusBadRequest, workos.ErrorCodeAuthorizationPending)

	waits := 0
	resp, err := cli.UserManagement.PollDeviceCode(ctx, workos.PollDeviceCodeParams{
		DeviceCode: da.DeviceCode, Interval: da.PollInterval(),
		Sleep: func(ctx context.Context, d time.Duration) error {
			waits++
			assert.Equal(t, da.PollInterval(), d)
			if waits == 2 { // the user approves while the CLI waits
				require.NoError(t, w.srv.ApproveDevice(da.UserCode, w.grace.ID))
			}
			return nil
		},
	})
	require.NoError(t, err)
	assert.Equal(t, 2, waits, "one pending poll, then the approved one")
	assert.Equal(t, w.grace.ID, resp.User.ID)

	_, err = cli.UserManagement.AuthenticateWithDeviceCode(ctx, workos.AuthenticateWithDeviceCodeParams{DeviceCode: da.DeviceCode})
	assert.True(t, workos.IsInvalidGrant(err), "a device code works once: %v", err)

	// AuthorizeDevice (the Ruby SDK's path, /oauth2/device_authorization)
	// starts the same flow; this one the user refuses.
	denied, err := cli.UserManagement.AuthorizeDevice(ctx, workos.AuthorizeDeviceParams{})
	require.NoError(t, err)
	assert.Equal(t, w.srv.LastUserCode(), denied.UserCode)
	assert.NotEqual(t, da.DeviceCode, denied.DeviceCode)
	require.NoError(t, w.srv.DenyDevice(denied.UserCode))
	_, err = cli.UserManagement.PollDeviceCode(ctx, workos.PollDeviceCodeParams{
		DeviceCode: denied.DeviceCode, Sleep: func(context.Context, time.Duration) error { return nil },
	})
	var dce *workos.DeviceCodeError
	require.ErrorAs(t, err, &dce)
	assert.ErrorIs(t, err, workos.ErrDeviceAccessDenied)
}

func integCreateAuthenticate(t *testing.T, w *integWorld) {
	ctx := integCtx(t)
	resp, err := w.um.CreateAuthenticate(ctx, workos.CreateAuthenticateParams{
		GrantType: workos.GrantTypePassword, Email: w.grace.Email, Password: "cobol forever",
	})
	require.NoError(t, err)
	assert.Equal(t, w.grace.ID, resp.User.ID)
	assert.Equal(t, workos.AuthenticationMethodPassword, resp.AuthenticationMethod)

	next, err := w.um.CreateAuthenticate(ctx, workos.CreateAuthenticateParams{GrantType: workos.GrantTypeRefreshToken, RefreshToken: resp.RefreshToken})
	require.NoError(t, err)
	assert.Equal(t, w.grace.ID, next.User.ID)

	before := len(w.srv.Requests())
	_, err = w.um.CreateAuthenticate(ctx, workos.CreateAuthenticateParams{GrantType: workos.GrantTypePassword, Email: w.grace.Email})
	assert.ErrorIs(t, err, workos.ErrInvalidParams, "a password grant without a password")
	assert.Len(t, w.srv.Requests(), before, "nothing was sent")
}

func integRadar(t *testing.T, w *integWorld) {
	ctx := integCtx(t)
	sms, err := w.um.SendRadarChallenge(ctx, workos.SendRadarChallengeParams{
		UserID: w.grace.ID, PendingAuthenticationToken: w.srv.PendingAuthenticationToken(w.grace.ID), PhoneNumber: "+15555550100",
	})
	require.NoError(t, err)
	assert.Equal(t, http.StatusCreated, sms.LastResponse.StatusCode)
	assert.True(t, strings.HasPrefix(sms.VerificationID, "radar_verification_"), sms.VerificationID)
	assert.Equal(t, "+15555550100", sms.PhoneNumber)

	id := w.srv.CreateRadarChallenge(w.grace.ID)
	require.NotEmpty(t, id)
	ch, err := w.um.GetRadarChallenge(ctx, id)
	require.NoError(t, err)
	assert.Equal(t, "radar_challenge", ch.Object)
	assert.Equal(t, id, ch.ID)
	assert.Equal(t, "email", ch.Type)
	assert.Equal(t, w.grace.ID, ch.UserID)
	assert.Equal(t, w.grace.Email, ch.Email)
	assert.Regexp(t, `^\d{6}$`, ch.Code)
	_, err = w.um.GetRadarChallenge(ctx, "radar_challenge_01NOPE")
	assert.ErrorIs(t, err, workos.ErrNotFound)

	// The fake never raises a Radar challenge on sign-in, so it has no
	// pending token to finish: both grants reach it and are refused with
	// the API's error for an unknown pending token.
	_, err = w.um.AuthenticateWithRadarEmailChallenge(ctx, workos.AuthenticateWithRadarEmailChallengeParams{
		Code: ch.Code, RadarChallengeID: id, PendingAuthenticationToken: "pending_from_radar",
	})
	integAPIError(t, err, http.StatusBadRequest, workos.ErrorCodeInvalidPendingAuthenticationToken)
	_, err = w.um.AuthenticateWithRadarSMSChallenge(ctx, workos.AuthenticateWithRadarSMSChallengeParams{
		Code: "123456", PendingAuthenticationToken: "pending_from_radar", VerificationID: sms.VerificationID, PhoneNumber: sms.PhoneNumber,
	})
	integAPIError(t, err, http.StatusBadRequest, workos.ErrorCodeInvalidPendingAuthenticationToken)
}
