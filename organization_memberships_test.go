package workos

import (
	"context"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const membershipJSON = `{
	"object": "organization_membership",
	"id": "om_01HXYZ123456789ABCDEFGHIJ",
	"user_id": "user_01E4ZCR3C56J083X43JQXF3JK5",
	"organization_id": "org_01EHZNVPK3SFK441A1RGBFSHRT",
	"status": "active",
	"directory_managed": false,
	"organization_name": "Acme Corp",
	"custom_attributes": {"department": "Engineering", "title": "Developer Experience Engineer", "level": 3},
	"created_at": "2026-01-15T12:00:00.000Z",
	"updated_at": "2026-01-15T13:00:00.000Z",
	"role": {"slug": "admin"},
	"roles": [{"slug": "admin"}, {"slug": "billing"}],
	"user": ` + usersUserJSON + `
}`

func membershipAssert(t *testing.T, m OrganizationMembership) {
	t.Helper()
	assert.Equal(t, "organization_membership", m.Object)
	assert.Equal(t, "om_01HXYZ123456789ABCDEFGHIJ", m.ID)
	assert.Equal(t, "user_01E4ZCR3C56J083X43JQXF3JK5", m.UserID)
	assert.Equal(t, "org_01EHZNVPK3SFK441A1RGBFSHRT", m.OrganizationID)
	assert.Equal(t, OrganizationMembershipStatusActive, m.Status)
	assert.False(t, m.DirectoryManaged)
	assert.Equal(t, "Acme Corp", m.OrganizationName)
	assert.Equal(t, map[string]any{"department": "Engineering", "title": "Developer Experience Engineer", "level": float64(3)}, m.CustomAttributes)
	assert.True(t, mustParseTime(t, "2026-01-15T12:00:00Z").Equal(m.CreatedAt))
	assert.True(t, mustParseTime(t, "2026-01-15T13:00:00Z").Equal(m.UpdatedAt))
	assert.Equal(t, SlimRole{Slug: "admin"}, m.Role)
	assert.Equal(t, []SlimRole{{Slug: "admin"}, {Slug: "billing"}}, m.Roles)
	usersAssertUser(t, m.User)
}

func TestListOrganizationMemberships_SendsFiltersAndDecodesPage(t *testing.T) {
	c, sent := newRecordingClient(t, cannedReply{200, `{"object":"list","data":[` + membershipJSON + `],"list_metadata":{"before":null,"after":null}}`})
	page, err := c.UserManagement.ListOrganizationMemberships(context.Background(), ListOrganizationMembershipsParams{
		ListParams:     ListParams{Limit: 10, Order: OrderDesc},
		UserID:         "user_01E4ZCR3C56J083X43JQXF3JK5",
		OrganizationID: "org_01EHZNVPK3SFK441A1RGBFSHRT",
		Statuses:       []OrganizationMembershipStatus{OrganizationMembershipStatusActive, OrganizationMembershipStatusPending},
	}).Page()
	require.NoError(t, err)
	assertRequest(t, onlyRequest(t, sent), "GET", "/user_management/organization_memberships",
		"limit=10&order=desc&organization_id=org_01EHZNVPK3SFK441A1RGBFSHRT&statuses=active,pending&user_id=user_01E4ZCR3C56J083X43JQXF3JK5", "")
	require.Len(t, page.Data, 1)
	membershipAssert(t, page.Data[0])
	assert.Nil(t, page.ListMetadata.Before)
	assert.Nil(t, page.ListMetadata.After)
	assertResponseMeta(t, page.LastResponse, 200)
}

func TestListOrganizationMemberships_NeedsUserOrOrganizationAndSendsNothing(t *testing.T) {
	c, sent := newRecordingClient(t)
	list := c.UserManagement.ListOrganizationMemberships(context.Background(), ListOrganizationMembershipsParams{
		Statuses: []OrganizationMembershipStatus{OrganizationMembershipStatusInactive},
	})
	_, err := list.Page()
	assert.ErrorIs(t, err, ErrInvalidParams)
	var n int
	for _, err := range list.All() {
		n++
		assert.ErrorIs(t, err, ErrInvalidParams)
	}
	assert.Equal(t, 1, n, "All yields the error once")
	assert.Empty(t, sent())
}

func TestListOrganizationMemberships_AutoPagingKeepsFiltersOnEveryPage(t *testing.T) {
	om := func(id string) string {
		return `{"object":"organization_membership","id":"` + id + `","user_id":"user_1","organization_id":"org_1","status":"inactive",
			"directory_managed":true,"created_at":"2026-01-15T12:00:00Z","updated_at":"2026-01-15T12:00:00Z",
			"role":{"slug":"member"},"roles":[{"slug":"member"}],"user":` + usersUserJSON + `}`
	}
	c, sent := newRecordingClient(t,
		cannedReply{200, `{"object":"list","data":[` + om("om_1") + `,` + om("om_2") + `],"list_metadata":{"before":null,"after":"om_2"}}`},
		cannedReply{200, `{"object":"list","data":[` + om("om_3") + `],"list_metadata":{"before":"om_3","after":null}}`},
	)
	var ids []string
	for m, err := range c.UserManagement.ListOrganizationMemberships(context.Background(), ListOrganizationMembershipsParams{
		OrganizationID: "org_1",
		Statuses:       []OrganizationMembershipStatus{OrganizationMembershipStatusActive, OrganizationMembershipStatusInactive},
	}).All() {
		require.NoError(t, err)
		ids = append(ids, m.ID)
		assert.Equal(t, OrganizationMembershipStatusInactive, m.Status)
		assert.True(t, m.DirectoryManaged)
		assert.Empty(t, m.OrganizationName)
		assert.Nil(t, m.CustomAttributes)
	}
	assert.Equal(t, []string{"om_1", "om_2", "om_3"}, ids)
	reqs := sent()
	require.Len(t, reqs, 2)
	assertRequest(t, reqs[0], "GET", "/user_management/organization_memberships",
		"limit=100&organization_id=org_1&statuses=active,inactive", "")
	assertRequest(t, reqs[1], "GET", "/user_management/organization_memberships",
		"after=om_2&limit=100&organization_id=org_1&statuses=active,inactive", "")
	q, err := url.ParseQuery(reqs[1].RawQuery)
	require.NoError(t, err)
	assert.Equal(t, []string{"active,inactive"}, q["statuses"], "statuses stay one comma-joined value")
}

func TestCreateOrganizationMembership_EncodesRoleSlugOrSlugs(t *testing.T) {
	for _, tc := range []struct {
		name string
		role RoleInput
		body string
	}{
		{"no role", nil, `{"user_id":"user_1","organization_id":"org_1"}`},
		{"one role", RoleSlug("admin"), `{"user_id":"user_1","organization_id":"org_1","role_slug":"admin"}`},
		{"several roles", RoleSlugs{"admin", "billing"}, `{"user_id":"user_1","organization_id":"org_1","role_slugs":["admin","billing"]}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, sent := newRecordingClient(t, cannedReply{201, membershipJSON})
			m, err := c.UserManagement.CreateOrganizationMembership(context.Background(), CreateOrganizationMembershipParams{
				UserID: "user_1", OrganizationID: "org_1", Role: tc.role,
			})
			require.NoError(t, err)
			assertRequest(t, onlyRequest(t, sent), "POST", "/user_management/organization_memberships", "", tc.body)
			membershipAssert(t, *m)
			assertResponseMeta(t, m.LastResponse, 201)
		})
	}
}

func TestCreateOrganizationMembership_RejectsBadInputWithoutSending(t *testing.T) {
	for name, tc := range map[string]struct {
		p   CreateOrganizationMembershipParams
		msg string
	}{
		"no user":            {CreateOrganizationMembershipParams{OrganizationID: "org_1"}, "UserID and OrganizationID are required"},
		"no organization":    {CreateOrganizationMembershipParams{UserID: "user_1"}, "UserID and OrganizationID are required"},
		"empty role slug":    {CreateOrganizationMembershipParams{UserID: "user_1", OrganizationID: "org_1", Role: RoleSlug("")}, "RoleSlug must not be empty"},
		"empty role list":    {CreateOrganizationMembershipParams{UserID: "user_1", OrganizationID: "org_1", Role: RoleSlugs{}}, "RoleSlugs must list at least one role"},
		"empty slug in list": {CreateOrganizationMembershipParams{UserID: "user_1", OrganizationID: "org_1", Role: RoleSlugs{"admin", ""}}, "RoleSlugs must not hold an empty slug"},
	} {
		t.Run(name, func(t *testing.T) {
			c, sent := newRecordingClient(t)
			_, err := c.UserManagement.CreateOrganizationMembership(context.Background(), tc.p)
			assert.ErrorIs(t, err, ErrInvalidParams)
			assert.EqualError(t, err, "workos: invalid params: "+tc.msg)
			assert.Empty(t, sent())
		})
	}
}

func TestCreateOrganizationMembership_MultipleRolesNotEnabled(t *testing.T) {
	c, _ := newRecordingClient(t, cannedReply{422, `{"code":"multiple_roles_not_enabled","message":"Multiple roles are not enabled for this environment."}`})
	_, err := c.UserManagement.CreateOrganizationMembership(context.Background(), CreateOrganizationMembershipParams{
		UserID: "user_1", OrganizationID: "org_1", Role: RoleSlugs{"a", "b"},
	})
	assertAPIError(t, err, ErrUnprocessable, 422, "multiple_roles_not_enabled", "Multiple roles are not enabled for this environment.")
}

func TestGetOrganizationMembership_DecodesEveryField(t *testing.T) {
	c, sent := newRecordingClient(t, cannedReply{200, membershipJSON})
	m, err := c.UserManagement.GetOrganizationMembership(context.Background(), "om_01HXYZ123456789ABCDEFGHIJ")
	require.NoError(t, err)
	assertRequest(t, onlyRequest(t, sent), "GET", "/user_management/organization_memberships/om_01HXYZ123456789ABCDEFGHIJ", "", "")
	membershipAssert(t, *m)
	assertResponseMeta(t, m.LastResponse, 200)
}

func TestGetOrganizationMembership_NotFound(t *testing.T) {
	c, _ := newRecordingClient(t, cannedReply{404, `{"message":"Organization membership not found: 'om_x'."}`})
	_, err := c.UserManagement.GetOrganizationMembership(context.Background(), "om_x")
	assertAPIError(t, err, ErrNotFound, 404, "", "Organization membership not found: 'om_x'.")
}

func TestUpdateOrganizationMembership_EncodesRole(t *testing.T) {
	for _, tc := range []struct {
		name string
		role RoleInput
		body string
	}{
		{"no role sends an empty object", nil, `{}`},
		{"one role", RoleSlug("member"), `{"role_slug":"member"}`},
		{"several roles", RoleSlugs{"member", "viewer"}, `{"role_slugs":["member","viewer"]}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, sent := newRecordingClient(t, cannedReply{200, membershipJSON})
			m, err := c.UserManagement.UpdateOrganizationMembership(context.Background(), "om_01HXYZ123456789ABCDEFGHIJ", UpdateOrganizationMembershipParams{Role: tc.role})
			require.NoError(t, err)
			assertRequest(t, onlyRequest(t, sent), "PUT", "/user_management/organization_memberships/om_01HXYZ123456789ABCDEFGHIJ", "", tc.body)
			membershipAssert(t, *m)
		})
	}
}

func TestUpdateOrganizationMembership_EmptyRoleListSendsNothing(t *testing.T) {
	c, sent := newRecordingClient(t)
	_, err := c.UserManagement.UpdateOrganizationMembership(context.Background(), "om_1", UpdateOrganizationMembershipParams{Role: RoleSlugs(nil)})
	assert.ErrorIs(t, err, ErrInvalidParams)
	assert.EqualError(t, err, "workos: invalid params: RoleSlugs must list at least one role")
	assert.Empty(t, sent())
}

func TestDeleteOrganizationMembership_SendsDelete(t *testing.T) {
	c, sent := newRecordingClient(t, cannedReply{200, ""})
	resp, err := c.UserManagement.DeleteOrganizationMembership(context.Background(), "om_1")
	require.NoError(t, err)
	assertRequest(t, onlyRequest(t, sent), "DELETE", "/user_management/organization_memberships/om_1", "", "")
	assertResponseMeta(t, resp, 200)
}

func TestDeactivateAndReactivateOrganizationMembership_PutWithoutBody(t *testing.T) {
	inactive := `{"object":"organization_membership","id":"om_1","user_id":"user_1","organization_id":"org_1","status":"inactive",
		"directory_managed":false,"created_at":"2026-01-15T12:00:00Z","updated_at":"2026-01-18T12:00:00Z",
		"role":{"slug":"member"},"roles":[{"slug":"member"}],"user":` + usersUserJSON + `}`
	for _, tc := range []struct {
		name   string
		call   func(*UserManagementService) (*OrganizationMembership, error)
		path   string
		reply  string
		status OrganizationMembershipStatus
	}{
		{"deactivate", func(s *UserManagementService) (*OrganizationMembership, error) {
			return s.DeactivateOrganizationMembership(context.Background(), "om_1")
		}, "/user_management/organization_memberships/om_1/deactivate", inactive, OrganizationMembershipStatusInactive},
		{"reactivate", func(s *UserManagementService) (*OrganizationMembership, error) {
			return s.ReactivateOrganizationMembership(context.Background(), "om_1")
		}, "/user_management/organization_memberships/om_1/reactivate", membershipJSON, OrganizationMembershipStatusActive},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, sent := newRecordingClient(t, cannedReply{200, tc.reply})
			m, err := tc.call(c.UserManagement)
			require.NoError(t, err)
			assertRequest(t, onlyRequest(t, sent), "PUT", tc.path, "", "")
			assert.Equal(t, tc.status, m.Status)
			usersAssertUser(t, m.User)
			assertResponseMeta(t, m.LastResponse, 200)
		})
	}
}

func TestDeactivateOrganizationMembership_PendingCannotBeDeactivated(t *testing.T) {
	c, _ := newRecordingClient(t, cannedReply{400, `{"code":"cannot_deactivate_pending_organization_membership","message":"Cannot deactivate a pending organization membership."}`})
	_, err := c.UserManagement.DeactivateOrganizationMembership(context.Background(), "om_1")
	assertAPIError(t, err, ErrBadRequest, 400, "cannot_deactivate_pending_organization_membership", "Cannot deactivate a pending organization membership.")
}

func TestListOrganizationMembershipGroups_EscapesIDAndDecodes(t *testing.T) {
	c, sent := newRecordingClient(t, cannedReply{200, `{"object":"list","data":[
		{"object":"group","id":"group_01HXYZ123456789ABCDEFGHIJ","organization_id":"org_01EHWNCE74X7JSDV0X3SZ3KJNY",
		 "name":"Engineering","description":"The engineering team","created_at":"2026-01-15T12:00:00.000Z","updated_at":"2026-01-15T12:30:00.000Z"},
		{"object":"group","id":"group_2","organization_id":"org_01EHWNCE74X7JSDV0X3SZ3KJNY",
		 "name":"Sales","description":null,"created_at":"2026-01-15T12:00:00.000Z","updated_at":"2026-01-15T12:00:00.000Z"}
	],"list_metadata":{"before":null,"after":"group_2"}}`})
	page, err := c.UserManagement.ListOrganizationMembershipGroups(context.Background(), "om 1/x", ListOrganizationMembershipGroupsParams{
		ListParams: ListParams{Limit: 2, Order: OrderNormal},
	}).Page()
	require.NoError(t, err)
	assertRequest(t, onlyRequest(t, sent), "GET", "/user_management/organization_memberships/om%201%2Fx/groups", "limit=2&order=normal", "")
	require.Len(t, page.Data, 2)
	g := page.Data[0]
	assert.Equal(t, "group", g.Object)
	assert.Equal(t, "group_01HXYZ123456789ABCDEFGHIJ", g.ID)
	assert.Equal(t, "org_01EHWNCE74X7JSDV0X3SZ3KJNY", g.OrganizationID)
	assert.Equal(t, "Engineering", g.Name)
	assert.Equal(t, String("The engineering team"), g.Description)
	assert.True(t, mustParseTime(t, "2026-01-15T12:00:00Z").Equal(g.CreatedAt))
	assert.True(t, mustParseTime(t, "2026-01-15T12:30:00Z").Equal(g.UpdatedAt))
	assert.Nil(t, page.Data[1].Description)
	assert.Equal(t, String("group_2"), page.ListMetadata.After)
	assertResponseMeta(t, page.LastResponse, 200)
}

func TestListOrganizationMembershipGroups_NotFound(t *testing.T) {
	c, _ := newRecordingClient(t, cannedReply{404, `{"message":"Organization membership not found."}`})
	_, err := c.UserManagement.ListOrganizationMembershipGroups(context.Background(), "om_missing", ListOrganizationMembershipGroupsParams{}).Page()
	assertAPIError(t, err, ErrNotFound, 404, "", "Organization membership not found.")
}
