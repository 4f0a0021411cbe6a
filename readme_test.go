package workos_test

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// readmeSnippetScope declares the names README snippets take from the code
// around them (a handler's w and r, a signed-in result, a password...), so a
// snippet type-checks on its own. A snippet that starts with "func" is a
// whole declaration and is checked at package level.
const readmeSnippetScope = `
	var (
		ctx            context.Context
		w              http.ResponseWriter
		r              *http.Request
		client         *workos.Client
		verifier       *workos.Verifier
		res            *workos.AuthenticateResponse
		email          string
		password       string
		code           string
		id             string
		sessionID      string
		cookieValue    string
		cookiePassword string
		codeVerifier   string
		secret         string
		mux            *http.ServeMux
		app            http.Handler
	)
	_, _, _, _, _, _, _, _, _, _, _, _, _, _ = ctx, w, r, client, verifier, res, email, password, code, id, sessionID, cookieValue, cookiePassword, codeVerifier
	_, _, _ = mux, app, secret
`

// readmeGoBlocks returns every ```go block of README.md with the line it
// starts on.
func readmeGoBlocks(t *testing.T) (blocks []string, lines []int) {
	t.Helper()
	src, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	var cur *bytes.Buffer
	for i, line := range strings.Split(string(src), "\n") {
		switch {
		case cur == nil && strings.TrimSpace(line) == "```go":
			cur = new(bytes.Buffer)
			lines = append(lines, i+2)
		case cur != nil && strings.TrimSpace(line) == "```":
			blocks = append(blocks, cur.String())
			cur = nil
		case cur != nil:
			cur.WriteString(line + "\n")
		}
	}
	return blocks, lines
}

// TestREADMEGoSnippetsTypeCheck type-checks every ```go block of README.md
// against the package as it is, so a renamed method, a changed field type or
// a wrong import in a snippet users copy fails here. Each statement snippet
// becomes the body of its own function returning error; "declared and not
// used" is the only error allowed, since a snippet shows a value without
// always using it.
func TestREADMEGoSnippetsTypeCheck(t *testing.T) {
	blocks, lines := readmeGoBlocks(t)
	if len(blocks) == 0 {
		t.Fatal("README.md has no ```go blocks")
	}
	var file strings.Builder
	file.WriteString(`package readmesnippets

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"testing"
	"time"

	"github.com/kestrel-dev/workos"
	"github.com/kestrel-dev/workos/authkit"
	"github.com/kestrel-dev/workos/workostest"
)

var (
	_ = context.Background
	_ = errors.Is
	_ = fmt.Println
	_ = net.SplitHostPort
	_ = http.StatusOK
	_ = os.Getenv
	_ authkit.Config
	_ = time.Second
	_ testing.TB
	_ = workostest.NewServer
	_ workos.Option
)

`)
	blockAt := map[int]int{} // first generated line of each block -> README line
	for i, b := range blocks {
		blockAt[strings.Count(file.String(), "\n")+1] = lines[i]
		if strings.HasPrefix(b, "func ") {
			file.WriteString(b + "\n")
			continue
		}
		// The snippet sits in a block of its own, so its := may redeclare a
		// name the scope provides, as real code around it would.
		fmt.Fprintf(&file, "func snippet%d() error {%s\n// README.md line %d\n{\n%s\n}\n\treturn nil\n}\n\n", i, readmeSnippetScope, lines[i], b)
	}

	// The file is checked as if it lived in a directory of this module, so
	// the source importer resolves github.com/kestrel-dev/workos to the code
	// in this checkout.
	dir, err := filepath.Abs("readmesnippets") // need not exist
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	name := filepath.Join(dir, "snippets.go")
	f, err := parser.ParseFile(fset, name, file.String(), 0)
	if err != nil {
		t.Fatalf("README snippets do not parse: %v\n%s", err, numbered(file.String()))
	}
	var problems []string
	conf := types.Config{
		Importer: readmeImporter(t, fset),
		Error: func(err error) {
			te := err.(types.Error)
			if strings.HasPrefix(te.Msg, "declared and not used") {
				return
			}
			problems = append(problems, fmt.Sprintf("%s: %s", readmeLine(fset.Position(te.Pos).Line, blockAt), te.Msg))
		},
	}
	_, _ = conf.Check("readmesnippets", fset, []*ast.File{f}, nil)
	for _, p := range problems {
		t.Error(p)
	}
}

// readmeLine names the README block that generated line n of the snippets
// file came from.
func readmeLine(n int, blockAt map[int]int) string {
	best, at := 0, 0
	for start, readme := range blockAt {
		if start <= n && start > best {
			best, at = start, readme
		}
	}
	return fmt.Sprintf("README.md block at line %d (snippets.go:%d)", at, n)
}

func numbered(src string) string {
	var b strings.Builder
	for i, l := range strings.Split(src, "\n") {
		fmt.Fprintf(&b, "%4d %s\n", i+1, l)
	}
	return b.String()
}

// readmeImporter imports from the compiler's export data, which `go list
// -export` builds (or finds in the build cache) for the packages the
// snippets import; that is much faster than type-checking the standard
// library from source.
func readmeImporter(t *testing.T, fset *token.FileSet) types.Importer {
	t.Helper()
	cmd := exec.Command("go", "list", "-export", "-deps", "-f", "{{if .Export}}{{.ImportPath}}={{.Export}}{{end}}",
		"context", "errors", "fmt", "net", "net/http", "os", "testing", "time",
		"github.com/kestrel-dev/workos", "github.com/kestrel-dev/workos/authkit", "github.com/kestrel-dev/workos/workostest")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list -export: %v", err)
	}
	exports := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		if path, file, ok := strings.Cut(line, "="); ok {
			exports[path] = file
		}
	}
	return importer.ForCompiler(fset, "gc", func(path string) (io.ReadCloser, error) {
		file, ok := exports[path]
		if !ok {
			return nil, fmt.Errorf("no export data for %s", path)
		}
		return os.Open(file)
	})
}
