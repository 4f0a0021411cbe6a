package workos

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"
)

// UserAPIKey is an API key a user owns, scoped to one of their organization
// memberships. Lists show only an obfuscated form of the secret.
type UserAPIKey struct {
	// Object is "api_key".
	Object string `json:"object"`
	// ID is the key's ID, "api_key_...".
	ID string `json:"id"`
	// Owner is the user and organization the key acts for.
	Owner UserAPIKeyOwner `json:"owner"`
	// Name is the key's descriptive name.
	Name string `json:"name"`
	// ObfuscatedValue is a masked form of the secret, such as "sk_...3456".
	ObfuscatedValue string `json:"obfuscated_value"`
	// LastUsedAt is nil for a key never used.
	LastUsedAt *time.Time `json:"last_used_at"`
	// ExpiresAt is nil for a key that never expires.
	ExpiresAt *time.Time `json:"expires_at"`
	// Permissions are the permission slugs the key carries.
	Permissions []string `json:"permissions"`
	// CreatedAt is when the key was created.
	CreatedAt time.Time `json:"created_at"`
	// UpdatedAt is when it last changed.
	UpdatedAt time.Time `json:"updated_at"`
}

// UserAPIKeyOwner is the owner of a UserAPIKey.
type UserAPIKeyOwner struct {
	// Type is "user".
	Type string `json:"type"`
	// ID is the owning user's ID.
	ID string `json:"id"`
	// OrganizationID is the organization whose membership the key is for.
	OrganizationID string `json:"organization_id"`
}

// UserAPIKeyWithValue is a newly created UserAPIKey with its secret.
type UserAPIKeyWithValue struct {
	UserAPIKey
	// Value is the secret key itself. The API returns it only in the reply
	// to CreateUserAPIKey: hand it to the user once and never log it.
	// String and LogValue leave it out.
	Value string `json:"value"`
	APIResource
}

// String describes the key without its secret Value, so printing the
// struct with fmt does not leak it.
func (k UserAPIKeyWithValue) String() string {
	return fmt.Sprintf("UserAPIKey{ID: %s, Name: %q, ObfuscatedValue: %s, Value: REDACTED}", k.ID, k.Name, k.ObfuscatedValue)
}

// GoString is String, so %#v does not print the secret Value either.
func (k UserAPIKeyWithValue) GoString() string { return k.String() }

// LogValue describes the key to log/slog without its secret Value.
func (k UserAPIKeyWithValue) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("id", k.ID),
		slog.String("name", k.Name),
		slog.String("obfuscated_value", k.ObfuscatedValue),
		slog.String("value", "REDACTED"),
	)
}

// ListUserAPIKeysParams filters ListUserAPIKeys.
type ListUserAPIKeysParams struct {
	ListParams
	// OrganizationID keeps only the keys created for the user's membership
	// in this organization.
	OrganizationID string `url:"organization_id,omitempty"`
}

// ListUserAPIKeys lists the API keys the user userID owns, secrets masked.
// The endpoint is behind the user-api-keys feature flag. Nothing is sent
// until the List's Page, Pages or All is called.
func (s *UserManagementService) ListUserAPIKeys(ctx context.Context, userID string, params ListUserAPIKeysParams, opts ...Option) *List[UserAPIKey] {
	return newList[UserAPIKey](ctx, s.client, call{method: http.MethodGet, path: "/user_management/users/{user_id}/api_keys", params: []string{userID}}, params, checkUserID(userID), opts)
}

// CreateUserAPIKeyParams describe the key CreateUserAPIKey mints for a
// user. Name and OrganizationID are required, and a blank one is refused
// with ErrInvalidParams before any request; Permissions and ExpiresAt are
// optional. The key's secret comes back once, in the result.
type CreateUserAPIKeyParams struct {
	// Name describes the key to the people who manage it.
	Name string `json:"name"`
	// OrganizationID is the organization the key acts in; the user must be
	// an active member of it.
	OrganizationID string `json:"organization_id"`
	// Permissions are permission slugs to grant; each must be enabled for
	// user API keys. Nil grants none.
	Permissions []string `json:"permissions,omitempty"`
	// ExpiresAt is a future time at which the key stops working; zero
	// means it never expires.
	ExpiresAt time.Time `json:"expires_at,omitzero"`
}

// CreateUserAPIKey creates an API key owned by the user userID. The reply
// carries the secret in Value, which the API never shows again. The
// endpoint is behind the user-api-keys feature flag.
func (s *UserManagementService) CreateUserAPIKey(ctx context.Context, userID string, params CreateUserAPIKeyParams, opts ...Option) (*UserAPIKeyWithValue, error) {
	if err := checkUserID(userID); err != nil {
		return nil, err
	}
	switch {
	case strings.TrimSpace(params.Name) == "":
		return nil, invalidParams("Name is required")
	case strings.TrimSpace(params.OrganizationID) == "":
		return nil, invalidParams("OrganizationID is required")
	}
	return send[UserAPIKeyWithValue](ctx, s.client, call{method: http.MethodPost, path: "/user_management/users/{user_id}/api_keys", params: []string{userID}, body: params}, opts)
}
