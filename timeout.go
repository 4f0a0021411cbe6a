package workos

import (
	"context"
	"errors"
	"sync"
	"time"
)

// attemptTimer ends one attempt's context with context.DeadlineExceeded
// when its time is up. Timers are pooled: a call that finishes in time (the
// usual case) stops its timer and hands it back, so bounding every attempt
// costs no timer allocation.
type attemptTimer struct {
	t      *time.Timer
	mu     sync.Mutex
	cancel context.CancelCauseFunc
}

var attemptTimers = sync.Pool{New: func() any {
	a := new(attemptTimer)
	a.t = time.AfterFunc(time.Hour, a.fire)
	a.t.Stop()
	return a
}}

func (a *attemptTimer) fire() {
	a.mu.Lock()
	cancel := a.cancel
	a.mu.Unlock()
	if cancel != nil {
		cancel(context.DeadlineExceeded)
	}
}

// withAttemptTimeout returns a context that ends d from now with
// context.DeadlineExceeded, or when ctx ends, and the timer to release once
// the attempt's reply is read.
//
// It is a timer over context.WithCancelCause rather than
// context.WithTimeout: measured under 64 goroutines, request contexts
// carrying a deadline made net/http open a 65th connection past
// DefaultMaxConnsPerHost about one run in five; these did not in 20 runs
// (TestDefaultClientOpensAtMost64ConnectionsFor64Goroutines).
func withAttemptTimeout(ctx context.Context, d time.Duration) (context.Context, *attemptTimer) {
	ctx, cancel := context.WithCancelCause(ctx)
	a := attemptTimers.Get().(*attemptTimer)
	a.mu.Lock()
	a.cancel = cancel
	a.mu.Unlock()
	a.t.Reset(d)
	return ctx, a
}

// release stops the timer, ends the attempt's context and pools the timer.
func (a *attemptTimer) release() {
	// A timer that already fired may still be running fire; it is dropped
	// rather than reused, so it can never end a later attempt.
	stopped := a.t.Stop()
	a.mu.Lock()
	cancel := a.cancel
	a.cancel = nil
	a.mu.Unlock()
	cancel(nil)
	if stopped {
		attemptTimers.Put(a)
	}
}

// attemptErr is err from an attempt whose context is ctx. Some transports
// (test doubles, middleware) report a bare context.Canceled however the
// context ended; when the attempt's timer ended it, the cause is returned
// instead, so a per-attempt timeout always matches
// context.DeadlineExceeded.
func attemptErr(ctx context.Context, err error) error {
	if cause := context.Cause(ctx); cause != nil && errors.Is(err, context.Canceled) && !errors.Is(err, cause) {
		return cause
	}
	return err
}
