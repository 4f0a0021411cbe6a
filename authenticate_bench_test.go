package workos

import (
	"encoding/json"
	"testing"
)

// The body of a password sign-in as authenticate now builds it: the shared
// head and the grant's own params, written as one object.
func BenchmarkAuthenticateBodyEncode(b *testing.B) {
	p := &AuthenticateWithPasswordParams{Email: "ada@example.com", Password: "correct horse battery", IPAddress: "192.0.2.1", UserAgent: "Mozilla/5.0"}
	body := grantBody{grantHead{GrantTypePassword, "client_123", "sk_test_123"}, p}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := json.Marshal(body); err != nil {
			b.Fatal(err)
		}
	}
}

// Baseline: the same JSON from one flat struct, as the old 22-field body
// gave it.
func BenchmarkAuthenticateBodyEncodeFlatBaseline(b *testing.B) {
	type flat struct {
		GrantType    GrantType `json:"grant_type"`
		ClientID     string    `json:"client_id"`
		ClientSecret string    `json:"client_secret,omitempty"`
		Email        string    `json:"email,omitempty"`
		Password     string    `json:"password,omitempty"`
		IPAddress    string    `json:"ip_address,omitempty"`
		UserAgent    string    `json:"user_agent,omitempty"`
	}
	body := flat{GrantTypePassword, "client_123", "sk_test_123", "ada@example.com", "correct horse battery", "192.0.2.1", "Mozilla/5.0"}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := json.Marshal(body); err != nil {
			b.Fatal(err)
		}
	}
}

// The encoded body is byte for byte what a flat struct gives.
func TestGrantBody_EncodesLikeOneFlatObject(t *testing.T) {
	p := &AuthenticateWithPasswordParams{Email: "ada@example.com", Password: "pw", IPAddress: "192.0.2.1"}
	got, err := json.Marshal(grantBody{grantHead{GrantTypePassword, "client_123", "sk_1"}, p})
	if err != nil {
		t.Fatal(err)
	}
	want := `{"grant_type":"password","client_id":"client_123","client_secret":"sk_1","email":"ada@example.com","password":"pw","ip_address":"192.0.2.1"}`
	if string(got) != want {
		t.Fatalf("got %s\nwant %s", got, want)
	}
	got, err = json.Marshal(grantBody{grantHead{GrantType: "urn:x", ClientID: "client_123"}, &CreateAuthenticateParams{}})
	if err != nil || string(got) != `{"grant_type":"urn:x","client_id":"client_123"}` {
		t.Fatalf("a grant with no fields of its own: got %s, %v", got, err)
	}
}
