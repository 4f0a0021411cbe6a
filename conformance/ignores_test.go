package conformance

import (
	"encoding/json"
	"regexp"
	"slices"
	"strings"

	"github.com/pb33f/libopenapi/datamodel/high/base"
	v3 "github.com/pb33f/libopenapi/datamodel/high/v3"

	verrors "github.com/pb33f/libopenapi-validator/errors"
	"github.com/pb33f/libopenapi-validator/helpers"
)

// validatorIgnore drops one known false positive of the validator on this
// spec. Every entry names the operation it applies to, matches one narrow
// error, and says why the error is wrong: there is no blanket ignore.
type validatorIgnore struct {
	op opKey
	// match reports whether the ignore explains e. reqBody is the request
	// body, nil when a response is checked.
	match func(e *verrors.ValidationError, reqBody []byte) bool
	why   string
}

var authenticateOp = opKey{Method: "POST", Path: "/user_management/authenticate"}

var validatorIgnores = []validatorIgnore{
	{
		op: authenticateOp,
		match: func(e *verrors.ValidationError, reqBody []byte) bool {
			return e.ValidationType == helpers.SecurityValidation && reqBody != nil && !hasJSONKey(reqBody, "client_secret")
		},
		why: "The spec inherits the global bearer requirement on POST /user_management/authenticate, " +
			"but public clients (PKCE code exchange, refresh without a secret, device code) hold no API key: " +
			"the spec makes client_secret optional on exactly those grants, the device_code grant has no " +
			"client_secret at all, and the Ruby seed sends them with auth: false. So a public-client request " +
			"(one without client_secret) carries no bearer token; confidential grants still must.",
	},
}

// strictPathRE extracts the instance path from a strict-mode error message,
// "... property 'id' at '$.body.user.id' is not declared in schema".
var strictPathRE = regexp.MustCompile(`at '(\$[^']*)'`)

// underRefWithSiblings reports whether a strict-mode undeclared-property
// error lies inside an object the spec references with an OpenAPI 3.1
// "$ref with siblings" (such as `user: {$ref: UserlandUser, description:
// ...}` in the authenticate response). The validator's strict walker sees
// only the siblings there, so it reports every property of the referenced
// object as undeclared. The regular schema validation still checks those
// objects in full; only the undeclared-field check is lost inside them.
func (s *specInfo) underRefWithSiblings(op opKey, e *verrors.ValidationError) bool {
	if e.ValidationType != verrors.StrictValidationType || e.ValidationSubType != verrors.StrictSubTypeProperty {
		return false
	}
	m := strictPathRE.FindStringSubmatch(e.Message)
	if m == nil {
		return false
	}
	path := arrayIndexRE.ReplaceAllString(m[1], "[*]")
	for _, prefix := range s.refSiblingPaths(op) {
		if strings.HasPrefix(path, prefix+".") {
			return true
		}
	}
	return false
}

var arrayIndexRE = regexp.MustCompile(`\[\d+\]`)

// refSiblingPaths lists, for one operation, the instance paths ("$.body.user",
// "$.body.data[*].user") of the properties of its request and response
// bodies that are a $ref with siblings. Computed once per operation.
func (s *specInfo) refSiblingPaths(op opKey) []string {
	s.refSiblingsMu.Lock()
	defer s.refSiblingsMu.Unlock()
	if paths, ok := s.refSiblings[op]; ok {
		return paths
	}
	found := map[string]bool{}
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
				walkRefSiblings(mt.Schema, "$.body", 0, found)
			}
		}
	}
	paths := make([]string, 0, len(found))
	for p := range found {
		paths = append(paths, p)
	}
	if s.refSiblings == nil {
		s.refSiblings = map[opKey][]string{}
	}
	s.refSiblings[op] = paths
	return paths
}

func walkRefSiblings(sp *base.SchemaProxy, path string, depth int, found map[string]bool) {
	if sp == nil || depth > maxExampleDepth {
		return
	}
	if sp.IsTransformedRefWithSiblings() {
		found[path] = true
		return
	}
	sch := sp.Schema()
	if sch == nil {
		return
	}
	for _, part := range slices.Concat(sch.AllOf, sch.OneOf, sch.AnyOf) {
		walkRefSiblings(part, path, depth+1, found)
	}
	if sch.Properties != nil {
		for name, prop := range sch.Properties.FromOldest() {
			walkRefSiblings(prop, path+"."+name, depth+1, found)
		}
	}
	if sch.Items != nil && sch.Items.IsA() {
		walkRefSiblings(sch.Items.A, path+"[*]", depth+1, found)
	}
}

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
// and strict-mode errors inside a $ref with siblings (underRefWithSiblings).
func (s *specInfo) filterIgnored(op opKey, errs []*verrors.ValidationError, reqBody []byte) []*verrors.ValidationError {
	var out []*verrors.ValidationError
next:
	for _, e := range errs {
		if s.underRefWithSiblings(op, e) {
			continue
		}
		for _, ig := range validatorIgnores {
			if ig.op == op && ig.match(e, reqBody) {
				continue next
			}
		}
		out = append(out, e)
	}
	return out
}
