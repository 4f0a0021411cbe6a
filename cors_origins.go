package workos

import (
	"context"
	"net/http"
	"strings"
	"time"
)

// CORSOrigin is an origin allowed to call the environment's AuthKit
// endpoints from a browser, such as https://app.example.com.
type CORSOrigin struct {
	// Object is "cors_origin".
	Object string `json:"object"`
	// ID is the origin's ID, "cors_origin_...".
	ID string `json:"id"`
	// Origin is the scheme, host and optional port, with no path.
	Origin string `json:"origin"`
	// CreatedAt is when the origin was added.
	CreatedAt time.Time `json:"created_at"`
	// UpdatedAt is when it last changed.
	UpdatedAt time.Time `json:"updated_at"`
	APIResource
}

// ListCORSOriginsParams pages through ListCORSOrigins.
type ListCORSOriginsParams struct {
	ListParams
}

// ListCORSOrigins lists the environment's allowed CORS origins. Nothing is
// sent until the List's Page, Pages or All is called.
func (s *UserManagementService) ListCORSOrigins(ctx context.Context, params ListCORSOriginsParams, opts ...Option) *List[CORSOrigin] {
	return newList[CORSOrigin](ctx, s.client, call{method: http.MethodGet, path: "/user_management/cors_origins"}, params, nil, opts)
}

// CreateCORSOriginParams allow one browser origin to call AuthKit with
// CreateCORSOrigin. Origin is required (a blank one is refused with
// ErrInvalidParams before any request). An origin the API will not take
// comes back as an *APIError whose field errors say why.
type CreateCORSOriginParams struct {
	// Origin is the origin to allow, such as "https://app.example.com".
	Origin string `json:"origin"`
}

// CreateCORSOrigin allows browsers on another origin to call the
// environment's AuthKit endpoints. Adding an origin twice fails with a 409
// duplicate_cors_origin error.
func (s *UserManagementService) CreateCORSOrigin(ctx context.Context, params CreateCORSOriginParams, opts ...Option) (*CORSOrigin, error) {
	if strings.TrimSpace(params.Origin) == "" {
		return nil, invalidParams("Origin is required")
	}
	return send[CORSOrigin](ctx, s.client, call{method: http.MethodPost, path: "/user_management/cors_origins", body: params}, opts)
}
