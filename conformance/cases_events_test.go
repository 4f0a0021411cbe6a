// Rows for the Events API (issue 12): GET /events with every filter, in
// strict mode like every other row, put in scope with addInScope, and a run
// against the workostest fake.

package conformance

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kestrel-dev/workos"
	"github.com/kestrel-dev/workos/workostest"
)

var _ = addInScope("GET /events")

func init() {
	conformanceCases = append(conformanceCases, eventsCases...)
	fakeRunners = append(fakeRunners, runEventsOnFake)
}

var eventsCases = []conformanceCase{
	{"ListEvents", "GET /events", func(ctx context.Context, c *workos.Client) (any, error) {
		return c.Events.ListEvents(ctx, workos.ListEventsParams{
			ListParams:     workos.ListParams{After: "event_01EHZNVPK3SFK441A1RGBFSHRT", Limit: 100, Order: workos.OrderAsc},
			Events:         []workos.EventType{workos.EventUserCreated, workos.EventOrganizationMembershipUpdated, "dsync.user.created"},
			OrganizationID: "org_01EHQMYV6MBK39QC5PZXHY59C3",
			RangeStart:     time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC),
			RangeEnd:       time.Date(2025, 12, 31, 23, 59, 59, 0, time.UTC),
		}).Page()
	}},
	{"ListEvents/Before", "GET /events", func(ctx context.Context, c *workos.Client) (any, error) {
		return c.Events.ListEvents(ctx, workos.ListEventsParams{
			ListParams: workos.ListParams{Before: "event_01EHZNVPK3SFK441A1RGBFSHRT", Order: workos.OrderNormal},
		}).Page()
	}},
}

// runEventsOnFake makes a membership come and go, then lists its events
// from the fake with every filter, and pages through everything recorded.
func runEventsOnFake(t *testing.T, ctx context.Context, c *workos.Client, srv *workostest.Server) {
	org := srv.CreateOrganization("Events Inc")
	u := srv.CreateUser(workostest.NewUser{Email: "events@example.com"})
	m, err := c.UserManagement.CreateOrganizationMembership(ctx, workos.CreateOrganizationMembershipParams{UserID: u.ID, OrganizationID: org.ID})
	require.NoError(t, err)
	_, err = c.UserManagement.DeleteOrganizationMembership(ctx, m.ID)
	require.NoError(t, err)

	page, err := c.Events.ListEvents(ctx, workos.ListEventsParams{ListParams: workos.ListParams{Limit: 100, Order: workos.OrderAsc},
		Events:         []workos.EventType{workos.EventOrganizationMembershipCreated, workos.EventOrganizationMembershipDeleted},
		OrganizationID: org.ID, RangeStart: srv.Now().Add(-time.Hour), RangeEnd: srv.Now().Add(time.Hour)}).Page()
	require.NoError(t, err)
	var types []workos.EventType
	for _, ev := range page.Data {
		types = append(types, ev.Event)
		om, err := ev.OrganizationMembership()
		if assert.NoError(t, err) {
			assert.Equal(t, m.ID, om.ID)
		}
	}
	assert.Equal(t, []workos.EventType{workos.EventOrganizationMembershipCreated, workos.EventOrganizationMembershipDeleted}, types)

	n := 0
	for _, err := range c.Events.ListEvents(ctx, workos.ListEventsParams{ListParams: workos.ListParams{Limit: 50}}).All() {
		require.NoError(t, err)
		n++
	}
	assert.Equal(t, len(srv.Events()), n, "All pages through every recorded event")
}
