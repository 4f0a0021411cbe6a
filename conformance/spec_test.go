package conformance

import (
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/pb33f/libopenapi"
	validator "github.com/pb33f/libopenapi-validator"
	"github.com/pb33f/libopenapi-validator/config"
	"github.com/pb33f/libopenapi-validator/router"
	v3 "github.com/pb33f/libopenapi/datamodel/high/v3"
	"github.com/pb33f/libopenapi/orderedmap"
)

// specRelPath is where the spec lives inside the shared reference folder.
const specRelPath = "openapi/workos-openapi.yaml"

// inScopePrefixes are the path prefixes of the operations the SDK covers.
// The spec has no /oauth2 path, so that prefix of the issue adds nothing.
var inScopePrefixes = []string{"/user_management", "/sso/jwks"}

// prefixInScopeOperations is the number of operations under
// inScopePrefixes that the reference notes count; a different number means
// the spec changed under us.
const prefixInScopeOperations = 60

// addedInScope holds single operations outside inScopePrefixes that the SDK
// also covers. Each area adds its own from its cases file with addInScope,
// so areas grow the in-scope set without editing one shared list; the
// suite then expects prefixInScopeOperations + len(addedInScope).
var addedInScope = map[opKey]bool{}

// addInScope puts ops ("METHOD /path", as the spec writes the path) in
// scope. It returns true so a cases file can call it in a var declaration.
func addInScope(ops ...string) bool {
	for _, op := range ops {
		method, path, ok := strings.Cut(op, " ")
		if !ok {
			panic("conformance: addInScope needs \"METHOD /path\", got " + op)
		}
		addedInScope[opKey{Method: method, Path: path}] = true
	}
	return true
}

// wantInScopeOperations is how many operations the suite must find in
// scope.
func wantInScopeOperations() int { return prefixInScopeOperations + len(addedInScope) }

// specFix repairs one defect of the spec text that stops a schema from
// compiling at all, before the spec is parsed. Each fix says why; areas
// register theirs from their own files (specFixes = append(...) in init).
type specFix struct {
	apply func(raw []byte) []byte
	why   string
}

var specFixes []specFix

// opKey names one spec operation: an upper-case method and a path template.
type opKey struct {
	Method string
	Path   string
}

func (k opKey) String() string { return k.Method + " " + k.Path }

// specInfo is the parsed spec and everything derived from it. It is built
// once per test binary: the spec is 1.4 MB and compiling its schemas is the
// slowest part of the suite.
type specInfo struct {
	path string
	// model is the whole spec.
	model *v3.Document
	// scoped is model with only the in-scope paths: the validator and the
	// router are built over it, so schemas of the hundreds of unrelated
	// operations are never compiled and a request to an unrelated path is
	// reported as not in scope.
	scoped    *v3.Document
	validator validator.Validator
	router    router.Router
	// ops is every in-scope operation, sorted.
	ops []opKey
	// servers are the spec's server URLs, such as https://api.workos.com.
	servers []string

	blindMu sync.Mutex
	blind   map[opKey]blindSpotPaths
}

var (
	specOnce   sync.Once
	specLoaded *specInfo
	specErr    error
	// specMissing is set when the shared folder is absent, which skips the
	// suite outside CI.
	specMissing bool
)

// sharedDir is the shared reference folder: $WORKOS_SHARED_DIR, or
// ../shared next to the repository root. The test runs in the module
// directory (conformance/), whose parent is the repository root.
func sharedDir() (string, error) {
	if d := os.Getenv("WORKOS_SHARED_DIR"); d != "" {
		return d, nil
	}
	wd, err := os.Getwd()
	if err != nil {
		return "", err
	}
	repoRoot := filepath.Dir(wd)
	return filepath.Join(repoRoot, "..", "shared"), nil
}

// loadSpec returns the parsed spec. When the spec file is missing it skips
// the test, or fails it when CI=true, where a silent skip would hide the
// whole suite.
func loadSpec(t testing.TB) *specInfo {
	t.Helper()
	specOnce.Do(func() { specLoaded, specErr = parseSpec() })
	if specErr != nil {
		if specMissing && os.Getenv("CI") != "true" {
			t.Skipf("conformance: %v; set WORKOS_SHARED_DIR or place the shared folder at ../shared next to the repository", specErr)
		}
		t.Fatalf("conformance: %v", specErr)
	}
	return specLoaded
}

func parseSpec() (*specInfo, error) {
	dir, err := sharedDir()
	if err != nil {
		return nil, err
	}
	path := filepath.Join(dir, specRelPath)
	raw, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			specMissing = true
			return nil, fmt.Errorf("spec not found at %s", path)
		}
		return nil, fmt.Errorf("read spec: %w", err)
	}
	for _, fix := range specFixes {
		raw = fix.apply(raw)
	}
	doc, err := libopenapi.NewDocument(raw)
	if err != nil {
		return nil, fmt.Errorf("parse spec %s: %w", path, err)
	}
	built, err := doc.BuildV3Model()
	if err != nil {
		return nil, fmt.Errorf("build spec model %s: %w", path, err)
	}
	s := &specInfo{path: path, model: &built.Model}

	scoped := built.Model // shallow copy; only Paths is replaced
	items := orderedmap.New[string, *v3.PathItem]()
	for p, item := range built.Model.Paths.PathItems.FromOldest() {
		var ops []opKey
		for m := range item.GetOperations().KeysFromOldest() {
			if k := (opKey{Method: strings.ToUpper(m), Path: p}); inScope(p) || addedInScope[k] {
				ops = append(ops, k)
			}
		}
		if len(ops) == 0 {
			continue
		}
		// The whole path item is kept, so a request for an operation out
		// of scope still routes and is reported, not mistaken for none.
		items.Set(p, item)
		s.ops = append(s.ops, ops...)
	}
	scoped.Paths = &v3.Paths{PathItems: items, Extensions: built.Model.Paths.Extensions}
	s.scoped = &scoped
	sort.Slice(s.ops, func(i, j int) bool {
		if s.ops[i].Path != s.ops[j].Path {
			return s.ops[i].Path < s.ops[j].Path
		}
		return s.ops[i].Method < s.ops[j].Method
	})
	for _, srv := range built.Model.Servers {
		s.servers = append(s.servers, strings.TrimSuffix(srv.URL, "/"))
	}

	// Path-only matching: the request recorder checks the server itself,
	// and responses from a local fake server (issue 6) come from
	// 127.0.0.1, which is none of the spec's servers.
	s.validator = validator.NewValidatorFromV3Model(s.scoped, validatorOptions()...)
	s.router = router.NewRouter(s.scoped, router.WithPathOnlyMatching())
	return s, nil
}

func inScope(path string) bool {
	for _, p := range inScopePrefixes {
		if path == p || strings.HasPrefix(path, p+"/") {
			return true
		}
	}
	return false
}

// route finds the spec operation a request addresses.
func (s *specInfo) route(req *http.Request) (opKey, *v3.Operation, error) {
	r, err := s.router.FindRoute(req)
	if err != nil {
		return opKey{}, nil, err
	}
	return opKey{Method: strings.ToUpper(req.Method), Path: r.Path}, r.Operation, nil
}

// operation returns the spec operation for k, or nil.
func (s *specInfo) operation(k opKey) *v3.Operation {
	item, ok := s.scoped.Paths.PathItems.Get(k.Path)
	if !ok || item == nil {
		return nil
	}
	op, _ := item.GetOperations().Get(strings.ToLower(k.Method))
	return op
}

// knownServer reports whether rawBase (scheme://host) is one of the spec's
// servers.
func (s *specInfo) knownServer(base string) bool {
	for _, srv := range s.servers {
		if base == srv {
			return true
		}
	}
	return false
}

// validatorOptions are the validator settings of the suite, in one place so
// that every loosening is visible in review.
func validatorOptions() []config.Option {
	return []config.Option{
		// Check formats (date-time, email, uri) as well as types.
		config.WithFormatAssertions(),
		// Report properties, query parameters and headers the spec does
		// not declare, even where a schema allows additional properties:
		// a misspelled JSON tag or query name then fails the suite instead
		// of being silently ignored by the API.
		config.WithStrictMode(),
		// The SDK sends Idempotency-Key on every POST so that retries are
		// safe. The API honours it on every POST (the spec's prose says
		// so), but the spec declares the header on only a few operations.
		config.WithStrictIgnoredHeadersExtra("idempotency-key"),
		// Strict mode treats the keys of a map (an object whose
		// additionalProperties is a schema) as undeclared properties,
		// although the schema declares them all. These are the maps of the
		// in-scope schemas: user metadata, membership custom_attributes
		// and connected account config.
		// ("**" matches one or more segments, so each map is listed at the
		// top level too.)
		config.WithStrictIgnorePaths(
			"$.body.metadata.*", "$.body.**.metadata.*",
			"$.body.custom_attributes.*", "$.body.**.custom_attributes.*",
			"$.body.config.*", "$.body.**.config.*",
		),
	}
}
