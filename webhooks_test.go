package workos

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// webhookVectors is ../shared/vectors/webhooks-node.json: deliveries
// signed and checked by the official Node SDK.
type webhookVectors struct {
	NowMS       int64 `json:"now_ms"`
	ToleranceMS int64 `json:"tolerance_ms"`
	Vectors     []struct {
		Name      string `json:"name"`
		Secret    string `json:"secret"`
		Payload   string `json:"payload"`
		SigHeader string `json:"sig_header"`
		Valid     bool   `json:"valid"`
		Event     string `json:"event"`
		EventID   string `json:"event_id"`
		NodeError string `json:"node_error"`
	} `json:"vectors"`
}

// webhookKindOfNodeError maps each Node SDK refusal message to the error
// this SDK must return for it.
var webhookKindOfNodeError = map[string]error{
	"Signature or timestamp missing":                                        ErrWebhookNoSignature,
	"No signature hash found with expected scheme v1":                       ErrWebhookNoSignature,
	"Timestamp outside the tolerance zone":                                  ErrWebhookTimestampOutsideTolerance,
	"Signature hash does not match the expected signature hash for payload": ErrWebhookBadSignature,
}

var webhookErrKinds = []error{ErrWebhookNoSignature, ErrWebhookMalformedHeader, ErrWebhookTimestampOutsideTolerance, ErrWebhookBadSignature}

func loadWebhookVectors(t *testing.T) webhookVectors {
	t.Helper()
	dir := requireSharedFolder(t, "vectors/webhooks-node.json")
	raw, err := os.ReadFile(filepath.Join(dir, "vectors", "webhooks-node.json"))
	require.NoError(t, err)
	var v webhookVectors
	require.NoError(t, json.Unmarshal(raw, &v))
	require.Len(t, v.Vectors, 16)
	require.Equal(t, DefaultWebhookTolerance.Milliseconds(), v.ToleranceMS, "the default tolerance is the Node SDK's")
	return v
}

func TestConstructWebhookEvent_AgreesWithNodeSDKOnEveryVector(t *testing.T) {
	vs := loadWebhookVectors(t)
	now := func() time.Time { return time.UnixMilli(vs.NowMS) }
	valid := 0
	for _, v := range vs.Vectors {
		t.Run(v.Name, func(t *testing.T) {
			ev, err := ConstructWebhookEvent([]byte(v.Payload), v.SigHeader, v.Secret, WithWebhookClock(now))
			if v.Valid {
				valid++
				require.NoError(t, err)
				assert.Equal(t, EventType(v.Event), ev.Event)
				assert.Equal(t, v.EventID, ev.ID)
				assert.JSONEq(t, string(rawField(t, v.Payload, "data")), string(ev.Data), "Data is the signed body's data")
				var created time.Time
				require.NoError(t, json.Unmarshal(rawField(t, v.Payload, "created_at"), &created))
				assert.Equal(t, created, ev.CreatedAt)
				var dataID struct{ ID string }
				require.NoError(t, json.Unmarshal(ev.Data, &dataID))
				assert.Equal(t, dataID.ID, webhookVectorObjectID(t, ev), "the typed accessor reads the data")
				return
			}
			want, ok := webhookKindOfNodeError[v.NodeError]
			require.True(t, ok, "unmapped Node error %q", v.NodeError)
			assert.Nil(t, ev)
			assert.ErrorIs(t, err, want)
			for _, other := range webhookErrKinds {
				if other != want {
					assert.NotErrorIs(t, err, other)
				}
			}
			assert.NotContains(t, err.Error(), v.Secret)
		})
	}
	assert.Equal(t, 7, valid)
}

// webhookVectorObjectID reads the ID of a vector event's object through
// the accessor for its family; an unknown family must refuse every
// accessor and is read raw.
func webhookVectorObjectID(t *testing.T, ev *Event) string {
	t.Helper()
	switch ev.Event.Family() {
	case "user":
		u, err := ev.User()
		require.NoError(t, err)
		return u.ID
	case "session":
		s, err := ev.Session()
		require.NoError(t, err)
		return s.ID
	case "organization_membership":
		m, err := ev.OrganizationMembership()
		require.NoError(t, err)
		return m.ID
	}
	_, err := ev.User()
	require.ErrorIs(t, err, ErrEventTypeMismatch)
	var raw struct{ ID string }
	require.NoError(t, json.Unmarshal(ev.Data, &raw))
	return raw.ID
}

// rawField returns the raw JSON of one top-level field of body.
func rawField(t *testing.T, body, key string) []byte {
	t.Helper()
	var m map[string]json.RawMessage
	require.NoError(t, json.Unmarshal([]byte(body), &m))
	return m[key]
}

func TestSignWebhook_MatchesTheNodeSDKSignatures(t *testing.T) {
	vs := loadWebhookVectors(t)
	for _, v := range vs.Vectors {
		if !v.Valid || !strings.HasPrefix(v.SigHeader, "t=") || !strings.Contains(v.SigHeader, ", ") {
			continue
		}
		ts, sig, err := parseWebhookHeader(v.SigHeader)
		require.NoError(t, err)
		assert.Equal(t, v.SigHeader, SignWebhook(ts, []byte(v.Payload), v.Secret), v.Name)
		assert.Equal(t, sig, ComputeWebhookSignature(ts, []byte(v.Payload), v.Secret), v.Name)
	}
}

func TestVerifyWebhookHeader_ToleranceIsConfigurable(t *testing.T) {
	body := []byte(`{"object":"event","id":"event_1","event":"user.created","data":{},"created_at":"2026-01-01T00:00:00Z"}`)
	signed := time.UnixMilli(1_800_000_000_000)
	header := SignWebhook(signed, body, "whsec")
	at := func(d time.Duration) WebhookOption {
		return WithWebhookClock(func() time.Time { return signed.Add(d) })
	}
	cases := []struct {
		name string
		opts []WebhookOption
		want error
	}{
		{"fresh", []WebhookOption{at(0)}, nil},
		{"exactly at the default tolerance", []WebhookOption{at(180 * time.Second)}, nil},
		{"one ms past the default tolerance", []WebhookOption{at(180*time.Second + time.Millisecond)}, ErrWebhookTimestampOutsideTolerance},
		{"within a wider tolerance", []WebhookOption{at(10 * time.Minute), WithWebhookTolerance(15 * time.Minute)}, nil},
		{"past a narrower tolerance", []WebhookOption{at(31 * time.Second), WithWebhookTolerance(30 * time.Second)}, ErrWebhookTimestampOutsideTolerance},
		{"zero tolerance keeps the default", []WebhookOption{at(179 * time.Second), WithWebhookTolerance(0)}, nil},
		{"future timestamps are accepted, like Node", []WebhookOption{at(-time.Hour)}, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := VerifyWebhookHeader(body, header, "whsec", tc.opts...)
			if tc.want == nil {
				assert.NoError(t, err)
				return
			}
			assert.ErrorIs(t, err, tc.want)
		})
	}
}

func TestVerifyWebhookHeader_ReadsHeaderVariantsAndRefusesMalformedOnes(t *testing.T) {
	body := []byte(`{}`)
	signed := time.UnixMilli(1_800_000_000_000)
	sig := ComputeWebhookSignature(signed, body, "whsec")
	now := WithWebhookClock(func() time.Time { return signed })
	cases := []struct {
		header string
		want   error
	}{
		{"t=1800000000000, v1=" + sig, nil},
		{"v1=" + sig + ", t=1800000000000", nil},
		{" t = 1800000000000 ,v1= " + sig + " ", nil},
		{"t=1800000000000, v1=" + sig + ", v2=future-scheme", nil},
		{"t=1800000000000, v1=" + sig + ", v1=0000", nil},
		{"", ErrWebhookNoSignature},
		{"t=1800000000000", ErrWebhookNoSignature},
		{"t=1800000000000, v0=" + sig, ErrWebhookNoSignature},
		{"v1=" + sig, ErrWebhookMalformedHeader},
		{"t=, v1=" + sig, ErrWebhookMalformedHeader},
		{"t=soon, v1=" + sig, ErrWebhookMalformedHeader},
		{"t=-5, v1=" + sig, ErrWebhookMalformedHeader},
		{"t=+1800000000000, v1=" + sig, ErrWebhookMalformedHeader},
		{"t=1800000000000, garbage, v1=" + sig, ErrWebhookMalformedHeader},
		{"t=1800000000.000, v1=" + sig, ErrWebhookMalformedHeader},
		{"t=1800000000000, v1=" + sig[:63] + "x", ErrWebhookBadSignature},
	}
	for _, tc := range cases {
		err := VerifyWebhookHeader(body, tc.header, "whsec", now)
		if tc.want == nil {
			assert.NoError(t, err, tc.header)
			continue
		}
		assert.ErrorIs(t, err, tc.want, tc.header)
		assert.NotContains(t, err.Error(), sig, "the error never echoes the signature")
	}
}

func TestVerifyWebhookHeader_EmptySecretIsInvalidParams(t *testing.T) {
	body := []byte(`{}`)
	err := VerifyWebhookHeader(body, SignWebhook(time.Now(), body, ""), "")
	assert.ErrorIs(t, err, ErrInvalidParams)
	assert.ErrorContains(t, err, "secret is required")
}

func TestConstructWebhookEvent_SignedNonEventIsADecodeError(t *testing.T) {
	for _, body := range []string{`["not", "an", "event"]`, `null`, `{}`, `{"id":"event_1"}`, `{"event":"user.created"}`, `{"id":`} {
		ev, err := ConstructWebhookEvent([]byte(body), SignWebhook(time.Now(), []byte(body), "whsec"), "whsec")
		assert.Nil(t, ev, body)
		var dec *DecodeError
		require.ErrorAs(t, err, &dec, body)
		assert.ErrorContains(t, err, "webhook body", body)
		for _, kind := range webhookErrKinds {
			assert.NotErrorIs(t, err, kind, body)
		}
	}
}
