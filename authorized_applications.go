package workos

import (
	"context"
	"net/http"
	"time"
)

// ConnectApplicationType is the kind of a Connect application. Unknown
// values decode as-is.
type ConnectApplicationType string

// Connect application types.
const (
	// ConnectApplicationTypeOAuth is an application users sign in to with
	// OAuth; it has redirect URIs.
	ConnectApplicationTypeOAuth ConnectApplicationType = "oauth"
	// ConnectApplicationTypeM2M is a machine-to-machine application owned
	// by an organization.
	ConnectApplicationTypeM2M ConnectApplicationType = "m2m"
)

// AuthorizedConnectApplication is a Connect application a user has granted
// access to their account, with the scopes they granted.
type AuthorizedConnectApplication struct {
	// Object is "authorized_connect_application".
	Object string `json:"object"`
	// ID is the grant's ID.
	ID string `json:"id"`
	// GrantedScopes are the scopes the user granted the application.
	GrantedScopes []string `json:"granted_scopes"`
	// OAuthResource is the OAuth resource the grant is for, empty when none
	// was requested.
	OAuthResource string `json:"oauth_resource,omitempty"`
	// Application is the application that holds the grant.
	Application ConnectApplication `json:"application"`
}

// ConnectApplication is an application registered with WorkOS Connect. The
// API returns one of two shapes, told apart by ApplicationType; fields that
// belong to only one shape are pointers or empty in the other.
type ConnectApplication struct {
	// Object is "connect_application".
	Object string `json:"object"`
	// ID is the application's ID.
	ID string `json:"id"`
	// ClientID is the application's OAuth client ID.
	ClientID string `json:"client_id"`
	// Description is nil when the application has none.
	Description *string `json:"description"`
	// Name is the application's display name.
	Name string `json:"name"`
	// Scopes are the scopes the application may ask for.
	Scopes []string `json:"scopes"`
	// CreatedAt is when the application was registered.
	CreatedAt time.Time `json:"created_at"`
	// UpdatedAt is when the application last changed.
	UpdatedAt time.Time `json:"updated_at"`
	// ApplicationType says which of the two shapes this is.
	ApplicationType ConnectApplicationType `json:"application_type"`
	// RedirectURIs are an OAuth application's callback URIs; nil for M2M.
	RedirectURIs []ConnectApplicationRedirectURI `json:"redirect_uris,omitzero"`
	// UsesPKCE reports whether an OAuth application uses PKCE; nil for M2M.
	UsesPKCE *bool `json:"uses_pkce,omitempty"`
	// IsFirstParty reports whether an OAuth application is the
	// environment's own; nil for M2M.
	IsFirstParty *bool `json:"is_first_party,omitempty"`
	// WasDynamicallyRegistered reports whether a third-party OAuth
	// application registered itself; nil when the API leaves it out.
	WasDynamicallyRegistered *bool `json:"was_dynamically_registered,omitempty"`
	// OrganizationID is the organization that owns an M2M application or a
	// statically registered third-party OAuth application; empty otherwise.
	OrganizationID string `json:"organization_id,omitempty"`
}

// ConnectApplicationRedirectURI is one callback URI of an OAuth Connect
// application.
type ConnectApplicationRedirectURI struct {
	// URI is the callback URI.
	URI string `json:"uri"`
	// Default reports whether it is used when a request names none.
	Default bool `json:"default"`
}

// ListUserAuthorizedApplicationsParams pages through
// ListUserAuthorizedApplications.
type ListUserAuthorizedApplicationsParams struct {
	ListParams
}

// ListUserAuthorizedApplications lists the Connect applications the user
// userID has authorized, with the scopes each was granted. Nothing is sent
// until the List's Page, Pages or All is called.
func (s *UserManagementService) ListUserAuthorizedApplications(ctx context.Context, userID string, params ListUserAuthorizedApplicationsParams, opts ...Option) *List[AuthorizedConnectApplication] {
	return newList[AuthorizedConnectApplication](ctx, s.client, call{method: http.MethodGet, path: "/user_management/users/{user_id}/authorized_applications", params: []string{userID}}, params, checkUserID(userID), opts)
}

// DeleteUserAuthorizedApplication withdraws the user's authorization of a
// Connect application: the application loses access to the account until
// the user authorizes it again.
func (s *UserManagementService) DeleteUserAuthorizedApplication(ctx context.Context, userID, applicationID string, opts ...Option) (*Response, error) {
	return s.client.do(ctx, call{method: http.MethodDelete, path: "/user_management/users/{user_id}/authorized_applications/{application_id}", params: []string{userID, applicationID}}, nil, opts)
}
