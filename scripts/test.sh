#!/usr/bin/env bash
# Runs every test in the repo, every module included, with the race detector,
# and ends with a report: one line per package, the output of any failure,
# every skipped test with its reason, and "N passed, N failed, N skipped".
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

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
go build -o "$work/testreport" ./scripts/testreport

# Every directory with a go.mod is a module to test; the root first.
modules=(.)
for m in */go.mod; do
  [ -f "$m" ] && modules+=("$(dirname "$m")")
done

status=0
for m in "${modules[@]}"; do
  echo "== go test $m"
  (cd "$m" && go test "${race[@]}" -count=1 -json ./... >>"$work/events.json" 2>&1) || status=1
done
"$work/testreport" <"$work/events.json" || status=1
exit "$status"
