#!/usr/bin/env bash
# The one library in QGIS: the sample county imported and assessed into a
# temporary folder, then opened headless with Debian's python3-qgis
# (check_library_in_qgis.py). Usage: run-qgis-test.sh RISKMAP SOURCE_DIR
set -euo pipefail
riskmap=$1
source_dir=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/data"
cp -r "$source_dir/data/sample_county" "$work/data/"
rm -rf "$work/data/sample_county/dirty"
"$riskmap" import "$work/data/sample_county/project.toml" --quiet >/dev/null
"$riskmap" assess "$work/data/sample_county/project.toml" --quiet >/dev/null
# Debian's interpreter: python3-qgis lives in its dist-packages, not in a pyenv or venv one.
QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR="$work" /usr/bin/python3 "$source_dir/tests/qgis/check_library_in_qgis.py" \
  "$work/out/sample_county/jiangcheng.gpkg" "$work/data/sample_county" "$source_dir/styles" "$work"
