package workos

import (
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"
)

// FuzzWebhookHeader feeds arbitrary WorkOS-Signature headers to the
// parser and the full check. Neither may panic; every refusal is one of the
// four webhook errors; a parsed header keeps its signature text as given;
// and a header re-signed from what was parsed verifies.
func FuzzWebhookHeader(f *testing.F) {
	for _, seed := range []string{
		"t=1795166099000, v1=fecc7fe27dc50bbe07a400dce2e57e99c0bf454ebd40cd6d8b88f484b1b936fe",
		"t=1795166095000,v1=e242",
		"t=1795166095000, v1=",
		"t=1795166095000",
		"",
		"v1=abc, t=1",
		"t=-1, v1=ab",
		"t=99999999999999999999, v1=ab",
		",,,=,=",
		"t==, v1==",
	} {
		f.Add(seed)
	}
	body := []byte(`{"id":"event_1","event":"user.created","data":{},"created_at":"2026-01-01T00:00:00Z"}`)
	now := WithWebhookClock(func() time.Time { return time.UnixMilli(1795166100000) })
	f.Fuzz(func(t *testing.T, header string) {
		ts, sig, perr := parseWebhookHeader(header)
		verr := VerifyWebhookHeader(body, header, "whsec", now)
		if verr == nil {
			t.Fatalf("an arbitrary header verified: %q", header)
		}
		if !errors.Is(verr, ErrWebhookNoSignature) && !errors.Is(verr, ErrWebhookMalformedHeader) &&
			!errors.Is(verr, ErrWebhookTimestampOutsideTolerance) && !errors.Is(verr, ErrWebhookBadSignature) {
			t.Fatalf("refusal of %q is no webhook error: %v", header, verr)
		}
		if perr != nil {
			if !errors.Is(verr, perr) && verr.Error() != perr.Error() {
				t.Fatalf("parse error %v but verify error %v", perr, verr)
			}
			return
		}
		if sig == "" || !strings.Contains(header, sig) {
			t.Fatalf("parsed signature %q is not in header %q", sig, header)
		}
		resigned := "t=" + strconv.FormatInt(ts.UnixMilli(), 10) + ", v1=" + ComputeWebhookSignature(ts, body, "whsec")
		at := WithWebhookClock(func() time.Time { return ts })
		if err := VerifyWebhookHeader(body, resigned, "whsec", at); err != nil {
			t.Fatalf("re-signed header %q from %q fails: %v", resigned, header, err)
		}
	})
}
