package workos_test

import (
	"bufio"
	"context"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kestrel-dev/workos"
	"github.com/kestrel-dev/workos/workostest"
	"github.com/stretchr/testify/require"
)

// integOperations are the 60 User Management operations of the OpenAPI
// spec (the rows of user-management-operations.md), as "METHOD template".
var integOperations = []string{
	"GET /sso/jwks/{clientId}",
	"POST /user_management/authenticate",
	"GET /user_management/authorize",
	"POST /user_management/authorize/device",
	"GET /user_management/cors_origins",
	"POST /user_management/cors_origins",
	"GET /user_management/email_verification/{id}",
	"GET /user_management/invitations",
	"POST /user_management/invitations",
	"GET /user_management/invitations/by_token/{token}",
	"GET /user_management/invitations/{id}",
	"POST /user_management/invitations/{id}/accept",
	"POST /user_management/invitations/{id}/resend",
	"POST /user_management/invitations/{id}/revoke",
	"GET /user_management/jwt_template",
	"PUT /user_management/jwt_template",
	"POST /user_management/magic_auth",
	"GET /user_management/magic_auth/{id}",
	"GET /user_management/organization_memberships",
	"POST /user_management/organization_memberships",
	"GET /user_management/organization_memberships/{id}",
	"PUT /user_management/organization_memberships/{id}",
	"DELETE /user_management/organization_memberships/{id}",
	"PUT /user_management/organization_memberships/{id}/deactivate",
	"PUT /user_management/organization_memberships/{id}/reactivate",
	"GET /user_management/organization_memberships/{omId}/groups",
	"POST /user_management/password_reset",
	"POST /user_management/password_reset/confirm",
	"GET /user_management/password_reset/{id}",
	"POST /user_management/radar_challenges",
	"GET /user_management/radar_challenges/{id}",
	"GET /user_management/redirect_uris",
	"POST /user_management/redirect_uris",
	"DELETE /user_management/redirect_uris/{id}",
	"GET /user_management/sessions/logout",
	"POST /user_management/sessions/revoke",
	"GET /user_management/users",
	"POST /user_management/users",
	"GET /user_management/users/external_id/{external_id}",
	"GET /user_management/users/{id}",
	"PUT /user_management/users/{id}",
	"DELETE /user_management/users/{id}",
	"POST /user_management/users/{id}/email_change/confirm",
	"POST /user_management/users/{id}/email_change/send",
	"POST /user_management/users/{id}/email_verification/confirm",
	"POST /user_management/users/{id}/email_verification/send",
	"GET /user_management/users/{id}/identities",
	"GET /user_management/users/{id}/sessions",
	"GET /user_management/users/{userId}/api_keys",
	"POST /user_management/users/{userId}/api_keys",
	"GET /user_management/users/{userId}/feature-flags",
	"GET /user_management/users/{user_id}/authorized_applications",
	"DELETE /user_management/users/{user_id}/authorized_applications/{application_id}",
	"GET /user_management/users/{user_id}/connected_accounts/{slug}",
	"POST /user_management/users/{user_id}/connected_accounts/{slug}",
	"PUT /user_management/users/{user_id}/connected_accounts/{slug}",
	"DELETE /user_management/users/{user_id}/connected_accounts/{slug}",
	"GET /user_management/users/{user_id}/data_providers",
	"GET /user_management/users/{userlandUserId}/auth_factors",
	"POST /user_management/users/{userlandUserId}/auth_factors",
}

// integOperationOf names the operation a request hit: the template whose
// literal segments all match, preferring the one with the most literal
// segments (so /invitations/by_token/{token} wins over /invitations/{id}),
// and on a tie the one listed first, as the API's router does
// (/users/external_id/identities is a look-up by external ID). It returns
// "" for a request that is none of the 60.
func integOperationOf(method, path string) string {
	segs := strings.Split(strings.Trim(path, "/"), "/")
	best, bestLiterals := "", -1
	for _, op := range integOperations {
		m, tmpl, _ := strings.Cut(op, " ")
		if m != method {
			continue
		}
		want := strings.Split(strings.Trim(tmpl, "/"), "/")
		if len(want) != len(segs) {
			continue
		}
		literals, ok := 0, true
		for i, w := range want {
			if strings.HasPrefix(w, "{") {
				if segs[i] == "" {
					ok = false
					break
				}
				continue
			}
			if w != segs[i] {
				ok = false
				break
			}
			literals++
		}
		if ok && literals > bestLiterals {
			best, bestLiterals = op, literals
		}
	}
	return best
}

// integCoverage records which operations the server answered with a
// success status (2xx, or the 302 of the redirecting endpoints), from the
// exchanges a workostest observer reports.
type integCoverage struct {
	mu  sync.Mutex
	hit map[string]int
}

func (c *integCoverage) observe(x workostest.Exchange) {
	if x.Fault || x.Status >= 400 {
		return
	}
	op := integOperationOf(x.Method, x.Path)
	if op == "" {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.hit == nil {
		c.hit = map[string]int{}
	}
	c.hit[op]++
}

// missing lists the operations never answered with success, sorted.
func (c *integCoverage) missing() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []string
	for _, op := range integOperations {
		if c.hit[op] == 0 {
			out = append(out, op)
		}
	}
	sort.Strings(out)
	return out
}

// integCtx is a context that ends with the test, bounded so a hung call
// fails the test instead of the whole run.
func integCtx(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// integFollow sends GET url through the fake's non-redirecting client and
// returns the reply's status and Location.
func integFollow(t *testing.T, srv *workostest.Server, u string) (int, string) {
	t.Helper()
	req, err := http.NewRequestWithContext(integCtx(t), http.MethodGet, u, nil)
	require.NoError(t, err)
	resp, err := srv.HTTPClient().Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	return resp.StatusCode, resp.Header.Get("Location")
}

// integMail returns the newest email of kind sent to address.
func integMail(t *testing.T, srv *workostest.Server, address string, kind workostest.EmailKind) workostest.Email {
	t.Helper()
	in := srv.Inbox(address)
	for i := len(in) - 1; i >= 0; i-- {
		if in[i].Kind == kind {
			return in[i]
		}
	}
	t.Fatalf("no %s email to %s", kind, address)
	return workostest.Email{}
}

// integAPIError asserts err is an *APIError with status and code, and
// returns it.
func integAPIError(t *testing.T, err error, status int, code workos.ErrorCode) *workos.APIError {
	t.Helper()
	require.Error(t, err)
	var apiErr *workos.APIError
	require.ErrorAs(t, err, &apiErr)
	require.Equal(t, status, apiErr.StatusCode, "status of %v", err)
	require.Equal(t, code, apiErr.Code, "code of %v", err)
	return apiErr
}

// integSpecOperations reads the operation rows of the shared operations
// list, or skips (fails on CI) when the shared folder is missing.
func integSpecOperations(t *testing.T) []string {
	t.Helper()
	dir := os.Getenv("WORKOS_SHARED_DIR")
	if dir == "" {
		dir = filepath.Join("..", "shared")
	}
	f, err := os.Open(filepath.Join(dir, "openapi", "user-management-operations.md"))
	if err != nil {
		msg := "shared reference folder " + dir + " not found; set WORKOS_SHARED_DIR to check the operation list against the spec"
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	defer f.Close()
	row := regexp.MustCompile("^\\| \\d+ \\| (GET|POST|PUT|DELETE|PATCH) \\| `([^`]+)` \\|")
	var ops []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		if m := row.FindStringSubmatch(sc.Text()); m != nil {
			ops = append(ops, m[1]+" "+m[2])
		}
	}
	require.NoError(t, sc.Err())
	return ops
}

// integQuery parses the query string of the URL u.
func integQuery(t *testing.T, u string) url.Values {
	t.Helper()
	parsed, err := url.Parse(u)
	require.NoError(t, err)
	return parsed.Query()
}
