package workostest_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/kestrel-dev/workos"
	"github.com/kestrel-dev/workos/workostest"
)

// A test starts a server with NewServer(t); a program (or this example)
// uses Start and Close. The server's Client is a workos.Client wired to it.
func Example() {
	srv := workostest.Start()
	defer srv.Close()

	org := srv.CreateOrganization("Acme")
	ada := srv.CreateUser(workostest.NewUser{Email: "ada@example.com", Password: "correct horse"})
	srv.AddMembership(ada.ID, org.ID, workostest.StatusActive, "admin")

	user, err := srv.Client().UserManagement.GetUser(context.Background(), ada.ID)
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	fmt.Println(user.Email, user.EmailVerified)
	// Output: ada@example.com false
}

// Codes and tokens the API would email are read from the server's inbox,
// as the user would read them from their mailbox.
func ExampleServer_LastEmail() {
	srv := workostest.Start()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()
	srv.CreateUser(workostest.NewUser{Email: "ada@example.com", Password: "correct horse"})

	// The code under test starts a password reset with ResetPassword...
	if _, err := client.UserManagement.ResetPassword(ctx, workos.ResetPasswordParams{Email: "ada@example.com"}); err != nil {
		fmt.Println("error:", err)
		return
	}
	// ...and the test finishes it with the token from the email.
	mail, ok := srv.LastEmail("ada@example.com")
	fmt.Println(ok, mail.Kind)
	res, err := client.UserManagement.ConfirmPasswordReset(ctx, workos.ConfirmPasswordResetParams{
		Token: mail.Token, NewPassword: "battery staple",
	})
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	fmt.Println(res.User.Email)
	// Output:
	// true password_reset
	// ada@example.com
}

// FailNext makes the next requests to a path fail, to test how the code
// under test handles an outage: here the SDK retries two 503s and succeeds
// on the third attempt.
func ExampleServer_FailNext() {
	srv := workostest.Start()
	defer srv.Close()
	ada := srv.CreateUser(workostest.NewUser{Email: "ada@example.com"})
	client := srv.Client(workos.WithBackoff(time.Millisecond, 10*time.Millisecond))

	srv.FailNext("GET", "/user_management/users/*", 2, 503, 0)
	user, err := client.UserManagement.GetUser(context.Background(), ada.ID)
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	fmt.Println(user.Email, srv.CountRequests("GET", "/user_management/users/*"))

	srv.FailNext("GET", "/user_management/users/*", 1, 503, 0)
	_, err = client.UserManagement.GetUser(context.Background(), ada.ID, workos.WithMaxRetries(0))
	fmt.Println(errors.Is(err, workos.ErrServer))
	// Output:
	// ada@example.com 3
	// true
}
