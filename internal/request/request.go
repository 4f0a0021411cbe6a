// Package request builds the URL pieces of a WorkOS API call: escaped paths
// from templates and query strings from tagged params structs.
package request

import (
	"errors"
	"fmt"
	"net/url"
	"reflect"
	"strings"

	"github.com/google/go-querystring/query"
)

// ErrMissingParam is matched, with errors.Is, by every error Path returns
// for an empty or unusable path value.
var ErrMissingParam = errors.New("missing required path parameter")

// paramError names the path parameter at fault in the same words the SDK's
// other input errors use ("id is required"), and matches ErrMissingParam.
type paramError struct {
	name, problem string
}

func (e *paramError) Error() string        { return e.name + " " + e.problem }
func (e *paramError) Is(target error) bool { return target == ErrMissingParam }

// Path fills the {name} placeholders of template, in order, with values.
// Each value is escaped with url.PathEscape, so a value can never add a path
// segment. An empty value, or one that is "." or "..", is refused.
//
// It returns the escaped path and a copy safe for logs, in which the values
// of the placeholders named in secret are replaced by "REDACTED".
func Path(template string, secret map[string]bool, values ...string) (escaped, loggable string, err error) {
	if len(values) == 0 && strings.IndexByte(template, '{') < 0 {
		return template, template, nil
	}
	hasSecret := false
	for name := range secret {
		if secret[name] && strings.Contains(template, "{"+name+"}") {
			hasSecret = true
		}
	}
	var b, lb strings.Builder
	b.Grow(len(template) + 32)
	rest := template
	i := 0
	for {
		open := strings.IndexByte(rest, '{')
		if open < 0 {
			b.WriteString(rest)
			if hasSecret {
				lb.WriteString(rest)
			}
			break
		}
		end := strings.IndexByte(rest[open:], '}')
		if end < 0 {
			return "", "", fmt.Errorf("bad path template %q", template)
		}
		name := rest[open+1 : open+end]
		b.WriteString(rest[:open])
		if hasSecret {
			lb.WriteString(rest[:open])
		}
		if i >= len(values) {
			return "", "", fmt.Errorf("path template %q: no value for %s", template, name)
		}
		v := values[i]
		i++
		switch {
		case strings.TrimSpace(v) == "":
			return "", "", &paramError{name, "is required"}
		case v == "." || v == "..":
			return "", "", &paramError{name, fmt.Sprintf("may not be %q", v)}
		}
		esc := url.PathEscape(v)
		b.WriteString(esc)
		if secret[name] {
			lb.WriteString("REDACTED")
		} else if hasSecret {
			lb.WriteString(esc)
		}
		rest = rest[open+end+1:]
	}
	if i != len(values) {
		return "", "", fmt.Errorf("path template %q: %d values for %d placeholders", template, len(values), i)
	}
	if !hasSecret {
		// Nothing to hide: the log shows the path as sent, with no copy.
		return b.String(), b.String(), nil
	}
	return b.String(), lb.String(), nil
}

// Query encodes a params struct with go-querystring `url:` tags. A nil
// pointer or nil interface gives an empty string. Arrays tagged with the
// "comma" option are comma-joined, matching the spec's explode: false; the
// commas are sent unescaped.
func Query(params any) (string, error) {
	if params == nil {
		return "", nil
	}
	if v := reflect.ValueOf(params); v.Kind() == reflect.Pointer && v.IsNil() {
		return "", nil
	}
	vals, err := query.Values(params)
	if err != nil {
		return "", fmt.Errorf("encode query: %w", err)
	}
	enc := vals.Encode()
	// Commas are legal in a query; leaving them bare keeps comma-joined
	// arrays readable (statuses=active,pending). Both forms decode the same.
	if strings.Contains(enc, "%2C") {
		enc = strings.ReplaceAll(enc, "%2C", ",")
	}
	return enc, nil
}
