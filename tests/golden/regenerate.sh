#!/usr/bin/env bash
# Regenerates the golden images of RenderTest after a deliberate change to
# the renderer, a style or the sample county: never run it to make a failing
# test pass without looking at the new images. Commit them with the change.
# The views here are the ones RenderTest draws (same lon/lat boxes, 512 px).
set -euo pipefail
cd "$(dirname "$0")/../.."
riskmap=build/engine/cli/riskmap
project=data/sample_county/project.toml
"$riskmap" import -q "$project" > /dev/null
"$riskmap" assess -q "$project" > /dev/null
"$riskmap" render "$project" -o tests/golden/county-512.png --width 512 --bbox 120.40,29.88,120.90,30.32
"$riskmap" render "$project" -o tests/golden/town-512.png --width 512 --bbox 120.575,30.095,120.645,30.150
# PlantMapTest: the third sample enterprise's plan (not georeferenced), 40 dpi.
plant=$(grep -o 'id = "[^"]*"' data/sample_county/enterprise/plants.toml | sed -n 3p | cut -d'"' -f2)
"$riskmap" plant-map "$project" --plant "$plant" -o tests/golden/plant-map.png --dpi 40 --date 2026-11-29 > /dev/null
rm -f tests/golden/plant-map.rejects.csv
