package conformance

import (
	"encoding/json"
	"regexp"
	"slices"
	"strings"

	verrors "github.com/pb33f/libopenapi-validator/errors"
	"github.com/pb33f/libopenapi-validator/helpers"
	"github.com/pb33f/libopenapi/datamodel/high/base"
	v3 "github.com/pb33f/libopenapi/datamodel/high/v3"
)

// This file holds every validator error the suite drops, each with the
// reason. There is no blanket ignore: each entry names its operation and
// matches one narrow error, and the strict-mode blind spots below are
// computed from the spec, path by path.

// validatorIgnore drops one known false positive, or one known gap of the
// spec, on one operation. Set match to drop a whole error, or
// matchFailure to drop single schema failures inside an error (the error
// goes when none of its failures is left).
type validatorIgnore struct {
	op opKey
	// match reports whether the ignore explains e. reqBody is the request
	// body, nil when a response is checked.
	match        func(e *verrors.ValidationError, reqBody []byte) bool
	matchFailure func(f *verrors.SchemaValidationFailure) bool
	why          string
}

var validatorIgnores = []validatorIgnore{
	{
		op: opKey{Method: "POST", Path: "/user_management/authenticate"},
		match: func(e *verrors.ValidationError, reqBody []byte) bool {
			return e.ValidationType == helpers.SecurityValidation && reqBody != nil && !hasJSONKey(reqBody, "client_secret") &&
				publicGrants[jsonString(reqBody, "grant_type")]
		},
		why: "The spec inherits the global bearer requirement on POST /user_management/authenticate, " +
			"but public clients (PKCE code exchange, refresh without a secret, device code) hold no API key: " +
			"the spec makes client_secret optional on exactly those grants, the device_code grant has no " +
			"client_secret at all, and the Ruby seed sends them with auth: false. So a request of one of " +
			"those grants without client_secret may come without a bearer token; any other still needs one.",
	},
	{
		op: opKey{Method: "PUT", Path: "/user_management/users/{id}"},
		matchFailure: func(f *verrors.SchemaValidationFailure) bool {
			return strings.HasPrefix(f.FieldPath, "$.metadata.") && f.Reason == "got null, want string"
		},
		why: "The API deletes a metadata key given an explicit null (guide/lessons.md, workos-go #453 and #522), " +
			"and UpdateUser lets a caller send one on purpose; the spec types metadata values as string only.",
	},
	{
		op: opKey{Method: "GET", Path: "/user_management/authorize"},
		match: func(e *verrors.ValidationError, _ []byte) bool {
			return e.ValidationType == verrors.StrictValidationType && e.ValidationSubType == verrors.StrictSubTypeQuery &&
				providerQueryParamRE.MatchString(e.ParameterName)
		},
		why: "provider_query_params is an object parameter with the default form/explode style, which taken " +
			"literally spreads its keys as top-level query parameters (hd=example.com), indistinguishable from " +
			"WorkOS's own. The SDK sends the bracketed deepObject form, provider_query_params[hd]=example.com, " +
			"which strict mode reports as undeclared. The non-strict validator accepts it.",
	},
}

// publicGrants are the authenticate grants a public client (no API key) may
// use: the PKCE code exchange, refresh and device code.
var publicGrants = map[string]bool{
	"authorization_code": true, "refresh_token": true, "urn:ietf:params:oauth:grant-type:device_code": true,
}

// jsonString returns the string at key k of the JSON object body, or "".
func jsonString(body []byte, k string) string {
	var m map[string]any
	if json.Unmarshal(body, &m) != nil {
		return ""
	}
	s, _ := m[k].(string)
	return s
}

var providerQueryParamRE = regexp.MustCompile(`^provider_query_params\[[^\]]+\]$`)

// hasJSONKey reports whether body is a JSON object with the key k.
func hasJSONKey(body []byte, k string) bool {
	var m map[string]json.RawMessage
	if json.Unmarshal(body, &m) != nil {
		return false
	}
	_, ok := m[k]
	return ok
}

// filterIgnored removes the errors an entry of validatorIgnores explains,
// and the strict-mode errors in the validator's blind spots (see
// strictBlindSpot).
func (s *specInfo) filterIgnored(op opKey, errs []*verrors.ValidationError, reqBody []byte) []*verrors.ValidationError {
	var out []*verrors.ValidationError
next:
	for _, e := range errs {
		if s.strictBlindSpot(op, e) {
			continue
		}
		for _, ig := range validatorIgnores {
			if ig.op != op {
				continue
			}
			if ig.match != nil && ig.match(e, reqBody) {
				continue next
			}
			if ig.matchFailure != nil && len(e.SchemaValidationErrors) > 0 {
				var kept []*verrors.SchemaValidationFailure
				for _, f := range e.SchemaValidationErrors {
					if !ig.matchFailure(f) {
						kept = append(kept, f)
					}
				}
				if len(kept) == 0 {
					continue next
				}
				c := *e
				c.SchemaValidationErrors = kept
				e = &c
			}
		}
		out = append(out, e)
	}
	return out
}

// Strict mode reports properties the schema does not declare. Its walker
// has two blind spots on this spec, where it reports properties that the
// spec does declare:
//
//   - inside an OpenAPI 3.1 "$ref with siblings", such as
//     `user: {$ref: UserlandUser, description: ...}` in the authenticate
//     response, it sees only the siblings, so every property of the
//     referenced object is reported;
//   - it does not see properties declared only inside a oneOf/anyOf
//     branch, such as password / password_hash (CreateUser, UpdateUser),
//     role_slug / role_slugs (memberships) and the first- and third-party
//     variants of ConnectApplication.
//
// strictBlindSpot drops a strict undeclared-property error exactly when its
// instance path lies in one of them, as computed from the operation's
// schemas. The regular schema validation still checks all these
// properties; only the undeclared-field check is lost at those paths.
func (s *specInfo) strictBlindSpot(op opKey, e *verrors.ValidationError) bool {
	if e.ValidationType != verrors.StrictValidationType || e.ValidationSubType != verrors.StrictSubTypeProperty {
		return false
	}
	m := strictPathRE.FindStringSubmatch(e.Message)
	if m == nil {
		return false
	}
	path := arrayIndexRE.ReplaceAllString(m[1], "[*]")
	spots := s.blindSpots(op)
	if spots.branchProps[path] {
		return true
	}
	for prefix := range spots.refSiblings {
		if strings.HasPrefix(path, prefix+".") {
			return true
		}
	}
	return false
}

// strictPathRE extracts the instance path from a strict-mode error message,
// "... property 'id' at '$.body.user.id' is not declared in schema".
var strictPathRE = regexp.MustCompile(`at '(\$[^']*)'`)

var arrayIndexRE = regexp.MustCompile(`\[\d+\]`)

// blindSpotPaths are instance paths in strict mode's notation, with [*] for
// array items: "$.body.data[*].user".
type blindSpotPaths struct {
	// refSiblings are properties that are a $ref with siblings.
	refSiblings map[string]bool
	// branchProps are properties declared inside a oneOf/anyOf branch.
	branchProps map[string]bool
}

// blindSpots computes an operation's blind spots over its request body and
// every response body, once per operation.
func (s *specInfo) blindSpots(op opKey) blindSpotPaths {
	s.blindMu.Lock()
	defer s.blindMu.Unlock()
	if b, ok := s.blind[op]; ok {
		return b
	}
	b := blindSpotPaths{refSiblings: map[string]bool{}, branchProps: map[string]bool{}}
	if o := s.operation(op); o != nil {
		var bodies []*v3.MediaType
		if o.RequestBody != nil && o.RequestBody.Content != nil {
			bodies = append(bodies, o.RequestBody.Content.GetOrZero("application/json"))
		}
		if o.Responses != nil && o.Responses.Codes != nil {
			for r := range o.Responses.Codes.ValuesFromOldest() {
				if r != nil && r.Content != nil {
					bodies = append(bodies, r.Content.GetOrZero("application/json"))
				}
			}
		}
		for _, mt := range bodies {
			if mt != nil && mt.Schema != nil {
				walkBlindSpots(mt.Schema, "$.body", false, 0, b)
			}
		}
	}
	if s.blind == nil {
		s.blind = map[opKey]blindSpotPaths{}
	}
	s.blind[op] = b
	return b
}

func walkBlindSpots(sp *base.SchemaProxy, path string, inBranch bool, depth int, b blindSpotPaths) {
	if sp == nil || depth > maxExampleDepth {
		return
	}
	if sp.IsTransformedRefWithSiblings() {
		b.refSiblings[path] = true
		return
	}
	sch := sp.Schema()
	if sch == nil {
		return
	}
	for _, part := range sch.AllOf {
		walkBlindSpots(part, path, inBranch, depth+1, b)
	}
	for _, part := range slices.Concat(sch.OneOf, sch.AnyOf) {
		walkBlindSpots(part, path, true, depth+1, b)
	}
	if sch.Properties != nil {
		for name, prop := range sch.Properties.FromOldest() {
			p := path + "." + name
			if inBranch {
				b.branchProps[p] = true
			}
			walkBlindSpots(prop, p, false, depth+1, b)
		}
	}
	if sch.Items != nil && sch.Items.IsA() {
		walkBlindSpots(sch.Items.A, path+"[*]", false, depth+1, b)
	}
}
