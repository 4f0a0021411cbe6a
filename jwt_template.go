package workos

import (
	"context"
	"net/http"
	"strings"
)

// JWTTemplate is the environment's access token template: a Liquid template
// of a JSON object whose keys become custom claims of every access token.
//
// The spec types its timestamps as plain strings without the date-time
// format, so CreatedAt and UpdatedAt are Timestamps: the string as sent,
// and its time when it is RFC 3339 (as WorkOS sends it).
type JWTTemplate struct {
	// Object is "jwt_template".
	Object string `json:"object"`
	// Content is the Liquid template, for example
	// {"urn:myapp:email": "{{user.email}}"}.
	Content string `json:"content"`
	// CreatedAt is when the template was first set.
	CreatedAt Timestamp `json:"created_at"`
	// UpdatedAt is when it last changed.
	UpdatedAt Timestamp `json:"updated_at"`
	APIResource
}

// GetJWTTemplate fetches the template that adds custom claims to the
// environment's access tokens.
func (s *UserManagementService) GetJWTTemplate(ctx context.Context, opts ...Option) (*JWTTemplate, error) {
	return send[JWTTemplate](ctx, s.client, call{method: http.MethodGet, path: "/user_management/jwt_template"}, opts)
}

// UpdateJWTTemplateParams replace the environment's JWT template with
// UpdateJWTTemplate. Content is required: a blank one is refused with
// ErrInvalidParams before any request, since the API would otherwise drop
// every custom claim from new access tokens.
type UpdateJWTTemplateParams struct {
	// Content is the new Liquid template; it must render to a JSON object.
	Content string `json:"content"`
}

// UpdateJWTTemplate replaces the access token template. Access tokens
// issued from then on carry the new custom claims; tokens already issued
// keep the old ones.
func (s *UserManagementService) UpdateJWTTemplate(ctx context.Context, params UpdateJWTTemplateParams, opts ...Option) (*JWTTemplate, error) {
	if strings.TrimSpace(params.Content) == "" {
		return nil, invalidParams("Content is required")
	}
	return send[JWTTemplate](ctx, s.client, call{method: http.MethodPut, path: "/user_management/jwt_template", body: params}, opts)
}
