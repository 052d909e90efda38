#!/usr/bin/env bash
# Figures for docs/performance.md, "Web tiles on a cluster": the sample
# county's z8-17 pyramid (a) by one process on both cores, (b) as 1 shard
# (-j 2) then the merge, (c) as 2 shards side by side (-j 1 each) then the
# merge; wall time of the whole job and peak RSS of its largest process,
# min/median/max of RUNS (default 3). Run after scripts/sample.sh (or a
# build), ideally under the machine's build lock so nothing else runs.
# Usage: shard-benchmarks.sh [RUNS] [ZOOM] [SPLIT_ZOOM]
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-3} zoom=${2:-8-17} split=${3:-12}
riskmap=$(realpath build/engine/cli/riskmap)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r data/sample_county "$work/"
rm -rf "$work/sample_county/dirty"
sed -i "s|^library = .*|library = \"$work/jiangcheng.gpkg\"|" "$work/sample_county/project.toml"
project=$work/sample_county/project.toml
"$riskmap" import "$project" -q >/dev/null
"$riskmap" assess "$project" -q >/dev/null

timed() {  # timed LOG CMD...: runs CMD, appends "peak_kib" to LOG
  /usr/bin/time -f "%M" -o "$1.rss" "${@:2}" >/dev/null
  cat "$1.rss" >> "$1"
}
elapsed() { awk -v now="$(date +%s.%N)" -v start="$1" 'BEGIN { printf "%.2f\n", now - start }'; }
stats() {  # min/median/max of numbers on stdin
  sort -n | awk '{a[NR]=$1} END {printf "%s / %s / %s", a[1], a[int((NR+1)/2)], a[NR]}'
}
: > "$work/single.t"; : > "$work/one.t"; : > "$work/two.t"
for _ in $(seq "$runs"); do
  rm -f "$work"/*.mbtiles "$work"/*.log
  s=$(date +%s.%N)
  timed "$work/single.log" "$riskmap" tiles "$project" -q -j 2 -z "$zoom" -o "$work/single.mbtiles"
  elapsed "$s" >> "$work/single.t"; sort -n "$work/single.log" | tail -1 >> "$work/single.rss-all"

  s=$(date +%s.%N)
  timed "$work/one.log" "$riskmap" tiles "$project" -q -j 2 -z "$zoom" --split-zoom "$split" -o "$work/one.mbtiles" --shard 1/1
  m=$(date +%s.%N); elapsed "$s" >> "$work/one.shards.t"
  timed "$work/one.log" "$riskmap" tiles merge "$project" -q -j 2 -z "$zoom" -o "$work/one.mbtiles"
  elapsed "$m" >> "$work/one.merge.t"
  elapsed "$s" >> "$work/one.t"; sort -n "$work/one.log" | tail -1 >> "$work/one.rss-all"

  s=$(date +%s.%N)
  timed "$work/two.log" "$riskmap" tiles "$project" -q -j 1 -z "$zoom" --split-zoom "$split" -o "$work/two.mbtiles" --shard 1/2 &
  timed "$work/two2.log" "$riskmap" tiles "$project" -q -j 1 -z "$zoom" --split-zoom "$split" -o "$work/two.mbtiles" --shard 2/2
  wait
  cat "$work/two2.log" >> "$work/two.log"
  m=$(date +%s.%N); elapsed "$s" >> "$work/two.shards.t"
  timed "$work/two.log" "$riskmap" tiles merge "$project" -q -j 2 -z "$zoom" -o "$work/two.mbtiles"
  elapsed "$m" >> "$work/two.merge.t"
  elapsed "$s" >> "$work/two.t"; sort -n "$work/two.log" | tail -1 >> "$work/two.rss-all"

  # The three ways make the same tiles.
  for f in one two; do
    d=$(sqlite3 "$work/$f.mbtiles" "ATTACH '$work/single.mbtiles' AS s; SELECT count(*) FROM (SELECT * FROM tiles EXCEPT SELECT * FROM s.tiles)")
    [ "$d" -eq 0 ] || { echo "shard-benchmarks: $f differs from the single run in $d tiles" >&2; exit 1; }
  done
done
tiles=$(sqlite3 "$work/single.mbtiles" 'SELECT count(*) FROM tiles')
echo "sample county z$zoom, $tiles tiles, split zoom $split, $runs runs, $(nproc) cores"
echo "| run | wall s (min / median / max) | of which shards | of which merge | peak RSS MiB of the largest process (min / median / max) |"
echo "|---|---|---|---|---|"
for f in single one two; do
  case $f in single) name="1 process, -j 2";; one) name="1 shard (-j 2) + merge";; two) name="2 shards side by side (-j 1 each) + merge";; esac
  parts="- | -"
  [ "$f" = single ] || parts="$(stats < "$work/$f.shards.t") | $(stats < "$work/$f.merge.t")"
  echo "| $name | $(stats < "$work/$f.t") | $parts | $(awk '{printf "%.0f\n", $1/1024}' "$work/$f.rss-all" | stats) |"
done
