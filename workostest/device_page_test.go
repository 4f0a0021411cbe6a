package workostest_test

import (
	"io"
	"net/http"
	"testing"

	"github.com/kestrel-dev/workos/workostest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDeviceVerificationURIServesAPageWhileTheCodeIsPending(t *testing.T) {
	t.Parallel()
	srv := workostest.NewServer(t)
	u := srv.CreateUser(workostest.NewUser{Email: "ada@example.com"})
	r := fakeExpect(t, 200, fakeCall(t, srv, "POST", "/user_management/authorize/device", map[string]any{"client_id": srv.ClientID()}, false))
	page := func(uri string) (int, string) {
		resp, err := srv.HTTPClient().Get(uri)
		require.NoError(t, err)
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		require.NoError(t, err)
		assert.Equal(t, "text/html; charset=utf-8", resp.Header.Get("Content-Type"))
		return resp.StatusCode, string(body)
	}

	status, body := page(r.str(t, "verification_uri"))
	assert.Equal(t, http.StatusOK, status)
	assert.Contains(t, body, "ApproveDevice")
	status, body = page(r.str(t, "verification_uri_complete"))
	assert.Equal(t, http.StatusOK, status)
	assert.Contains(t, body, r.str(t, "user_code")+" is waiting")

	require.NoError(t, srv.ApproveDevice(r.str(t, "user_code"), u.ID))
	status, body = page(r.str(t, "verification_uri_complete"))
	assert.Equal(t, http.StatusNotFound, status, "an approved code is no longer pending")
	assert.Contains(t, body, "No pending device sign-in request")
	status, body = page(srv.URL() + "/device?user_code=%3Cb%3E")
	assert.Equal(t, http.StatusNotFound, status)
	assert.Contains(t, body, "&lt;b&gt;", "the code is escaped")
}
