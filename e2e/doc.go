// Package e2e holds tests that drive the SDK's web integration end to end:
// a headless Chromium (through chromedp) signing in to an app built on
// package authkit, against the in-process workostest fake, and the same
// package behind the chi router. It is its own module so that the SDK's
// go.mod stays free of browser and router dependencies.
package e2e
