#!/usr/bin/env bash
# The province's assessment on Slurm: one array task per county code in
# COUNTIES.txt, then the province's zones once all succeeded.
# Usage: submit-assess.sh PROJECT.toml COUNTIES.txt
# Settings (environment): CPUS per county task (2), ZONES_CPUS for the province step (4; at most a
# node's CPUs, or Slurm keeps it pending), RISKMAP, SBATCH_ARGS, FINAL_STEP (see province-zones.sbatch).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
[ $# -eq 2 ] || { echo "usage: $0 PROJECT.toml COUNTIES.txt" >&2; exit 1; }
PROJECT=$(realpath "$1")
COUNTIES=$(realpath "$2")
export PROJECT COUNTIES RISKMAP=${RISKMAP:-riskmap}
counties=$(grep -c '[^[:space:]]' "$COUNTIES")
[ "$counties" -gt 0 ] || { echo "$COUNTIES: no county codes" >&2; exit 1; }
# shellcheck disable=SC2086
array=$(sbatch --parsable ${SBATCH_ARGS:-} --cpus-per-task="${CPUS:-2}" --array=1-"$counties" "$here/assess-county.sbatch")
array=${array%%;*}
# shellcheck disable=SC2086
zones=$(sbatch --parsable ${SBATCH_ARGS:-} --cpus-per-task="${ZONES_CPUS:-4}" --dependency=afterok:"$array" \
  --kill-on-invalid-dep=yes \
  "$here/province-zones.sbatch")
echo "${array} ${zones%%;*}"
