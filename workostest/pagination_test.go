package workostest_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/kestrel-dev/workos/workostest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fakePage fetches one page of users and returns the IDs and both cursors.
func fakePage(t *testing.T, srv *workostest.Server, kv ...string) (ids []string, before, after string) {
	t.Helper()
	r := fakeExpect(t, 200, fakeAPI(t, srv, "GET", "/user_management/users"+fakeQuery(kv...), nil))
	require.Equal(t, "list", r.Body["object"])
	for _, d := range r.Body["data"].([]any) {
		ids = append(ids, d.(map[string]any)["id"].(string))
	}
	md := r.obj(t, "list_metadata")
	require.Contains(t, md, "before")
	require.Contains(t, md, "after")
	before, _ = md["before"].(string)
	after, _ = md["after"].(string)
	return ids, before, after
}

func TestPaginationWalksThousandUsersInEveryOrderAndDirection(t *testing.T) {
	t.Parallel()
	srv := workostest.NewServer(t)
	created := make([]string, 1000) // oldest first
	for i := range created {
		created[i] = srv.CreateUser(workostest.NewUser{Email: fmt.Sprintf("user%04d@example.com", i)}).ID
	}
	newestFirst := slices.Clone(created)
	slices.Reverse(newestFirst)

	cases := []struct {
		order string
		// listed is the order the API lists items in.
		listed []string
		// next and prev name the query key that continues forward (in
		// listed order) and backward; the reply's list_metadata names the
		// cursor under the same key.
		next, prev string
	}{
		{"desc", newestFirst, "after", "before"},
		{"asc", created, "after", "before"},
		{"normal", newestFirst, "before", "after"}, // before fetches older, after newer
	}
	const limit = "37"
	for _, tc := range cases {
		t.Run(tc.order, func(t *testing.T) {
			// Forward from the start, following the next cursor.
			var seen []string
			var pages [][]string
			cursor := ""
			for {
				kv := []string{"order", tc.order, "limit", limit}
				if cursor != "" {
					kv = append(kv, tc.next, cursor)
				}
				ids, before, after := fakePage(t, srv, kv...)
				md := map[string]string{"before": before, "after": after}
				if cursor == "" {
					assert.Empty(t, md[tc.prev], "the first page has no previous cursor")
				} else {
					assert.Equal(t, ids[0], md[tc.prev], "the previous cursor is the page's first item")
				}
				seen = append(seen, ids...)
				pages = append(pages, ids)
				cursor = md[tc.next]
				if cursor == "" {
					break
				}
				require.Equal(t, ids[len(ids)-1], cursor, "the next cursor is the page's last item")
				require.Less(t, len(pages), 100, "the walk must end")
			}
			require.Equal(t, tc.listed, seen, "forward walk: no item skipped or repeated, in listed order")
			require.Len(t, pages, 28)

			// Backward from the last page, following the previous cursor.
			cursor = pages[len(pages)-1][0]
			back := slices.Clone(pages[len(pages)-1])
			for i := len(pages) - 2; cursor != ""; i-- {
				ids, before, after := fakePage(t, srv, "order", tc.order, "limit", limit, tc.prev, cursor)
				md := map[string]string{"before": before, "after": after}
				require.GreaterOrEqual(t, i, 0, "walked past the first page")
				require.Equal(t, pages[i], ids, "backward page %d matches the forward page", i)
				assert.Equal(t, ids[len(ids)-1], md[tc.next], "a backward page still points forward")
				back = append(slices.Clone(ids), back...)
				cursor = md[tc.prev]
			}
			require.Equal(t, tc.listed, back, "backward walk: no item skipped or repeated")
		})
	}
}

func TestPaginationBackwardFromTheMiddleStopsAtTheStart(t *testing.T) {
	t.Parallel()
	srv := workostest.NewServer(t)
	var ids []string
	for i := range 5 {
		ids = append(ids, srv.CreateUser(workostest.NewUser{Email: fmt.Sprintf("u%d@example.com", i)}).ID)
	}
	// desc lists ids[4] first; before=ids[1] returns the 2 items listed just
	// ahead of it (ids[3], ids[2]) when limit is 2.
	got, before, after := fakePage(t, srv, "limit", "2", "before", ids[1])
	assert.Equal(t, []string{ids[3], ids[2]}, got)
	assert.Equal(t, ids[3], before)
	assert.Equal(t, ids[2], after)
	// asc, after=ids[1]: ids[2], ids[3].
	got, _, _ = fakePage(t, srv, "order", "asc", "limit", "2", "after", ids[1])
	assert.Equal(t, []string{ids[2], ids[3]}, got)
	// normal, after=ids[1] fetches the newer records closest to it, listed newest first.
	got, before, after = fakePage(t, srv, "order", "normal", "limit", "2", "after", ids[1])
	assert.Equal(t, []string{ids[3], ids[2]}, got)
	assert.Equal(t, ids[2], before, "normal: before continues to older records")
	assert.Equal(t, ids[3], after, "normal: after continues to newer records")
	// Default limit is 10 and the default order desc.
	got, before, after = fakePage(t, srv)
	assert.Equal(t, []string{ids[4], ids[3], ids[2], ids[1], ids[0]}, got)
	assert.Empty(t, before)
	assert.Empty(t, after)
}

func TestPaginationRejectsOutOfRangeLimitAndBadOrder(t *testing.T) {
	t.Parallel()
	srv := workostest.NewServer(t)
	both := "before=user_01AAAAAAAAAAAAAAAAAAAAAAAA&after=user_01BBBBBBBBBBBBBBBBBBBBBBBB"
	for _, q := range []string{"limit=0", "limit=101", "limit=-1", "limit=ten", "order=sideways", "after=not-an-id", both} {
		t.Run(q, func(t *testing.T) {
			for _, path := range []string{"/user_management/users", "/user_management/invitations"} {
				r := fakeExpect(t, 422, fakeAPI(t, srv, "GET", path+"?"+q, nil))
				assert.Equal(t, "invalid_request_parameters", r.Body["code"])
				assert.NotEmpty(t, r.Body["message"])
			}
		})
	}
	for _, q := range []string{"limit=1", "limit=100"} {
		fakeExpect(t, 200, fakeAPI(t, srv, "GET", "/user_management/users?"+q, nil))
	}
}
