package workostest

import (
	"bytes"
	"crypto/subtle"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"time"
)

// params holds the values of a route's {placeholders}, unescaped.
type params map[string]string

type handlerFunc func(w http.ResponseWriter, r *http.Request, p params)

type route struct {
	method   string
	segments []string
	noAuth   bool
	handle   handlerFunc
}

// match reports whether the escaped path segs fit the route, and fills p.
func (rt *route) match(segs []string) (params, bool) {
	if len(segs) != len(rt.segments) {
		return nil, false
	}
	p := params{}
	for i, want := range rt.segments {
		if strings.HasPrefix(want, "{") {
			v, err := url.PathUnescape(segs[i])
			if err != nil || v == "" {
				return nil, false
			}
			p[want[1:len(want)-1]] = v
			continue
		}
		if segs[i] != want {
			return nil, false
		}
	}
	return p, true
}

// router returns the server's handler: it records the request, plays
// faults and idempotent replays, and dispatches to the operation.
func (s *Server) router() http.Handler {
	rs := s.routes()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { s.serve(rs, w, r) })
}

// routes lists every operation of the API. Routes are tried in order, so a
// literal segment (external_id) is listed before the placeholder it shadows.
func (s *Server) routes() []route {
	add := func(rs *[]route, method, pattern string, noAuth bool, h handlerFunc) {
		*rs = append(*rs, route{method: method, segments: strings.Split(strings.Trim(pattern, "/"), "/"), noAuth: noAuth, handle: h})
	}
	var rs []route
	const auth, open = false, true
	um := "/user_management"
	// Keys, authentication, sessions.
	add(&rs, "GET", "/sso/jwks/{clientId}", open, s.handleJWKS)
	add(&rs, "POST", um+"/authenticate", open, s.handleAuthenticate)
	add(&rs, "GET", um+"/authorize", open, s.handleAuthorize)
	add(&rs, "POST", um+"/authorize", open, s.handleAuthorize) // the sign-in page's forms
	add(&rs, "POST", um+"/authorize/device", open, s.handleDeviceAuthorization)
	// The standard OAuth device endpoint that the Ruby SDK's
	// authorize_device (the Go SDK's AuthorizeDevice) posts to. The spec
	// lacks it; it answers like the documented operation above.
	add(&rs, "POST", "/oauth2/device_authorization", open, s.handleDeviceAuthorization)
	add(&rs, "GET", um+"/sessions/logout", open, s.handleLogout)
	add(&rs, "POST", um+"/sessions/revoke", auth, s.handleRevokeSession)
	// Users.
	add(&rs, "GET", um+"/users", auth, s.handleListUsers)
	add(&rs, "POST", um+"/users", auth, s.handleCreateUser)
	add(&rs, "GET", um+"/users/external_id/{external_id}", auth, s.handleGetUserByExternalID)
	add(&rs, "GET", um+"/users/{id}", auth, s.handleGetUser)
	add(&rs, "PUT", um+"/users/{id}", auth, s.handleUpdateUser)
	add(&rs, "DELETE", um+"/users/{id}", auth, s.handleDeleteUser)
	add(&rs, "GET", um+"/users/{id}/identities", auth, s.handleIdentities)
	add(&rs, "GET", um+"/users/{id}/sessions", auth, s.handleListSessions)
	add(&rs, "POST", um+"/users/{id}/email_change/send", auth, s.handleSendEmailChange)
	add(&rs, "POST", um+"/users/{id}/email_change/confirm", auth, s.handleConfirmEmailChange)
	add(&rs, "POST", um+"/users/{id}/email_verification/send", auth, s.handleSendVerificationEmail)
	add(&rs, "POST", um+"/users/{id}/email_verification/confirm", auth, s.handleVerifyEmail)
	add(&rs, "GET", um+"/users/{id}/api_keys", auth, s.handleListUserAPIKeys)
	add(&rs, "POST", um+"/users/{id}/api_keys", auth, s.handleCreateUserAPIKey)
	add(&rs, "GET", um+"/users/{id}/feature-flags", auth, s.handleListFeatureFlags)
	add(&rs, "GET", um+"/users/{id}/authorized_applications", auth, s.handleListAuthorizedApps)
	add(&rs, "DELETE", um+"/users/{id}/authorized_applications/{application_id}", auth, s.handleDeleteAuthorizedApp)
	add(&rs, "GET", um+"/users/{id}/connected_accounts/{slug}", auth, s.handleGetConnectedAccount)
	add(&rs, "POST", um+"/users/{id}/connected_accounts/{slug}", auth, s.handleCreateConnectedAccount)
	add(&rs, "PUT", um+"/users/{id}/connected_accounts/{slug}", auth, s.handleUpdateConnectedAccount)
	add(&rs, "DELETE", um+"/users/{id}/connected_accounts/{slug}", auth, s.handleDeleteConnectedAccount)
	add(&rs, "GET", um+"/users/{id}/data_providers", auth, s.handleDataProviders)
	add(&rs, "GET", um+"/users/{id}/auth_factors", auth, s.handleListAuthFactors)
	add(&rs, "POST", um+"/users/{id}/auth_factors", auth, s.handleEnrollAuthFactor)
	// One-time codes and tokens.
	add(&rs, "GET", um+"/email_verification/{id}", auth, s.handleGetEmailVerification)
	add(&rs, "POST", um+"/magic_auth", auth, s.handleCreateMagicAuth)
	add(&rs, "GET", um+"/magic_auth/{id}", auth, s.handleGetMagicAuth)
	add(&rs, "POST", um+"/password_reset", auth, s.handleCreatePasswordReset)
	add(&rs, "POST", um+"/password_reset/confirm", auth, s.handleConfirmPasswordReset)
	add(&rs, "GET", um+"/password_reset/{id}", auth, s.handleGetPasswordReset)
	// Organization memberships.
	add(&rs, "GET", um+"/organization_memberships", auth, s.handleListMemberships)
	add(&rs, "POST", um+"/organization_memberships", auth, s.handleCreateMembership)
	add(&rs, "GET", um+"/organization_memberships/{id}", auth, s.handleGetMembership)
	add(&rs, "PUT", um+"/organization_memberships/{id}", auth, s.handleUpdateMembership)
	add(&rs, "DELETE", um+"/organization_memberships/{id}", auth, s.handleDeleteMembership)
	add(&rs, "PUT", um+"/organization_memberships/{id}/deactivate", auth, s.handleDeactivateMembership)
	add(&rs, "PUT", um+"/organization_memberships/{id}/reactivate", auth, s.handleReactivateMembership)
	add(&rs, "GET", um+"/organization_memberships/{id}/groups", auth, s.handleListGroups)
	// Organizations, their domains and roles.
	add(&rs, "GET", "/organizations", auth, s.handleListOrganizations)
	add(&rs, "POST", "/organizations", auth, s.handleCreateOrganization)
	add(&rs, "GET", "/organizations/external_id/{external_id}", auth, s.handleGetOrganizationByExternalID)
	add(&rs, "GET", "/organizations/{id}", auth, s.handleGetOrganization)
	add(&rs, "PUT", "/organizations/{id}", auth, s.handleUpdateOrganization)
	add(&rs, "DELETE", "/organizations/{id}", auth, s.handleDeleteOrganization)
	add(&rs, "POST", "/organization_domains", auth, s.handleCreateDomain)
	add(&rs, "GET", "/organization_domains/{id}", auth, s.handleGetDomain)
	add(&rs, "DELETE", "/organization_domains/{id}", auth, s.handleDeleteDomain)
	add(&rs, "POST", "/organization_domains/{id}/verify", auth, s.handleVerifyDomain)
	add(&rs, "GET", "/authorization/roles", auth, s.handleListRoles)
	add(&rs, "GET", "/authorization/roles/{slug}", auth, s.handleGetRole)
	add(&rs, "GET", "/authorization/organizations/{organization_id}/roles", auth, s.handleListOrganizationRoles)
	add(&rs, "GET", "/authorization/organizations/{organization_id}/roles/{slug}", auth, s.handleGetOrganizationRole)
	// Invitations.
	add(&rs, "GET", um+"/invitations", auth, s.handleListInvitations)
	add(&rs, "POST", um+"/invitations", auth, s.handleCreateInvitation)
	add(&rs, "GET", um+"/invitations/by_token/{token}", auth, s.handleGetInvitationByToken)
	add(&rs, "GET", um+"/invitations/{id}", auth, s.handleGetInvitation)
	add(&rs, "POST", um+"/invitations/{id}/accept", auth, s.handleAcceptInvitation)
	add(&rs, "POST", um+"/invitations/{id}/resend", auth, s.handleResendInvitation)
	add(&rs, "POST", um+"/invitations/{id}/revoke", auth, s.handleRevokeInvitation)
	// Environment configuration.
	add(&rs, "GET", um+"/cors_origins", auth, s.handleListCORSOrigins)
	add(&rs, "POST", um+"/cors_origins", auth, s.handleCreateCORSOrigin)
	add(&rs, "GET", um+"/redirect_uris", auth, s.handleListRedirectURIs)
	add(&rs, "POST", um+"/redirect_uris", auth, s.handleCreateRedirectURI)
	add(&rs, "DELETE", um+"/redirect_uris/{id}", auth, s.handleDeleteRedirectURI)
	add(&rs, "GET", um+"/jwt_template", auth, s.handleGetJWTTemplate)
	add(&rs, "PUT", um+"/jwt_template", auth, s.handleUpdateJWTTemplate)
	add(&rs, "POST", um+"/radar_challenges", auth, s.handleSendRadarSMSChallenge)
	add(&rs, "GET", um+"/radar_challenges/{id}", auth, s.handleGetRadarChallenge)
	// Events.
	add(&rs, "GET", "/events", auth, s.handleListEvents)
	// The device flow's verification_uri: a page, not an API operation.
	add(&rs, "GET", "/device", open, s.handleDevicePage)

	return rs
}

// serve answers one request: it records it, plays a matching fault or an
// idempotent replay, dispatches it, reports the exchange to the observer and
// sends the reply.
func (s *Server) serve(rs []route, w http.ResponseWriter, r *http.Request) {
	s.logRequest(r)
	// The body is read whole, within the body timeout, before anything
	// else: a client that stalls it gets no reply, and holds neither the
	// Idempotency-Key lock below nor Close for longer than the timeout.
	reqBody := s.readBody(w, r)
	r.Body = io.NopCloser(bytes.NewReader(reqBody))
	rec := httptest.NewRecorder()
	fault := s.takeFault(r)
	if fault != nil && fault.Status == 0 && !fault.Reset {
		// A pure delay: hold the request back, then serve it.
		if !s.delay(r, fault.Delay) {
			panic(http.ErrAbortHandler)
		}
		fault = nil
	}
	if fault == nil || fault.AfterHandling {
		// Requests with the same Idempotency-Key run one at a time, so a
		// concurrent duplicate gets the first one's stored reply.
		defer s.lockIdempotencyKey(r)()
		if !s.replayIdempotent(rec, r) {
			s.dispatch(rs, rec, r)
			s.storeIdempotent(r, rec)
		}
	}
	reply := rec
	if fault != nil {
		if !s.delay(r, fault.Delay) || fault.Reset {
			s.observeReset(r, reqBody)
			panic(http.ErrAbortHandler) // net/http drops the connection, no reply
		}
		reply = httptest.NewRecorder()
		writeFault(reply, fault)
	}
	reply.Header().Set("X-Request-ID", "req_"+randomToken(20))
	if s.cfg.observe != nil {
		s.cfg.observe(Exchange{
			Method: r.Method, Path: r.URL.Path, Query: r.URL.RawQuery, RequestHeader: r.Header.Clone(), RequestBody: reqBody,
			Status: reply.Code, Header: reply.Header().Clone(), Body: bytes.Clone(reply.Body.Bytes()), Fault: fault != nil,
		})
	}
	for k, v := range reply.Header() {
		w.Header()[k] = v
	}
	w.WriteHeader(reply.Code)
	_, _ = w.Write(reply.Body.Bytes())
}

// delay waits d, or until the client gives up or the server closes (then
// it reports false).
func (s *Server) delay(r *http.Request, d time.Duration) bool {
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-r.Context().Done():
		return false
	case <-s.closing:
		return false
	}
}

// observeReset reports a request answered with no reply to the observer,
// with status zero.
func (s *Server) observeReset(r *http.Request, reqBody []byte) {
	if s.cfg.observe != nil {
		s.cfg.observe(Exchange{Method: r.Method, Path: r.URL.Path, Query: r.URL.RawQuery, RequestHeader: r.Header.Clone(), RequestBody: reqBody, Fault: true})
	}
}

// readBody reads r's body (up to 1 MiB and one byte: the handlers' JSON
// decoding refuses more) with a read deadline of the body timeout. When
// the body does not arrive whole in time, or the client goes away, the
// connection is closed without a reply.
func (s *Server) readBody(w http.ResponseWriter, r *http.Request) []byte {
	rc := http.NewResponseController(w)
	if s.cfg.bodyTimeout > 0 {
		_ = rc.SetReadDeadline(time.Now().Add(s.cfg.bodyTimeout))
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20+1))
	if err != nil {
		// The deadline stays: net/http drains the body before closing the
		// connection, and that must not wait on the stalled client either.
		panic(http.ErrAbortHandler) // net/http closes the connection quietly
	}
	_ = rc.SetReadDeadline(time.Time{})
	return body
}

// dispatch runs the operation that matches r, or answers 401, 404 or 405.
func (s *Server) dispatch(rs []route, w http.ResponseWriter, r *http.Request) {
	segs := strings.Split(strings.Trim(r.URL.EscapedPath(), "/"), "/")
	pathMatched := false
	for i := range rs {
		rt := &rs[i]
		p, ok := rt.match(segs)
		if !ok {
			continue
		}
		pathMatched = true
		if rt.method != r.Method {
			continue
		}
		if !rt.noAuth && !s.authorized(r) {
			writeJSON(w, http.StatusUnauthorized, map[string]any{"message": "Unauthorized"})
			return
		}
		rt.handle(w, r, p)
		return
	}
	if pathMatched {
		writeJSON(w, http.StatusMethodNotAllowed, map[string]any{"message": "Method not allowed"})
		return
	}
	writeJSON(w, http.StatusNotFound, map[string]any{"message": "Not found"})
}

// authorized reports whether r carries the server's API key as Bearer token.
func (s *Server) authorized(r *http.Request) bool {
	h := r.Header.Get("Authorization")
	tok, ok := strings.CutPrefix(h, "Bearer ")
	return ok && subtle.ConstantTimeCompare([]byte(tok), []byte(s.cfg.apiKey)) == 1
}
