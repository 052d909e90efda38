#!/usr/bin/env bash
# The enterprise four-colour maps of the sample county's three enterprises
# (data/sample_county/enterprise/, made by the generator): each plant's
# site plan (DXF) coloured by the grades of its risk point register, with
# the table and one A4 risk card per major and high point; then the grade
# map (等级图): every georeferenced enterprise by its grade in the library,
# drawn on the county map and named by explain.
set -euo pipefail
cd "$(dirname "$0")/../.."
riskmap=build/engine/cli/riskmap
project=data/sample_county/project.toml
out=out/enterprise-map
mkdir -p "$out"
plants=$(grep -o '^id = "[^"]*"' data/sample_county/enterprise/plants.toml | cut -d'"' -f2)
for plant in $plants; do
  "$riskmap" plant-map "$project" --plant "$plant" -o "$out/$plant.pdf" --paper A3
done
first=$(echo "$plants" | head -1)
"$riskmap" plant-map "$project" --plant "$first" -o "$out/$first.png" --dpi 100
pdfinfo "$out/$first.pdf" | grep -E "Pages|Page size"
# The grade map: the library must exist (import), the county's zones for explain (assess).
"$riskmap" import -q "$project"
"$riskmap" assess -q "$project"
"$riskmap" plant-map "$project" --grades
"$riskmap" render "$project" -o "$out/grade-map.png" --bbox 120.72,30.07,120.78,30.095 --width 1200
