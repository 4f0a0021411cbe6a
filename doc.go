// Package workos is a Go client for the WorkOS User Management API (AuthKit).
//
// A Client is built once with NewClient and shared by every goroutine. Its
// UserManagement service has one method per API operation. Every method takes
// a context first and per-call Options last, validates its inputs before any
// request is sent, retries what is safe to retry, and returns typed results
// that carry the HTTP metadata of the reply in LastResponse.
//
// # Optional request fields
//
// Every ...Params struct follows one rule, so a field name has the same Go
// type wherever it appears and a value that compiles in one struct compiles
// in the next:
//
//   - A required field is a plain value.
//   - An optional field whose zero value is never meaningful to send is a
//     plain value too, left out of the request when zero (IPAddress,
//     UserAgent, SignalsID, InvitationToken, OrganizationID, Locale, ...).
//   - A pointer (*bool, *int, *string) only where the zero value is itself
//     meaningful to send in some call that takes the field, as false is for
//     EmailVerified, 0 for MaxAge and "" for an update's FirstName; fill it
//     with String, Bool, Int or Ptr. A nil pointer is left out.
//   - Nullable[T] only where the API lets the field be cleared with null:
//     Value(v) sets it, Null[T]() clears it, the zero Nullable leaves it out.
//
// IP addresses are the host alone, without a port: net.SplitHostPort the
// value of http.Request.RemoteAddr before passing it.
package workos
