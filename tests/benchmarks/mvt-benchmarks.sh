#!/usr/bin/env bash
# Figures for docs/performance.md, "Web tiles: vector (MVT) beside PNG": the
# sample county's z0-16 pyramid drawn as PNG and written as MVT, RUNS times
# each (default 3), tiles/s as min/median/max. Run after scripts/sample.sh.
set -euo pipefail
cd "$(dirname "$0")/../.."
project=data/sample_county/project.toml
runs=${RUNS:-3}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
riskmap=build/engine/cli/riskmap
stats() {  # name, then tiles/s figures
  local name=$1; shift
  printf '%s\n' "$@" | sort -g | awk -v n="$name" '{v[NR]=$1} END {printf "%s: min %.0f, median %.0f, max %.0f tiles/s (%d runs)\n", n, v[1], v[int((NR+1)/2)], v[NR], NR}'
}
count() { sqlite3 "$1" 'SELECT count(*) FROM tiles'; }
png=() mvt=()
for i in $(seq "$runs"); do
  s=$(date +%s.%N); "$riskmap" tiles "$project" -z 0-16 -q --force -o "$out/p.mbtiles" >/dev/null; e=$(date +%s.%N)
  png+=("$(echo "$(count "$out/p.mbtiles") / ($e - $s)" | bc -l)")
  rm -f "$out/m.mbtiles"
  s=$(date +%s.%N); "$riskmap" tiles "$project" -z 0-16 -q --format mvt -o "$out/m.mbtiles" >/dev/null; e=$(date +%s.%N)
  mvt+=("$(echo "$(count "$out/m.mbtiles") / ($e - $s)" | bc -l)")
done
echo "PNG tiles: $(count "$out/p.mbtiles"), $(du -h "$out/p.mbtiles" | cut -f1); MVT tiles: $(count "$out/m.mbtiles"), $(du -h "$out/m.mbtiles" | cut -f1)"
stats PNG "${png[@]}"
stats MVT "${mvt[@]}"
