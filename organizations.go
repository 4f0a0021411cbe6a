package workos

import (
	"context"
	"net/http"
	"strings"
	"time"
)

// OrganizationsService is the Organizations API: the organizations users
// are members of, and the email domains each one owns. Reach it as
// client.Organizations. Method names follow the Ruby SDK's
// WorkOS::Organizations and WorkOS::OrganizationDomains (list_organizations
// is ListOrganizations); docs/PARITY.md maps each one.
type OrganizationsService struct {
	client *Client
}

// Organization is a customer of the application: a company or team whose
// users sign in as its members.
type Organization struct {
	// Object is "organization".
	Object string `json:"object"`
	// ID is the organization's ID, "org_...".
	ID string `json:"id"`
	// Name is the organization's display name; it need not be unique.
	Name string `json:"name"`
	// Domains lists the email domains the organization owns, with the
	// verification state of each.
	Domains []OrganizationDomain `json:"domains"`
	// Metadata holds up to 50 caller-defined string values.
	Metadata map[string]string `json:"metadata"`
	// ExternalID is the caller's own ID for the organization, nil when
	// unset.
	ExternalID *string `json:"external_id"`
	// StripeCustomerID is the Stripe customer billed for the
	// organization, empty when none is linked.
	StripeCustomerID string `json:"stripe_customer_id,omitempty"`
	// AllowProfilesOutsideOrganization reports whether SSO profiles with
	// emails outside the organization's domains may sign in.
	//
	// Deprecated: the API keeps it for old integrations only.
	AllowProfilesOutsideOrganization bool `json:"allow_profiles_outside_organization"`
	// CreatedAt is when the organization was created.
	CreatedAt time.Time `json:"created_at"`
	// UpdatedAt is when the organization last changed.
	UpdatedAt time.Time `json:"updated_at"`
	APIResource
}

// OrganizationDomainData is a domain to give an organization when creating
// or updating it, with the state it starts in.
type OrganizationDomainData struct {
	// Domain is the domain, such as "foo-corp.com". Required.
	Domain string `json:"domain"`
	// State is OrganizationDomainStatePending (to verify it by DNS) or
	// OrganizationDomainStateVerified (the caller vouches for it).
	// Required.
	State OrganizationDomainState `json:"state"`
}

// ListOrganizationsParams filters ListOrganizations.
type ListOrganizationsParams struct {
	ListParams
	// Domains keeps only organizations owning at least one of these
	// domains.
	Domains []string `url:"domains,comma,omitempty"`
	// Search keeps only organizations whose name matches this text.
	Search string `url:"search,omitempty"`
}

// ListOrganizations lists the environment's organizations, newest first by
// default. Nothing is sent until the List's Page, Pages or All is called.
func (s *OrganizationsService) ListOrganizations(ctx context.Context, params ListOrganizationsParams, opts ...Option) *List[Organization] {
	err := checkNoBlank(params.Domains, "Domains", "domain")
	return newList[Organization](ctx, s.client, call{method: http.MethodGet, path: "/organizations"}, params, err, opts)
}

// CreateOrganizationParams describes a new organization.
type CreateOrganizationParams struct {
	// Name is the organization's display name. Required.
	Name string `json:"name"`
	// DomainData gives the organization its email domains, each pending
	// or verified.
	DomainData []OrganizationDomainData `json:"domain_data,omitempty"`
	// Domains gives the organization domains by name only.
	//
	// Deprecated: use DomainData, which also sets each domain's state.
	Domains []string `json:"domains,omitempty"`
	// Metadata holds up to 50 string values under keys of at most 40
	// characters; each value is at most 600 characters.
	Metadata map[string]string `json:"metadata,omitempty"`
	// ExternalID is the caller's own ID for the organization: 1 to 128
	// ASCII characters, unique in the environment.
	ExternalID string `json:"external_id,omitempty"`
	// AllowProfilesOutsideOrganization lets SSO profiles with emails
	// outside the organization's domains sign in; nil leaves the API
	// default (false).
	AllowProfilesOutsideOrganization *bool `json:"allow_profiles_outside_organization,omitempty"`
}

// CreateOrganization creates an organization, optionally with its domains,
// metadata and external ID. A taken external ID fails with a 400
// external_id_already_used; a domain another organization owns fails with
// a 409.
func (s *OrganizationsService) CreateOrganization(ctx context.Context, params CreateOrganizationParams, opts ...Option) (*Organization, error) {
	if strings.TrimSpace(params.Name) == "" {
		return nil, invalidParams("Name is required")
	}
	if err := checkDomainData(params.DomainData); err != nil {
		return nil, err
	}
	if err := checkMetadata(params.Metadata); err != nil {
		return nil, err
	}
	if params.ExternalID != "" {
		if err := checkExternalID(params.ExternalID); err != nil {
			return nil, err
		}
	}
	return send[Organization](ctx, s.client, call{method: http.MethodPost, path: "/organizations", body: &params}, opts)
}

// GetOrganization fetches an organization by ID, with its domains and
// metadata. An unknown ID fails with an error matching ErrNotFound.
func (s *OrganizationsService) GetOrganization(ctx context.Context, id string, opts ...Option) (*Organization, error) {
	return send[Organization](ctx, s.client, call{method: http.MethodGet, path: "/organizations/{organization_id}", params: []string{id}}, opts)
}

// GetOrganizationByExternalID fetches the organization whose ExternalID is
// externalID. An unknown one fails with an error matching ErrNotFound.
func (s *OrganizationsService) GetOrganizationByExternalID(ctx context.Context, externalID string, opts ...Option) (*Organization, error) {
	return send[Organization](ctx, s.client, call{method: http.MethodGet, path: "/organizations/external_id/{external_id}", params: []string{externalID}}, opts)
}

// UpdateOrganizationParams lists the changes UpdateOrganization makes.
// Fields left at their zero value are not sent and stay as they are.
type UpdateOrganizationParams struct {
	// Name renames the organization.
	Name string `json:"name,omitempty"`
	// DomainData replaces the organization's domains. Nil leaves them
	// alone.
	DomainData []OrganizationDomainData `json:"domain_data,omitempty"`
	// Domains replaces the organization's domains by name only.
	//
	// Deprecated: use DomainData, which also sets each domain's state.
	Domains []string `json:"domains,omitempty"`
	// Metadata changes single keys and leaves the others alone:
	// workos.Value("v") sets a key and workos.Null[string]() deletes it.
	// Every entry must be one or the other. Limits as in
	// CreateOrganizationParams.
	Metadata map[string]Nullable[string] `json:"metadata,omitempty"`
	// ExternalID sets (workos.Value) or clears (workos.Null) the caller's
	// own ID for the organization.
	ExternalID Nullable[string] `json:"external_id,omitzero"`
	// StripeCustomerID links the organization to a Stripe customer, for
	// WorkOS's Stripe entitlements.
	StripeCustomerID string `json:"stripe_customer_id,omitempty"`
	// AllowProfilesOutsideOrganization turns the deprecated setting on
	// or off; nil leaves it.
	AllowProfilesOutsideOrganization *bool `json:"allow_profiles_outside_organization,omitempty"`
}

// UpdateOrganization changes an organization's name, domains, metadata,
// external ID or Stripe customer, and returns the updated organization.
func (s *OrganizationsService) UpdateOrganization(ctx context.Context, id string, params UpdateOrganizationParams, opts ...Option) (*Organization, error) {
	if err := checkDomainData(params.DomainData); err != nil {
		return nil, err
	}
	if err := checkMetadataUpdate(params.Metadata); err != nil {
		return nil, err
	}
	if v, ok := params.ExternalID.Get(); ok {
		if err := checkExternalID(v); err != nil {
			return nil, err
		}
	}
	return send[Organization](ctx, s.client, call{method: http.MethodPut, path: "/organizations/{organization_id}", params: []string{id}, body: &params}, opts)
}

// DeleteOrganization deletes an organization for good, with its domains
// and memberships. It cannot be undone.
func (s *OrganizationsService) DeleteOrganization(ctx context.Context, id string, opts ...Option) (*Response, error) {
	return s.client.do(ctx, call{method: http.MethodDelete, path: "/organizations/{organization_id}", params: []string{id}}, nil, opts)
}

// checkNoBlank refuses a list filter holding an empty or all-space entry:
// "<field> must not hold an empty <item>".
func checkNoBlank[S ~string](vs []S, field, item string) error {
	for _, v := range vs {
		if strings.TrimSpace(string(v)) == "" {
			return invalidParams("%s must not hold an empty %s", field, item)
		}
	}
	return nil
}

func checkDomainData(ds []OrganizationDomainData) error {
	for _, d := range ds {
		if strings.TrimSpace(d.Domain) == "" {
			return invalidParams("DomainData needs a Domain in every entry")
		}
		if d.State == "" {
			return invalidParams("DomainData entry %q needs a State", d.Domain)
		}
	}
	return nil
}
