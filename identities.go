package workos

import (
	"context"
	"encoding/json"
	"net/http"
)

// IdentityProvider is the OAuth provider behind an Identity. Unknown values
// decode as-is. Note the spelling GithubOAuth, which differs from the
// GitHubOAuth of AuthenticationMethod: the API spells them differently.
type IdentityProvider string

// Identity providers the API reports.
const (
	IdentityProviderAppleOAuth             IdentityProvider = "AppleOAuth"
	IdentityProviderBitbucketOAuth         IdentityProvider = "BitbucketOAuth"
	IdentityProviderDiscordOAuth           IdentityProvider = "DiscordOAuth"
	IdentityProviderGithubOAuth            IdentityProvider = "GithubOAuth"
	IdentityProviderGitLabOAuth            IdentityProvider = "GitLabOAuth"
	IdentityProviderGoogleOAuth            IdentityProvider = "GoogleOAuth"
	IdentityProviderGrokOAuth              IdentityProvider = "GrokOAuth"
	IdentityProviderXOAuth                 IdentityProvider = "XOAuth"
	IdentityProviderIntuitOAuth            IdentityProvider = "IntuitOAuth"
	IdentityProviderLinkedInOAuth          IdentityProvider = "LinkedInOAuth"
	IdentityProviderMicrosoftOAuth         IdentityProvider = "MicrosoftOAuth"
	IdentityProviderSalesforceOAuth        IdentityProvider = "SalesforceOAuth"
	IdentityProviderSlackOAuth             IdentityProvider = "SlackOAuth"
	IdentityProviderVercelMarketplaceOAuth IdentityProvider = "VercelMarketplaceOAuth"
	IdentityProviderVercelOAuth            IdentityProvider = "VercelOAuth"
	IdentityProviderXeroOAuth              IdentityProvider = "XeroOAuth"
)

// Identity is an external account linked to a user, such as the Google
// account they signed in with.
type Identity struct {
	// IdpID is the user's ID at the identity provider.
	IdpID string `json:"idp_id"`
	// Type is the kind of identity; today always "OAuth".
	Type string `json:"type"`
	// Provider is the OAuth provider.
	Provider IdentityProvider `json:"provider"`
}

// Identities is the result of GetUserIdentities. The API answers with a
// bare JSON array, which decodes into Data.
type Identities struct {
	// Data holds the user's linked identities, in the API's order.
	Data []Identity
	APIResource
}

// UnmarshalJSON reads the bare array the API returns.
func (ids *Identities) UnmarshalJSON(b []byte) error {
	return json.Unmarshal(b, &ids.Data)
}

// MarshalJSON writes Data back as a bare array, the API's shape.
func (ids Identities) MarshalJSON() ([]byte, error) {
	if ids.Data == nil {
		return []byte("[]"), nil
	}
	return json.Marshal(ids.Data)
}

// GetUserIdentities lists the external accounts (OAuth identities) linked
// to the user userID, for example through identity linking.
func (s *UserManagementService) GetUserIdentities(ctx context.Context, userID string, opts ...Option) (*Identities, error) {
	if err := checkUserID(userID); err != nil {
		return nil, err
	}
	return send[Identities](ctx, s.client, call{method: http.MethodGet, path: "/user_management/users/{user_id}/identities", params: []string{userID}}, opts)
}
