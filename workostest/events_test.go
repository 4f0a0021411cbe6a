package workostest_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kestrel-dev/workos"
	"github.com/kestrel-dev/workos/workostest"
)

// eventTypes lists the types of srv's events from index from on.
func eventTypes(srv *workostest.Server, from int) []string {
	var out []string
	for _, e := range srv.Events()[from:] {
		out = append(out, e.Event)
	}
	return out
}

// step runs one mutation and checks the events it recorded, in order.
func step(t *testing.T, srv *workostest.Server, want []string, do func()) {
	t.Helper()
	before := len(srv.Events())
	do()
	assert.Equal(t, want, eventTypes(srv, before))
}

func TestEvents_RecordedForEveryMutation(t *testing.T) {
	t.Parallel()
	srv := workostest.NewServer(t)
	var org workostest.Organization
	step(t, srv, []string{"organization.created"}, func() { org = srv.CreateOrganization("Acme") })
	var uid string
	step(t, srv, []string{"user.created"}, func() { uid = fakeSignUp(t, srv, "ada@example.com", false) })
	step(t, srv, []string{"user.updated"}, func() {
		fakeExpect(t, 200, fakeAPI(t, srv, "PUT", "/user_management/users/"+uid, map[string]any{"first_name": "Ada"}))
	})
	var om string
	step(t, srv, []string{"organization_membership.created"}, func() {
		om = fakeExpect(t, 201, fakeAPI(t, srv, "POST", "/user_management/organization_memberships",
			map[string]any{"user_id": uid, "organization_id": org.ID})).str(t, "id")
	})
	step(t, srv, []string{"organization_membership.updated", "organization_membership.updated", "organization_membership.updated"}, func() {
		fakeExpect(t, 200, fakeAPI(t, srv, "PUT", "/user_management/organization_memberships/"+om, map[string]any{"role_slug": "admin"}))
		fakeExpect(t, 200, fakeAPI(t, srv, "PUT", "/user_management/organization_memberships/"+om+"/deactivate", nil))
		fakeExpect(t, 200, fakeAPI(t, srv, "PUT", "/user_management/organization_memberships/"+om+"/reactivate", nil))
	})
	step(t, srv, []string{"invitation.created", "invitation.resent", "invitation.revoked"}, func() {
		inv := fakeExpect(t, 201, fakeAPI(t, srv, "POST", "/user_management/invitations", map[string]any{"email": "bob@example.com"})).str(t, "id")
		fakeExpect(t, 200, fakeAPI(t, srv, "POST", "/user_management/invitations/"+inv+"/resend", nil))
		fakeExpect(t, 200, fakeAPI(t, srv, "POST", "/user_management/invitations/"+inv+"/revoke", nil))
	})
	step(t, srv, []string{"invitation.created", "user.created", "invitation.accepted", "organization_membership.created"}, func() {
		inv := fakeExpect(t, 201, fakeAPI(t, srv, "POST", "/user_management/invitations",
			map[string]any{"email": "cy@example.com", "organization_id": org.ID})).str(t, "id")
		fakeExpect(t, 200, fakeAPI(t, srv, "POST", "/user_management/invitations/"+inv+"/accept", nil))
	})
	step(t, srv, []string{"email_verification.created", "user.updated"}, func() {
		fakeExpect(t, 200, fakeAPI(t, srv, "POST", "/user_management/users/"+uid+"/email_verification/send", nil))
		mail, _ := srv.LastEmail("ada@example.com")
		fakeExpect(t, 200, fakeAPI(t, srv, "POST", "/user_management/users/"+uid+"/email_verification/confirm", map[string]any{"code": mail.Code}))
	})
	step(t, srv, []string{"password_reset.created", "password_reset.succeeded", "user.updated"}, func() {
		fakeExpect(t, 201, fakeAPI(t, srv, "POST", "/user_management/password_reset", map[string]any{"email": "ada@example.com"}))
		mail, _ := srv.LastEmail("ada@example.com")
		fakeExpect(t, 200, fakeAPI(t, srv, "POST", "/user_management/password_reset/confirm", map[string]any{"token": mail.Token, "new_password": "new horse battery"}))
	})
	step(t, srv, []string{"magic_auth.created", "authentication.magic_auth_failed"}, func() {
		fakeExpect(t, 201, fakeAPI(t, srv, "POST", "/user_management/magic_auth", map[string]any{"email": "ada@example.com"}))
		fakeExpect(t, 400, fakeAuth(t, srv, map[string]any{"grant_type": "urn:workos:oauth:grant-type:magic-auth:code", "email": "ada@example.com", "code": "000000x"}))
	})
	var sid string
	step(t, srv, []string{"authentication.password_failed", "authentication.password_succeeded", "session.created", "session.revoked"}, func() {
		fakeExpect(t, 400, fakeAuth(t, srv, map[string]any{"grant_type": "password", "email": "ada@example.com", "password": "wrong horse"}))
		res := fakeExpect(t, 200, fakeAuth(t, srv, map[string]any{"grant_type": "password", "email": "ada@example.com", "password": "new horse battery"}))
		sid = srv.Sessions(res.obj(t, "user")["id"].(string))[0].ID
		fakeExpect(t, 200, fakeAPI(t, srv, "POST", "/user_management/sessions/revoke", map[string]any{"session_id": sid}))
	})
	step(t, srv, []string{"organization_membership.deleted"}, func() {
		fakeExpect(t, 200, fakeAPI(t, srv, "DELETE", "/user_management/organization_memberships/"+om, nil))
	})
	step(t, srv, []string{"authentication.password_succeeded", "session.created", "session.revoked", "user.deleted"}, func() {
		srv.SignIn(uid, "")
		fakeExpect(t, 200, fakeAPI(t, srv, "DELETE", "/user_management/users/"+uid, nil))
	})

	for _, e := range srv.Events() {
		assert.Regexp(t, `^event_01[0-9A-Z]{24}$`, e.ID)
		var data map[string]any
		require.NoError(t, json.Unmarshal(e.Data, &data))
		for _, secret := range []string{"code", "token", "password_reset_token", "accept_invitation_url", "password_reset_url"} {
			assert.NotContains(t, data, secret, "%s data carries no one-time secret", e.Event)
		}
	}
}

// eventIDs lists the IDs of a /events page.
func eventIDs(t *testing.T, r fakeReply) []string {
	t.Helper()
	var ids []string
	for _, d := range r.Body["data"].([]any) {
		ids = append(ids, d.(map[string]any)["id"].(string))
	}
	return ids
}

func TestListEvents_FiltersByTypeOrganizationAndRange(t *testing.T) {
	t.Parallel()
	srv := workostest.NewServer(t)
	start := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	srv.SetNow(start)
	acme := srv.CreateOrganization("Acme")
	globex := srv.CreateOrganization("Globex")
	srv.Advance(time.Minute)
	ada := srv.CreateUser(workostest.NewUser{Email: "ada@example.com"})
	srv.AddMembership(ada.ID, acme.ID, workostest.StatusActive)
	srv.Advance(time.Minute)
	bob := srv.CreateUser(workostest.NewUser{Email: "bob@example.com"})
	srv.AddMembership(bob.ID, globex.ID, workostest.StatusActive)
	all := srv.Events()
	require.Len(t, all, 6)

	page := fakeExpect(t, 200, fakeAPI(t, srv, "GET", "/events"+fakeQuery("order", "asc", "limit", "100"), nil))
	assert.Equal(t, "list", page.Body["object"])
	first := page.Body["data"].([]any)[0].(map[string]any)
	assert.Equal(t, map[string]any{"object": "event", "id": all[0].ID, "event": "organization.created", "created_at": "2026-03-01T12:00:00.000Z",
		"context": map[string]any{}, "data": first["data"]}, first)
	assert.Equal(t, acme.ID, first["data"].(map[string]any)["id"])

	cases := []struct {
		name  string
		query string
		want  []string
	}{
		{"one type", fakeQuery("events", "user.created", "order", "asc"), []string{all[2].ID, all[4].ID}},
		{"types comma-separated", fakeQuery("events", "organization.created,user.created", "order", "asc"),
			[]string{all[0].ID, all[1].ID, all[2].ID, all[4].ID}},
		{"organization", fakeQuery("organization_id", acme.ID, "order", "asc"), []string{all[0].ID, all[3].ID}},
		{"range start is exclusive", fakeQuery("range_start", "2026-03-01T12:01:00Z", "order", "asc"), []string{all[4].ID, all[5].ID}},
		{"range end is exclusive", fakeQuery("range_end", "2026-03-01T12:01:00.000Z", "order", "asc"), []string{all[0].ID, all[1].ID}},
		{"default order is newest first", fakeQuery("events", "user.created"), []string{all[4].ID, all[2].ID}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := fakeExpect(t, 200, fakeAPI(t, srv, "GET", "/events"+tc.query, nil))
			assert.Equal(t, tc.want, eventIDs(t, r))
		})
	}

	unknown := fakeExpect(t, 400, fakeAPI(t, srv, "GET", "/events"+fakeQuery("organization_id", "org_01NOSUCHORG00000000000000"), nil))
	assert.Equal(t, "Organization not found: 'org_01NOSUCHORG00000000000000'.", unknown.Body["message"])
	bad := fakeExpect(t, 422, fakeAPI(t, srv, "GET", "/events"+fakeQuery("range_start", "yesterday"), nil))
	assert.Equal(t, "range_start must be an ISO-8601 date.", bad.Body["message"])
	fakeExpect(t, 401, fakeCall(t, srv, "GET", "/events", nil, false))
}

func TestListEvents_AfterCursorReadsOnlyNewerEvents(t *testing.T) {
	t.Parallel()
	srv := workostest.NewServer(t)
	for _, email := range []string{"a@example.com", "b@example.com", "c@example.com"} {
		srv.CreateUser(workostest.NewUser{Email: email})
	}
	p1 := fakeExpect(t, 200, fakeAPI(t, srv, "GET", "/events"+fakeQuery("order", "asc", "limit", "2"), nil))
	ids := eventIDs(t, p1)
	require.Len(t, ids, 2)
	after := p1.obj(t, "list_metadata")["after"].(string)
	assert.Equal(t, ids[1], after)
	p2 := fakeExpect(t, 200, fakeAPI(t, srv, "GET", "/events"+fakeQuery("order", "asc", "after", after), nil))
	last := eventIDs(t, p2)
	require.Len(t, last, 1)
	assert.Nil(t, p2.obj(t, "list_metadata")["after"])

	// Polling from the last event seen: nothing, then only what is new.
	empty := fakeExpect(t, 200, fakeAPI(t, srv, "GET", "/events"+fakeQuery("order", "asc", "after", last[0]), nil))
	assert.Empty(t, empty.Body["data"])
	srv.CreateUser(workostest.NewUser{Email: "d@example.com"})
	fresh := fakeExpect(t, 200, fakeAPI(t, srv, "GET", "/events"+fakeQuery("order", "asc", "after", last[0]), nil))
	assert.Equal(t, []string{srv.Events()[3].ID}, eventIDs(t, fresh))
}

// webhookSink is an endpoint built on the SDK's WebhookHandler that keeps
// the events it verified.
type webhookSink struct {
	mu     sync.Mutex
	events []*workos.Event
}

func (s *webhookSink) received() []*workos.Event {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]*workos.Event(nil), s.events...)
}

func newWebhookEndpoint(t *testing.T, secret string) (*httptest.Server, *webhookSink) {
	sink := &webhookSink{}
	ts := httptest.NewServer(workos.WebhookHandler(secret, func(_ context.Context, ev *workos.Event) error {
		sink.mu.Lock()
		defer sink.mu.Unlock()
		sink.events = append(sink.events, ev)
		return nil
	}))
	t.Cleanup(ts.Close)
	return ts, sink
}

func TestSendWebhooksTo_DeliversEveryEventSignedLikeWorkOS(t *testing.T) {
	t.Parallel()
	srv := workostest.NewServer(t)
	srv.CreateUser(workostest.NewUser{Email: "before@example.com"}) // before delivery was set up: not sent
	ts, sink := newWebhookEndpoint(t, "whsec_test")
	srv.SendWebhooksTo(ts.URL, "whsec_test")
	ada := srv.CreateUser(workostest.NewUser{Email: "ada@example.com"})
	org := srv.CreateOrganization("Acme")
	srv.AddMembership(ada.ID, org.ID, workostest.StatusActive)
	srv.FlushWebhooks()

	got := sink.received()
	require.Len(t, got, 3)
	recorded := srv.Events()[1:]
	for i, ev := range got {
		assert.Equal(t, recorded[i].ID, ev.ID)
		assert.Equal(t, workos.EventType(recorded[i].Event), ev.Event)
		assert.JSONEq(t, string(recorded[i].Data), string(ev.Data))
	}
	u, err := got[0].User()
	require.NoError(t, err)
	assert.Equal(t, ada.ID, u.ID)
	m, err := got[2].OrganizationMembership()
	require.NoError(t, err)
	assert.Equal(t, org.ID, m.OrganizationID)
	for _, d := range srv.WebhookDeliveries() {
		assert.Equal(t, http.StatusOK, d.Status, d.Event)
		assert.NoError(t, d.Err)
	}
}

func TestSendWebhooksTo_AnEndpointWithAnotherSecretRefusesEveryDelivery(t *testing.T) {
	t.Parallel()
	srv := workostest.NewServer(t)
	ts, sink := newWebhookEndpoint(t, "the endpoint's secret")
	srv.SendWebhooksTo(ts.URL, "another secret")
	srv.CreateUser(workostest.NewUser{Email: "ada@example.com"})
	srv.FlushWebhooks()
	assert.Empty(t, sink.received())
	ds := srv.WebhookDeliveries()
	require.Len(t, ds, 1)
	assert.Equal(t, workostest.WebhookDelivery{EventID: srv.Events()[0].ID, Event: "user.created", Status: http.StatusBadRequest}, ds[0])
}

func TestSendWebhooksTo_BodyIsTheListedEventJSON(t *testing.T) {
	t.Parallel()
	srv := workostest.NewServer(t)
	bodies := make(chan []byte, 1)
	headers := make(chan http.Header, 1)
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var raw json.RawMessage
		_ = json.NewDecoder(r.Body).Decode(&raw)
		bodies <- raw
		headers <- r.Header.Clone()
	}))
	t.Cleanup(ts.Close)
	srv.SendWebhooksTo(ts.URL, "whsec")
	srv.CreateUser(workostest.NewUser{Email: "ada@example.com"})
	srv.FlushWebhooks()
	body, h := <-bodies, <-headers
	listed := fakeExpect(t, 200, fakeAPI(t, srv, "GET", "/events", nil))
	want, err := json.Marshal(listed.Body["data"].([]any)[0])
	require.NoError(t, err)
	assert.JSONEq(t, string(want), string(body))
	assert.Equal(t, "application/json", h.Get("Content-Type"))
	assert.True(t, strings.HasPrefix(h.Get("WorkOS-Signature"), "t="), h.Get("WorkOS-Signature"))
	assert.NoError(t, workos.VerifyWebhookHeader(body, h.Get("WorkOS-Signature"), "whsec"))
}

func TestSendWebhooksTo_ConcurrentMutationsAreEachDeliveredOnceInOrder(t *testing.T) {
	t.Parallel()
	srv := workostest.NewServer(t)
	ts, sink := newWebhookEndpoint(t, "whsec")
	srv.SendWebhooksTo(ts.URL, "whsec")
	client := srv.Client()
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range 5 {
				_, err := client.UserManagement.CreateUser(context.Background(), workos.CreateUserParams{
					Email: "u" + string(rune('a'+i)) + string(rune('a'+j)) + "@example.com"})
				assert.NoError(t, err)
			}
		}()
	}
	wg.Wait()
	srv.FlushWebhooks()
	recorded := srv.Events()
	got := sink.received()
	require.Len(t, recorded, 40)
	require.Len(t, got, 40)
	for i := range got {
		assert.Equal(t, recorded[i].ID, got[i].ID, "delivered in the order recorded")
	}
}

func TestEvents_RecordedForOrganizationsAndDomains(t *testing.T) {
	t.Parallel()
	srv := workostest.NewServer(t)
	orgs := srv.Client().Organizations
	ctx := context.Background()
	var org *workos.Organization
	step(t, srv, []string{"organization.created", "organization_domain.created"}, func() {
		var err error
		org, err = orgs.CreateOrganization(ctx, workos.CreateOrganizationParams{Name: "Acme",
			DomainData: []workos.OrganizationDomainData{{Domain: "acme.com", State: workos.OrganizationDomainStatePending}}})
		require.NoError(t, err)
	})
	step(t, srv, []string{"organization_domain.verified"}, func() {
		_, err := orgs.VerifyOrganizationDomain(ctx, org.Domains[0].ID)
		require.NoError(t, err)
	})
	var extra *workos.OrganizationDomain
	step(t, srv, []string{"organization_domain.created", "organization_domain.deleted"}, func() {
		var err error
		extra, err = orgs.CreateOrganizationDomain(ctx, workos.CreateOrganizationDomainParams{OrganizationID: org.ID, Domain: "acme.org"})
		require.NoError(t, err)
		_, err = orgs.DeleteOrganizationDomain(ctx, extra.ID)
		require.NoError(t, err)
	})
	step(t, srv, []string{"organization.updated"}, func() {
		_, err := orgs.UpdateOrganization(ctx, org.ID, workos.UpdateOrganizationParams{Name: "Acme Corp"})
		require.NoError(t, err)
	})
	ada := srv.CreateUser(workostest.NewUser{Email: "ada@example.com"})
	srv.AddMembership(ada.ID, org.ID, workostest.StatusActive)
	step(t, srv, []string{"organization_domain.deleted", "organization_membership.deleted", "organization.deleted"}, func() {
		_, err := orgs.DeleteOrganization(ctx, org.ID)
		require.NoError(t, err)
	})

	events := srv.Events()
	var updated workos.Event
	require.NoError(t, json.Unmarshal(eventJSON(t, srv, events[5].ID), &updated))
	o, err := updated.Organization()
	require.NoError(t, err)
	assert.Equal(t, "Acme Corp", o.Name)
	assert.Equal(t, workos.OrganizationDomainStateVerified, o.Domains[0].State)
	var verified workos.Event
	require.NoError(t, json.Unmarshal(eventJSON(t, srv, events[2].ID), &verified))
	d, err := verified.OrganizationDomain()
	require.NoError(t, err)
	assert.Equal(t, "acme.com", d.Domain)
	assert.Equal(t, org.ID, d.OrganizationID)
}

// eventJSON returns the JSON of the event id as GET /events lists it.
func eventJSON(t *testing.T, srv *workostest.Server, id string) []byte {
	t.Helper()
	for _, d := range fakeExpect(t, 200, fakeAPI(t, srv, "GET", "/events"+fakeQuery("order", "asc", "limit", "100"), nil)).Body["data"].([]any) {
		if d.(map[string]any)["id"] == id {
			b, err := json.Marshal(d)
			require.NoError(t, err)
			return b
		}
	}
	t.Fatalf("event %s not listed", id)
	return nil
}
