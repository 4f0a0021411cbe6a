package workos

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net/http"
	"time"
)

// DefaultDevicePollInterval is how long PollDeviceCode waits between polls
// when neither the caller nor the server gave an interval (RFC 8628).
const DefaultDevicePollInterval = 5 * time.Second

// DeviceAuthorization starts the OAuth 2.0 device authorization flow (RFC
// 8628), for CLIs and devices without a browser: show the user UserCode
// and VerificationURI, then poll with DeviceCode until they approve.
type DeviceAuthorization struct {
	// DeviceCode identifies this sign-in to AuthenticateWithDeviceCode and
	// PollDeviceCode. Keep it secret.
	DeviceCode string `json:"device_code"`
	// UserCode is the short code the user types at VerificationURI.
	UserCode string `json:"user_code"`
	// VerificationURI is the page where the user enters UserCode.
	VerificationURI string `json:"verification_uri"`
	// VerificationURIComplete is VerificationURI with UserCode filled in,
	// for a link or QR code; empty if the API did not send it.
	VerificationURIComplete string `json:"verification_uri_complete,omitempty"`
	// ExpiresIn is how many seconds the codes stay valid. The API sends a
	// JSON number, which may have a fraction.
	ExpiresIn float64 `json:"expires_in"`
	// Interval is the least number of seconds to wait between polls, zero
	// if the API did not say.
	Interval float64 `json:"interval,omitempty"`
	APIResource
}

// PollInterval is Interval as a duration, or DefaultDevicePollInterval when
// the API sent none.
func (d *DeviceAuthorization) PollInterval() time.Duration {
	if d.Interval <= 0 || math.IsNaN(d.Interval) {
		return DefaultDevicePollInterval
	}
	return secondsDuration(d.Interval)
}

// ExpiresAfter is how long the device and user codes stay valid
// (ExpiresIn as a duration, capped at a day): a good deadline for
// PollDeviceCode's context.
func (d *DeviceAuthorization) ExpiresAfter() time.Duration {
	return secondsDuration(d.ExpiresIn)
}

// secondsDuration converts a JSON number of seconds, capped at a day so a
// wild value cannot overflow.
func secondsDuration(s float64) time.Duration {
	if s <= 0 || math.IsNaN(s) {
		return 0
	}
	return time.Duration(math.Min(s, 86400) * float64(time.Second))
}

// CreateDeviceParams start a device sign-in with CreateDevice. The zero
// value is the usual call: an empty ClientID uses the Client's, and the call
// fails with ErrMissingClientID when neither is set.
type CreateDeviceParams struct {
	// ClientID defaults to the Client's.
	ClientID string `json:"client_id"`
}

// CreateDevice starts a device sign-in (POST
// /user_management/authorize/device): WorkOS issues a device code for the
// app to poll with and a user code for the user to enter in a browser. It
// needs no API key.
func (s *UserManagementService) CreateDevice(ctx context.Context, params CreateDeviceParams, opts ...Option) (*DeviceAuthorization, error) {
	return s.startDevice(ctx, "/user_management/authorize/device", params.ClientID, opts)
}

// AuthorizeDeviceParams start a device sign-in with AuthorizeDevice, the
// OAuth 2.0 endpoint. As for CreateDevice, an empty ClientID uses the
// Client's, and the call fails with ErrMissingClientID when neither is set.
type AuthorizeDeviceParams struct {
	// ClientID defaults to the Client's.
	ClientID string `json:"client_id"`
}

// AuthorizeDevice starts a device sign-in through POST
// /oauth2/device_authorization, the standard OAuth endpoint the Ruby SDK's
// authorize_device uses. That path is not in WorkOS's OpenAPI spec;
// CreateDevice is the documented equivalent and returns the same fields.
// It needs no API key.
func (s *UserManagementService) AuthorizeDevice(ctx context.Context, params AuthorizeDeviceParams, opts ...Option) (*DeviceAuthorization, error) {
	return s.startDevice(ctx, "/oauth2/device_authorization", params.ClientID, opts)
}

// startDevice posts {"client_id": ...} to one of the two device
// authorization endpoints, with the Client's client ID when clientID is
// empty. Both are public: no API key is sent.
func (s *UserManagementService) startDevice(ctx context.Context, path, clientID string, opts []Option) (*DeviceAuthorization, error) {
	if clientID == "" {
		clientID = s.client.settingsFor(opts).clientID
	}
	if clientID == "" {
		return nil, ErrMissingClientID
	}
	return send[DeviceAuthorization](ctx, s.client, call{method: http.MethodPost, path: path, body: CreateDeviceParams{ClientID: clientID}, noAuth: true}, opts)
}

// Errors a device sign-in ends with, matched with errors.Is on the
// *DeviceCodeError that carries them.
var (
	// ErrDeviceCodeExpired means the user did not approve in time; start
	// again with CreateDevice.
	ErrDeviceCodeExpired = errors.New("workos: device code expired")
	// ErrDeviceAccessDenied means the user refused the sign-in.
	ErrDeviceAccessDenied = errors.New("workos: device access denied")
)

// DeviceCodeError ends a device sign-in: the code expired
// (ErrDeviceCodeExpired, Code expired_token) or the user refused it
// (ErrDeviceAccessDenied, Code access_denied).
type DeviceCodeError struct {
	*APIError
	reason error
}

// Is matches ErrDeviceCodeExpired or ErrDeviceAccessDenied, and the
// sentinels of the HTTP status.
func (e *DeviceCodeError) Is(target error) bool {
	return target == e.reason || e.APIError.Is(target)
}

// Unwrap returns the *APIError.
func (e *DeviceCodeError) Unwrap() error { return e.APIError }

// deviceCodeError turns the API's expired_token and access_denied replies
// to a device code grant into a *DeviceCodeError, and passes anything else
// through.
func deviceCodeError(err error) error {
	var apiErr *APIError
	if err == nil || !errors.As(err, &apiErr) {
		return err
	}
	switch apiErr.Code {
	case ErrorCodeExpiredToken:
		return &DeviceCodeError{APIError: apiErr, reason: ErrDeviceCodeExpired}
	case ErrorCodeAccessDenied:
		return &DeviceCodeError{APIError: apiErr, reason: ErrDeviceAccessDenied}
	}
	return err
}

// PollDeviceCodeParams say which device sign-in PollDeviceCode waits for and
// how. DeviceCode is required; a blank one, or a negative Interval, is
// refused with ErrInvalidParams before any request. The other fields are
// optional: empty ones are left out of each poll.
type PollDeviceCodeParams struct {
	// ClientID defaults to the Client's.
	ClientID string
	// DeviceCode is DeviceAuthorization.DeviceCode. Required.
	DeviceCode string
	// Interval is the wait between polls; use
	// DeviceAuthorization.PollInterval. Zero means
	// DefaultDevicePollInterval.
	Interval time.Duration
	// IPAddress, DeviceID and UserAgent describe the user's device for
	// WorkOS's session records and Radar.
	IPAddress string
	DeviceID  string
	UserAgent string
	// Sleep waits d, or returns ctx.Err() as soon as ctx is done. Nil uses
	// a timer; tests put a fake here to run without waiting.
	Sleep func(ctx context.Context, d time.Duration) error
}

// PollDeviceCode waits until the user approves a device sign-in and
// returns their session. It waits Interval, then calls
// AuthenticateWithDeviceCode, and repeats while the API answers
// authorization_pending; slow_down makes every later wait 5 seconds longer
// (RFC 8628). It ends with a *DeviceCodeError when the code expires
// (ErrDeviceCodeExpired) or the user refuses (ErrDeviceAccessDenied), with
// the context's error as soon as ctx is done, and with any other error
// the API or network returns. Bound it with a context deadline of
// DeviceAuthorization.ExpiresAfter if the server might never answer.
// WithIdempotencyKey is refused, since every poll is a new request.
func (s *UserManagementService) PollDeviceCode(ctx context.Context, params PollDeviceCodeParams, opts ...Option) (*AuthenticateResponse, error) {
	if params.DeviceCode == "" {
		return nil, invalidParams("DeviceCode is required")
	}
	if params.Interval < 0 {
		return nil, invalidParams("Interval must not be negative")
	}
	if s.client.settingsFor(opts).placed&placedIdempotencyKey != 0 {
		// Each poll is a new request; one key would replay the first answer.
		return nil, invalidParams("WithIdempotencyKey does not apply to PollDeviceCode, which sends a new request each poll")
	}
	interval := params.Interval
	if interval == 0 {
		interval = DefaultDevicePollInterval
	}
	sleep := params.Sleep
	if sleep == nil {
		sleep = sleepCtx
	}
	grant := AuthenticateWithDeviceCodeParams{ClientID: params.ClientID, DeviceCode: params.DeviceCode,
		IPAddress: params.IPAddress, DeviceID: params.DeviceID, UserAgent: params.UserAgent}
	for {
		if err := sleep(ctx, interval); err != nil {
			return nil, fmt.Errorf("workos: device code poll: %w", err)
		}
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("workos: device code poll: %w", err)
		}
		res, err := s.AuthenticateWithDeviceCode(ctx, grant, opts...)
		var apiErr *APIError
		switch {
		case err == nil:
			return res, nil
		case ctx.Err() != nil:
			return nil, fmt.Errorf("workos: device code poll: %w", ctx.Err())
		case !errors.As(err, &apiErr):
			return nil, err
		case apiErr.Code == ErrorCodeSlowDown:
			interval += 5 * time.Second
		case apiErr.Code != ErrorCodeAuthorizationPending:
			return nil, err
		}
	}
}
