package workos_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/kestrel-dev/workos"
)

// exampleUsersAPI stands in for the WorkOS API so the examples run
// offline: one user, a 404 for any other, and a list of five users served
// two a page.
func exampleUsersAPI() *httptest.Server {
	users := []string{"ada", "grace", "edsger", "barbara", "donald"}
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-Request-Id", "req_example")
		switch r.URL.Path {
		case "/user_management/users/user_ada":
			fmt.Fprintf(w, `{"object":"user","id":"user_ada","email":"ada@example.com","email_verified":true,`+
				`"first_name":"Ada","last_name":"Lovelace","created_at":"2024-01-02T03:04:05Z","updated_at":"2024-01-02T03:04:05Z"}`+"\n")
		case "/user_management/users":
			start := 0
			for i, u := range users {
				if "user_"+u == r.URL.Query().Get("after") {
					start = i + 1
				}
			}
			end := min(start+2, len(users))
			fmt.Fprint(w, `{"object":"list","data":[`)
			for i, u := range users[start:end] {
				if i > 0 {
					fmt.Fprint(w, ",")
				}
				fmt.Fprintf(w, `{"object":"user","id":"user_%s","email":"%s@example.com"}`, u, u)
			}
			after := "null"
			if end < len(users) {
				after = `"user_` + users[end-1] + `"`
			}
			fmt.Fprintf(w, `],"list_metadata":{"before":null,"after":%s}}`, after)
		default:
			w.WriteHeader(http.StatusNotFound)
			fmt.Fprint(w, `{"code":"entity_not_found","message":"User not found."}`)
		}
	}))
}

func ExampleNewClient() {
	srv := exampleUsersAPI()
	defer srv.Close()

	// In production: workos.NewClient() reads WORKOS_API_KEY and
	// WORKOS_CLIENT_ID from the environment and talks to api.workos.com.
	client, err := workos.NewClient(
		workos.WithAPIKey("sk_test_example"),
		workos.WithClientID("client_example"),
		workos.WithBaseURL(srv.URL),
		workos.WithAppInfo("acme-backend", "1.4.0"),
		workos.WithMaxRetries(3),
	)
	if err != nil {
		log.Fatal(err)
	}
	user, err := client.UserManagement.GetUser(context.Background(), "user_ada")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(user.Email, *user.FirstName, user.CreatedAt.Format(time.DateOnly))
	fmt.Println("status", user.LastResponse.StatusCode, "request", user.LastResponse.RequestID)
	// Output:
	// ada@example.com Ada 2024-01-02
	// status 200 request req_example
}

func Example_perCallOptions() {
	srv := exampleUsersAPI()
	defer srv.Close()
	client, err := workos.NewClient(workos.WithAPIKey("sk_test_example"), workos.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}

	// Options given to one call override the Client's settings for that
	// call only: here a two-second budget per attempt, no retries, an extra
	// header and another environment's key.
	user, err := client.UserManagement.GetUser(context.Background(), "user_ada",
		workos.WithTimeout(2*time.Second),
		workos.WithMaxRetries(0),
		workos.WithHeader("X-Correlation-Id", "c-123"),
		workos.WithAPIKey("sk_test_other_environment"),
	)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(user.ID)
	// Output:
	// user_ada
}

func ExampleAPIError() {
	srv := exampleUsersAPI()
	defer srv.Close()
	client, err := workos.NewClient(workos.WithAPIKey("sk_test_example"), workos.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}

	_, err = client.UserManagement.GetUser(context.Background(), "user_missing")
	if errors.Is(err, workos.ErrNotFound) {
		fmt.Println("no such user")
	}
	var apiErr *workos.APIError
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.StatusCode, apiErr.Code, apiErr.RequestID)
	}
	fmt.Println(err)

	// Bad input fails before anything is sent.
	_, err = client.UserManagement.GetUser(context.Background(), "")
	fmt.Println(errors.Is(err, workos.ErrInvalidParams))
	// Output:
	// no such user
	// 404 entity_not_found req_example
	// workos: 404 entity_not_found: User not found. [request req_example]
	// true
}

func ExampleList_All() {
	srv := exampleUsersAPI()
	defer srv.Close()
	client, err := workos.NewClient(workos.WithAPIKey("sk_test_example"), workos.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}

	// All fetches pages lazily, following the after cursor, and stops when
	// the list ends or the loop breaks.
	params := workos.ListUsersParams{ListParams: workos.ListParams{Limit: 2}}
	for user, err := range client.UserManagement.ListUsers(context.Background(), params).All() {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(user.Email)
	}
	// Output:
	// ada@example.com
	// grace@example.com
	// edsger@example.com
	// barbara@example.com
	// donald@example.com
}

func ExampleList_Page() {
	srv := exampleUsersAPI()
	defer srv.Close()
	client, err := workos.NewClient(workos.WithAPIKey("sk_test_example"), workos.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}

	page, err := client.UserManagement.ListUsers(context.Background(), workos.ListUsersParams{
		ListParams: workos.ListParams{Limit: 2, After: "user_grace"},
	}).Page()
	if err != nil {
		log.Fatal(err)
	}
	for _, u := range page.Data {
		fmt.Println(u.ID)
	}
	fmt.Println("next page after", *page.ListMetadata.After)
	// Output:
	// user_edsger
	// user_barbara
	// next page after user_barbara
}

// Pages walks the list a page at a time, for work done per page such as a
// batch write; the filters and the page size carry over to every request.
func ExampleList_Pages() {
	srv := exampleUsersAPI()
	defer srv.Close()
	client, err := workos.NewClient(workos.WithAPIKey("sk_test_example"), workos.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}

	params := workos.ListUsersParams{ListParams: workos.ListParams{Limit: 2}}
	for page, err := range client.UserManagement.ListUsers(context.Background(), params).Pages() {
		if err != nil {
			log.Fatal(err)
		}
		var ids []string
		for _, u := range page.Data {
			ids = append(ids, u.ID)
		}
		fmt.Println(ids)
	}
	// Output:
	// [user_ada user_grace]
	// [user_edsger user_barbara]
	// [user_donald]
}
