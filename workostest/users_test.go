package workostest_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/kestrel-dev/workos/workostest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestUserLifecycleCreateGetUpdateDelete(t *testing.T) {
	t.Parallel()
	srv := workostest.NewServer(t)
	created := fakeExpect(t, 201, fakeAPI(t, srv, "POST", "/user_management/users", map[string]any{
		"email": "ada@example.com", "first_name": "Ada", "last_name": nil, "external_id": "ext-1",
		"metadata": map[string]any{"plan": "pro", "tier": "1"}, "password": "correct horse",
	}))
	id := created.str(t, "id")
	assert.Regexp(t, `^user_01[0-9A-Z]{24}$`, id)
	assert.Equal(t, "user", created.Body["object"])
	assert.Equal(t, "ada@example.com", created.Body["email"])
	assert.Equal(t, "Ada", created.Body["first_name"])
	assert.Nil(t, created.Body["last_name"])
	assert.Contains(t, created.Body, "last_name", "nullable required fields are sent as null")
	assert.Nil(t, created.Body["profile_picture_url"])
	assert.Contains(t, created.Body, "profile_picture_url")
	assert.Nil(t, created.Body["last_sign_in_at"])
	assert.Equal(t, false, created.Body["email_verified"])
	assert.Equal(t, "ext-1", created.Body["external_id"])
	assert.Equal(t, map[string]any{"plan": "pro", "tier": "1"}, created.Body["metadata"])
	_, err := time.Parse(time.RFC3339, created.str(t, "created_at"))
	require.NoError(t, err)
	assert.NotContains(t, string(created.Raw), "correct horse", "the password never comes back")

	got := fakeExpect(t, 200, fakeAPI(t, srv, "GET", "/user_management/users/"+id, nil))
	assert.JSONEq(t, string(created.Raw), string(got.Raw))
	byExt := fakeExpect(t, 200, fakeAPI(t, srv, "GET", "/user_management/users/external_id/ext-1", nil))
	assert.Equal(t, id, byExt.Body["id"])

	updated := fakeExpect(t, 200, fakeAPI(t, srv, "PUT", "/user_management/users/"+id, map[string]any{
		"last_name": "Lovelace", "metadata": map[string]any{"plan": nil, "seats": "5"}, "password": "new password 1",
		"external_id": nil, "locale": "en-GB",
	}))
	assert.Equal(t, "Lovelace", updated.Body["last_name"])
	assert.Equal(t, map[string]any{"tier": "1", "seats": "5"}, updated.Body["metadata"], "null deletes a key, others merge")
	assert.Nil(t, updated.Body["external_id"])
	assert.Equal(t, "en-GB", updated.Body["locale"])
	fakeExpect(t, 404, fakeAPI(t, srv, "GET", "/user_management/users/external_id/ext-1", nil))

	fakeExpect(t, 400, fakeAuth(t, srv, map[string]any{"grant_type": "password", "email": "ada@example.com", "password": "correct horse"}))
	fakeExpect(t, 200, fakeAuth(t, srv, map[string]any{"grant_type": "password", "email": "ada@example.com", "password": "new password 1"}))

	del := fakeExpect(t, 200, fakeAPI(t, srv, "DELETE", "/user_management/users/"+id, nil))
	assert.Empty(t, del.Raw)
	gone := fakeExpect(t, 404, fakeAPI(t, srv, "GET", "/user_management/users/"+id, nil))
	assert.Equal(t, map[string]any{"message": "User not found"}, gone.Body)
}

func TestCreateUserRejectsDuplicateEmailWithUserCreationError(t *testing.T) {
	t.Parallel()
	srv := workostest.NewServer(t)
	fakeSignUp(t, srv, "dup@example.com", false)
	r := fakeExpect(t, 400, fakeAPI(t, srv, "POST", "/user_management/users", map[string]any{"email": "DUP@example.com"}))
	assert.JSONEq(t, `{"code":"user_creation_error","message":"Could not create user.",
		"errors":[{"code":"email_not_available","message":"This email is not available."}]}`, string(r.Raw))

	other := fakeSignUp(t, srv, "other@example.com", false)
	r = fakeExpect(t, 400, fakeAPI(t, srv, "PUT", "/user_management/users/"+other, map[string]any{"email": "dup@example.com"}))
	assert.Equal(t, "email_not_available", r.Body["code"])
}

func TestCreateUserValidation(t *testing.T) {
	t.Parallel()
	srv := workostest.NewServer(t)
	cases := []struct {
		name   string
		body   map[string]any
		status int
		code   string
	}{
		{"missing email", map[string]any{}, 422, "invalid_request_parameters"},
		{"bad email", map[string]any{"email": "nope"}, 422, "invalid_request_parameters"},
		{"weak password", map[string]any{"email": "a@example.com", "password": "short"}, 400, "password_strength_error"},
		{"password and hash", map[string]any{"email": "a@example.com", "password": "long enough", "password_hash": "x", "password_hash_type": "bcrypt"}, 400, "password_and_password_hash_provided"},
		{"salt without hash", map[string]any{"email": "a@example.com", "password_salt_position": "prefix"}, 400, "password_salt_position_requires_password_hash"},
		{"too many metadata keys", map[string]any{"email": "a@example.com", "metadata": manyKeys(51)}, 400, "invalid_metadata"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := fakeExpect(t, tc.status, fakeAPI(t, srv, "POST", "/user_management/users", tc.body))
			assert.Equal(t, tc.code, r.Body["code"])
			assert.NotEmpty(t, r.Body["message"])
		})
	}
}

func manyKeys(n int) map[string]any {
	m := map[string]any{}
	for i := range n {
		m[string(rune('a'+i%26))+string(rune('a'+i/26))] = "v"
	}
	return m
}

func TestEndpointsNeedTheAPIKey(t *testing.T) {
	t.Parallel()
	srv := workostest.NewServer(t)
	r := fakeExpect(t, 401, fakeCall(t, srv, "GET", "/user_management/users", nil, false))
	assert.Equal(t, map[string]any{"message": "Unauthorized"}, r.Body)
	fakeExpect(t, 200, fakeCall(t, srv, "GET", "/sso/jwks/"+srv.ClientID(), nil, false))
	fakeExpect(t, 404, fakeAPI(t, srv, "GET", "/user_management/nothing_here", nil))
	fakeExpect(t, 405, fakeAPI(t, srv, "PATCH", "/user_management/users", nil))
}

func TestListUsersFiltersByEmailAndOrganization(t *testing.T) {
	t.Parallel()
	srv := workostest.NewServer(t)
	org := srv.CreateOrganization("Acme")
	a := srv.CreateUser(workostest.NewUser{Email: "a@example.com"})
	srv.CreateUser(workostest.NewUser{Email: "b@example.com"})
	srv.AddMembership(a.ID, org.ID, workostest.StatusActive, "admin")

	byEmail := fakeExpect(t, 200, fakeAPI(t, srv, "GET", "/user_management/users"+fakeQuery("email", "B@example.com"), nil))
	data := byEmail.Body["data"].([]any)
	require.Len(t, data, 1)
	assert.Equal(t, "b@example.com", data[0].(map[string]any)["email"])
	assert.Equal(t, map[string]any{"before": nil, "after": nil}, byEmail.Body["list_metadata"])

	byOrg := fakeExpect(t, 200, fakeAPI(t, srv, "GET", "/user_management/users"+fakeQuery("organization_id", org.ID), nil))
	data = byOrg.Body["data"].([]any)
	require.Len(t, data, 1)
	assert.Equal(t, a.ID, data[0].(map[string]any)["id"])
}

// TestListUsersOrganizationFilterKeepsMembersInEveryStatus pins the
// organization filter after it was rewritten to collect members in one
// pass: members in any status are listed, members of other organizations
// and non-members are not, with either query parameter name.
func TestListUsersOrganizationFilterKeepsMembersInEveryStatus(t *testing.T) {
	t.Parallel()
	srv := workostest.NewServer(t)
	org := srv.CreateOrganization("Acme")
	other := srv.CreateOrganization("Other")
	var want []any
	for i, status := range []string{workostest.StatusActive, workostest.StatusInactive, workostest.StatusPending} {
		u := srv.CreateUser(workostest.NewUser{Email: fmt.Sprintf("m%d@example.com", i)})
		srv.AddMembership(u.ID, org.ID, status)
		want = append(want, u.ID)
	}
	elsewhere := srv.CreateUser(workostest.NewUser{Email: "elsewhere@example.com"})
	srv.AddMembership(elsewhere.ID, other.ID, workostest.StatusActive)
	srv.CreateUser(workostest.NewUser{Email: "nobody@example.com"})

	for _, param := range []string{"organization_id", "organization"} {
		r := fakeExpect(t, 200, fakeAPI(t, srv, "GET", "/user_management/users"+fakeQuery(param, org.ID, "order", "asc"), nil))
		var got []any
		for _, d := range r.Body["data"].([]any) {
			got = append(got, d.(map[string]any)["id"])
		}
		assert.Equal(t, want, got, param)
	}
}
