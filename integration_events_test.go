package workos_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kestrel-dev/workos"
	"github.com/kestrel-dev/workos/workostest"
)

// A user signs up through the SDK: the application sees it once as a
// user.created event through GET /events, and once through a webhook its
// own handler verified.
func TestIntegration_SignUpIsSeenThroughEventsAndAVerifiedWebhook(t *testing.T) {
	srv := workostest.NewServer(t)
	client := srv.Client()
	ctx := integCtx(t)

	const secret = "whsec_integration"
	received := make(chan *workos.Event, 10)
	hook := httptest.NewServer(workos.WebhookHandler(secret, func(_ context.Context, ev *workos.Event) error {
		received <- ev
		return nil
	}))
	t.Cleanup(hook.Close)
	srv.SendWebhooksTo(hook.URL, secret)

	user, err := client.UserManagement.CreateUser(ctx, workos.CreateUserParams{Email: "ada@example.com",
		Password: workos.PlainPassword("correct horse battery"), FirstName: workos.String("Ada")})
	require.NoError(t, err)

	// Through /events.
	var fromList []workos.Event
	for ev, err := range client.Events.ListEvents(ctx, workos.ListEventsParams{
		ListParams: workos.ListParams{Order: workos.OrderAsc}, Events: []workos.EventType{workos.EventUserCreated}}).All() {
		require.NoError(t, err)
		fromList = append(fromList, ev)
	}
	require.Len(t, fromList, 1)
	listed, err := fromList[0].User()
	require.NoError(t, err)
	assert.Equal(t, user.ID, listed.ID)
	assert.Equal(t, "ada@example.com", listed.Email)
	assert.Equal(t, "Ada", *listed.FirstName)
	assert.WithinDuration(t, user.CreatedAt, fromList[0].CreatedAt, time.Second)

	// Through the webhook.
	srv.FlushWebhooks()
	select {
	case ev := <-received:
		assert.Equal(t, fromList[0].ID, ev.ID, "the webhook carries the same event")
		assert.Equal(t, workos.EventUserCreated, ev.Event)
		hooked, err := ev.User()
		require.NoError(t, err)
		assert.Equal(t, *listed, *hooked)
	case <-ctx.Done():
		t.Fatal("no webhook arrived")
	}
	require.Len(t, srv.WebhookDeliveries(), 1)
	assert.Equal(t, http.StatusOK, srv.WebhookDeliveries()[0].Status)
}

// A sync loop keeps the ID of the last event it applied; the next round
// lists only what happened after it.
func TestIntegration_EventSyncResumesFromTheStoredCursor(t *testing.T) {
	srv := workostest.NewServer(t)
	client := srv.Client()
	ctx := integCtx(t)
	sync := func(cursor string) (string, []workos.EventType) {
		var seen []workos.EventType
		for ev, err := range client.Events.ListEvents(ctx, workos.ListEventsParams{
			ListParams: workos.ListParams{After: cursor, Order: workos.OrderAsc, Limit: 2}}).All() {
			require.NoError(t, err)
			seen = append(seen, ev.Event)
			cursor = ev.ID
		}
		return cursor, seen
	}

	ada, err := client.UserManagement.CreateUser(ctx, workos.CreateUserParams{Email: "ada@example.com"})
	require.NoError(t, err)
	_, err = client.UserManagement.UpdateUser(ctx, ada.ID, workos.UpdateUserParams{FirstName: workos.String("Ada")})
	require.NoError(t, err)
	org := srv.CreateOrganization("Acme")
	cursor, seen := sync("")
	assert.Equal(t, []workos.EventType{workos.EventUserCreated, workos.EventUserUpdated, workos.EventOrganizationCreated}, seen,
		"the first round reads everything, across pages of 2")

	cursor, seen = sync(cursor)
	assert.Empty(t, seen, "nothing new, nothing read again")

	_, err = client.UserManagement.CreateOrganizationMembership(ctx, workos.CreateOrganizationMembershipParams{UserID: ada.ID, OrganizationID: org.ID})
	require.NoError(t, err)
	_, err = client.UserManagement.DeleteUser(ctx, ada.ID)
	require.NoError(t, err)
	_, seen = sync(cursor)
	assert.Equal(t, []workos.EventType{workos.EventOrganizationMembershipCreated, workos.EventOrganizationMembershipDeleted, workos.EventUserDeleted}, seen)
}
