package workos

import (
	"bytes"
	"encoding/json"
	"time"
)

// Timestamp is a time the API sends as a plain string: the spec types
// created_at and updated_at of JWTTemplate, RedirectURI, ConnectedAccount
// and DataProvider as strings with no date-time format. WorkOS sends
// RFC 3339 there, but a value in another shape must not fail the whole
// reply (or a whole page), so Raw always keeps the string as sent and Time
// holds it parsed when it is RFC 3339.
//
// Fields the spec types as date-time use time.Time directly.
type Timestamp struct {
	// Raw is the value exactly as the API sent it; empty when it was null
	// or absent.
	Raw string
	// Time is Raw parsed as RFC 3339, or the zero time when Valid is false.
	Time time.Time
	// Valid reports whether Raw parsed as RFC 3339 into Time.
	Valid bool
}

// String returns Raw, the value as the API sent it.
func (t Timestamp) String() string { return t.Raw }

// UnmarshalJSON keeps any JSON value: a string is kept in Raw and parsed
// when it is RFC 3339, null leaves the Timestamp empty, and any other value
// is kept verbatim in Raw. It never fails, so one odd value cannot fail a
// reply.
func (t *Timestamp) UnmarshalJSON(b []byte) error {
	*t = Timestamp{}
	b = bytes.TrimSpace(b)
	if string(b) == "null" {
		return nil
	}
	if json.Unmarshal(b, &t.Raw) != nil {
		t.Raw = string(b)
		return nil
	}
	if tm, err := time.Parse(time.RFC3339Nano, t.Raw); err == nil {
		t.Time, t.Valid = tm, true
	}
	return nil
}

// MarshalJSON writes Raw back as a JSON string (Time in RFC 3339 when Raw
// is empty but Valid is set), and null for an empty Timestamp.
func (t Timestamp) MarshalJSON() ([]byte, error) {
	switch {
	case t.Raw != "":
		return json.Marshal(t.Raw)
	case t.Valid:
		return json.Marshal(t.Time.Format(time.RFC3339Nano))
	}
	return []byte("null"), nil
}
