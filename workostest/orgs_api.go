package workostest

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"time"
)

// The Organizations API: organizations and their domains.
//
// Every change to an organization or a domain goes through one of the
// mutation functions below (insertOrganization, updateOrganization,
// removeOrganization, insertDomain, setDomainState, removeDomain), whether
// it comes from the API or from the test API, so anything that must follow
// every change (such as recording events) is added in one place. Callers
// hold s.mu.

type orgRec struct {
	id, name             string
	externalID           *string
	metadata             map[string]string
	stripeCustomerID     string
	allowProfiles        bool
	createdAt, updatedAt time.Time
}

func (o *orgRec) getID() string { return o.id }

// domainRec is a domain an organization owns.
type domainRec struct {
	id, orgID, domain    string
	state                string
	prefix, token        string
	createdAt, updatedAt time.Time
}

func (d *domainRec) getID() string { return d.id }

// Organization identifies an organization created through the test API.
type Organization struct {
	// ID is the organization's ID (org_...).
	ID string
	// Name is its display name.
	Name string
}

// CreateOrganization adds an organization without going through the API
// and returns it. Code under test usually creates its organizations with
// the SDK's Organizations.CreateOrganization instead.
func (s *Server) CreateOrganization(name string) Organization {
	s.mu.Lock()
	defer s.mu.Unlock()
	o := s.insertOrganization(orgInput{Name: &name})
	return Organization{ID: o.id, Name: o.name}
}

// Domain states the fake uses.
const (
	domainPending  = "pending"
	domainVerified = "verified"
)

// orgInput is the body of a create or update. The Raw fields tell an
// explicit null from an absent field.
type orgInput struct {
	Name             *string         `json:"name"`
	Domains          []string        `json:"domains"`
	DomainData       []domainData    `json:"domain_data"`
	RawMetadata      json.RawMessage `json:"metadata"`
	RawExternalID    json.RawMessage `json:"external_id"`
	StripeCustomerID *string         `json:"stripe_customer_id"`
	AllowProfiles    *bool           `json:"allow_profiles_outside_organization"`

	metadata      map[string]*string // a nil value deletes the key
	clearMetadata bool
	externalID    *string
	extSet        bool
}

type domainData struct {
	Domain string `json:"domain"`
	State  string `json:"state"`
}

// parse decodes and checks the body; it answers and returns false when the
// body is invalid.
func (in *orgInput) parse(w http.ResponseWriter, r *http.Request) bool {
	if !decodeBody(w, r, in) {
		return false
	}
	in.clearMetadata = string(in.RawMetadata) == "null"
	if len(in.RawMetadata) > 0 && !in.clearMetadata {
		if err := json.Unmarshal(in.RawMetadata, &in.metadata); err != nil {
			invalidParams(w, "metadata must be an object of strings.")
			return false
		}
	}
	var ok bool
	if in.externalID, in.extSet, ok = nullableString(w, in.RawExternalID, "external_id"); !ok {
		return false
	}
	if in.Name != nil && strings.TrimSpace(*in.Name) == "" {
		invalidParams(w, "name must not be empty.")
		return false
	}
	for _, d := range in.wantedDomains() {
		if !validDomain(d.Domain) || (d.State != domainPending && d.State != domainVerified) {
			invalidParams(w, "domain_data needs a valid domain and a state of pending or verified.")
			return false
		}
	}
	return validateMetadata(w, in.metadata)
}

// wantedDomains is domain_data, or the deprecated domains as pending ones.
func (in *orgInput) wantedDomains() []domainData {
	if in.DomainData != nil || in.Domains == nil {
		return in.DomainData
	}
	out := make([]domainData, len(in.Domains))
	for i, d := range in.Domains {
		out[i] = domainData{Domain: d, State: domainPending}
	}
	return out
}

func validDomain(d string) bool {
	return d != "" && strings.Contains(d, ".") && !strings.ContainsAny(d, " /@") && d == strings.ToLower(d)
}

// checkOrgConflicts answers the API's error when in would take an external
// ID, Stripe customer or domain another organization has. self is the
// organization being updated, nil on create.
func (s *Server) checkOrgConflicts(w http.ResponseWriter, in *orgInput, self *orgRec) bool {
	for _, o := range s.st.orgs {
		if o == self {
			continue
		}
		if in.extSet && in.externalID != nil && o.externalID != nil && *o.externalID == *in.externalID {
			writeError(w, http.StatusBadRequest, "external_id_already_used", "This external ID is already used by another organization.")
			return false
		}
		if in.StripeCustomerID != nil && *in.StripeCustomerID != "" && o.stripeCustomerID == *in.StripeCustomerID {
			writeError(w, http.StatusBadRequest, "stripe_customer_id_already_used", "This Stripe customer is already linked to another organization.")
			return false
		}
	}
	for _, d := range in.wantedDomains() {
		if owner := s.domainByName(d.Domain); owner != nil && (self == nil || owner.orgID != self.id) {
			writeJSON(w, http.StatusConflict, map[string]any{"message": "The domain " + d.Domain + " belongs to another organization."})
			return false
		}
	}
	return true
}

// insertOrganization creates an organization from a checked create body.
func (s *Server) insertOrganization(in orgInput) *orgRec {
	now := s.now()
	o := &orgRec{id: s.newID("org"), metadata: map[string]string{}, createdAt: now, updatedAt: now}
	if in.Name != nil {
		o.name = *in.Name
	}
	s.st.orgs[o.id] = o
	// The organization's event comes first, then one per domain, as the
	// domains are objects of their own.
	fields := in
	fields.Domains, fields.DomainData = nil, nil
	s.applyOrgFields(o, &fields)
	s.recordEvent("organization.created", s.orgJSON(o))
	s.applyOrgFields(o, &orgInput{Domains: in.Domains, DomainData: in.DomainData})
	return o
}

// updateOrganization applies a checked update body to o.
func (s *Server) updateOrganization(o *orgRec, in *orgInput) {
	if in.Name != nil {
		o.name = *in.Name
	}
	s.applyOrgFields(o, in)
	o.updatedAt = s.now()
	s.recordEvent("organization.updated", s.orgJSON(o))
}

// applyOrgFields writes the fields a create and an update share.
func (s *Server) applyOrgFields(o *orgRec, in *orgInput) {
	o.metadata = mergeMetadata(o.metadata, in.clearMetadata, in.metadata)
	if in.extSet {
		o.externalID = in.externalID
	}
	if in.StripeCustomerID != nil {
		o.stripeCustomerID = *in.StripeCustomerID
	}
	if in.AllowProfiles != nil {
		o.allowProfiles = *in.AllowProfiles
	}
	wanted := in.wantedDomains()
	if wanted == nil {
		return
	}
	keep := map[string]bool{}
	for _, d := range wanted {
		keep[d.Domain] = true
		if cur := s.domainByName(d.Domain); cur != nil {
			if d.State == domainVerified && cur.state != domainVerified {
				s.setDomainState(cur, domainVerified)
			}
			continue
		}
		s.insertDomain(o.id, d.Domain, d.State)
	}
	for _, d := range s.domainsOf(o.id) {
		if !keep[d.domain] {
			s.removeDomain(d)
		}
	}
}

// removeOrganization deletes o with its domains, custom roles and
// memberships.
func (s *Server) removeOrganization(o *orgRec) {
	for _, d := range s.domainsOf(o.id) {
		s.removeDomain(d)
	}
	for k, r := range s.st.roles {
		if r.orgID == o.id {
			delete(s.st.roles, k)
		}
	}
	memberships := values(s.st.memberships)
	sortByID(memberships, idOf[*membershipRec])
	for _, m := range memberships {
		if m.orgID == o.id {
			s.recordEvent("organization_membership.deleted", s.membershipJSON(m))
			delete(s.st.memberships, m.id)
		}
	}
	for id, i := range s.st.invitations {
		if i.orgID != nil && *i.orgID == o.id {
			delete(s.st.invitations, id) // accepting one would join an organization that is gone
		}
	}
	s.recordEvent("organization.deleted", s.orgJSON(o))
	delete(s.st.orgs, o.id)
}

// insertDomain adds domain to orgID in state.
func (s *Server) insertDomain(orgID, domain, state string) *domainRec {
	now := s.now()
	d := &domainRec{
		id: s.newID("org_domain"), orgID: orgID, domain: domain, state: state,
		prefix: "workostest-domain-verification-" + strings.ToLower(randomToken(6)), token: randomToken(25),
		createdAt: now, updatedAt: now,
	}
	s.st.domains[d.id] = d
	s.recordEvent("organization_domain.created", d.json())
	return d
}

// setDomainState moves d to state.
func (s *Server) setDomainState(d *domainRec, state string) {
	d.state = state
	d.updatedAt = s.now()
	if state == domainVerified {
		s.recordEvent("organization_domain.verified", d.json())
	} else {
		s.recordEvent("organization_domain.updated", d.json())
	}
}

// removeDomain deletes d.
func (s *Server) removeDomain(d *domainRec) {
	s.recordEvent("organization_domain.deleted", d.json())
	delete(s.st.domains, d.id)
}

func (s *Server) domainByName(name string) *domainRec {
	for _, d := range s.st.domains {
		if d.domain == name {
			return d
		}
	}
	return nil
}

// domainsOf returns the domains of orgID, oldest first.
func (s *Server) domainsOf(orgID string) []*domainRec {
	var out []*domainRec
	for _, d := range s.st.domains {
		if d.orgID == orgID {
			out = append(out, d)
		}
	}
	sortByID(out, idOf[*domainRec])
	return out
}

// mergeMetadata returns old after an update: cleared first when clear is
// set, then each key of upd set, or deleted when its value is nil.
func mergeMetadata(old map[string]string, clear bool, upd map[string]*string) map[string]string {
	md := map[string]string{}
	if !clear {
		for k, v := range old {
			md[k] = v
		}
	}
	for k, v := range upd {
		if v == nil {
			delete(md, k)
		} else {
			md[k] = *v
		}
	}
	return md
}

func (d *domainRec) json() map[string]any {
	return map[string]any{
		"object": "organization_domain", "id": d.id, "organization_id": d.orgID, "domain": d.domain, "state": d.state,
		"verification_prefix": d.prefix, "verification_token": d.token, "verification_strategy": "dns",
		"created_at": ts(d.createdAt), "updated_at": ts(d.updatedAt),
	}
}

func (s *Server) orgJSON(o *orgRec) any {
	domains := []any{}
	for _, d := range s.domainsOf(o.id) {
		domains = append(domains, d.json())
	}
	out := map[string]any{
		"object": "organization", "id": o.id, "name": o.name, "domains": domains, "metadata": o.metadata,
		"external_id": o.externalID, "allow_profiles_outside_organization": o.allowProfiles,
		"created_at": ts(o.createdAt), "updated_at": ts(o.updatedAt),
	}
	if o.stripeCustomerID != "" {
		out["stripe_customer_id"] = o.stripeCustomerID
	}
	return out
}

func (s *Server) lookupOrganization(w http.ResponseWriter, id string) *orgRec {
	o := s.st.orgs[id]
	if o == nil {
		writeJSON(w, http.StatusNotFound, map[string]any{"message": "Organization not found: '" + id + "'."})
	}
	return o
}

func (s *Server) handleListOrganizations(w http.ResponseWriter, r *http.Request, _ params) {
	q := r.URL.Query()
	var domains []string
	if v := q.Get("domains"); v != "" {
		domains = strings.Split(v, ",")
	}
	search := strings.ToLower(q.Get("search"))
	s.mu.Lock()
	defer s.mu.Unlock()
	var orgs []*orgRec
	for _, o := range s.st.orgs {
		if search != "" && !strings.Contains(strings.ToLower(o.name), search) {
			continue
		}
		if domains != nil && !slices.ContainsFunc(s.domainsOf(o.id), func(d *domainRec) bool { return slices.Contains(domains, d.domain) }) {
			continue
		}
		orgs = append(orgs, o)
	}
	paginate(w, r, orgs, idOf[*orgRec], s.orgJSON)
}

func (s *Server) handleCreateOrganization(w http.ResponseWriter, r *http.Request, _ params) {
	var in orgInput
	if !in.parse(w, r) {
		return
	}
	if in.Name == nil {
		invalidParams(w, "name is required.")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.checkOrgConflicts(w, &in, nil) {
		return
	}
	writeJSON(w, http.StatusCreated, s.orgJSON(s.insertOrganization(in)))
}

func (s *Server) handleGetOrganization(w http.ResponseWriter, _ *http.Request, p params) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if o := s.lookupOrganization(w, p["id"]); o != nil {
		writeJSON(w, http.StatusOK, s.orgJSON(o))
	}
}

func (s *Server) handleGetOrganizationByExternalID(w http.ResponseWriter, _ *http.Request, p params) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, o := range s.st.orgs {
		if o.externalID != nil && *o.externalID == p["external_id"] {
			writeJSON(w, http.StatusOK, s.orgJSON(o))
			return
		}
	}
	writeJSON(w, http.StatusNotFound, map[string]any{"message": "Organization not found: '" + p["external_id"] + "'."})
}

func (s *Server) handleUpdateOrganization(w http.ResponseWriter, r *http.Request, p params) {
	var in orgInput
	if !in.parse(w, r) {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	o := s.lookupOrganization(w, p["id"])
	if o == nil || !s.checkOrgConflicts(w, &in, o) {
		return
	}
	if md := mergeMetadata(o.metadata, in.clearMetadata, in.metadata); len(md) > 50 {
		writeError(w, http.StatusBadRequest, "invalid_metadata", "Metadata may have at most 50 keys.")
		return
	}
	s.updateOrganization(o, &in)
	writeJSON(w, http.StatusOK, s.orgJSON(o))
}

func (s *Server) handleDeleteOrganization(w http.ResponseWriter, _ *http.Request, p params) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if o := s.lookupOrganization(w, p["id"]); o != nil {
		s.removeOrganization(o)
		w.WriteHeader(http.StatusOK)
	}
}

func (s *Server) handleCreateDomain(w http.ResponseWriter, r *http.Request, _ params) {
	var in struct {
		Domain         string `json:"domain"`
		OrganizationID string `json:"organization_id"`
	}
	if !decodeBody(w, r, &in) {
		return
	}
	if in.OrganizationID == "" || !validDomain(in.Domain) {
		invalidParams(w, "organization_id and a valid, lower-case domain are required.")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.lookupOrganization(w, in.OrganizationID) == nil {
		return
	}
	if s.domainByName(in.Domain) != nil {
		writeError(w, http.StatusConflict, "domain_already_exists", "Domain already exists for this organization.")
		return
	}
	writeJSON(w, http.StatusCreated, s.insertDomain(in.OrganizationID, in.Domain, domainPending).json())
}

func (s *Server) lookupDomain(w http.ResponseWriter, id string) *domainRec {
	return lookup(w, s.st.domains, id, "Organization domain")
}

func (s *Server) handleGetDomain(w http.ResponseWriter, _ *http.Request, p params) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if d := s.lookupDomain(w, p["id"]); d != nil {
		writeJSON(w, http.StatusOK, d.json())
	}
}

func (s *Server) handleDeleteDomain(w http.ResponseWriter, _ *http.Request, p params) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if d := s.lookupDomain(w, p["id"]); d != nil {
		s.removeDomain(d)
		w.WriteHeader(http.StatusNoContent)
	}
}

// handleVerifyDomain verifies a domain at once: the fake has no DNS to
// check, so every TXT record counts as published.
func (s *Server) handleVerifyDomain(w http.ResponseWriter, _ *http.Request, p params) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.lookupDomain(w, p["id"])
	if d == nil {
		return
	}
	if d.state == domainVerified {
		writeError(w, http.StatusBadRequest, "domain_already_verified", "Domain is already verified.")
		return
	}
	s.setDomainState(d, domainVerified)
	writeJSON(w, http.StatusCreated, d.json())
}
