package workos

import (
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var (
	parityRubyDef    = regexp.MustCompile(`(?m)^def ([a-z_0-9]+[?!]?)`)
	parityRubyRow    = regexp.MustCompile("^\\| `([a-z_0-9]+[?!]?)` \\| (.*?) \\|")
	paritySpecRow    = regexp.MustCompile("^\\| ([0-9]+) \\| (GET|POST|PUT|PATCH|DELETE) \\| `([^`]+)` \\| (.*?) \\|")
	parityGoName     = regexp.MustCompile("`([A-Z][A-Za-z0-9]*)`")
	parityOperations = regexp.MustCompile("(?m)^\\| ([0-9]+) \\| (GET|POST|PUT|PATCH|DELETE) \\| `([^`]+)` \\|")
)

// parityTables reads docs/PARITY.md: Ruby method -> Go methods, and
// "VERB path" -> Go methods.
func parityTables(t *testing.T) (ruby, spec map[string][]string) {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("docs", "PARITY.md"))
	require.NoError(t, err, "docs/PARITY.md must exist")
	ruby, spec = map[string][]string{}, map[string][]string{}
	for _, line := range strings.Split(string(raw), "\n") {
		if m := parityRubyRow.FindStringSubmatch(line); m != nil {
			_, dup := ruby[m[1]]
			assert.False(t, dup, "Ruby method %s has two rows", m[1])
			ruby[m[1]] = parityGoNames(m[2])
		}
		if m := paritySpecRow.FindStringSubmatch(line); m != nil {
			key := m[2] + " " + m[3]
			_, dup := spec[key]
			assert.False(t, dup, "operation %s has two rows", key)
			spec[key] = parityGoNames(m[4])
		}
	}
	return ruby, spec
}

func parityGoNames(cell string) []string {
	var names []string
	for _, m := range parityGoName.FindAllStringSubmatch(cell, -1) {
		names = append(names, m[1])
	}
	return names
}

// parityCheckMethods fails for every name that is not a method of
// *UserManagementService.
func parityCheckMethods(t *testing.T, row string, names []string) {
	t.Helper()
	svc := reflect.TypeOf(&UserManagementService{})
	if !assert.NotEmpty(t, names, "%s: the row names no Go method", row) {
		return
	}
	for _, n := range names {
		_, ok := svc.MethodByName(n)
		assert.True(t, ok, "%s: (*UserManagementService).%s does not exist", row, n)
	}
}

func TestParity_EveryRubyMethodHasAnExistingGoCounterpart(t *testing.T) {
	shared := requireSharedFolder(t, "")
	seed, err := os.ReadFile(filepath.Join(shared, "seed", "ruby-user-management.txt"))
	require.NoError(t, err)
	ruby, _ := parityTables(t)

	seen := map[string]bool{}
	for _, m := range parityRubyDef.FindAllStringSubmatch(string(seed), -1) {
		name := m[1]
		if name == "initialize" || seen[name] {
			continue
		}
		seen[name] = true
		t.Run(name, func(t *testing.T) {
			goNames, ok := ruby[name]
			if !assert.True(t, ok, "Ruby method %s has no row in docs/PARITY.md", name) {
				return
			}
			parityCheckMethods(t, name, goNames)
		})
	}
	require.NotEmpty(t, seen, "no Ruby methods found in the seed")
	for name := range ruby {
		assert.True(t, seen[name], "docs/PARITY.md lists %s, which the Ruby seed does not define", name)
	}
	t.Logf("%d Ruby methods checked", len(seen))
}

func TestParity_EverySpecOperationHasAnExistingGoMethod(t *testing.T) {
	shared := requireSharedFolder(t, "")
	ops, err := os.ReadFile(filepath.Join(shared, "openapi", "user-management-operations.md"))
	require.NoError(t, err)
	_, spec := parityTables(t)

	want := map[string]bool{}
	for _, m := range parityOperations.FindAllStringSubmatch(string(ops), -1) {
		key := m[2] + " " + m[3]
		want[key] = true
		t.Run(m[1]+" "+key, func(t *testing.T) {
			goNames, ok := spec[key]
			if !assert.True(t, ok, "operation %s has no row in docs/PARITY.md", key) {
				return
			}
			parityCheckMethods(t, key, goNames)
		})
	}
	assert.Len(t, want, 60, "operations in scope")
	for key := range spec {
		assert.True(t, want[key], "docs/PARITY.md lists %s, which is not an operation in scope", key)
	}
}
