#!/usr/bin/env bash
# The synthetic province at growing N (riskmap-sample-county --counties N;
# N = 1 is the sample county): generate, import, assess (plain; its grid
# step timed by assess itself), assess county by county (--county for each,
# then the province step --zones) and web tiles over a fixed zoom range,
# each step's wall time (min / median / max of RUNS runs) and peak memory
# (/usr/bin/time -v, maximum resident set size). Figures: docs/performance.md.
#
# usage: tests/benchmarks/province-benchmarks.sh [N ...]    (default 1 3 10)
#        RUNS=3 ZOOM=0-12 BUILD=build WORK=/tmp/province-bench SPLIT_UP_TO=99
# (county-by-county assessment only for N <= SPLIT_UP_TO: it takes N runs)
# Each step of each N runs under /tmp/riskmap-build.lock when that file
# exists (the machine-wide lock of a shared build machine), so no other
# build or test competes for the cores while it is timed.
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${RUNS:-3}
zoom=${ZOOM:-0-12}
build=${BUILD:-build}
work=${WORK:-/tmp/province-bench}
split=${SPLIT_UP_TO:-99}
riskmap=$PWD/$build/engine/cli/riskmap
generator=$PWD/$build/data/riskmap-sample-county
counts=("$@")
[ ${#counts[@]} -gt 0 ] || counts=(1 3 10)
lock() { if [ -e /tmp/riskmap-build.lock ]; then flock /tmp/riskmap-build.lock "$@"; else "$@"; fi; }

# timed STEP N CMD...: appends "N step seconds maxrss_kb" to $work/raw
timed() {
  local step=$1 n=$2
  shift 2
  /usr/bin/time -v -o "$work/time.txt" "$@" > "$work/step.log" 2>&1 || { cat "$work/step.log"; exit 1; }
  local s kb
  s=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/time.txt" |
      awk -F: '{ if (NF == 3) print $1 * 3600 + $2 * 60 + $3; else print $1 * 60 + $2 }')
  kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time.txt")
  echo "$n $step $s $kb" >> "$work/raw"
}

one_run() {
  local n=$1 dir=$work/n$1
  rm -rf "$dir"
  if [ "$n" = 1 ]; then
    timed generate "$n" "$generator" "$dir"
    sed -e "s|^library = .*|library = \"out/province.gpkg\"|" data/sample_county/project.toml > "$dir/project.toml"
  else
    timed generate "$n" "$generator" "$dir" --counties "$n"
  fi
  timed import "$n" "$riskmap" import -q "$dir/project.toml"
  timed assess "$n" "$riskmap" assess -q "$dir/project.toml"
  python3 -c 'import json,sys; g=json.load(open(sys.argv[1]))["grid"]; print(sys.argv[2], "grid", g["seconds"], 0, g["cells"])' \
    "$dir/assess_summary.json" "$n" >> "$work/raw"
  if [ "$n" != 1 ] && [ "$n" -le "$split" ]; then
    local codes
    codes=$(python3 -c 'import json,sys; print(" ".join(c["adcode"] for c in json.load(open(sys.argv[1]))["county_list"]))' "$dir/summary.json")
    for c in $codes; do timed county "$n" "$riskmap" assess -q "$dir/project.toml" --county "$c"; done
    timed zones "$n" "$riskmap" assess -q "$dir/project.toml" --zones
  fi
  timed tiles "$n" "$riskmap" tiles -q "$dir/project.toml" -o "$dir/tiles.mbtiles" -z "$zoom" --force
  du -sk "$dir" | awk -v n="$n" '{ print n, "disk", 0, $1 }' >> "$work/raw"
}

mkdir -p "$work"
: > "$work/raw"
for n in "${counts[@]}"; do
  for r in $(seq "$runs"); do lock bash -c "$(declare -f timed one_run); work='$work' generator='$generator' riskmap='$riskmap' zoom='$zoom' split='$split'; one_run $n"; done
done

# One line per N and step: min / median / max seconds (county: the slowest county of each run, and the sum), peak MB.
python3 - "$work/raw" <<'EOF'
import sys, statistics, collections
rows = collections.defaultdict(list)
for line in open(sys.argv[1]):
    n, step, s, kb, *extra = line.split()
    rows[(int(n), step)].append((float(s), int(float(kb)), extra[0] if extra else ""))
print(f"{'N':>3} {'step':<9} {'min s':>8} {'median s':>9} {'max s':>8} {'peak MB':>8}  runs")
for (n, step), v in sorted(rows.items(), key=lambda kv: (kv[0][0], kv[0][1])):
    if step == "disk":
        print(f"{n:>3} {'disk':<9} {'':>8} {'':>9} {'':>8} {v[0][1] / 1024:>8.0f}  (MB on disk: sources, library, grid, tiles)")
        continue
    if step == "grid":
        s = [x[0] for x in v]
        print(f"{n:>3} {'grid':<9} {min(s):>8.2f} {statistics.median(s):>9.2f} {max(s):>8.2f} {'':>8}  {len(s)} ({int(v[0][2]):,} cells of 10 m; inside assess)")
        continue
    if step == "county":
        counties, runs = n, len(rows[(n, "import")])
        per = [v[i * counties:(i + 1) * counties] for i in range(runs)]
        slowest = [max(x[0] for x in p) for p in per]
        total = [sum(x[0] for x in p) for p in per]
        print(f"{n:>3} {'county':<9} {min(slowest):>8.2f} {statistics.median(slowest):>9.2f} {max(slowest):>8.2f} "
              f"{max(x[1] for x in v) / 1024:>8.0f}  slowest of {counties} counties; all counties one after another: "
              f"median {statistics.median(total):.2f} s")
        continue
    s = [x[0] for x in v]
    print(f"{n:>3} {step:<9} {min(s):>8.2f} {statistics.median(s):>9.2f} {max(s):>8.2f} {max(x[1] for x in v) / 1024:>8.0f}  {len(s)}")
EOF
