package workos

import (
	"context"
	"net/http"
)

// DataProviderOwnership says who a provider's connections belong to.
// Unknown values decode as-is.
type DataProviderOwnership string

// Data provider ownerships.
const (
	DataProviderOwnershipUserlandUser DataProviderOwnership = "userland_user"
	DataProviderOwnershipOrganization DataProviderOwnership = "organization"
)

// DataProviders is the result of ListDataProviders: every provider of the
// environment, in one unpaginated list.
type DataProviders struct {
	// Object is "list".
	Object string `json:"object"`
	// Data holds the providers.
	Data []DataProvider `json:"data"`
	APIResource
}

// DataProvider is a third-party service (a Pipes data integration) users
// can connect, with the user's connection to it, if any.
//
// The spec types its timestamps as plain strings without the date-time
// format, so CreatedAt and UpdatedAt are Timestamps: the string as sent,
// and its time when it is RFC 3339 (as WorkOS sends it).
// The deprecated camelCase copies are kept verbatim as strings.
type DataProvider struct {
	// Object is "data_provider".
	Object string `json:"object"`
	// ID is the provider's ID, "data_integration_...".
	ID string `json:"id"`
	// Name is the provider's display name, such as "GitHub".
	Name string `json:"name"`
	// Description is nil when the provider has none.
	Description *string `json:"description"`
	// Slug names the provider in connected account calls, such as "github".
	Slug string `json:"slug"`
	// IntegrationType is the kind of integration, such as "github".
	IntegrationType string `json:"integration_type"`
	// CredentialsType is the kind of credentials it uses, such as "oauth2".
	CredentialsType string `json:"credentials_type"`
	// Scopes are the OAuth scopes it asks for, nil when not configured.
	Scopes []string `json:"scopes"`
	// AuthMethods are the ways a user can connect it.
	AuthMethods []ConnectedAccountAuthMethod `json:"auth_methods,omitzero"`
	// Ownership says whether connections belong to users or organizations.
	Ownership DataProviderOwnership `json:"ownership"`
	// CreatedAt is when the provider was configured.
	CreatedAt Timestamp `json:"created_at"`
	// UpdatedAt is when it last changed.
	UpdatedAt Timestamp `json:"updated_at"`
	// ConnectedAccount is the user's connection to the provider, nil when
	// they have none.
	ConnectedAccount *DataProviderConnectedAccount `json:"connected_account"`

	// DeprecatedIntegrationType is the camelCase copy of IntegrationType.
	//
	// Deprecated: use IntegrationType.
	DeprecatedIntegrationType string `json:"integrationType"`
	// DeprecatedCredentialsType is the camelCase copy of CredentialsType.
	//
	// Deprecated: use CredentialsType.
	DeprecatedCredentialsType string `json:"credentialsType"`
	// DeprecatedCreatedAt is the camelCase copy of CreatedAt, verbatim.
	//
	// Deprecated: use CreatedAt.
	DeprecatedCreatedAt string `json:"createdAt"`
	// DeprecatedUpdatedAt is the camelCase copy of UpdatedAt, verbatim.
	//
	// Deprecated: use UpdatedAt.
	DeprecatedUpdatedAt string `json:"updatedAt"`
}

// DataProviderConnectedAccount is a ConnectedAccount as nested in a
// DataProvider, where the API also sends deprecated camelCase copies of
// some fields.
type DataProviderConnectedAccount struct {
	ConnectedAccount

	// DeprecatedUserlandUserID is the camelCase copy of UserID.
	//
	// Deprecated: use UserID.
	DeprecatedUserlandUserID *string `json:"userlandUserId"`
	// DeprecatedOrganizationID is the camelCase copy of OrganizationID.
	//
	// Deprecated: use OrganizationID.
	DeprecatedOrganizationID *string `json:"organizationId"`
	// DeprecatedCreatedAt is the camelCase copy of CreatedAt, verbatim.
	//
	// Deprecated: use CreatedAt.
	DeprecatedCreatedAt string `json:"createdAt"`
	// DeprecatedUpdatedAt is the camelCase copy of UpdatedAt, verbatim.
	//
	// Deprecated: use UpdatedAt.
	DeprecatedUpdatedAt string `json:"updatedAt"`
}

// ListDataProvidersParams narrows ListDataProviders.
type ListDataProvidersParams struct {
	// OrganizationID keeps only connections scoped to this organization.
	OrganizationID string `url:"organization_id,omitempty"`
}

// ListDataProviders lists every data provider configured for the
// environment, each with the user userID's connection to it, if any. The
// list is not paginated.
func (s *UserManagementService) ListDataProviders(ctx context.Context, userID string, params ListDataProvidersParams, opts ...Option) (*DataProviders, error) {
	if err := checkUserID(userID); err != nil {
		return nil, err
	}
	return send[DataProviders](ctx, s.client, call{method: http.MethodGet, path: "/user_management/users/{user_id}/data_providers", params: []string{userID}, query: &params}, opts)
}
