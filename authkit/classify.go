package authkit

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/kestrel-dev/workos"
)

// class is what a failed check, refresh or switch means for the user.
type class struct {
	outcome Outcome
	reason  string
}

// classify sorts an error from the SDK into transient (keep the cookie,
// retry), sign-in required (send the user through sign-in for the
// organization) or terminal (clear the cookie). It matches
// workos.ErrSessionTransient and, defensively, the causes it stands for.
func classify(err error) class {
	var sso *workos.SSORequiredError
	var mfa *workos.MFAEnrollmentError
	var apiErr *workos.APIError
	switch {
	case errors.As(err, &sso):
		return class{OutcomeSignInRequired, string(workos.ErrorCodeSSORequired)}
	case errors.As(err, &mfa):
		return class{OutcomeSignInRequired, string(workos.ErrorCodeMFAEnrollment)}
	case errors.Is(err, workos.ErrSessionRefreshTokenInvalid) || workos.IsInvalidGrant(err):
		return class{OutcomeTerminal, string(workos.ErrorCodeInvalidGrant)}
	case errors.Is(err, workos.ErrSessionInvalidCookie), errors.Is(err, workos.ErrSessionNoCookie):
		return class{OutcomeTerminal, "invalid_cookie"}
	case errors.Is(err, workos.ErrRateLimited):
		return class{OutcomeTransient, "rate_limited"}
	case errors.Is(err, workos.ErrServer):
		return class{OutcomeTransient, "server_error"}
	case errors.Is(err, workos.ErrJWKSUnavailable):
		return class{OutcomeTransient, "jwks_unavailable"}
	case errors.Is(err, workos.ErrTokenUnknownKey):
		return class{OutcomeTransient, "unknown_key"}
	case errors.Is(err, context.DeadlineExceeded):
		return class{OutcomeTransient, "timeout"}
	case errors.Is(err, workos.ErrNetwork):
		return class{OutcomeTransient, "network"}
	case errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusRequestTimeout:
		return class{OutcomeTransient, "timeout"}
	case errors.Is(err, workos.ErrSessionTransient):
		return class{OutcomeTransient, "transient"}
	case errors.Is(err, context.Canceled):
		return class{OutcomeTransient, "canceled"}
	case errors.As(err, &apiErr) && apiErr.Code != "":
		return class{OutcomeTerminal, errorCode(string(apiErr.Code))}
	}
	return class{OutcomeTerminal, "refused"}
}

// retryAfterSeconds is the Retry-After to send for err: WorkOS's own when
// it gave one, else Config.RetryAfter, in whole seconds (at least 1).
func (k *AuthKit) retryAfterSeconds(err error) string {
	d := k.cfg.RetryAfter
	var apiErr *workos.APIError
	if errors.As(err, &apiErr) && apiErr.RetryAfter > 0 {
		d = apiErr.RetryAfter
	}
	return strconv.FormatInt(max(1, int64((d+time.Second-1)/time.Second)), 10)
}
