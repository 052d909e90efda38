#!/usr/bin/env bash
# Installs the Debian packages riskmap builds and tests with. Idempotent: it
# asks apt only for what is missing, so a second run costs a dpkg query.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config
  libgdal-dev gdal-bin libproj-dev proj-data libgeos-dev libsqlite3-dev sqlite3
  libboost-dev libcairo2-dev libpango1.0-dev libfreetype-dev libfontconfig-dev fonts-noto-cjk
  libxml2-utils
  libtomlplusplus-dev nlohmann-json3-dev libcli11-dev
  libgtest-dev googletest poppler-utils libssl-dev libpng-dev
  chromium help2man
  slurm-wlm munge
  python3-qgis qgis-providers python3-gdal
  postgresql-15 postgresql-15-postgis-3 libpq-dev
)
# Node.js and npm install the viewer's Leaflet; any Node >= 18 will do, so
# Debian's is asked for only when none is there.
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
echo "install-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
