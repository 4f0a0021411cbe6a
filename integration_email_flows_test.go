// Integration steps for the flows that send an email: email verification,
// email change, password reset and magic auth.

package workos_test

import (
	"net/http"
	"testing"

	"github.com/kestrel-dev/workos"
	"github.com/kestrel-dev/workos/workostest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func integEmailVerification(t *testing.T, w *integWorld) {
	ctx := integCtx(t)
	sent, err := w.um.SendVerificationEmail(ctx, w.grace.ID)
	require.NoError(t, err)
	assert.Equal(t, w.grace.ID, sent.User.ID)
	mail := integMail(t, w.srv, w.grace.Email, workostest.EmailVerification)
	require.Len(t, mail.Code, 6)

	ev, err := w.um.GetEmailVerification(ctx, mail.ObjectID)
	require.NoError(t, err)
	assert.Equal(t, "email_verification", ev.Object)
	assert.Equal(t, mail.ObjectID, ev.ID)
	assert.Equal(t, w.grace.ID, ev.UserID)
	assert.Equal(t, w.grace.Email, ev.Email)
	assert.Equal(t, mail.Code, ev.Code)
	assert.True(t, ev.ExpiresAt.After(w.srv.Now()))

	wrong := "000000"
	if mail.Code == wrong {
		wrong = "111111"
	}
	_, err = w.um.VerifyEmail(ctx, w.grace.ID, workos.VerifyEmailParams{Code: wrong})
	var apiErr *workos.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusBadRequest, apiErr.StatusCode)

	verified, err := w.um.VerifyEmail(ctx, w.grace.ID, workos.VerifyEmailParams{Code: mail.Code})
	require.NoError(t, err)
	assert.True(t, verified.User.EmailVerified)
	assert.Equal(t, w.grace.ID, verified.User.ID)

	_, err = w.um.SendVerificationEmail(ctx, w.grace.ID)
	integAPIError(t, err, http.StatusBadRequest, "email_already_verified")
}

func integEmailChange(t *testing.T, w *integWorld) {
	ctx := integCtx(t)
	change, err := w.um.SendEmailChange(ctx, w.grace.ID, workos.SendEmailChangeParams{NewEmail: "grace@navy.example"})
	require.NoError(t, err)
	assert.Equal(t, "email_change", change.Object)
	assert.Equal(t, "grace@navy.example", change.NewEmail)
	assert.Equal(t, "grace@example.com", change.User.Email, "the address changes only on confirmation")
	assert.True(t, change.ExpiresAt.After(w.srv.Now()))
	mail := integMail(t, w.srv, "grace@navy.example", workostest.EmailChange)

	_, err = w.um.ConfirmEmailChange(ctx, w.grace.ID, workos.ConfirmEmailChangeParams{Code: "not-the-code"})
	integAPIError(t, err, http.StatusBadRequest, "email_change_code_incorrect")

	done, err := w.um.ConfirmEmailChange(ctx, w.grace.ID, workos.ConfirmEmailChangeParams{Code: mail.Code})
	require.NoError(t, err)
	assert.Equal(t, "email_change_confirmation", done.Object)
	assert.Equal(t, "grace@navy.example", done.User.Email)
	got, err := w.um.GetUser(ctx, w.grace.ID)
	require.NoError(t, err)
	assert.Equal(t, "grace@navy.example", got.Email)
	w.grace = got

	_, err = w.um.SendEmailChange(ctx, w.grace.ID, workos.SendEmailChangeParams{NewEmail: w.ada.Email})
	integAPIError(t, err, http.StatusConflict, "email_not_available")
	assert.ErrorIs(t, err, workos.ErrConflict)
}

func integPasswordReset(t *testing.T, w *integWorld) {
	ctx := integCtx(t)
	pr, err := w.um.ResetPassword(ctx, workos.ResetPasswordParams{Email: w.ada.Email})
	require.NoError(t, err)
	assert.Equal(t, http.StatusCreated, pr.LastResponse.StatusCode)
	assert.Equal(t, "password_reset", pr.Object)
	assert.Equal(t, w.ada.ID, pr.UserID)
	assert.Equal(t, w.ada.Email, pr.Email)
	mail := integMail(t, w.srv, w.ada.Email, workostest.EmailPasswordReset)
	assert.Equal(t, pr.ID, mail.ObjectID)
	assert.Equal(t, mail.Token, pr.PasswordResetToken)
	assert.Equal(t, mail.URL, pr.PasswordResetURL)

	again, err := w.um.GetPasswordReset(ctx, pr.ID)
	require.NoError(t, err)
	assert.Equal(t, pr.ID, again.ID)
	assert.Equal(t, pr.PasswordResetToken, again.PasswordResetToken)
	assert.True(t, pr.ExpiresAt.Equal(again.ExpiresAt))

	_, err = w.um.ConfirmPasswordReset(ctx, workos.ConfirmPasswordResetParams{Token: mail.Token, NewPassword: "short"})
	apiErr := integAPIError(t, err, http.StatusBadRequest, "password_reset_error")
	require.Len(t, apiErr.Errors, 1, "the strength failure says why")
	assert.Equal(t, "password_too_short", apiErr.Errors[0].Code)
	assert.NotContains(t, err.Error(), mail.Token)

	newPass := "analytical engine 1843"
	done, err := w.um.ConfirmPasswordReset(ctx, workos.ConfirmPasswordResetParams{Token: mail.Token, NewPassword: newPass})
	require.NoError(t, err)
	assert.Equal(t, w.ada.ID, done.User.ID)

	_, err = w.um.AuthenticateWithPassword(ctx, workos.AuthenticateWithPasswordParams{Email: w.ada.Email, Password: w.adaPass})
	integAPIError(t, err, http.StatusBadRequest, workos.ErrorCodeInvalidCredentials)
	w.adaPass = newPass
	_, err = w.um.ConfirmPasswordReset(ctx, workos.ConfirmPasswordResetParams{Token: mail.Token, NewPassword: "yet another password"})
	apiErr = integAPIError(t, err, http.StatusBadRequest, "password_reset_error")
	require.Len(t, apiErr.Errors, 1, "a reset token works once")
	assert.Equal(t, "password_reset_token_previously_used", apiErr.Errors[0].Code)
}

func integMagicAuth(t *testing.T, w *integWorld) {
	ctx := integCtx(t)
	ma, err := w.um.CreateMagicAuth(ctx, workos.CreateMagicAuthParams{Email: w.grace.Email})
	require.NoError(t, err)
	assert.Equal(t, "magic_auth", ma.Object)
	assert.Equal(t, w.grace.ID, ma.UserID)
	assert.Equal(t, w.grace.Email, ma.Email)
	mail := integMail(t, w.srv, w.grace.Email, workostest.EmailMagicAuth)
	assert.Equal(t, ma.ID, mail.ObjectID)
	assert.Equal(t, mail.Code, ma.Code)

	got, err := w.um.GetMagicAuth(ctx, ma.ID)
	require.NoError(t, err)
	assert.Equal(t, ma.ID, got.ID)
	assert.Equal(t, mail.Code, got.Code)
	assert.True(t, ma.ExpiresAt.Equal(got.ExpiresAt))

	resp, err := w.um.AuthenticateWithMagicAuth(ctx, workos.AuthenticateWithMagicAuthParams{Code: mail.Code, Email: w.grace.Email})
	require.NoError(t, err)
	assert.Equal(t, w.grace.ID, resp.User.ID)
	assert.Equal(t, workos.AuthenticationMethodMagicAuth, resp.AuthenticationMethod)
	claims, err := integVerifier(t, w).Verify(ctx, resp.AccessToken)
	require.NoError(t, err)
	assert.Equal(t, w.grace.ID, claims.Subject)
	next, err := w.um.AuthenticateWithRefreshToken(ctx, workos.AuthenticateWithRefreshTokenParams{RefreshToken: resp.RefreshToken})
	require.NoError(t, err)
	assert.Equal(t, w.grace.ID, next.User.ID)

	_, err = w.um.AuthenticateWithMagicAuth(ctx, workos.AuthenticateWithMagicAuthParams{Code: mail.Code, Email: w.grace.Email})
	integAPIError(t, err, http.StatusBadRequest, workos.ErrorCodeOneTimeCodePreviouslyUsed)
}
