#!/usr/bin/env bash
# The tailings ponds of the sample county: grade them, list why, explain a
# place in the head-top pond's corridor and draw the south-western hills.
set -euo pipefail
cd "$(dirname "$0")/../.."
riskmap=build/engine/cli/riskmap
project=data/sample_county/project.toml
library=out/sample_county/jiangcheng.gpkg
out=out/tailings-ponds
mkdir -p "$out"
"$riskmap" import -q "$project"
"$riskmap" assess -q "$project"
# The grades, and each pond's flow path (how far it ran, how it ended).
ogr2ogr -f CSV "$out/tailings_grades.csv" "$library" -sql \
  "SELECT source_id, name, grade, incomplete, rule FROM source_grades WHERE kind = 'tailings_ponds'"
ogr2ogr -f CSV "$out/tailings_flow_paths.csv" "$library" tailings_flow_paths
cat "$out/tailings_grades.csv"
# A point 600 m down the head-top pond's path (in its first km), in lon/lat.
at=$(ogrinfo -q -dialect sqlite -sql \
  "SELECT ST_X(p) AS x, ST_Y(p) AS y FROM (SELECT ST_Line_Interpolate_Point(geom, 600.0 / ST_Length(geom)) AS p
   FROM tailings_flow_paths WHERE source_id = 'TP01')" "$library" |
  awk '/x \(Real\)/ {x = $4} /y \(Real\)/ {y = $4} END {print x, y}' |
  gdaltransform -s_srs EPSG:4549 -t_srs EPSG:4490 -output_xy | awk '{printf "%.6f,%.6f", $1, $2}')
"$riskmap" explain "$project" --at "$at" | tee "$out/explain-headtop.txt"
"$riskmap" render "$project" -o "$out/south-west-hills.png" --width 1200 --bbox 120.45,29.93,120.62,30.07
