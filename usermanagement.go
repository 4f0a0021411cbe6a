package workos

// UserManagementService is the User Management (AuthKit) API. Reach it as
// client.UserManagement. It covers:
//
//   - users, their identities, sessions, authentication factors, API keys,
//     feature flags, authorized applications, connected accounts and data
//     providers;
//   - organization memberships and their groups;
//   - invitations, magic auth codes, password resets, email verification and
//     email change, each of which sends an email;
//   - every authenticate grant, the device flow, and the authorization,
//     logout and JWKS URL builders;
//   - the environment's CORS origins, redirect URIs, JWT template, JWKS and
//     Radar challenges.
//
// Method names follow the Ruby SDK's WorkOS::UserManagement (list_users is
// ListUsers), so a reader of WorkOS's docs finds each call at once;
// docs/PARITY.md maps every Ruby method and every API operation to its Go
// method.
type UserManagementService struct {
	client *Client
}
