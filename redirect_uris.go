package workos

import (
	"context"
	"net/http"
	"strings"
)

// RedirectURI is a callback URI AuthKit may send users back to after they
// sign in.
//
// The spec types its timestamps as plain strings without the date-time
// format, so CreatedAt and UpdatedAt are Timestamps: the string as sent,
// and its time when it is RFC 3339 (as WorkOS sends it).
type RedirectURI struct {
	// Object is "redirect_uri".
	Object string `json:"object"`
	// ID is the redirect URI's ID, "redir_...".
	ID string `json:"id"`
	// URI is the callback URI.
	URI string `json:"uri"`
	// Default reports whether AuthKit uses it when a request names none.
	Default bool `json:"default"`
	// CreatedAt is when the URI was added.
	CreatedAt Timestamp `json:"created_at"`
	// UpdatedAt is when it last changed.
	UpdatedAt Timestamp `json:"updated_at"`
	APIResource
}

// ListRedirectURIsParams pages through ListRedirectURIs.
type ListRedirectURIsParams struct {
	ListParams
}

// ListRedirectURIs lists the environment's allowed redirect URIs. Nothing
// is sent until the List's Page, Pages or All is called.
func (s *UserManagementService) ListRedirectURIs(ctx context.Context, params ListRedirectURIsParams, opts ...Option) *List[RedirectURI] {
	return newList[RedirectURI](ctx, s.client, call{method: http.MethodGet, path: "/user_management/redirect_uris"}, params, nil, opts)
}

// CreateRedirectURIParams add one callback URI to the environment with
// CreateRedirectURI. URI is required (a blank one is refused with
// ErrInvalidParams before any request).
type CreateRedirectURIParams struct {
	// URI is the callback URI to allow.
	URI string `json:"uri"`
}

// CreateRedirectURI allows AuthKit to send users back to another callback
// URI. Adding one that already exists fails with a 422 error.
func (s *UserManagementService) CreateRedirectURI(ctx context.Context, params CreateRedirectURIParams, opts ...Option) (*RedirectURI, error) {
	if strings.TrimSpace(params.URI) == "" {
		return nil, invalidParams("URI is required")
	}
	return send[RedirectURI](ctx, s.client, call{method: http.MethodPost, path: "/user_management/redirect_uris", body: params}, opts)
}

// DeleteRedirectURI removes an allowed redirect URI; sign-ins that name it
// afterwards are refused. The default redirect URI cannot be deleted (409).
func (s *UserManagementService) DeleteRedirectURI(ctx context.Context, id string, opts ...Option) (*Response, error) {
	return s.client.do(ctx, call{method: http.MethodDelete, path: "/user_management/redirect_uris/{redirect_uri_id}", params: []string{id}}, nil, opts)
}
