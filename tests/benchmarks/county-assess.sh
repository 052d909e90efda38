#!/usr/bin/env bash
# Wall time of a province's county step: `riskmap assess --county CODE` for
# every county of the synthetic province (riskmap-sample-county --counties N)
# started at once (as a Slurm array starts them, examples/province-slurm/),
# each with --wait 600, until the last one ends; into a GeoPackage and into
# PostGIS (a throw-away server of tests/postgis/pg-server.sh). Two riskmap
# binaries compared (before: counties take turns for their whole run; after:
# they compute at once and take turns only to write). Three runs each:
# min / median / max seconds. Figures: docs/performance.md.
#   tests/benchmarks/county-assess.sh BEFORE_RISKMAP AFTER_RISKMAP GENERATOR "2 4"
set -euo pipefail
before=${1:?riskmap binary, before} after=${2:?riskmap binary, after} generator=${3:?riskmap-sample-county binary}
sizes=${4:-"2"}
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/riskmap-county-assess.XXXXXX)
state=$work/pg.state
trap '"$here/postgis/pg-server.sh" stop "$state"; rm -rf "$work"' EXIT
"$here/postgis/pg-server.sh" start "$state" >/dev/null
dsn=$(sed -n 's/^dsn=//p' "$state")

# Every county's assess at once, once: wall seconds.
at_once() {
  local riskmap=$1 toml=$2 s e pids=()
  shift 2
  s=$(date +%s.%N)
  for c in "$@"; do "$riskmap" --wait 600 assess -q "$toml" --county "$c" >/dev/null 2>&1 & pids+=($!); done
  for p in "${pids[@]}"; do wait "$p" || echo "assess --county failed ($riskmap $toml)" >>"$work/failed"; done
  e=$(date +%s.%N)
  echo "$e - $s" | bc
}
three() {
  local t=()
  for _ in 1 2 3; do t+=("$(at_once "$@")"); done
  [ ! -e "$work/failed" ] || { cat "$work/failed" >&2; exit 1; }
  printf '%s\n' "${t[@]}" | sort -n | tr '\n' ' ' | awk '{printf "%.2f / %.2f / %.2f", $1, $2, $3}'
}

printf '| counties | library | before: turns (s) | after: at once (s) |\n|---|---|---|---|\n'
for n in $sizes; do
  dir=$work/n$n
  "$generator" "$dir" --counties "$n" >/dev/null
  codes=$(python3 -c 'import json,sys; print(" ".join(c["adcode"] for c in json.load(open(sys.argv[1]))["county_list"]))' "$dir/summary.json")
  sed 's#^library = .*#library = "out/bench.gpkg"#' "$dir/project.toml" >"$dir/gpkg.toml"
  sed "s#^library = .*#library = \"$dsn\"#" "$dir/project.toml" >"$dir/pg.toml"
  for lib in gpkg pg; do
    "$after" import -q "$dir/$lib.toml" >/dev/null
    # shellcheck disable=SC2086
    b=$(three "$before" "$dir/$lib.toml" $codes)
    # shellcheck disable=SC2086
    a=$(three "$after" "$dir/$lib.toml" $codes)
    printf '| %s | %s | %s | %s |\n' "$n" "$([ $lib = pg ] && echo PostGIS || echo GeoPackage)" "$b" "$a"
  done
done
