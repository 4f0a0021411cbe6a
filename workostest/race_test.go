package workostest_test

import (
	"fmt"
	"sync"
	"testing"

	"github.com/kestrel-dev/workos/workostest"
	"github.com/stretchr/testify/assert"
)

// TestConcurrentClientsShareOneServer runs 32 clients against one server at
// once; with -race it proves the server's state is properly guarded.
func TestConcurrentClientsShareOneServer(t *testing.T) {
	t.Parallel()
	srv := workostest.NewServer(t)
	org := srv.CreateOrganization("Shared")
	const clients = 32
	var wg sync.WaitGroup
	for i := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			email := fmt.Sprintf("c%02d@example.com", i)
			r := fakeAPI(t, srv, "POST", "/user_management/users", map[string]any{"email": email, "password": "correct horse"})
			if !assert.Equal(t, 201, r.Status, "%s", r.Raw) {
				return
			}
			id := r.Body["id"].(string)
			assert.Equal(t, 201, fakeAPI(t, srv, "POST", "/user_management/organization_memberships",
				map[string]any{"user_id": id, "organization_id": org.ID}).Status)
			a := fakeAuth(t, srv, map[string]any{"grant_type": "password", "email": email, "password": "correct horse"})
			if !assert.Equal(t, 200, a.Status, "%s", a.Raw) {
				return
			}
			assert.Equal(t, org.ID, a.Body["organization_id"])
			rf := fakeAuth(t, srv, map[string]any{"grant_type": "refresh_token", "refresh_token": a.Body["refresh_token"]})
			assert.Equal(t, 200, rf.Status)
			assert.Equal(t, 200, fakeAPI(t, srv, "GET", "/user_management/users?limit=5&order=asc", nil).Status)
			assert.Equal(t, 200, fakeAPI(t, srv, "GET", "/user_management/organization_memberships?organization_id="+org.ID, nil).Status)
			assert.Equal(t, 201, fakeAPI(t, srv, "POST", "/user_management/magic_auth", map[string]any{"email": email}).Status)
			mail, ok := srv.LastEmail(email)
			assert.True(t, ok)
			assert.Equal(t, workostest.EmailMagicAuth, mail.Kind)
			srv.CreateOrganization(email)
			_ = srv.Sessions(id)
			_ = srv.Now()
			if i%8 == 0 {
				srv.FailNext("GET", "/user_management/nothing/*", 1, 503, 0)
			}
		}()
	}
	wg.Wait()
	r := fakeExpect(t, 200, fakeAPI(t, srv, "GET", "/user_management/organization_memberships?limit=100&organization_id="+org.ID, nil))
	assert.Len(t, r.Body["data"], clients)
}
