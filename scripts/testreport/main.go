// Command testreport reads the JSON event stream of `go test -json` on its
// standard input and prints what a person needs from a test run: one line
// per package, the output of every failed test, a loud summary of every
// skipped test with its reason, and a closing "N passed, N failed, N
// skipped" line. It exits 1 when a test or a package failed, so a skipped
// reference folder or browser can never hide behind a bare "ok".
//
// scripts/test.sh pipes every module's tests through it.
package main

import (
	"bufio"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"strings"
)

// event is one line of test2json output (see `go doc test2json`).
type event struct {
	Action  string
	Package string
	Test    string
	Output  string
	Elapsed float64
}

// key names one test in one package.
type key struct{ pkg, test string }

// report accumulates what the stream said.
type report struct {
	output              map[key][]string // every line a test or package printed
	passed, failed      int
	skipped             []key
	failedPkgs, pkgLine []string
}

func main() {
	r := &report{output: map[key][]string{}}
	if err := r.read(os.Stdin); err != nil {
		fmt.Fprintln(os.Stderr, "testreport:", err)
		os.Exit(2)
	}
	if !r.print(os.Stdout) {
		os.Exit(1)
	}
}

// read consumes the stream; lines that are not JSON (build errors printed
// by the go command) are kept as package output.
func (r *report) read(in io.Reader) error {
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var e event
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			r.pkgLine = append(r.pkgLine, sc.Text())
			continue
		}
		r.add(e)
	}
	return sc.Err()
}

func (r *report) add(e event) {
	k := key{e.Package, e.Test}
	switch e.Action {
	case "output":
		r.output[k] = append(r.output[k], e.Output)
	case "pass":
		if e.Test != "" {
			r.passed++
		} else {
			r.pkgLine = append(r.pkgLine, fmt.Sprintf("ok   %s %.1fs", e.Package, e.Elapsed))
		}
	case "fail":
		if e.Test != "" {
			r.failed++
			return
		}
		r.failedPkgs = append(r.failedPkgs, e.Package)
		r.pkgLine = append(r.pkgLine, "FAIL "+e.Package)
	case "skip":
		if e.Test != "" {
			r.skipped = append(r.skipped, k)
		} else {
			r.pkgLine = append(r.pkgLine, "---  "+e.Package+" [no test files]")
		}
	}
}

// print writes the report and says whether the run passed.
func (r *report) print(w io.Writer) bool {
	for _, l := range r.pkgLine {
		fmt.Fprintln(w, l)
	}
	ok := r.failed == 0 && len(r.failedPkgs) == 0
	if !ok {
		fmt.Fprintln(w, "\n==== FAILURES")
		for _, k := range sortedKeys(r.output) {
			lines := r.output[k]
			if k.test == "" && !slices.Contains(r.failedPkgs, k.pkg) {
				continue
			}
			if k.test != "" && !failedTest(lines) {
				continue
			}
			fmt.Fprint(w, strings.Join(lines, ""))
		}
	}
	if len(r.skipped) > 0 {
		slices.SortFunc(r.skipped, compareKeys)
		fmt.Fprintf(w, "\n==== SKIPPED: %d tests did not run\n", len(r.skipped))
		for _, k := range r.skipped {
			fmt.Fprintf(w, "SKIP %s %s: %s\n", k.pkg, k.test, skipReason(r.output[k]))
		}
	}
	fmt.Fprintf(w, "\n%d passed, %d failed, %d skipped\n", r.passed, r.failed, len(r.skipped))
	return ok
}

// compareKeys orders tests by package, then name.
func compareKeys(a, b key) int {
	return cmp.Or(cmp.Compare(a.pkg, b.pkg), cmp.Compare(a.test, b.test))
}

// sortedKeys lists the tests that printed output in a stable order, so two
// runs with the same failures print them alike.
func sortedKeys(m map[key][]string) []key {
	return slices.SortedFunc(maps.Keys(m), compareKeys)
}

// failedTest reports whether a test's own output ends in its FAIL line.
func failedTest(lines []string) bool {
	for _, l := range lines {
		if strings.HasPrefix(strings.TrimSpace(l), "--- FAIL") {
			return true
		}
	}
	return false
}

// skipReason is the message a test gave t.Skip: the lines it logged,
// without the === RUN and --- SKIP markers.
func skipReason(lines []string) string {
	var msg []string
	for _, l := range lines {
		t := strings.TrimSpace(l)
		if t == "" || strings.HasPrefix(t, "=== ") || strings.HasPrefix(t, "--- ") {
			continue
		}
		msg = append(msg, t)
	}
	if len(msg) == 0 {
		return "(no reason given)"
	}
	return strings.Join(msg, " ")
}
