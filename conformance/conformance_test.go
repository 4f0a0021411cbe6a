package conformance

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kestrel-dev/workos"
)

// Inputs shared by the cases: realistic values shaped like the spec's own
// examples.
const (
	testBaseURL  = "https://api.workos.com"
	testAPIKey   = "sk_test_conformance"
	testClientID = "client_01HXYZ123456789ABCDEFGHIJ"
	testUserID   = "user_01E4ZCR3C56J083X43JQXF3JK5"
	testOrgID    = "org_01EHZNVPK3SFK441A1RGBFSHRT"
	testEmail    = "marcelina.davis@example.com"
)

// conformanceCase is one SDK method exercised against the spec. Adding a
// method is one row.
type conformanceCase struct {
	// method is the SDK method, optionally with a "/Variant" suffix when
	// one method has several rows.
	method string
	// op is the spec operation the method must call, "METHOD /path".
	op string
	// call invokes the method with realistic inputs and returns its
	// result: the decoded model, a page, a *workos.Response for methods
	// without a reply body, or a builtURL for URL builders.
	call func(ctx context.Context, c *workos.Client) (any, error)
}

// builtURL is the result of a URL builder. The suite sends no request for
// it: it validates the URL as a GET against the spec's operation.
type builtURL string

func urlOf(u string, err error) (any, error) { return builtURL(u), err }

// conformanceCases holds the first rows, one per call shape of the oldest
// methods; the rows for every other method are in cases_all_test.go.
var conformanceCases = []conformanceCase{
	{"ListUsers", "GET /user_management/users", func(ctx context.Context, c *workos.Client) (any, error) {
		return c.UserManagement.ListUsers(ctx, workos.ListUsersParams{
			ListParams: workos.ListParams{After: "user_01H7ZGXFP5C6BBQY6Z7277ZCT0", Limit: 25, Order: workos.OrderAsc},
			Email:      testEmail, OrganizationID: testOrgID,
		}).Page()
	}},
	{"ListUsers/DeprecatedOrganization", "GET /user_management/users", func(ctx context.Context, c *workos.Client) (any, error) {
		//lint:ignore SA1019 the deprecated filter is still sent, so it must conform too
		return c.UserManagement.ListUsers(ctx, workos.ListUsersParams{Organization: testOrgID, ListParams: workos.ListParams{Before: "user_01H7ZGXFP5C6BBQY6Z7277ZCT0", Order: workos.OrderNormal}}).Page()
	}},
	{"GetUser", "GET /user_management/users/{id}", func(ctx context.Context, c *workos.Client) (any, error) {
		return c.UserManagement.GetUser(ctx, testUserID)
	}},
	{"DeleteUser", "DELETE /user_management/users/{id}", func(ctx context.Context, c *workos.Client) (any, error) {
		return c.UserManagement.DeleteUser(ctx, testUserID)
	}},
	{"AuthenticateWithRefreshToken", "POST /user_management/authenticate", func(ctx context.Context, c *workos.Client) (any, error) {
		return c.UserManagement.AuthenticateWithRefreshToken(ctx, workos.AuthenticateWithRefreshTokenParams{
			RefreshToken: "yAjhKk123NLIjdrBdGZPf8pLIDvK", OrganizationID: testOrgID,
			IPAddress: "192.0.2.1", DeviceID: "device_01HXYZ", UserAgent: "Mozilla/5.0",
		})
	}},
	{"AuthenticateWithRefreshToken/PublicClient", "POST /user_management/authenticate", func(ctx context.Context, c *workos.Client) (any, error) {
		// No API key: no client_secret and no bearer token.
		return c.UserManagement.AuthenticateWithRefreshToken(ctx, workos.AuthenticateWithRefreshTokenParams{RefreshToken: "yAjhKk123NLIjdrBdGZPf8pLIDvK"}, workos.WithAPIKey(""))
	}},
	{"GetLogoutURL", "GET /user_management/sessions/logout", func(ctx context.Context, c *workos.Client) (any, error) {
		return urlOf(c.UserManagement.GetLogoutURL("session_01H93ZY4F80QPBEZ1R5B2SHQG8", "https://example.com/signed-out?from=app"))
	}},
	{"GetJWKSURL", "GET /sso/jwks/{clientId}", func(ctx context.Context, c *workos.Client) (any, error) {
		return urlOf(c.UserManagement.GetJWKSURL(""))
	}},
}

// conformanceClient is a Client whose every request goes to rec.
func conformanceClient(t *testing.T, rec http.RoundTripper) *workos.Client {
	t.Helper()
	c, err := workos.NewClient(
		workos.WithAPIKey(testAPIKey),
		workos.WithClientID(testClientID),
		workos.WithBaseURL(testBaseURL),
		workos.WithHTTPClient(&http.Client{Transport: rec}),
		workos.WithMaxRetries(0),
	)
	require.NoError(t, err)
	return c
}

// caseRun is what one case did: the method's result and error, and the
// requests it sent.
type caseRun struct {
	result    any
	err       error
	exchanges []*exchange
}

// runCase calls the case's method against a fresh recorder. A URL
// builder's URL is put through the recorder as a GET.
func runCase(t *testing.T, spec *specInfo, tc conformanceCase) caseRun {
	t.Helper()
	rec := newRecorder(spec)
	ctx := context.Background()
	res, err := tc.call(ctx, conformanceClient(t, rec))
	if u, ok := res.(builtURL); ok && err == nil {
		req, rerr := http.NewRequestWithContext(ctx, http.MethodGet, string(u), nil)
		require.NoError(t, rerr, "the built URL does not parse: %q", u)
		resp, rerr := rec.RoundTrip(req)
		require.NoError(t, rerr)
		_ = resp.Body.Close()
	}
	return caseRun{result: res, err: err, exchanges: rec.recorded()}
}

// TestRequestConformance calls every SDK method and validates each request
// it sends against the spec: server, operation, path and query parameters,
// headers (the bearer token included) and JSON body.
func TestRequestConformance(t *testing.T) {
	spec := loadSpec(t)
	ran := 0
	for _, tc := range conformanceCases {
		t.Run(tc.method, func(t *testing.T) {
			ran++
			run := runCase(t, spec, tc)
			require.NoError(t, run.err)
			require.NotEmpty(t, run.exchanges, "the method sent no request")
			for _, ex := range run.exchanges {
				assert.Equal(t, tc.op, ex.op.String(), "%s %s matched another operation than the row says", ex.method, ex.url)
				assert.Empty(t, ex.problems, "request %s %s with body %s does not conform", ex.method, ex.url, ex.body)
				if ex.op != (opKey{}) {
					covered.add(ex.op, baseMethod(tc.method))
				}
			}
		})
	}
	n, missing := covered.report(spec)
	t.Logf("covered %d/%d in-scope operations", n, len(spec.ops))
	for _, m := range missing {
		t.Logf("not covered: %s", m)
	}
	if ran == len(conformanceCases) { // not when -run picked some rows
		assert.Empty(t, missing, "every in-scope operation must be covered by an SDK method")
	}
}

// TestResponseConformance serves each method the success response built
// from the spec's examples, and checks that the model the method decodes
// it into keeps every field of the example when encoded again.
func TestResponseConformance(t *testing.T) {
	spec := loadSpec(t)
	for _, tc := range conformanceCases {
		t.Run(tc.method, func(t *testing.T) {
			run := runCase(t, spec, tc)
			require.NoError(t, run.err, "the method failed on the spec's example response")
			require.NotEmpty(t, run.exchanges)
			ex := run.exchanges[len(run.exchanges)-1]
			assert.Empty(t, ex.respProblems, "the example response built from the spec does not validate against the spec")
			if _, isURL := run.result.(builtURL); isURL {
				return
			}
			if len(ex.respBody) == 0 {
				return
			}
			if _, bare := run.result.(*workos.Response); bare || isNil(run.result) {
				t.Fatalf("%s replies with a body (%s) but the method returns no model", ex.op, ex.respBody)
			}
			reencoded, err := json.Marshal(run.result)
			require.NoError(t, err)
			var want, got any
			require.NoError(t, json.Unmarshal(ex.respBody, &want))
			require.NoError(t, json.Unmarshal(reencoded, &got))
			assert.Empty(t, lostFields(want, got), "fields of the example lost in decoding\nexample:    %s\nre-encoded: %s", ex.respBody, reencoded)
		})
	}
}

func isNil(v any) bool {
	if v == nil {
		return true
	}
	rv := reflect.ValueOf(v)
	return rv.Kind() == reflect.Pointer && rv.IsNil()
}

func baseMethod(name string) string {
	m, _, _ := strings.Cut(name, "/")
	return m
}

// coverage records which SDK methods covered which operations.
type coverage struct {
	mu  sync.Mutex
	ops map[opKey]map[string]bool
}

var covered = &coverage{ops: map[opKey]map[string]bool{}}

func (c *coverage) add(op opKey, method string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.ops[op] == nil {
		c.ops[op] = map[string]bool{}
	}
	c.ops[op][method] = true
}

// report counts the in-scope operations covered and lists the others.
func (c *coverage) report(spec *specInfo) (int, []opKey) {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := 0
	var missing []opKey
	for _, op := range spec.ops {
		if len(c.ops[op]) > 0 {
			n++
		} else {
			missing = append(missing, op)
		}
	}
	return n, missing
}

// summary is the coverage report TestMain prints.
func (c *coverage) summary(spec *specInfo) string {
	n, missing := c.report(spec)
	var b strings.Builder
	fmt.Fprintf(&b, "conformance: covered %d/%d operations\n", n, len(spec.ops))
	c.mu.Lock()
	for _, op := range spec.ops {
		if ms := c.ops[op]; len(ms) > 0 {
			names := make([]string, 0, len(ms))
			for m := range ms {
				names = append(names, m)
			}
			sort.Strings(names)
			fmt.Fprintf(&b, "conformance:   covered %-70s by %s\n", op, strings.Join(names, ", "))
		}
	}
	c.mu.Unlock()
	for _, op := range missing {
		fmt.Fprintf(&b, "conformance:   missing %s\n", op)
	}
	return b.String()
}

func TestMain(m *testing.M) {
	code := m.Run()
	if specLoaded != nil {
		fmt.Print(covered.summary(specLoaded))
	} else if specErr != nil {
		fmt.Printf("conformance: no operations checked: %v\n", specErr)
	}
	os.Exit(code)
}

// TestSpecInScopeOperations pins the in-scope set the suite computes from
// the spec: the 60 operations of the reference notes, plus every operation
// an area added with addInScope (each of which must exist in the spec).
func TestSpecInScopeOperations(t *testing.T) {
	spec := loadSpec(t)
	assert.Len(t, spec.ops, wantInScopeOperations())
	for op := range addedInScope {
		assert.Contains(t, spec.ops, op, "addInScope names an operation the spec does not have")
	}
	assert.Contains(t, spec.ops, opKey{Method: "GET", Path: "/sso/jwks/{clientId}"})
	assert.Contains(t, spec.ops, opKey{Method: "POST", Path: "/user_management/authenticate"})
	assert.Contains(t, spec.ops, opKey{Method: "DELETE", Path: "/user_management/users/{user_id}/connected_accounts/{slug}"})
	assert.Contains(t, spec.ops, opKey{Method: "GET", Path: "/events"})
	assert.Equal(t, []string{"https://api.workos.com", "https://api.workos-test.com"}, spec.servers)
}
