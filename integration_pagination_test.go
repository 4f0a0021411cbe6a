package workos_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/kestrel-dev/workos"
	"github.com/kestrel-dev/workos/workostest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// integPaged is a server holding 1,000 members of one organization, plus
// three users outside it (created first, in the middle and last) that every
// organization-filtered walk must leave out.
type integPaged struct {
	srv       *workostest.Server
	org       workostest.Organization
	members   []string // member IDs, oldest first
	outsiders []string
}

func integSeedPaged(t *testing.T) *integPaged {
	t.Helper()
	p := &integPaged{srv: workostest.NewServer(t)}
	p.org = p.srv.CreateOrganization("Paged")
	outsider := func(n int) {
		p.outsiders = append(p.outsiders, p.srv.CreateUser(workostest.NewUser{Email: fmt.Sprintf("outsider%d@elsewhere.example", n)}).ID)
	}
	outsider(0)
	for i := range 1000 {
		u := p.srv.CreateUser(workostest.NewUser{Email: fmt.Sprintf("p%04d@paged.example", i)})
		p.srv.AddMembership(u.ID, p.org.ID, workostest.StatusActive)
		p.members = append(p.members, u.ID)
		if i == 499 {
			outsider(1)
		}
	}
	outsider(2)
	return p
}

// listing is the full listing of the members in order o.
func (p *integPaged) listing(o workos.Order) []string {
	out := slices.Clone(p.members)
	if o != workos.OrderAsc { // desc and normal both list newest first
		slices.Reverse(out)
	}
	return out
}

// integChunksForward splits items into pages of limit from the start.
func integChunksForward(items []string, limit int) [][]string {
	var out [][]string
	for lo := 0; lo < len(items); lo += limit {
		out = append(out, items[lo:min(lo+limit, len(items))])
	}
	return out
}

// integChunksBackward is the pages a walk toward the start of items
// returns: each page ends just ahead of the previous one and keeps the
// listing's order inside it.
func integChunksBackward(items []string, limit int) [][]string {
	var out [][]string
	for end := len(items); end > 0; {
		lo := max(end-limit, 0)
		out = append(out, items[lo:end])
		end = lo
	}
	return out
}

// integAssertEachOnce fails unless got holds every ID of want exactly once.
func integAssertEachOnce(t *testing.T, want, got []string) {
	t.Helper()
	seen := make(map[string]int, len(got))
	for _, id := range got {
		seen[id]++
	}
	var repeated, skipped []string
	for id, n := range seen {
		if n > 1 {
			repeated = append(repeated, id)
		}
	}
	for _, id := range want {
		if seen[id] == 0 {
			skipped = append(skipped, id)
		}
	}
	assert.Empty(t, repeated, "items repeated")
	assert.Empty(t, skipped, "items skipped")
	assert.Len(t, got, len(want))
}

// TestIntegration_PaginationWalksAThousandUsers walks 1,000 users with the
// SDK's auto-pager in the desc, asc and normal orders, forward from the
// start and backward from a cursor at the far end, with the pager's page
// size and an odd one, and checks the exact sequence of pages and items:
// nothing skipped, nothing repeated, and the organization filter (which
// leaves out three non-members) kept on every request.
func TestIntegration_PaginationWalksAThousandUsers(t *testing.T) {
	t.Parallel()
	p := integSeedPaged(t)
	um := p.srv.Client().UserManagement

	for _, order := range []workos.Order{workos.OrderDesc, workos.OrderAsc, workos.OrderNormal} {
		listing := p.listing(order)
		for _, limit := range []int{0, 37} {
			size := limit
			if size == 0 {
				size = 100 // what the pager asks for when Limit is unset
			}
			t.Run(fmt.Sprintf("%s/limit%d/forward", order, limit), func(t *testing.T) {
				ctx := integCtx(t)
				params := workos.ListUsersParams{OrganizationID: p.org.ID, ListParams: workos.ListParams{Order: order, Limit: limit}}
				start := len(p.srv.Requests())
				pages := integWalkPages(t, um.ListUsers(ctx, params))
				assert.Equal(t, integChunksForward(listing, size), pages)
				flat := slices.Concat(pages...)
				assert.Equal(t, listing, flat)
				integAssertEachOnce(t, p.members, flat)
				integAssertListRequests(t, p, start, order, size, len(pages))

				var items []string
				for u, err := range um.ListUsers(ctx, params).All() {
					require.NoError(t, err)
					items = append(items, u.ID)
				}
				assert.Equal(t, listing, items, "All yields the same sequence as Pages")
			})
			t.Run(fmt.Sprintf("%s/limit%d/backward", order, limit), func(t *testing.T) {
				ctx := integCtx(t)
				// The far end of the listing is the cursor; in the normal
				// order After is the cursor that walks back toward the
				// newest records, Before in the others.
				far := listing[len(listing)-1]
				lp := workos.ListParams{Order: order, Limit: limit, Before: far}
				if order == workos.OrderNormal {
					lp = workos.ListParams{Order: order, Limit: limit, After: far}
				}
				start := len(p.srv.Requests())
				pages := integWalkPages(t, um.ListUsers(ctx, workos.ListUsersParams{OrganizationID: p.org.ID, ListParams: lp}))
				rest := listing[:len(listing)-1]
				assert.Equal(t, integChunksBackward(rest, size), pages)
				flat := slices.Concat(pages...)
				integAssertEachOnce(t, rest, flat)
				integAssertEachOnce(t, p.members, append(flat, far))
				integAssertListRequests(t, p, start, order, size, len(pages))
			})
		}
		t.Run(fmt.Sprintf("%s/from_the_middle", order), func(t *testing.T) {
			ctx := integCtx(t)
			mid := listing[499]
			fwd := workos.ListParams{Order: order, After: mid}
			back := workos.ListParams{Order: order, Before: mid}
			if order == workos.OrderNormal {
				fwd, back = workos.ListParams{Order: order, Before: mid}, workos.ListParams{Order: order, After: mid}
			}
			ahead := integWalkPages(t, um.ListUsers(ctx, workos.ListUsersParams{OrganizationID: p.org.ID, ListParams: fwd}))
			assert.Equal(t, listing[500:], slices.Concat(ahead...))
			behind := integWalkPages(t, um.ListUsers(ctx, workos.ListUsersParams{OrganizationID: p.org.ID, ListParams: back}))
			assert.Equal(t, integChunksBackward(listing[:499], 100), behind)
			integAssertEachOnce(t, p.members, append(slices.Concat(ahead...), append(slices.Concat(behind...), mid)...))
		})
	}

	t.Run("unfiltered walk includes everyone", func(t *testing.T) {
		ctx := integCtx(t)
		all := slices.Concat(integWalkPages(t, um.ListUsers(ctx, workos.ListUsersParams{ListParams: workos.ListParams{Order: workos.OrderAsc}}))...)
		want := slices.Concat(p.outsiders[:1], p.members[:500], p.outsiders[1:2], p.members[500:], p.outsiders[2:])
		assert.Equal(t, want, all)
	})
	t.Run("email filter", func(t *testing.T) {
		ctx := integCtx(t)
		start := len(p.srv.Requests())
		got := slices.Concat(integWalkPages(t, um.ListUsers(ctx, workos.ListUsersParams{
			Email: "p0500@paged.example", OrganizationID: p.org.ID, ListParams: workos.ListParams{Order: workos.OrderNormal},
		}))...)
		assert.Equal(t, []string{p.members[500]}, got)
		reqs := p.srv.Requests()[start:]
		require.Len(t, reqs, 1)
		assert.Contains(t, reqs[0].Query, "email=p0500%40paged.example")
		assert.Contains(t, reqs[0].Query, "organization_id="+p.org.ID)
		none := slices.Concat(integWalkPages(t, um.ListUsers(ctx, workos.ListUsersParams{Email: "outsider1@elsewhere.example", OrganizationID: p.org.ID}))...)
		assert.Empty(t, none, "both filters apply together")
	})
	t.Run("limit out of range", func(t *testing.T) {
		ctx := integCtx(t)
		before := len(p.srv.Requests())
		_, err := um.ListUsers(ctx, workos.ListUsersParams{ListParams: workos.ListParams{Limit: 101}}).Page()
		require.Error(t, err)
		if assert.ErrorIs(t, err, workos.ErrInvalidParams) {
			assert.Len(t, p.srv.Requests(), before, "refused before sending")
		}
	})
}

// integWalkPages drains l page by page and returns the IDs of each page.
func integWalkPages(t *testing.T, l *workos.List[workos.User]) [][]string {
	t.Helper()
	var pages [][]string
	for page, err := range l.Pages() {
		require.NoError(t, err)
		ids := make([]string, len(page.Data))
		for i, u := range page.Data {
			ids[i] = u.ID
		}
		pages = append(pages, ids)
	}
	return pages
}

// integAssertListRequests checks the n list requests sent since request
// start: each kept the organization filter, the order and the page size,
// and every one after the first carried exactly one cursor.
func integAssertListRequests(t *testing.T, p *integPaged, start int, order workos.Order, size, n int) {
	t.Helper()
	reqs := p.srv.Requests()[start:]
	require.Len(t, reqs, n)
	for i, r := range reqs {
		assert.Equal(t, "/user_management/users", r.Path)
		q := integQuery(t, "/?"+r.Query)
		assert.Equal(t, p.org.ID, q.Get("organization_id"), "request %d", i)
		assert.Equal(t, string(order), q.Get("order"), "request %d", i)
		assert.Equal(t, fmt.Sprint(size), q.Get("limit"), "request %d", i)
		cursors := 0
		for _, k := range []string{"before", "after"} {
			if q.Has(k) {
				cursors++
			}
		}
		if i == 0 {
			assert.LessOrEqual(t, cursors, 1, "the first request carries the caller's cursor, if any")
			continue
		}
		assert.Equal(t, 1, cursors, "request %d carries one cursor: %s", i, strings.ReplaceAll(r.Query, p.org.ID, "ORG"))
	}
}
