package workos

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"
)

// webhookBenchDelivery is a realistic user.created delivery (about 500
// bytes) and its header, signed now.
func webhookBenchDelivery() (body []byte, header string) {
	body = []byte(`{"id":"event_0168EAD3346B57F9247955784C","event":"user.created","data":{"object":"user",` +
		`"id":"user_014F21055DD2A0F3BE1AA404FF","email":"ada@example.com","email_verified":true,"first_name":"Ada",` +
		`"last_name":"Lovelace","profile_picture_url":null,"last_sign_in_at":"2026-11-20T09:14:03.512Z","locale":null,` +
		`"created_at":"2026-11-01T10:00:00.000Z","updated_at":"2026-11-20T09:14:03.512Z","external_id":null,"metadata":{}},` +
		`"created_at":"2026-11-20T09:14:03.600Z"}`)
	return body, SignWebhook(time.Now(), body, "whsec_bench")
}

// BenchmarkConstructWebhookEvent is the whole check and decode of one
// delivery: header parse, tolerance, HMAC-SHA256, constant-time compare,
// and decoding the event (Data kept raw).
func BenchmarkConstructWebhookEvent(b *testing.B) {
	body, header := webhookBenchDelivery()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ConstructWebhookEvent(body, header, "whsec_bench"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkConstructWebhookEventBaseline does the least any verifier must
// on the same delivery: split the header by hand, HMAC-SHA256 of
// "t.body", hex, hmac.Equal, and json.Unmarshal of the event into a map.
func BenchmarkConstructWebhookEventBaseline(b *testing.B) {
	body, header := webhookBenchDelivery()
	b.ReportAllocs()
	for b.Loop() {
		tPart, vPart, _ := strings.Cut(header, ", ")
		ts := strings.TrimPrefix(tPart, "t=")
		sig := strings.TrimPrefix(vPart, "v1=")
		ms, _ := strconv.ParseInt(ts, 10, 64)
		if time.Since(time.UnixMilli(ms)) > DefaultWebhookTolerance {
			b.Fatal("stale")
		}
		mac := hmac.New(sha256.New, []byte("whsec_bench"))
		mac.Write([]byte(ts + "." + string(body)))
		if !hmac.Equal([]byte(hex.EncodeToString(mac.Sum(nil))), []byte(sig)) {
			b.Fatal("bad signature")
		}
		var ev map[string]any
		if err := json.Unmarshal(body, &ev); err != nil {
			b.Fatal(err)
		}
	}
}
