package workos

// UserManagementService is the User Management (AuthKit) API: users,
// organization memberships, invitations, magic auth, password resets, email
// verification and change, sessions, authentication, and the environment's
// CORS origins, redirect URIs and JWT template. Reach it as
// client.UserManagement.
//
// Method names follow the Ruby SDK's WorkOS::UserManagement (list_users is
// ListUsers), so a reader of WorkOS's docs finds each call at once.
type UserManagementService struct {
	client *Client
}
