// Rows for the Organizations and Authorization (roles) services: 14
// operations beyond User Management, put in scope with addInScope, and a
// run of the same operations against the workostest fake.

package conformance

import (
	"context"
	"strings"
	"testing"

	verrors "github.com/pb33f/libopenapi-validator/errors"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kestrel-dev/workos"
	"github.com/kestrel-dev/workos/workostest"
)

var _ = addInScope(
	"GET /organizations", "POST /organizations",
	"GET /organizations/external_id/{external_id}",
	"GET /organizations/{id}", "PUT /organizations/{id}", "DELETE /organizations/{id}",
	"POST /organization_domains", "GET /organization_domains/{id}", "DELETE /organization_domains/{id}",
	"POST /organization_domains/{id}/verify",
	"GET /authorization/roles", "GET /authorization/roles/{slug}",
	"GET /authorization/organizations/{organizationId}/roles", "GET /authorization/organizations/{organizationId}/roles/{slug}",
)

func init() {
	specFixes = append(specFixes, specFix{apply: dedupeRequired,
		why: "OrganizationList lists list_metadata twice under required, which JSON Schema forbids, so the reply " +
			"schema of GET /organizations does not compile and no reply could be checked; a repeated required " +
			"name adds nothing, so dropping it changes no verdict."})
	conformanceCases = append(conformanceCases, organizationCases...)
	fakeRunners = append(fakeRunners, runOrganizationsOnFake)
	validatorIgnores = append(validatorIgnores, validatorIgnore{
		op: opKey{Method: "PUT", Path: "/organizations/{id}"},
		matchFailure: func(f *verrors.SchemaValidationFailure) bool {
			return strings.HasPrefix(f.FieldPath, "$.metadata.") && f.Reason == "got null, want string"
		},
		why: "As for users: the API deletes an organization metadata key given an explicit null, and " +
			"UpdateOrganization lets a caller send one on purpose; the spec types metadata values as string only.",
	})
}

// dedupeRequired drops an item of a YAML "required:" list that repeats an
// earlier item of the same list.
func dedupeRequired(raw []byte) []byte {
	lines := strings.SplitAfter(string(raw), "\n")
	out := make([]string, 0, len(lines))
	var seen map[string]bool
	indent := -1
	for _, l := range lines {
		trimmed := strings.TrimSpace(l)
		lead := len(l) - len(strings.TrimLeft(l, " "))
		switch {
		case trimmed == "required:":
			seen, indent = map[string]bool{}, lead
		case seen != nil && lead >= indent && strings.HasPrefix(trimmed, "- "):
			if seen[trimmed] {
				continue
			}
			seen[trimmed] = true
		default:
			seen = nil
		}
		out = append(out, l)
	}
	return []byte(strings.Join(out, ""))
}

const (
	testOrgDomainID = "org_domain_01EHZNVPK2QXHMVWCEDQEKY69A"
	testOrgExtID    = "2fe01467-f7ea-4dd2-8b79-c2b4f56d0191"
)

var organizationCases = []conformanceCase{
	{"ListOrganizations", "GET /organizations", func(ctx context.Context, c *workos.Client) (any, error) {
		return c.Organizations.ListOrganizations(ctx, workos.ListOrganizationsParams{
			ListParams: workos.ListParams{After: "org_01HXYZ987654321KJIHGFEDCBA", Limit: 25, Order: workos.OrderAsc},
			Domains:    []string{"foo-corp.com", "bar.io"}, Search: "Acme Corp",
		}).Page()
	}},
	{"CreateOrganization", "POST /organizations", func(ctx context.Context, c *workos.Client) (any, error) {
		return c.Organizations.CreateOrganization(ctx, workos.CreateOrganizationParams{
			Name:       "Foo Corp",
			DomainData: []workos.OrganizationDomainData{{Domain: "foo-corp.com", State: workos.OrganizationDomainStateVerified}},
			Metadata:   map[string]string{"tier": "diamond"}, ExternalID: "ext_12345",
			AllowProfilesOutsideOrganization: workos.Bool(false),
		})
	}},
	{"CreateOrganization/DeprecatedDomains", "POST /organizations", func(ctx context.Context, c *workos.Client) (any, error) {
		//lint:ignore SA1019 the deprecated field is still sent, so it must conform too
		return c.Organizations.CreateOrganization(ctx, workos.CreateOrganizationParams{Name: "Foo Corp", Domains: []string{"foo-corp.com"}})
	}},
	{"GetOrganization", "GET /organizations/{id}", func(ctx context.Context, c *workos.Client) (any, error) {
		return c.Organizations.GetOrganization(ctx, testOrgID)
	}},
	{"GetOrganizationByExternalID", "GET /organizations/external_id/{external_id}", func(ctx context.Context, c *workos.Client) (any, error) {
		return c.Organizations.GetOrganizationByExternalID(ctx, testOrgExtID)
	}},
	{"UpdateOrganization", "PUT /organizations/{id}", func(ctx context.Context, c *workos.Client) (any, error) {
		return c.Organizations.UpdateOrganization(ctx, testOrgID, workos.UpdateOrganizationParams{
			Name:       "Foo Corp",
			DomainData: []workos.OrganizationDomainData{{Domain: "foo-corp.com", State: workos.OrganizationDomainStatePending}},
			Metadata:   map[string]workos.Nullable[string]{"tier": workos.Value("gold"), "legacy": workos.Null[string]()},
			ExternalID: workos.Value(testOrgExtID), StripeCustomerID: "cus_R9qWAGMQ6nGE7V",
			AllowProfilesOutsideOrganization: workos.Bool(true),
		})
	}},
	{"UpdateOrganization/ClearExternalID", "PUT /organizations/{id}", func(ctx context.Context, c *workos.Client) (any, error) {
		return c.Organizations.UpdateOrganization(ctx, testOrgID, workos.UpdateOrganizationParams{ExternalID: workos.Null[string]()})
	}},
	{"DeleteOrganization", "DELETE /organizations/{id}", func(ctx context.Context, c *workos.Client) (any, error) {
		return c.Organizations.DeleteOrganization(ctx, testOrgID)
	}},
	{"CreateOrganizationDomain", "POST /organization_domains", func(ctx context.Context, c *workos.Client) (any, error) {
		return c.Organizations.CreateOrganizationDomain(ctx, workos.CreateOrganizationDomainParams{OrganizationID: testOrgID, Domain: "foo-corp.com"})
	}},
	{"GetOrganizationDomain", "GET /organization_domains/{id}", func(ctx context.Context, c *workos.Client) (any, error) {
		return c.Organizations.GetOrganizationDomain(ctx, testOrgDomainID)
	}},
	{"DeleteOrganizationDomain", "DELETE /organization_domains/{id}", func(ctx context.Context, c *workos.Client) (any, error) {
		return c.Organizations.DeleteOrganizationDomain(ctx, testOrgDomainID)
	}},
	{"VerifyOrganizationDomain", "POST /organization_domains/{id}/verify", func(ctx context.Context, c *workos.Client) (any, error) {
		return c.Organizations.VerifyOrganizationDomain(ctx, testOrgDomainID)
	}},
	{"ListRoles", "GET /authorization/roles", func(ctx context.Context, c *workos.Client) (any, error) {
		return c.Authorization.ListRoles(ctx)
	}},
	{"GetRole", "GET /authorization/roles/{slug}", func(ctx context.Context, c *workos.Client) (any, error) {
		return c.Authorization.GetRole(ctx, "admin")
	}},
	{"ListOrganizationRoles", "GET /authorization/organizations/{organizationId}/roles", func(ctx context.Context, c *workos.Client) (any, error) {
		return c.Authorization.ListOrganizationRoles(ctx, testOrgID)
	}},
	{"GetOrganizationRole", "GET /authorization/organizations/{organizationId}/roles/{slug}", func(ctx context.Context, c *workos.Client) (any, error) {
		return c.Authorization.GetOrganizationRole(ctx, testOrgID, "org-billing-admin")
	}},
}

// runOrganizationsOnFake exchanges every organization, domain and role
// operation with the fake, errors included.
func runOrganizationsOnFake(t *testing.T, ctx context.Context, c *workos.Client, srv *workostest.Server) {
	orgs, authz := c.Organizations, c.Authorization
	o, err := orgs.CreateOrganization(ctx, workos.CreateOrganizationParams{Name: "Foo Corp", ExternalID: "ext_foo",
		DomainData: []workos.OrganizationDomainData{{Domain: "foo-corp.com", State: workos.OrganizationDomainStateVerified}},
		Metadata:   map[string]string{"tier": "gold", "legacy": "yes"}})
	require.NoError(t, err)
	_, err = orgs.CreateOrganization(ctx, workos.CreateOrganizationParams{Name: "Copy", ExternalID: "ext_foo"})
	assert.ErrorIs(t, err, workos.ErrBadRequest)
	got, err := orgs.GetOrganization(ctx, o.ID)
	if assert.NoError(t, err) {
		assert.Equal(t, "Foo Corp", got.Name)
	}
	got, err = orgs.GetOrganizationByExternalID(ctx, "ext_foo")
	if assert.NoError(t, err) {
		assert.Equal(t, o.ID, got.ID)
	}
	_, err = orgs.GetOrganization(ctx, "org_01NOSUCHORG00000000000000")
	assert.ErrorIs(t, err, workos.ErrNotFound)
	got, err = orgs.UpdateOrganization(ctx, o.ID, workos.UpdateOrganizationParams{Name: "Foo Inc", ExternalID: workos.Null[string](),
		Metadata: map[string]workos.Nullable[string]{"legacy": workos.Null[string]()}, StripeCustomerID: "cus_1"})
	if assert.NoError(t, err) {
		assert.Equal(t, "Foo Inc", got.Name)
		assert.Nil(t, got.ExternalID, "external_id cleared")
		assert.Equal(t, map[string]string{"tier": "gold"}, got.Metadata)
		assert.Equal(t, "cus_1", got.StripeCustomerID)
	}
	page, err := orgs.ListOrganizations(ctx, workos.ListOrganizationsParams{Domains: []string{"foo-corp.com"}, ListParams: workos.ListParams{Limit: 5}}).Page()
	if assert.NoError(t, err) && assert.Len(t, page.Data, 1) {
		assert.Equal(t, o.ID, page.Data[0].ID)
	}

	d, err := orgs.CreateOrganizationDomain(ctx, workos.CreateOrganizationDomainParams{OrganizationID: o.ID, Domain: "foo.io"})
	require.NoError(t, err)
	_, err = orgs.CreateOrganizationDomain(ctx, workos.CreateOrganizationDomainParams{OrganizationID: o.ID, Domain: "foo.io"})
	assert.ErrorIs(t, err, workos.ErrConflict)
	gotDomain, err := orgs.GetOrganizationDomain(ctx, d.ID)
	if assert.NoError(t, err) {
		assert.Equal(t, "foo.io", gotDomain.Domain)
		assert.Equal(t, o.ID, gotDomain.OrganizationID)
	}
	gotDomain, err = orgs.VerifyOrganizationDomain(ctx, d.ID)
	if assert.NoError(t, err) {
		assert.Equal(t, workos.OrganizationDomainStateVerified, gotDomain.State)
	}
	_, err = orgs.VerifyOrganizationDomain(ctx, d.ID)
	assert.ErrorIs(t, err, workos.ErrBadRequest)
	_, err = orgs.DeleteOrganizationDomain(ctx, d.ID)
	assert.NoError(t, err)
	_, err = orgs.GetOrganizationDomain(ctx, d.ID)
	assert.ErrorIs(t, err, workos.ErrNotFound)

	srv.CreateOrganizationRole(o.ID, "org-billing-admin", "Billing Manager", "invoices:read")
	roles, err := authz.ListRoles(ctx)
	if assert.NoError(t, err) {
		assert.Subset(t, roleSlugs(roles.Data), []string{"admin", "member"}, "the fake's environment roles (other runners may add more)")
		assert.NotContains(t, roleSlugs(roles.Data), "org-billing-admin", "an organization's own role is not an environment role")
	}
	role, err := authz.GetRole(ctx, "admin")
	if assert.NoError(t, err) {
		assert.Equal(t, "admin", role.Slug)
	}
	_, err = authz.GetRole(ctx, "ghost")
	assert.ErrorIs(t, err, workos.ErrNotFound)
	roles, err = authz.ListOrganizationRoles(ctx, o.ID)
	if assert.NoError(t, err) {
		assert.Subset(t, roleSlugs(roles.Data), []string{"admin", "member", "org-billing-admin"}, "environment roles and the organization's own")
	}
	role, err = authz.GetOrganizationRole(ctx, o.ID, "org-billing-admin")
	if assert.NoError(t, err) {
		assert.Equal(t, "Billing Manager", role.Name)
		assert.Equal(t, []string{"invoices:read"}, role.Permissions)
	}

	_, err = orgs.DeleteOrganization(ctx, o.ID)
	assert.NoError(t, err)
}

// roleSlugs lists the slugs of roles, in order.
func roleSlugs(roles []workos.Role) []string {
	out := make([]string, len(roles))
	for i, r := range roles {
		out[i] = r.Slug
	}
	return out
}
