// Package workos is a Go client for the WorkOS User Management API (AuthKit).
//
// A Client is built once with NewClient and shared by every goroutine. Its
// services (UserManagement, Organizations, Authorization and Events) have one
// method per API operation. Every method takes a context first and per-call Options
// last, validates its inputs before any request is sent, retries what is safe
// to retry, and returns typed results that carry the HTTP metadata of the
// reply in LastResponse.
//
// The sections below are meant to be read top to bottom by someone new to
// the package: building a Client, reading its errors, paging through lists,
// signing users in, keeping them signed in with sessions, and testing code
// built on the package without a WorkOS account.
//
// # Client and options
//
// NewClient reads WORKOS_API_KEY, WORKOS_CLIENT_ID and WORKOS_BASE_URL from
// the environment, so any program can be pointed at a fake or an emulator
// without a code change; WithAPIKey, WithClientID and WithBaseURL win over
// them. Options are one type, Option, used both on NewClient (for every call
// the Client makes) and on a single call (for that call only, overriding the
// Client):
//
//	client, err := workos.NewClient(workos.WithMaxRetries(3))
//	user, err := client.UserManagement.GetUser(ctx, id, workos.WithTimeout(2*time.Second))
//
// A few options only make sense in one place: WithIdempotencyKey belongs on a
// single POST, WithSealedSession on a single authenticate call, and
// WithAppInfo on NewClient. An option given where it does not apply is
// refused with an error that matches ErrInvalidParams, and no request is
// sent.
//
// Retries cover 408, 429, 5xx and network errors, with jittered exponential
// backoff (WithBackoff) that honours Retry-After, and stop once the context
// is done. Every POST carries an Idempotency-Key from its first attempt.
// WithLogger writes one slog debug line per attempt, with secrets redacted.
//
// # Errors
//
// A failed call returns an error to inspect with errors.Is and errors.As:
//
//   - *APIError for any reply outside 2xx: HTTP status, Code (an ErrorCode
//     for the authenticate codes), Message, the OAuth error and
//     error_description, field errors and the request ID. It matches
//     ErrBadRequest, ErrUnauthorized, ErrForbidden, ErrNotFound, ErrConflict,
//     ErrUnprocessable, ErrRateLimited or ErrServer by status.
//   - a typed challenge error for each sign-in step the API asks for
//     (EmailVerificationRequiredError, MFAChallengeError,
//     OrganizationSelectionRequiredError, ...), each wrapping its *APIError.
//   - *NetworkError (ErrNetwork) when no reply arrived, and *DecodeError when
//     a 2xx reply could not be read.
//   - an error matching ErrInvalidParams when the inputs were refused before
//     any request was sent. Its message names the parameter, as in
//     "workos: invalid params: user_id is required".
//
// No error string contains an API key, token, code or password.
//
// # Pagination
//
// Every list method returns a lazy *List[T]; nothing is sent until it is read.
// Page fetches one page, Pages walks page by page, and All yields every item
// as an iter.Seq2:
//
//	for u, err := range client.UserManagement.ListUsers(ctx, workos.ListUsersParams{}).All() {
//		if err != nil {
//			return err
//		}
//		fmt.Println(u.Email)
//	}
//
// All and Pages keep every filter on every page, send exactly one cursor per
// request (the one for the direction you paged in), and ask for 100 items a
// page unless ListParams.Limit is set.
//
// # Sign-in
//
// Each authenticate grant has its own method and params struct:
// AuthenticateWithPassword, AuthenticateWithCode (hosted AuthKit, after
// GetAuthorizationURL or GetAuthorizationURLWithPKCE), AuthenticateWithMagicAuth,
// AuthenticateWithEmailVerification, AuthenticateWithTOTP,
// AuthenticateWithOrganizationSelection, AuthenticateWithRefreshToken,
// AuthenticateWithDeviceCode and the Radar challenges. When the API needs
// another step before it signs the user in, the method returns a typed
// error carrying the pending authentication token and that step's fields;
// finish with the matching grant:
//
//	res, err := um.AuthenticateWithPassword(ctx, params)
//	var verify *workos.EmailVerificationRequiredError
//	if errors.As(err, &verify) {
//		res, err = um.AuthenticateWithEmailVerification(ctx, workos.AuthenticateWithEmailVerificationParams{
//			PendingAuthenticationToken: verify.PendingAuthenticationToken, Code: code,
//		})
//	}
//
// A wrong email or password is an *APIError whose Code is
// ErrorCodeInvalidCredentials.
//
// # Sessions
//
// NewVerifier checks access tokens: RS256 signatures against the client's key
// set (fetched once and shared), exp and nbf with a leeway, and the issuer
// when WithTokenIssuer is set. Build one Verifier per Client and share it.
//
// SealSessionFromAuthResponse seals a sign-in result into a cookie value in
// the Node SDK's iron format (password of at least 32 characters).
// LoadSealedSession opens that cookie on each request; CookieSession.Authenticate
// returns the user and claims, or ErrSessionTokenExpired once the access token
// has expired. Then CookieSession.Refresh redeems the refresh token (parallel
// refreshes of one session share one API call) and rotates the cookie: always
// send SealedSession back to the browser, because the old refresh token is
// spent, and call Authenticate again to read the refreshed session.
//
// # Events and webhooks
//
// Client.Events lists what happened in the environment; list oldest first
// (OrderAsc) after the ID of the last event applied to read only what is
// new. ConstructWebhookEvent verifies a webhook delivery's WorkOS-Signature
// against the endpoint's secret and decodes the event; WebhookHandler wraps
// it as an http.Handler. Each Event keeps its payload raw and reads it typed
// with the accessor of its family (User, Session, Organization, ...).
//
// # Testing with workostest
//
// Package github.com/kestrel-dev/workos/workostest runs an in-memory,
// stateful fake of the API. workostest.NewServer(t) starts one for a test and
// its Client method returns a *Client wired to it; the server issues tokens
// that NewVerifier accepts, answers the real sign-in challenges, records the
// emails the API would send, and can move its clock or inject faults.
// Package github.com/kestrel-dev/workos/authkit builds the sign-in and
// session handling of a web app on top of this package.
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
