#!/usr/bin/env bash
# The quarterly poster of the sample county: refresh the library, then the
# A1 print PDF, A3 township copies, a screen preview and a 300 dpi A0 PNG.
set -euo pipefail
cd "$(dirname "$0")/../.."
riskmap=build/engine/cli/riskmap
project=data/sample_county/project.toml
out=out/county-poster
mkdir -p "$out"
"$riskmap" import -q "$project"
"$riskmap" assess -q "$project"
quarter="2026年第四季度"
"$riskmap" poster -q "$project" --paper A1 --subtitle "$quarter" -o "$out/poster-A1.pdf"
"$riskmap" poster -q "$project" --paper A3 --orientation landscape --subtitle "$quarter" -o "$out/poster-A3-landscape.pdf"
"$riskmap" poster -q "$project" --paper A1 --subtitle "$quarter" -o "$out/poster-A1-preview.png" --dpi 72
"$riskmap" poster "$project" --paper A0 --subtitle "$quarter" -o "$out/poster-A0.png" --dpi 300
pdffonts "$out/poster-A1.pdf"
