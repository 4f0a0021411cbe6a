package workostest

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"math/big"
	"net/http"
	"slices"
	"sync"
	"time"
)

// signingKey is the RSA key every Server signs access tokens with. Making a
// 2048-bit key takes tens of milliseconds, so it is made once per process.
type signingKey struct {
	priv *rsa.PrivateKey
	kid  string
	jwk  map[string]any
}

var (
	keyOnce sync.Once
	key     *signingKey
	keyErr  error
)

func loadSigningKey() (*signingKey, error) {
	keyOnce.Do(func() {
		priv, err := rsa.GenerateKey(rand.Reader, 2048)
		if err != nil {
			keyErr = err
			return
		}
		tmpl := &x509.Certificate{
			SerialNumber:          big.NewInt(1),
			Subject:               pkix.Name{CommonName: "workostest JWT signing key"},
			NotBefore:             time.Unix(0, 0),
			NotAfter:              time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC),
			KeyUsage:              x509.KeyUsageDigitalSignature,
			BasicConstraintsValid: true,
		}
		der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &priv.PublicKey, priv)
		if err != nil {
			keyErr = err
			return
		}
		sum := sha256.Sum256(der)
		kid := "sso_oidc_key_pair_" + hex.EncodeToString(sum[:8])
		// x5t#S256 the way WorkOS writes it: standard base64 of the
		// lowercase hex digest (see the vectors README).
		thumb := base64.StdEncoding.EncodeToString([]byte(hex.EncodeToString(sum[:])))
		key = &signingKey{priv: priv, kid: kid, jwk: map[string]any{
			"alg": "RS256", "kty": "RSA", "use": "sig",
			"x5c":      []string{base64.StdEncoding.EncodeToString(der)},
			"n":        base64.RawURLEncoding.EncodeToString(priv.N.Bytes()),
			"e":        base64.RawURLEncoding.EncodeToString(big.NewInt(int64(priv.E)).Bytes()),
			"kid":      kid,
			"x5t#S256": thumb,
		}}
	})
	return key, keyErr
}

// PublicKey returns the RSA public key that verifies the server's access
// tokens, and its key ID (the JWT "kid" header).
func (s *Server) PublicKey() (*rsa.PublicKey, string) {
	k, err := loadSigningKey()
	if err != nil {
		s.failf("workostest: generating signing key: %v", err)
	}
	return &k.priv.PublicKey, k.kid
}

// Issuer returns the "iss" claim of the server's access tokens:
// <URL>/user_management/<client ID> unless WithIssuer chose another.
func (s *Server) Issuer() string {
	if s.cfg.issuer != "" {
		return s.cfg.issuer
	}
	return s.http.URL + "/user_management/" + s.cfg.clientID
}

func (s *Server) handleJWKS(w http.ResponseWriter, _ *http.Request, p params) {
	if p["clientId"] != s.cfg.clientID {
		notFound(w, "Client")
		return
	}
	k, err := loadSigningKey()
	if err != nil {
		writeJSON(w, http.StatusInternalServerError, map[string]any{"message": "no signing key"})
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"keys": []any{k.jwk}})
}

// SetFeatureFlags sets the feature flag slugs every access token issued
// from now on carries in its feature_flags claim (none by default). The
// feature flag list endpoints do not show them.
func (s *Server) SetFeatureFlags(flags ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.st.featureFlags = slices.Clone(flags)
}

// accessClaims are the claims of an access token.
type accessClaims struct {
	Iss         string   `json:"iss"`
	Sub         string   `json:"sub"`
	Sid         string   `json:"sid"`
	Jti         string   `json:"jti"`
	OrgID       string   `json:"org_id,omitempty"`
	Role        string   `json:"role,omitempty"`
	Roles       []string `json:"roles,omitzero"`
	Permissions []string `json:"permissions,omitzero"`
	Flags       []string `json:"feature_flags,omitzero"`
	Iat         int64    `json:"iat"`
	Exp         int64    `json:"exp"`
}

// accessToken signs an access token for session ss; callers hold s.mu.
func (s *Server) accessToken(ss *sessionRec) (string, error) {
	k, err := loadSigningKey()
	if err != nil {
		return "", err
	}
	now := s.now()
	c := accessClaims{
		Iss: s.Issuer(), Sub: ss.userID, Sid: ss.id, Jti: s.newID("jti")[4:],
		Iat: now.Unix(), Exp: now.Add(s.cfg.accessTTL).Unix(),
	}
	c.Flags = slices.Clone(s.st.featureFlags)
	if ss.orgID != "" {
		c.OrgID = ss.orgID
		if m := s.membershipFor(ss.userID, ss.orgID); m != nil {
			c.Role, c.Roles = m.roles[0], m.roles
			perms := []string{}
			seen := map[string]bool{}
			for _, r := range m.roles {
				for _, p := range s.permissionsOf(ss.orgID, r) {
					if !seen[p] {
						seen[p] = true
						perms = append(perms, p)
					}
				}
			}
			c.Permissions = perms
		}
	}
	return signJWT(k, c)
}

func signJWT(k *signingKey, claims any) (string, error) {
	head, _ := json.Marshal(map[string]string{"alg": "RS256", "typ": "JWT", "kid": k.kid})
	body, err := json.Marshal(claims)
	if err != nil {
		return "", err
	}
	input := base64.RawURLEncoding.EncodeToString(head) + "." + base64.RawURLEncoding.EncodeToString(body)
	sum := sha256.Sum256([]byte(input))
	sig, err := rsa.SignPKCS1v15(rand.Reader, k.priv, crypto.SHA256, sum[:])
	if err != nil {
		return "", err
	}
	return input + "." + base64.RawURLEncoding.EncodeToString(sig), nil
}
