package workos

import (
	"context"
	"net/http"
)

// JWKS is a JSON Web Key Set: the public keys that verify the access tokens
// WorkOS issues for one client ID.
type JWKS struct {
	// Keys are the set's keys; an access token's "kid" header names one.
	Keys []JWK `json:"keys"`
	APIResource
}

// JWK is one RSA signing key of a JWKS.
type JWK struct {
	// Algorithm is the signing algorithm, "RS256".
	Algorithm string `json:"alg"`
	// KeyType is "RSA".
	KeyType string `json:"kty"`
	// Use is "sig": the key verifies signatures.
	Use string `json:"use"`
	// X5C is the key's X.509 certificate chain, base64 DER.
	X5C []string `json:"x5c"`
	// N is the RSA modulus, base64url without padding.
	N string `json:"n"`
	// E is the RSA public exponent, base64url without padding.
	E string `json:"e"`
	// KeyID identifies the key; access tokens name it in their "kid" header.
	KeyID string `json:"kid"`
	// X5TS256 is the certificate's SHA-256 thumbprint, kept verbatim.
	// WorkOS encodes it in a nonstandard way, so it is not checked; take the
	// key from N and E.
	X5TS256 string `json:"x5t#S256"`
}

// GetJWKS fetches the JSON Web Key Set that verifies access tokens issued
// for clientID, or for the Client's client ID when clientID is empty. The
// endpoint is public: no API key is sent. To verify tokens, prefer a cached
// key set over calling this per request.
func (s *UserManagementService) GetJWKS(ctx context.Context, clientID string, opts ...Option) (*JWKS, error) {
	if clientID == "" {
		clientID = s.client.settingsFor(opts).clientID
	}
	if clientID == "" {
		return nil, ErrMissingClientID
	}
	return send[JWKS](ctx, s.client, call{method: http.MethodGet, path: "/sso/jwks/{client_id}", params: []string{clientID}, noAuth: true}, opts)
}
