package workos_test

import (
	"context"
	"fmt"
	"log"
	"slices"

	"github.com/kestrel-dev/workos"
	"github.com/kestrel-dev/workos/workostest"
)

// Importing a user with the bcrypt hash from another system, so they keep
// their password.
func ExampleUserManagementService_CreateUser() {
	srv := workostest.Start() // stands in for api.workos.com; use workos.NewClient() in production
	defer srv.Close()
	client := srv.Client()

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
	fmt.Println(user.Email, *user.FirstName, user.EmailVerified, user.LastResponse.StatusCode)
	// Output: ada@example.com Ada true 201
}

// Setting one metadata key, deleting another and clearing the external ID,
// while every other field stays as it is.
func ExampleUserManagementService_UpdateUser() {
	srv := workostest.Start()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()
	ada := srv.CreateUser(workostest.NewUser{Email: "ada@example.com", FirstName: "Ada", ExternalID: "crm-42"})
	_, err := client.UserManagement.UpdateUser(ctx, ada.ID, workos.UpdateUserParams{
		Metadata: map[string]workos.Nullable[string]{"plan": workos.Value("trial"), "trial_ends": workos.Value("2025-01-01")},
	})
	if err != nil {
		log.Fatal(err)
	}

	user, err := client.UserManagement.UpdateUser(ctx, ada.ID, workos.UpdateUserParams{
		Metadata: map[string]workos.Nullable[string]{
			"plan":       workos.Value("enterprise"),
			"trial_ends": workos.Null[string](), // deletes the key
		},
		ExternalID: workos.Null[string](), // sends "external_id": null
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(*user.FirstName, user.Metadata, user.ExternalID == nil)
	// Output: Ada map[plan:enterprise] true
}

// Listing an organization's members in every state; without Statuses only
// active memberships come back.
func ExampleUserManagementService_ListOrganizationMemberships() {
	srv := workostest.Start()
	defer srv.Close()
	client := srv.Client()
	org := srv.CreateOrganization("Acme")
	for i, status := range []string{workostest.StatusActive, workostest.StatusInactive, workostest.StatusPending} {
		u := srv.CreateUser(workostest.NewUser{Email: fmt.Sprintf("user%d@example.com", i)})
		srv.AddMembership(u.ID, org.ID, status, "member")
	}

	var statuses []string
	list := client.UserManagement.ListOrganizationMemberships(context.Background(), workos.ListOrganizationMembershipsParams{
		OrganizationID: org.ID,
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
		statuses = append(statuses, string(m.Status)+" "+m.Role.Slug)
	}
	slices.Sort(statuses)
	fmt.Println(statuses)
	// Output: [active member inactive member pending member]
}

// Giving a member several roles at once, in an environment with multiple
// roles enabled.
func ExampleUserManagementService_UpdateOrganizationMembership() {
	srv := workostest.Start()
	defer srv.Close()
	client := srv.Client()
	org := srv.CreateOrganization("Acme")
	ada := srv.CreateUser(workostest.NewUser{Email: "ada@example.com"})
	membershipID := srv.AddMembership(ada.ID, org.ID, workostest.StatusActive, "member")
	srv.CreateOrganizationRole(org.ID, "billing", "Billing") // admin is built in; billing is Acme's own

	m, err := client.UserManagement.UpdateOrganizationMembership(context.Background(), membershipID, workos.UpdateOrganizationMembershipParams{
		Role: workos.RoleSlugs{"admin", "billing"},
	})
	if err != nil {
		log.Fatal(err)
	}
	for _, r := range m.Roles {
		fmt.Println(r.Slug)
	}
	// Output:
	// admin
	// billing
}
