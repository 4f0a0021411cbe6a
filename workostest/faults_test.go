package workostest_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/kestrel-dev/workos"
	"github.com/kestrel-dev/workos/workostest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFailNextAnswersTheStatusWithRetryAfterThenRecovers(t *testing.T) {
	t.Parallel()
	srv := workostest.NewServer(t)
	u := srv.CreateUser(workostest.NewUser{Email: "ada@example.com"})
	srv.FailNext("GET", "/user_management/users/*", 2, 429, 1500*time.Millisecond)

	for range 2 {
		r := fakeExpect(t, 429, fakeAPI(t, srv, "GET", "/user_management/users/"+u.ID, nil))
		assert.Equal(t, "2", r.Header.Get("Retry-After"), "rounded up to whole seconds")
		assert.Equal(t, map[string]any{"message": "Too Many Requests", "code": "rate_limit_exceeded"}, r.Body)
	}
	fakeExpect(t, 200, fakeAPI(t, srv, "GET", "/user_management/users/"+u.ID, nil))
	fakeExpect(t, 200, fakeAPI(t, srv, "GET", "/user_management/users", nil)) // not matched by the pattern
	assert.Equal(t, 3, srv.CountRequests("GET", "/user_management/users/*"))

	srv.InjectFault(workostest.Fault{Method: "POST", Status: 503, Body: map[string]any{"message": "down for maintenance"}})
	r := fakeExpect(t, 503, fakeAPI(t, srv, "POST", "/user_management/users", map[string]any{"email": "x@example.com"}))
	assert.Equal(t, map[string]any{"message": "down for maintenance"}, r.Body)
	assert.Empty(t, r.Header.Get("Retry-After"))
	fakeExpect(t, 201, fakeAPI(t, srv, "POST", "/user_management/users", map[string]any{"email": "x@example.com"}))

	srv.FailNext("", "", 5, 500, 0)
	srv.ClearFaults()
	fakeExpect(t, 200, fakeAPI(t, srv, "GET", "/user_management/users", nil))
}

func TestSDKClientRetriesInjectedFaultsAndReadsTheFake(t *testing.T) {
	t.Parallel()
	srv := workostest.NewServer(t)
	u := srv.CreateUser(workostest.NewUser{Email: "ada@example.com", FirstName: "Ada"})
	client := srv.Client()
	ctx := context.Background()

	srv.FailNext("GET", "/user_management/users/"+u.ID, 2, 503, 0)
	got, err := client.UserManagement.GetUser(ctx, u.ID)
	require.NoError(t, err)
	assert.Equal(t, u.ID, got.ID)
	assert.Equal(t, "ada@example.com", got.Email)
	require.NotNil(t, got.FirstName)
	assert.Equal(t, "Ada", *got.FirstName)
	assert.Equal(t, 3, srv.CountRequests("GET", "/user_management/users/"+u.ID), "two failures, then the retry that worked")

	srv.FailNext("GET", "/user_management/users/*", 1, 429, 3*time.Second)
	_, err = client.UserManagement.GetUser(ctx, u.ID, workos.WithMaxRetries(0))
	var apiErr *workos.APIError
	require.True(t, errors.As(err, &apiErr), "got %v", err)
	assert.Equal(t, 429, apiErr.StatusCode)
	assert.Equal(t, 3*time.Second, apiErr.RetryAfter)
	assert.Equal(t, workos.ErrorCode("rate_limit_exceeded"), apiErr.Code)

	_, err = client.UserManagement.GetUser(ctx, "user_01AAAAAAAAAAAAAAAAAAAAAAAA")
	require.True(t, errors.As(err, &apiErr))
	assert.Equal(t, 404, apiErr.StatusCode)
	assert.Equal(t, "User not found", apiErr.Message)
	assert.NotEmpty(t, apiErr.RequestID)

	want := map[string]int{u.ID: 1}
	for i := range 25 {
		want[srv.CreateUser(workostest.NewUser{Email: "bulk" + string(rune('a'+i)) + "@example.com"}).ID] = 1
	}
	seen := map[string]int{}
	for usr, err := range client.UserManagement.ListUsers(ctx, workos.ListUsersParams{ListParams: workos.ListParams{Limit: 7}}).All() {
		require.NoError(t, err)
		seen[usr.ID]++
	}
	require.Len(t, want, 26)
	assert.Equal(t, want, seen, "auto-pagination over the fake sees every user once")
}

func TestLostReplyIsReplayedForTheSameIdempotencyKey(t *testing.T) {
	t.Parallel()
	srv := workostest.NewServer(t)
	srv.InjectFault(workostest.Fault{Method: "POST", Path: "/user_management/users", Status: 502, AfterHandling: true})
	post := func(key string) *http.Response {
		req, err := newJSONRequest(srv, "POST", "/user_management/users", `{"email":"ada@example.com"}`)
		require.NoError(t, err)
		req.Header.Set("Idempotency-Key", key)
		resp, err := srv.HTTPClient().Do(req)
		require.NoError(t, err)
		t.Cleanup(func() { resp.Body.Close() })
		return resp
	}
	assert.Equal(t, 502, post("key-1").StatusCode, "the user was created but the reply was lost")
	first := post("key-1")
	require.Equal(t, 201, first.StatusCode, "the retry gets the stored reply")
	var created map[string]any
	require.NoError(t, json.NewDecoder(first.Body).Decode(&created))
	again := post("key-1")
	var replayed map[string]any
	require.NoError(t, json.NewDecoder(again.Body).Decode(&replayed))
	assert.Equal(t, created, replayed)
	assert.Equal(t, 400, post("key-2").StatusCode, "a new key really tries again: the email is taken")

	list := fakeExpect(t, 200, fakeAPI(t, srv, "GET", "/user_management/users", nil))
	assert.Len(t, list.Body["data"], 1, "created once")
}

func TestConcurrentDuplicatesOfAnIdempotentPOSTRunOnce(t *testing.T) {
	t.Parallel()
	srv := workostest.NewServer(t)
	const n = 8
	var wg sync.WaitGroup
	statuses, ids := make([]int, n), make([]string, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			req, err := newJSONRequest(srv, "POST", "/user_management/invitations", `{"email":"ada@example.com"}`)
			if !assert.NoError(t, err) {
				return
			}
			req.Header.Set("Idempotency-Key", "same-key")
			resp, err := srv.HTTPClient().Do(req)
			if !assert.NoError(t, err) {
				return
			}
			defer resp.Body.Close()
			var body map[string]any
			assert.NoError(t, json.NewDecoder(resp.Body).Decode(&body))
			statuses[i] = resp.StatusCode
			ids[i], _ = body["id"].(string)
		}()
	}
	wg.Wait()
	for i := range n {
		assert.Equal(t, 201, statuses[i], "duplicate %d gets the first reply, not email_already_invited", i)
		assert.Equal(t, ids[0], ids[i])
	}
	list := fakeExpect(t, 200, fakeAPI(t, srv, "GET", "/user_management/invitations", nil))
	assert.Len(t, list.Body["data"], 1, "sent once")
	assert.Len(t, srv.Inbox("ada@example.com"), 1, "one email")
}

func TestWithIssuerSetsTheTokenIssuer(t *testing.T) {
	t.Parallel()
	srv := workostest.NewServer(t, workostest.WithIssuer("https://auth.example.com"))
	u := srv.CreateUser(workostest.NewUser{Email: "ada@example.com"})
	assert.Equal(t, "https://auth.example.com", fakeVerify(t, srv, srv.SignIn(u.ID, "").AccessToken)["iss"])
}

func TestAMalformedPathPatternIsReportedNotSilentlyUnmatched(t *testing.T) {
	t.Parallel()
	srv := workostest.Start() // outside a test, helpers panic instead of failing t
	defer srv.Close()
	assert.PanicsWithValue(t, `workostest: InjectFault: bad path pattern "/user_management/users/[": syntax error in pattern`, func() {
		srv.FailNext("GET", "/user_management/users/[", 1, 503, 0)
	})
	assert.PanicsWithValue(t, `workostest: CountRequests: bad path pattern "[": syntax error in pattern`, func() {
		srv.CountRequests("", "[")
	})
	assert.NotPanics(t, func() { srv.FailNext("GET", "/user_management/users/*", 1, 503, 0) })
	assert.Zero(t, srv.CountRequests("", "/user_management/*"))
}

func TestFaultDelayOutlastsTheClientTimeoutThenServesNormally(t *testing.T) {
	t.Parallel()
	srv := workostest.NewServer(t)
	u := srv.CreateUser(workostest.NewUser{Email: "ada@example.com"})
	srv.InjectFault(workostest.Fault{Method: "GET", Path: "/user_management/users/*", Delay: time.Minute})
	client := srv.Client(workos.WithTimeout(50*time.Millisecond), workos.WithMaxRetries(0))

	start := time.Now()
	_, err := client.UserManagement.GetUser(context.Background(), u.ID)
	require.Error(t, err)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Less(t, time.Since(start), 30*time.Second, "the fake gave up waiting when the client did")

	got, err := client.UserManagement.GetUser(context.Background(), u.ID) // the fault was used up
	require.NoError(t, err)
	assert.Equal(t, u.ID, got.ID)
	assert.Equal(t, 2, srv.CountRequests("GET", "/user_management/users/*"))
}

func TestFaultResetDropsTheConnectionAndAfterHandlingLosesTheReply(t *testing.T) {
	t.Parallel()
	srv := workostest.NewServer(t)
	// Fresh connections: net/http resends a request carrying an
	// Idempotency-Key by itself when a reused connection breaks.
	noReuse := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	client := srv.Client(workos.WithMaxRetries(0), workos.WithHTTPClient(noReuse))
	ctx := context.Background()

	srv.InjectFault(workostest.Fault{Method: "POST", Path: "/user_management/users", Reset: true})
	_, err := client.UserManagement.CreateUser(ctx, workos.CreateUserParams{Email: "ada@example.com"})
	require.ErrorIs(t, err, workos.ErrNetwork)
	n := 0
	for range client.UserManagement.ListUsers(ctx, workos.ListUsersParams{}).All() {
		n++
	}
	assert.Zero(t, n, "a reset before handling creates nothing")

	srv.InjectFault(workostest.Fault{Method: "POST", Path: "/user_management/users", Reset: true, AfterHandling: true})
	_, err = client.UserManagement.CreateUser(ctx, workos.CreateUserParams{Email: "ada@example.com"})
	require.ErrorIs(t, err, workos.ErrNetwork)
	_, err = client.UserManagement.CreateUser(ctx, workos.CreateUserParams{Email: "ada@example.com"})
	var apiErr *workos.APIError
	require.ErrorAs(t, err, &apiErr, "the user was created although the reply was lost")
	assert.Equal(t, http.StatusBadRequest, apiErr.StatusCode)
	require.Len(t, apiErr.Errors, 1)
	assert.Equal(t, "email_not_available", apiErr.Errors[0].Code)
}
