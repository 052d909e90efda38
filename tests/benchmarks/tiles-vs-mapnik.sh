#!/usr/bin/env bash
# Side by side: riskmap and Mapnik 3.1 drawing the same tile list (the sample
# county, z8-16, the tiles riskmap writes), same style (styles/default.json
# translated to Mapnik XML by mapnik_style.py), same metatiles (8 x 8, 64 px
# buffer), 2 processes/threads, 256 px RGBA PNG (Mapnik: png32), each into
# its bundled store: riskmap an MBTiles (its default), Mapnik one renderd
# .meta file per metatile. RUNS runs of each, alternated; then lone uncached tiles:
# Mapnik drawing single 256 px tiles vs `riskmap serve --render` answering
# tiles of metatiles it has not drawn. Figures for docs/performance.md.
#
# usage: tests/benchmarks/tiles-vs-mapnik.sh [RUNS=5] [BASELINE_RISKMAP]
# BASELINE_RISKMAP: an older riskmap binary; its tiles are compared pixel by
# pixel with this build's (tile_diff.py). Run after scripts/sample.sh (or
# riskmap import + assess). Needs python3-mapnik, python3-gdal (Debian):
# benchmark only, not installed by CI.
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-5}
baseline=${2:-}
py=/usr/bin/python3
riskmap=build/engine/cli/riskmap
project=data/sample_county/project.toml
library=out/sample_county/jiangcheng.gpkg
style=styles/default.json
zooms=8-16
work=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
server=

"$py" tests/benchmarks/mapnik_style.py "$style" "$library" "$work/mapnik"
"$riskmap" tiles "$project" --style "$style" -z "$zooms" -o "$work/list" -q
(cd "$work/list" && find . -name '*.png' | sed 's#^\./##; s#\.png$##' | sort -t/ -k1,1n -k2,2n -k3,3n) > "$work/tiles.txt"
echo "tiles: $(wc -l < "$work/tiles.txt") (z$zooms inside the county)"

timed() {  # label, command...: appends "label wall cpu" to $work/times
  local label=$1; shift
  /usr/bin/time -f "%e %U %S" -o "$work/t" "$@" > /dev/null
  read -r wall user sys < "$work/t"
  echo "$label $wall $(echo "$user + $sys" | bc)" >> "$work/times"
}
for i in $(seq "$runs"); do
  rm -rf "$work/r.mbtiles" "$work/m"
  timed riskmap "$riskmap" tiles "$project" --style "$style" -z "$zooms" -o "$work/r.mbtiles" -j 2 -q
  timed mapnik "$py" tests/benchmarks/mapnik_tiles.py "$work/mapnik/map.xml" "$work/tiles.txt" "$work/m" --processes 2
done
"$py" - "$work/times" "$(wc -l < "$work/tiles.txt")" <<'EOF'
import sys, statistics
rows = [l.split() for l in open(sys.argv[1])]
n = int(sys.argv[2])
def stats(tool, i):
    v = sorted(n / float(r[i]) for r in rows if r[0] == tool)
    return v[0], statistics.median(v), v[-1]
for what, i in (("tiles/s (wall)", 1), ("tiles per CPU-second", 2)):
    r, m = stats("riskmap", i), stats("mapnik", i)
    print("%-22s riskmap %7.0f / %7.0f / %7.0f   mapnik %7.0f / %7.0f / %7.0f   ratio of medians %.2f"
          % ((what,) + r + m + (r[1] / m[1],)))
EOF
echo "riskmap PNG bytes (z/x/y.png): $(find "$work/list" -name '*.png' -printf '%s\n' | awk '{s+=$1} END {print s}')," \
     "MBTiles (deduplicated) $(stat -c %s "$work/r.mbtiles");" \
     "mapnik png32 metatile files: $(find "$work/m" -name '*.meta' -printf '%s\n' | awk '{s+=$1} END {print s}')"

if [ -n "$baseline" ]; then
  "$baseline" tiles "$project" --style "$style" -z "$zooms" -o "$work/base" -q
  "$py" tests/benchmarks/tile_diff.py "$work/base" "$work/list"
fi

# Lone uncached tiles: 40 tiles spread over the list, each from a metatile
# not drawn before (a fresh server per metatile size).
"$py" tests/benchmarks/mapnik_tiles.py "$work/mapnik/map.xml" "$work/tiles.txt" --lone 40
for metatile in 1 2 4; do
  port=$((18700 + metatile))
  "$riskmap" serve "$project" --style "$style" --render -z 8-16 --metatile "$metatile" -p "$port" -j 2 > /dev/null 2>&1 &
  server=$!
  for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.1; done
  "$py" - "$work/tiles.txt" "$port" "$metatile" <<'EOF'
import sys, time, statistics, urllib.request
tiles = [l.strip() for l in open(sys.argv[1]) if l.strip()]
port, n = sys.argv[2], int(sys.argv[3])
step = max(1, len(tiles) // 40)
seen, ms = set(), []
for t in tiles[::step]:
    z, x, y = map(int, t.split("/"))
    if (z, x // n, y // n) in seen: continue
    seen.add((z, x // n, y // n))
    start = time.perf_counter()
    urllib.request.urlopen("http://127.0.0.1:%s/tiles/%s.png" % (port, t)).read()
    ms.append(1000 * (time.perf_counter() - start))
print("riskmap serve --render --metatile %d, %d uncached tiles: ms min %.1f median %.1f max %.1f"
      % (n, len(ms), min(ms), statistics.median(ms), max(ms)))
EOF
  kill "$server"; wait "$server" 2>/dev/null || true; server=
done
