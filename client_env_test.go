package workos

import (
	"context"
	"net/http"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The User-Agent's product token names this SDK, not the official
// workos-go, so WorkOS support can tell the two apart (RFC 9110 §10.1.5).
func TestUserAgent_NamesThisSDKNotTheOfficialOne(t *testing.T) {
	c, sent := newRecordingClient(t, cannedReply{http.StatusOK, usersUserJSON})
	_, err := c.UserManagement.GetUser(context.Background(), "user_1")
	require.NoError(t, err)
	ua := sent()[0].Header.Get("User-Agent")
	assert.Equal(t, "kestrel-workos-go/"+Version+" go/"+runtime.Version(), ua)
	assert.False(t, strings.HasPrefix(ua, "workos-go/"), "workos-go is the official SDK's token")
}

func TestNewClient_ReadsWORKOS_BASE_URL(t *testing.T) {
	t.Setenv("WORKOS_BASE_URL", "http://127.0.0.1:8099/")
	c, err := NewClient(WithAPIKey("sk_test_123"))
	require.NoError(t, err)
	assert.Equal(t, "http://127.0.0.1:8099", c.BaseURL(), "read from the environment, trailing slash trimmed")
}

func TestNewClient_WithBaseURLWinsOverWORKOS_BASE_URL(t *testing.T) {
	t.Setenv("WORKOS_BASE_URL", "http://127.0.0.1:8099")
	c, err := NewClient(WithBaseURL("http://127.0.0.1:9000"))
	require.NoError(t, err)
	assert.Equal(t, "http://127.0.0.1:9000", c.BaseURL())
}

func TestNewClient_EmptyWORKOS_BASE_URLMeansTheDefault(t *testing.T) {
	t.Setenv("WORKOS_BASE_URL", "")
	c, err := NewClient()
	require.NoError(t, err)
	assert.Equal(t, DefaultBaseURL, c.BaseURL())
}

func TestNewClient_RefusesAMalformedWORKOS_BASE_URL(t *testing.T) {
	t.Setenv("WORKOS_BASE_URL", "api.workos.com")
	c, err := NewClient()
	assert.Nil(t, c)
	require.ErrorIs(t, err, ErrInvalidParams)
	assert.EqualError(t, err, `workos: invalid params: base URL "api.workos.com" must be an absolute http(s) URL`)
}
