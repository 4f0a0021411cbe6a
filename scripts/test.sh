#!/usr/bin/env bash
# Runs every test in the repo, every module included, with the race detector.
set -euo pipefail
cd "$(dirname "$0")/.."
go test -race -count=1 ./...
if [ -f conformance/go.mod ]; then
  (cd conformance && go test -race -count=1 ./...)
fi
