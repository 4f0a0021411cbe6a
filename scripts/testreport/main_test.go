package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func runReport(t *testing.T, events ...string) (string, bool) {
	t.Helper()
	r := &report{output: map[key][]string{}}
	require.NoError(t, r.read(strings.NewReader(strings.Join(events, "\n"))))
	var out bytes.Buffer
	ok := r.print(&out)
	return out.String(), ok
}

func TestReport_SkipsAreListedWithTheirReasonAndCounted(t *testing.T) {
	out, ok := runReport(t,
		`{"Action":"output","Package":"p","Test":"TestShared","Output":"=== RUN   TestShared\n"}`,
		`{"Action":"output","Package":"p","Test":"TestShared","Output":"    a_test.go:3: shared folder missing; set WORKOS_SHARED_DIR\n"}`,
		`{"Action":"output","Package":"p","Test":"TestShared","Output":"--- SKIP: TestShared (0.00s)\n"}`,
		`{"Action":"skip","Package":"p","Test":"TestShared"}`,
		`{"Action":"pass","Package":"p","Test":"TestOK"}`,
		`{"Action":"pass","Package":"p","Elapsed":1.25}`,
	)
	assert.True(t, ok, "skips alone do not fail the run")
	assert.Equal(t, "ok   p 1.2s\n\n"+
		"==== SKIPPED: 1 tests did not run\n"+
		"SKIP p TestShared: a_test.go:3: shared folder missing; set WORKOS_SHARED_DIR\n\n"+
		"1 passed, 0 failed, 1 skipped\n", out)
}

func TestReport_FailuresPrintTheirOutputInOrderAndFailTheRun(t *testing.T) {
	out, ok := runReport(t,
		`{"Action":"output","Package":"p","Test":"TestB","Output":"--- FAIL: TestB (0.00s)\n"}`,
		`{"Action":"fail","Package":"p","Test":"TestB"}`,
		`{"Action":"output","Package":"p","Test":"TestPasses","Output":"--- PASS: TestPasses (0.00s)\n"}`,
		`{"Action":"pass","Package":"p","Test":"TestPasses"}`,
		`{"Action":"output","Package":"p","Test":"TestA","Output":"--- FAIL: TestA (0.00s)\n"}`,
		`{"Action":"fail","Package":"p","Test":"TestA"}`,
		`{"Action":"fail","Package":"p"}`,
		`# p [build failed]`,
	)
	assert.False(t, ok)
	assert.Equal(t, "FAIL p\n# p [build failed]\n\n==== FAILURES\n"+
		"--- FAIL: TestA (0.00s)\n--- FAIL: TestB (0.00s)\n\n"+
		"1 passed, 2 failed, 0 skipped\n", out)
}
