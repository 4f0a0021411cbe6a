package workos_test

import (
	"go/ast"
	"go/doc"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestEveryExampleChecksItsOutputAndUsesOnlyExportedAPI parses the Example
// functions of this package, workostest and authkit. Each must end with an
// "// Output:" comment, so `go test` runs it and compares what it prints;
// must live in an external _test package, so it calls only exported API;
// and may use only helpers declared in its own file, which pkg.go.dev
// shows with it, so it can be shown and run there as written.
func TestEveryExampleChecksItsOutputAndUsesOnlyExportedAPI(t *testing.T) {
	var seen int
	for _, dir := range []string{".", "workostest", "authkit"} {
		names, err := filepath.Glob(filepath.Join(dir, "*_test.go"))
		if err != nil {
			t.Fatal(err)
		}
		fset := token.NewFileSet()
		files := map[string]*ast.File{}
		declaredIn := map[string]string{} // top-level test name -> its file
		for _, name := range names {
			f, err := parser.ParseFile(fset, name, nil, parser.ParseComments)
			if err != nil {
				t.Fatal(err)
			}
			files[name] = f
			for _, d := range f.Decls {
				for _, n := range topLevelNames(d) {
					declaredIn[f.Name.Name+"."+n] = name
				}
			}
		}
		for _, name := range names {
			f := files[name]
			examples := doc.Examples(f)
			if len(examples) > 0 && !strings.HasSuffix(f.Name.Name, "_test") {
				t.Errorf("%s: examples in package %s can reach unexported names; move them to package %s_test", name, f.Name.Name, f.Name.Name)
			}
			for _, ex := range examples {
				seen++
				if ex.Output == "" && !ex.EmptyOutput {
					t.Errorf("%s: Example%s has no // Output: comment, so go test compiles it but never runs it", name, ex.Name)
				}
				ast.Inspect(ex.Code, func(n ast.Node) bool {
					id, ok := n.(*ast.Ident)
					if !ok || id.Obj != nil {
						return true // not a name, or a name declared in the example
					}
					if other, ok := declaredIn[f.Name.Name+"."+id.Name]; ok && other != name {
						t.Errorf("%s: Example%s uses %s from %s, which pkg.go.dev does not show with it", name, ex.Name, id.Name, other)
					}
					return true
				})
			}
		}
	}
	if seen == 0 {
		t.Fatal("found no Example functions")
	}
}

// topLevelNames lists the names a top-level declaration introduces.
func topLevelNames(d ast.Decl) []string {
	var names []string
	switch d := d.(type) {
	case *ast.FuncDecl:
		if d.Recv == nil {
			names = append(names, d.Name.Name)
		}
	case *ast.GenDecl:
		for _, spec := range d.Specs {
			switch s := spec.(type) {
			case *ast.ValueSpec:
				for _, n := range s.Names {
					names = append(names, n.Name)
				}
			case *ast.TypeSpec:
				names = append(names, s.Name.Name)
			}
		}
	}
	return names
}

// TestEveryParamsDocSaysWhatMatters fails when an exported ...Params type of
// the package is documented only as "XParams are the inputs of X": its doc
// must say which fields are required and what an empty field does.
func TestEveryParamsDocSaysWhatMatters(t *testing.T) {
	fset := token.NewFileSet()
	names, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	var files []*ast.File
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	bare := regexp.MustCompile(`^\w+ (are|is) the inputs of [\w.]+\.?$`)
	var seen int
	for _, f := range files {
		for _, d := range f.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok || g.Tok != token.TYPE {
				continue
			}
			for _, spec := range g.Specs {
				ts := spec.(*ast.TypeSpec)
				if !ts.Name.IsExported() || !strings.HasSuffix(ts.Name.Name, "Params") {
					continue
				}
				seen++
				doc := ts.Doc
				if doc == nil {
					doc = g.Doc
				}
				text := strings.Join(strings.Fields(doc.Text()), " ")
				if bare.MatchString(text) || !strings.Contains(text, " ") {
					t.Errorf("%s: %q says nothing about required fields or empty ones", ts.Name.Name, text)
				}
			}
		}
	}
	if seen < 20 {
		t.Fatalf("found only %d params types; is the parse right?", seen)
	}
}
