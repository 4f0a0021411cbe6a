package workos

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// roleJSON is a role shaped like the spec's example, every field set.
const roleJSON = `{
	"object": "role",
	"id": "role_01EHQMYV6MBK39QC5PZXHY59C3",
	"slug": "admin",
	"name": "Admin",
	"description": "Can manage all resources",
	"type": "EnvironmentRole",
	"resource_type_slug": "organization",
	"permissions": ["posts:read", "posts:write"],
	"created_at": "2026-01-15T12:00:00.000Z",
	"updated_at": "2026-01-15T13:00:00.000Z"
}`

func roleAssert(t *testing.T, r Role) {
	t.Helper()
	assert.Equal(t, "role", r.Object)
	assert.Equal(t, "role_01EHQMYV6MBK39QC5PZXHY59C3", r.ID)
	assert.Equal(t, "admin", r.Slug)
	assert.Equal(t, "Admin", r.Name)
	assert.Equal(t, String("Can manage all resources"), r.Description)
	assert.Equal(t, RoleTypeEnvironment, r.Type)
	assert.Equal(t, "organization", r.ResourceTypeSlug)
	assert.Equal(t, []string{"posts:read", "posts:write"}, r.Permissions)
	assert.True(t, mustParseTime(t, "2026-01-15T12:00:00Z").Equal(r.CreatedAt))
	assert.True(t, mustParseTime(t, "2026-01-15T13:00:00Z").Equal(r.UpdatedAt))
}

func TestListRoles_AndListOrganizationRoles_DecodeEveryRole(t *testing.T) {
	custom := `{"object":"role","id":"role_02","slug":"org-billing-admin","name":"Billing Manager","description":null,
		"type":"OrganizationRole","resource_type_slug":"organization","permissions":[],"created_at":"2026-01-15T12:00:00Z","updated_at":"2026-01-15T12:00:00Z"}`
	for _, tc := range []struct {
		name, path string
		list       func(c *Client) (*RoleList, error)
	}{
		{"environment", "/authorization/roles", func(c *Client) (*RoleList, error) {
			return c.Authorization.ListRoles(context.Background())
		}},
		{"organization", "/authorization/organizations/org_01EHZNVPK3SFK441A1RGBFSHRT/roles", func(c *Client) (*RoleList, error) {
			return c.Authorization.ListOrganizationRoles(context.Background(), "org_01EHZNVPK3SFK441A1RGBFSHRT")
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, sent := newRecordingClient(t, cannedReply{200, `{"object":"list","data":[` + roleJSON + `,` + custom + `]}`})
			list, err := tc.list(c)
			require.NoError(t, err)
			assertRequest(t, onlyRequest(t, sent), "GET", tc.path, "", "")
			assert.Equal(t, "list", list.Object)
			require.Len(t, list.Data, 2)
			roleAssert(t, list.Data[0])
			assert.Equal(t, "org-billing-admin", list.Data[1].Slug)
			assert.Equal(t, RoleTypeOrganization, list.Data[1].Type)
			assert.Nil(t, list.Data[1].Description)
			assert.Equal(t, []string{}, list.Data[1].Permissions)
			assertResponseMeta(t, list.LastResponse, 200)
		})
	}
}

func TestGetRole_AndGetOrganizationRole_EscapeSlugsAndDecode(t *testing.T) {
	for _, tc := range []struct {
		name, path string
		get        func(c *Client) (*Role, error)
	}{
		{"environment", "/authorization/roles/admin%2Fx", func(c *Client) (*Role, error) {
			return c.Authorization.GetRole(context.Background(), "admin/x")
		}},
		{"organization", "/authorization/organizations/org_01EHZNVPK3SFK441A1RGBFSHRT/roles/admin", func(c *Client) (*Role, error) {
			return c.Authorization.GetOrganizationRole(context.Background(), "org_01EHZNVPK3SFK441A1RGBFSHRT", "admin")
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, sent := newRecordingClient(t, cannedReply{200, roleJSON})
			r, err := tc.get(c)
			require.NoError(t, err)
			assertRequest(t, onlyRequest(t, sent), "GET", tc.path, "", "")
			roleAssert(t, *r)
			assertResponseMeta(t, r.LastResponse, 200)
		})
	}
}

func TestGetOrganizationRole_UnknownSlugMatchesErrNotFound(t *testing.T) {
	c, _ := newRecordingClient(t, cannedReply{404, `{"message":"Role not found."}`})
	r, err := c.Authorization.GetOrganizationRole(context.Background(), "org_1", "ghost")
	assert.Nil(t, r)
	assertAPIError(t, err, ErrNotFound, 404, "", "Role not found.")
}

func TestRole_UnknownTypeStillDecodes(t *testing.T) {
	c, _ := newRecordingClient(t, cannedReply{200, `{"object":"role","id":"role_1","slug":"x","name":"X","description":null,"type":"ResourceRole",
		"resource_type_slug":"document","permissions":["doc:read"],"created_at":"2026-01-15T12:00:00Z","updated_at":"2026-01-15T12:00:00Z"}`})
	r, err := c.Authorization.GetRole(context.Background(), "x")
	require.NoError(t, err)
	assert.Equal(t, RoleType("ResourceRole"), r.Type)
	assert.Equal(t, "document", r.ResourceTypeSlug)
}
