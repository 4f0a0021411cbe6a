package workos

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/printer"
	"go/token"
	"os"
	"sort"
	"strings"
	"testing"
)

// paramsTypeExceptions are the struct fields allowed a Go type other than
// the one their name has everywhere else, each with the reason. Keys are
// "Struct.Field".
var paramsTypeExceptions = map[string]string{
	"UpdateUserParams.ExternalID":         "the spec lets an update clear external_id with null, so it is Nullable; a create has nothing to clear",
	"UpdateUserParams.Locale":             "the spec lets an update clear locale with null, so it is Nullable; invitations have nothing to clear",
	"UpdateUserParams.Metadata":           "an update sets or deletes (null) single keys, so its values are Nullable; a create only sets them",
	"CreateUserParams.Password":           "a new user's password is a PlainPassword or a PasswordHash (PasswordInput), not the sign-in password string",
	"UpdateUserParams.Password":           "a new password is a PlainPassword or a PasswordHash (PasswordInput), not the sign-in password string",
	"UpdateOrganizationParams.ExternalID": "the spec lets an update clear external_id with null, so it is Nullable; a create has nothing to clear",
	"UpdateOrganizationParams.Metadata":   "an update sets or deletes (null) single keys, so its values are Nullable; a create only sets them",
	"CreateOrganizationParams.Name":       "an organization's name is required and never empty, unlike the user's optional full name, a pointer because a user update may set it empty",
	"UpdateOrganizationParams.Name":       "an organization cannot be renamed to empty, so empty means not sent; the user's full name is a pointer because a user update may set it empty",
	"CreateUserAPIKeyParams.Name":         "a required key name, not the user's optional full name, which is a pointer because an update may set it empty",
	"CreateConnectedAccountParams.State":  "the connection's state enum, not the OAuth state string of GetAuthorizationURLParams",
	"UpdateConnectedAccountParams.State":  "the connection's state enum, not the OAuth state string of GetAuthorizationURLParams",
}

// paramsFields maps each field name of every exported ...Params struct
// declared in the package to the Go type of that field, per struct.
func paramsFields(t *testing.T) map[string]map[string]string {
	t.Helper()
	fset := token.NewFileSet()
	entries, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	fields := map[string]map[string]string{} // field -> struct -> type
	for _, e := range entries {
		name := e.Name()
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		collectParamsFields(t, fset, file, fields)
	}
	return fields
}

// collectParamsFields adds the fields of file's exported ...Params structs
// to fields.
func collectParamsFields(t *testing.T, fset *token.FileSet, file *ast.File, fields map[string]map[string]string) {
	ast.Inspect(file, func(n ast.Node) bool {
		ts, ok := n.(*ast.TypeSpec)
		if !ok || !ts.Name.IsExported() || !strings.HasSuffix(ts.Name.Name, "Params") {
			return true
		}
		st, ok := ts.Type.(*ast.StructType)
		if !ok {
			return true
		}
		for _, f := range st.Fields.List {
			var typ bytes.Buffer
			if err := printer.Fprint(&typ, fset, f.Type); err != nil {
				t.Fatal(err)
			}
			for _, name := range f.Names {
				if fields[name.Name] == nil {
					fields[name.Name] = map[string]string{}
				}
				fields[name.Name][ts.Name.Name] = typ.String()
			}
		}
		return true
	})
}

// The package doc's rule for optional request fields gives each field name
// one Go type in every params struct, so a value that compiles in one
// struct compiles in the next. The structs are found in the package source,
// so a new params type is checked without being listed anywhere.
func TestParamsFieldNamesHaveOneGoTypeAcrossStructs(t *testing.T) {
	fields := paramsFields(t)
	if len(fields["IPAddress"]) < 10 {
		t.Fatalf("found IPAddress in %d params structs; the source walk is broken", len(fields["IPAddress"]))
	}
	names := make([]string, 0, len(fields))
	for name := range fields {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		byType := map[string][]string{}
		for st, typ := range fields[name] {
			if _, ok := paramsTypeExceptions[st+"."+name]; ok {
				continue
			}
			byType[typ] = append(byType[typ], st)
		}
		if len(byType) > 1 {
			for _, sts := range byType {
				sort.Strings(sts)
			}
			t.Errorf("field %s has %d Go types across params structs: %v; give it one type, or list the exception with its reason", name, len(byType), byType)
		}
	}
}

// An exception that no longer matches a field is stale and must go, so the
// list never hides a future mismatch.
func TestParamsFieldTypeExceptionsNameRealFields(t *testing.T) {
	fields := paramsFields(t)
	for key, reason := range paramsTypeExceptions {
		st, name, _ := strings.Cut(key, ".")
		if _, ok := fields[name][st]; !ok {
			t.Errorf("exception %s names no params field", key)
		}
		if strings.TrimSpace(reason) == "" {
			t.Errorf("exception %s has no reason", key)
		}
	}
}
