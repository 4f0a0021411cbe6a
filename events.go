package workos

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"time"
)

// EventsService is the Events API: the environment's log of what happened
// (users created, sessions started, memberships changed, ...), kept by
// WorkOS so an application can sync its own database. Reach it as
// client.Events. The same Event values arrive by webhook; see
// ConstructWebhookEvent.
type EventsService struct {
	client *Client
}

// EventType names what happened, such as "user.created". Types the SDK does
// not list (WorkOS adds new ones) still decode and can be used as filters.
type EventType string

// User Management event types. Every family has a typed accessor on
// Event: User, Session, OrganizationMembership, Invitation,
// EmailVerification, MagicAuth, PasswordReset, Authentication, Organization
// and OrganizationDomain.
const (
	EventUserCreated EventType = "user.created"
	EventUserUpdated EventType = "user.updated"
	EventUserDeleted EventType = "user.deleted"

	EventSessionCreated EventType = "session.created"
	EventSessionRevoked EventType = "session.revoked"

	EventOrganizationMembershipCreated EventType = "organization_membership.created"
	EventOrganizationMembershipUpdated EventType = "organization_membership.updated"
	EventOrganizationMembershipDeleted EventType = "organization_membership.deleted"

	EventInvitationCreated  EventType = "invitation.created"
	EventInvitationAccepted EventType = "invitation.accepted"
	EventInvitationResent   EventType = "invitation.resent"
	EventInvitationRevoked  EventType = "invitation.revoked"

	EventEmailVerificationCreated EventType = "email_verification.created"
	EventMagicAuthCreated         EventType = "magic_auth.created"
	EventPasswordResetCreated     EventType = "password_reset.created"
	EventPasswordResetSucceeded   EventType = "password_reset.succeeded"

	EventAuthenticationEmailVerificationFailed    EventType = "authentication.email_verification_failed"
	EventAuthenticationEmailVerificationSucceeded EventType = "authentication.email_verification_succeeded"
	EventAuthenticationMagicAuthFailed            EventType = "authentication.magic_auth_failed"
	EventAuthenticationMagicAuthSucceeded         EventType = "authentication.magic_auth_succeeded"
	EventAuthenticationMFAFailed                  EventType = "authentication.mfa_failed"
	EventAuthenticationMFASucceeded               EventType = "authentication.mfa_succeeded"
	EventAuthenticationOAuthFailed                EventType = "authentication.oauth_failed"
	EventAuthenticationOAuthSucceeded             EventType = "authentication.oauth_succeeded"
	EventAuthenticationPasskeyFailed              EventType = "authentication.passkey_failed"
	EventAuthenticationPasskeySucceeded           EventType = "authentication.passkey_succeeded"
	EventAuthenticationPasswordFailed             EventType = "authentication.password_failed"
	EventAuthenticationPasswordSucceeded          EventType = "authentication.password_succeeded"
	EventAuthenticationRadarRiskDetected          EventType = "authentication.radar_risk_detected"
	EventAuthenticationReauthenticationSucceeded  EventType = "authentication.reauthentication_succeeded"
	EventAuthenticationSSOFailed                  EventType = "authentication.sso_failed"
	EventAuthenticationSSOStarted                 EventType = "authentication.sso_started"
	EventAuthenticationSSOSucceeded               EventType = "authentication.sso_succeeded"
	EventAuthenticationSSOTimedOut                EventType = "authentication.sso_timed_out"

	EventOrganizationCreated EventType = "organization.created"
	EventOrganizationUpdated EventType = "organization.updated"
	EventOrganizationDeleted EventType = "organization.deleted"

	EventOrganizationDomainCreated            EventType = "organization_domain.created"
	EventOrganizationDomainUpdated            EventType = "organization_domain.updated"
	EventOrganizationDomainDeleted            EventType = "organization_domain.deleted"
	EventOrganizationDomainVerified           EventType = "organization_domain.verified"
	EventOrganizationDomainVerificationFailed EventType = "organization_domain.verification_failed"
)

// Family is the part of the type before its last dot, such as "user" for
// "user.created" or "organization_domain" for
// "organization_domain.verified": the kind of object in the event's Data.
func (t EventType) Family() string {
	i := strings.LastIndexByte(string(t), '.')
	if i < 0 {
		return string(t)
	}
	return string(t[:i])
}

// Event is one thing that happened in the environment, as listed by
// ListEvents or delivered by webhook. Data is kept as the raw JSON the API
// sent; read it through the accessor for the event's family (User,
// Session, ...), which refuses an event of another family. An event of a
// type the SDK does not know still decodes, with its Data intact.
//
// Data holds personal data, so String, GoString and LogValue show only the
// ID, type and time.
type Event struct {
	// Object is "event".
	Object string `json:"object"`
	// ID is the event's ID, "event_...". Stored after processing, it is
	// the After cursor to resume ListEvents from.
	ID string `json:"id"`
	// Event is the type of what happened.
	Event EventType `json:"event"`
	// Data is the event's payload: for most types, the object concerned
	// as it was just after the change.
	Data json.RawMessage `json:"data"`
	// CreatedAt is when the event happened.
	CreatedAt time.Time `json:"created_at"`
	// Context holds who caused the event and, for updates, the previous
	// values of the changed attributes, when WorkOS sends them.
	Context EventContext `json:"context"`
}

// EventContext is the optional context of an event.
type EventContext struct {
	// Actor is who or what performed the action, when known.
	Actor *EventActor `json:"actor,omitempty"`
	// PreviousAttributes holds, for an update, the attributes that changed
	// with their old values, by wire name.
	PreviousAttributes map[string]any `json:"previous_attributes,omitempty"`
	// ClientID is the client the event is associated with.
	ClientID string `json:"client_id,omitempty"`
	// AJSAnonymousID is the analytics anonymous ID of the browser, when
	// known.
	AJSAnonymousID string `json:"ajs_anonymous_id,omitempty"`
	// GoogleAnalyticsClientID is the Google Analytics client ID, when
	// known.
	GoogleAnalyticsClientID string `json:"google_analytics_client_id,omitempty"`
	// GoogleAnalyticsSessions are the Google Analytics sessions tied to the
	// event.
	GoogleAnalyticsSessions []GoogleAnalyticsSession `json:"google_analytics_sessions,omitempty"`
}

// EventActorSource says where an event's action came from. Unknown values
// decode as-is.
type EventActorSource string

// Actor sources the API reports.
const (
	EventActorSourceAPI         EventActorSource = "api"
	EventActorSourceDashboard   EventActorSource = "dashboard"
	EventActorSourceAdminPortal EventActorSource = "admin_portal"
	EventActorSourceSystem      EventActorSource = "system"
)

// EventActor is who performed the action an event records.
type EventActor struct {
	// ID identifies the actor, such as a user ID.
	ID string `json:"id"`
	// Source is how the actor acted: the API, the dashboard, the Admin
	// Portal or WorkOS itself.
	Source EventActorSource `json:"source"`
	// Name is the actor's name, nil when unknown.
	Name *string `json:"name"`
}

// GoogleAnalyticsSession is one Google Analytics session tied to an event.
type GoogleAnalyticsSession struct {
	// ContainerID is the tag manager container, such as "GTM-ABCDEF".
	ContainerID string `json:"containerId"`
	// SessionID is the session's ID.
	SessionID string `json:"sessionId,omitempty"`
	// SessionNumber counts the visitor's sessions.
	SessionNumber string `json:"sessionNumber,omitempty"`
}

// ListEventsParams filters ListEvents.
//
// To sync, set Order to OrderAsc and After to the ID of the last event
// already processed (empty the first time): All then yields every newer
// event, oldest first, and the last ID it yields is the next After.
//
// The events list returns only an after cursor, so Pages and All page
// forward only: with Before set, or with OrderNormal (whose backward
// direction is its before cursor), they stop after the first page.
type ListEventsParams struct {
	ListParams
	// Events keeps only events of these types; empty means all.
	Events []EventType `url:"events,comma,omitempty"`
	// OrganizationID keeps only events of this organization.
	OrganizationID string `url:"organization_id,omitempty"`
	// RangeStart keeps only events created after this time; zero means no
	// bound.
	RangeStart time.Time `url:"range_start,omitempty" layout:"2006-01-02T15:04:05.000Z07:00"`
	// RangeEnd keeps only events created before this time; zero means no
	// bound.
	RangeEnd time.Time `url:"range_end,omitempty" layout:"2006-01-02T15:04:05.000Z07:00"`
}

func (p *ListEventsParams) validate() error {
	if err := checkNoBlank(p.Events, "Events", "type"); err != nil {
		return err
	}
	if !p.RangeStart.IsZero() && !p.RangeEnd.IsZero() && p.RangeEnd.Before(p.RangeStart) {
		return invalidParams("RangeEnd must not be before RangeStart")
	}
	return nil
}

// ListEvents lists the environment's events with the given filters, newest
// first unless Order says otherwise. Nothing is sent until the List's Page,
// Pages or All is called.
//
// WorkOS keeps events for a limited time (30 days at the time of writing),
// so a sync loop should run more often than that; see ListEventsParams for
// resuming from a stored cursor.
func (s *EventsService) ListEvents(ctx context.Context, params ListEventsParams, opts ...Option) *List[Event] {
	return newList[Event](ctx, s.client, call{method: http.MethodGet, path: "/events"}, params, params.validate(), opts)
}
