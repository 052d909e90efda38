#!/usr/bin/env bash
# Side by side: riskmap's four-colour 10 m grid of the sample county against
# gdal_rasterize burning the same zones (the graded footprints, highest grade
# last, over the study area) on the same 10 m grid, with the same outputs: a
# Byte grade grid and a Float32 additive index (gdal_rasterize -add), each a
# DEFLATE tiled GeoTIFF rewritten as a COG with overviews (gdal_translate).
# riskmap's figure is the grid step inside assess (its own timer: the
# rasterisation, both GeoTIFFs and both COGs). Then the two grade grids are
# compared cell by cell (both burn a cell whose centre is inside).
#
# usage: tests/benchmarks/grid-vs-gdal.sh [RUNS=5]   (after scripts/sample.sh)
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-5}
riskmap=build/engine/cli/riskmap
project=data/sample_county/project.toml
library=out/sample_county/jiangcheng.gpkg
grid=out/sample_county/jiangcheng_risk_grid.tif
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for i in $(seq "$runs"); do
  "$riskmap" assess "$project" -q 2>/dev/null |
    sed -n 's/.* cells in \([0-9.]*\) s, burnt in \([0-9.]*\) s).*/riskmap \1\nriskmap-burn-only \2/p' >> "$work/times"
done
# The grid's extent and origin, as riskmap chose them (the study area's envelope snapped to 10 m).
read -r xmin ymax < <(gdalinfo -json "$grid" | /usr/bin/python3 -c 'import json,sys; g=json.load(sys.stdin)["geoTransform"]; print(g[0], g[3])')
read -r cols rows < <(gdalinfo -json "$grid" | /usr/bin/python3 -c 'import json,sys; print(*json.load(sys.stdin)["size"])')
te="$xmin $(echo "$ymax - 10 * $rows" | bc) $(echo "$xmin + 10 * $cols" | bc) $ymax"
grade="CASE zone_grade WHEN 'major' THEN 4 WHEN 'high' THEN 3 WHEN 'moderate' THEN 2 ELSE 1 END"
burn="SELECT geom, 1 AS g FROM county UNION ALL SELECT geom, g FROM (SELECT geom, $grade AS g FROM footprints WHERE zone_grade IS NOT NULL ORDER BY g)"
weights="SELECT geom, $grade AS w FROM footprints WHERE zone_grade IS NOT NULL"
co=(-co TILED=YES -co BLOCKXSIZE=256 -co BLOCKYSIZE=256 -co COMPRESS=DEFLATE)
gdal_run() {
  rm -f "$work"/*.tif
  gdal_rasterize -q -sql "$burn" -a g -te $te -tr 10 10 -ot Byte -init 0 -a_nodata 0 "${co[@]}" "$library" "$work/grade.tif"
  gdal_rasterize -q -sql "$weights" -a w -add -te $te -tr 10 10 -ot Float32 -init 0 "${co[@]}" "$library" "$work/index.tif"
  gdal_translate -q -of COG -co COMPRESS=DEFLATE -co RESAMPLING=NEAREST "$work/grade.tif" "$work/grade-cog.tif"
  gdal_translate -q -of COG -co COMPRESS=DEFLATE -co RESAMPLING=AVERAGE "$work/index.tif" "$work/index-cog.tif"
}
gdal_burn_only() {
  rm -f "$work/burn.tif"
  gdal_rasterize -q -sql "$burn" -a g -te $te -tr 10 10 -ot Byte -init 0 "${co[@]}" "$library" "$work/burn.tif"
}
for i in $(seq "$runs"); do
  TIMEFORMAT="gdal %R"; { time gdal_run; } 2>> "$work/times"
  TIMEFORMAT="gdal-burn-only %R"; { time gdal_burn_only; } 2>> "$work/times"
done
/usr/bin/python3 - "$work/times" "$grid" "$work/grade.tif" "$((cols * rows))" <<'EOF'
import sys, statistics
from osgeo import gdal
times = {}
for line in open(sys.argv[1]):
    tool, t = line.split()
    times.setdefault(tool, []).append(float(t))
cells = int(sys.argv[4])
for tool, v in times.items():
    v.sort()
    print("%-15s %d runs, s min %.2f median %.2f max %.2f, %.1f M cells/s at the median"
          % (tool, len(v), v[0], statistics.median(v), v[-1], cells / statistics.median(v) / 1e6))
r, g = statistics.median(times["riskmap"]), statistics.median(times["gdal"])
print("riskmap grid / gdal (grade + index + COGs), medians: %.2f (riskmap %.1fx faster)" % (r / g, g / r))
a = gdal.Open(sys.argv[2]).ReadAsArray()
b = gdal.Open(sys.argv[3]).ReadAsArray()
print("cells: %d; riskmap and gdal_rasterize grades differ in %d" % (a.size, int((a != b).sum())))
EOF
