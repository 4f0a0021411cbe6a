package workos_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"

	"github.com/kestrel-dev/workos"
	"github.com/kestrel-dev/workos/workostest"
)

// syncUsers applies every event newer than cursor to the application's own
// database and returns the cursor to resume from: the ID of the last event
// it applied. Listing oldest first (OrderAsc) with After set reads only
// events that happened after cursor, never the old ones again.
func syncUsers(ctx context.Context, client *workos.Client, cursor string) (string, error) {
	events := client.Events.ListEvents(ctx, workos.ListEventsParams{
		ListParams: workos.ListParams{After: cursor, Order: workos.OrderAsc},
		Events:     []workos.EventType{workos.EventUserCreated, workos.EventUserUpdated, workos.EventUserDeleted},
	})
	for ev, err := range events.All() {
		if err != nil {
			return cursor, err // resume from the last applied event next time
		}
		user, err := ev.User()
		if err != nil {
			return cursor, err
		}
		fmt.Println("apply", ev.Event, user.Email) // upsert or delete in your database
		cursor = ev.ID                             // store it with the change, in one transaction
	}
	return cursor, nil
}

// A sync loop: read the stored cursor, apply what is new, store the new
// cursor, wait, repeat. Each round asks only for events after the last one
// applied, so nothing is read twice, and a restart resumes where the
// previous process stopped.
func ExampleEventsService_ListEvents() {
	srv := workostest.Start() // stands in for api.workos.com; use workos.NewClient() in production
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	cursor := "" // load from your database; "" the first time
	srv.CreateUser(workostest.NewUser{Email: "ada@example.com"})
	srv.CreateUser(workostest.NewUser{Email: "grace@example.com"})
	cursor, err := syncUsers(ctx, client, cursor)
	if err != nil {
		log.Fatal(err)
	}

	// A later round, after waiting: only what happened since.
	srv.CreateUser(workostest.NewUser{Email: "edsger@example.com"})
	if _, err := syncUsers(ctx, client, cursor); err != nil {
		log.Fatal(err)
	}
	// Output:
	// apply user.created ada@example.com
	// apply user.created grace@example.com
	// apply user.created edsger@example.com
}

// Verify a webhook delivery by hand, for frameworks that read the body
// themselves. Pass the raw body: re-encoded JSON would not match the
// signature.
func ExampleConstructWebhookEvent() {
	const secret = "whsec_example" // os.Getenv("WORKOS_WEBHOOK_SECRET") in production
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, workos.DefaultMaxWebhookBodyBytes))
		if err != nil {
			http.Error(w, "bad body", http.StatusBadRequest)
			return
		}
		ev, err := workos.ConstructWebhookEvent(body, r.Header.Get(workos.WebhookSignatureHeader), secret)
		switch {
		case errors.Is(err, workos.ErrWebhookTimestampOutsideTolerance):
			http.Error(w, "stale delivery", http.StatusBadRequest)
			return
		case err != nil:
			http.Error(w, "invalid signature", http.StatusBadRequest)
			return
		}
		fmt.Println("received", ev.Event)
	})

	// The fake signs its events as WorkOS does and delivers them here.
	endpoint := httptest.NewServer(handler)
	defer endpoint.Close()
	srv := workostest.Start()
	defer srv.Close()
	srv.SendWebhooksTo(endpoint.URL, secret)
	srv.CreateOrganization("Acme")
	srv.FlushWebhooks()

	// A delivery signed with another secret is refused.
	srv.SendWebhooksTo(endpoint.URL, "whsec_wrong")
	srv.CreateOrganization("Globex")
	srv.FlushWebhooks()
	deliveries := srv.WebhookDeliveries()
	fmt.Println(deliveries[0].Status, deliveries[1].Status)
	// Output:
	// received organization.created
	// 200 400
}

// Mount a webhook endpoint that reacts to sign-ups.
func ExampleWebhookHandler() {
	const secret = "whsec_example" // os.Getenv("WORKOS_WEBHOOK_SECRET") in production
	mux := http.NewServeMux()
	mux.Handle("/webhooks/workos", workos.WebhookHandler(secret, func(ctx context.Context, ev *workos.Event) error {
		if ev.Event != workos.EventUserCreated {
			return nil // answered 200: nothing to do
		}
		user, err := ev.User()
		if err != nil {
			return err
		}
		fmt.Println("welcome", user.Email) // an error here answers 500, and WorkOS retries
		return nil
	}))

	endpoint := httptest.NewServer(mux)
	defer endpoint.Close()
	srv := workostest.Start() // signs and delivers events as WorkOS does
	defer srv.Close()
	srv.SendWebhooksTo(endpoint.URL+"/webhooks/workos", secret)
	srv.CreateUser(workostest.NewUser{Email: "ada@example.com"})
	srv.FlushWebhooks()
	// Output: welcome ada@example.com
}
