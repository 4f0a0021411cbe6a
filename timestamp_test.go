package workos

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTimestampKeepsTheRawValueAndParsesRFC3339(t *testing.T) {
	tests := []struct {
		json string
		want Timestamp
	}{
		{`"2026-01-15T12:00:00.000Z"`, Timestamp{Raw: "2026-01-15T12:00:00.000Z", Time: time.Date(2026, 1, 15, 12, 0, 0, 0, time.UTC), Valid: true}},
		{`"2026-01-15T13:00:00+01:00"`, Timestamp{Raw: "2026-01-15T13:00:00+01:00", Time: time.Date(2026, 1, 15, 12, 0, 0, 0, time.UTC), Valid: true}},
		{`"2026-01-15 12:00:00"`, Timestamp{Raw: "2026-01-15 12:00:00"}},
		{`"Thu Jan 15 2026"`, Timestamp{Raw: "Thu Jan 15 2026"}},
		{`""`, Timestamp{}},
		{`null`, Timestamp{}},
		{`1768478400`, Timestamp{Raw: "1768478400"}},
	}
	for _, tt := range tests {
		t.Run(tt.json, func(t *testing.T) {
			var got Timestamp
			require.NoError(t, json.Unmarshal([]byte(tt.json), &got))
			assert.True(t, tt.want.Time.Equal(got.Time), "time %v, want %v", got.Time, tt.want.Time)
			got.Time = tt.want.Time // compared above, location aside
			assert.Equal(t, tt.want, got)
			assert.Equal(t, tt.want.Raw, got.String())
		})
	}
	out, err := json.Marshal(struct {
		A, B, C Timestamp
	}{Timestamp{Raw: "whenever"}, Timestamp{Time: time.Date(2026, 1, 15, 12, 0, 0, 0, time.UTC), Valid: true}, Timestamp{}})
	require.NoError(t, err)
	assert.JSONEq(t, `{"A":"whenever","B":"2026-01-15T12:00:00Z","C":null}`, string(out))
}

func TestPlainStringTimestampsThatAreNotRFC3339NeverFailAReply(t *testing.T) {
	ctx := context.Background()
	const odd = `"created_at":"15/01/2026 12:00","updated_at":"yesterday"`
	want := func(t *testing.T, created, updated Timestamp) {
		t.Helper()
		assert.Equal(t, Timestamp{Raw: "15/01/2026 12:00"}, created)
		assert.Equal(t, Timestamp{Raw: "yesterday"}, updated)
	}
	t.Run("a page of redirect URIs", func(t *testing.T) {
		c, _ := newScriptedClient(t, []httpmock.Responder{scriptedReply(http.StatusOK, `{"object":"list","list_metadata":{},"data":[
			{"object":"redirect_uri","id":"redir_1","uri":"https://a.example/cb",`+odd+`},
			{"object":"redirect_uri","id":"redir_2","uri":"https://b.example/cb","created_at":"2026-01-15T12:00:00.000Z","updated_at":"2026-01-15T12:30:00.000Z"}]}`)})
		page, err := c.UserManagement.ListRedirectURIs(ctx, ListRedirectURIsParams{}).Page()
		require.NoError(t, err)
		require.Len(t, page.Data, 2)
		want(t, page.Data[0].CreatedAt, page.Data[0].UpdatedAt)
		assert.True(t, page.Data[1].CreatedAt.Valid)
		assert.Equal(t, mustParseTime(t, "2026-01-15T12:00:00Z"), page.Data[1].CreatedAt.Time)
	})
	t.Run("the JWT template", func(t *testing.T) {
		c, _ := newScriptedClient(t, []httpmock.Responder{scriptedReply(http.StatusOK, `{"object":"jwt_template","content":"{}",`+odd+`}`)})
		tpl, err := c.UserManagement.GetJWTTemplate(ctx)
		require.NoError(t, err)
		want(t, tpl.CreatedAt, tpl.UpdatedAt)
	})
	t.Run("a connected account", func(t *testing.T) {
		c, _ := newScriptedClient(t, []httpmock.Responder{scriptedReply(http.StatusOK, `{"object":"connected_account","id":"data_installation_1","state":"connected",`+odd+`}`)})
		a, err := c.UserManagement.GetConnectedAccount(ctx, "user_1", "github", GetConnectedAccountParams{})
		require.NoError(t, err)
		want(t, a.CreatedAt, a.UpdatedAt)
	})
	t.Run("data providers and their connected accounts", func(t *testing.T) {
		c, _ := newScriptedClient(t, []httpmock.Responder{scriptedReply(http.StatusOK, `{"object":"list","data":[{"object":"data_provider","id":"data_integration_1",`+odd+`,
			"connected_account":{"object":"connected_account","id":"data_installation_1",`+odd+`}}]}`)})
		res, err := c.UserManagement.ListDataProviders(ctx, "user_1", ListDataProvidersParams{})
		require.NoError(t, err)
		require.Len(t, res.Data, 1)
		want(t, res.Data[0].CreatedAt, res.Data[0].UpdatedAt)
		require.NotNil(t, res.Data[0].ConnectedAccount)
		want(t, res.Data[0].ConnectedAccount.CreatedAt, res.Data[0].ConnectedAccount.UpdatedAt)
	})
}
