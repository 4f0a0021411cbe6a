package e2e

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// browserTimeout bounds one whole browser test. It is generous because CI
// runs on a small shared machine where Chromium alone may take seconds to
// start; no step waits a fixed time, each waits for what it needs.
const browserTimeout = 5 * time.Minute

// chromiumNames are the executables tried, in order, when CHROMIUM is not
// set. Debian's package installs "chromium".
var chromiumNames = []string{"chromium", "chromium-browser", "google-chrome-stable", "google-chrome"}

// findChromium returns the browser to drive: $CHROMIUM when set, else the
// first of chromiumNames on PATH, else "".
func findChromium() string {
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p
	}
	for _, name := range chromiumNames {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// newBrowser starts a headless Chromium with a fresh profile for the test
// and returns a context that drives one tab of it, cancelled (and the
// browser stopped) when the test ends. Without Chromium the test is
// skipped, except under CI=true, where it fails: CI installs the browser
// and must not pass by skipping.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	path := findChromium()
	if path == "" {
		msg := "no Chromium found (tried $CHROMIUM and " + strings.Join(chromiumNames, ", ") + "); install it with: apt-get install -y chromium"
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox, // CI runs as root, where Chromium's sandbox refuses to start
		chromedp.DisableGPU,
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
	)
	ctx, cancel := context.WithTimeout(context.Background(), browserTimeout)
	t.Cleanup(cancel)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	t.Cleanup(cancelAlloc)
	tab, cancelTab := chromedp.NewContext(allocCtx, chromedp.WithLogf(t.Logf))
	t.Cleanup(cancelTab)
	if err := chromedp.Do(tab); err != nil {
		t.Fatalf("starting Chromium (%s): %v", path, err)
	}
	return tab
}

// text returns the visible text of the element sel finds, failing the test
// when there is none.
func text[S chromedp.Selectable](t *testing.T, browser context.Context, sel S) string {
	t.Helper()
	s, err := chromedp.Run(browser, chromedp.Text(sel))
	if err != nil {
		t.Fatalf("reading the text of %v: %v", sel, err)
	}
	return s
}
