#!/usr/bin/env bash
# QGIS connects by WMTS: a private copy of the sample county imported and
# assessed, `riskmap serve` started on it on a free port (tiles drawn on
# demand), and Debian's python3-qgis, headless, adding the WMTS layer in both
# tile matrix sets (check_wmts_in_qgis.py). The trap stops the server
# whatever happens. Usage: run-qgis-wmts-test.sh RISKMAP SOURCE_DIR
set -euo pipefail
riskmap=$1 source=$2
source "$source/tests/support/serve-sample.sh"  # $work, and the trap that stops the server
prepare_sample "$riskmap" "$source" "$work"
serve_project "$riskmap" "$work" --render --access-log "$work/access.log"
# Debian's interpreter: python3-qgis lives in its dist-packages, not in a pyenv or venv one.
mkdir -m 700 "$work/xdg"
QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR="$work/xdg" timeout 120 /usr/bin/python3 \
  "$source/tests/qgis/check_wmts_in_qgis.py" "$url" "$work/one.gpkg" "$source/styles" "$work"
echo "access log: $(wc -l < "$work/access.log") requests, $(grep -c '/wmts' "$work/access.log") WMTS"
