package workos

import (
	"context"
	"net/http"
	"time"
)

// Flag is a feature flag, as evaluated for one user.
type Flag struct {
	// Object is "feature_flag".
	Object string `json:"object"`
	// ID is the flag's ID, "flag_...".
	ID string `json:"id"`
	// Slug is the key code refers to the flag by.
	Slug string `json:"slug"`
	// Name is the flag's display name.
	Name string `json:"name"`
	// Description is nil when the flag has none.
	Description *string `json:"description"`
	// Owner is the person responsible for the flag, nil when unassigned.
	Owner *FlagOwner `json:"owner"`
	// Tags are labels for grouping flags.
	Tags []string `json:"tags"`
	// Enabled reports whether the flag is switched on in the environment.
	Enabled bool `json:"enabled"`
	// DefaultValue is the value for users and organizations that match no
	// targeting rule.
	DefaultValue bool `json:"default_value"`
	// CreatedAt is when the flag was created.
	CreatedAt time.Time `json:"created_at"`
	// UpdatedAt is when it last changed.
	UpdatedAt time.Time `json:"updated_at"`
}

// FlagOwner is the person responsible for a Flag.
type FlagOwner struct {
	// Email is the owner's email address.
	Email string `json:"email"`
	// FirstName is nil when unknown.
	FirstName *string `json:"first_name"`
	// LastName is nil when unknown.
	LastName *string `json:"last_name"`
}

// ListUserFeatureFlagsParams pages through ListUserFeatureFlags.
type ListUserFeatureFlagsParams struct {
	ListParams
}

// ListUserFeatureFlags lists the feature flags enabled for the user userID.
// Nothing is sent until the List's Page, Pages or All is called.
func (s *UserManagementService) ListUserFeatureFlags(ctx context.Context, userID string, params ListUserFeatureFlagsParams, opts ...Option) *List[Flag] {
	return newList[Flag](ctx, s.client, call{method: http.MethodGet, path: "/user_management/users/{user_id}/feature-flags", params: []string{userID}}, params, checkUserID(userID), opts)
}
