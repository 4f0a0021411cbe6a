package workostest_test

import (
	"context"
	"fmt"
	"net/http/httptest"

	"github.com/kestrel-dev/workos"
	"github.com/kestrel-dev/workos/workostest"
)

// Test a webhook endpoint end to end: the fake signs each event it records
// and POSTs it to the endpoint, which verifies it with the SDK.
func ExampleServer_SendWebhooksTo() {
	srv := workostest.Start()
	defer srv.Close()

	endpoint := httptest.NewServer(workos.WebhookHandler("whsec_test", func(_ context.Context, ev *workos.Event) error {
		user, err := ev.User()
		if err != nil {
			return err
		}
		fmt.Println("verified", ev.Event, user.Email)
		return nil
	}))
	defer endpoint.Close()
	srv.SendWebhooksTo(endpoint.URL, "whsec_test")

	_, err := srv.Client().UserManagement.CreateUser(context.Background(), workos.CreateUserParams{Email: "ada@example.com"})
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	srv.FlushWebhooks()
	fmt.Println(srv.WebhookDeliveries()[0].Status)
	// Output:
	// verified user.created ada@example.com
	// 200
}

// Poll for new events without reading old ones again: list oldest first
// after the last event seen, and keep the last ID as the next cursor.
func ExampleServer_Events() {
	srv := workostest.Start()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	poll := func(cursor string) string {
		for ev, err := range client.Events.ListEvents(ctx, workos.ListEventsParams{
			ListParams: workos.ListParams{After: cursor, Order: workos.OrderAsc}}).All() {
			if err != nil {
				fmt.Println("error:", err)
				return cursor
			}
			fmt.Println(" ", ev.Event)
			cursor = ev.ID
		}
		return cursor
	}

	srv.CreateUser(workostest.NewUser{Email: "ada@example.com"})
	fmt.Println("first poll:")
	cursor := poll("")
	srv.CreateOrganization("Acme")
	fmt.Println("second poll:")
	cursor = poll(cursor)
	fmt.Println("third poll:")
	poll(cursor)
	// Output:
	// first poll:
	//   user.created
	// second poll:
	//   organization.created
	// third poll:
}
