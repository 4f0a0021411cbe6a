package workos

import (
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// parityOrgRow is a row of the organizations section of docs/PARITY.md:
// | `VERB /path` | `GoMethod` | ...
var parityOrgRow = regexp.MustCompile("^\\| `((?:GET|POST|PUT|DELETE) /[^`]+)` \\| `([A-Z][A-Za-z]*)` \\|")

func TestParity_EveryOrganizationAndRoleOperationHasAnExistingGoMethod(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("docs", "PARITY.md"))
	require.NoError(t, err)
	rows := map[string]string{}
	for _, line := range strings.Split(string(raw), "\n") {
		if m := parityOrgRow.FindStringSubmatch(line); m != nil {
			rows[m[1]] = m[2]
		}
	}
	services := []reflect.Type{reflect.TypeOf(&OrganizationsService{}), reflect.TypeOf(&AuthorizationService{})}
	for _, op := range []string{
		"GET /organizations", "POST /organizations", "GET /organizations/{id}", "GET /organizations/external_id/{external_id}",
		"PUT /organizations/{id}", "DELETE /organizations/{id}",
		"POST /organization_domains", "GET /organization_domains/{id}", "DELETE /organization_domains/{id}", "POST /organization_domains/{id}/verify",
		"GET /authorization/roles", "GET /authorization/roles/{slug}",
		"GET /authorization/organizations/{organizationId}/roles", "GET /authorization/organizations/{organizationId}/roles/{slug}",
	} {
		name, ok := rows[op]
		if !assert.True(t, ok, "%s has no row in docs/PARITY.md", op) {
			continue
		}
		found := false
		for _, svc := range services {
			_, has := svc.MethodByName(name)
			found = found || has
		}
		assert.True(t, found, "%s: %s is no method of OrganizationsService or AuthorizationService", op, name)
	}
	assert.Len(t, rows, 14, "one row per operation")
}
