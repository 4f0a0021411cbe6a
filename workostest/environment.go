package workostest

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"
)

// This file holds the environment-level and auxiliary endpoints: CORS
// origins, redirect URIs, the JWT template, Radar, user API keys, feature
// flags, authorized applications, connected accounts and data providers.

type corsOriginRec struct {
	id, origin string
	createdAt  time.Time
}

func (c *corsOriginRec) getID() string { return c.id }

func (c *corsOriginRec) json() any {
	return map[string]any{"object": "cors_origin", "id": c.id, "origin": c.origin, "created_at": ts(c.createdAt), "updated_at": ts(c.createdAt)}
}

func (s *Server) handleListCORSOrigins(w http.ResponseWriter, r *http.Request, _ params) {
	s.mu.Lock()
	defer s.mu.Unlock()
	paginate(w, r, values(s.st.corsOrigins), idOf[*corsOriginRec], func(c *corsOriginRec) any { return c.json() })
}

func (s *Server) handleCreateCORSOrigin(w http.ResponseWriter, r *http.Request, _ params) {
	var in struct {
		Origin string `json:"origin"`
	}
	if !decodeBody(w, r, &in) {
		return
	}
	u, err := url.Parse(in.Origin)
	if err != nil || u.Scheme == "" || u.Host == "" || (u.Path != "" && u.Path != "/") {
		writeJSON(w, http.StatusUnprocessableEntity, map[string]any{"message": "Validation failed", "errors": []any{
			map[string]any{"property": "origin", "constraints": map[string]string{"isOrigin": "origin must be a scheme and host"}},
		}})
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, c := range s.st.corsOrigins {
		if strings.EqualFold(c.origin, in.Origin) {
			writeError(w, http.StatusConflict, "duplicate_cors_origin", "This CORS origin already exists.")
			return
		}
	}
	c := &corsOriginRec{id: s.newID("cors_origin"), origin: in.Origin, createdAt: s.now()}
	s.st.corsOrigins[c.id] = c
	writeJSON(w, http.StatusCreated, c.json())
}

type redirectURIRec struct {
	id, uri   string
	isDefault bool
	createdAt time.Time
}

func (r *redirectURIRec) getID() string { return r.id }

func (r *redirectURIRec) json() any {
	return map[string]any{"object": "redirect_uri", "id": r.id, "uri": r.uri, "default": r.isDefault, "created_at": ts(r.createdAt), "updated_at": ts(r.createdAt)}
}

func (s *Server) handleListRedirectURIs(w http.ResponseWriter, r *http.Request, _ params) {
	s.mu.Lock()
	defer s.mu.Unlock()
	paginate(w, r, values(s.st.redirectURIs), idOf[*redirectURIRec], func(x *redirectURIRec) any { return x.json() })
}

func (s *Server) handleCreateRedirectURI(w http.ResponseWriter, r *http.Request, _ params) {
	var in struct {
		URI string `json:"uri"`
	}
	if !decodeBody(w, r, &in) {
		return
	}
	if u, err := url.Parse(in.URI); err != nil || !u.IsAbs() {
		writeJSON(w, http.StatusUnprocessableEntity, map[string]any{"message": "uri must be an absolute URL"})
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, x := range s.st.redirectURIs {
		if x.uri == in.URI {
			writeJSON(w, http.StatusBadRequest, map[string]any{"message": "This redirect URI already exists."})
			return
		}
	}
	x := &redirectURIRec{id: s.newID("redirect_uri"), uri: in.URI, isDefault: len(s.st.redirectURIs) == 0, createdAt: s.now()}
	s.st.redirectURIs[x.id] = x
	writeJSON(w, http.StatusCreated, x.json())
}

func (s *Server) handleDeleteRedirectURI(w http.ResponseWriter, _ *http.Request, p params) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.st.redirectURIs[p["id"]] == nil {
		notFound(w, "Redirect URI")
		return
	}
	delete(s.st.redirectURIs, p["id"])
	w.WriteHeader(http.StatusNoContent)
}

type jwtTemplateRec struct {
	content              string
	createdAt, updatedAt time.Time
}

func (s *Server) jwtTemplate() *jwtTemplateRec {
	if s.st.jwtTemplate == nil {
		now := s.now()
		s.st.jwtTemplate = &jwtTemplateRec{content: "{}", createdAt: now, updatedAt: now}
	}
	return s.st.jwtTemplate
}

func (t *jwtTemplateRec) json() any {
	return map[string]any{"object": "jwt_template", "content": t.content, "created_at": ts(t.createdAt), "updated_at": ts(t.updatedAt)}
}

func (s *Server) handleGetJWTTemplate(w http.ResponseWriter, _ *http.Request, _ params) {
	s.mu.Lock()
	defer s.mu.Unlock()
	writeJSON(w, http.StatusOK, s.jwtTemplate().json())
}

func (s *Server) handleUpdateJWTTemplate(w http.ResponseWriter, r *http.Request, _ params) {
	var in struct {
		Content *string `json:"content"`
	}
	if !decodeBody(w, r, &in) {
		return
	}
	if in.Content == nil {
		invalidParams(w, "content is required.")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t := s.jwtTemplate()
	t.content, t.updatedAt = *in.Content, s.now()
	writeJSON(w, http.StatusOK, t.json())
}

// Radar.

type radarChallengeRec struct {
	id, userID, email, code string
	createdAt, expiresAt    time.Time
}

func (s *Server) handleSendRadarSMSChallenge(w http.ResponseWriter, r *http.Request, _ params) {
	var in struct {
		UserID       string `json:"user_id"`
		PendingToken string `json:"pending_authentication_token"`
		PhoneNumber  string `json:"phone_number"`
	}
	if !decodeBody(w, r, &in) {
		return
	}
	if in.UserID == "" || in.PendingToken == "" || in.PhoneNumber == "" {
		invalidParams(w, "user_id, pending_authentication_token and phone_number are required.")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if pr := s.st.pending[in.PendingToken]; pr == nil || pr.userID != in.UserID || !s.now().Before(pr.expiresAt) {
		writeError(w, http.StatusBadRequest, "invalid_pending_authentication_token", "The pending authentication token is invalid or expired.")
		return
	}
	writeJSON(w, http.StatusCreated, map[string]any{"verification_id": s.newID("radar_verification"), "phone_number": in.PhoneNumber})
}

// PendingAuthenticationToken returns a fresh pending authentication token
// for userID, as a sign-in that Radar stopped would carry (the fake never
// stops one by itself). POST /user_management/radar_challenges accepts it
// for that user and refuses any other token with 400; the token expires
// after ten minutes of server time. It fails the test when the user does
// not exist.
func (s *Server) PendingAuthenticationToken(userID string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	u := s.st.users[userID]
	if u == nil {
		s.failf("workostest: PendingAuthenticationToken: unknown user %q", userID)
	}
	return s.newPending(u, signIn{method: "Password", challenges: true})
}

// CreateRadarChallenge records a Radar email challenge for userID, as Radar
// would when it finds a sign-in suspicious, and returns its ID, readable at
// GET /user_management/radar_challenges/{id}. It returns "" for an unknown
// user. The fake never raises Radar challenges by itself.
func (s *Server) CreateRadarChallenge(userID string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	u := s.st.users[userID]
	if u == nil {
		return ""
	}
	now := s.now()
	c := &radarChallengeRec{id: s.newID("radar_challenge"), userID: u.id, email: u.email, code: randomDigits(6), createdAt: now, expiresAt: now.Add(codeTTL)}
	s.st.radar[c.id] = c
	return c.id
}

func (s *Server) handleGetRadarChallenge(w http.ResponseWriter, _ *http.Request, p params) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.st.radar[p["id"]]
	if c == nil {
		notFound(w, "Radar challenge")
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"object": "radar_challenge", "id": c.id, "type": "email", "user_id": c.userID, "email": c.email, "code": c.code,
		"expires_at": ts(c.expiresAt), "created_at": ts(c.createdAt), "updated_at": ts(c.createdAt),
	})
}

// User API keys.

type apiKeyRec struct {
	id, userID, orgID, name, value string
	permissions                    []string
	expiresAt                      *time.Time
	createdAt                      time.Time
}

func (k *apiKeyRec) getID() string { return k.id }

func (k *apiKeyRec) json(withValue bool) map[string]any {
	out := map[string]any{
		"object": "api_key", "id": k.id, "owner": map[string]any{"type": "user", "id": k.userID, "organization_id": k.orgID},
		"name": k.name, "obfuscated_value": "sk_user_****" + k.value[len(k.value)-4:], "last_used_at": nil,
		"expires_at": tsPtr(k.expiresAt), "permissions": k.permissions, "created_at": ts(k.createdAt), "updated_at": ts(k.createdAt),
	}
	if withValue {
		out["value"] = k.value
	}
	return out
}

func (s *Server) handleListUserAPIKeys(w http.ResponseWriter, r *http.Request, p params) {
	org := r.URL.Query().Get("organization_id")
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.lookupUser(w, p["id"]) == nil {
		return
	}
	var out []*apiKeyRec
	for _, k := range s.st.apiKeys {
		if k.userID == p["id"] && (org == "" || k.orgID == org) {
			out = append(out, k)
		}
	}
	paginate(w, r, out, idOf[*apiKeyRec], func(k *apiKeyRec) any { return k.json(false) })
}

func (s *Server) handleCreateUserAPIKey(w http.ResponseWriter, r *http.Request, p params) {
	var in struct {
		Name        string     `json:"name"`
		OrgID       string     `json:"organization_id"`
		Permissions []string   `json:"permissions"`
		ExpiresAt   *time.Time `json:"expires_at"`
	}
	if !decodeBody(w, r, &in) {
		return
	}
	if in.Name == "" || in.OrgID == "" {
		writeJSON(w, http.StatusUnprocessableEntity, map[string]any{"message": "name and organization_id are required"})
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.lookupUser(w, p["id"]) == nil {
		return
	}
	if s.st.orgs[in.OrgID] == nil {
		notFound(w, "Organization")
		return
	}
	perms := slices.Clone(in.Permissions)
	if perms == nil {
		perms = []string{}
	}
	k := &apiKeyRec{id: s.newID("api_key"), userID: p["id"], orgID: in.OrgID, name: in.Name, value: "sk_user_" + randomToken(32), permissions: perms, expiresAt: in.ExpiresAt, createdAt: s.now()}
	s.st.apiKeys[k.id] = k
	writeJSON(w, http.StatusCreated, k.json(true))
}

// Feature flags: the fake has none, so the list is empty.

func (s *Server) handleListFeatureFlags(w http.ResponseWriter, r *http.Request, p params) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.lookupUser(w, p["id"]) == nil {
		return
	}
	paginate(w, r, []*userRec(nil), idOf[*userRec], func(*userRec) any { return nil })
}

// Authorized applications: OAuth applications a user granted access to,
// seeded with AddAuthorizedApplication.

type authorizedAppRec struct {
	id, userID, appID, clientID, name string
	scopes                            []string
	createdAt                         time.Time
}

func (a *authorizedAppRec) getID() string { return a.id }

func (a *authorizedAppRec) json() any {
	return map[string]any{
		"object": "authorized_connect_application", "id": a.id, "granted_scopes": a.scopes,
		"application": map[string]any{
			"object": "connect_application", "id": a.appID, "client_id": a.clientID, "description": nil, "name": a.name,
			"scopes": a.scopes, "created_at": ts(a.createdAt), "updated_at": ts(a.createdAt),
			"application_type": "oauth", "redirect_uris": []any{}, "uses_pkce": true, "is_first_party": true,
		},
	}
}

// AddAuthorizedApplication records that userID granted the OAuth
// application name the given scopes, as a consent screen would, and returns
// the application's ID (conn_app_...). The grant is listed by
// ListUserAuthorizedApplications, and DeleteUserAuthorizedApplication with
// that ID or the application's client ID removes it; any other ID answers
// 404. It fails the test when the user does not exist.
func (s *Server) AddAuthorizedApplication(userID, name string, scopes ...string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.st.users[userID] == nil {
		s.failf("workostest: AddAuthorizedApplication: unknown user %q", userID)
	}
	if scopes == nil {
		scopes = []string{}
	}
	a := &authorizedAppRec{
		id: s.newID("authorized_connect_app"), userID: userID, appID: s.newID("conn_app"), clientID: s.newID("client"),
		name: name, scopes: slices.Clone(scopes), createdAt: s.now(),
	}
	s.st.authorizedApps[a.id] = a
	return a.appID
}

func (s *Server) handleListAuthorizedApps(w http.ResponseWriter, r *http.Request, p params) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.lookupUser(w, p["id"]) == nil {
		return
	}
	var out []*authorizedAppRec
	for _, a := range s.st.authorizedApps {
		if a.userID == p["id"] {
			out = append(out, a)
		}
	}
	paginate(w, r, out, idOf[*authorizedAppRec], func(a *authorizedAppRec) any { return a.json() })
}

func (s *Server) handleDeleteAuthorizedApp(w http.ResponseWriter, _ *http.Request, p params) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.lookupUser(w, p["id"]) == nil {
		return
	}
	for id, a := range s.st.authorizedApps {
		if a.userID == p["id"] && (a.appID == p["application_id"] || a.clientID == p["application_id"]) {
			delete(s.st.authorizedApps, id)
			w.WriteHeader(http.StatusNoContent)
			return
		}
	}
	notFound(w, "Authorized application")
}

// Connected accounts.

type connectedAccountRec struct {
	id, userID, orgID    string
	scopes               []string
	state                string
	createdAt, updatedAt time.Time
}

func (c *connectedAccountRec) json() map[string]any {
	var org *string
	if c.orgID != "" {
		org = &c.orgID
	}
	return map[string]any{
		"object": "connected_account", "id": c.id, "user_id": c.userID, "organization_id": org, "scopes": c.scopes,
		"auth_method": "oauth", "state": c.state, "created_at": ts(c.createdAt), "updated_at": ts(c.updatedAt),
	}
}

type connectedInput struct {
	AccessToken  *string    `json:"access_token"`
	RefreshToken *string    `json:"refresh_token"`
	ExpiresAt    *time.Time `json:"expires_at"`
	Scopes       []string   `json:"scopes"`
	State        *string    `json:"state"`
}

func (in *connectedInput) valid(w http.ResponseWriter) bool {
	if in.State != nil && *in.State != "connected" && *in.State != "needs_reauthorization" {
		writeJSON(w, http.StatusUnprocessableEntity, map[string]any{"message": "state must be connected or needs_reauthorization"})
		return false
	}
	return true
}

func connectedKey(r *http.Request, p params) string {
	return p["id"] + "|" + p["slug"] + "|" + r.URL.Query().Get("organization_id")
}

func (s *Server) handleGetConnectedAccount(w http.ResponseWriter, r *http.Request, p params) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.lookupUser(w, p["id"]) == nil {
		return
	}
	if c := s.st.connected[connectedKey(r, p)]; c != nil {
		writeJSON(w, http.StatusOK, c.json())
		return
	}
	notFound(w, "Connected account")
}

func (s *Server) handleCreateConnectedAccount(w http.ResponseWriter, r *http.Request, p params) {
	var in connectedInput
	if !decodeBody(w, r, &in) || !in.valid(w) {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.lookupUser(w, p["id"]) == nil {
		return
	}
	key := connectedKey(r, p)
	if s.st.connected[key] != nil {
		writeJSON(w, http.StatusConflict, map[string]any{"message": "A connected account already exists for this provider."})
		return
	}
	now := s.now()
	c := &connectedAccountRec{id: s.newID("connected_account"), userID: p["id"], orgID: r.URL.Query().Get("organization_id"), scopes: []string{}, state: "connected", createdAt: now, updatedAt: now}
	c.apply(&in)
	s.st.connected[key] = c
	writeJSON(w, http.StatusCreated, c.json())
}

func (c *connectedAccountRec) apply(in *connectedInput) {
	if in.Scopes != nil {
		c.scopes = slices.Clone(in.Scopes)
	}
	if in.State != nil {
		c.state = *in.State
	}
}

func (s *Server) handleUpdateConnectedAccount(w http.ResponseWriter, r *http.Request, p params) {
	var in connectedInput
	if !decodeBody(w, r, &in) || !in.valid(w) {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.lookupUser(w, p["id"]) == nil {
		return
	}
	c := s.st.connected[connectedKey(r, p)]
	if c == nil {
		notFound(w, "Connected account")
		return
	}
	c.apply(&in)
	c.updatedAt = s.now()
	writeJSON(w, http.StatusOK, c.json())
}

func (s *Server) handleDeleteConnectedAccount(w http.ResponseWriter, r *http.Request, p params) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.lookupUser(w, p["id"]) == nil {
		return
	}
	key := connectedKey(r, p)
	if s.st.connected[key] == nil {
		notFound(w, "Connected account")
		return
	}
	delete(s.st.connected, key)
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) handleDataProviders(w http.ResponseWriter, _ *http.Request, p params) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.lookupUser(w, p["id"]) == nil {
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"object": "list", "data": []any{}})
}
