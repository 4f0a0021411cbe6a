package workos

import "log/slog"

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
