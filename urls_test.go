package workos

import (
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// urlsParse splits a built URL into its address and query, failing the
// test if it does not parse.
func urlsParse(t *testing.T, raw string) (string, url.Values) {
	t.Helper()
	u, err := url.Parse(raw)
	require.NoError(t, err)
	q, err := url.ParseQuery(u.RawQuery)
	require.NoError(t, err)
	u.RawQuery = ""
	return u.String(), q
}

func TestGetAuthorizationURL_SendsEveryParameter(t *testing.T) {
	c, mt := newMockTransportClient(t)
	raw, err := c.UserManagement.GetAuthorizationURL(GetAuthorizationURLParams{
		RedirectURI:         "https://app.example.com/callback?next=/dash&x=1",
		Provider:            AuthorizationProviderAuthKit,
		ConnectionID:        "conn_01EHQMYV6MBK39QC5PZXHY59C3",
		OrganizationID:      "org_01EHQMYV6MBK39QC5PZXHY59C3",
		DomainHint:          "example.com",
		LoginHint:           "marcelina+test@example.com",
		State:               "a b&c=d/é",
		ScreenHint:          ScreenHintSignUp,
		Prompt:              "login",
		MaxAge:              Int(3600),
		InvitationToken:     "inv_tok_Z2V0#frag",
		ProviderScopes:      []string{"openid", "profile", "https://www.googleapis.com/auth/calendar"},
		ProviderQueryParams: map[string]string{"hd": "example.com", "access_type": "offline", "odd key&": "v=1"},
		CodeChallenge:       "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
	})
	require.NoError(t, err)

	addr, q := urlsParse(t, raw)
	assert.Equal(t, "https://api.workos.test/user_management/authorize", addr)
	assert.Equal(t, url.Values{
		"client_id":                          {"client_123"},
		"redirect_uri":                       {"https://app.example.com/callback?next=/dash&x=1"},
		"response_type":                      {"code"},
		"provider":                           {"authkit"},
		"connection_id":                      {"conn_01EHQMYV6MBK39QC5PZXHY59C3"},
		"organization_id":                    {"org_01EHQMYV6MBK39QC5PZXHY59C3"},
		"domain_hint":                        {"example.com"},
		"login_hint":                         {"marcelina+test@example.com"},
		"state":                              {"a b&c=d/é"},
		"screen_hint":                        {"sign-up"},
		"prompt":                             {"login"},
		"max_age":                            {"3600"},
		"invitation_token":                   {"inv_tok_Z2V0#frag"},
		"provider_scopes":                    {"openid,profile,https://www.googleapis.com/auth/calendar"},
		"provider_query_params[hd]":          {"example.com"},
		"provider_query_params[access_type]": {"offline"},
		"provider_query_params[odd key&]":    {"v=1"},
		"code_challenge":                     {"E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"},
		"code_challenge_method":              {"S256"},
	}, q)
	assert.NotContains(t, raw, "#", "a fragment character must be escaped")
	assert.NotContains(t, raw, " ")
	assert.Zero(t, mt.GetTotalCallCount(), "a URL builder makes no HTTP call")
}

func TestGetAuthorizationURL_SendsOnlyWhatIsSet(t *testing.T) {
	c, _ := newMockTransportClient(t, WithBaseURL("https://auth.example.test/"))
	raw, err := c.UserManagement.GetAuthorizationURL(GetAuthorizationURLParams{
		RedirectURI: "myapp://callback", ConnectionID: "conn_1", ClientID: "client_explicit",
	})
	require.NoError(t, err)
	addr, q := urlsParse(t, raw)
	assert.Equal(t, "https://auth.example.test/user_management/authorize", addr, "honours the Client's base URL")
	assert.Equal(t, url.Values{
		"client_id": {"client_explicit"}, "redirect_uri": {"myapp://callback"}, "response_type": {"code"}, "connection_id": {"conn_1"},
	}, q)
}

func TestGetAuthorizationURL_SendsMaxAgeZero(t *testing.T) {
	c, _ := newMockTransportClient(t)
	raw, err := c.UserManagement.GetAuthorizationURL(GetAuthorizationURLParams{
		RedirectURI: "https://app.example.com/cb", Provider: AuthorizationProviderAuthKit, MaxAge: Int(0),
	})
	require.NoError(t, err)
	_, q := urlsParse(t, raw)
	assert.Equal(t, []string{"0"}, q["max_age"], "0 forces re-authentication, so it is sent")
}

func TestGetAuthorizationURL_RefusesInvalidCombinations(t *testing.T) {
	ok := GetAuthorizationURLParams{RedirectURI: "https://app.example.com/cb", Provider: AuthorizationProviderGoogleOAuth}
	cases := []struct {
		name    string
		opts    []Option
		edit    func(p *GetAuthorizationURLParams)
		wantErr error
		wantMsg string
	}{
		{"no redirect URI", nil, func(p *GetAuthorizationURLParams) { p.RedirectURI = "" }, ErrInvalidParams, "RedirectURI is required"},
		{"relative redirect URI", nil, func(p *GetAuthorizationURLParams) { p.RedirectURI = "/callback" }, ErrInvalidParams, "absolute"},
		{"no client ID", []Option{WithClientID("")}, func(p *GetAuthorizationURLParams) {}, ErrMissingClientID, ""},
		{"no provider, connection or organization", nil, func(p *GetAuthorizationURLParams) { p.Provider = "" }, ErrInvalidParams, "one of Provider, ConnectionID or OrganizationID"},
		{"screen hint without AuthKit", nil, func(p *GetAuthorizationURLParams) { p.ScreenHint = ScreenHintSignIn }, ErrInvalidParams, "ScreenHint needs Provider"},
		{"max age without AuthKit", nil, func(p *GetAuthorizationURLParams) { p.MaxAge = Int(60) }, ErrInvalidParams, "MaxAge needs Provider"},
		{"negative max age", nil, func(p *GetAuthorizationURLParams) { p.Provider = AuthorizationProviderAuthKit; p.MaxAge = Int(-1) }, ErrInvalidParams, "MaxAge must not be negative"},
		{"challenge method without challenge", nil, func(p *GetAuthorizationURLParams) { p.CodeChallengeMethod = "S256" }, ErrInvalidParams, "needs a CodeChallenge"},
		{"plain challenge method", nil, func(p *GetAuthorizationURLParams) { p.CodeChallenge = "abc"; p.CodeChallengeMethod = "plain" }, ErrInvalidParams, `must be "S256"`},
		{"scope with a comma", nil, func(p *GetAuthorizationURLParams) { p.ProviderScopes = []string{"a,b"} }, ErrInvalidParams, "ProviderScopes"},
		{"empty scope", nil, func(p *GetAuthorizationURLParams) { p.ProviderScopes = []string{""} }, ErrInvalidParams, "ProviderScopes"},
		{"empty provider query param key", nil, func(p *GetAuthorizationURLParams) { p.ProviderQueryParams = map[string]string{"": "x"} }, ErrInvalidParams, "ProviderQueryParams"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, _ := newMockTransportClient(t, tc.opts...)
			p := ok
			tc.edit(&p)
			raw, err := c.UserManagement.GetAuthorizationURL(p)
			require.ErrorIs(t, err, tc.wantErr)
			assert.Empty(t, raw)
			if tc.wantMsg != "" {
				assert.Contains(t, err.Error(), tc.wantMsg)
			}
		})
	}
}

func TestGetAuthorizationURLWithPKCE_ReturnsMatchingVerifierAndState(t *testing.T) {
	c, _ := newMockTransportClient(t)
	got, err := c.UserManagement.GetAuthorizationURLWithPKCE(GetAuthorizationURLParams{
		RedirectURI: "https://app.example.com/cb", Provider: AuthorizationProviderAuthKit,
	})
	require.NoError(t, err)
	_, q := urlsParse(t, got.URL)
	assert.True(t, validCodeVerifier(got.CodeVerifier))
	assert.Equal(t, CodeChallengeS256(got.CodeVerifier), q.Get("code_challenge"))
	assert.Equal(t, "S256", q.Get("code_challenge_method"))
	assert.Regexp(t, `^[A-Za-z0-9_-]{43}$`, got.State, "a random state when none is given")
	assert.Equal(t, got.State, q.Get("state"))
	assert.Equal(t, "authkit", q.Get("provider"))
	assert.Equal(t, "client_123", q.Get("client_id"))
	assert.NotContains(t, got.URL, got.CodeVerifier, "the verifier stays with the caller")

	again, err := c.UserManagement.GetAuthorizationURLWithPKCE(GetAuthorizationURLParams{
		RedirectURI: "https://app.example.com/cb", Provider: AuthorizationProviderAuthKit, State: "my state",
	})
	require.NoError(t, err)
	_, q = urlsParse(t, again.URL)
	assert.Equal(t, "my state", again.State)
	assert.Equal(t, "my state", q.Get("state"))
	assert.NotEqual(t, got.CodeVerifier, again.CodeVerifier)
}

func TestGetAuthorizationURLWithPKCE_RefusesACallerChallenge(t *testing.T) {
	c, _ := newMockTransportClient(t)
	for _, p := range []GetAuthorizationURLParams{
		{RedirectURI: "https://app.example.com/cb", Provider: AuthorizationProviderAuthKit, CodeChallenge: "x"},
		{RedirectURI: "https://app.example.com/cb", Provider: AuthorizationProviderAuthKit, CodeChallengeMethod: "S256"},
		{RedirectURI: "", Provider: AuthorizationProviderAuthKit},
	} {
		got, err := c.UserManagement.GetAuthorizationURLWithPKCE(p)
		require.ErrorIs(t, err, ErrInvalidParams)
		assert.Nil(t, got)
	}
}

func TestGetLogoutURL_EscapesAndHonoursBaseURL(t *testing.T) {
	c, _ := newMockTransportClient(t)
	raw, err := c.UserManagement.GetLogoutURL("session_01H93ZY4F80QPBEZ1R5B2SHQG8", "https://app.example.com/signed-out?x=1&y=2")
	require.NoError(t, err)
	addr, q := urlsParse(t, raw)
	assert.Equal(t, "https://api.workos.test/user_management/sessions/logout", addr)
	assert.Equal(t, url.Values{"session_id": {"session_01H93ZY4F80QPBEZ1R5B2SHQG8"}, "return_to": {"https://app.example.com/signed-out?x=1&y=2"}}, q)

	raw, err = c.UserManagement.GetLogoutURL("session_1", "")
	require.NoError(t, err)
	_, q = urlsParse(t, raw)
	assert.Equal(t, url.Values{"session_id": {"session_1"}}, q)

	_, err = c.UserManagement.GetLogoutURL("", "https://x")
	require.ErrorIs(t, err, ErrInvalidParams)
}

func TestGetJWKSURL_DefaultsToClientIDAndEscapes(t *testing.T) {
	c, _ := newMockTransportClient(t)
	raw, err := c.UserManagement.GetJWKSURL("")
	require.NoError(t, err)
	assert.Equal(t, "https://api.workos.test/sso/jwks/client_123", raw)

	raw, err = c.UserManagement.GetJWKSURL("client/../x y")
	require.NoError(t, err)
	assert.True(t, strings.HasSuffix(raw, "/sso/jwks/client%2F..%2Fx%20y"), raw)

	c2, _ := newMockTransportClient(t, WithClientID(""))
	_, err = c2.UserManagement.GetJWKSURL("")
	require.ErrorIs(t, err, ErrMissingClientID)
}
