package workos

import (
	"bytes"
	"log/slog"
	"testing"

	"github.com/stretchr/testify/assert"
)

// Logging a secret-bearing result with slog, through either handler,
// shows what identifies it and never the secret itself.
func TestLogValues_KeepSecretsOutOfSlog(t *testing.T) {
	const access, refresh, sealed, device = "eyJ.access.secret", "rt_secret_refresh", "Fe26.2*sealed_secret", "dc_secret_device"
	auth := &AuthenticateResponse{User: User{ID: "user_1"}, AccessToken: access, RefreshToken: refresh}
	cases := []struct {
		name  string
		value any
		want  string // the JSON handler's rendering of the value
	}{
		{"SessionData", SessionData{User: SessionUser{ID: "user_1"}, OrganizationID: "org_1", AuthenticationMethod: AuthenticationMethodPassword, AccessToken: access, RefreshToken: refresh},
			`{"user_id":"user_1","organization_id":"org_1","authentication_method":"Password","access_token":"REDACTED","refresh_token":"REDACTED"}`},
		{"AuthenticatedSession", &AuthenticatedSession{User: User{ID: "user_1"}, SessionID: "session_1", OrganizationID: "org_1", Role: "admin", AccessToken: access},
			`{"user_id":"user_1","session_id":"session_1","organization_id":"org_1","role":"admin","access_token":"REDACTED"}`},
		{"RefreshedSession", &RefreshedSession{SealedSession: sealed, Response: auth},
			`{"sealed_session":"REDACTED","response":{"user_id":"user_1","organization_id":"","authentication_method":"","access_token":"REDACTED","refresh_token":"REDACTED"}}`},
		{"DeviceAuthorization", &DeviceAuthorization{DeviceCode: device, UserCode: "BCDF-GHJK", VerificationURI: "https://auth.example.com/device", ExpiresIn: 300, Interval: 5},
			`{"user_code":"BCDF-GHJK","verification_uri":"https://auth.example.com/device","expires_in":300,"interval":5,"device_code":"REDACTED"}`},
		{"empty secrets stay empty", DeviceAuthorization{UserCode: "X"},
			`{"user_code":"X","verification_uri":"","expires_in":0,"interval":0,"device_code":""}`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var js, text bytes.Buffer
			slog.New(slog.NewJSONHandler(&js, nil)).Info("m", "v", tc.value)
			slog.New(slog.NewTextHandler(&text, nil)).Info("m", "v", tc.value)
			assert.Contains(t, js.String(), `"v":`+tc.want)
			for _, secret := range []string{access, refresh, sealed, device} {
				assert.NotContains(t, js.String(), secret)
				assert.NotContains(t, text.String(), secret)
			}
		})
	}
}
