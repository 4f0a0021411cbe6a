// Command quickstart shows the workos SDK at work, step by step, on a fresh
// machine with nothing but Go:
//
//	go run ./examples/quickstart
//
// Without WORKOS_API_KEY it starts an in-process fake of the WorkOS API
// (package workostest) and walks through a whole story against it: create
// an organization and a user, add a membership, list the roles, list with auto-pagination,
// send an invitation, sign in with a password, verify the access token,
// refresh it, seal the session into a cookie and revoke it. Nothing leaves
// the machine.
//
// With WORKOS_API_KEY and WORKOS_CLIENT_ID set, it makes read-only calls to
// your real WorkOS environment instead (the first page of users, the JWKS and
// one user's memberships) and changes nothing:
//
//	WORKOS_API_KEY=sk_test_... WORKOS_CLIENT_ID=client_... go run ./examples/quickstart
//
// WORKOS_BASE_URL, when set, replaces https://api.workos.com.
package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"time"

	"github.com/kestrel-dev/workos"
	"github.com/kestrel-dev/workos/workostest"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Stdout, os.Getenv); err != nil {
		fmt.Fprintln(os.Stderr, "quickstart:", err)
		os.Exit(1)
	}
}

// run picks the fake or the real API from the environment (env is
// os.Getenv in main, a map in the test) and reports to out.
func run(ctx context.Context, out io.Writer, env func(string) string) error {
	if env("WORKOS_API_KEY") == "" {
		return runAgainstFake(ctx, out)
	}
	return runReadOnly(ctx, out, env)
}

// runAgainstFake tells the whole story against an in-process fake server.
func runAgainstFake(ctx context.Context, out io.Writer) error {
	fmt.Fprintln(out, "WORKOS_API_KEY is not set, so this runs against an in-process fake WorkOS API (package workostest).")
	fmt.Fprintln(out, "Set WORKOS_API_KEY and WORKOS_CLIENT_ID to make read-only calls to your own environment instead.")

	srv := workostest.Start()
	defer srv.Close()
	client := srv.Client() // a *workos.Client with the fake's URL, API key and client ID
	um := client.UserManagement
	r := &report{w: out}

	r.step("Create an organization")
	org, err := client.Organizations.CreateOrganization(ctx, workos.CreateOrganizationParams{
		Name:       "Acme Corp",
		DomainData: []workos.OrganizationDomainData{{Domain: "acme.example", State: workos.OrganizationDomainStateVerified}},
	})
	if err != nil {
		return fmt.Errorf("create organization: %w", err)
	}
	r.note("created %s (%s) with the domain %s (%s)", org.Name, org.ID, org.Domains[0].Domain, org.Domains[0].State)

	r.step("Create a user with a password")
	const email, password = "ada@example.com", "correct-horse-battery-staple"
	user, err := um.CreateUser(ctx, workos.CreateUserParams{
		Email:         email,
		Password:      workos.PlainPassword(password),
		FirstName:     workos.String("Ada"),
		LastName:      workos.String("Lovelace"),
		EmailVerified: workos.Bool(true),
	})
	if err != nil {
		return fmt.Errorf("create user: %w", err)
	}
	r.note("created %s <%s>", user.ID, user.Email)
	emails := map[string]string{user.ID: user.Email}
	var teammates []string
	for _, addr := range []string{"grace@example.com", "katherine@example.com", "margaret@example.com"} {
		u, err := um.CreateUser(ctx, workos.CreateUserParams{Email: addr})
		if err != nil {
			return fmt.Errorf("create user %s: %w", addr, err)
		}
		emails[u.ID] = u.Email
		teammates = append(teammates, u.ID)
	}
	r.note("and %d teammates without passwords", len(teammates))

	r.step("Add memberships to %s", org.Name)
	m, err := um.CreateOrganizationMembership(ctx, workos.CreateOrganizationMembershipParams{
		UserID: user.ID, OrganizationID: org.ID, Role: workos.RoleSlug("admin"),
	})
	if err != nil {
		return fmt.Errorf("add membership: %w", err)
	}
	r.note("%s joined as %s (membership %s, %s)", user.Email, m.Role.Slug, m.ID, m.Status)
	for _, id := range teammates {
		if _, err := um.CreateOrganizationMembership(ctx, workos.CreateOrganizationMembershipParams{
			UserID: id, OrganizationID: org.ID, Role: workos.RoleSlug("member"),
		}); err != nil {
			return fmt.Errorf("add membership: %w", err)
		}
	}
	r.note("the %d teammates joined as member", len(teammates))

	r.step("List every user, 2 per page, with auto-pagination")
	// All walks every page lazily; Limit is only the page size.
	users := um.ListUsers(ctx, workos.ListUsersParams{ListParams: workos.ListParams{Limit: 2, Order: workos.OrderAsc}})
	n := 0
	for u, err := range users.All() {
		if err != nil {
			return fmt.Errorf("list users: %w", err)
		}
		n++
		r.note("%d. %s", n, u.Email)
	}
	r.note("All() fetched %d pages behind the scenes", srv.CountRequests("GET", "/user_management/users"))

	r.step("List the roles members of %s can hold", org.Name)
	roles, err := client.Authorization.ListOrganizationRoles(ctx, org.ID)
	if err != nil {
		return fmt.Errorf("list roles: %w", err)
	}
	for _, role := range roles.Data {
		r.note("%-7s %s", role.Slug, role.Type)
	}

	r.step("List the members of %s", org.Name)
	members := um.ListOrganizationMemberships(ctx, workos.ListOrganizationMembershipsParams{OrganizationID: org.ID})
	for m, err := range members.All() {
		if err != nil {
			return fmt.Errorf("list memberships: %w", err)
		}
		r.note("%-22s %-7s %s", emails[m.UserID], m.Role.Slug, m.Status)
	}

	r.step("Invite someone to %s", org.Name)
	inv, err := um.SendInvitation(ctx, workos.SendInvitationParams{
		Email:          "alan@example.com",
		OrganizationID: org.ID,
		RoleSlug:       "member",
		InviterUserID:  user.ID,
	})
	if err != nil {
		return fmt.Errorf("send invitation: %w", err)
	}
	r.note("invitation %s for %s is %s until %s", inv.ID, inv.Email, inv.State, inv.ExpiresAt.Format(time.DateOnly))
	if mail, ok := srv.LastEmail(inv.Email); ok {
		r.note("the fake's inbox for %s now holds the %s email WorkOS would have sent", mail.To, mail.Kind)
	}

	r.step("Sign in with email and password")
	auth, err := um.AuthenticateWithPassword(ctx, workos.AuthenticateWithPasswordParams{Email: email, Password: password})
	if err != nil {
		return fmt.Errorf("sign in: %w", err)
	}
	r.note("signed in as %s, into organization %s (the only one they belong to)", auth.User.Email, auth.OrganizationID)
	r.note("got a %d-byte access token (an RS256 JWT) and a single-use refresh token", len(auth.AccessToken))

	r.step("Verify the access token")
	// Build one Verifier and share it: it caches the key set.
	verifier, err := workos.NewVerifier(client, workos.WithTokenIssuer(srv.Issuer()))
	if err != nil {
		return fmt.Errorf("new verifier: %w", err)
	}
	claims, err := verifier.Verify(ctx, auth.AccessToken)
	if err != nil {
		return fmt.Errorf("verify access token: %w", err)
	}
	jwksURL, err := um.GetJWKSURL(client.ClientID())
	if err != nil {
		return fmt.Errorf("jwks url: %w", err)
	}
	r.note("signature checked with the key set at %s", jwksURL)
	r.note("sub     %s", claims.Subject)
	r.note("sid     %s", claims.SessionID)
	r.note("org_id  %s", claims.OrganizationID)
	r.note("role    %s", claims.Role)
	r.note("expires in %s", claims.ExpiresAt.Sub(srv.Now()).Round(time.Minute))

	r.step("Refresh the session")
	refreshed, err := um.AuthenticateWithRefreshToken(ctx, workos.AuthenticateWithRefreshTokenParams{RefreshToken: auth.RefreshToken})
	if err != nil {
		return fmt.Errorf("refresh: %w", err)
	}
	newClaims, err := verifier.Verify(ctx, refreshed.AccessToken)
	if err != nil {
		return fmt.Errorf("verify refreshed token: %w", err)
	}
	r.note("new access token verified, same session: %t", newClaims.SessionID == claims.SessionID)
	// A retry after a lost reply: WorkOS answers a replay of a just-used
	// refresh token with the same new pair, for a few seconds.
	again, err := um.AuthenticateWithRefreshToken(ctx, workos.AuthenticateWithRefreshTokenParams{RefreshToken: auth.RefreshToken})
	if err != nil {
		return fmt.Errorf("replaying a just-used refresh token: %w", err)
	}
	if again.RefreshToken != refreshed.RefreshToken {
		return errors.New("replaying a just-used refresh token: want the same pair, got another refresh token")
	}
	r.note("a replay just after (a retry after a lost reply) gets the same new pair")
	srv.Advance(workostest.DefaultRefreshReplayWindow)
	_, err = um.AuthenticateWithRefreshToken(ctx, workos.AuthenticateWithRefreshTokenParams{RefreshToken: auth.RefreshToken})
	if !workos.IsInvalidGrant(err) {
		return fmt.Errorf("reusing a refresh token: want invalid_grant, got %v", err)
	}
	r.note("refresh tokens rotate: using the old one again later answers invalid_grant")

	r.step("Seal the session into a cookie, and unseal it")
	cookiePassword, err := randomPassword() // in an app: WORKOS_COOKIE_PASSWORD, 32+ characters
	if err != nil {
		return err
	}
	sealed, err := workos.SealSessionFromAuthResponse(refreshed, cookiePassword)
	if err != nil {
		return fmt.Errorf("seal session: %w", err)
	}
	r.note("sealed into a %d-character cookie value starting %q", len(sealed), sealed[:7])
	data, err := workos.UnsealSession(sealed, cookiePassword)
	if err != nil {
		return fmt.Errorf("unseal session: %w", err)
	}
	r.note("unsealed: user %s, organization %s", data.User.Email, data.OrganizationID)

	r.step("Revoke the session")
	if _, err := um.RevokeSession(ctx, workos.RevokeSessionParams{SessionID: claims.SessionID}); err != nil {
		return fmt.Errorf("revoke session: %w", err)
	}
	for s, err := range um.ListSessions(ctx, user.ID, workos.ListSessionsParams{}).All() {
		if err != nil {
			return fmt.Errorf("list sessions: %w", err)
		}
		r.note("session %s is now %s", s.ID, s.Status)
	}
	_, err = um.AuthenticateWithRefreshToken(ctx, workos.AuthenticateWithRefreshTokenParams{RefreshToken: refreshed.RefreshToken})
	if !workos.IsInvalidGrant(err) {
		return fmt.Errorf("refreshing a revoked session: want invalid_grant, got %v", err)
	}
	r.note("its refresh token no longer works (invalid_grant): the user must sign in again")

	if err := readBackEvents(ctx, r, client); err != nil {
		return err
	}

	fmt.Fprintln(out, "\nDone. Every call above went through the SDK to the fake server over HTTP.")
	return nil
}

// readBackEvents lists, oldest first, the events the steps above produced,
// as an app syncing its database from the Events API would, and prints how
// many of each type there were.
func readBackEvents(ctx context.Context, r *report, client *workos.Client) error {
	r.step("Read back the events these steps produced")
	counts := map[workos.EventType]int{}
	var order []workos.EventType
	last := ""
	for ev, err := range client.Events.ListEvents(ctx, workos.ListEventsParams{ListParams: workos.ListParams{Order: workos.OrderAsc}}).All() {
		if err != nil {
			return fmt.Errorf("list events: %w", err)
		}
		if counts[ev.Event] == 0 {
			order = append(order, ev.Event)
		}
		counts[ev.Event]++
		last = ev.ID
	}
	for _, t := range order {
		r.note("%-36s x%d", t, counts[t])
	}
	r.note("a sync loop stores %s and next time lists only the events after it", last)
	return nil
}

// runReadOnly makes read-only calls to a real WorkOS environment. It never
// creates, changes or deletes anything.
func runReadOnly(ctx context.Context, out io.Writer, env func(string) string) error {
	clientID := env("WORKOS_CLIENT_ID")
	if clientID == "" {
		return errors.New("WORKOS_API_KEY is set but WORKOS_CLIENT_ID is not; set both (or neither, to use the fake)")
	}
	opts := []workos.Option{workos.WithAPIKey(env("WORKOS_API_KEY")), workos.WithClientID(clientID)}
	if base := env("WORKOS_BASE_URL"); base != "" {
		opts = append(opts, workos.WithBaseURL(base))
	}
	client, err := workos.NewClient(opts...)
	if err != nil {
		return err
	}
	um := client.UserManagement
	r := &report{w: out}
	fmt.Fprintf(out, "Using your WorkOS environment at %s, read-only.\n", client.BaseURL())

	r.step("List the first page of users")
	page, err := um.ListUsers(ctx, workos.ListUsersParams{ListParams: workos.ListParams{Limit: 5}}).Page()
	if err != nil {
		return fmt.Errorf("list users: %w", err)
	}
	for _, u := range page.Data {
		r.note("%s <%s>, created %s", u.ID, u.Email, u.CreatedAt.Format(time.DateOnly))
	}
	switch {
	case len(page.Data) == 0:
		r.note("no users yet")
	case page.ListMetadata.After != nil:
		r.note("(more users on the next pages; ListUsers(...).All() would walk them all)")
	}

	r.step("Fetch the key set that signs access tokens")
	jwks, err := um.GetJWKS(ctx, clientID)
	if err != nil {
		return fmt.Errorf("get jwks: %w", err)
	}
	for _, k := range jwks.Keys {
		r.note("key %s (%s, %s)", k.KeyID, k.KeyType, k.Algorithm)
	}

	if len(page.Data) > 0 {
		u := page.Data[0]
		r.step("List the organization memberships of %s", u.Email)
		ms, err := um.ListOrganizationMemberships(ctx, workos.ListOrganizationMembershipsParams{
			ListParams: workos.ListParams{Limit: 5}, UserID: u.ID,
		}).Page()
		if err != nil {
			return fmt.Errorf("list memberships: %w", err)
		}
		for _, m := range ms.Data {
			r.note("%s in %s as %s (%s)", m.ID, m.OrganizationID, m.Role.Slug, m.Status)
		}
		if len(ms.Data) == 0 {
			r.note("none")
		}
	}

	fmt.Fprintln(out, "\nDone. Nothing was changed.")
	return nil
}

// report prints numbered steps and indented notes under them.
type report struct {
	w io.Writer
	n int
}

func (r *report) step(format string, args ...any) {
	r.n++
	fmt.Fprintf(r.w, "\n%2d. %s\n", r.n, fmt.Sprintf(format, args...))
}

func (r *report) note(format string, args ...any) {
	fmt.Fprintf(r.w, "    %s\n", fmt.Sprintf(format, args...))
}

// randomPassword makes a throwaway cookie password for this run.
func randomPassword() (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("random cookie password: %w", err)
	}
	return hex.EncodeToString(b), nil
}
