package workos

import (
	"context"
	"net/http"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// User is a user of the WorkOS environment.
type User struct {
	// Object is "user".
	Object string `json:"object"`
	// ID is the user's ID, "user_..." .
	ID string `json:"id"`
	// Email is the user's email address.
	Email string `json:"email"`
	// EmailVerified reports whether the user proved they own Email.
	EmailVerified bool `json:"email_verified"`
	// FirstName is nil when unknown.
	FirstName *string `json:"first_name"`
	// LastName is nil when unknown.
	LastName *string `json:"last_name"`
	// Name is the user's full name, nil when unknown.
	Name *string `json:"name,omitempty"`
	// ProfilePictureURL is nil when the user has no picture.
	ProfilePictureURL *string `json:"profile_picture_url"`
	// ExternalID is the caller's own ID for the user, nil when unset.
	ExternalID *string `json:"external_id"`
	// Metadata holds up to 50 caller-defined string values.
	Metadata map[string]string `json:"metadata,omitempty"`
	// LastSignInAt is nil for a user who never signed in.
	LastSignInAt *time.Time `json:"last_sign_in_at"`
	// Locale is the user's preferred locale, such as "en-US", nil if unset.
	Locale *string `json:"locale,omitempty"`
	// CreatedAt is when the user was created.
	CreatedAt time.Time `json:"created_at"`
	// UpdatedAt is when the user last changed.
	UpdatedAt time.Time `json:"updated_at"`
	APIResource
}

// ListUsersParams filters ListUsers.
type ListUsersParams struct {
	ListParams
	// Email keeps only users with this email address.
	Email string `url:"email,omitempty"`
	// OrganizationID keeps only members of this organization.
	OrganizationID string `url:"organization_id,omitempty"`
	// Organization is the deprecated name of OrganizationID.
	//
	// Deprecated: use OrganizationID.
	Organization string `url:"organization,omitempty"`
}

// ListUsers lists the environment's users, newest first by default. Nothing
// is sent until the List's Page, Pages or All is called.
func (s *UserManagementService) ListUsers(ctx context.Context, params ListUsersParams, opts ...Option) *List[User] {
	return newList[User](ctx, s.client, call{method: http.MethodGet, path: "/user_management/users"}, params, nil, opts)
}

// GetUser fetches the user with the given ID, with their profile, email
// verification status and metadata. An unknown ID fails with an error
// matching ErrNotFound.
func (s *UserManagementService) GetUser(ctx context.Context, id string, opts ...Option) (*User, error) {
	return send[User](ctx, s.client, call{method: http.MethodGet, path: "/user_management/users/{user_id}", params: []string{id}}, opts)
}

// DeleteUser deletes a user and ends all their sessions.
func (s *UserManagementService) DeleteUser(ctx context.Context, id string, opts ...Option) (*Response, error) {
	return s.client.do(ctx, call{method: http.MethodDelete, path: "/user_management/users/{user_id}", params: []string{id}}, nil, opts)
}

// PasswordHashType names the algorithm an imported password hash was made
// with. Values the SDK does not list still decode and can be sent.
type PasswordHashType string

// Password hash algorithms the API accepts.
const (
	PasswordHashTypeBcrypt         PasswordHashType = "bcrypt"
	PasswordHashTypeFirebaseScrypt PasswordHashType = "firebase-scrypt"
	PasswordHashTypeSSHA           PasswordHashType = "ssha"
	PasswordHashTypeSSHA256        PasswordHashType = "ssha256"
	PasswordHashTypeScrypt         PasswordHashType = "scrypt"
	PasswordHashTypePBKDF2         PasswordHashType = "pbkdf2"
	PasswordHashTypeArgon2         PasswordHashType = "argon2"
)

// PasswordSaltPosition says where the salt went when an imported hash was
// computed.
type PasswordSaltPosition string

// Salt positions the API accepts.
const (
	// PasswordSaltPositionPrefix means hash(salt + password).
	PasswordSaltPositionPrefix PasswordSaltPosition = "prefix"
	// PasswordSaltPositionSuffix means hash(password + salt), the API's
	// default.
	PasswordSaltPositionSuffix PasswordSaltPosition = "suffix"
)

// PasswordInput is the password CreateUser or UpdateUser sets: either a
// PlainPassword or an imported PasswordHash, never both. Only this package
// implements it.
type PasswordInput interface {
	passwordFields() (passwordFields, error)
}

// PlainPassword is a password in clear text, which WorkOS hashes and
// checks against the environment's password strength policy. It prints as
// REDACTED, so it cannot leak through fmt or a logger.
type PlainPassword string

// String hides the password.
func (PlainPassword) String() string { return "REDACTED" }

// GoString hides the password from %#v.
func (PlainPassword) GoString() string { return `workos.PlainPassword("REDACTED")` }

func (p PlainPassword) passwordFields() (passwordFields, error) {
	if p == "" {
		return passwordFields{}, invalidParams("password must not be empty")
	}
	s := string(p)
	return passwordFields{Password: &s}, nil
}

// PasswordHash is a password hash imported from another system, so the
// user keeps their password without WorkOS ever seeing it in clear text.
type PasswordHash struct {
	// Hash is the digest in the format the algorithm produces, such as
	// "$2a$10$...". Required.
	Hash string
	// Type is the algorithm that made Hash. Required.
	Type PasswordHashType
	// SaltPosition says where the salt went; the API supports it only for
	// PasswordHashTypeSSHA256. Empty means the API default, suffix.
	SaltPosition PasswordSaltPosition
}

func (h PasswordHash) passwordFields() (passwordFields, error) {
	if h.Hash == "" || h.Type == "" {
		return passwordFields{}, invalidParams("PasswordHash needs both Hash and Type")
	}
	return passwordFields{PasswordHash: h.Hash, PasswordHashType: h.Type, PasswordSaltPosition: h.SaltPosition}, nil
}

// passwordFields is the wire form of a PasswordInput, flattened into the
// body of a create or update.
type passwordFields struct {
	Password             *string              `json:"password,omitempty"`
	PasswordHash         string               `json:"password_hash,omitempty"`
	PasswordHashType     PasswordHashType     `json:"password_hash_type,omitempty"`
	PasswordSaltPosition PasswordSaltPosition `json:"password_salt_position,omitempty"`
}

// passwordBody returns the wire fields for an optional PasswordInput.
func passwordBody(p PasswordInput) (passwordFields, error) {
	if p == nil {
		return passwordFields{}, nil
	}
	return p.passwordFields()
}

// CreateUserParams describes a new user.
type CreateUserParams struct {
	// Email is the user's email address. Required.
	Email string `json:"email"`
	// Password optionally sets a password: PlainPassword or PasswordHash.
	Password PasswordInput `json:"-"`
	// FirstName is the user's first name.
	FirstName *string `json:"first_name,omitempty"`
	// LastName is the user's last name.
	LastName *string `json:"last_name,omitempty"`
	// Name is the user's full name.
	Name *string `json:"name,omitempty"`
	// EmailVerified marks the email address as already verified, for
	// addresses the caller has checked itself.
	EmailVerified *bool `json:"email_verified,omitempty"`
	// Metadata holds up to 50 string values under keys of at most 40
	// characters; each value is at most 600 characters.
	Metadata map[string]string `json:"metadata,omitempty"`
	// ExternalID is the caller's own ID for the user: 1 to 128 ASCII
	// characters, unique in the environment.
	ExternalID string `json:"external_id,omitempty"`
	// IPAddress is the IP address of the request that signs the user up,
	// for Radar: the host alone, without a port.
	IPAddress string `json:"ip_address,omitempty"`
	// UserAgent is the user agent of that request, for Radar.
	UserAgent string `json:"user_agent,omitempty"`
	// SignalsID is a Radar signals ID that ties client-side signals to
	// this sign-up.
	SignalsID string `json:"signals_id,omitempty"`
}

type createUserBody struct {
	*CreateUserParams
	passwordFields
}

// CreateUserResponse is the user CreateUser made.
type CreateUserResponse struct {
	User
	// RadarAuthAttemptID identifies the Radar check of the sign-up, when
	// Radar is enabled; pass it on to the authenticate call that follows.
	RadarAuthAttemptID string `json:"radar_auth_attempt_id,omitempty"`
}

// CreateUser creates a user in the environment, optionally with a password
// or an imported password hash. The API rejects a password that fails the
// environment's strength policy with a 400 password_strength_error whose
// Errors say why.
func (s *UserManagementService) CreateUser(ctx context.Context, params CreateUserParams, opts ...Option) (*CreateUserResponse, error) {
	if strings.TrimSpace(params.Email) == "" {
		return nil, invalidParams("Email is required")
	}
	pw, err := passwordBody(params.Password)
	if err != nil {
		return nil, err
	}
	if err := checkMetadata(params.Metadata); err != nil {
		return nil, err
	}
	if params.ExternalID != "" {
		if err := checkExternalID(params.ExternalID); err != nil {
			return nil, err
		}
	}
	body := createUserBody{CreateUserParams: &params, passwordFields: pw}
	return send[CreateUserResponse](ctx, s.client, call{method: http.MethodPost, path: "/user_management/users", body: body}, opts)
}

// GetUserByExternalID fetches the user whose ExternalID is externalID.
func (s *UserManagementService) GetUserByExternalID(ctx context.Context, externalID string, opts ...Option) (*User, error) {
	return send[User](ctx, s.client, call{method: http.MethodGet, path: "/user_management/users/external_id/{external_id}", params: []string{externalID}}, opts)
}

// UpdateUserParams lists the changes UpdateUser makes. Fields left at their
// zero value are not sent and stay as they are.
type UpdateUserParams struct {
	// Email changes the user's email address directly; SendEmailChange
	// instead has the user confirm the new address with a code. Empty
	// leaves it unchanged.
	Email string `json:"email,omitempty"`
	// Password sets a new password: PlainPassword or PasswordHash.
	Password PasswordInput `json:"-"`
	// FirstName changes the user's first name.
	FirstName *string `json:"first_name,omitempty"`
	// LastName changes the user's last name.
	LastName *string `json:"last_name,omitempty"`
	// Name changes the user's full name.
	Name *string `json:"name,omitempty"`
	// EmailVerified marks the email address verified or not.
	EmailVerified *bool `json:"email_verified,omitempty"`
	// Metadata changes single keys and leaves the others alone:
	// workos.Value("v") sets a key and workos.Null[string]() deletes it.
	// Every entry must be one or the other. Limits as in CreateUserParams.
	Metadata map[string]Nullable[string] `json:"metadata,omitempty"`
	// ExternalID sets (workos.Value) or clears (workos.Null) the caller's
	// own ID for the user.
	ExternalID Nullable[string] `json:"external_id,omitzero"`
	// Locale sets (workos.Value(workos.LocaleFrenchCA)) or clears
	// (workos.Null[workos.Locale]()) the user's preferred locale.
	Locale Nullable[Locale] `json:"locale,omitzero"`
}

type updateUserBody struct {
	*UpdateUserParams
	passwordFields
}

// UpdateUser changes a user's profile, metadata, external ID, locale or
// password, and returns the updated user.
func (s *UserManagementService) UpdateUser(ctx context.Context, id string, params UpdateUserParams, opts ...Option) (*User, error) {
	pw, err := passwordBody(params.Password)
	if err != nil {
		return nil, err
	}
	if err := checkMetadataUpdate(params.Metadata); err != nil {
		return nil, err
	}
	if v, ok := params.ExternalID.Get(); ok {
		if err := checkExternalID(v); err != nil {
			return nil, err
		}
	}
	if v, ok := params.Locale.Get(); ok && v == "" {
		return nil, invalidParams("Locale must not be empty; use workos.Null to clear it")
	}
	body := updateUserBody{UpdateUserParams: &params, passwordFields: pw}
	return send[User](ctx, s.client, call{method: http.MethodPut, path: "/user_management/users/{user_id}", params: []string{id}, body: body}, opts)
}

// Limits the API puts on user metadata and external IDs.
const (
	maxMetadataKeys     = 50
	maxMetadataKeyLen   = 40
	maxMetadataValueLen = 600
	maxExternalIDLen    = 128
)

func checkMetadata(m map[string]string) error {
	if len(m) > maxMetadataKeys {
		return invalidParams("Metadata has %d keys, at most %d allowed", len(m), maxMetadataKeys)
	}
	for k, v := range m {
		if err := checkMetadataEntry(k, v); err != nil {
			return err
		}
	}
	return nil
}

func checkMetadataUpdate(m map[string]Nullable[string]) error {
	if len(m) > maxMetadataKeys {
		return invalidParams("Metadata has %d keys, at most %d allowed", len(m), maxMetadataKeys)
	}
	for k, n := range m {
		if n.IsZero() {
			return invalidParams("Metadata key %q is unset: use workos.Value to set it or workos.Null to delete it", k)
		}
		v, _ := n.Get()
		if err := checkMetadataEntry(k, v); err != nil {
			return err
		}
	}
	return nil
}

func checkMetadataEntry(k, v string) error {
	if n := utf8.RuneCountInString(k); n > maxMetadataKeyLen {
		return invalidParams("Metadata key of %d characters, at most %d allowed", n, maxMetadataKeyLen)
	}
	if n := utf8.RuneCountInString(v); n > maxMetadataValueLen {
		return invalidParams("Metadata value under key %q has %d characters, at most %d allowed", k, n, maxMetadataValueLen)
	}
	return nil
}

func checkExternalID(id string) error {
	if id == "" {
		return invalidParams("ExternalID must not be empty")
	}
	if len(id) > maxExternalIDLen {
		return invalidParams("ExternalID has %d characters, at most %d allowed", len(id), maxExternalIDLen)
	}
	for i := 0; i < len(id); i++ {
		if id[i] > unicode.MaxASCII {
			return invalidParams("ExternalID must be ASCII")
		}
	}
	return nil
}
