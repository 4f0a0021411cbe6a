package workos

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCreateOrganizationDomain_SendsBodyAndDecodesEveryField(t *testing.T) {
	c, sent := newRecordingClient(t, cannedReply{201, orgDomainJSON})
	d, err := c.Organizations.CreateOrganizationDomain(context.Background(), CreateOrganizationDomainParams{
		OrganizationID: "org_01EHZNVPK3SFK441A1RGBFSHRT", Domain: "foo-corp.com",
	})
	require.NoError(t, err)
	req := onlyRequest(t, sent)
	assertRequest(t, req, "POST", "/organization_domains", "", `{"organization_id":"org_01EHZNVPK3SFK441A1RGBFSHRT","domain":"foo-corp.com"}`)
	assert.NotEmpty(t, req.Header.Get("Idempotency-Key"))
	orgAssertDomain(t, *d)
	assertResponseMeta(t, d.LastResponse, 201)
}

func TestCreateOrganizationDomain_RejectsMissingFieldsWithoutSending(t *testing.T) {
	for name, tc := range map[string]struct {
		p   CreateOrganizationDomainParams
		msg string
	}{
		"no organization": {CreateOrganizationDomainParams{Domain: "foo-corp.com"}, "OrganizationID is required"},
		"blank domain":    {CreateOrganizationDomainParams{OrganizationID: "org_1", Domain: " "}, "Domain is required"},
	} {
		t.Run(name, func(t *testing.T) {
			c, sent := newRecordingClient(t)
			_, err := c.Organizations.CreateOrganizationDomain(context.Background(), tc.p)
			assert.EqualError(t, err, "workos: invalid params: "+tc.msg)
			assert.ErrorIs(t, err, ErrInvalidParams)
			assert.Empty(t, sent())
		})
	}
}

func TestCreateOrganizationDomain_TakenDomainIsAConflict(t *testing.T) {
	c, _ := newRecordingClient(t, cannedReply{409, `{"code":"domain_already_exists","message":"Domain already exists for this organization."}`})
	_, err := c.Organizations.CreateOrganizationDomain(context.Background(), CreateOrganizationDomainParams{OrganizationID: "org_1", Domain: "foo-corp.com"})
	assertAPIError(t, err, ErrConflict, 409, "domain_already_exists", "Domain already exists for this organization.")
}

func TestGetAndVerifyOrganizationDomain_SendExactRequestsAndDecode(t *testing.T) {
	for _, tc := range []struct {
		name, method, path, body string
		call                     func(c *Client) (*OrganizationDomain, error)
	}{
		{"get", "GET", "/organization_domains/org_domain_01EHZNVPK2QXHMVWCEDQEKY69A", "", func(c *Client) (*OrganizationDomain, error) {
			return c.Organizations.GetOrganizationDomain(context.Background(), "org_domain_01EHZNVPK2QXHMVWCEDQEKY69A")
		}},
		// A bodiless POST sends {} so Go's transport never replays it.
		{"verify", "POST", "/organization_domains/org_domain_01EHZNVPK2QXHMVWCEDQEKY69A/verify", `{}`, func(c *Client) (*OrganizationDomain, error) {
			return c.Organizations.VerifyOrganizationDomain(context.Background(), "org_domain_01EHZNVPK2QXHMVWCEDQEKY69A")
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, sent := newRecordingClient(t, cannedReply{200, orgDomainJSON})
			d, err := tc.call(c)
			require.NoError(t, err)
			assertRequest(t, onlyRequest(t, sent), tc.method, tc.path, "", tc.body)
			orgAssertDomain(t, *d)
			assertResponseMeta(t, d.LastResponse, 200)
		})
	}
}

func TestVerifyOrganizationDomain_AlreadyVerifiedIsABadRequest(t *testing.T) {
	c, _ := newRecordingClient(t, cannedReply{400, `{"code":"domain_already_verified","message":"Domain is already verified."}`})
	d, err := c.Organizations.VerifyOrganizationDomain(context.Background(), "org_domain_1")
	assert.Nil(t, d)
	assertAPIError(t, err, ErrBadRequest, 400, "domain_already_verified", "Domain is already verified.")
}

func TestOrganizationDomain_UnknownStateAndStrategyStillDecode(t *testing.T) {
	c, _ := newRecordingClient(t, cannedReply{200, `{"object":"organization_domain","id":"org_domain_1","organization_id":"org_1","domain":"a.com",
		"state":"quarantined","verification_strategy":"carrier_pigeon","created_at":"2026-01-15T12:00:00Z","updated_at":"2026-01-15T12:00:00Z","new_field":1}`})
	d, err := c.Organizations.GetOrganizationDomain(context.Background(), "org_domain_1")
	require.NoError(t, err)
	assert.Equal(t, OrganizationDomainState("quarantined"), d.State)
	assert.Equal(t, OrganizationDomainVerificationStrategy("carrier_pigeon"), d.VerificationStrategy)
	assert.Empty(t, d.VerificationToken)
}
