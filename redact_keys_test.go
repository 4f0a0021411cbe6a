package workos

import (
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kestrel-dev/workos/internal/redact"
)

// redactSecretName matches the JSON and query keys that carry a secret:
// tokens, secrets, passwords, one-time codes and PKCE verifiers; not the
// ones that only describe one (password_hash_type, password_salt_position).
var (
	redactSecretName   = regexp.MustCompile(`token|secret|password|verifier|(^|_)code$`)
	redactDescribesOne = regexp.MustCompile(`_(type|position|id)$`)
)

// redactWireKeys lists the json and url tag names of t's fields, embedded
// structs included.
func redactWireKeys(t reflect.Type, out map[string]bool) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	for i := range t.NumField() {
		f := t.Field(i)
		if f.Anonymous {
			redactWireKeys(f.Type, out)
			continue
		}
		for _, tag := range []string{"json", "url"} {
			if name, _, _ := strings.Cut(f.Tag.Get(tag), ","); name != "" && name != "-" {
				out[name] = true
			}
		}
	}
}

// Every secret-looking key of every body and query the SDK sends is one
// the debug log redacts, so a field added later cannot reach the logs by
// a name the redactor does not know.
func TestRedact_EveryRequestSecretKeyIsRedacted(t *testing.T) {
	keys := map[string]bool{}
	for _, v := range []any{
		CreateAuthenticateParams{}, grantHead{}, CreateUserParams{}, passwordFields{}, UpdateUserParams{}, ConfirmPasswordResetParams{},
		ResetPasswordParams{}, EnrollAuthFactorParams{}, CreateConnectedAccountParams{}, UpdateConnectedAccountParams{},
		SendRadarChallengeParams{}, CreateMagicAuthParams{}, VerifyEmailParams{}, ConfirmEmailChangeParams{},
		SendEmailChangeParams{}, SendInvitationParams{}, ResendInvitationParams{}, CreateDeviceParams{},
		UpdateJWTTemplateParams{}, createMembershipBody{}, UpdateOrganizationMembershipParams{}, RevokeSessionParams{},
		CreateUserAPIKeyParams{}, CreateCORSOriginParams{}, CreateRedirectURIParams{},
		ListUsersParams{}, ListInvitationsParams{}, ListOrganizationMembershipsParams{}, ListUserAPIKeysParams{},
		ListDataProvidersParams{}, GetConnectedAccountParams{}, connectedAccountQuery{},
	} {
		redactWireKeys(reflect.TypeOf(v), keys)
	}
	var secret []string
	for k := range keys {
		if redactSecretName.MatchString(k) && !redactDescribesOne.MatchString(k) {
			secret = append(secret, k)
			assert.True(t, redact.IsSecretKey(k), "the debug log would print %q", k)
		}
	}
	// The walk found the keys it is meant to guard.
	for _, k := range []string{"password", "new_password", "password_hash", "client_secret", "code", "code_verifier",
		"refresh_token", "access_token", "token", "pending_authentication_token", "invitation_token", "device_code", "totp_secret"} {
		require.Contains(t, secret, k)
	}
}
