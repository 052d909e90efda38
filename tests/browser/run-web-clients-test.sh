#!/usr/bin/env bash
# Third-party web clients against a real `riskmap serve` of the sample
# county, from another origin: imports and assesses a private copy, writes
# its vector tiles, starts the server on a free port, runs maplibre.test.mjs
# (vector tiles, /style.json) and openlayers.test.mjs (WMTS, CGCS2000).
# Usage: run-web-clients-test.sh RISKMAP_BINARY SOURCE_DIR NODE_MODULES
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
"$riskmap" tiles "$work/project.toml" --format mvt -z 8-14 -q > /dev/null   # $work/one-mvt.mbtiles

"$riskmap" serve "$work/project.toml" --port 0 --render --access-log "$work/access.log" > "$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 100); do
  grep -q "serving" "$work/serve.log" && break
  kill -0 "$server" 2>/dev/null || { cat "$work/serve.log"; exit 1; }
  sleep 0.1
done
url=$(grep -o 'http://[0-9.]*:[0-9]*' "$work/serve.log" | head -1)
[ -n "$url" ] || { echo "server did not start:"; cat "$work/serve.log"; exit 1; }
RISKMAP_NODE_MODULES="$modules" timeout 150 node "$source/tests/browser/maplibre.test.mjs" "$url"
RISKMAP_NODE_MODULES="$modules" timeout 150 node "$source/tests/browser/openlayers.test.mjs" "$url"
echo "access log: $(wc -l < "$work/access.log") requests"
