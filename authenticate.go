package workos

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"reflect"
	"strings"
)

// AuthenticationMethod says how a user signed in. Unknown values decode
// as-is.
type AuthenticationMethod string

// Authentication methods the API reports.
const (
	AuthenticationMethodSSO                    AuthenticationMethod = "SSO"
	AuthenticationMethodPassword               AuthenticationMethod = "Password"
	AuthenticationMethodPasskey                AuthenticationMethod = "Passkey"
	AuthenticationMethodAppleOAuth             AuthenticationMethod = "AppleOAuth"
	AuthenticationMethodBitbucketOAuth         AuthenticationMethod = "BitbucketOAuth"
	AuthenticationMethodCrossAppAuth           AuthenticationMethod = "CrossAppAuth"
	AuthenticationMethodDiscordOAuth           AuthenticationMethod = "DiscordOAuth"
	AuthenticationMethodExternalAuth           AuthenticationMethod = "ExternalAuth"
	AuthenticationMethodGitHubOAuth            AuthenticationMethod = "GitHubOAuth"
	AuthenticationMethodGitLabOAuth            AuthenticationMethod = "GitLabOAuth"
	AuthenticationMethodGoogleOAuth            AuthenticationMethod = "GoogleOAuth"
	AuthenticationMethodGrokOAuth              AuthenticationMethod = "GrokOAuth"
	AuthenticationMethodXOAuth                 AuthenticationMethod = "XOAuth"
	AuthenticationMethodIntuitOAuth            AuthenticationMethod = "IntuitOAuth"
	AuthenticationMethodLinkedInOAuth          AuthenticationMethod = "LinkedInOAuth"
	AuthenticationMethodMicrosoftOAuth         AuthenticationMethod = "MicrosoftOAuth"
	AuthenticationMethodSalesforceOAuth        AuthenticationMethod = "SalesforceOAuth"
	AuthenticationMethodSlackOAuth             AuthenticationMethod = "SlackOAuth"
	AuthenticationMethodVercelMarketplaceOAuth AuthenticationMethod = "VercelMarketplaceOAuth"
	AuthenticationMethodVercelOAuth            AuthenticationMethod = "VercelOAuth"
	AuthenticationMethodXeroOAuth              AuthenticationMethod = "XeroOAuth"
	AuthenticationMethodMagicAuth              AuthenticationMethod = "MagicAuth"
	AuthenticationMethodImpersonation          AuthenticationMethod = "Impersonation"
	AuthenticationMethodMigratedSession        AuthenticationMethod = "MigratedSession"
)

// Impersonator is the WorkOS dashboard user acting as the signed-in user.
type Impersonator struct {
	// Email is the impersonating admin's email.
	Email string `json:"email"`
	// Reason is the justification the admin gave, nil if none.
	Reason *string `json:"reason"`
}

// AuthenticateResponse is the result of every authenticate grant: the user,
// their session tokens and how they signed in.
type AuthenticateResponse struct {
	// User is the signed-in user.
	User User `json:"user"`
	// OrganizationID is the organization the session is scoped to, if any.
	OrganizationID string `json:"organization_id,omitempty"`
	// AuthkitAuthorizationCode is set when AuthKit hands the sign-in on to
	// another application (the OAuth authorization server flow).
	AuthkitAuthorizationCode string `json:"authkit_authorization_code,omitempty"`
	// AccessToken is a short-lived RS256 JWT. Verify it with a Verifier.
	AccessToken string `json:"access_token"`
	// RefreshToken is a single-use token for AuthenticateWithRefreshToken.
	RefreshToken string `json:"refresh_token"`
	// AuthenticationMethod is how the user signed in.
	AuthenticationMethod AuthenticationMethod `json:"authentication_method,omitempty"`
	// Impersonator is set when a WorkOS admin is impersonating the user.
	Impersonator *Impersonator `json:"impersonator,omitempty"`
	// SealedSession is the result sealed into a session cookie, set only
	// when the call had the WithSealedSession option.
	SealedSession string `json:"-"`
	// OAuthTokens are the upstream provider's tokens, present when the
	// user signed in through OAuth and the provider's tokens were asked for.
	OAuthTokens *OAuthTokens `json:"oauth_tokens,omitempty"`
	APIResource
}

// String describes the sign-in without its tokens (access, refresh,
// upstream OAuth, authorization code, sealed session), so printing the
// result with fmt does not leak them.
func (r AuthenticateResponse) String() string {
	return fmt.Sprintf("AuthenticateResponse{User: %s, OrganizationID: %s, AuthenticationMethod: %s, Impersonated: %t, Tokens: REDACTED}",
		r.User.ID, r.OrganizationID, r.AuthenticationMethod, r.Impersonator != nil)
}

// GoString is String, so %#v does not print the tokens either.
func (r AuthenticateResponse) GoString() string { return r.String() }

// LogValue describes the sign-in to log/slog without its tokens.
func (r AuthenticateResponse) LogValue() slog.Value {
	attrs := []slog.Attr{
		slog.String("user_id", r.User.ID),
		slog.String("organization_id", r.OrganizationID),
		slog.String("authentication_method", string(r.AuthenticationMethod)),
		slog.String("access_token", redactedIfSet(r.AccessToken)),
		slog.String("refresh_token", redactedIfSet(r.RefreshToken)),
	}
	if r.Impersonator != nil {
		attrs = append(attrs, slog.String("impersonator", r.Impersonator.Email))
	}
	return slog.GroupValue(attrs...)
}

// redactedIfSet stands in for a secret in String and LogValue output: it
// says whether there was one without showing it.
func redactedIfSet(secret string) string {
	if secret == "" {
		return ""
	}
	return "REDACTED"
}

// OAuthTokens are an upstream OAuth provider's tokens.
type OAuthTokens struct {
	// Provider is the OAuth provider, such as "GoogleOAuth".
	Provider string `json:"provider,omitempty"`
	// AccessToken is the provider's access token.
	AccessToken string `json:"access_token"`
	// RefreshToken is the provider's refresh token.
	RefreshToken string `json:"refresh_token"`
	// ExpiresAt is the access token's expiry in Unix seconds.
	ExpiresAt int64 `json:"expires_at"`
	// Scopes are the scopes the provider granted.
	Scopes []string `json:"scopes"`
}

// GrantType names the way an authenticate call proves who the user is: the
// body's grant_type.
type GrantType string

// The grant types of POST /user_management/authenticate.
const (
	// GrantTypeAuthorizationCode exchanges the code AuthKit or an SSO or
	// OAuth provider sent to the redirect URI.
	GrantTypeAuthorizationCode GrantType = "authorization_code"
	// GrantTypePassword checks an email and password.
	GrantTypePassword GrantType = "password"
	// GrantTypeRefreshToken redeems a refresh token for new tokens.
	GrantTypeRefreshToken GrantType = "refresh_token"
	// GrantTypeMagicAuth checks a one-time code sent by email.
	GrantTypeMagicAuth GrantType = "urn:workos:oauth:grant-type:magic-auth:code"
	// GrantTypeEmailVerification completes a sign-in that was held back
	// until the user verified their email.
	GrantTypeEmailVerification GrantType = "urn:workos:oauth:grant-type:email-verification:code"
	// GrantTypeMFATOTP completes a sign-in held back for a TOTP code.
	GrantTypeMFATOTP GrantType = "urn:workos:oauth:grant-type:mfa-totp"
	// GrantTypeOrganizationSelection completes a sign-in held back until
	// the user picked one of their organizations.
	GrantTypeOrganizationSelection GrantType = "urn:workos:oauth:grant-type:organization-selection"
	// GrantTypeRadarEmailChallenge completes a sign-in Radar held back for
	// a code sent by email.
	GrantTypeRadarEmailChallenge GrantType = "urn:workos:oauth:grant-type:radar-email-challenge:code"
	// GrantTypeRadarSMSChallenge completes a sign-in or sign-up Radar held
	// back for a code sent by SMS.
	GrantTypeRadarSMSChallenge GrantType = "urn:workos:oauth:grant-type:radar-sms-challenge:code"
	// GrantTypeDeviceCode exchanges a device code once the user approved
	// it (OAuth 2.0 device authorization, RFC 8628).
	GrantTypeDeviceCode GrantType = "urn:ietf:params:oauth:grant-type:device_code"
)

// CreateAuthenticateParams are the inputs of CreateAuthenticate: every
// field any grant type takes. Only fields that are set are sent.
type CreateAuthenticateParams struct {
	// GrantType selects the grant. Required.
	GrantType GrantType `json:"-"`
	// ClientID defaults to the Client's.
	ClientID string `json:"-"`
	// ClientSecret is sent as given. Left empty, the API key is sent for
	// grant types that require a client secret, and nothing otherwise.
	ClientSecret string `json:"-"`
	// Code is a one-time or authorization code.
	Code string `json:"code,omitempty"`
	// CodeVerifier is the PKCE verifier behind the authorization URL's
	// code_challenge.
	CodeVerifier string `json:"code_verifier,omitempty"`
	// Email and Password are the user's credentials.
	Email    string `json:"email,omitempty"`
	Password string `json:"password,omitempty"`
	// RefreshToken is a refresh token from an earlier authentication.
	RefreshToken string `json:"refresh_token,omitempty"`
	// OrganizationID is the organization to sign in to.
	OrganizationID string `json:"organization_id,omitempty"`
	// PendingAuthenticationToken is the token from an authentication
	// challenge error.
	PendingAuthenticationToken string `json:"pending_authentication_token,omitempty"`
	// AuthenticationChallengeID is the MFA challenge the Code answers.
	AuthenticationChallengeID string `json:"authentication_challenge_id,omitempty"`
	// RadarChallengeID is the Radar email challenge the Code answers.
	RadarChallengeID string `json:"radar_challenge_id,omitempty"`
	// VerificationID and PhoneNumber identify a Radar SMS sign-up check.
	VerificationID string `json:"verification_id,omitempty"`
	PhoneNumber    string `json:"phone_number,omitempty"`
	// DeviceCode is the device code from CreateDevice or AuthorizeDevice.
	DeviceCode string `json:"device_code,omitempty"`
	// InvitationToken accepts an invitation as part of the sign-in.
	InvitationToken string `json:"invitation_token,omitempty"`
	// SignalsID ties client-side Radar signals to this attempt.
	SignalsID string `json:"signals_id,omitempty"`
	// RadarAuthAttemptID is the Radar attempt returned by CreateUser or
	// CreateMagicAuth.
	RadarAuthAttemptID string `json:"radar_auth_attempt_id,omitempty"`
	// IPAddress (the host alone, without a port), DeviceID and UserAgent
	// describe the user's device for WorkOS's session records and Radar.
	IPAddress string `json:"ip_address,omitempty"`
	DeviceID  string `json:"device_id,omitempty"`
	UserAgent string `json:"user_agent,omitempty"`
}

// CreateAuthenticate runs any authenticate grant, mirroring the Ruby SDK's
// create_authenticate. A known grant type goes through the same checks as
// its AuthenticateWith... method, and a field that grant does not take is
// refused; an unknown grant type is sent as given. The API key is sent as
// the bearer token when the Client has one. Prefer the AuthenticateWith...
// method for the grant.
func (s *UserManagementService) CreateAuthenticate(ctx context.Context, params CreateAuthenticateParams, opts ...Option) (*AuthenticateResponse, error) {
	if strings.TrimSpace(string(params.GrantType)) == "" {
		return nil, invalidParams("GrantType is required")
	}
	g := grant{params.GrantType, params.ClientID, authCallerSecret, params.ClientSecret}
	known, ok := genericGrants[params.GrantType]
	if !ok {
		return s.authenticate(ctx, g, &params, opts)
	}
	if params.ClientSecret == "" {
		g.auth = known.auth
	} else if known.auth == authBearerOnly {
		return nil, invalidParams("ClientSecret is not used by grant_type %s", params.GrantType)
	}
	fields := known.fields()
	if err := params.into(fields); err != nil {
		return nil, err
	}
	return s.authenticate(ctx, g, fields, opts)
}

// genericGrants are the grant types CreateAuthenticate knows: the params of
// the grant's own method, and how the grant authenticates when the caller
// gives no ClientSecret.
var genericGrants = map[GrantType]struct {
	fields func() grantFields
	auth   clientAuth
}{
	GrantTypeAuthorizationCode:     {func() grantFields { return new(AuthenticateWithCodeParams) }, authCallerSecret},
	GrantTypePassword:              {func() grantFields { return new(AuthenticateWithPasswordParams) }, authAPIKey},
	GrantTypeRefreshToken:          {func() grantFields { return new(AuthenticateWithRefreshTokenParams) }, authCallerSecret},
	GrantTypeMagicAuth:             {func() grantFields { return new(AuthenticateWithMagicAuthParams) }, authAPIKey},
	GrantTypeEmailVerification:     {func() grantFields { return new(AuthenticateWithEmailVerificationParams) }, authAPIKey},
	GrantTypeMFATOTP:               {func() grantFields { return new(AuthenticateWithTOTPParams) }, authAPIKey},
	GrantTypeOrganizationSelection: {func() grantFields { return new(AuthenticateWithOrganizationSelectionParams) }, authAPIKey},
	GrantTypeRadarEmailChallenge:   {func() grantFields { return new(AuthenticateWithRadarEmailChallengeParams) }, authAPIKey},
	GrantTypeRadarSMSChallenge:     {func() grantFields { return new(AuthenticateWithRadarSMSChallengeParams) }, authAPIKey},
	GrantTypeDeviceCode:            {func() grantFields { return new(AuthenticateWithDeviceCodeParams) }, authBearerOnly},
}

// check lets CreateAuthenticateParams stand for an unknown grant type,
// which is sent as given.
func (p *CreateAuthenticateParams) check() error { return nil }

// into copies p's fields into dst, the params of p's grant type, matching
// them by JSON name, and refuses a set field dst has no place for. Every
// field of both is a string.
func (p *CreateAuthenticateParams) into(dst grantFields) error {
	src, out := reflect.ValueOf(p).Elem(), reflect.ValueOf(dst).Elem()
	takes := jsonFieldIndex(out.Type())
	for i := range src.NumField() {
		name := jsonName(src.Type().Field(i))
		v := src.Field(i).String()
		if name == "" || v == "" {
			continue
		}
		j, ok := takes[name]
		if !ok {
			return invalidParams("%s is not used by grant_type %s", src.Type().Field(i).Name, p.GrantType)
		}
		out.Field(j).SetString(v)
	}
	return nil
}

// jsonFieldIndex maps the JSON names of t's fields to their indexes.
func jsonFieldIndex(t reflect.Type) map[string]int {
	idx := make(map[string]int, t.NumField())
	for i := range t.NumField() {
		if name := jsonName(t.Field(i)); name != "" {
			idx[name] = i
		}
	}
	return idx
}

// jsonName is f's name on the wire, or "" when it is not sent.
func jsonName(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
	if name == "-" {
		return ""
	}
	return name
}

var errBadCodeVerifier = invalidParams("CodeVerifier must be 43 to 128 characters of A-Z a-z 0-9 - . _ ~")

// requireFields refuses the first of its name, value pairs whose value is
// blank.
func requireFields(nameValues ...string) error {
	for i := 0; i+1 < len(nameValues); i += 2 {
		if strings.TrimSpace(nameValues[i+1]) == "" {
			return invalidParams("%s is required", nameValues[i])
		}
	}
	return nil
}

// clientAuth is how a grant proves which application is asking: what goes
// in the body's client_secret, and whether the API key goes as the bearer
// token.
type clientAuth int

const (
	// authAPIKey sends the API key as client_secret and bearer token, and
	// fails before sending when there is none.
	authAPIKey clientAuth = iota
	// authAPIKeyIfAny sends the API key as client_secret and bearer token
	// when there is one, and neither otherwise (refresh tokens).
	authAPIKeyIfAny
	// authCallerSecret sends the caller's client_secret, if any, and the
	// API key, if any, as the bearer token (CreateAuthenticate).
	authCallerSecret
	// authBearerOnly never sends a client_secret; the API key, if any, goes
	// as the bearer token (the device code grant).
	authBearerOnly
	// authPublic sends neither (PKCE code exchange).
	authPublic
)

// grant is what every authenticate body shares, and how the grant
// authenticates.
type grant struct {
	grantType GrantType
	clientID  string
	auth      clientAuth
	// secret is the caller's client_secret, sent under authCallerSecret.
	secret string
}

// grantFields are a grant's own body fields: an AuthenticateWith...Params,
// whose json tags name them on the wire, or CreateAuthenticateParams.
type grantFields interface {
	// check refuses missing or malformed fields before anything is sent.
	check() error
}

// grantBody is the JSON body of POST /user_management/authenticate: the
// shared fields, then the grant's own.
type grantBody struct {
	head   grantHead
	fields grantFields
}

type grantHead struct {
	GrantType    GrantType `json:"grant_type"`
	ClientID     string    `json:"client_id"`
	ClientSecret string    `json:"client_secret,omitempty"`
}

// MarshalJSON writes the shared fields and the grant's own as one object.
func (b grantBody) MarshalJSON() ([]byte, error) {
	head, err := json.Marshal(b.head)
	if err != nil {
		return nil, err
	}
	own, err := json.Marshal(b.fields)
	if err != nil || len(own) <= len("{}") {
		return head, err
	}
	return append(append(head[:len(head)-1], ','), own[1:]...), nil
}

// authenticate is the one path every grant takes: it checks the grant's
// fields, fills in the client ID, picks the client secret and bearer token
// by the grant's clientAuth, and sends POST /user_management/authenticate.
func (s *UserManagementService) authenticate(ctx context.Context, g grant, fields grantFields, opts []Option) (*AuthenticateResponse, error) {
	if err := fields.check(); err != nil {
		return nil, err
	}
	cfg := s.client.settingsFor(opts)
	head := grantHead{GrantType: g.grantType, ClientID: g.clientID}
	if head.ClientID == "" {
		head.ClientID = cfg.clientID
	}
	if head.ClientID == "" {
		return nil, ErrMissingClientID
	}
	switch g.auth {
	case authAPIKey:
		if cfg.apiKey == "" {
			return nil, ErrMissingAPIKey
		}
		head.ClientSecret = cfg.apiKey
	case authAPIKeyIfAny:
		head.ClientSecret = cfg.apiKey
	case authCallerSecret:
		head.ClientSecret = g.secret
	}
	if cfg.placed&placedSealedSession != 0 {
		if err := checkSealPassword(cfg.sealPassword); err != nil {
			return nil, err
		}
	}
	cl := call{method: http.MethodPost, path: "/user_management/authenticate", body: grantBody{head, fields},
		noAuth: g.auth == authPublic || cfg.apiKey == "", seals: true}
	res, err := send[AuthenticateResponse](ctx, s.client, cl, opts)
	if err != nil || cfg.placed&placedSealedSession == 0 {
		return res, err
	}
	// The pipeline has already refused a reply without both tokens and a
	// user (ErrIncompleteReply), so the seal always has what it needs.
	if res.SealedSession, err = SealSessionFromAuthResponse(res, cfg.sealPassword); err != nil {
		return nil, err
	}
	return res, nil
}
