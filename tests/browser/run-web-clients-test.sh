#!/usr/bin/env bash
# Third-party web clients against a real `riskmap serve` of the sample
# county, from another origin: imports and assesses a private copy, writes
# its vector tiles, starts the server on a free port, runs maplibre.test.mjs
# (vector tiles, /style.json) and openlayers.test.mjs (WMTS, CGCS2000).
# Usage: run-web-clients-test.sh RISKMAP_BINARY SOURCE_DIR NODE_MODULES
set -euo pipefail
riskmap=$1 source=$2 modules=$3
source "$source/tests/support/serve-sample.sh"  # $work, and the trap that stops the server
prepare_sample "$riskmap" "$source" "$work"
"$riskmap" tiles "$work/project.toml" --format mvt -z 8-14 -q > /dev/null   # $work/one-mvt.mbtiles
serve_project "$riskmap" "$work" --render --access-log "$work/access.log"
RISKMAP_NODE_MODULES="$modules" timeout 150 node "$source/tests/browser/maplibre.test.mjs" "$url"
RISKMAP_NODE_MODULES="$modules" timeout 150 node "$source/tests/browser/openlayers.test.mjs" "$url"
echo "access log: $(wc -l < "$work/access.log") requests"
