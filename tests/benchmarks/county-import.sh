#!/usr/bin/env bash
# Time of `riskmap import --county CODE` against a full import, on the
# synthetic province of N counties (riskmap-sample-county --counties N),
# into a GeoPackage and into PostGIS (a throw-away server of
# tests/postgis/pg-server.sh). Three runs each: min / median / max seconds.
# The county import replaces the first county's rows in a library that
# already holds every county (the weekly case). Figures: docs/performance.md.
#   tests/benchmarks/county-import.sh RISKMAP GENERATOR "2 10"
set -euo pipefail
riskmap=${1:?riskmap binary} generator=${2:?riskmap-sample-county binary} sizes=${3:-"2 10"}
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/riskmap-county-bench.XXXXXX)
state=$work/pg.state
trap '"$here/postgis/pg-server.sh" stop "$state"; rm -rf "$work"' EXIT
"$here/postgis/pg-server.sh" start "$state"
dsn=$(sed -n 's/^dsn=//p' "$state")

# Three timed runs of "$@": "min median max" in seconds.
three() {
  local t=()
  for _ in 1 2 3; do
    local s e
    s=$(date +%s.%N); "$@" >/dev/null 2>&1; e=$(date +%s.%N)
    t+=("$(echo "$e - $s" | bc)")
  done
  printf '%s\n' "${t[@]}" | sort -n | tr '\n' ' ' | awk '{printf "%.2f / %.2f / %.2f", $1, $2, $3}'
}

printf '| counties | library | full import (s) | county import (s) |\n|---|---|---|---|\n'
for n in $sizes; do
  dir=$work/n$n
  "$generator" "$dir" --counties "$n" >/dev/null
  code=$(sed -n 's/.*"adcode": "\([0-9]*\)".*/\1/p' "$dir/summary.json" | head -1)
  sed 's#^library = .*#library = "out/bench.gpkg"#' "$dir/project.toml" >"$dir/gpkg.toml"
  sed "s#^library = .*#library = \"$dsn\"#" "$dir/project.toml" >"$dir/pg.toml"
  for lib in gpkg pg; do
    full=$(three "$riskmap" import -q "$dir/$lib.toml")
    county=$(three "$riskmap" import -q "$dir/$lib.toml" --county "$code")
    printf '| %s | %s | %s | %s |\n' "$n" "$([ $lib = pg ] && echo PostGIS || echo GeoPackage)" "$full" "$county"
  done
done
