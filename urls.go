package workos

import (
	"net/url"
)

// GetLogoutURL builds the URL that ends the session sessionID (the access
// token's "sid" claim) and then sends the browser to returnTo, when given.
// It makes no HTTP call: redirect the user's browser to it. To end a
// session from the backend instead, use RevokeSession.
func (s *UserManagementService) GetLogoutURL(sessionID, returnTo string) (string, error) {
	if sessionID == "" {
		return "", invalidParams("session ID is required")
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
