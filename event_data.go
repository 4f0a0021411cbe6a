package workos

import (
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"time"
)

// ErrEventTypeMismatch is matched, with errors.Is, by the *EventTypeError an
// Event accessor returns for an event of another family.
var ErrEventTypeMismatch = errors.New("workos: event is of another type")

// EventTypeError is returned by an Event accessor (User, Session, ...)
// called on an event of another family: reading a session.created event
// with User, say. It matches ErrEventTypeMismatch.
type EventTypeError struct {
	// Want is the family the accessor reads, such as "user".
	Want string
	// Got is the event's actual type.
	Got EventType
}

func (e *EventTypeError) Error() string {
	return fmt.Sprintf("workos: event %q is not a %s.* event", e.Got, e.Want)
}

// Is makes errors.Is(err, ErrEventTypeMismatch) true.
func (e *EventTypeError) Is(target error) bool { return target == ErrEventTypeMismatch }

// eventData decodes e.Data into a T after checking that e belongs to
// family. A payload that does not decode fails with a *DecodeError.
func eventData[T any](e *Event, family string) (*T, error) {
	if e.Event.Family() != family {
		return nil, &EventTypeError{Want: family, Got: e.Event}
	}
	var out T
	if err := json.Unmarshal(e.Data, &out); err != nil {
		return nil, &DecodeError{Err: fmt.Errorf("%s data: %w", e.Event, err)}
	}
	return &out, nil
}

// User reads the data of a user.* event: the user as it was after the
// change (for user.deleted, just before it was deleted).
func (e *Event) User() (*User, error) { return eventData[User](e, "user") }

// Session reads the data of a session.* event: the session that started or
// was revoked.
func (e *Event) Session() (*Session, error) { return eventData[Session](e, "session") }

// OrganizationMembership reads the data of an organization_membership.*
// event. The payload carries the membership's IDs, status and role; its
// User is empty unless WorkOS includes it.
func (e *Event) OrganizationMembership() (*OrganizationMembership, error) {
	return eventData[OrganizationMembership](e, "organization_membership")
}

// Invitation reads the data of an invitation.* event. Event payloads carry
// no invitation token or accept URL.
func (e *Event) Invitation() (*Invitation, error) { return eventData[Invitation](e, "invitation") }

// EmailVerification reads the data of an email_verification.* event. The
// payload carries no code.
func (e *Event) EmailVerification() (*EmailVerification, error) {
	return eventData[EmailVerification](e, "email_verification")
}

// MagicAuth reads the data of a magic_auth.* event. The payload carries no
// code.
func (e *Event) MagicAuth() (*MagicAuth, error) { return eventData[MagicAuth](e, "magic_auth") }

// PasswordReset reads the data of a password_reset.* event. The payload
// carries no reset token.
func (e *Event) PasswordReset() (*PasswordReset, error) {
	return eventData[PasswordReset](e, "password_reset")
}

// Authentication reads the data of an authentication.* event: one sign-in
// attempt, its method and outcome.
func (e *Event) Authentication() (*AuthenticationEvent, error) {
	return eventData[AuthenticationEvent](e, "authentication")
}

// Organization reads the data of an organization.* event: the
// organization as it was after the change (for organization.deleted, just
// before it was deleted).
func (e *Event) Organization() (*Organization, error) {
	return eventData[Organization](e, "organization")
}

// OrganizationDomain reads the data of an organization_domain.* event: the
// domain, with its verification state.
func (e *Event) OrganizationDomain() (*OrganizationDomain, error) {
	return eventData[OrganizationDomain](e, "organization_domain")
}

// AuthenticationEvent is the data of an authentication.* event: one
// sign-in step that succeeded or failed.
type AuthenticationEvent struct {
	// Type is the method tried, such as "password", "sso" or "mfa".
	Type string `json:"type,omitempty"`
	// Status is "succeeded", "failed", "started" or "timed_out".
	Status string `json:"status,omitempty"`
	// IPAddress is the address the attempt came from, nil if unknown.
	IPAddress *string `json:"ip_address"`
	// UserAgent is the client's user agent, nil if unknown.
	UserAgent *string `json:"user_agent"`
	// UserID is the user, nil when the attempt matched no user.
	UserID *string `json:"user_id"`
	// Email is the address tried, nil if unknown.
	Email *string `json:"email"`
	// Error says why a failed attempt failed.
	Error *AuthenticationEventError `json:"error,omitempty"`
	// AuthMethod is the method a Radar risk was detected on
	// (authentication.radar_risk_detected only).
	AuthMethod string `json:"auth_method,omitempty"`
	// Action is "signup" or "login" (authentication.radar_risk_detected
	// only).
	Action string `json:"action,omitempty"`
	// Control is what Radar did, such as "block"
	// (authentication.radar_risk_detected only).
	Control *string `json:"control,omitempty"`
	// BlocklistType is the blocklist that matched, such as "ip"
	// (authentication.radar_risk_detected only).
	BlocklistType *string `json:"blocklist_type,omitempty"`
}

// AuthenticationEventError is why an authentication attempt failed.
type AuthenticationEventError struct {
	// Code is the machine-readable reason, such as "invalid_credentials".
	Code string `json:"code"`
	// Message is the human-readable reason.
	Message string `json:"message"`
}

func (e Event) logFields() []logField {
	return []logField{{"id", e.ID}, {"event", string(e.Event)}, {"created_at", e.CreatedAt.Format(time.RFC3339Nano)}}
}

// String describes the event by ID, type and time, leaving out Data, which
// holds personal data.
func (e Event) String() string { return describe("Event", e.logFields()...) }

// GoString is String, so %#v leaves out Data too.
func (e Event) GoString() string { return e.String() }

// LogValue logs the event's ID, type and time without its Data.
func (e Event) LogValue() slog.Value { return logGroup(e.logFields()...) }
