package workos_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"os"
	"time"

	"github.com/kestrel-dev/workos"
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
	client, err := workos.NewClient() // WORKOS_API_KEY
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	cursor := os.Getenv("LAST_EVENT_ID") // load from your database; "" the first time
	for range 3 {                        // forever, in a real worker
		if cursor, err = syncUsers(ctx, client, cursor); err != nil {
			log.Print(err)
		}
		time.Sleep(10 * time.Second)
	}
}

// Verify a webhook delivery by hand, for frameworks that read the body
// themselves. Pass the raw body: re-encoded JSON would not match the
// signature.
func ExampleConstructWebhookEvent() {
	secret := os.Getenv("WORKOS_WEBHOOK_SECRET")
	http.HandleFunc("/webhooks/workos", func(w http.ResponseWriter, r *http.Request) {
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
		fmt.Println("received", ev.Event, ev.ID)
	})
}

// Mount a webhook endpoint that reacts to sign-ups.
func ExampleWebhookHandler() {
	secret := os.Getenv("WORKOS_WEBHOOK_SECRET")
	http.Handle("/webhooks/workos", workos.WebhookHandler(secret, func(ctx context.Context, ev *workos.Event) error {
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
}
