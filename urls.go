package workos

import (
	"crypto/rand"
	"encoding/base64"
	"net/url"
	"strconv"
	"strings"
)

// GetLogoutURL builds the URL that ends the session sessionID (the access
// token's "sid" claim) and then sends the browser to returnTo, when given.
// It makes no HTTP call: redirect the user's browser to it. To end a
// session from the backend instead, use RevokeSession.
func (s *UserManagementService) GetLogoutURL(sessionID, returnTo string) (string, error) {
	if sessionID == "" {
		return "", invalidParams("session_id is required")
	}
	q := url.Values{"session_id": {sessionID}}
	if returnTo != "" {
		q.Set("return_to", returnTo)
	}
	return s.client.cfg.baseURL + "/user_management/sessions/logout?" + q.Encode(), nil
}

// GetJWKSURL builds the URL of the JSON Web Key Set that verifies access
// tokens issued for clientID, or for the Client's client ID when clientID is
// empty. It makes no HTTP call.
func (s *UserManagementService) GetJWKSURL(clientID string) (string, error) {
	if clientID == "" {
		clientID = s.client.cfg.clientID
	}
	if clientID == "" {
		return "", ErrMissingClientID
	}
	return s.client.cfg.baseURL + "/sso/jwks/" + url.PathEscape(clientID), nil
}

// AuthorizationProvider is where the authorization URL sends the user to
// sign in: AuthKit's hosted pages or an OAuth provider directly. Values the
// SDK does not list are sent as given.
type AuthorizationProvider string

// Providers of GET /user_management/authorize.
const (
	AuthorizationProviderAuthKit                AuthorizationProvider = "authkit"
	AuthorizationProviderAppleOAuth             AuthorizationProvider = "AppleOAuth"
	AuthorizationProviderBitbucketOAuth         AuthorizationProvider = "BitbucketOAuth"
	AuthorizationProviderGitHubOAuth            AuthorizationProvider = "GitHubOAuth"
	AuthorizationProviderGitLabOAuth            AuthorizationProvider = "GitLabOAuth"
	AuthorizationProviderGoogleOAuth            AuthorizationProvider = "GoogleOAuth"
	AuthorizationProviderIntuitOAuth            AuthorizationProvider = "IntuitOAuth"
	AuthorizationProviderLinkedInOAuth          AuthorizationProvider = "LinkedInOAuth"
	AuthorizationProviderMicrosoftOAuth         AuthorizationProvider = "MicrosoftOAuth"
	AuthorizationProviderSalesforceOAuth        AuthorizationProvider = "SalesforceOAuth"
	AuthorizationProviderSlackOAuth             AuthorizationProvider = "SlackOAuth"
	AuthorizationProviderVercelMarketplaceOAuth AuthorizationProvider = "VercelMarketplaceOAuth"
	AuthorizationProviderVercelOAuth            AuthorizationProvider = "VercelOAuth"
	AuthorizationProviderXeroOAuth              AuthorizationProvider = "XeroOAuth"
)

// ScreenHint picks the AuthKit page the user lands on.
type ScreenHint string

// Screen hints for the AuthKit provider.
const (
	ScreenHintSignIn ScreenHint = "sign-in"
	ScreenHintSignUp ScreenHint = "sign-up"
)

// GetAuthorizationURLParams describe the hosted sign-in GetAuthorizationURL
// builds a link to. RedirectURI (an absolute URI) is required, and so is
// one of Provider, ConnectionID or OrganizationID; otherwise the call
// returns an error matching ErrInvalidParams. ScreenHint and MaxAge need
// the AuthKit provider. Every other field is optional and left out of the
// URL when empty.
type GetAuthorizationURLParams struct {
	// RedirectURI receives the code after sign-in; it must be one of the
	// environment's redirect URIs. Required.
	RedirectURI string
	// ClientID defaults to the Client's.
	ClientID string
	// Provider signs the user in through AuthKit or an OAuth provider.
	Provider AuthorizationProvider
	// ConnectionID signs the user in through this SSO connection.
	ConnectionID string
	// OrganizationID signs the user in through this organization's SSO.
	OrganizationID string
	// DomainHint pre-selects the SSO connection for this email domain.
	DomainHint string
	// LoginHint pre-fills the sign-in form with this email address.
	LoginHint string
	// State comes back unchanged to RedirectURI; use it to tie the
	// callback to the browser that started the sign-in.
	State string
	// ScreenHint opens AuthKit on the sign-up or sign-in page. AuthKit
	// provider only.
	ScreenHint ScreenHint
	// Prompt controls whether the user is asked to sign in or consent
	// again, as in OpenID Connect ("login", "consent", ...).
	Prompt string
	// MaxAge is the most seconds since the user last signed in before they
	// must sign in again; 0 always asks. AuthKit provider only.
	MaxAge *int
	// InvitationToken accepts this invitation as part of the sign-in.
	InvitationToken string
	// ProviderScopes are extra OAuth scopes to ask the provider for.
	ProviderScopes []string
	// ProviderQueryParams are extra query parameters for the OAuth
	// provider's own authorization URL, such as {"hd": "example.com"}.
	ProviderQueryParams map[string]string
	// CodeChallenge is a PKCE challenge (see GeneratePKCE); or let
	// GetAuthorizationURLWithPKCE make one.
	CodeChallenge string
	// CodeChallengeMethod may only be CodeChallengeMethodS256, which is
	// sent whenever CodeChallenge is set, so it can be left empty.
	CodeChallengeMethod string
}

// GetAuthorizationURL builds the URL that starts a sign-in through AuthKit,
// an SSO connection or an OAuth provider (GET /user_management/authorize
// on the Client's base URL). It makes no HTTP call: redirect the user's
// browser to it, and exchange the code that comes back to RedirectURI with
// AuthenticateWithCode. Inconsistent params fail with ErrInvalidParams.
//
// ProviderQueryParams are sent as provider_query_params[key]=value (the
// OpenAPI deepObject style), and ProviderScopes comma-joined.
func (s *UserManagementService) GetAuthorizationURL(params GetAuthorizationURLParams) (string, error) {
	if params.ClientID == "" {
		params.ClientID = s.client.cfg.clientID
	}
	if err := checkAuthorizationURLParams(&params); err != nil {
		return "", err
	}
	q := url.Values{
		"client_id":     {params.ClientID},
		"redirect_uri":  {params.RedirectURI},
		"response_type": {"code"},
	}
	for k, v := range map[string]string{
		"provider": string(params.Provider), "connection_id": params.ConnectionID, "organization_id": params.OrganizationID,
		"domain_hint": params.DomainHint, "login_hint": params.LoginHint, "state": params.State,
		"screen_hint": string(params.ScreenHint), "prompt": params.Prompt, "invitation_token": params.InvitationToken,
		"code_challenge": params.CodeChallenge, "code_challenge_method": params.CodeChallengeMethod,
		"provider_scopes": strings.Join(params.ProviderScopes, ","),
	} {
		if v != "" {
			q.Set(k, v)
		}
	}
	if params.MaxAge != nil {
		q.Set("max_age", strconv.Itoa(*params.MaxAge))
	}
	for k, v := range params.ProviderQueryParams {
		q.Set("provider_query_params["+k+"]", v)
	}
	return s.client.cfg.baseURL + "/user_management/authorize?" + q.Encode(), nil
}

// checkAuthorizationURLParams refuses what the API would reject or
// misread, and fills in the challenge method.
func checkAuthorizationURLParams(p *GetAuthorizationURLParams) error {
	if p.RedirectURI == "" {
		return invalidParams("RedirectURI is required")
	}
	if u, err := url.Parse(p.RedirectURI); err != nil || !u.IsAbs() {
		return invalidParams("RedirectURI must be an absolute URI")
	}
	if p.ClientID == "" {
		return ErrMissingClientID
	}
	if p.Provider == "" && p.ConnectionID == "" && p.OrganizationID == "" {
		return invalidParams("one of Provider, ConnectionID or OrganizationID is required")
	}
	if p.ScreenHint != "" && p.Provider != AuthorizationProviderAuthKit {
		return invalidParams("ScreenHint needs Provider %q", AuthorizationProviderAuthKit)
	}
	if p.MaxAge != nil {
		if *p.MaxAge < 0 {
			return invalidParams("MaxAge must not be negative")
		}
		if p.Provider != AuthorizationProviderAuthKit {
			return invalidParams("MaxAge needs Provider %q", AuthorizationProviderAuthKit)
		}
	}
	switch {
	case p.CodeChallengeMethod != "" && p.CodeChallenge == "":
		return invalidParams("CodeChallengeMethod needs a CodeChallenge")
	case p.CodeChallengeMethod != "" && p.CodeChallengeMethod != CodeChallengeMethodS256:
		return invalidParams("CodeChallengeMethod must be %q", CodeChallengeMethodS256)
	case p.CodeChallenge != "":
		p.CodeChallengeMethod = CodeChallengeMethodS256
	}
	for _, sc := range p.ProviderScopes {
		if sc == "" || strings.Contains(sc, ",") {
			return invalidParams("ProviderScopes entries must be non-empty and contain no comma")
		}
	}
	for k := range p.ProviderQueryParams {
		if k == "" {
			return invalidParams("ProviderQueryParams keys must not be empty")
		}
	}
	return nil
}

// PKCEAuthorizationURL is a sign-in URL with the PKCE verifier and state
// that belong to it. Keep CodeVerifier and State (in the session, say)
// until the callback: check the returned state equals State, then pass
// CodeVerifier to AuthenticateWithCodePKCE.
type PKCEAuthorizationURL struct {
	// URL is where to send the user's browser.
	URL string
	// CodeVerifier is the secret whose S256 challenge is in URL.
	CodeVerifier string
	// State is the state in URL: the caller's, or a random one.
	State string
}

// GetAuthorizationURLWithPKCE builds an authorization URL as
// GetAuthorizationURL does, with a new PKCE challenge and, when
// params.State is empty, a random state. CodeChallenge and
// CodeChallengeMethod must be left empty. It makes no HTTP call.
func (s *UserManagementService) GetAuthorizationURLWithPKCE(params GetAuthorizationURLParams) (*PKCEAuthorizationURL, error) {
	if params.CodeChallenge != "" || params.CodeChallengeMethod != "" {
		return nil, invalidParams("CodeChallenge and CodeChallengeMethod are made by GetAuthorizationURLWithPKCE; leave them empty")
	}
	pair := GeneratePKCE()
	if params.State == "" {
		var b [32]byte
		_, _ = rand.Read(b[:])
		params.State = base64.RawURLEncoding.EncodeToString(b[:])
	}
	params.CodeChallenge = pair.CodeChallenge
	u, err := s.GetAuthorizationURL(params)
	if err != nil {
		return nil, err
	}
	return &PKCEAuthorizationURL{URL: u, CodeVerifier: pair.CodeVerifier, State: params.State}, nil
}
