package workos_test

import (
	"encoding/json"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/kestrel-dev/workos"
	"github.com/kestrel-dev/workos/internal/rubyseal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// rubySealForTest seals payload the way the Ruby SDK 10.x does (see
// internal/rubyseal). The SDK itself never writes this format.
func rubySealForTest(t *testing.T, payload any, password string) string {
	t.Helper()
	plain, err := json.Marshal(payload)
	require.NoError(t, err)
	return rubyseal.Seal(plain, password)
}

// rubyCookieFor builds the cookie a Ruby app's
// seal_session_from_auth_response writes for res: snake_case keys, the
// SDK's User model.
func rubyCookieFor(t *testing.T, res *workos.AuthenticateResponse, password string) string {
	u := res.User
	user := map[string]any{
		"object": "user", "id": u.ID, "first_name": u.FirstName, "last_name": u.LastName, "name": u.Name,
		"profile_picture_url": u.ProfilePictureURL, "email": u.Email, "email_verified": u.EmailVerified,
		"external_id": u.ExternalID, "metadata": map[string]string{}, "last_sign_in_at": u.LastSignInAt,
		"locale": u.Locale, "created_at": u.CreatedAt.UTC().Format("2006-01-02T15:04:05.000Z"),
		"updated_at": u.UpdatedAt.UTC().Format("2006-01-02T15:04:05.000Z"),
	}
	return rubySealForTest(t, map[string]any{"access_token": res.AccessToken, "refresh_token": res.RefreshToken, "user": user}, password)
}

// TestRubyCookieMigration_AuthenticatesReSealsAsIronAndRefreshes takes a
// cookie a Ruby app wrote (percent-encoded by Rack, as the Go handler
// reads it) through the session helper: it authenticates, comes back as an
// iron cookie that UnsealSession opens, and that cookie refreshes.
func TestRubyCookieMigration_AuthenticatesReSealsAsIronAndRefreshes(t *testing.T) {
	t.Parallel()
	w := integNewSessionWorld(t)
	ctx := integCtx(t)
	cookie := url.QueryEscape(rubyCookieFor(t, w.auth, integCookiePassword))

	s := workos.LoadSealedSession(w.client, w.verifier, cookie, integCookiePassword, workos.WithRubyCookies())
	got, err := s.Authenticate(ctx)
	require.NoError(t, err)
	assert.Equal(t, w.user.ID, got.User.ID)
	assert.Equal(t, w.user.Email, got.User.Email)
	assert.Equal(t, w.org.ID, got.OrganizationID)
	assert.Equal(t, "admin", got.Role)
	assert.Equal(t, w.auth.AccessToken, got.AccessToken)

	require.True(t, s.Migrated(), "the caller is told to set the new cookie")
	iron := s.SealedSession()
	require.True(t, strings.HasPrefix(iron, "Fe26.2*"), "re-sealed as iron: %.10s", iron)
	data, err := workos.UnsealSession(iron, integCookiePassword)
	require.NoError(t, err)
	assert.Equal(t, w.auth.AccessToken, data.AccessToken)
	assert.Equal(t, w.auth.RefreshToken, data.RefreshToken)
	assert.Equal(t, w.org.ID, data.OrganizationID)
	assert.Equal(t, w.user.ID, data.User.ID)
	assert.Equal(t, w.user.Email, data.User.Email)

	// The next request carries the iron cookie, with no Ruby option.
	w.srv.Advance(6 * time.Minute)
	next := workos.LoadSealedSession(w.client, w.verifier, iron, integCookiePassword)
	_, err = next.Authenticate(ctx)
	require.ErrorIs(t, err, workos.ErrSessionTokenExpired)
	ref, err := next.Refresh(ctx, workos.RefreshSessionParams{})
	require.NoError(t, err)
	assert.False(t, next.Migrated())
	after, err := next.Authenticate(ctx)
	require.NoError(t, err)
	assert.Equal(t, got.SessionID, after.SessionID, "the refresh kept the migrated session")
	assert.NotEqual(t, w.auth.AccessToken, after.AccessToken)
	_, err = workos.UnsealSession(ref.SealedSession, integCookiePassword)
	require.NoError(t, err)
}

// TestRubyCookies_FormatIsToldByShapeAndNeedsTheOptIn checks each path
// sees only its own format's cookies and errors.
func TestRubyCookies_FormatIsToldByShapeAndNeedsTheOptIn(t *testing.T) {
	t.Parallel()
	w := integNewSessionWorld(t)
	ctx := integCtx(t)
	ruby := rubyCookieFor(t, w.auth, integCookiePassword)

	// Without the opt-in a Ruby cookie is refused, by the iron reader.
	s := workos.LoadSealedSession(w.client, w.verifier, ruby, integCookiePassword)
	_, err := s.Authenticate(ctx)
	assert.ErrorIs(t, err, workos.ErrSessionInvalidCookie)
	assert.ErrorIs(t, err, workos.ErrSealMalformed)
	assert.False(t, s.Migrated())
	assert.Equal(t, ruby, s.SealedSession())

	// With it, an iron cookie is still read as iron and not migrated.
	s = workos.LoadSealedSession(w.client, w.verifier, w.sealed, integCookiePassword, workos.WithRubyCookies())
	_, err = s.Authenticate(ctx)
	require.NoError(t, err)
	assert.False(t, s.Migrated())
	assert.Equal(t, w.sealed, s.SealedSession())

	// A broken iron cookie gets the iron reader's error, never the Ruby one.
	s = workos.LoadSealedSession(w.client, w.verifier, w.sealed[:len(w.sealed)-6], integCookiePassword, workos.WithRubyCookies())
	_, err = s.Authenticate(ctx)
	assert.ErrorIs(t, err, workos.ErrSealBadMAC)
	assert.NotErrorIs(t, err, workos.ErrSealUnknownVersion)

	// A Ruby cookie under another password is an invalid cookie, kept as is.
	s = workos.LoadSealedSession(w.client, w.verifier, ruby, "another-password-that-is-long-enough-too", workos.WithRubyCookies())
	_, err = s.Authenticate(ctx)
	assert.ErrorIs(t, err, workos.ErrSessionInvalidCookie)
	assert.ErrorIs(t, err, workos.ErrSealBadMAC)
	assert.False(t, s.Migrated())
	assert.Equal(t, ruby, s.SealedSession())

	// A Ruby cookie whose token expired is migrated and refreshes at once.
	w.srv.Advance(6 * time.Minute)
	s = workos.LoadSealedSession(w.client, w.verifier, ruby, integCookiePassword, workos.WithRubyCookies())
	_, err = s.Authenticate(ctx)
	require.ErrorIs(t, err, workos.ErrSessionTokenExpired)
	ref, err := s.Refresh(ctx, workos.RefreshSessionParams{})
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(ref.SealedSession, "Fe26.2*"))
	assert.Equal(t, ref.SealedSession, s.SealedSession())
}

// TestRubyCookies_PasswordTooShortForIronIsAConfigurationError: 8 emoji
// are 32 bytes (Ruby's rule) but 16 UTF-16 units (iron's), so the cookie
// opens and cannot be re-sealed. That is the server's configuration, not
// the user's cookie, so it is not reported as an invalid cookie.
func TestRubyCookies_PasswordTooShortForIronIsAConfigurationError(t *testing.T) {
	t.Parallel()
	w := integNewSessionWorld(t)
	pw := strings.Repeat("\U0001F512", 8)
	cookie := rubyCookieFor(t, w.auth, pw)
	_, err := workos.UnsealRubySession(cookie, pw)
	require.NoError(t, err)

	s := workos.LoadSealedSession(w.client, w.verifier, cookie, pw, workos.WithRubyCookies())
	_, err = s.Authenticate(integCtx(t))
	assert.ErrorIs(t, err, workos.ErrSealPasswordTooShort)
	assert.NotErrorIs(t, err, workos.ErrSessionInvalidCookie)
	assert.False(t, s.Migrated())
	assert.Equal(t, cookie, s.SealedSession())
}
