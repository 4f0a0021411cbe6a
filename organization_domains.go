package workos

import (
	"context"
	"net/http"
	"strings"
	"time"
)

// OrganizationDomainState is where a domain's ownership check stands.
// Values the SDK does not list still decode.
type OrganizationDomainState string

// Organization domain states.
const (
	// OrganizationDomainStatePending waits for the DNS TXT record that
	// proves ownership.
	OrganizationDomainStatePending OrganizationDomainState = "pending"
	// OrganizationDomainStateVerified is proven (or vouched for by the
	// caller): users with emails on it can be matched to the
	// organization.
	OrganizationDomainStateVerified OrganizationDomainState = "verified"
	// OrganizationDomainStateFailed could not be verified.
	OrganizationDomainStateFailed OrganizationDomainState = "failed"
	// OrganizationDomainStateUnverified has not started verification.
	OrganizationDomainStateUnverified OrganizationDomainState = "unverified"
	// OrganizationDomainStateLegacyVerified was verified under an older
	// scheme and is treated as verified.
	OrganizationDomainStateLegacyVerified OrganizationDomainState = "legacy_verified"
)

// OrganizationDomainVerificationStrategy is how a domain is verified.
// Values the SDK does not list still decode.
type OrganizationDomainVerificationStrategy string

// Verification strategies.
const (
	// OrganizationDomainVerificationStrategyDNS checks a DNS TXT record.
	OrganizationDomainVerificationStrategyDNS OrganizationDomainVerificationStrategy = "dns"
	// OrganizationDomainVerificationStrategyManual was verified by hand.
	OrganizationDomainVerificationStrategyManual OrganizationDomainVerificationStrategy = "manual"
)

// OrganizationDomain is an email domain an organization owns, with the
// state of its ownership check.
type OrganizationDomain struct {
	// Object is "organization_domain".
	Object string `json:"object"`
	// ID is the domain's ID, "org_domain_...".
	ID string `json:"id"`
	// OrganizationID is the organization owning the domain.
	OrganizationID string `json:"organization_id"`
	// Domain is the domain name, such as "foo-corp.com".
	Domain string `json:"domain"`
	// State is where verification stands.
	State OrganizationDomainState `json:"state,omitempty"`
	// VerificationPrefix is the DNS name prefix of the TXT record that
	// proves ownership.
	VerificationPrefix string `json:"verification_prefix,omitempty"`
	// VerificationToken is the value that TXT record must hold. It is
	// published in DNS, so it is not a secret.
	VerificationToken string `json:"verification_token,omitempty"`
	// VerificationStrategy is how the domain is verified.
	VerificationStrategy OrganizationDomainVerificationStrategy `json:"verification_strategy,omitempty"`
	// CreatedAt is when the domain was added.
	CreatedAt time.Time `json:"created_at"`
	// UpdatedAt is when the domain last changed.
	UpdatedAt time.Time `json:"updated_at"`
	APIResource
}

// CreateOrganizationDomainParams describes a domain to add to an
// organization.
type CreateOrganizationDomainParams struct {
	// OrganizationID is the organization the domain joins. Required.
	OrganizationID string `json:"organization_id"`
	// Domain is the domain name, such as "foo-corp.com". Required.
	Domain string `json:"domain"`
}

// CreateOrganizationDomain adds a domain to an organization in the pending
// state; VerifyOrganizationDomain starts its DNS check. A domain that is
// already taken fails with a 409 domain_already_exists.
func (s *OrganizationsService) CreateOrganizationDomain(ctx context.Context, params CreateOrganizationDomainParams, opts ...Option) (*OrganizationDomain, error) {
	if params.OrganizationID == "" {
		return nil, invalidParams("OrganizationID is required")
	}
	if strings.TrimSpace(params.Domain) == "" {
		return nil, invalidParams("Domain is required")
	}
	return send[OrganizationDomain](ctx, s.client, call{method: http.MethodPost, path: "/organization_domains", body: &params}, opts)
}

// GetOrganizationDomain fetches a domain by ID with its verification state
// and DNS record. An unknown ID fails with an error matching ErrNotFound.
func (s *OrganizationsService) GetOrganizationDomain(ctx context.Context, id string, opts ...Option) (*OrganizationDomain, error) {
	return send[OrganizationDomain](ctx, s.client, call{method: http.MethodGet, path: "/organization_domains/{organization_domain_id}", params: []string{id}}, opts)
}

// DeleteOrganizationDomain removes a domain from its organization for
// good.
func (s *OrganizationsService) DeleteOrganizationDomain(ctx context.Context, id string, opts ...Option) (*Response, error) {
	return s.client.do(ctx, call{method: http.MethodDelete, path: "/organization_domains/{organization_domain_id}", params: []string{id}}, nil, opts)
}

// VerifyOrganizationDomain starts the DNS check of a domain and returns it
// with its new state. A domain already verified fails with a 400
// domain_already_verified.
func (s *OrganizationsService) VerifyOrganizationDomain(ctx context.Context, id string, opts ...Option) (*OrganizationDomain, error) {
	return send[OrganizationDomain](ctx, s.client, call{method: http.MethodPost, path: "/organization_domains/{organization_domain_id}/verify", params: []string{id}}, opts)
}
