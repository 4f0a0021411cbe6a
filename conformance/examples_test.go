package conformance

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"

	"github.com/pb33f/libopenapi/datamodel/high/base"
	v3 "github.com/pb33f/libopenapi/datamodel/high/v3"
)

// maxExampleDepth bounds the recursion through $ref cycles (a membership
// holds a user, a user could hold memberships, and so on).
const maxExampleDepth = 12

// exampleDateTime and the other synthesized values stand in for a property
// that has no example, const, enum or default of its own. Every property
// gets a value, so that the decode check covers every field the spec
// declares, not only the ones the spec authors gave examples.
const (
	exampleDateTime = "2026-01-15T12:00:00.000Z"
	exampleEmail    = "user@example.com"
	exampleURI      = "https://example.com/callback"
	exampleString   = "example"
)

// successResponse is the canned reply of an operation: its lowest 2xx
// status and the JSON body assembled from the spec's examples (nil when
// the spec declares no body for that status, as for the 204 deletes and
// the 200s with no content of DELETE user, DELETE membership and session
// revoke).
func (s *specInfo) successResponse(k opKey) (int, []byte, error) {
	op := s.operation(k)
	if op == nil {
		return 0, nil, fmt.Errorf("%s: no such operation in the spec", k)
	}
	code, resp := successOf(op)
	if resp == nil {
		return 0, nil, fmt.Errorf("%s: the spec declares no 2xx response", k)
	}
	if resp.Content == nil {
		return code, nil, nil
	}
	mt, ok := resp.Content.Get("application/json")
	if !ok || mt == nil {
		return code, nil, nil
	}
	v, ok := mediaTypeExample(mt)
	if !ok {
		return code, nil, nil
	}
	body, err := json.Marshal(v)
	if err != nil {
		return 0, nil, fmt.Errorf("%s: encode example: %w", k, err)
	}
	return code, body, nil
}

// successOf returns the lowest 2xx response an operation declares.
func successOf(op *v3.Operation) (int, *v3.Response) {
	if op.Responses == nil || op.Responses.Codes == nil {
		return 0, nil
	}
	var codes []int
	for c := range op.Responses.Codes.KeysFromOldest() {
		n, err := strconv.Atoi(c)
		if err == nil && n >= 200 && n < 300 {
			codes = append(codes, n)
		}
	}
	if len(codes) == 0 {
		return 0, nil
	}
	code := slices.Min(codes)
	r, _ := op.Responses.Codes.Get(strconv.Itoa(code))
	return code, r
}

// mediaTypeExample prefers a whole-body example on the media type, then the
// schema's own.
func mediaTypeExample(mt *v3.MediaType) (any, bool) {
	if mt.Example != nil {
		return decodeExample(mt.Example), true
	}
	if mt.Examples != nil {
		for ex := range mt.Examples.ValuesFromOldest() {
			if ex != nil && ex.Value != nil {
				return decodeExample(ex.Value), true
			}
		}
	}
	if mt.Schema == nil {
		return nil, false
	}
	return exampleOf(mt.Schema, 0)
}

// exampleOf builds an example value for a schema: its own example when it
// has one, else its const, first enum value or default, else an object
// assembled from its properties' examples (allOf parts merged), an array of
// one item, or a synthesized value of its type. ok is false when nothing
// can be built (a cycle deeper than maxExampleDepth).
func exampleOf(sp *base.SchemaProxy, depth int) (any, bool) {
	if sp == nil || depth > maxExampleDepth {
		return nil, false
	}
	s := sp.Schema()
	if s == nil {
		return nil, false
	}
	if sp.IsTransformedRefWithSiblings() && s.Example == nil && len(s.Examples) == 0 && s.Const == nil {
		// An OpenAPI 3.1 $ref with siblings (such as a description):
		// Schema() is only the siblings, so use the allOf of siblings and
		// target instead.
		if sem, err := sp.BuildTransformedRefSemanticSchema(nil); err == nil && sem != nil {
			s = sem
		}
	}
	// A null example of a nullable field says nothing about the value's
	// shape, so such a field gets a synthesized value of its other type
	// instead, and the decode check covers it too.
	typed := primaryType(s) != "" && primaryType(s) != "null"
	var ex any
	switch {
	case s.Example != nil:
		ex = decodeExample(s.Example)
	case len(s.Examples) > 0:
		ex = decodeExample(s.Examples[0])
	}
	if ex != nil || ((s.Example != nil || len(s.Examples) > 0) && !typed) {
		return ex, true
	}
	switch {
	case s.Const != nil:
		return decodeExample(s.Const), true
	case len(s.Enum) > 0:
		for _, e := range s.Enum {
			if v := decodeExample(e); v != nil {
				return v, true
			}
		}
		return nil, true
	}
	if len(s.AllOf) > 0 {
		// Merge the object parts. A part that is not an object (a $ref
		// to a string enum, beside a description) is the value itself.
		merged, objects := map[string]any{}, false
		var scalar any
		for _, part := range s.AllOf {
			v, ok := exampleOf(part, depth+1)
			if !ok {
				continue
			}
			if m, isMap := v.(map[string]any); isMap {
				maps.Copy(merged, m)
				objects = true
			} else if v != nil {
				scalar = v
			}
		}
		if s.Properties != nil {
			maps.Copy(merged, propertiesExample(s, depth))
			objects = true
		}
		if !objects && scalar != nil {
			return scalar, true
		}
		return merged, true
	}
	// oneOf/anyOf: the first branch that yields a non-null value, which
	// skips the {type: null} branch of a nullable reference.
	for _, branch := range slices.Concat(s.OneOf, s.AnyOf) {
		if v, ok := exampleOf(branch, depth+1); ok && v != nil {
			return v, true
		}
	}
	if s.Default != nil {
		return decodeExample(s.Default), true
	}
	switch primaryType(s) {
	case "object":
		return objectExample(s, depth), true
	case "array":
		if s.Items != nil && s.Items.IsA() {
			if v, ok := exampleOf(s.Items.A, depth+1); ok {
				return []any{v}, true
			}
		}
		return []any{}, true
	case "string":
		switch s.Format {
		case "date-time":
			return exampleDateTime, true
		case "email":
			return exampleEmail, true
		case "uri", "url":
			return exampleURI, true
		}
		return exampleString, true
	case "integer":
		return float64(1), true
	case "number":
		return 1.5, true
	case "boolean":
		return true, true
	case "null":
		return nil, true
	}
	return nil, false
}

// objectExample assembles an object from its properties' examples. A map
// with no declared properties gets one entry built from its value schema,
// so the decode check reaches the map's value type too.
func objectExample(s *base.Schema, depth int) map[string]any {
	obj := propertiesExample(s, depth)
	if len(obj) == 0 && s.AdditionalProperties != nil && s.AdditionalProperties.IsA() {
		if v, ok := exampleOf(s.AdditionalProperties.A, depth+1); ok && v != nil {
			obj["example_key"] = v
		}
	}
	return obj
}

func propertiesExample(s *base.Schema, depth int) map[string]any {
	obj := map[string]any{}
	if s.Properties == nil {
		return obj
	}
	for name, prop := range s.Properties.FromOldest() {
		if v, ok := exampleOf(prop, depth+1); ok {
			obj[name] = v
		}
	}
	return obj
}

// primaryType is the schema's first non-null type, "object" for a typeless
// schema with properties, or "" when unknown.
func primaryType(s *base.Schema) string {
	for _, t := range s.Type {
		if t != "null" {
			return t
		}
	}
	if len(s.Type) == 1 {
		return "null"
	}
	if s.Properties != nil {
		return "object"
	}
	return ""
}

// decodeExample turns a YAML example node into the value encoding/json
// would produce for it (map[string]any, []any, float64, string, bool, nil).
func decodeExample(n interface{ Decode(any) error }) any {
	var v any
	if err := n.Decode(&v); err != nil {
		return nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil
	}
	var out any
	if err := json.Unmarshal(b, &out); err != nil {
		return nil
	}
	return out
}
