#!/usr/bin/env bash
# Figures for docs/performance.md, sections "Web tiles": the sample county's
# z0-16 pyramid into an MBTiles (tiles/s, peak memory), then the loopback
# load test of the server. Run after scripts/sample.sh.
set -euo pipefail
cd "$(dirname "$0")/../.."
project=data/sample_county/project.toml
library=out/sample_county/jiangcheng.gpkg
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
/usr/bin/time -f "peak RSS %M KiB, wall %e s, CPU %P" \
  build/engine/cli/riskmap tiles "$project" -z 0-16 -o "$out/pyramid.mbtiles"
ls -l "$out/pyramid.mbtiles"
build/tests/riskmap_bench_serve "$library" styles/default.json styles/palette.toml 16 2000 60
