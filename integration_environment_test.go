// Integration steps for the environment's settings (CORS origins, redirect
// URIs, the JWT template) and for retries.

package workos_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/kestrel-dev/workos"
	"github.com/kestrel-dev/workos/workostest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func integEnvironment(t *testing.T, w *integWorld) {
	ctx := integCtx(t)
	origin, err := w.um.CreateCORSOrigin(ctx, workos.CreateCORSOriginParams{Origin: "https://app.example.com"})
	require.NoError(t, err)
	assert.Equal(t, "cors_origin", origin.Object)
	assert.Equal(t, "https://app.example.com", origin.Origin)
	_, err = w.um.CreateCORSOrigin(ctx, workos.CreateCORSOriginParams{Origin: "https://app.example.com"})
	integAPIError(t, err, http.StatusConflict, "duplicate_cors_origin")
	_, err = w.um.CreateCORSOrigin(ctx, workos.CreateCORSOriginParams{Origin: "https://admin.example.com"})
	require.NoError(t, err)
	origins := integAll(t, w.um.ListCORSOrigins(ctx, workos.ListCORSOriginsParams{ListParams: workos.ListParams{Order: workos.OrderAsc}}))
	require.Len(t, origins, 2)
	assert.Equal(t, origin.ID, origins[0].ID)
	assert.Equal(t, "https://admin.example.com", origins[1].Origin)

	first, err := w.um.CreateRedirectURI(ctx, workos.CreateRedirectURIParams{URI: "https://app.example.com/callback"})
	require.NoError(t, err)
	assert.Equal(t, "redirect_uri", first.Object)
	assert.True(t, first.Default, "the first redirect URI is the default")
	second, err := w.um.CreateRedirectURI(ctx, workos.CreateRedirectURIParams{URI: "https://staging.example.com/callback"})
	require.NoError(t, err)
	assert.False(t, second.Default)
	uris := integAll(t, w.um.ListRedirectURIs(ctx, workos.ListRedirectURIsParams{}))
	require.Len(t, uris, 2)
	assert.Equal(t, []string{second.ID, first.ID}, []string{uris[0].ID, uris[1].ID}, "newest first")
	del, err := w.um.DeleteRedirectURI(ctx, second.ID)
	require.NoError(t, err)
	assert.Equal(t, http.StatusNoContent, del.StatusCode)
	uris = integAll(t, w.um.ListRedirectURIs(ctx, workos.ListRedirectURIsParams{}))
	require.Len(t, uris, 1)
	assert.Equal(t, first.URI, uris[0].URI)
	_, err = w.um.DeleteRedirectURI(ctx, second.ID)
	assert.ErrorIs(t, err, workos.ErrNotFound)

	tmpl, err := w.um.GetJWTTemplate(ctx)
	require.NoError(t, err)
	assert.Equal(t, "jwt_template", tmpl.Object)
	assert.Equal(t, "{}", tmpl.Content)
	content := `{"urn:acme:tier": "{{ organization.metadata.tier }}"}`
	up, err := w.um.UpdateJWTTemplate(ctx, workos.UpdateJWTTemplateParams{Content: content})
	require.NoError(t, err)
	assert.Equal(t, content, up.Content)
	tmpl, err = w.um.GetJWTTemplate(ctx)
	require.NoError(t, err)
	assert.Equal(t, content, tmpl.Content)
	assert.True(t, tmpl.UpdatedAt.Time.Equal(up.UpdatedAt.Time))
}

func integRetries(t *testing.T, w *integWorld) {
	ctx := integCtx(t)
	path := "/user_management/users/" + w.ada.ID
	count := func() int { return w.srv.CountRequests(http.MethodGet, path) }

	// Two 503s, then success: three attempts in all.
	n := count()
	w.srv.FailNext(http.MethodGet, path, 2, http.StatusServiceUnavailable, 0)
	got, err := w.um.GetUser(ctx, w.ada.ID)
	require.NoError(t, err)
	assert.Equal(t, w.ada.ID, got.ID)
	assert.Equal(t, n+3, count())

	// A 429 with Retry-After: the client waits as told, then succeeds.
	n = count()
	w.srv.FailNext(http.MethodGet, path, 1, http.StatusTooManyRequests, time.Second)
	start := time.Now()
	_, err = w.um.GetUser(ctx, w.ada.ID)
	require.NoError(t, err)
	assert.GreaterOrEqual(t, time.Since(start), time.Second, "Retry-After was honoured")
	assert.Equal(t, n+2, count())

	// Failures beyond the retry budget (2 retries) come back typed.
	n = count()
	w.srv.FailNext(http.MethodGet, path, 3, http.StatusBadGateway, 0)
	_, err = w.um.GetUser(ctx, w.ada.ID)
	integAPIError(t, err, http.StatusBadGateway, "")
	assert.ErrorIs(t, err, workos.ErrServer)
	assert.Equal(t, n+3, count())

	// A 400 is not retried.
	n = count()
	w.srv.FailNext(http.MethodGet, path, 1, http.StatusBadRequest, 0)
	_, err = w.um.GetUser(ctx, w.ada.ID)
	assert.ErrorIs(t, err, workos.ErrBadRequest)
	assert.Equal(t, n+1, count())

	// A POST whose reply was lost is retried with the same Idempotency-Key
	// and done once.
	w.srv.InjectFault(workostest.Fault{Method: http.MethodPost, Path: "/user_management/users", Status: http.StatusServiceUnavailable, AfterHandling: true})
	created, err := w.um.CreateUser(ctx, workos.CreateUserParams{Email: "idem@example.com"})
	require.NoError(t, err)
	same := integAll(t, w.um.ListUsers(ctx, workos.ListUsersParams{Email: "idem@example.com"}))
	require.Len(t, same, 1, "the user was created once")
	assert.Equal(t, created.ID, same[0].ID)
}
