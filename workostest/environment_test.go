package workostest_test

import (
	"time"

	"testing"

	"github.com/kestrel-dev/workos/workostest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAuthorizedApplicationsAreListedAndDeletedByIDOrClientID(t *testing.T) {
	srv := workostest.NewServer(t)
	ada := srv.CreateUser(workostest.NewUser{Email: "ada@example.com"})
	bob := srv.CreateUser(workostest.NewUser{Email: "bob@example.com"})
	cli := srv.AddAuthorizedApplication(ada.ID, "CLI", "openid", "profile")
	mcp := srv.AddAuthorizedApplication(ada.ID, "MCP server")
	base := "/user_management/users/" + ada.ID + "/authorized_applications"

	list := fakeExpect(t, 200, fakeAPI(t, srv, "GET", base+"?order=asc", nil))
	data := list.Body["data"].([]any)
	require.Len(t, data, 2)
	first := data[0].(map[string]any)
	assert.Equal(t, "authorized_connect_application", first["object"])
	assert.Equal(t, []any{"openid", "profile"}, first["granted_scopes"])
	app := first["application"].(map[string]any)
	assert.Equal(t, cli, app["id"])
	assert.Equal(t, "CLI", app["name"])
	assert.Equal(t, "oauth", app["application_type"])
	assert.Equal(t, []any{}, data[1].(map[string]any)["granted_scopes"], "no scopes is an empty list, not null")

	// Another user's grant, and an unknown ID, are not found.
	e := fakeExpect(t, 404, fakeAPI(t, srv, "DELETE", "/user_management/users/"+bob.ID+"/authorized_applications/"+cli, nil))
	assert.Equal(t, "Authorized application not found", e.str(t, "message"))
	fakeExpect(t, 404, fakeAPI(t, srv, "DELETE", base+"/conn_app_01NOSUCHAPP00000000000000", nil))

	fakeExpect(t, 204, fakeAPI(t, srv, "DELETE", base+"/"+cli, nil))
	clientID := fakeExpect(t, 200, fakeAPI(t, srv, "GET", base, nil)).Body["data"].([]any)[0].(map[string]any)["application"].(map[string]any)["client_id"].(string)
	fakeExpect(t, 204, fakeAPI(t, srv, "DELETE", base+"/"+clientID, nil))
	fakeExpect(t, 404, fakeAPI(t, srv, "DELETE", base+"/"+mcp, nil)) // deleted already by its client ID
	assert.Empty(t, fakeExpect(t, 200, fakeAPI(t, srv, "GET", base, nil)).Body["data"])
}

func TestRadarSMSChallengeNeedsTheUsersPendingToken(t *testing.T) {
	srv := workostest.NewServer(t)
	ada := srv.CreateUser(workostest.NewUser{Email: "ada@example.com"})
	bob := srv.CreateUser(workostest.NewUser{Email: "bob@example.com"})
	pending := srv.PendingAuthenticationToken(ada.ID)
	send := func(userID, token string) fakeReply {
		return fakeAPI(t, srv, "POST", "/user_management/radar_challenges",
			map[string]any{"user_id": userID, "pending_authentication_token": token, "phone_number": "+15555550100"})
	}

	for name, r := range map[string]fakeReply{
		"an unknown token":     send(ada.ID, "pending_unknown"),
		"another user's token": send(bob.ID, pending),
	} {
		e := fakeExpect(t, 400, r)
		assert.Equal(t, "invalid_pending_authentication_token", e.str(t, "code"), name)
	}
	ok := fakeExpect(t, 201, send(ada.ID, pending))
	assert.Regexp(t, `^radar_verification_01`, ok.str(t, "verification_id"))
	assert.Equal(t, "+15555550100", ok.str(t, "phone_number"))

	srv.Advance(11 * time.Minute)
	e := fakeExpect(t, 400, send(ada.ID, pending))
	assert.Equal(t, "invalid_pending_authentication_token", e.str(t, "code"), "expired")
}
