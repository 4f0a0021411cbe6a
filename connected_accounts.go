package workos

import (
	"context"
	"net/http"
	"strings"
	"time"
)

// ConnectedAccountAuthMethod is how a connected account authenticates to
// its provider. Unknown values decode as-is.
type ConnectedAccountAuthMethod string

// Connected account authentication methods.
const (
	ConnectedAccountAuthMethodOAuth             ConnectedAccountAuthMethod = "oauth"
	ConnectedAccountAuthMethodAPIKey            ConnectedAccountAuthMethod = "api_key"
	ConnectedAccountAuthMethodClientCredentials ConnectedAccountAuthMethod = "client_credentials"
)

// ConnectedAccountState says whether a connected account can be used.
// Unknown values decode as-is.
type ConnectedAccountState string

// Connected account states.
const (
	// ConnectedAccountStateConnected means the stored tokens are valid.
	ConnectedAccountStateConnected ConnectedAccountState = "connected"
	// ConnectedAccountStateNeedsReauthorization means the user must authorize
	// again, typically because the required scopes changed.
	ConnectedAccountStateNeedsReauthorization ConnectedAccountState = "needs_reauthorization"
	// ConnectedAccountStateDisconnected means the connection was removed. The
	// API never accepts it as an input.
	ConnectedAccountStateDisconnected ConnectedAccountState = "disconnected"
)

// ConnectedAccount is a user's connection to a third-party provider (a
// Pipes data integration such as GitHub or Slack), holding the provider
// tokens WorkOS stores for them.
//
// The spec types its timestamps as plain strings without the date-time
// format, so CreatedAt and UpdatedAt are Timestamps: the string as sent,
// and its time when it is RFC 3339 (as WorkOS sends it).
type ConnectedAccount struct {
	// Object is "connected_account".
	Object string `json:"object"`
	// ID is the connected account's ID, "data_installation_...".
	ID string `json:"id"`
	// UserID is the user the connection belongs to, nil when it belongs to
	// none.
	UserID *string `json:"user_id"`
	// OrganizationID is the organization the connection is scoped to, nil
	// when it is scoped to none.
	OrganizationID *string `json:"organization_id"`
	// Scopes are the OAuth scopes the provider granted.
	Scopes []string `json:"scopes"`
	// AuthMethod is how the connection authenticates; the API treats an
	// empty value as oauth.
	AuthMethod ConnectedAccountAuthMethod `json:"auth_method,omitempty"`
	// APIKeyLast4 is the end of the stored API key, nil for OAuth
	// connections.
	APIKeyLast4 *string `json:"api_key_last_4"`
	// ClientID is the client ID of a client_credentials connection.
	ClientID *string `json:"client_id"`
	// ClientSecretLast4 is the end of a client_credentials connection's
	// secret, nil when it cannot be read.
	ClientSecretLast4 *string `json:"client_secret_last_4"`
	// Config holds a client_credentials connection's non-secret settings.
	Config map[string]string `json:"config,omitzero"`
	// State says whether the connection can be used.
	State ConnectedAccountState `json:"state"`
	// CreatedAt is when the connection was made.
	CreatedAt Timestamp `json:"created_at"`
	// UpdatedAt is when it last changed.
	UpdatedAt Timestamp `json:"updated_at"`
	APIResource
}

// connectedAccountQuery is the query string every connected account call
// takes.
type connectedAccountQuery struct {
	OrganizationID string `url:"organization_id,omitempty"`
}

// GetConnectedAccountParams narrows GetConnectedAccount.
type GetConnectedAccountParams struct {
	// OrganizationID picks the connection scoped to this organization.
	OrganizationID string
}

// GetConnectedAccount fetches the user's connection to the provider slug
// (such as "github").
func (s *UserManagementService) GetConnectedAccount(ctx context.Context, userID, slug string, params GetConnectedAccountParams, opts ...Option) (*ConnectedAccount, error) {
	if err := checkConnectedAccountIDs(userID, slug); err != nil {
		return nil, err
	}
	return send[ConnectedAccount](ctx, s.client, connectedAccountCall(http.MethodGet, userID, slug, params.OrganizationID, nil), opts)
}

// CreateConnectedAccountParams store a user's OAuth tokens for a provider
// with CreateConnectedAccount; userID and the provider slug, its other
// arguments, are required. Every field here is optional and left out when
// empty: an empty OrganizationID stores the user's own connection rather
// than one for an organization, and an empty State lets the API derive the
// state from the tokens. A State of disconnected is refused with
// ErrInvalidParams (delete the account instead). AccessToken and
// RefreshToken are secrets: they are never logged.
type CreateConnectedAccountParams struct {
	// OrganizationID scopes the connection to an organization.
	OrganizationID string `json:"-"`
	// AccessToken is the provider's OAuth access token.
	AccessToken string `json:"access_token,omitempty"`
	// RefreshToken is the provider's OAuth refresh token.
	RefreshToken string `json:"refresh_token,omitempty"`
	// ExpiresAt is when AccessToken expires; give it for expiring tokens.
	ExpiresAt time.Time `json:"expires_at,omitzero"`
	// Scopes are the OAuth scopes the tokens carry.
	Scopes []string `json:"scopes,omitempty"`
	// State sets the connection's state; empty lets the API derive it from
	// the tokens given.
	State ConnectedAccountState `json:"state,omitempty"`
}

// CreateConnectedAccount imports a connection to the provider slug for the
// user from tokens obtained elsewhere, without the user going through
// OAuth. The endpoint is behind the pipes-management-api feature flag.
func (s *UserManagementService) CreateConnectedAccount(ctx context.Context, userID, slug string, params CreateConnectedAccountParams, opts ...Option) (*ConnectedAccount, error) {
	return s.writeConnectedAccount(ctx, http.MethodPost, userID, slug, params.OrganizationID, params.State, params, opts)
}

// UpdateConnectedAccountParams change a stored connected account with
// UpdateConnectedAccount. OrganizationID picks which connection, as for
// create. Empty fields are left unchanged; a State of disconnected is
// refused with ErrInvalidParams (delete the account instead). AccessToken
// and RefreshToken are secrets: they are never logged.
type UpdateConnectedAccountParams struct {
	// OrganizationID picks the connection scoped to this organization.
	OrganizationID string `json:"-"`
	// AccessToken replaces the provider's OAuth access token.
	AccessToken string `json:"access_token,omitempty"`
	// RefreshToken replaces the provider's OAuth refresh token.
	RefreshToken string `json:"refresh_token,omitempty"`
	// ExpiresAt is when the new AccessToken expires.
	ExpiresAt time.Time `json:"expires_at,omitzero"`
	// Scopes replaces the granted OAuth scopes.
	Scopes []string `json:"scopes,omitempty"`
	// State sets the connection's state explicitly.
	State ConnectedAccountState `json:"state,omitempty"`
}

// UpdateConnectedAccount replaces the stored tokens, scopes or state of the
// user's connection to the provider slug. The endpoint is behind the
// pipes-management-api feature flag.
func (s *UserManagementService) UpdateConnectedAccount(ctx context.Context, userID, slug string, params UpdateConnectedAccountParams, opts ...Option) (*ConnectedAccount, error) {
	return s.writeConnectedAccount(ctx, http.MethodPut, userID, slug, params.OrganizationID, params.State, params, opts)
}

// DeleteConnectedAccountParams narrows DeleteConnectedAccount.
type DeleteConnectedAccountParams struct {
	// OrganizationID picks the connection scoped to this organization.
	OrganizationID string
}

// DeleteConnectedAccount disconnects the user from the provider slug and
// deletes the tokens WorkOS stored; the user must authorize again to
// reconnect. Access is not revoked on the provider's side.
func (s *UserManagementService) DeleteConnectedAccount(ctx context.Context, userID, slug string, params DeleteConnectedAccountParams, opts ...Option) (*Response, error) {
	if err := checkConnectedAccountIDs(userID, slug); err != nil {
		return nil, err
	}
	return s.client.do(ctx, connectedAccountCall(http.MethodDelete, userID, slug, params.OrganizationID, nil), nil, opts)
}

// writeConnectedAccount validates and sends a create (POST) or update (PUT)
// of a connected account: both take the same body, ConnectedAccountDto.
func (s *UserManagementService) writeConnectedAccount(ctx context.Context, method, userID, slug, organizationID string, state ConnectedAccountState, body any, opts []Option) (*ConnectedAccount, error) {
	if err := checkConnectedAccountIDs(userID, slug); err != nil {
		return nil, err
	}
	if err := checkConnectedAccountState(state); err != nil {
		return nil, err
	}
	return send[ConnectedAccount](ctx, s.client, connectedAccountCall(method, userID, slug, organizationID, body), opts)
}

func checkConnectedAccountIDs(userID, slug string) error {
	if err := checkUserID(userID); err != nil {
		return err
	}
	if strings.TrimSpace(slug) == "" {
		return invalidParams("slug is required")
	}
	return nil
}

// checkConnectedAccountState refuses the states the API does not accept as
// input: disconnected (use DeleteConnectedAccount instead). Empty is not
// sent.
func checkConnectedAccountState(state ConnectedAccountState) error {
	if state == ConnectedAccountStateDisconnected {
		return invalidParams("State cannot be set to disconnected; use DeleteConnectedAccount")
	}
	return nil
}

func connectedAccountCall(method, userID, slug, organizationID string, body any) call {
	return call{
		method: method,
		path:   "/user_management/users/{user_id}/connected_accounts/{slug}",
		params: []string{userID, slug},
		query:  &connectedAccountQuery{OrganizationID: organizationID},
		body:   body,
	}
}
