package workostest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"
)

// eventRec is one recorded event. data is rendered when the event happens,
// so later changes to the object do not rewrite history.
type eventRec struct {
	id, event string
	orgID     string // the organization the event concerns, for the filter
	data      json.RawMessage
	createdAt time.Time
}

func (e *eventRec) getID() string { return e.id }

func (e *eventRec) json() map[string]any {
	return map[string]any{
		"object": "event", "id": e.id, "event": e.event, "data": e.data,
		"created_at": ts(e.createdAt), "context": map[string]any{},
	}
}

// eventOmits lists, by object type, the keys an event payload leaves out
// of the API's rendering of the object: one-time codes and tokens, which
// events never carry, and a membership's nested user.
var eventOmits = map[string][]string{
	"invitation":              {"token", "accept_invitation_url"},
	"magic_auth":              {"code"},
	"email_verification":      {"code"},
	"password_reset":          {"password_reset_token", "password_reset_url"},
	"organization_membership": {"user"},
}

// recordEvent records an event of type typ with data's JSON as payload
// (less the keys eventOmits names for its object) and queues it for
// webhook delivery. Every mutation of the fake calls it; callers hold s.mu.
func (s *Server) recordEvent(typ string, data any) {
	raw, err := json.Marshal(data)
	if err != nil {
		panic(fmt.Sprintf("workostest: rendering %s event: %v", typ, err))
	}
	var head struct {
		Object, ID     string
		OrganizationID string `json:"organization_id"`
	}
	_ = json.Unmarshal(raw, &head)
	if omit := eventOmits[head.Object]; len(omit) > 0 {
		var m map[string]json.RawMessage
		if json.Unmarshal(raw, &m) == nil {
			for _, k := range omit {
				delete(m, k)
			}
			raw, _ = json.Marshal(m)
		}
	}
	ev := &eventRec{id: s.newID("event"), event: typ, orgID: head.OrganizationID, data: raw, createdAt: s.now()}
	if head.Object == "organization" {
		ev.orgID = head.ID
	}
	s.st.events = append(s.st.events, ev)
	s.hooks.enqueue(ev)
}

// Event is a recorded event as seen through the test API.
type Event struct {
	// ID is the event's ID (event_...).
	ID string
	// Event is its type, such as "user.created".
	Event string
	// Data is its payload as listed by GET /events.
	Data json.RawMessage
}

// Events returns every event recorded so far, oldest first: one for each
// change the server made, through the API or the test helpers.
func (s *Server) Events() []Event {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Event, len(s.st.events))
	for i, e := range s.st.events {
		out[i] = Event{ID: e.id, Event: e.event, Data: slices.Clone(e.data)}
	}
	return out
}

// handleListEvents answers GET /events. The events filter takes a
// comma-separated list (the spec's form style) and may be repeated;
// range_start and range_end take RFC 3339 times and are exclusive. Its
// list_metadata carries only the after cursor, as the spec's EventList.
func (s *Server) handleListEvents(w http.ResponseWriter, r *http.Request, _ params) {
	q := r.URL.Query()
	var types []string
	for _, v := range append(q["events"], q["events[]"]...) {
		for t := range strings.SplitSeq(v, ",") {
			if t = strings.TrimSpace(t); t != "" {
				types = append(types, t)
			}
		}
	}
	start, ok := parseRange(w, q, "range_start")
	if !ok {
		return
	}
	end, ok := parseRange(w, q, "range_end")
	if !ok {
		return
	}
	org := q.Get("organization_id")
	s.mu.Lock()
	defer s.mu.Unlock()
	if org != "" && s.st.orgs[org] == nil {
		writeJSON(w, http.StatusBadRequest, map[string]any{"message": fmt.Sprintf("Organization not found: '%s'.", org)})
		return
	}
	var items []*eventRec
	for _, e := range s.st.events {
		switch {
		case len(types) > 0 && !slices.Contains(types, e.event):
		case org != "" && e.orgID != org:
		case !start.IsZero() && !e.createdAt.After(start):
		case !end.IsZero() && !e.createdAt.Before(end):
		default:
			items = append(items, e)
		}
	}
	p, ok := parsePage(w, r)
	if !ok {
		return
	}
	// The event list's list_metadata has only "after" (the spec's
	// EventList): events are read forward.
	env := buildPage(p, items, idOf[*eventRec], func(e *eventRec) any { return e.json() })
	writeJSON(w, http.StatusOK, map[string]any{"object": env.Object, "data": env.Data,
		"list_metadata": map[string]any{"after": env.ListMetadata.After}})
}

// parseRange reads an optional RFC 3339 time from q[key], answering 422
// when it does not parse.
func parseRange(w http.ResponseWriter, q map[string][]string, key string) (time.Time, bool) {
	v := ""
	if vs := q[key]; len(vs) > 0 {
		v = vs[0]
	}
	if v == "" {
		return time.Time{}, true
	}
	t, err := time.Parse(time.RFC3339Nano, v)
	if err != nil {
		invalidParams(w, "%s must be an ISO-8601 date.", key)
		return time.Time{}, false
	}
	return t, true
}

// authKind is the <kind> of the authentication.<kind>_<outcome> events
// for a sign-in's authentication_method.
func authKind(method string) string {
	switch method {
	case "Password", "":
		return "password"
	case "MagicAuth":
		return "magic_auth"
	case "SSO":
		return "sso"
	case "Passkey":
		return "passkey"
	}
	return "oauth"
}

// recordAuthentication records an authentication.<kind>_succeeded event,
// or authentication.<kind>_failed when errCode is set. u may be nil (no
// such user), then email names the address tried. Callers hold s.mu.
func (s *Server) recordAuthentication(kind string, si signIn, u *userRec, email, errCode, errMsg string) {
	data := map[string]any{"type": kind, "status": "succeeded", "ip_address": nilIfEmpty(si.ip), "user_agent": nilIfEmpty(si.ua),
		"user_id": nil, "email": nilIfEmpty(email)}
	if u != nil {
		data["user_id"], data["email"] = u.id, u.email
	}
	if errCode != "" {
		data["status"], data["error"] = "failed", map[string]string{"code": errCode, "message": errMsg}
	}
	s.recordEvent("authentication."+kind+"_"+data["status"].(string), data)
}

func nilIfEmpty(v string) *string {
	if v == "" {
		return nil
	}
	return &v
}
