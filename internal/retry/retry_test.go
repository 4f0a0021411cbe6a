package retry

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestRetryableStatuses(t *testing.T) {
	for _, s := range []int{408, 429, 500, 502, 503, 504} {
		assert.True(t, Retryable(s), "status %d", s)
	}
	for _, s := range []int{200, 201, 301, 400, 401, 403, 404, 409, 422, 501, 505} {
		assert.False(t, Retryable(s), "status %d", s)
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	tests := []struct {
		name   string
		header string
		want   time.Duration
		ok     bool
	}{
		{"absent", "", 0, false},
		{"seconds", "7", 7 * time.Second, true},
		{"seconds with spaces", " 3 ", 3 * time.Second, true},
		{"zero", "0", 0, true},
		{"negative seconds are unreadable", "-5", 0, false},
		{"seconds capped", "3600", MaxRetryAfter, true},
		{"huge seconds capped", "99999999999999", MaxRetryAfter, true},
		{"http date", now.Add(30 * time.Second).Format(http.TimeFormat), 30 * time.Second, true},
		{"http date capped", now.Add(time.Hour).Format(http.TimeFormat), MaxRetryAfter, true},
		{"http date in the past is unreadable", now.Add(-time.Minute).Format(http.TimeFormat), 0, false},
		{"http date now", now.Format(http.TimeFormat), 0, true},
		{"garbage", "soon", 0, false},
		{"fractional", "1.5", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := ParseRetryAfter(tt.header, now)
			assert.Equal(t, tt.ok, ok)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestBackoffDoublesUpToMaxWithFullJitter(t *testing.T) {
	half := func() float64 { return 0.5 }
	b := Backoff{Base: 100 * time.Millisecond, Max: 350 * time.Millisecond, Rand: half}
	assert.Equal(t, 50*time.Millisecond, b.Delay(1))
	assert.Equal(t, 100*time.Millisecond, b.Delay(2))
	assert.Equal(t, 175*time.Millisecond, b.Delay(3)) // 400 capped to 350
	assert.Equal(t, 175*time.Millisecond, b.Delay(10))

	zero := Backoff{Base: 0, Max: time.Second, Rand: half}
	assert.Equal(t, time.Duration(0), zero.Delay(3))

	noMax := Backoff{Base: 10 * time.Millisecond, Rand: half}
	assert.Equal(t, 5*time.Millisecond, noMax.Delay(1))
}

func TestBackoffDefaultRandomStaysBelowCeiling(t *testing.T) {
	b := Backoff{Base: 100 * time.Millisecond, Max: time.Second}
	for range 200 {
		d := b.Delay(2)
		assert.GreaterOrEqual(t, d, time.Duration(0))
		assert.Less(t, d, 200*time.Millisecond)
	}
}
