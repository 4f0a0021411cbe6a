package workostest_test

import (
	"context"
	"fmt"

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

// Codes and tokens the API would email are read from the server's inbox.
func ExampleServer_LastEmail() {
	srv := workostest.Start()
	defer srv.Close()
	srv.CreateUser(workostest.NewUser{Email: "ada@example.com"})

	// ... the code under test calls CreatePasswordReset (POST
	// /user_management/password_reset) for ada@example.com ...
	req, _ := newJSONRequest(srv, "POST", "/user_management/password_reset", `{"email":"ada@example.com"}`)
	resp, err := srv.HTTPClient().Do(req)
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	resp.Body.Close()

	mail, ok := srv.LastEmail("ada@example.com")
	fmt.Println(ok, mail.Kind, len(mail.Token) > 0)
	// Output: true password_reset true
}
