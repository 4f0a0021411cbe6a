package workos

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// BenchmarkOrganizationsPipeline measures the Organizations service on an
// in-memory transport beside the bare net/http + encoding/json baseline:
// one GetOrganization, and one page of 100 organizations (each with a
// domain) from ListOrganizations.
func BenchmarkOrganizationsPipeline(b *testing.B) {
	ctx := context.Background()
	items := make([]string, 100)
	for i := range items {
		items[i] = orgJSON
	}
	page := `{"object":"list","data":[` + strings.Join(items, ",") + `],"list_metadata":{"before":null,"after":null}}`
	newClient := func(body string) (*Client, *http.Client) {
		hc := &http.Client{Transport: memoryTransport{body: []byte(body)}}
		c, err := NewClient(WithAPIKey("sk_test_bench"), WithBaseURL("https://api.workos.test"), WithHTTPClient(hc))
		require.NoError(b, err)
		return c, hc
	}
	const target = "https://api.workos.test/organizations/org_01EHZNVPK3SFK441A1RGBFSHRT"
	c, hc := newClient(orgJSON)
	getSDK := func() {
		if o, err := c.Organizations.GetOrganization(ctx, "org_01EHZNVPK3SFK441A1RGBFSHRT"); err != nil || o.ID == "" {
			b.Fatal(err)
		}
	}
	getBase := func() {
		var o Organization
		if err := baselineGet(hc, target, &o); err != nil || o.ID == "" {
			b.Fatal(err)
		}
	}
	lc, lhc := newClient(page)
	listSDK := func() {
		p, err := lc.Organizations.ListOrganizations(ctx, ListOrganizationsParams{ListParams: ListParams{Limit: 100}}).Page()
		if err != nil || len(p.Data) != 100 {
			b.Fatal(err)
		}
	}
	listBase := func() {
		var p struct {
			Data []Organization `json:"data"`
		}
		if err := baselineGet(lhc, "https://api.workos.test/organizations?limit=100", &p); err != nil || len(p.Data) != 100 {
			b.Fatal(err)
		}
	}
	for _, bc := range []struct {
		name      string
		sdk, base func()
	}{{"get", getSDK, getBase}, {"list100", listSDK, listBase}} {
		b.Run(bc.name+"/sdk", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				bc.sdk()
			}
		})
		b.Run(bc.name+"/baseline", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				bc.base()
			}
		})
		b.Run(bc.name+"/paired", func(b *testing.B) { benchPaired(b, bc.sdk, bc.base) })
	}
}
