// Package redact removes secrets from what the client logs.
package redact

import (
	"bytes"
	"encoding/json"
	"net/url"
	"strings"
)

// Placeholder replaces every secret value.
const Placeholder = "REDACTED"

// secretKeys are the query and JSON keys whose values are never logged.
var secretKeys = map[string]bool{
	"password": true, "new_password": true, "password_hash": true,
	"client_secret": true, "code": true, "code_verifier": true,
	"refresh_token": true, "access_token": true, "token": true,
	"pending_authentication_token": true, "invitation_token": true,
	"device_code": true, "api_key": true, "key": true, "value": true,
	"totp_secret": true, "secret": true, "id_token": true,
}

// IsSecretKey reports whether values under this query or JSON key are secret.
func IsSecretKey(k string) bool {
	k = strings.ToLower(k)
	return secretKeys[k] || strings.HasSuffix(k, "_token") || strings.HasSuffix(k, "_secret")
}

// Query returns raw with the value of every secret key replaced.
func Query(raw string) string {
	if raw == "" {
		return ""
	}
	vals, err := url.ParseQuery(raw)
	if err != nil {
		return Placeholder
	}
	for k, vs := range vals {
		if IsSecretKey(k) {
			for i := range vs {
				vs[i] = Placeholder
			}
		}
	}
	return vals.Encode()
}

// JSON returns body with every secret key's value replaced, at any depth. A
// body that is not JSON is replaced whole.
func JSON(body []byte) string {
	if len(body) == 0 {
		return ""
	}
	var v any
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		return Placeholder
	}
	out, err := json.Marshal(walk(v))
	if err != nil {
		return Placeholder
	}
	return string(out)
}

func walk(v any) any {
	switch t := v.(type) {
	case map[string]any:
		for k, child := range t {
			if IsSecretKey(k) {
				t[k] = Placeholder
			} else {
				t[k] = walk(child)
			}
		}
	case []any:
		for i := range t {
			t[i] = walk(t[i])
		}
	}
	return v
}
