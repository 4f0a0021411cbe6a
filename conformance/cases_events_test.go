// Rows for the Events API (issue 12): GET /events with every filter, in
// strict mode like every other row.

package conformance

import (
	"context"
	"time"

	"github.com/kestrel-dev/workos"
)

func init() {
	inScopePrefixes = append(inScopePrefixes, "/events")
	conformanceCases = append(conformanceCases, eventsCases...)
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
