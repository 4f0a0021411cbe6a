package workos

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// orgDomainJSON is a domain shaped like the spec's example, every field
// set.
const orgDomainJSON = `{
	"object": "organization_domain",
	"id": "org_domain_01EHZNVPK2QXHMVWCEDQEKY69A",
	"organization_id": "org_01EHZNVPK3SFK441A1RGBFSHRT",
	"domain": "foo-corp.com",
	"state": "pending",
	"verification_prefix": "superapp-domain-verification-z3kjny",
	"verification_token": "m5Oztg3jdK4NJLgs8uIlIprMw",
	"verification_strategy": "dns",
	"created_at": "2026-01-15T12:00:00.000Z",
	"updated_at": "2026-01-15T13:00:00.000Z"
}`

// orgJSON is an organization shaped like the spec's example, every field
// set.
const orgJSON = `{
	"object": "organization",
	"id": "org_01EHZNVPK3SFK441A1RGBFSHRT",
	"name": "Foo Corp",
	"domains": [` + orgDomainJSON + `],
	"metadata": {"tier": "diamond"},
	"external_id": "2fe01467-f7ea-4dd2-8b79-c2b4f56d0191",
	"stripe_customer_id": "cus_R9qWAGMQ6nGE7V",
	"allow_profiles_outside_organization": true,
	"created_at": "2026-01-15T12:00:00.000Z",
	"updated_at": "2026-01-15T13:00:00.000Z"
}`

func orgAssertDomain(t *testing.T, d OrganizationDomain) {
	t.Helper()
	assert.Equal(t, "organization_domain", d.Object)
	assert.Equal(t, "org_domain_01EHZNVPK2QXHMVWCEDQEKY69A", d.ID)
	assert.Equal(t, "org_01EHZNVPK3SFK441A1RGBFSHRT", d.OrganizationID)
	assert.Equal(t, "foo-corp.com", d.Domain)
	assert.Equal(t, OrganizationDomainStatePending, d.State)
	assert.Equal(t, "superapp-domain-verification-z3kjny", d.VerificationPrefix)
	assert.Equal(t, "m5Oztg3jdK4NJLgs8uIlIprMw", d.VerificationToken)
	assert.Equal(t, OrganizationDomainVerificationStrategyDNS, d.VerificationStrategy)
	assert.True(t, mustParseTime(t, "2026-01-15T12:00:00Z").Equal(d.CreatedAt))
	assert.True(t, mustParseTime(t, "2026-01-15T13:00:00Z").Equal(d.UpdatedAt))
}

func orgAssert(t *testing.T, o Organization) {
	t.Helper()
	assert.Equal(t, "organization", o.Object)
	assert.Equal(t, "org_01EHZNVPK3SFK441A1RGBFSHRT", o.ID)
	assert.Equal(t, "Foo Corp", o.Name)
	require.Len(t, o.Domains, 1)
	orgAssertDomain(t, o.Domains[0])
	assert.Nil(t, o.Domains[0].LastResponse, "nested values carry no reply")
	assert.Equal(t, map[string]string{"tier": "diamond"}, o.Metadata)
	assert.Equal(t, String("2fe01467-f7ea-4dd2-8b79-c2b4f56d0191"), o.ExternalID)
	assert.Equal(t, "cus_R9qWAGMQ6nGE7V", o.StripeCustomerID)
	assert.True(t, o.AllowProfilesOutsideOrganization)
	assert.True(t, mustParseTime(t, "2026-01-15T12:00:00Z").Equal(o.CreatedAt))
	assert.True(t, mustParseTime(t, "2026-01-15T13:00:00Z").Equal(o.UpdatedAt))
}

func TestListOrganizations_SendsFiltersAndDecodesPage(t *testing.T) {
	c, sent := newRecordingClient(t, cannedReply{200, `{"object":"list","data":[` + orgJSON + `],"list_metadata":{"before":"org_00","after":null}}`})
	page, err := c.Organizations.ListOrganizations(context.Background(), ListOrganizationsParams{
		ListParams: ListParams{Before: "org_01", Limit: 20, Order: OrderNormal},
		Domains:    []string{"foo-corp.com", "bar.io"},
		Search:     "Foo Corp",
	}).Page()
	require.NoError(t, err)
	assertRequest(t, onlyRequest(t, sent), "GET", "/organizations",
		"before=org_01&domains=foo-corp.com,bar.io&limit=20&order=normal&search=Foo+Corp", "")
	assert.Equal(t, "list", page.Object)
	require.Len(t, page.Data, 1)
	orgAssert(t, page.Data[0])
	assert.Equal(t, String("org_00"), page.ListMetadata.Before)
	assert.Nil(t, page.ListMetadata.After)
	assertResponseMeta(t, page.LastResponse, 200)
}

func TestListOrganizations_AutoPagingKeepsFiltersOnEveryPage(t *testing.T) {
	org := func(id string) string {
		return `{"object":"organization","id":"` + id + `","name":"N","domains":[],"metadata":{},"external_id":null,
			"created_at":"2026-01-15T12:00:00Z","updated_at":"2026-01-15T12:00:00Z"}`
	}
	c, sent := newRecordingClient(t,
		cannedReply{200, `{"object":"list","data":[` + org("org_1") + `,` + org("org_2") + `],"list_metadata":{"before":null,"after":"org_2"}}`},
		cannedReply{200, `{"object":"list","data":[` + org("org_3") + `],"list_metadata":{"before":"org_3","after":null}}`},
	)
	var ids []string
	for o, err := range c.Organizations.ListOrganizations(context.Background(), ListOrganizationsParams{Domains: []string{"foo-corp.com"}}).All() {
		require.NoError(t, err)
		ids = append(ids, o.ID)
		assert.Nil(t, o.ExternalID)
		assert.Empty(t, o.Domains)
		assert.Empty(t, o.StripeCustomerID)
	}
	assert.Equal(t, []string{"org_1", "org_2", "org_3"}, ids)
	reqs := sent()
	require.Len(t, reqs, 2)
	assertRequest(t, reqs[0], "GET", "/organizations", "domains=foo-corp.com&limit=100", "")
	assertRequest(t, reqs[1], "GET", "/organizations", "after=org_2&domains=foo-corp.com&limit=100", "")
}

func TestListOrganizations_RejectsEmptyDomainWithoutSending(t *testing.T) {
	c, sent := newRecordingClient(t)
	_, err := c.Organizations.ListOrganizations(context.Background(), ListOrganizationsParams{Domains: []string{"foo-corp.com", " "}}).Page()
	assert.ErrorIs(t, err, ErrInvalidParams)
	assert.ErrorContains(t, err, "Domains must not hold an empty domain")
	assert.Empty(t, sent())
}

func TestCreateOrganization_SendsEveryFieldAndDecodesReply(t *testing.T) {
	for _, tc := range []struct {
		name   string
		params CreateOrganizationParams
		body   string
	}{
		{"name only", CreateOrganizationParams{Name: "Foo Corp"}, `{"name":"Foo Corp"}`},
		{"every field", CreateOrganizationParams{
			Name:                             "Foo Corp",
			DomainData:                       []OrganizationDomainData{{Domain: "foo-corp.com", State: OrganizationDomainStateVerified}},
			Domains:                          []string{"old.foo-corp.com"},
			Metadata:                         map[string]string{"tier": "diamond"},
			ExternalID:                       "ext_12345",
			AllowProfilesOutsideOrganization: Bool(false),
		}, `{"name":"Foo Corp","domain_data":[{"domain":"foo-corp.com","state":"verified"}],"domains":["old.foo-corp.com"],
			"metadata":{"tier":"diamond"},"external_id":"ext_12345","allow_profiles_outside_organization":false}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, sent := newRecordingClient(t, cannedReply{201, orgJSON})
			o, err := c.Organizations.CreateOrganization(context.Background(), tc.params)
			require.NoError(t, err)
			req := onlyRequest(t, sent)
			assertRequest(t, req, "POST", "/organizations", "", tc.body)
			assert.NotEmpty(t, req.Header.Get("Idempotency-Key"), "a create carries an idempotency key")
			orgAssert(t, *o)
			assertResponseMeta(t, o.LastResponse, 201)
		})
	}
}

func TestCreateOrganization_RejectsBadInputWithoutSending(t *testing.T) {
	long := make([]byte, 129)
	for i := range long {
		long[i] = 'x'
	}
	for name, tc := range map[string]struct {
		p   CreateOrganizationParams
		msg string
	}{
		"no name":              {CreateOrganizationParams{Name: "  "}, "Name is required"},
		"domain without name":  {CreateOrganizationParams{Name: "A", DomainData: []OrganizationDomainData{{State: OrganizationDomainStatePending}}}, "DomainData needs a Domain in every entry"},
		"domain without state": {CreateOrganizationParams{Name: "A", DomainData: []OrganizationDomainData{{Domain: "a.com"}}}, `DomainData entry "a.com" needs a State`},
		"long external id":     {CreateOrganizationParams{Name: "A", ExternalID: string(long)}, "ExternalID has 129 characters, at most 128 allowed"},
		"non-ascii external":   {CreateOrganizationParams{Name: "A", ExternalID: "é"}, "ExternalID must be ASCII"},
		"too much metadata":    {CreateOrganizationParams{Name: "A", Metadata: orgTestMetadata(51)}, "Metadata has 51 keys, at most 50 allowed"},
	} {
		t.Run(name, func(t *testing.T) {
			c, sent := newRecordingClient(t)
			_, err := c.Organizations.CreateOrganization(context.Background(), tc.p)
			assert.ErrorIs(t, err, ErrInvalidParams)
			assert.ErrorContains(t, err, tc.msg)
			assert.Empty(t, sent())
		})
	}
}

func orgTestMetadata(n int) map[string]string {
	m := make(map[string]string, n)
	for i := range n {
		m[string(rune('a'+i%26))+string(rune('a'+i/26))] = "v"
	}
	return m
}

func TestCreateOrganization_SurfacesAPIErrors(t *testing.T) {
	for _, tc := range []struct {
		name     string
		status   int
		body     string
		sentinel error
		code     string
		message  string
	}{
		{"taken external id", 400, `{"code":"external_id_already_used","message":"Request could not be processed."}`, ErrBadRequest, "external_id_already_used", "Request could not be processed."},
		{"domain taken", 409, `{"message":"Domain already in use."}`, ErrConflict, "", "Domain already in use."},
		{"invalid", 422, `{"message":"Name is invalid."}`, ErrUnprocessable, "", "Name is invalid."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, _ := newRecordingClient(t, cannedReply{tc.status, tc.body})
			o, err := c.Organizations.CreateOrganization(context.Background(), CreateOrganizationParams{Name: "Foo Corp"})
			assert.Nil(t, o)
			assertAPIError(t, err, tc.sentinel, tc.status, tc.code, tc.message)
		})
	}
}

func TestGetOrganization_AndByExternalID_DecodeEveryField(t *testing.T) {
	for _, tc := range []struct {
		name string
		get  func(c *Client) (*Organization, error)
		path string
	}{
		{"by id", func(c *Client) (*Organization, error) {
			return c.Organizations.GetOrganization(context.Background(), "org_01EHZNVPK3SFK441A1RGBFSHRT")
		}, "/organizations/org_01EHZNVPK3SFK441A1RGBFSHRT"},
		{"by external id", func(c *Client) (*Organization, error) {
			return c.Organizations.GetOrganizationByExternalID(context.Background(), "crm/42 x")
		}, "/organizations/external_id/crm%2F42%20x"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, sent := newRecordingClient(t, cannedReply{200, orgJSON})
			o, err := tc.get(c)
			require.NoError(t, err)
			assertRequest(t, onlyRequest(t, sent), "GET", tc.path, "", "")
			orgAssert(t, *o)
			assertResponseMeta(t, o.LastResponse, 200)
		})
	}
}

func TestGetOrganization_UnknownIDMatchesErrNotFound(t *testing.T) {
	c, _ := newRecordingClient(t, cannedReply{404, `{"message":"Organization not found: 'org_x'."}`})
	o, err := c.Organizations.GetOrganization(context.Background(), "org_x")
	assert.Nil(t, o)
	assertAPIError(t, err, ErrNotFound, 404, "", "Organization not found: 'org_x'.")
}

func TestUpdateOrganization_SendsOnlySetFieldsAndExplicitNulls(t *testing.T) {
	for _, tc := range []struct {
		name   string
		params UpdateOrganizationParams
		body   string
	}{
		{"nothing", UpdateOrganizationParams{}, `{}`},
		{"clear external id and one metadata key", UpdateOrganizationParams{
			ExternalID: Null[string](),
			Metadata:   map[string]Nullable[string]{"tier": Value("gold"), "legacy": Null[string]()},
		}, `{"external_id":null,"metadata":{"tier":"gold","legacy":null}}`},
		{"every field", UpdateOrganizationParams{
			Name:                             "Foo Corp",
			DomainData:                       []OrganizationDomainData{{Domain: "foo-corp.com", State: OrganizationDomainStatePending}},
			Domains:                          []string{"foo-corp.com"},
			ExternalID:                       Value("2fe01467"),
			StripeCustomerID:                 "cus_R9qWAGMQ6nGE7V",
			AllowProfilesOutsideOrganization: Bool(true),
		}, `{"name":"Foo Corp","domain_data":[{"domain":"foo-corp.com","state":"pending"}],"domains":["foo-corp.com"],
			"external_id":"2fe01467","stripe_customer_id":"cus_R9qWAGMQ6nGE7V","allow_profiles_outside_organization":true}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, sent := newRecordingClient(t, cannedReply{200, orgJSON})
			o, err := c.Organizations.UpdateOrganization(context.Background(), "org_01EHZNVPK3SFK441A1RGBFSHRT", tc.params)
			require.NoError(t, err)
			assertRequest(t, onlyRequest(t, sent), "PUT", "/organizations/org_01EHZNVPK3SFK441A1RGBFSHRT", "", tc.body)
			orgAssert(t, *o)
			assertResponseMeta(t, o.LastResponse, 200)
		})
	}
}

func TestUpdateOrganization_RejectsBadInputWithoutSending(t *testing.T) {
	for name, tc := range map[string]struct {
		id  string
		p   UpdateOrganizationParams
		msg string
	}{
		"blank id":          {" ", UpdateOrganizationParams{Name: "A"}, "organization_id is required"},
		"unset metadata":    {"org_1", UpdateOrganizationParams{Metadata: map[string]Nullable[string]{"k": {}}}, `Metadata key "k" is unset`},
		"empty external id": {"org_1", UpdateOrganizationParams{ExternalID: Value("")}, "ExternalID must not be empty"},
		"domain no state":   {"org_1", UpdateOrganizationParams{DomainData: []OrganizationDomainData{{Domain: "a.com"}}}, `DomainData entry "a.com" needs a State`},
	} {
		t.Run(name, func(t *testing.T) {
			c, sent := newRecordingClient(t)
			_, err := c.Organizations.UpdateOrganization(context.Background(), tc.id, tc.p)
			assert.ErrorIs(t, err, ErrInvalidParams)
			assert.ErrorContains(t, err, tc.msg)
			assert.Empty(t, sent())
		})
	}
}

func TestDeleteOrganizationAndDomain_SendDeleteAndReturnResponse(t *testing.T) {
	for _, tc := range []struct {
		name, path string
		status     int
		del        func(c *Client) (*Response, error)
	}{
		{"organization", "/organizations/org_01EHZNVPK3SFK441A1RGBFSHRT", 202, func(c *Client) (*Response, error) {
			return c.Organizations.DeleteOrganization(context.Background(), "org_01EHZNVPK3SFK441A1RGBFSHRT")
		}},
		{"domain", "/organization_domains/org_domain_01EHZNVPK2QXHMVWCEDQEKY69A", 204, func(c *Client) (*Response, error) {
			return c.Organizations.DeleteOrganizationDomain(context.Background(), "org_domain_01EHZNVPK2QXHMVWCEDQEKY69A")
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, sent := newRecordingClient(t, cannedReply{tc.status, ``})
			resp, err := tc.del(c)
			require.NoError(t, err)
			assertRequest(t, onlyRequest(t, sent), "DELETE", tc.path, "", "")
			assertResponseMeta(t, resp, tc.status)
		})
	}
}

func TestDeleteOrganization_ForbiddenMatchesErrForbidden(t *testing.T) {
	c, _ := newRecordingClient(t, cannedReply{403, `{"message":"Organization is managed elsewhere."}`})
	_, err := c.Organizations.DeleteOrganization(context.Background(), "org_1")
	assertAPIError(t, err, ErrForbidden, 403, "", "Organization is managed elsewhere.")
}

func TestOrganizations_BlankIDsAreRefusedWithoutSending(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name, param string
		call        func(c *Client) error
	}{
		{"GetOrganization", "organization_id", func(c *Client) error { _, err := c.Organizations.GetOrganization(ctx, ""); return err }},
		{"GetOrganizationByExternalID", "external_id", func(c *Client) error { _, err := c.Organizations.GetOrganizationByExternalID(ctx, " "); return err }},
		{"DeleteOrganization", "organization_id", func(c *Client) error { _, err := c.Organizations.DeleteOrganization(ctx, ""); return err }},
		{"GetOrganizationDomain", "organization_domain_id", func(c *Client) error { _, err := c.Organizations.GetOrganizationDomain(ctx, ""); return err }},
		{"DeleteOrganizationDomain", "organization_domain_id", func(c *Client) error { _, err := c.Organizations.DeleteOrganizationDomain(ctx, ""); return err }},
		{"VerifyOrganizationDomain", "organization_domain_id", func(c *Client) error { _, err := c.Organizations.VerifyOrganizationDomain(ctx, "\t"); return err }},
		{"GetRole", "slug", func(c *Client) error { _, err := c.Authorization.GetRole(ctx, ""); return err }},
		{"ListOrganizationRoles", "organization_id", func(c *Client) error { _, err := c.Authorization.ListOrganizationRoles(ctx, ""); return err }},
		{"GetOrganizationRole/organization", "organization_id", func(c *Client) error {
			_, err := c.Authorization.GetOrganizationRole(ctx, "", "admin")
			return err
		}},
		{"GetOrganizationRole/slug", "slug", func(c *Client) error { _, err := c.Authorization.GetOrganizationRole(ctx, "org_1", ""); return err }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, sent := newRecordingClient(t)
			err := tc.call(c)
			assert.ErrorIs(t, err, ErrInvalidParams)
			assert.True(t, strings.HasSuffix(err.Error(), ": "+tc.param+" is required"), "error %q names %s", err, tc.param)
			assert.Empty(t, sent())
		})
	}
}
