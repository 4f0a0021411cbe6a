package workos

import (
	"log/slog"
	"strconv"
	"strings"
)

// Values that hold a secret (a token, a one-time code, a password, a
// cookie, a TOTP secret) describe themselves through one mechanism: a
// logFields method lists the fields that identify the value, with
// "REDACTED" standing in for each secret that is set, and String, GoString
// and LogValue render that list, so fmt (%v, %+v, %#v, %s) and log/slog's
// text and JSON handlers never write a secret. Read the field itself where
// the secret is really needed. TestSecrets_NeverPrinted checks every
// exported type. This file has the results; log_params.go has the inputs
// and errors. AuthenticateResponse and UserAPIKeyWithValue have theirs next
// to their types.

// logField is one field of a secret-safe description.
type logField struct{ key, value string }

// describe formats fields as "Name{key: value, ...}" for String.
func describe(name string, fields ...logField) string {
	var b strings.Builder
	b.WriteString(name + "{")
	for i, f := range fields {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(f.key + ": " + f.value)
	}
	b.WriteString("}")
	return b.String()
}

// logGroup turns fields into a slog group for LogValue.
func logGroup(fields ...logField) slog.Value {
	attrs := make([]slog.Attr, len(fields))
	for i, f := range fields {
		attrs[i] = slog.String(f.key, f.value)
	}
	return slog.GroupValue(attrs...)
}

func (i Invitation) logFields() []logField {
	return []logField{{"id", i.ID}, {"email", i.Email}, {"state", string(i.State)},
		{"token", redactedIfSet(i.Token)}, {"accept_invitation_url", redactedIfSet(i.AcceptInvitationURL)}}
}

// String describes the invitation without its token or accept URL.
func (i Invitation) String() string { return describe("Invitation", i.logFields()...) }

// GoString is String, so %#v hides the token too.
func (i Invitation) GoString() string { return i.String() }

// LogValue logs the invitation without its token or accept URL.
func (i Invitation) LogValue() slog.Value { return logGroup(i.logFields()...) }

func (p PasswordReset) logFields() []logField {
	return []logField{{"id", p.ID}, {"user_id", p.UserID}, {"email", p.Email},
		{"password_reset_token", redactedIfSet(p.PasswordResetToken)}, {"password_reset_url", redactedIfSet(p.PasswordResetURL)}}
}

// String describes the reset without its token or URL.
func (p PasswordReset) String() string { return describe("PasswordReset", p.logFields()...) }

// GoString is String, so %#v hides the token too.
func (p PasswordReset) GoString() string { return p.String() }

// LogValue logs the reset without its token or URL.
func (p PasswordReset) LogValue() slog.Value { return logGroup(p.logFields()...) }

func (m MagicAuth) logFields() []logField {
	return []logField{{"id", m.ID}, {"user_id", m.UserID}, {"email", m.Email}, {"code", redactedIfSet(m.Code)}}
}

// String describes the magic auth without its code.
func (m MagicAuth) String() string { return describe("MagicAuth", m.logFields()...) }

// GoString is String, so %#v hides the code too.
func (m MagicAuth) GoString() string { return m.String() }

// LogValue logs the magic auth without its code.
func (m MagicAuth) LogValue() slog.Value { return logGroup(m.logFields()...) }

func (e EmailVerification) logFields() []logField {
	return []logField{{"id", e.ID}, {"user_id", e.UserID}, {"email", e.Email}, {"code", redactedIfSet(e.Code)}}
}

// String describes the verification without its code.
func (e EmailVerification) String() string { return describe("EmailVerification", e.logFields()...) }

// GoString is String, so %#v hides the code too.
func (e EmailVerification) GoString() string { return e.String() }

// LogValue logs the verification without its code.
func (e EmailVerification) LogValue() slog.Value { return logGroup(e.logFields()...) }

func (c AuthenticationChallenge) logFields() []logField {
	return []logField{{"id", c.ID}, {"authentication_factor_id", c.AuthenticationFactorID}, {"code", redactedIfSet(c.Code)}}
}

// String describes the challenge without its code.
func (c AuthenticationChallenge) String() string {
	return describe("AuthenticationChallenge", c.logFields()...)
}

// GoString is String, so %#v hides the code too.
func (c AuthenticationChallenge) GoString() string { return c.String() }

// LogValue logs the challenge without its code.
func (c AuthenticationChallenge) LogValue() slog.Value { return logGroup(c.logFields()...) }

func (t TOTPFactor) logFields() []logField {
	return []logField{{"issuer", t.Issuer}, {"user", t.User}, {"secret", redactedIfSet(t.Secret)},
		{"qr_code", redactedIfSet(t.QRCode)}, {"uri", redactedIfSet(t.URI)}}
}

// String describes the factor without its shared secret, or the QR code
// and URI that embed it.
func (t TOTPFactor) String() string { return describe("TOTPFactor", t.logFields()...) }

// GoString is String, so %#v hides the secret too.
func (t TOTPFactor) GoString() string { return t.String() }

// LogValue logs the factor without its shared secret, QR code or URI.
func (t TOTPFactor) LogValue() slog.Value { return logGroup(t.logFields()...) }

func (d SessionData) logFields() []logField {
	return []logField{{"user_id", d.User.ID}, {"organization_id", d.OrganizationID},
		{"authentication_method", string(d.AuthenticationMethod)},
		{"access_token", redactedIfSet(d.AccessToken)}, {"refresh_token", redactedIfSet(d.RefreshToken)}}
}

// String describes the session's user, organization and how it was
// signed in, without the access or refresh token.
func (d SessionData) String() string { return describe("SessionData", d.logFields()...) }

// GoString is String, so %#v hides the tokens too.
func (d SessionData) GoString() string { return d.String() }

// LogValue logs the session without its tokens.
func (d SessionData) LogValue() slog.Value { return logGroup(d.logFields()...) }

func (a AuthenticatedSession) logFields() []logField {
	return []logField{{"user_id", a.User.ID}, {"session_id", a.SessionID}, {"organization_id", a.OrganizationID},
		{"role", a.Role}, {"access_token", redactedIfSet(a.AccessToken)}}
}

// String describes who the verified session belongs to, without its
// access token or the full claims.
func (a AuthenticatedSession) String() string {
	return describe("AuthenticatedSession", a.logFields()...)
}

// GoString is String, so %#v hides the access token too.
func (a AuthenticatedSession) GoString() string { return a.String() }

// LogValue logs the verified session without its access token.
func (a AuthenticatedSession) LogValue() slog.Value { return logGroup(a.logFields()...) }

func (r RefreshedSession) logFields() []logField {
	f := []logField{{"sealed_session", redactedIfSet(r.SealedSession)}}
	if r.Response != nil {
		f = append(f, logField{"user_id", r.Response.User.ID}, logField{"organization_id", r.Response.OrganizationID},
			logField{"tokens", "REDACTED"})
	}
	return f
}

// String describes the renewed sign-in without the new cookie or tokens.
func (r RefreshedSession) String() string { return describe("RefreshedSession", r.logFields()...) }

// GoString is String, so %#v hides the cookie too.
func (r RefreshedSession) GoString() string { return r.String() }

// LogValue logs the renewed sign-in without the new cookie or tokens,
// with the refresh reply as AuthenticateResponse logs it.
func (r RefreshedSession) LogValue() slog.Value {
	attrs := []slog.Attr{slog.String("sealed_session", redactedIfSet(r.SealedSession))}
	if r.Response != nil {
		attrs = append(attrs, slog.Any("response", r.Response.LogValue()))
	}
	return slog.GroupValue(attrs...)
}

func (d DeviceAuthorization) logFields() []logField {
	return []logField{{"user_code", d.UserCode}, {"verification_uri", d.VerificationURI},
		{"expires_in", strconv.FormatFloat(d.ExpiresIn, 'g', -1, 64)}, {"interval", strconv.FormatFloat(d.Interval, 'g', -1, 64)},
		{"device_code", redactedIfSet(d.DeviceCode)}}
}

// String describes what the user is shown (UserCode, VerificationURI) and
// the timings, without the DeviceCode that polls for their tokens.
func (d DeviceAuthorization) String() string {
	return describe("DeviceAuthorization", d.logFields()...)
}

// GoString is String, so %#v hides the device code too.
func (d DeviceAuthorization) GoString() string { return d.String() }

// LogValue logs the authorization without its device code, keeping the
// timings as numbers.
func (d DeviceAuthorization) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("user_code", d.UserCode),
		slog.String("verification_uri", d.VerificationURI),
		slog.Float64("expires_in", d.ExpiresIn),
		slog.Float64("interval", d.Interval),
		slog.String("device_code", redactedIfSet(d.DeviceCode)),
	)
}

func (c RadarChallenge) logFields() []logField {
	return []logField{{"id", c.ID}, {"user_id", c.UserID}, {"email", c.Email}, {"code", redactedIfSet(c.Code)}}
}

// String describes the Radar challenge without its one-time code.
func (c RadarChallenge) String() string { return describe("RadarChallenge", c.logFields()...) }

// GoString is String, so %#v hides the code too.
func (c RadarChallenge) GoString() string { return c.String() }

// LogValue logs the Radar challenge without its code.
func (c RadarChallenge) LogValue() slog.Value { return logGroup(c.logFields()...) }

func (f AuthenticationFactor) logFields() []logField {
	fields := []logField{{"id", f.ID}, {"type", string(f.Type)}, {"user_id", f.UserID}}
	if f.TOTP != nil {
		fields = append(fields, logField{"totp", f.TOTP.String()})
	}
	return fields
}

// String describes the factor without a TOTP secret, QR code or URI.
func (f AuthenticationFactor) String() string {
	return describe("AuthenticationFactor", f.logFields()...)
}

// GoString is String, so %#v hides the TOTP secret too.
func (f AuthenticationFactor) GoString() string { return f.String() }

// LogValue logs the factor without a TOTP secret, QR code or URI.
func (f AuthenticationFactor) LogValue() slog.Value { return logGroup(f.logFields()...) }

func (r EnrollAuthFactorResponse) logFields() []logField {
	return []logField{{"authentication_factor", r.AuthenticationFactor.String()},
		{"authentication_challenge", r.AuthenticationChallenge.String()}}
}

// String describes the enrollment without the TOTP secret, QR code, URI
// or challenge code.
func (r EnrollAuthFactorResponse) String() string {
	return describe("EnrollAuthFactorResponse", r.logFields()...)
}

// GoString is String, so %#v hides the secrets too.
func (r EnrollAuthFactorResponse) GoString() string { return r.String() }

// LogValue logs the enrollment without its secrets.
func (r EnrollAuthFactorResponse) LogValue() slog.Value { return logGroup(r.logFields()...) }

func (o OAuthTokens) logFields() []logField {
	return []logField{{"provider", o.Provider}, {"access_token", redactedIfSet(o.AccessToken)},
		{"refresh_token", redactedIfSet(o.RefreshToken)}}
}

// String describes the provider's tokens without the tokens.
func (o OAuthTokens) String() string { return describe("OAuthTokens", o.logFields()...) }

// GoString is String, so %#v hides the tokens too.
func (o OAuthTokens) GoString() string { return o.String() }

// LogValue logs the provider without its tokens.
func (o OAuthTokens) LogValue() slog.Value { return logGroup(o.logFields()...) }

func (p PKCE) logFields() []logField {
	return []logField{{"code_challenge", p.CodeChallenge}, {"code_verifier", redactedIfSet(p.CodeVerifier)}}
}

// String shows the public challenge and hides the verifier.
func (p PKCE) String() string { return describe("PKCE", p.logFields()...) }

// GoString is String, so %#v hides the verifier too.
func (p PKCE) GoString() string { return p.String() }

// LogValue logs the challenge without the verifier.
func (p PKCE) LogValue() slog.Value { return logGroup(p.logFields()...) }

func (u PKCEAuthorizationURL) logFields() []logField {
	return []logField{{"url", u.URL}, {"state", u.State}, {"code_verifier", redactedIfSet(u.CodeVerifier)}}
}

// String shows the URL and state and hides the PKCE verifier.
func (u PKCEAuthorizationURL) String() string {
	return describe("PKCEAuthorizationURL", u.logFields()...)
}

// GoString is String, so %#v hides the verifier too.
func (u PKCEAuthorizationURL) GoString() string { return u.String() }

// LogValue logs the URL and state without the verifier.
func (u PKCEAuthorizationURL) LogValue() slog.Value { return logGroup(u.logFields()...) }

// LogValue logs a page's cursors and its items one by one, so that each
// item's own LogValue (an Invitation's, say) hides its secrets; the JSON
// handler would otherwise encode the items' raw fields.
func (p Page[T]) LogValue() slog.Value {
	items := make([]slog.Attr, len(p.Data))
	for i, item := range p.Data {
		items[i] = slog.Any(strconv.Itoa(i), item)
	}
	return slog.GroupValue(slog.Any("list_metadata", p.ListMetadata), slog.Attr{Key: "data", Value: slog.GroupValue(items...)})
}

func (c *Client) logFields() []logField {
	return []logField{{"base_url", c.cfg.baseURL}, {"client_id", c.cfg.clientID}, {"api_key", redactedIfSet(c.cfg.apiKey)}}
}

// String describes the Client by its base URL and client ID, without its
// API key.
func (c *Client) String() string { return describe("Client", c.logFields()...) }

// GoString is String, so %#v hides the API key too.
func (c *Client) GoString() string { return c.String() }

// LogValue logs the Client without its API key.
func (c *Client) LogValue() slog.Value { return logGroup(c.logFields()...) }

func (s *CookieSession) logFields() []logField {
	return []logField{{"sealed_session", redactedIfSet(s.SealedSession())}}
}

// String describes the session without its cookie or password.
func (s *CookieSession) String() string { return describe("CookieSession", s.logFields()...) }

// GoString is String, so %#v hides the cookie and password too.
func (s *CookieSession) GoString() string { return s.String() }

// LogValue logs the session without its cookie or password.
func (s *CookieSession) LogValue() slog.Value { return logGroup(s.logFields()...) }
