#!/usr/bin/env bash
# The province's tiles on a real single-node Slurm (Debian's slurm-wlm and
# munge, started here and stopped by their pid files even on failure): the
# example's shard array and dependent merge (examples/province-slurm) run on
# a project, and the merged MBTiles must equal a single-process
# `riskmap tiles` run tile for tile (same z/x/y set, same PNG bytes).
# Usage: run-slurm-test.sh RISKMAP SOURCE_DIR [PROJECT_DIR]
#   PROJECT_DIR: a folder with project.toml (default: SOURCE_DIR/data/sample_county),
#   copied, imported and assessed into a temporary folder.
# With GENERATOR set (the riskmap-sample-county binary), the project is instead a
# synthetic province of COUNTIES (2) counties, assessed on Slurm county by county
# (examples/province-slurm/submit-assess.sh: an array of `assess --county`, then
# the dependent province step), and its grades must equal a plain `assess` of a
# copy, source by source, before the tiles array runs on it.
# Settings: SHARDS (3), ZOOM (8-13), SPLIT_ZOOM (10), TIMEOUT seconds (240).
set -euo pipefail
riskmap=$(realpath "$1")
source_dir=$(realpath "$2")
project_dir=$(realpath "${3:-$source_dir/data/sample_county}")
shards=${SHARDS:-3} zoom=${ZOOM:-8-13} split=${SPLIT_ZOOM:-10} timeout=${TIMEOUT:-240}
for tool in munged mungekey slurmctld slurmd sbatch squeue scontrol sqlite3; do
  command -v "$tool" >/dev/null || { echo "run-slurm-test: $tool missing (scripts/install-deps.sh installs slurm-wlm munge sqlite3)" >&2; exit 1; }
done

work=$(mktemp -d /tmp/riskmap-slurm.XXXXXX)
chmod 755 "$work"
stop() {
  local rc=$?
  for pidfile in "$work/slurmd.pid" "$work/slurmctld.pid" "$work/munge/munged.pid"; do
    if [ -s "$pidfile" ]; then kill "$(cat "$pidfile")" 2>/dev/null || true; fi
  done
  for pidfile in "$work/slurmd.pid" "$work/slurmctld.pid" "$work/munge/munged.pid"; do
    for _ in $(seq 50); do
      if [ -s "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then sleep 0.1; else break; fi
    done
  done
  if [ $rc -ne 0 ]; then
    for log in "$work"/slurmctld.log "$work"/slurmd.log "$work"/jobs/*.out; do
      [ -f "$log" ] && { echo "--- $log"; tail -n 20 "$log"; }
    done
  fi
  [ -n "${KEEP:-}" ] || rm -rf "$work"
}
trap stop EXIT

# The project, imported (and assessed here, unless it is the province Slurm assesses).
mkdir -p "$work/data" "$work/jobs" "$work/out"
if [ -n "${GENERATOR:-}" ]; then
  "$GENERATOR" "$work/data/province" --counties "${COUNTIES:-2}" >/dev/null
  project="$work/data/province/project.toml"
else
  cp -r "$project_dir" "$work/data/"
  project="$work/data/$(basename "$project_dir")/project.toml"
  rm -rf "$(dirname "$project")/dirty"
fi
"$riskmap" import "$project" --quiet >/dev/null
[ -n "${GENERATOR:-}" ] || "$riskmap" assess "$project" --quiet >/dev/null

# munge with its own key and socket, so nothing of the machine's is touched.
mkdir -p "$work/munge"
chmod 700 "$work/munge"
mungekey --create --keyfile="$work/munge/munge.key" >/dev/null
munged --force --key-file="$work/munge/munge.key" --socket="$work/munge/munge.socket" \
  --pid-file="$work/munge/munged.pid" --log-file="$work/munge/munged.log" --seed-file="$work/munge/munged.seed"

# A one-node cluster on free ports.
host=$(hostname)
port=$((20000 + RANDOM % 20000))
cat > "$work/slurm.conf" <<CONF
ClusterName=riskmapci
SlurmctldHost=$host
SlurmctldPort=$port
SlurmdPort=$((port + 1))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$work/munge/munge.socket
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/slurmctld.log
SlurmdLogFile=$work/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MpiDefault=none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
MinJobAge=600
NodeName=$host CPUs=$(nproc) State=UNKNOWN
PartitionName=main Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
mkdir -p "$work/state" "$work/spool"
export SLURM_CONF="$work/slurm.conf"
slurmctld -f "$SLURM_CONF"
slurmd -f "$SLURM_CONF"
for _ in $(seq 60); do
  sinfo -h -o %t 2>/dev/null | grep -qE '^idle' && break
  sleep 0.5
done
sinfo -h -o %t | grep -qE '^idle' || { echo "run-slurm-test: the node did not come up idle: $(sinfo -h 2>&1)" >&2; exit 1; }

# wait_jobs IDS: until Slurm has none of the jobs queued or running (or the timeout).
wait_jobs() {
  local deadline=$((SECONDS + timeout))
  while squeue -h -j "$1" 2>/dev/null | grep -q .; do
    [ $SECONDS -lt $deadline ] || { echo "run-slurm-test: jobs $1 still queued or running after ${timeout}s" >&2; squeue >&2; exit 1; }
    sleep 1
  done
}

# The province assessed county by county on Slurm, against a plain assess of a copy.
if [ -n "${GENERATOR:-}" ]; then
  library="$(dirname "$project")/out/province.gpkg"
  mkdir -p "$work/reference/out"
  sed "s|^library = .*|library = \"$work/reference/out/province.gpkg\"|; s|source = \"|source = \"$(dirname "$project")/|" \
    "$project" > "$work/reference/project.toml"
  "$riskmap" import "$work/reference/project.toml" --quiet >/dev/null
  "$riskmap" assess "$work/reference/project.toml" --quiet >/dev/null
  python3 -c 'import json,sys; [print(c["adcode"]) for c in json.load(open(sys.argv[1]))["county_list"]]' \
    "$(dirname "$project")/summary.json" > "$work/counties.txt"
  ids=$(cd "$work/jobs" && RISKMAP="$riskmap" CPUS=1 ZONES_CPUS=$(nproc) \
    "$source_dir/examples/province-slurm/submit-assess.sh" "$project" "$work/counties.txt")
  read -r counties zones <<<"$ids"
  echo "run-slurm-test: county array $counties ($(wc -l < "$work/counties.txt") tasks), province step $zones"
  wait_jobs "$counties,$zones"
  [ "$(scontrol -o show job "$counties" | grep -c 'JobState=COMPLETED')" -eq "$(wc -l < "$work/counties.txt")" ] ||
    { echo "run-slurm-test: a county task failed" >&2; exit 1; }
  scontrol -o show job "$zones" | grep -q 'JobState=COMPLETED' || { echo "run-slurm-test: the province step failed" >&2; exit 1; }
  # Source by source: the same grade and figures as the plain assess. (A table
  # holding several geometry types is split in source_grades_points/_lines/_polygons.)
  grades_of() {
    sqlite3 "$1" "SELECT table_name FROM gpkg_contents WHERE table_name IN
      ('source_grades', 'source_grades_points', 'source_grades_lines', 'source_grades_polygons')" |
      sed "s/.*/SELECT layer, source_id, grade, figures FROM $2&/" | paste -sd'|' | sed 's/|/ UNION ALL /g'
  }
  mine=$(grades_of "$library" main.) theirs=$(grades_of "$work/reference/out/province.gpkg" ref.)
  differing=$(sqlite3 "$library" "ATTACH '$work/reference/out/province.gpkg' AS ref;
    SELECT count(*) FROM (SELECT * FROM ($mine) EXCEPT SELECT * FROM ($theirs));
    SELECT count(*) FROM (SELECT * FROM ($theirs) EXCEPT SELECT * FROM ($mine));
    SELECT count(*) FROM ($theirs);" | tr '\n' ' ')
  read -r only_slurm only_plain sources <<<"$differing"
  echo "run-slurm-test: $sources sources graded; differing from a plain assess: $only_slurm Slurm-only, $only_plain plain-only"
  [ "$sources" -gt 50 ] && [ "$only_slurm" -eq 0 ] && [ "$only_plain" -eq 0 ] ||
    { echo "run-slurm-test: the county-by-county grades differ from a plain assess" >&2; exit 1; }
  [ "$(sqlite3 "$library" "SELECT count(*) FROM gpkg_contents WHERE table_name LIKE 'risk_zones%'")" -gt 0 ] ||
    { echo "run-slurm-test: no zones" >&2; exit 1; }
fi

# The single-process reference, then the example's array + merge.
"$riskmap" tiles -q -z "$zoom" "$project" -o "$work/single.mbtiles"
out="$work/out/province.mbtiles"
ids=$(cd "$work/jobs" && RISKMAP="$riskmap" ZOOM="$zoom" SPLIT_ZOOM="$split" CPUS=1 \
  "$source_dir/examples/province-slurm/submit-tiles.sh" "$project" "$out" "$shards")
read -r array merge <<<"$ids"
echo "run-slurm-test: shards array $array ($shards tasks), merge $merge"
wait_jobs "$array,$merge"
states=$(scontrol -o show job "$array" | grep -o 'JobState=[A-Z_]*' | sort | uniq -c)
merge_state=$(scontrol -o show job "$merge" | grep -o 'JobState=[A-Z_]*')
echo "run-slurm-test: shards: $(tr -s '\n ' ' ' <<<"$states"); merge: $merge_state"
[ "$(scontrol -o show job "$array" | grep -c 'JobState=COMPLETED')" -eq "$shards" ] || { echo "run-slurm-test: a shard task failed" >&2; exit 1; }
[ "$merge_state" = JobState=COMPLETED ] || { echo "run-slurm-test: the merge job did not complete" >&2; exit 1; }
shard_files=("$work"/out/province.shard-*-of-"$shards".mbtiles)
[ "${#shard_files[@]}" -eq "$shards" ] || { echo "run-slurm-test: ${#shard_files[@]} shard files, expected $shards" >&2; exit 1; }

# Tile for tile: the same (z, x, y) keys with the same bytes, either way round.
compare() {
  sqlite3 "$out" "ATTACH '$work/single.mbtiles' AS single; $1"
}
single_tiles=$(sqlite3 "$work/single.mbtiles" 'SELECT count(*) FROM tiles')
merged_tiles=$(sqlite3 "$out" 'SELECT count(*) FROM tiles')
only_merged=$(compare 'SELECT count(*) FROM (SELECT zoom_level, tile_column, tile_row, tile_data FROM main.tiles
  EXCEPT SELECT zoom_level, tile_column, tile_row, tile_data FROM single.tiles)')
only_single=$(compare 'SELECT count(*) FROM (SELECT zoom_level, tile_column, tile_row, tile_data FROM single.tiles
  EXCEPT SELECT zoom_level, tile_column, tile_row, tile_data FROM main.tiles)')
echo "run-slurm-test: single run $single_tiles tiles, merged $merged_tiles; differing: $only_merged merged-only, $only_single single-only"
[ "$single_tiles" -gt 50 ] && [ "$merged_tiles" -eq "$single_tiles" ] && [ "$only_merged" -eq 0 ] && [ "$only_single" -eq 0 ] ||
  { echo "run-slurm-test: the merged tiles differ from the single run's" >&2; exit 1; }
# Every zoom of the range is there, those above the split drawn by the merge.
[ "$(sqlite3 "$out" 'SELECT count(DISTINCT zoom_level) FROM tiles')" -eq $(( ${zoom#*-} - ${zoom%-*} + 1 )) ]
echo "run-slurm-test: ok"
