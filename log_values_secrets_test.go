package workos

import (
	"bytes"
	"fmt"
	"log/slog"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestOneTimeSecrets_NeverPrintedOrLogged(t *testing.T) {
	const secret = "s3cr3t-one-time-value"
	cases := []struct {
		name  string
		value any
		id    string
	}{
		{"Invitation", Invitation{ID: "invitation_1", Email: "a@example.com", Token: secret, AcceptInvitationURL: "https://x/?token=" + secret}, "invitation_1"},
		{"PasswordReset", PasswordReset{ID: "password_reset_1", PasswordResetToken: secret, PasswordResetURL: "https://x/?token=" + secret}, "password_reset_1"},
		{"MagicAuth", MagicAuth{ID: "magic_auth_1", Code: secret}, "magic_auth_1"},
		{"CreateMagicAuthResponse", CreateMagicAuthResponse{MagicAuth: MagicAuth{ID: "magic_auth_2", Code: secret}}, "magic_auth_2"},
		{"EmailVerification", EmailVerification{ID: "email_verification_1", Code: secret}, "email_verification_1"},
		{"AuthenticationChallenge", AuthenticationChallenge{ID: "auth_challenge_1", Code: secret}, "auth_challenge_1"},
		{"TOTPFactor", TOTPFactor{Issuer: "Acme", User: "totp_user_1", Secret: secret, QRCode: "data:" + secret, URI: "otpauth://?secret=" + secret}, "totp_user_1"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			outputs := map[string]string{
				"%v":  fmt.Sprintf("%v", tc.value),
				"%+v": fmt.Sprintf("%+v", tc.value),
				"%#v": fmt.Sprintf("%#v", tc.value),
			}
			for _, h := range []func(*bytes.Buffer) slog.Handler{
				func(b *bytes.Buffer) slog.Handler { return slog.NewTextHandler(b, nil) },
				func(b *bytes.Buffer) slog.Handler { return slog.NewJSONHandler(b, nil) },
			} {
				var buf bytes.Buffer
				slog.New(h(&buf)).Info("result", "value", tc.value)
				outputs[fmt.Sprintf("slog %T", h(&bytes.Buffer{}))] = buf.String()
			}
			for how, out := range outputs {
				assert.NotContains(t, out, secret, how)
				assert.Contains(t, out, tc.id, how)
				assert.Contains(t, out, "REDACTED", how)
			}
		})
	}
}
