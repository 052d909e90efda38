#!/usr/bin/env bash
# The viewer in headless Chromium against a real `riskmap serve` of the
# sample county: imports and assesses a private copy of the county, starts
# the server on a free loopback port, runs viewer.test.mjs, stops the server.
# Usage: run-viewer-test.sh RISKMAP_BINARY SOURCE_DIR NODE_MODULES
set -euo pipefail
riskmap=$1 source=$2 modules=$3
source "$source/tests/support/serve-sample.sh"  # $work, and the trap that stops the server
prepare_sample "$riskmap" "$source" "$work"
serve_project "$riskmap" "$work"
RISKMAP_NODE_MODULES="$modules" timeout 150 node "$source/tests/browser/viewer.test.mjs" "$url"
