#!/usr/bin/env bash
# The main job on the bundled sample county: install what is missing, build
# (which generates the county into data/sample_county/), import it into the
# one library, print what the library holds, assess every source, and draw
# the four-colour map (PNG and vector PDF), its web tiles (MBTiles, z8-14)
# and its A1 and A3 posters (vector PDF) into out/sample_county/.
# `riskmap serve` then shows the map in a browser.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake --preset default >/dev/null
cmake --build --preset default
riskmap=build/engine/cli/riskmap
project=data/sample_county/project.toml
"$riskmap" import "$project"
"$riskmap" info "$project"
"$riskmap" assess "$project"
"$riskmap" render "$project" -o out/sample_county/jiangcheng.png --width 1600
"$riskmap" render "$project" -o out/sample_county/jiangcheng.pdf
"$riskmap" tiles "$project" -z 8-14
"$riskmap" poster "$project" --paper A1 -o out/sample_county/poster-A1.pdf
"$riskmap" poster "$project" --paper A3 -o out/sample_county/poster-A3.pdf
