package workos

import (
	"log/slog"
	"strings"
)

// The results below hold bearer secrets (tokens, device codes). Their
// LogValue methods let an application log them with log/slog, as it would
// log any other value, without writing those secrets: each logs the
// fields that identify the value and "REDACTED" where a secret is set.
// AuthenticateResponse and UserAPIKeyWithValue have theirs next to their
// types.

// LogValue logs the session's user, organization and how it was signed
// in, without the access or refresh token.
func (d SessionData) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("user_id", d.User.ID),
		slog.String("organization_id", d.OrganizationID),
		slog.String("authentication_method", string(d.AuthenticationMethod)),
		slog.String("access_token", redactedIfSet(d.AccessToken)),
		slog.String("refresh_token", redactedIfSet(d.RefreshToken)),
	)
}

// LogValue logs who the verified session belongs to, without its access
// token or the full claims.
func (a AuthenticatedSession) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("user_id", a.User.ID),
		slog.String("session_id", a.SessionID),
		slog.String("organization_id", a.OrganizationID),
		slog.String("role", a.Role),
		slog.String("access_token", redactedIfSet(a.AccessToken)),
	)
}

// LogValue logs the renewed sign-in without the new cookie or tokens.
func (r RefreshedSession) LogValue() slog.Value {
	attrs := []slog.Attr{slog.String("sealed_session", redactedIfSet(r.SealedSession))}
	if r.Response != nil {
		attrs = append(attrs, slog.Any("response", r.Response.LogValue()))
	}
	return slog.GroupValue(attrs...)
}

// LogValue logs what the user is shown (UserCode, VerificationURI) and
// the timings, without the DeviceCode that polls for their tokens.
func (d DeviceAuthorization) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("user_code", d.UserCode),
		slog.String("verification_uri", d.VerificationURI),
		slog.Float64("expires_in", d.ExpiresIn),
		slog.Float64("interval", d.Interval),
		slog.String("device_code", redactedIfSet(d.DeviceCode)),
	)
}

// The one-time codes and tokens below are mailed to a user or shown to
// them once; whoever holds one can act as that user. String, GoString and
// LogValue describe each value by its identifying fields and print
// "REDACTED" for the secret, so fmt (%v, %+v, %#v) and log/slog never write
// it. Read the field itself where the secret is really needed.

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
