package workos

import (
	"context"
	"net/http"
)

// AuthenticationMethod says how a user signed in. Unknown values decode
// as-is.
type AuthenticationMethod string

// Authentication methods the API reports.
const (
	AuthenticationMethodSSO            AuthenticationMethod = "SSO"
	AuthenticationMethodPassword       AuthenticationMethod = "Password"
	AuthenticationMethodPasskey        AuthenticationMethod = "Passkey"
	AuthenticationMethodAppleOAuth     AuthenticationMethod = "AppleOAuth"
	AuthenticationMethodGitHubOAuth    AuthenticationMethod = "GitHubOAuth"
	AuthenticationMethodGoogleOAuth    AuthenticationMethod = "GoogleOAuth"
	AuthenticationMethodMicrosoftOAuth AuthenticationMethod = "MicrosoftOAuth"
	AuthenticationMethodMagicAuth      AuthenticationMethod = "MagicAuth"
	AuthenticationMethodImpersonation  AuthenticationMethod = "Impersonation"
)

// Impersonator is the WorkOS dashboard user acting as the signed-in user.
type Impersonator struct {
	// Email is the impersonating admin's email.
	Email string `json:"email"`
	// Reason is the justification the admin gave, nil if none.
	Reason *string `json:"reason"`
}

// AuthenticateResponse is the result of every authenticate grant: the user,
// their session tokens and how they signed in.
type AuthenticateResponse struct {
	// User is the signed-in user.
	User User `json:"user"`
	// OrganizationID is the organization the session is scoped to, if any.
	OrganizationID string `json:"organization_id,omitempty"`
	// AuthkitAuthorizationCode is set when AuthKit hands the sign-in on to
	// another application (the OAuth authorization server flow).
	AuthkitAuthorizationCode string `json:"authkit_authorization_code,omitempty"`
	// AccessToken is a short-lived RS256 JWT. Verify it with a Verifier.
	AccessToken string `json:"access_token"`
	// RefreshToken is a single-use token for AuthenticateWithRefreshToken.
	RefreshToken string `json:"refresh_token"`
	// AuthenticationMethod is how the user signed in.
	AuthenticationMethod AuthenticationMethod `json:"authentication_method,omitempty"`
	// Impersonator is set when a WorkOS admin is impersonating the user.
	Impersonator *Impersonator `json:"impersonator,omitempty"`
	// OAuthTokens are the upstream provider's tokens, present when the
	// user signed in through OAuth and the provider's tokens were asked for.
	OAuthTokens *OAuthTokens `json:"oauth_tokens,omitempty"`
	APIResource
}

// OAuthTokens are an upstream OAuth provider's tokens.
type OAuthTokens struct {
	// Provider is the OAuth provider, such as "GoogleOAuth".
	Provider string `json:"provider,omitempty"`
	// AccessToken is the provider's access token.
	AccessToken string `json:"access_token"`
	// RefreshToken is the provider's refresh token.
	RefreshToken string `json:"refresh_token"`
	// ExpiresAt is the access token's expiry in Unix seconds.
	ExpiresAt int64 `json:"expires_at"`
	// Scopes are the scopes the provider granted.
	Scopes []string `json:"scopes"`
}

// AuthenticateWithRefreshTokenParams are the inputs of
// AuthenticateWithRefreshToken.
type AuthenticateWithRefreshTokenParams struct {
	// ClientID defaults to the Client's.
	ClientID string `json:"client_id"`
	// RefreshToken is the single-use token from an earlier authentication.
	RefreshToken string `json:"refresh_token"`
	// OrganizationID switches the new session to another of the user's
	// organizations.
	OrganizationID string `json:"organization_id,omitempty"`
	// IPAddress, DeviceID and UserAgent describe the user's device for
	// WorkOS's session records and Radar.
	IPAddress string `json:"ip_address,omitempty"`
	DeviceID  string `json:"device_id,omitempty"`
	UserAgent string `json:"user_agent,omitempty"`
}

type refreshTokenBody struct {
	GrantType    string `json:"grant_type"`
	ClientSecret string `json:"client_secret,omitempty"`
	AuthenticateWithRefreshTokenParams
}

// AuthenticateWithRefreshToken redeems a refresh token for a new access
// token and a new refresh token; the old refresh token stops working. A
// revoked or already used token fails with an error that IsInvalidGrant
// reports.
func (s *UserManagementService) AuthenticateWithRefreshToken(ctx context.Context, params AuthenticateWithRefreshTokenParams, opts ...Option) (*AuthenticateResponse, error) {
	if params.RefreshToken == "" {
		return nil, invalidParams("RefreshToken is required")
	}
	cfg := s.client.settingsFor(opts)
	if params.ClientID == "" {
		params.ClientID = cfg.clientID
	}
	if params.ClientID == "" {
		return nil, ErrMissingClientID
	}
	// Without an API key this is a public client: no secret, no bearer.
	body := refreshTokenBody{GrantType: "refresh_token", ClientSecret: cfg.apiKey, AuthenticateWithRefreshTokenParams: params}
	return send[AuthenticateResponse](ctx, s.client, call{method: http.MethodPost, path: "/user_management/authenticate", body: body, noAuth: cfg.apiKey == ""}, opts)
}
