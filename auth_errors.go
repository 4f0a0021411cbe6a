package workos

// typedAuthError returns the specific error type for an authentication
// failure (a challenge such as email_verification_required), wrapping e, or
// nil when e has no more specific type.
func typedAuthError(e *APIError) error {
	return nil
}
