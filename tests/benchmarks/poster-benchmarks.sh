#!/usr/bin/env bash
# Figures for docs/performance.md, section "Posters": time and peak memory
# of the sample county's A0 poster as vector PDF and as a 300 dpi PNG
# (drawn in bands), and of the A1 PDF. Run after scripts/sample.sh.
set -euo pipefail
cd "$(dirname "$0")/../.."
project=data/sample_county/project.toml
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
measure() { /usr/bin/time -f "  peak RSS %M KiB, wall %e s, CPU %P" build/engine/cli/riskmap poster -q "$project" "$@"; }
measure --paper A1 -o "$out/a1.pdf"
measure --paper A0 -o "$out/a0.pdf"
measure --paper A0 -o "$out/a0.png" --dpi 300
measure --paper A0 -o "$out/a0-150.png" --dpi 150
ls -l "$out"
