#!/usr/bin/env bash
# The planners' relocation review on the sample county: refresh the one
# library, rank the plants inside densely populated areas (CSV + printable
# table), then assess two scenarios side by side: two level-1 town plants
# into the grade-B park (from a scenario file; both find a site that keeps
# the rules), and a tempting but bad one whose destinations get flagged
# (the top-ranked plant into a park with no room left, one into the
# grade-A park, one onto open land by lon,lat). Each writes its tables into the library
# (scenario_<name>_*), a PDF report and a CSV of every figure.
set -euo pipefail
cd "$(dirname "$0")/../.."
riskmap=build/engine/cli/riskmap
project=data/sample_county/project.toml
out=out/relocation-review
mkdir -p "$out"
"$riskmap" import -q "$project"
"$riskmap" assess -q "$project"
"$riskmap" relocate "$project" --rank -o "$out/ranking.csv" -o "$out/ranking.pdf"
"$riskmap" relocate "$project" --scenario-file examples/relocation-review/town_first.toml -o "$out/town_first.pdf"
"$riskmap" relocate "$project" --scenario shortcut --move HZ036 --to P01 --move HZ047 --to P02 \
  --move HZ044 --to 120.62,30.05 \
  -o "$out/shortcut.pdf"
pdfinfo "$out/town_first.pdf" | grep Pages
