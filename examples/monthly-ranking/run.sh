#!/usr/bin/env bash
# 周晾晒、月排名 on the sample county: thirteen weekly snapshots and three
# monthly ones of the hidden-danger register over two assessment periods,
# the townships ranked by week and by month, and what changed in November.
set -euo pipefail
cd "$(dirname "$0")/../.."
riskmap=build/engine/cli/riskmap
here=examples/monthly-ranking
out=out/monthly-ranking
mkdir -p "$out"
rm -f "$out/jiangcheng_periods.gpkg"   # the snapshots are rebuilt from the start

# First period: the county as generated (weeks 36-44, September and October).
"$riskmap" import -q "$here/period1.toml"
"$riskmap" assess -q "$here/period1.toml" --period 2026-09
"$riskmap" snapshot "$here/period1.toml" --period 2026-10
for w in 36 37 38 39 40 41 42 43 44; do "$riskmap" snapshot "$here/period1.toml" --period "2026-W$w" >/dev/null; done

# Second period: a plant relocated, a new black spot (weeks 45-48, November).
"$riskmap" import -q "$here/period2.toml"
"$riskmap" assess -q "$here/period2.toml" --period 2026-11
for w in 45 46 47 48; do "$riskmap" snapshot "$here/period2.toml" --period "2026-W$w" >/dev/null; done

"$riskmap" rank "$here/period2.toml" --period 2026-11 --out "$out"
"$riskmap" rank "$here/period2.toml" --period 2026-W48 --out "$out"
"$riskmap" compare "$here/period2.toml" --from 2026-10 --to 2026-11 --out "$out"
