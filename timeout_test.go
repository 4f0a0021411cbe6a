package workos

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestAttemptTimeoutEndsWithDeadlineExceededAndReleaseEndsWithCanceled(t *testing.T) {
	ctx, timer := withAttemptTimeout(context.Background(), 10*time.Millisecond)
	<-ctx.Done()
	assert.Equal(t, context.DeadlineExceeded, context.Cause(ctx))
	timer.release()

	ctx, timer = withAttemptTimeout(context.Background(), time.Hour)
	timer.release()
	assert.Equal(t, context.Canceled, context.Cause(ctx), "released before its time: no deadline cause")

	parent, cancel := context.WithCancel(context.Background())
	ctx, timer = withAttemptTimeout(parent, time.Hour)
	cancel()
	<-ctx.Done()
	assert.Equal(t, context.Canceled, context.Cause(ctx), "the caller's cancellation passes through")
	timer.release()
}

func TestAttemptErrPrefersTheTimeoutOverABareCanceled(t *testing.T) {
	timedOut, timer := withAttemptTimeout(context.Background(), time.Millisecond)
	<-timedOut.Done()
	defer timer.release()
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	other := errors.New("connection reset")
	tests := []struct {
		name string
		ctx  context.Context
		err  error
		want error
	}{
		{"timer fired, transport said canceled", timedOut, context.Canceled, context.DeadlineExceeded},
		{"timer fired, transport said deadline", timedOut, context.DeadlineExceeded, context.DeadlineExceeded},
		{"timer fired, another error", timedOut, other, other},
		{"caller cancelled", cancelled, context.Canceled, context.Canceled},
		{"context live", context.Background(), other, other},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, attemptErr(tt.ctx, tt.err))
		})
	}
}
