#!/usr/bin/env bash
# The province's tiles on Slurm: N shard tasks as one job array, then the
# merge once they all succeeded. Prints the two job ids.
# Usage: submit-tiles.sh PROJECT.toml OUT.mbtiles [SHARDS]
# Settings (environment): ZOOM (8-16), SPLIT_ZOOM (riskmap's default),
# CPUS per task (4), RISKMAP (riskmap on PATH), SBATCH_ARGS (e.g. "-p main").
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
[ $# -ge 2 ] || { echo "usage: $0 PROJECT.toml OUT.mbtiles [SHARDS]" >&2; exit 1; }
PROJECT=$(realpath "$1")
OUT=$(realpath -m "$2")
export PROJECT OUT
export ZOOM=${ZOOM:-8-16} SPLIT_ZOOM=${SPLIT_ZOOM:-} RISKMAP=${RISKMAP:-riskmap}
shards=${3:-${SHARDS:-8}}
cpus=${CPUS:-4}
# shellcheck disable=SC2086 # SBATCH_ARGS is a list of options
array=$(sbatch --parsable ${SBATCH_ARGS:-} --cpus-per-task="$cpus" --array=1-"$shards" "$here/tiles-shard.sbatch")
array=${array%%;*}
# shellcheck disable=SC2086
merge=$(sbatch --parsable ${SBATCH_ARGS:-} --cpus-per-task="$cpus" --dependency=afterok:"$array" \
  --kill-on-invalid-dep=yes "$here/tiles-merge.sbatch")
echo "${array} ${merge%%;*}"
