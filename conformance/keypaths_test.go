package conformance

import (
	"fmt"
	"reflect"
	"strconv"
	"time"
)

// lostFields compares an example body with the SDK's re-encoding of the
// model it decoded into, and lists every field the example had that the
// re-encoding lost or changed. Both values are generic JSON (the output of
// json.Unmarshal into any).
//
// Exemptions, because encoding/json cannot tell them from a dropped field
// and they lose no information:
//   - a key whose example value is null, "", false, 0, [] or {} may be
//     absent: the model's omitempty/omitzero leaves zero values out, and a
//     nil pointer re-encodes as null or not at all;
//   - date-times compare as instants, since time.Time re-encodes
//     "2026-01-15T12:00:00.000Z" as "2026-01-15T12:00:00Z";
//   - numbers compare as float64, the only number type of generic JSON.
//
// Keys the re-encoding has and the example lacks are fine: a model may
// declare fields an example leaves out.
func lostFields(want, got any) []string {
	var out []string
	walkLost("$", want, got, &out)
	return out
}

func walkLost(path string, want, got any, out *[]string) {
	if isEmptyJSON(want) && got == nil {
		return
	}
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			*out = append(*out, fmt.Sprintf("%s: example has an object, re-encoding has %s", path, describe(got)))
			return
		}
		for k, wv := range w {
			p := path + "." + k
			gv, present := g[k]
			if !present {
				if !isEmptyJSON(wv) {
					*out = append(*out, fmt.Sprintf("%s: dropped (example value %s)", p, describe(wv)))
				}
				continue
			}
			walkLost(p, wv, gv, out)
		}
	case []any:
		g, ok := got.([]any)
		if !ok {
			*out = append(*out, fmt.Sprintf("%s: example has an array, re-encoding has %s", path, describe(got)))
			return
		}
		if len(g) != len(w) {
			*out = append(*out, fmt.Sprintf("%s: example has %d items, re-encoding has %d", path, len(w), len(g)))
			return
		}
		for i := range w {
			walkLost(path+"["+strconv.Itoa(i)+"]", w[i], g[i], out)
		}
	case nil:
		// A null example says nothing about the field's value.
	default:
		if !sameScalar(w, got) {
			*out = append(*out, fmt.Sprintf("%s: example value %s re-encoded as %s", path, describe(w), describe(got)))
		}
	}
}

func sameScalar(want, got any) bool {
	if reflect.DeepEqual(want, got) {
		return true
	}
	ws, ok1 := want.(string)
	gs, ok2 := got.(string)
	if ok1 && ok2 {
		wt, err1 := time.Parse(time.RFC3339Nano, ws)
		gt, err2 := time.Parse(time.RFC3339Nano, gs)
		return err1 == nil && err2 == nil && wt.Equal(gt)
	}
	return false
}

// isEmptyJSON reports whether v is a zero JSON value that omitempty drops.
func isEmptyJSON(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case string:
		return x == ""
	case bool:
		return !x
	case float64:
		return x == 0
	case []any:
		return len(x) == 0
	case map[string]any:
		return len(x) == 0
	}
	return false
}

func describe(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case map[string]any:
		return "an object"
	case []any:
		return "an array"
	case string:
		return strconv.Quote(x)
	}
	return fmt.Sprint(v)
}
