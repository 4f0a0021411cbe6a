package workostest_test

import (
	"testing"

	"github.com/kestrel-dev/workos/workostest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestOrganizationsAPI_CreateReadUpdateDelete(t *testing.T) {
	t.Parallel()
	srv := workostest.NewServer(t)
	o := fakeExpect(t, 201, fakeAPI(t, srv, "POST", "/organizations", map[string]any{
		"name": "Foo Corp", "external_id": "ext_1", "metadata": map[string]any{"tier": "gold", "legacy": "yes"},
		"domain_data": []any{map[string]any{"domain": "foo-corp.com", "state": "verified"}}, "allow_profiles_outside_organization": true,
	}))
	id := o.str(t, "id")
	assert.Equal(t, "organization", o.Body["object"])
	assert.Equal(t, "Foo Corp", o.Body["name"])
	assert.Equal(t, "ext_1", o.Body["external_id"])
	assert.Equal(t, true, o.Body["allow_profiles_outside_organization"])
	assert.Equal(t, map[string]any{"tier": "gold", "legacy": "yes"}, o.Body["metadata"])
	domains := o.Body["domains"].([]any)
	require.Len(t, domains, 1)
	d := domains[0].(map[string]any)
	assert.Equal(t, "foo-corp.com", d["domain"])
	assert.Equal(t, "verified", d["state"])
	assert.Equal(t, id, d["organization_id"])

	byExt := fakeExpect(t, 200, fakeAPI(t, srv, "GET", "/organizations/external_id/ext_1", nil))
	assert.Equal(t, id, byExt.Body["id"])

	up := fakeExpect(t, 200, fakeAPI(t, srv, "PUT", "/organizations/"+id, map[string]any{
		"name": "Foo Inc", "external_id": nil, "metadata": map[string]any{"legacy": nil}, "stripe_customer_id": "cus_1",
		"domain_data": []any{map[string]any{"domain": "foo.io", "state": "pending"}},
	}))
	assert.Equal(t, "Foo Inc", up.Body["name"])
	assert.Nil(t, up.Body["external_id"], "null clears the external ID")
	assert.Equal(t, map[string]any{"tier": "gold"}, up.Body["metadata"], "a null value deletes one key")
	assert.Equal(t, "cus_1", up.Body["stripe_customer_id"])
	domains = up.Body["domains"].([]any)
	require.Len(t, domains, 1, "domain_data replaces the domains")
	assert.Equal(t, "foo.io", domains[0].(map[string]any)["domain"])
	fakeExpect(t, 404, fakeAPI(t, srv, "GET", "/organizations/external_id/ext_1", nil))

	inv := fakeExpect(t, 201, fakeAPI(t, srv, "POST", "/user_management/invitations", map[string]any{
		"email": "new@foo.io", "organization_id": id,
	}))
	fakeExpect(t, 200, fakeAPI(t, srv, "DELETE", "/organizations/"+id, nil))
	fakeExpect(t, 404, fakeAPI(t, srv, "GET", "/organizations/"+id, nil))
	invID := inv.str(t, "id")
	fakeExpect(t, 404, fakeAPI(t, srv, "GET", "/user_management/invitations/"+invID, nil))
	fakeExpect(t, 404, fakeAPI(t, srv, "POST", "/user_management/invitations/"+invID+"/accept", nil))
	fakeExpect(t, 404, fakeAPI(t, srv, "GET", "/organization_domains/"+domains[0].(map[string]any)["id"].(string), nil))
}

func TestOrganizationsAPI_AnswersTheAPIErrors(t *testing.T) {
	t.Parallel()
	srv := workostest.NewServer(t)
	fakeExpect(t, 201, fakeAPI(t, srv, "POST", "/organizations", map[string]any{
		"name": "A", "external_id": "ext_a", "domain_data": []any{map[string]any{"domain": "a.com", "state": "pending"}}}))
	for _, tc := range []struct {
		name   string
		body   map[string]any
		status int
		code   string
	}{
		{"no name", map[string]any{}, 422, "invalid_request_parameters"},
		{"bad domain state", map[string]any{"name": "B", "domain_data": []any{map[string]any{"domain": "b.com", "state": "failed"}}}, 422, "invalid_request_parameters"},
		{"taken external id", map[string]any{"name": "B", "external_id": "ext_a"}, 400, "external_id_already_used"},
		{"too much metadata", map[string]any{"name": "B", "metadata": fakeManyKeys(51)}, 400, "invalid_metadata"},
		{"taken domain", map[string]any{"name": "B", "domains": []string{"a.com"}}, 409, ""},
	} {
		r := fakeExpect(t, tc.status, fakeAPI(t, srv, "POST", "/organizations", tc.body))
		code, _ := r.Body["code"].(string)
		assert.Equal(t, tc.code, code, tc.name)
		assert.NotEmpty(t, r.Body["message"], tc.name)
	}
	fakeExpect(t, 404, fakeAPI(t, srv, "PUT", "/organizations/org_01AAAAAAAAAAAAAAAAAAAAAAAA", map[string]any{"name": "X"}))
	fakeExpect(t, 404, fakeAPI(t, srv, "DELETE", "/organizations/org_01AAAAAAAAAAAAAAAAAAAAAAAA", nil))
}

func fakeManyKeys(n int) map[string]any {
	m := map[string]any{}
	for i := range n {
		m[string(rune('a'+i%26))+string(rune('a'+i/26))] = "v"
	}
	return m
}

func TestOrganizationsAPI_ListFiltersByDomainAndSearch(t *testing.T) {
	t.Parallel()
	srv := workostest.NewServer(t)
	mk := func(name, domain string) string {
		return fakeExpect(t, 201, fakeAPI(t, srv, "POST", "/organizations", map[string]any{"name": name,
			"domain_data": []any{map[string]any{"domain": domain, "state": "verified"}}})).str(t, "id")
	}
	acme, globex, _ := mk("Acme", "acme.com"), mk("Globex", "globex.com"), mk("Initech", "initech.com")
	ids := func(q ...string) []any {
		var out []any
		for _, o := range fakeExpect(t, 200, fakeAPI(t, srv, "GET", "/organizations"+fakeQuery(q...), nil)).Body["data"].([]any) {
			out = append(out, o.(map[string]any)["id"])
		}
		return out
	}
	assert.Equal(t, []any{globex, acme}, ids("domains", "acme.com,globex.com"))
	assert.Equal(t, []any{globex}, ids("search", "glob"))
	assert.Len(t, ids(), 3)
}

func TestOrganizationDomainsAPI_CreateVerifyDelete(t *testing.T) {
	t.Parallel()
	srv := workostest.NewServer(t)
	org := srv.CreateOrganization("Acme")
	d := fakeExpect(t, 201, fakeAPI(t, srv, "POST", "/organization_domains", map[string]any{"organization_id": org.ID, "domain": "acme.com"}))
	id := d.str(t, "id")
	assert.Equal(t, "pending", d.Body["state"])
	assert.Equal(t, "dns", d.Body["verification_strategy"])
	assert.NotEmpty(t, d.Body["verification_token"])
	assert.Regexp(t, `^workostest-domain-verification-`, d.Body["verification_prefix"])

	dup := fakeExpect(t, 409, fakeAPI(t, srv, "POST", "/organization_domains", map[string]any{"organization_id": org.ID, "domain": "acme.com"}))
	assert.Equal(t, "domain_already_exists", dup.Body["code"])
	fakeExpect(t, 404, fakeAPI(t, srv, "POST", "/organization_domains", map[string]any{"organization_id": "org_01AAAAAAAAAAAAAAAAAAAAAAAA", "domain": "x.com"}))
	fakeExpect(t, 422, fakeAPI(t, srv, "POST", "/organization_domains", map[string]any{"organization_id": org.ID, "domain": "not a domain"}))

	v := fakeExpect(t, 201, fakeAPI(t, srv, "POST", "/organization_domains/"+id+"/verify", nil))
	assert.Equal(t, "verified", v.Body["state"])
	again := fakeExpect(t, 400, fakeAPI(t, srv, "POST", "/organization_domains/"+id+"/verify", nil))
	assert.Equal(t, "domain_already_verified", again.Body["code"])
	o := fakeExpect(t, 200, fakeAPI(t, srv, "GET", "/organizations/"+org.ID, nil))
	assert.Equal(t, "verified", o.Body["domains"].([]any)[0].(map[string]any)["state"])

	fakeExpect(t, 204, fakeAPI(t, srv, "DELETE", "/organization_domains/"+id, nil))
	fakeExpect(t, 404, fakeAPI(t, srv, "GET", "/organization_domains/"+id, nil))
}

func TestRolesAPI_ListsEnvironmentAndOrganizationRolesThatMembershipsAccept(t *testing.T) {
	t.Parallel()
	srv := workostest.NewServer(t)
	acme, globex := srv.CreateOrganization("Acme"), srv.CreateOrganization("Globex")
	srv.SetRolePermissions("admin", "posts:write")
	custom := srv.CreateOrganizationRole(acme.ID, "org-billing", "Billing", "invoices:read")
	slugs := func(path string) []any {
		var out []any
		for _, r := range fakeExpect(t, 200, fakeAPI(t, srv, "GET", path, nil)).Body["data"].([]any) {
			out = append(out, r.(map[string]any)["slug"])
		}
		return out
	}
	assert.Equal(t, []any{"member", "admin"}, slugs("/authorization/roles"))
	assert.Equal(t, []any{"member", "admin", "org-billing"}, slugs("/authorization/organizations/"+acme.ID+"/roles"))
	assert.Equal(t, []any{"member", "admin"}, slugs("/authorization/organizations/"+globex.ID+"/roles"))

	admin := fakeExpect(t, 200, fakeAPI(t, srv, "GET", "/authorization/roles/admin", nil))
	assert.Equal(t, "EnvironmentRole", admin.Body["type"])
	assert.Equal(t, []any{"posts:write"}, admin.Body["permissions"])
	r := fakeExpect(t, 200, fakeAPI(t, srv, "GET", "/authorization/organizations/"+acme.ID+"/roles/org-billing", nil))
	assert.Equal(t, custom.ID, r.Body["id"])
	assert.Equal(t, "OrganizationRole", r.Body["type"])
	assert.Equal(t, "Billing", r.Body["name"])
	fakeExpect(t, 404, fakeAPI(t, srv, "GET", "/authorization/organizations/"+globex.ID+"/roles/org-billing", nil))
	fakeExpect(t, 404, fakeAPI(t, srv, "GET", "/authorization/roles/org-billing", nil))
	fakeExpect(t, 404, fakeAPI(t, srv, "GET", "/authorization/organizations/org_01AAAAAAAAAAAAAAAAAAAAAAAA/roles", nil))

	ada := fakeSignUp(t, srv, "ada@example.com", true)
	fakeExpect(t, 201, fakeAPI(t, srv, "POST", "/user_management/organization_memberships",
		map[string]any{"user_id": ada, "organization_id": acme.ID, "role_slugs": []string{"admin", "org-billing"}}))
	bad := fakeExpect(t, 422, fakeAPI(t, srv, "POST", "/user_management/organization_memberships",
		map[string]any{"user_id": ada, "organization_id": globex.ID, "role_slug": "org-billing"}))
	assert.Equal(t, "invalid_role", bad.Body["code"])
	assert.Equal(t, "Role 'org-billing' is not a valid role.", bad.Body["message"])
	inv := fakeExpect(t, 400, fakeAPI(t, srv, "POST", "/user_management/invitations",
		map[string]any{"email": "grace@example.com", "organization_id": globex.ID, "role_slug": "ghost"}))
	assert.Equal(t, "invalid_role", inv.Body["code"])
}

func TestRolesAPI_OrganizationRolePermissionsReachTheAccessToken(t *testing.T) {
	t.Parallel()
	srv := workostest.NewServer(t)
	org := srv.CreateOrganization("Acme")
	srv.CreateOrganizationRole(org.ID, "org-billing", "Billing", "invoices:read", "invoices:pay")
	u := srv.CreateUser(workostest.NewUser{Email: "ada@example.com", Password: "correct horse", EmailVerified: true})
	srv.AddMembership(u.ID, org.ID, workostest.StatusActive, "org-billing")

	r := fakeExpect(t, 200, fakeAuth(t, srv, map[string]any{"grant_type": "password", "email": "ada@example.com", "password": "correct horse"}))
	claims := fakeVerify(t, srv, r.str(t, "access_token"))
	assert.Equal(t, "org-billing", claims["role"])
	assert.Equal(t, []any{"invoices:read", "invoices:pay"}, claims["permissions"])
	env := fakeExpect(t, 200, fakeAPI(t, srv, "GET", "/authorization/roles", nil))
	assert.Len(t, env.Body["data"], 2, "AddMembership did not turn the organization's role into an environment role")
}
