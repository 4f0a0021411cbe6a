package workos_test

import (
	"fmt"
	"net/http"
	"slices"
	"testing"

	"github.com/kestrel-dev/workos"
	"github.com/kestrel-dev/workos/workostest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestIntegration_CreateOrganizationAddDomainAndVerifyIt creates an
// organization through the SDK, adds a domain, verifies it, and reads the
// organization back with the domain verified.
func TestIntegration_CreateOrganizationAddDomainAndVerifyIt(t *testing.T) {
	t.Parallel()
	srv := workostest.NewServer(t)
	orgs := srv.Client().Organizations
	ctx := integCtx(t)

	org, err := orgs.CreateOrganization(ctx, workos.CreateOrganizationParams{Name: "Acme", ExternalID: "crm-7", Metadata: map[string]string{"plan": "pro"}})
	require.NoError(t, err)
	assert.Equal(t, http.StatusCreated, org.LastResponse.StatusCode)
	assert.Empty(t, org.Domains)

	d, err := orgs.CreateOrganizationDomain(ctx, workos.CreateOrganizationDomainParams{OrganizationID: org.ID, Domain: "acme.com"})
	require.NoError(t, err)
	assert.Equal(t, workos.OrganizationDomainStatePending, d.State)
	assert.Equal(t, org.ID, d.OrganizationID)
	assert.NotEmpty(t, d.VerificationToken)
	assert.Equal(t, workos.OrganizationDomainVerificationStrategyDNS, d.VerificationStrategy)

	v, err := orgs.VerifyOrganizationDomain(ctx, d.ID)
	require.NoError(t, err)
	assert.Equal(t, workos.OrganizationDomainStateVerified, v.State)
	_, err = orgs.VerifyOrganizationDomain(ctx, d.ID)
	integAPIError(t, err, http.StatusBadRequest, "domain_already_verified")

	got, err := orgs.GetOrganizationByExternalID(ctx, "crm-7")
	require.NoError(t, err)
	assert.Equal(t, org.ID, got.ID)
	require.Len(t, got.Domains, 1)
	assert.Equal(t, d.ID, got.Domains[0].ID)
	assert.Equal(t, workos.OrganizationDomainStateVerified, got.Domains[0].State)

	listed, err := orgs.ListOrganizations(ctx, workos.ListOrganizationsParams{Domains: []string{"acme.com"}}).Page()
	require.NoError(t, err)
	require.Len(t, listed.Data, 1)
	assert.Equal(t, org.ID, listed.Data[0].ID)

	other, err := orgs.CreateOrganization(ctx, workos.CreateOrganizationParams{Name: "Copycat"})
	require.NoError(t, err)
	_, err = orgs.CreateOrganizationDomain(ctx, workos.CreateOrganizationDomainParams{OrganizationID: other.ID, Domain: "acme.com"})
	integAPIError(t, err, http.StatusConflict, "domain_already_exists")

	up, err := orgs.UpdateOrganization(ctx, org.ID, workos.UpdateOrganizationParams{ExternalID: workos.Null[string](),
		Metadata: map[string]workos.Nullable[string]{"plan": workos.Null[string]()}})
	require.NoError(t, err)
	assert.Nil(t, up.ExternalID)
	assert.Empty(t, up.Metadata)

	_, err = orgs.DeleteOrganization(ctx, org.ID)
	require.NoError(t, err)
	_, err = orgs.GetOrganizationDomain(ctx, d.ID)
	assert.ErrorIs(t, err, workos.ErrNotFound, "the organization's domains go with it")
}

// TestIntegration_MembersWithRolesThenListTheOrganizationsRoles gives
// members environment and custom roles, then lists the organization's
// roles: every role a member holds is among them, with its permissions,
// and a role the organization does not have is refused.
func TestIntegration_MembersWithRolesThenListTheOrganizationsRoles(t *testing.T) {
	t.Parallel()
	srv := workostest.NewServer(t)
	c := srv.Client()
	ctx := integCtx(t)
	org, err := c.Organizations.CreateOrganization(ctx, workos.CreateOrganizationParams{Name: "Acme"})
	require.NoError(t, err)
	other, err := c.Organizations.CreateOrganization(ctx, workos.CreateOrganizationParams{Name: "Globex"})
	require.NoError(t, err)
	srv.SetRolePermissions("admin", "members:manage")
	billing := srv.CreateOrganizationRole(org.ID, "org-billing", "Billing", "invoices:read")

	var held []string
	for i, role := range []workos.RoleInput{workos.RoleSlug("admin"), workos.RoleSlugs{"member", "org-billing"}, nil} {
		u, err := c.UserManagement.CreateUser(ctx, workos.CreateUserParams{Email: fmt.Sprintf("member%d@acme.example", i)})
		require.NoError(t, err)
		m, err := c.UserManagement.CreateOrganizationMembership(ctx, workos.CreateOrganizationMembershipParams{UserID: u.ID, OrganizationID: org.ID, Role: role})
		require.NoError(t, err)
		for _, r := range m.Roles {
			held = append(held, r.Slug)
		}
	}
	assert.Equal(t, []string{"admin", "member", "org-billing", "member"}, held)

	roles, err := c.Authorization.ListOrganizationRoles(ctx, org.ID)
	require.NoError(t, err)
	bySlug := map[string]workos.Role{}
	var slugs []string
	for _, r := range roles.Data {
		bySlug[r.Slug] = r
		slugs = append(slugs, r.Slug)
	}
	assert.Equal(t, []string{"member", "admin", "org-billing"}, slugs, "environment roles first, then the organization's own")
	for _, s := range held {
		assert.Contains(t, bySlug, s, "a member's role is listed")
	}
	assert.Equal(t, []string{"members:manage"}, bySlug["admin"].Permissions)
	assert.Equal(t, workos.RoleTypeEnvironment, bySlug["admin"].Type)
	assert.Equal(t, billing.ID, bySlug["org-billing"].ID)
	assert.Equal(t, workos.RoleTypeOrganization, bySlug["org-billing"].Type)
	assert.Equal(t, []string{"invoices:read"}, bySlug["org-billing"].Permissions)

	one, err := c.Authorization.GetOrganizationRole(ctx, org.ID, "org-billing")
	require.NoError(t, err)
	assert.Equal(t, "Billing", one.Name)
	env, err := c.Authorization.ListRoles(ctx)
	require.NoError(t, err)
	assert.Len(t, env.Data, 2, "the custom role is not an environment role")
	_, err = c.Authorization.GetOrganizationRole(ctx, other.ID, "org-billing")
	assert.ErrorIs(t, err, workos.ErrNotFound)

	outsider, err := c.UserManagement.CreateUser(ctx, workos.CreateUserParams{Email: "outsider@globex.example"})
	require.NoError(t, err)
	_, err = c.UserManagement.CreateOrganizationMembership(ctx, workos.CreateOrganizationMembershipParams{
		UserID: outsider.ID, OrganizationID: other.ID, Role: workos.RoleSlug("org-billing")})
	integAPIError(t, err, http.StatusUnprocessableEntity, "invalid_role")
	_, err = c.UserManagement.SendInvitation(ctx, workos.SendInvitationParams{Email: "new@acme.example",
		OrganizationID: org.ID, RoleSlug: "org-billing"})
	assert.NoError(t, err, "an invitation may name the organization's own role")
}

// TestIntegration_PagesThrough250OrganizationsInEveryOrder walks 250
// organizations made through the SDK in the desc, asc and normal orders,
// forward from the start and back from the far end: every organization
// once, in order, with a search filter kept on every page.
func TestIntegration_PagesThrough250OrganizationsInEveryOrder(t *testing.T) {
	t.Parallel()
	srv := workostest.NewServer(t)
	orgs := srv.Client().Organizations
	ctx := integCtx(t)
	var ids []string // oldest first
	for i := range 250 {
		o, err := orgs.CreateOrganization(ctx, workos.CreateOrganizationParams{Name: fmt.Sprintf("Paged %03d", i)})
		require.NoError(t, err)
		ids = append(ids, o.ID)
	}
	_, err := orgs.CreateOrganization(ctx, workos.CreateOrganizationParams{Name: "Unrelated"})
	require.NoError(t, err)

	walk := func(t *testing.T, lp workos.ListParams) (pages [][]string) {
		for page, err := range orgs.ListOrganizations(ctx, workos.ListOrganizationsParams{Search: "paged", ListParams: lp}).Pages() {
			require.NoError(t, err)
			var got []string
			for _, o := range page.Data {
				got = append(got, o.ID)
			}
			pages = append(pages, got)
		}
		return pages
	}
	for _, order := range []workos.Order{workos.OrderDesc, workos.OrderAsc, workos.OrderNormal} {
		listing := slices.Clone(ids)
		if order != workos.OrderAsc {
			slices.Reverse(listing)
		}
		t.Run(string(order)+"/forward", func(t *testing.T) {
			start := len(srv.Requests())
			pages := walk(t, workos.ListParams{Order: order, Limit: 60})
			assert.Equal(t, integChunksForward(listing, 60), pages)
			integAssertEachOnce(t, ids, slices.Concat(pages...))
			for _, r := range srv.Requests()[start:] {
				q := integQuery(t, "?"+r.Query)
				assert.Equal(t, "paged", q.Get("search"), "the filter is kept on every page")
				assert.Equal(t, string(order), q.Get("order"))
			}
		})
		t.Run(string(order)+"/backward", func(t *testing.T) {
			far := listing[len(listing)-1]
			lp := workos.ListParams{Order: order, Before: far}
			if order == workos.OrderNormal {
				lp = workos.ListParams{Order: order, After: far}
			}
			pages := walk(t, lp)
			assert.Equal(t, integChunksBackward(listing[:len(listing)-1], 100), pages)
		})
	}
}
