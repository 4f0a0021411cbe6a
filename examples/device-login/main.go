// Command device-login signs a user in from a terminal with the OAuth 2.0
// device authorization flow (RFC 8628), the way CLIs do: it prints a URL
// and a short code, the user approves in any browser, and the CLI gets the
// user's session.
//
// Against your WorkOS environment it needs only the client ID (a CLI
// cannot keep an API key secret):
//
//	WORKOS_CLIENT_ID=client_... go run ./examples/device-login
//
// Without WORKOS_CLIENT_ID it runs against an in-process fake WorkOS API
// (package workostest), where a simulated user approves the sign-in after
// a moment:
//
//	go run ./examples/device-login
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"time"

	"github.com/kestrel-dev/workos"
	"github.com/kestrel-dev/workos/workostest"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := start(ctx, os.Stdout, os.Getenv)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "device-login:", err)
		os.Exit(1)
	}
}

// start signs in against WorkOS, or against a fake when no client ID is
// set.
func start(ctx context.Context, out io.Writer, env func(string) string) error {
	if id := env("WORKOS_CLIENT_ID"); id != "" {
		client, err := workos.NewClient(workos.WithClientID(id))
		if err != nil {
			return err
		}
		return run(ctx, out, client)
	}

	fmt.Fprintln(out, "WORKOS_CLIENT_ID is not set, so this runs against an in-process fake WorkOS API (package workostest);")
	fmt.Fprintln(out, "a simulated user approves the sign-in in a moment.")
	fmt.Fprintln(out)
	srv := workostest.Start(workostest.WithDevicePollInterval(500 * time.Millisecond))
	defer srv.Close()
	ada := srv.CreateUser(workostest.NewUser{Email: "ada@example.com", FirstName: "Ada", EmailVerified: true})
	ctx, cancel := context.WithCancel(ctx)
	defer cancel() // stops the simulated user if run fails before it approves
	go approveWhenAsked(ctx, srv, ada.ID)
	return run(ctx, out, srv.Client())
}

// run is the device flow: ask for a code, show it, and wait for the user.
func run(ctx context.Context, out io.Writer, client *workos.Client) error {
	um := client.UserManagement
	device, err := um.CreateDevice(ctx, workos.CreateDeviceParams{})
	if err != nil {
		return fmt.Errorf("start device sign-in: %w", err)
	}
	fmt.Fprintf(out, "To sign in, open %s\n", device.VerificationURI)
	fmt.Fprintf(out, "and enter the code: %s\n", device.UserCode)
	if device.VerificationURIComplete != "" {
		fmt.Fprintf(out, "(or open %s, which has the code filled in)\n", device.VerificationURIComplete)
	}
	fmt.Fprintln(out, "\nWaiting for approval...")

	// Stop waiting when the code expires, even if the server never says so.
	ctx, cancel := context.WithTimeout(ctx, device.ExpiresAfter())
	defer cancel()
	auth, err := um.PollDeviceCode(ctx, workos.PollDeviceCodeParams{
		DeviceCode: device.DeviceCode,
		Interval:   device.PollInterval(), // PollDeviceCode slows down when asked to
	})
	switch {
	case errors.Is(err, workos.ErrDeviceAccessDenied):
		return errors.New("the sign-in was denied")
	case errors.Is(err, workos.ErrDeviceCodeExpired), errors.Is(err, context.DeadlineExceeded):
		return errors.New("the code expired before anyone approved it; run again for a new one")
	case err != nil:
		return fmt.Errorf("wait for approval: %w", err)
	}

	fmt.Fprintf(out, "Signed in as %s (%s)\n", auth.User.Email, auth.User.ID)
	if auth.OrganizationID != "" {
		fmt.Fprintf(out, "Organization: %s\n", auth.OrganizationID)
	}
	// A real CLI would now keep auth.RefreshToken in the OS keychain and
	// send auth.AccessToken to its API, refreshing it when it expires.
	fmt.Fprintf(out, "Got an access token (%d bytes) and a refresh token.\n", len(auth.AccessToken))
	return nil
}

// approveWhenAsked plays the user's browser in the demo: once a device
// sign-in is waiting, it approves it as userID.
func approveWhenAsked(ctx context.Context, srv *workostest.Server, userID string) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-time.After(200 * time.Millisecond):
		}
		if code := srv.LastUserCode(); code != "" {
			_ = srv.ApproveDevice(code, userID)
			return
		}
	}
}
