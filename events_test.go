package workos

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const eventsPage = `{
  "object": "list",
  "data": [
    {
      "object": "event",
      "id": "event_01EHZNVPK3SFK441A1RGBFSHRT",
      "event": "user.updated",
      "data": {"object": "user", "id": "user_01E4ZCR3C56J083X43JQXF3JK5", "email": "marcelina.davis@example.com",
               "email_verified": true, "first_name": "Marcelina", "last_name": "Davis", "profile_picture_url": null,
               "external_id": null, "last_sign_in_at": null, "metadata": {"plan": "pro"},
               "created_at": "2026-01-15T12:00:00.000Z", "updated_at": "2026-01-16T12:00:00.000Z"},
      "created_at": "2026-01-16T12:00:00.123Z",
      "context": {
        "actor": {"id": "user_01EHWNCE74X7JSDV0X3SZ3KJNY", "source": "dashboard", "name": "Jane Doe"},
        "previous_attributes": {"first_name": "Marce"},
        "client_id": "client_01EHWNCE74X7JSDV0X3SZ3KJNY",
        "ajs_anonymous_id": "ajs_anon_01",
        "google_analytics_client_id": "GA1.2.1234567890.1234567890",
        "google_analytics_sessions": [{"containerId": "GTM-ABCDEF", "sessionId": "1234567890", "sessionNumber": "1"}]
      }
    },
    {
      "object": "event",
      "id": "event_01EHZNVPK3SFK441A1RGBFSHRU",
      "event": "some.future_event",
      "data": {"anything": [1, 2, 3]},
      "created_at": "2026-01-16T12:00:01.000Z"
    }
  ],
  "list_metadata": {"after": "event_01EHZNVPK3SFK441A1RGBFSHRU"}
}`

func TestListEvents_SendsEveryFilterAndDecodesEveryField(t *testing.T) {
	c, sent := newRecordingClient(t, cannedReply{http.StatusOK, eventsPage})
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	end := time.Date(2026, 1, 31, 23, 59, 59, 500e6, time.FixedZone("CET", 3600))
	page, err := c.Events.ListEvents(context.Background(), ListEventsParams{
		ListParams:     ListParams{After: "event_01", Limit: 50, Order: OrderAsc},
		Events:         []EventType{EventUserCreated, EventUserUpdated, "dsync.user.created"},
		OrganizationID: "org_01EHQMYV6MBK39QC5PZXHY59C3",
		RangeStart:     start, RangeEnd: end,
	}).Page()
	require.NoError(t, err)

	assertRequest(t, onlyRequest(t, sent), http.MethodGet, "/events",
		"after=event_01&events=user.created,user.updated,dsync.user.created&limit=50&order=asc"+
			"&organization_id=org_01EHQMYV6MBK39QC5PZXHY59C3&range_end=2026-01-31T23%3A59%3A59.500%2B01%3A00"+
			"&range_start=2026-01-01T00%3A00%3A00.000Z", "")
	assertResponseMeta(t, page.LastResponse, http.StatusOK)
	require.NotNil(t, page.ListMetadata.After)
	assert.Equal(t, "event_01EHZNVPK3SFK441A1RGBFSHRU", *page.ListMetadata.After)
	require.Len(t, page.Data, 2)

	ev := page.Data[0]
	assert.Equal(t, "event", ev.Object)
	assert.Equal(t, "event_01EHZNVPK3SFK441A1RGBFSHRT", ev.ID)
	assert.Equal(t, EventUserUpdated, ev.Event)
	assert.Equal(t, mustParseTime(t, "2026-01-16T12:00:00.123Z"), ev.CreatedAt)
	require.NotNil(t, ev.Context.Actor)
	assert.Equal(t, EventActor{ID: "user_01EHWNCE74X7JSDV0X3SZ3KJNY", Source: EventActorSourceDashboard, Name: String("Jane Doe")}, *ev.Context.Actor)
	assert.Equal(t, map[string]any{"first_name": "Marce"}, ev.Context.PreviousAttributes)
	assert.Equal(t, "client_01EHWNCE74X7JSDV0X3SZ3KJNY", ev.Context.ClientID)
	assert.Equal(t, "ajs_anon_01", ev.Context.AJSAnonymousID)
	assert.Equal(t, "GA1.2.1234567890.1234567890", ev.Context.GoogleAnalyticsClientID)
	assert.Equal(t, []GoogleAnalyticsSession{{ContainerID: "GTM-ABCDEF", SessionID: "1234567890", SessionNumber: "1"}}, ev.Context.GoogleAnalyticsSessions)
	u, err := ev.User()
	require.NoError(t, err)
	assert.Equal(t, "user_01E4ZCR3C56J083X43JQXF3JK5", u.ID)
	assert.Equal(t, "Marcelina", *u.FirstName)
	assert.Equal(t, map[string]string{"plan": "pro"}, u.Metadata)
	assert.Nil(t, u.LastResponse, "a user read from an event has no reply of its own")

	future := page.Data[1]
	assert.Equal(t, EventType("some.future_event"), future.Event)
	assert.JSONEq(t, `{"anything": [1, 2, 3]}`, string(future.Data))
	assert.Equal(t, EventContext{}, future.Context)
	_, err = future.User()
	assert.ErrorIs(t, err, ErrEventTypeMismatch)
}

func TestListEvents_ReencodingKeepsEveryField(t *testing.T) {
	var page Page[Event]
	require.NoError(t, json.Unmarshal([]byte(eventsPage), &page))
	out, err := json.Marshal(page.Data[0])
	require.NoError(t, err)
	var want struct{ Data []json.RawMessage }
	require.NoError(t, json.Unmarshal([]byte(eventsPage), &want))
	assert.JSONEq(t, string(want.Data[0]), string(out))
}

func TestListEvents_RefusesBadFiltersWithoutSending(t *testing.T) {
	day := time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)
	cases := []struct {
		name   string
		params ListEventsParams
		msg    string
	}{
		{"empty type", ListEventsParams{Events: []EventType{EventUserCreated, " "}}, "Events must not hold an empty type"},
		{"range backwards", ListEventsParams{RangeStart: day, RangeEnd: day.Add(-time.Second)}, "RangeEnd must not be before RangeStart"},
		{"both cursors", ListEventsParams{ListParams: ListParams{Before: "event_1", After: "event_2"}}, "set Before or After, not both"},
		{"limit", ListEventsParams{ListParams: ListParams{Limit: 101}}, "Limit must be between 1 and 100, got 101"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, sent := newRecordingClient(t, cannedReply{http.StatusOK, eventsPage})
			_, err := c.Events.ListEvents(context.Background(), tc.params).Page()
			assert.ErrorIs(t, err, ErrInvalidParams)
			assert.ErrorContains(t, err, tc.msg)
			assert.Empty(t, sent())
		})
	}
}

func TestListEvents_AllResumesFromAfterAndFollowsCursors(t *testing.T) {
	replies := []string{
		`{"object":"list","data":[{"object":"event","id":"event_2","event":"user.created","data":{},"created_at":"2026-01-01T00:00:02Z"}],"list_metadata":{"after":"event_2"}}`,
		`{"object":"list","data":[{"object":"event","id":"event_3","event":"user.deleted","data":{},"created_at":"2026-01-01T00:00:03Z"}],"list_metadata":{"after":null}}`,
	}
	var queries []string
	mt := httpmock.NewMockTransport()
	mt.RegisterNoResponder(func(r *http.Request) (*http.Response, error) {
		queries = append(queries, r.URL.RawQuery)
		return httpmock.NewStringResponse(http.StatusOK, replies[len(queries)-1]), nil
	})
	c := clientWithTransport(t, mt)
	var ids []string
	for ev, err := range c.Events.ListEvents(context.Background(), ListEventsParams{
		ListParams: ListParams{After: "event_1", Order: OrderAsc}, Events: []EventType{EventUserCreated, EventUserDeleted}}).All() {
		require.NoError(t, err)
		ids = append(ids, ev.ID)
	}
	assert.Equal(t, []string{"event_2", "event_3"}, ids)
	assert.Equal(t, []string{
		"after=event_1&events=user.created,user.deleted&limit=100&order=asc",
		"after=event_2&events=user.created,user.deleted&limit=100&order=asc",
	}, queries)
}

func TestEventAccessors_DecodeTheirFamilyAndRefuseOthers(t *testing.T) {
	data := map[string]string{
		"user":                    `{"object":"user","id":"user_1","email":"a@example.com"}`,
		"session":                 `{"object":"session","id":"session_1","user_id":"user_1","auth_method":"password","status":"active"}`,
		"organization_membership": `{"object":"organization_membership","id":"om_1","user_id":"user_1","organization_id":"org_1","status":"active","role":{"slug":"member"}}`,
		"invitation":              `{"object":"invitation","id":"invitation_1","email":"a@example.com","state":"pending"}`,
		"email_verification":      `{"object":"email_verification","id":"email_verification_1","user_id":"user_1","email":"a@example.com"}`,
		"magic_auth":              `{"object":"magic_auth","id":"magic_auth_1","user_id":"user_1","email":"a@example.com"}`,
		"password_reset":          `{"object":"password_reset","id":"password_reset_1","user_id":"user_1","email":"a@example.com"}`,
		"organization":            `{"object":"organization","id":"org_1","name":"Acme","domains":[{"object":"organization_domain","id":"org_domain_1","domain":"acme.com","state":"verified"}]}`,
		"organization_domain":     `{"object":"organization_domain","id":"org_domain_1","organization_id":"org_1","domain":"acme.com","state":"verified"}`,
		"authentication":          `{"type":"password","status":"failed","ip_address":"203.0.113.42","user_agent":null,"user_id":null,"email":"a@example.com","error":{"code":"invalid_credentials","message":"Bad password."}}`,
	}
	accessors := []struct {
		family string
		typ    EventType
		read   func(*Event) (string, error)
	}{
		{"user", EventUserCreated, func(e *Event) (string, error) {
			v, err := e.User()
			return idOrEmpty(v, err, func() string { return v.ID })
		}},
		{"session", EventSessionRevoked, func(e *Event) (string, error) {
			v, err := e.Session()
			return idOrEmpty(v, err, func() string { return v.ID })
		}},
		{"organization_membership", EventOrganizationMembershipUpdated, func(e *Event) (string, error) {
			v, err := e.OrganizationMembership()
			return idOrEmpty(v, err, func() string { return v.ID + "/" + v.Role.Slug })
		}},
		{"invitation", EventInvitationAccepted, func(e *Event) (string, error) {
			v, err := e.Invitation()
			return idOrEmpty(v, err, func() string { return v.ID })
		}},
		{"email_verification", EventEmailVerificationCreated, func(e *Event) (string, error) {
			v, err := e.EmailVerification()
			return idOrEmpty(v, err, func() string { return v.ID })
		}},
		{"magic_auth", EventMagicAuthCreated, func(e *Event) (string, error) {
			v, err := e.MagicAuth()
			return idOrEmpty(v, err, func() string { return v.ID })
		}},
		{"password_reset", EventPasswordResetSucceeded, func(e *Event) (string, error) {
			v, err := e.PasswordReset()
			return idOrEmpty(v, err, func() string { return v.ID })
		}},
		{"organization", EventOrganizationUpdated, func(e *Event) (string, error) {
			v, err := e.Organization()
			return idOrEmpty(v, err, func() string { return v.ID + "/" + v.Domains[0].Domain })
		}},
		{"organization_domain", EventOrganizationDomainVerified, func(e *Event) (string, error) {
			v, err := e.OrganizationDomain()
			return idOrEmpty(v, err, func() string { return v.ID + "/" + string(v.State) })
		}},
		{"authentication", EventAuthenticationPasswordFailed, func(e *Event) (string, error) {
			v, err := e.Authentication()
			return idOrEmpty(v, err, func() string { return v.Type + "/" + v.Status + "/" + *v.IPAddress + "/" + v.Error.Code })
		}},
	}
	want := map[string]string{
		"user": "user_1", "session": "session_1", "organization_membership": "om_1/member", "invitation": "invitation_1",
		"email_verification": "email_verification_1", "magic_auth": "magic_auth_1", "password_reset": "password_reset_1",
		"organization": "org_1/acme.com", "organization_domain": "org_domain_1/verified",
		"authentication": "password/failed/203.0.113.42/invalid_credentials",
	}
	for _, a := range accessors {
		t.Run(a.family, func(t *testing.T) {
			got, err := a.read(&Event{Event: a.typ, Data: json.RawMessage(data[a.family])})
			require.NoError(t, err)
			assert.Equal(t, want[a.family], got)

			// The same family under a type the SDK does not list yet.
			_, err = a.read(&Event{Event: EventType(a.family + ".archived"), Data: json.RawMessage(data[a.family])})
			assert.NoError(t, err, "a new type of a known family still reads")

			other := EventUserCreated
			if a.family == "user" {
				other = EventSessionCreated
			}
			_, err = a.read(&Event{Event: other, Data: json.RawMessage(data[string(other.Family())])})
			var mismatch *EventTypeError
			require.ErrorAs(t, err, &mismatch)
			assert.ErrorIs(t, err, ErrEventTypeMismatch)
			assert.Equal(t, EventTypeError{Want: a.family, Got: other}, *mismatch)
			assert.Equal(t, fmt.Sprintf("workos: event %q is not a %s.* event", other, a.family), err.Error())
		})
	}
}

func idOrEmpty[T any](v *T, err error, id func() string) (string, error) {
	if err != nil {
		return "", err
	}
	return id(), nil
}

func TestEventAccessors_MalformedDataIsADecodeError(t *testing.T) {
	ev := &Event{Event: EventUserCreated, Data: json.RawMessage(`{"id": 42}`)}
	_, err := ev.User()
	var dec *DecodeError
	require.ErrorAs(t, err, &dec)
	assert.ErrorContains(t, err, "user.created data")
}

func TestEventType_FamilyIsThePartBeforeTheLastDot(t *testing.T) {
	for typ, family := range map[EventType]string{
		EventUserCreated: "user",
		EventOrganizationDomainVerificationFailed: "organization_domain",
		"dsync.user.created":                      "dsync.user",
		"nodot":                                   "nodot",
	} {
		assert.Equal(t, family, typ.Family(), string(typ))
	}
}

func TestEvent_PrintsAndLogsWithoutData(t *testing.T) {
	ev := Event{ID: "event_1", Event: EventUserCreated, Data: json.RawMessage(`{"email":"secret-person@example.com"}`),
		CreatedAt: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}
	want := "Event{id: event_1, event: user.created, created_at: 2026-01-02T03:04:05Z}"
	for _, s := range []string{fmt.Sprint(ev), fmt.Sprintf("%+v", ev), fmt.Sprintf("%#v", ev), fmt.Sprint(&ev)} {
		assert.Equal(t, want, s)
	}
	var buf strings.Builder
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("got", "event", ev)
	assert.Contains(t, buf.String(), `"event":{"id":"event_1","event":"user.created","created_at":"2026-01-02T03:04:05Z"}`)
	assert.NotContains(t, buf.String(), "secret-person")
}

func TestListEvents_AllPagesForwardOnly(t *testing.T) {
	for _, lp := range []ListParams{{Before: "event_9"}, {Order: OrderNormal}} {
		c, sent := newRecordingClient(t, cannedReply{http.StatusOK, eventsPage})
		n := 0
		for _, err := range c.Events.ListEvents(context.Background(), ListEventsParams{ListParams: lp}).All() {
			require.NoError(t, err)
			n++
		}
		assert.Equal(t, 2, n, "%+v", lp)
		assert.Len(t, sent(), 1, "no before cursor comes back, so paging backward stops after one page: %+v", lp)
	}
}
