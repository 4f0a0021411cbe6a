package workos_test

import (
	"context"
	"fmt"
	"log"

	"github.com/kestrel-dev/workos"
)

// Importing a user with the bcrypt hash from another system, so they keep
// their password.
func ExampleUserManagementService_CreateUser() {
	client, err := workos.NewClient()
	if err != nil {
		log.Fatal(err)
	}
	user, err := client.UserManagement.CreateUser(context.Background(), workos.CreateUserParams{
		Email:         "ada@example.com",
		FirstName:     workos.String("Ada"),
		EmailVerified: workos.Bool(true),
		Password: workos.PasswordHash{
			Hash: "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy",
			Type: workos.PasswordHashTypeBcrypt,
		},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(user.ID, user.LastResponse.RequestID)
}

// Setting one metadata key, deleting another and clearing the external ID,
// while every other field stays as it is.
func ExampleUserManagementService_UpdateUser() {
	client, err := workos.NewClient()
	if err != nil {
		log.Fatal(err)
	}
	_, err = client.UserManagement.UpdateUser(context.Background(), "user_123", workos.UpdateUserParams{
		Metadata: map[string]workos.Nullable[string]{
			"plan":       workos.Value("enterprise"),
			"trial_ends": workos.Null[string](), // deletes the key
		},
		ExternalID: workos.Null[string](), // sends "external_id": null
	})
	if err != nil {
		log.Fatal(err)
	}
}

// Listing an organization's members in every state; without Statuses only
// active memberships come back.
func ExampleUserManagementService_ListOrganizationMemberships() {
	client, err := workos.NewClient()
	if err != nil {
		log.Fatal(err)
	}
	list := client.UserManagement.ListOrganizationMemberships(context.Background(), workos.ListOrganizationMembershipsParams{
		OrganizationID: "org_123",
		Statuses: []workos.OrganizationMembershipStatus{
			workos.OrganizationMembershipStatusActive,
			workos.OrganizationMembershipStatusInactive,
			workos.OrganizationMembershipStatusPending,
		},
	})
	for m, err := range list.All() {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(m.UserID, m.Status, m.Role.Slug)
	}
}

// Giving a member several roles at once, in an environment with multiple
// roles enabled.
func ExampleUserManagementService_UpdateOrganizationMembership() {
	client, err := workos.NewClient()
	if err != nil {
		log.Fatal(err)
	}
	m, err := client.UserManagement.UpdateOrganizationMembership(context.Background(), "om_123", workos.UpdateOrganizationMembershipParams{
		Role: workos.RoleSlugs{"admin", "billing"},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(m.Roles))
}
