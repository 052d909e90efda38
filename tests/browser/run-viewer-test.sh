#!/usr/bin/env bash
# The viewer in headless Chromium against a real `riskmap serve` of the
# sample county: imports and assesses a private copy of the county, starts
# the server on a free loopback port, runs viewer.test.mjs, stops the server.
# Usage: run-viewer-test.sh RISKMAP_BINARY SOURCE_DIR NODE_MODULES
set -euo pipefail
riskmap=$1 source=$2 modules=$3
work=$(mktemp -d)
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

sed -e "s|library = \"[^\"]*\"|library = \"$work/one.gpkg\"|" \
    -e "s|source = \"|source = \"$source/data/sample_county/|" \
    "$source/data/sample_county/project.toml" > "$work/project.toml"
"$riskmap" import -q "$work/project.toml"
"$riskmap" assess -q "$work/project.toml"

"$riskmap" serve "$work/project.toml" --port 0 > "$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 100); do
  grep -q "serving" "$work/serve.log" && break
  kill -0 "$server" 2>/dev/null || { cat "$work/serve.log"; exit 1; }
  sleep 0.1
done
url=$(grep -o 'http://[0-9.]*:[0-9]*' "$work/serve.log" | head -1)
[ -n "$url" ] || { echo "server did not start:"; cat "$work/serve.log"; exit 1; }
RISKMAP_NODE_MODULES="$modules" timeout 150 node "$source/tests/browser/viewer.test.mjs" "$url"
