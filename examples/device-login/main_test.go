package main

import (
	"bytes"
	"context"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kestrel-dev/workos/workostest"
)

// syncBuffer lets the test read what run prints while run is still
// printing.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// deviceTestCode waits until run has started a device sign-in and returns
// its user code.
func deviceTestCode(t *testing.T, srv *workostest.Server) string {
	t.Helper()
	var code string
	require.Eventually(t, func() bool { code = srv.LastUserCode(); return code != "" }, 5*time.Second, 5*time.Millisecond)
	return code
}

func TestRunSignsInOnceTheUserApproves(t *testing.T) {
	srv := workostest.NewServer(t, workostest.WithDevicePollInterval(10*time.Millisecond))
	org := srv.CreateOrganization("Acme Corp")
	ada := srv.CreateUser(workostest.NewUser{Email: "ada@example.com", EmailVerified: true})
	srv.AddMembership(ada.ID, org.ID, workostest.StatusActive, "admin")

	var out syncBuffer
	done := make(chan error, 1)
	go func() { done <- run(context.Background(), &out, srv.Client()) }()

	// The user reads the code from the terminal and approves in a browser.
	code := deviceTestCode(t, srv)
	require.Eventually(t, func() bool { return bytes.Contains([]byte(out.String()), []byte("Waiting for approval")) },
		5*time.Second, 5*time.Millisecond)
	require.NoError(t, srv.ApproveDevice(code, ada.ID))
	require.NoError(t, <-done)

	got := out.String()
	assert.Contains(t, got, "To sign in, open "+srv.URL()+"/device\n")
	assert.Contains(t, got, "and enter the code: "+code+"\n")
	assert.Contains(t, got, "/device?user_code="+code+", which has the code filled in")
	assert.Contains(t, got, "Signed in as ada@example.com ("+ada.ID+")\n")
	assert.Contains(t, got, "Organization: "+org.ID+"\n")
	assert.Contains(t, got, "Got an access token")
	assert.GreaterOrEqual(t, srv.CountRequests("POST", "/user_management/authenticate"), 1)
	sessions := srv.Sessions(ada.ID)
	require.Len(t, sessions, 1)
	assert.True(t, sessions[0].Active)
}

func TestRunReportsADeniedSignIn(t *testing.T) {
	srv := workostest.NewServer(t, workostest.WithDevicePollInterval(10*time.Millisecond))
	var out syncBuffer
	done := make(chan error, 1)
	go func() { done <- run(context.Background(), &out, srv.Client()) }()

	require.NoError(t, srv.DenyDevice(deviceTestCode(t, srv)))
	require.EqualError(t, <-done, "the sign-in was denied")
	assert.NotContains(t, out.String(), "Signed in")
}

func TestRunReportsAnExpiredCode(t *testing.T) {
	srv := workostest.NewServer(t, workostest.WithDevicePollInterval(10*time.Millisecond))
	var out syncBuffer
	done := make(chan error, 1)
	go func() { done <- run(context.Background(), &out, srv.Client()) }()

	deviceTestCode(t, srv)
	srv.Advance(10 * time.Minute) // nobody approved in time
	require.EqualError(t, <-done, "the code expired before anyone approved it; run again for a new one")
}

func TestStartWithoutAClientIDRunsTheDemoAgainstTheFake(t *testing.T) {
	var out bytes.Buffer
	err := start(context.Background(), &out, func(string) string { return "" })
	require.NoError(t, err, out.String())
	got := out.String()
	assert.Contains(t, got, "runs against an in-process fake WorkOS API")
	assert.Contains(t, got, "and enter the code: ")
	assert.Contains(t, got, "Signed in as ada@example.com (user_")
}
