package workos

import (
	"bytes"
	"encoding/json"
)

// Nullable is an optional request field that can also be sent as an
// explicit JSON null, for the fields the API clears on null. Its zero value
// is left out of the request (use the omitzero tag option), so a null is
// never sent by accident:
//
//	ExternalID: workos.Value("crm_42") // sends "crm_42"
//	ExternalID: workos.Null[string]()  // sends null: clears it
//	(unset)                            // leaves it unchanged
type Nullable[T any] struct {
	value T
	set   bool
	null  bool
}

// Value returns a Nullable that sends v.
func Value[T any](v T) Nullable[T] { return Nullable[T]{value: v, set: true} }

// Null returns a Nullable that sends an explicit JSON null.
func Null[T any]() Nullable[T] { return Nullable[T]{set: true, null: true} }

// IsZero reports whether the field is unset, which omitzero leaves out.
func (n Nullable[T]) IsZero() bool { return !n.set }

// IsNull reports whether the field sends an explicit null.
func (n Nullable[T]) IsNull() bool { return n.set && n.null }

// Get returns the value and whether one is set (false for unset and null).
func (n Nullable[T]) Get() (T, bool) { return n.value, n.set && !n.null }

// MarshalJSON writes the value, or null.
func (n Nullable[T]) MarshalJSON() ([]byte, error) {
	if !n.set || n.null {
		return []byte("null"), nil
	}
	return json.Marshal(n.value)
}

// UnmarshalJSON reads a value or null.
func (n *Nullable[T]) UnmarshalJSON(b []byte) error {
	if bytes.Equal(bytes.TrimSpace(b), []byte("null")) {
		*n = Null[T]()
		return nil
	}
	var v T
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*n = Value(v)
	return nil
}
