package workos

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// pagedUsersAPI serves a list of n users with before/after cursors, the way
// the API does, and checks every request it sees.
type pagedUsersAPI struct {
	t     *testing.T
	ids   []string
	mu    sync.Mutex
	seen  []map[string][]string
	empty bool // answer every page with no items but a next cursor
	stuck bool // answer every page with the cursor it was given
}

func newPagedUsersAPI(t *testing.T, n int) *pagedUsersAPI {
	l := &pagedUsersAPI{t: t}
	for i := range n {
		l.ids = append(l.ids, fmt.Sprintf("user_%04d", i))
	}
	return l
}

func (l *pagedUsersAPI) queries() []map[string][]string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]map[string][]string(nil), l.seen...)
}

func (l *pagedUsersAPI) index(id string) int {
	for i, v := range l.ids {
		if v == id {
			return i
		}
	}
	return -1
}

func (l *pagedUsersAPI) respond(req *http.Request) (*http.Response, error) {
	q := req.URL.Query()
	l.mu.Lock()
	l.seen = append(l.seen, q)
	l.mu.Unlock()
	if req.URL.Path != "/user_management/users" {
		return httpmock.NewStringResponse(404, `{"message":"no route"}`), nil
	}
	if q.Has("before") && q.Has("after") {
		return httpmock.NewStringResponse(422, `{"code":"invalid_request","message":"before and after are exclusive"}`), nil
	}
	limit := 10
	if s := q.Get("limit"); s != "" {
		limit, _ = strconv.Atoi(s)
	}
	start, end := 0, min(limit, len(l.ids))
	switch {
	case q.Has("after"):
		start = l.index(q.Get("after")) + 1
		end = min(start+limit, len(l.ids))
	case q.Has("before"):
		end = l.index(q.Get("before"))
		start = max(0, end-limit)
	}
	type item struct {
		Object string `json:"object"`
		ID     string `json:"id"`
		Email  string `json:"email"`
	}
	page := struct {
		Object string `json:"object"`
		Data   []item `json:"data"`
		Meta   struct {
			Before *string `json:"before"`
			After  *string `json:"after"`
		} `json:"list_metadata"`
	}{Object: "list", Data: []item{}}
	if !l.empty {
		for _, id := range l.ids[start:end] {
			page.Data = append(page.Data, item{Object: "user", ID: id, Email: id + "@example.com"})
		}
	}
	if start > 0 {
		page.Meta.Before = &l.ids[start]
	}
	if end < len(l.ids) {
		page.Meta.After = &l.ids[end-1]
	}
	if l.empty {
		page.Meta.After = &l.ids[0]
	}
	if l.stuck {
		a := q.Get("after")
		if a == "" {
			a = l.ids[end-1]
		}
		page.Meta.After = &a
	}
	b, _ := json.Marshal(page)
	r := httpmock.NewBytesResponse(200, b)
	r.Header.Set("X-Request-Id", "req_page_"+strconv.Itoa(start))
	return r, nil
}

func newPagedUsersClient(t *testing.T, n int) (*Client, *pagedUsersAPI) {
	l := newPagedUsersAPI(t, n)
	c, _ := newScriptedClient(t, []httpmock.Responder{l.respond})
	return c, l
}

func collectUserIDs(t *testing.T, list *List[User]) []string {
	t.Helper()
	var ids []string
	for u, err := range list.All() {
		require.NoError(t, err)
		ids = append(ids, u.ID)
	}
	return ids
}

func userIDRange(from, to int) []string {
	var ids []string
	for i := from; i < to; i++ {
		ids = append(ids, fmt.Sprintf("user_%04d", i))
	}
	return ids
}

func TestAllWalksForwardOverAThousandItemsKeepingFilters(t *testing.T) {
	c, l := newPagedUsersClient(t, 1000)
	params := ListUsersParams{OrganizationID: "org_1", Email: "x@example.com", ListParams: ListParams{Order: OrderAsc}}
	ids := collectUserIDs(t, c.UserManagement.ListUsers(context.Background(), params))
	assert.Equal(t, userIDRange(0, 1000), ids)

	qs := l.queries()
	require.Len(t, qs, 10, "stops on the null after cursor without an extra request")
	for i, q := range qs {
		assert.Equal(t, []string{"org_1"}, q["organization_id"], "page %d", i)
		assert.Equal(t, []string{"x@example.com"}, q["email"], "page %d", i)
		assert.Equal(t, []string{"asc"}, q["order"], "page %d", i)
		assert.Equal(t, []string{"100"}, q["limit"], "page %d", i)
		assert.NotContains(t, q, "before", "page %d", i)
	}
	assert.NotContains(t, qs[0], "after")
	assert.Equal(t, []string{"user_0099"}, qs[1]["after"])
	assert.Equal(t, []string{"user_0899"}, qs[9]["after"])
}

func TestAllWalksBackwardWhenCallerPagedWithBefore(t *testing.T) {
	c, l := newPagedUsersClient(t, 1000)
	params := ListUsersParams{OrganizationID: "org_1", ListParams: ListParams{Before: "user_0950", Limit: 50}}
	ids := collectUserIDs(t, c.UserManagement.ListUsers(context.Background(), params))

	var want []string
	for end := 950; end > 0; end -= 50 {
		want = append(want, userIDRange(end-50, end)...)
	}
	assert.Equal(t, want, ids)
	assert.Len(t, ids, 950)

	qs := l.queries()
	require.Len(t, qs, 19)
	for i, q := range qs {
		assert.NotContains(t, q, "after", "page %d sent two cursors or the wrong one", i)
		assert.Equal(t, []string{"org_1"}, q["organization_id"])
		assert.Equal(t, []string{"50"}, q["limit"], "the caller's limit is kept")
		assert.Equal(t, []string{fmt.Sprintf("user_%04d", 950-50*i)}, q["before"], "page %d", i)
	}
}

func TestAllFromAnAfterCursorKeepsCallerLimit(t *testing.T) {
	c, l := newPagedUsersClient(t, 1000)
	ids := collectUserIDs(t, c.UserManagement.ListUsers(context.Background(), ListUsersParams{ListParams: ListParams{After: "user_0499", Limit: 25}}))
	assert.Equal(t, userIDRange(500, 1000), ids)
	qs := l.queries()
	require.Len(t, qs, 20)
	for _, q := range qs {
		assert.Equal(t, []string{"25"}, q["limit"])
		assert.NotContains(t, q, "before")
		assert.Len(t, q["after"], 1)
	}
}

func TestPagesYieldsPagesWithMetadata(t *testing.T) {
	c, l := newPagedUsersClient(t, 250)
	var sizes []int
	var reqIDs []string
	for page, err := range c.UserManagement.ListUsers(context.Background(), ListUsersParams{}).Pages() {
		require.NoError(t, err)
		assert.Equal(t, "list", page.Object)
		sizes = append(sizes, len(page.Data))
		reqIDs = append(reqIDs, page.LastResponse.RequestID)
	}
	assert.Equal(t, []int{100, 100, 50}, sizes)
	assert.Equal(t, []string{"req_page_0", "req_page_100", "req_page_200"}, reqIDs)
	assert.Len(t, l.queries(), 3)
}

func TestAllStopsFetchingWhenTheLoopBreaks(t *testing.T) {
	c, l := newPagedUsersClient(t, 1000)
	n := 0
	for _, err := range c.UserManagement.ListUsers(context.Background(), ListUsersParams{}).All() {
		require.NoError(t, err)
		n++
		if n == 150 {
			break
		}
	}
	assert.Equal(t, 150, n)
	assert.Len(t, l.queries(), 2)

	for range c.UserManagement.ListUsers(context.Background(), ListUsersParams{}).Pages() {
		break
	}
	assert.Len(t, l.queries(), 3, "breaking out of Pages fetches nothing more")
}

func TestListIsLazyAndRestartsFromCallerParams(t *testing.T) {
	c, l := newPagedUsersClient(t, 150)
	list := c.UserManagement.ListUsers(context.Background(), ListUsersParams{})
	assert.Empty(t, l.queries(), "nothing is sent before iterating")
	assert.Len(t, collectUserIDs(t, list), 150)
	assert.Len(t, collectUserIDs(t, list), 150)
	qs := l.queries()
	require.Len(t, qs, 4)
	assert.NotContains(t, qs[2], "after", "a second walk starts from the beginning")
}

func TestAllStopsOnEmptyPage(t *testing.T) {
	c, l := newPagedUsersClient(t, 1000)
	l.empty = true
	ids := collectUserIDs(t, c.UserManagement.ListUsers(context.Background(), ListUsersParams{}))
	assert.Empty(t, ids)
	assert.Len(t, l.queries(), 1)
}

func TestAllStopsWithErrorWhenCursorDoesNotAdvance(t *testing.T) {
	c, l := newPagedUsersClient(t, 1000)
	l.stuck = true
	var n int
	var gotErr error
	for _, err := range c.UserManagement.ListUsers(context.Background(), ListUsersParams{}).All() {
		if err != nil {
			gotErr = err
			continue
		}
		n++
	}
	require.EqualError(t, gotErr, "workos: list cursor did not advance")
	assert.Equal(t, 200, n)
	assert.Len(t, l.queries(), 2)
}

func TestListValidationFailsWithoutRequests(t *testing.T) {
	tests := []struct {
		name string
		lp   ListParams
		msg  string
	}{
		{"both cursors", ListParams{Before: "user_1", After: "user_2"}, "workos: invalid params: set Before or After, not both"},
		{"negative limit", ListParams{Limit: -1}, "workos: invalid params: Limit must be between 1 and 100, got -1"},
		{"limit above 100", ListParams{Limit: 101}, "workos: invalid params: Limit must be between 1 and 100, got 101"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, l := newPagedUsersClient(t, 10)
			list := c.UserManagement.ListUsers(context.Background(), ListUsersParams{ListParams: tt.lp})

			page, err := list.Page()
			assert.Nil(t, page)
			require.ErrorIs(t, err, ErrInvalidParams)
			assert.EqualError(t, err, tt.msg)

			var errs []error
			for u, err := range list.All() {
				assert.Empty(t, u.ID)
				errs = append(errs, err)
			}
			require.Len(t, errs, 1)
			assert.ErrorIs(t, errs[0], ErrInvalidParams)

			errs = nil
			for p, err := range list.Pages() {
				assert.Nil(t, p)
				errs = append(errs, err)
			}
			require.Len(t, errs, 1)
			assert.ErrorIs(t, errs[0], ErrInvalidParams)
			assert.Empty(t, l.queries())
		})
	}
}

func TestListReturnsCallersValidationErrorLazily(t *testing.T) {
	c, l := newPagedUsersClient(t, 10)
	bad := invalidParams("OrganizationID is required")
	list := newList[User](context.Background(), c, call{method: http.MethodGet, path: "/user_management/users"}, ListUsersParams{}, bad, nil)
	_, err := list.Page()
	require.Same(t, bad, err)
	for _, err := range list.All() {
		require.Same(t, bad, err)
	}
	assert.Empty(t, l.queries())
}

func TestPageSendsExactlyTheCallerParams(t *testing.T) {
	c, l := newPagedUsersClient(t, 1000)
	page, err := c.UserManagement.ListUsers(context.Background(), ListUsersParams{OrganizationID: "org_9"}).Page()
	require.NoError(t, err)
	assert.Len(t, page.Data, 10, "no limit sent, the API default applies")
	require.NotNil(t, page.ListMetadata.After)
	assert.Equal(t, "user_0009", *page.ListMetadata.After)
	assert.Nil(t, page.ListMetadata.Before)
	assert.Equal(t, "user_0000@example.com", page.Data[0].Email)

	page, err = c.UserManagement.ListUsers(context.Background(), ListUsersParams{ListParams: ListParams{After: "user_0009", Limit: 5, Order: OrderDesc}}).Page()
	require.NoError(t, err)
	assert.Equal(t, userIDRange(10, 15), []string{page.Data[0].ID, page.Data[1].ID, page.Data[2].ID, page.Data[3].ID, page.Data[4].ID})

	qs := l.queries()
	require.Len(t, qs, 2)
	assert.Equal(t, map[string][]string{"organization_id": {"org_9"}}, qs[0])
	assert.Equal(t, map[string][]string{"after": {"user_0009"}, "limit": {"5"}, "order": {"desc"}}, qs[1])
}

func TestAllYieldsAFetchErrorOnceAndStops(t *testing.T) {
	l := newPagedUsersAPI(t, 1000)
	calls := 0
	failSecond := func(req *http.Request) (*http.Response, error) {
		calls++
		if calls == 2 {
			return httpmock.NewStringResponse(500, `{"message":"boom"}`), nil
		}
		return l.respond(req)
	}
	c, _ := newScriptedClient(t, []httpmock.Responder{failSecond}, WithMaxRetries(0))
	var ids []string
	var errs []error
	for u, err := range c.UserManagement.ListUsers(context.Background(), ListUsersParams{}).All() {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		ids = append(ids, u.ID)
	}
	assert.Len(t, ids, 100)
	require.Len(t, errs, 1)
	assert.ErrorIs(t, errs[0], ErrServer)
	assert.Equal(t, 2, calls)

	_, err := c.UserManagement.ListUsers(context.Background(), ListUsersParams{}).Page()
	require.NoError(t, err)
	calls = 1
	for p, err := range c.UserManagement.ListUsers(context.Background(), ListUsersParams{}).Pages() {
		assert.Nil(t, p)
		assert.True(t, errors.Is(err, ErrServer))
	}
}
