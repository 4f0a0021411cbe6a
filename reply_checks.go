package workos

import (
	"encoding/json"
	"errors"
	"fmt"
)

// ErrIncompleteReply is wrapped by the *DecodeError for a 2xx reply that
// cannot be trusted as the operation's result: an empty body, null or {}
// where a resource was due, or a resource without a field whose zero value
// would be dangerous to act on (an ID, a token, the signed-in user).
var ErrIncompleteReply = errors.New("workos: reply is empty or lacks a required field")

// requiredChecker is implemented by result types that have fields a reply
// must carry. The pipeline calls checkRequired after decoding a 2xx reply,
// so every operation returning such a type is checked the same way, without
// code in the service methods.
type requiredChecker interface{ checkRequired() error }

// decodeReply decodes a 2xx reply body into out, then refuses it when it
// is empty or lacks a required field. An empty body would otherwise leave
// out zero-valued: a user without an ID, a sign-in without tokens.
func decodeReply(body []byte, out any) error {
	if emptyJSON(body) {
		return fmt.Errorf("%w: empty body", ErrIncompleteReply)
	}
	if err := json.Unmarshal(body, out); err != nil {
		return err
	}
	if c, ok := out.(requiredChecker); ok {
		return c.checkRequired()
	}
	return nil
}

// emptyJSON reports whether b, ignoring JSON whitespace, is nothing, null or
// {}: a reply no result can be made of.
func emptyJSON(b []byte) bool {
	var s [4]byte
	n := 0
	for _, c := range b {
		switch c {
		case ' ', '\t', '\r', '\n':
			continue
		}
		if n == len(s) {
			return false
		}
		s[n] = c
		n++
	}
	switch string(s[:n]) {
	case "", "null", "{}":
		return true
	}
	return false
}

// missingField is the error for a reply without the named field.
func missingField(name string) error {
	return fmt.Errorf("%w: no %s", ErrIncompleteReply, name)
}

// requireID refuses an empty resource ID.
func requireID(id string) error {
	if id == "" {
		return missingField("id")
	}
	return nil
}

// requireUser refuses a nested user without an ID.
func requireUser(u *User) error {
	if u.ID == "" {
		return missingField("user.id")
	}
	return nil
}

// checkItems checks each item of a list reply that has required fields,
// naming the first incomplete one by its index in data.
func checkItems[T any](items []T) error {
	for i := range items {
		if c, ok := any(&items[i]).(requiredChecker); ok {
			if err := c.checkRequired(); err != nil {
				return fmt.Errorf("data[%d]: %w", i, err)
			}
		}
	}
	return nil
}

func (p *Page[T]) checkRequired() error       { return checkItems(p.Data) }
func (d *DataProviders) checkRequired() error { return checkItems(d.Data) }
func (l *RoleList) checkRequired() error      { return checkItems(l.Data) }

func (r *AuthenticateResponse) checkRequired() error {
	switch {
	case r.AccessToken == "":
		return missingField("access_token")
	case r.RefreshToken == "":
		return missingField("refresh_token")
	}
	return requireUser(&r.User)
}

func (d *DeviceAuthorization) checkRequired() error {
	switch {
	case d.DeviceCode == "":
		return missingField("device_code")
	case d.UserCode == "":
		return missingField("user_code")
	}
	return nil
}

func (r *EnrollAuthFactorResponse) checkRequired() error {
	if r.AuthenticationFactor.ID == "" {
		return missingField("authentication_factor.id")
	}
	return nil
}

// Resources identified by an ID.

func (u *User) checkRequired() error                   { return requireID(u.ID) }
func (i *Invitation) checkRequired() error             { return requireID(i.ID) }
func (m *OrganizationMembership) checkRequired() error { return requireID(m.ID) }
func (o *CORSOrigin) checkRequired() error             { return requireID(o.ID) }
func (a *ConnectedAccount) checkRequired() error       { return requireID(a.ID) }
func (e *EmailVerification) checkRequired() error      { return requireID(e.ID) }
func (m *MagicAuth) checkRequired() error              { return requireID(m.ID) }
func (p *PasswordReset) checkRequired() error          { return requireID(p.ID) }
func (c *RadarChallenge) checkRequired() error         { return requireID(c.ID) }
func (r *RedirectURI) checkRequired() error            { return requireID(r.ID) }
func (k *UserAPIKey) checkRequired() error             { return requireID(k.ID) }
func (p *DataProvider) checkRequired() error           { return requireID(p.ID) }
func (f *AuthenticationFactor) checkRequired() error   { return requireID(f.ID) }

// Results that wrap the user they acted on.

func (r *ConfirmPasswordResetResponse) checkRequired() error  { return requireUser(&r.User) }
func (r *SendVerificationEmailResponse) checkRequired() error { return requireUser(&r.User) }
func (r *VerifyEmailResponse) checkRequired() error           { return requireUser(&r.User) }
func (r *EmailChange) checkRequired() error                   { return requireUser(&r.User) }
func (r *EmailChangeConfirmation) checkRequired() error       { return requireUser(&r.User) }

// Organizations and roles.

func (o *Organization) checkRequired() error       { return requireID(o.ID) }
func (d *OrganizationDomain) checkRequired() error { return requireID(d.ID) }
func (r *Role) checkRequired() error               { return requireID(r.ID) }

func (e *Event) checkRequired() error { return requireID(e.ID) }
