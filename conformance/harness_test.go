package conformance

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kestrel-dev/workos"
)

// Tests of the harness itself: a checker that passes everything would make
// the whole suite worthless.

const harnessUserJSON = `{
	"object": "user",
	"id": "user_01E4ZCR3C56J083X43JQXF3JK5",
	"email": "marcelina.davis@example.com",
	"email_verified": true,
	"first_name": "Marcelina",
	"last_name": "Davis",
	"profile_picture_url": null,
	"external_id": null,
	"metadata": {"timezone": "America/New_York"},
	"last_sign_in_at": "2025-06-25T19:07:33.155Z",
	"created_at": "2026-01-15T12:00:00.000Z",
	"updated_at": "2026-01-15T12:00:00.000Z"
}`

// harnessServer is a tiny stand-in for a fake WorkOS server: one good user,
// one malformed user, and a failing endpoint.
func harnessServer(t *testing.T) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	mux.HandleFunc("GET /user_management/users/user_01E4ZCR3C56J083X43JQXF3JK5", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, harnessUserJSON)
	})
	mux.HandleFunc("GET /user_management/users/user_malformed", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		// email missing, email_verified a string.
		_, _ = io.WriteString(w, `{"object":"user","id":"user_malformed","email_verified":"yes","first_name":null,"last_name":null,
			"profile_picture_url":null,"external_id":null,"last_sign_in_at":null,"created_at":"2026-01-15T12:00:00.000Z",
			"updated_at":"2026-01-15T12:00:00.000Z"}`)
	})
	mux.HandleFunc("GET /user_management/users/user_extra", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, strings.Replace(harnessUserJSON, `"object": "user",`, `"object": "user", "favourite_colour": "teal",`, 1))
	})
	mux.HandleFunc("GET /user_management/users/user_unavailable", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = io.WriteString(w, `{"message":"try again"}`)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func harnessClient(t *testing.T, baseURL string, tr http.RoundTripper) *workos.Client {
	t.Helper()
	c, err := workos.NewClient(workos.WithAPIKey(testAPIKey), workos.WithClientID(testClientID),
		workos.WithBaseURL(baseURL), workos.WithHTTPClient(&http.Client{Transport: tr}), workos.WithMaxRetries(0))
	require.NoError(t, err)
	return c
}

func TestCheckingTransportPassesASpecShapedReplyThroughUnchanged(t *testing.T) {
	srv := harnessServer(t)
	hc, tr := checkedHTTPClient(t, nil)
	c := harnessClient(t, srv.URL, hc.Transport)

	u, err := c.UserManagement.GetUser(context.Background(), testUserID)

	require.NoError(t, err)
	assert.Equal(t, testUserID, u.ID)
	assert.Equal(t, "marcelina.davis@example.com", u.Email)
	assert.Equal(t, map[string]string{"timezone": "America/New_York"}, u.Metadata)
	assert.Empty(t, tr.Problems())
	assert.Equal(t, map[opKey]int{{Method: "GET", Path: "/user_management/users/{id}"}: 1}, tr.Seen())
}

func TestCheckingTransportReportsAMalformedReply(t *testing.T) {
	srv := harnessServer(t)
	tr := newSpecCheckingTransport(loadSpec(t), nil)
	c := harnessClient(t, srv.URL, tr)

	u, err := c.UserManagement.GetUser(context.Background(), "user_malformed")

	// The SDK's own decode fails on the string boolean; the checker says
	// why independently of the SDK.
	require.Error(t, err)
	assert.Nil(t, u)
	problems := strings.Join(tr.Problems(), "\n")
	assert.Contains(t, problems, "response: GET /user_management/users/{id}")
	assert.Contains(t, problems, "missing property 'email'")
	assert.Contains(t, problems, "want boolean at $.email_verified")
}

func TestCheckingTransportReportsAnUndeclaredField(t *testing.T) {
	srv := harnessServer(t)
	tr := newSpecCheckingTransport(loadSpec(t), nil)
	c := harnessClient(t, srv.URL, tr)

	_, err := c.UserManagement.GetUser(context.Background(), "user_extra")

	require.NoError(t, err, "the SDK ignores unknown fields")
	require.Len(t, tr.Problems(), 1)
	assert.Contains(t, tr.Problems()[0], "'favourite_colour' at '$.body.favourite_colour' is not declared")
}

func TestCheckingTransportReportsUndeclaredStatusUnlessAllowed(t *testing.T) {
	srv := harnessServer(t)
	for _, allow := range []bool{false, true} {
		tr := newSpecCheckingTransport(loadSpec(t), nil)
		tr.allowUndeclaredStatus = allow
		c := harnessClient(t, srv.URL, tr)

		_, err := c.UserManagement.GetUser(context.Background(), "user_unavailable")

		var apiErr *workos.APIError
		require.ErrorAs(t, err, &apiErr)
		assert.Equal(t, http.StatusServiceUnavailable, apiErr.StatusCode)
		if allow {
			assert.Empty(t, tr.Problems())
		} else {
			require.Len(t, tr.Problems(), 1)
			assert.Contains(t, tr.Problems()[0], "status 503 is not declared")
		}
	}
}

func TestCheckingTransportReportsARequestOutsideTheSpec(t *testing.T) {
	srv := harnessServer(t)
	tr := newSpecCheckingTransport(loadSpec(t), nil)
	req, err := http.NewRequest(http.MethodGet, srv.URL+"/user_management/no_such_thing", nil)
	require.NoError(t, err)

	resp, err := tr.RoundTrip(req)

	require.NoError(t, err)
	_ = resp.Body.Close()
	assert.Equal(t, http.StatusNotFound, resp.StatusCode)
	require.Len(t, tr.Problems(), 1)
	assert.Contains(t, tr.Problems()[0], "GET /user_management/no_such_thing")
}

// recordOne sends one hand-built request through a fresh recorder and
// returns the problems it found, one per line. bearer adds the test API
// key; a body is sent as JSON.
func recordOne(t *testing.T, spec *specInfo, method, url, body string, bearer bool) string {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, url, rd)
	require.NoError(t, err)
	if bearer {
		req.Header.Set("Authorization", "Bearer "+testAPIKey)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	rec := newRecorder(spec)
	resp, err := rec.RoundTrip(req)
	require.NoError(t, err)
	_ = resp.Body.Close()
	ex := rec.recorded()
	require.Len(t, ex, 1)
	return strings.Join(ex[0].problems, "\n")
}

func TestRecorderReportsAnInvalidRequest(t *testing.T) {
	spec := loadSpec(t)
	cases := []struct {
		name, method, url, body, want string
	}{
		{"unknown server", "GET", "https://api.workos.test/user_management/users/user_1", "", "none of the spec's servers"},
		{"query out of range", "GET", testBaseURL + "/user_management/users?limit=500", "", "limit"},
		{"undeclared query parameter", "GET", testBaseURL + "/user_management/users?emial=a%40b.c", "", "emial"},
		{"body missing a required field", "POST", testBaseURL + "/user_management/authenticate", `{"grant_type":"refresh_token","client_id":"client_1","client_secret":"sk"}`, "refresh_token"},
		{"undeclared body field", "POST", testBaseURL + "/user_management/password_reset", `{"email":"a@example.com","emial":"x"}`, "emial"},
		{"wrong method", "PATCH", testBaseURL + "/user_management/users/user_1", "", "PATCH"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			problems := recordOne(t, spec, tc.method, tc.url, tc.body, true)
			assert.Contains(t, problems, tc.want)
		})
	}
}

func TestRecorderAcceptsAValidRequestAndServesTheExample(t *testing.T) {
	spec := loadSpec(t)
	req, err := http.NewRequest(http.MethodGet, testBaseURL+"/user_management/users/"+testUserID, nil)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+testAPIKey)
	rec := newRecorder(spec)

	resp, err := rec.RoundTrip(req)

	require.NoError(t, err)
	body, _ := io.ReadAll(resp.Body)
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	ex := rec.recorded()[0]
	assert.Empty(t, ex.problems)
	assert.Empty(t, ex.respProblems)
	assert.Equal(t, "GET /user_management/users/{id}", ex.op.String())
	// The example comes from the spec's UserlandUser property examples.
	assert.Contains(t, string(body), `"email":"marcelina.davis@example.com"`)
	assert.Contains(t, string(body), `"object":"user"`)
	assert.Contains(t, string(body), `"locale":"en-US"`)
}

func TestRecorderServesNoBodyWhereTheSpecDeclaresNone(t *testing.T) {
	spec := loadSpec(t)
	for op, wantStatus := range map[opKey]int{
		{Method: "DELETE", Path: "/user_management/users/{id}"}:         http.StatusOK,
		{Method: "DELETE", Path: "/user_management/redirect_uris/{id}"}: http.StatusNoContent,
	} {
		status, body, err := spec.successResponse(op)
		require.NoError(t, err)
		assert.Equal(t, wantStatus, status, op.String())
		assert.Nil(t, body, op.String())
	}
}

func TestLostFields(t *testing.T) {
	cases := []struct {
		name      string
		want, got any
		lost      []string
	}{
		{"identical", map[string]any{"a": "x"}, map[string]any{"a": "x"}, nil},
		{"dropped key", map[string]any{"a": "x", "b": "y"}, map[string]any{"a": "x"}, []string{`$.b: dropped (example value "y")`}},
		{"null and empty values may be absent", map[string]any{"a": nil, "b": "", "c": false, "d": 0.0, "e": []any{}, "f": map[string]any{}}, map[string]any{}, nil},
		{"changed value", map[string]any{"n": 1.5}, map[string]any{"n": 1.0}, []string{"$.n: example value 1.5 re-encoded as 1"}},
		{"same instant in another layout", map[string]any{"t": "2026-01-15T12:00:00.000Z"}, map[string]any{"t": "2026-01-15T12:00:00Z"}, nil},
		{"nested in arrays", map[string]any{"data": []any{map[string]any{"id": "u", "x": "y"}}}, map[string]any{"data": []any{map[string]any{"id": "u"}}}, []string{`$.data[0].x: dropped (example value "y")`}},
		{"array shortened", []any{"a", "b"}, []any{"a"}, []string{"$: example has 2 items, re-encoding has 1"}},
		{"object became a string", map[string]any{"o": map[string]any{"k": "v"}}, map[string]any{"o": "v"}, []string{`$.o: example has an object, re-encoding has "v"`}},
		{"extra keys are fine", map[string]any{"a": "x"}, map[string]any{"a": "x", "b": nil}, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.lost, lostFields(tc.want, tc.got))
		})
	}
}

func TestExampleBodyReplacesANullExampleOfANullableField(t *testing.T) {
	spec := loadSpec(t)

	_, body, err := spec.successResponse(opKey{Method: "GET", Path: "/user_management/invitations/{id}"})

	require.NoError(t, err)
	// The spec's example for accepted_at is null; the field is a nullable
	// date-time, so the example body carries a date-time instead, and the
	// decode check covers the field.
	assert.Contains(t, string(body), `"accepted_at":"`+exampleDateTime+`"`)
	// Fields with real examples keep them.
	assert.Contains(t, string(body), `"token":"Z1uX3RbwcIl5fIGJJJCXXisdI"`)
}

// TestExampleResponsesValidateForEveryOperation builds the canned success
// reply of every in-scope operation, covered or not, and validates it: a
// method added later then meets a reply the spec itself accepts, and any
// failure points at the method, not at the harness.
func TestExampleResponsesValidateForEveryOperation(t *testing.T) {
	spec := loadSpec(t)
	for _, op := range spec.ops {
		t.Run(op.String(), func(t *testing.T) {
			status, body, err := spec.successResponse(op)
			require.NoError(t, err)
			target := testBaseURL + pathParamRE.ReplaceAllString(op.Path, "x_01EXAMPLE")
			req, err := http.NewRequest(op.Method, target, nil)
			require.NoError(t, err)
			problems := spec.checkResponse(req, cannedResponse(req, status, body))
			assert.Empty(t, problems, "example reply (%d) %s", status, body)
		})
	}
}

var pathParamRE = regexp.MustCompile(`\{[^}]+\}`)

// TestCheckingTransportIsSafeForConcurrentClients runs 32 clients through
// one checking transport at once, as the workostest race test does; the
// race detector checks the transport and the shared validator.
func TestCheckingTransportIsSafeForConcurrentClients(t *testing.T) {
	srv := harnessServer(t)
	tr := newSpecCheckingTransport(loadSpec(t), nil)
	c := harnessClient(t, srv.URL, tr)

	var wg sync.WaitGroup
	errs := make(chan error, 32)
	for range 32 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := c.UserManagement.GetUser(context.Background(), testUserID)
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)

	for err := range errs {
		assert.NoError(t, err)
	}
	assert.Empty(t, tr.Problems())
	assert.Equal(t, 32, tr.Seen()[opKey{Method: "GET", Path: "/user_management/users/{id}"}])
}
