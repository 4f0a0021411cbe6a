#!/usr/bin/env bash
# Runs every test in the repo, every module included, with the race detector.
set -euo pipefail
cd "$(dirname "$0")/.."

# The race detector needs cgo, which needs a C compiler. On a machine with
# only Go, say so loudly and test without it rather than not at all.
race=(-race)
if [ "$(go env CGO_ENABLED)" != "1" ]; then
  if [ "${CI:-}" = "true" ]; then
    echo "cgo is off (no C compiler found), so -race cannot run; CI needs the race detector" >&2
    exit 1
  fi
  echo "WARNING: cgo is off (no C compiler found), so -race cannot run; testing without the race detector" >&2
  race=()
fi

go test "${race[@]}" -count=1 ./...
# Nested modules: conformance, and e2e (a headless-Chromium test that
# skips without Chromium, except under CI=true).
for m in conformance e2e; do
  if [ -f "$m/go.mod" ]; then
    (cd "$m" && go test "${race[@]}" -count=1 ./...)
  fi
done
