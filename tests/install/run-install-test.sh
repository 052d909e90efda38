#!/usr/bin/env bash
# The installed package as a county office would use it on its own server:
# build the .debs with CPack, unpack them into a fresh root (dpkg-deb -x, so
# the machine is not altered), hide the source and build trees (a private
# mount namespace with empty tmpfs over both), and from a directory that is
# not the checkout run import, assess, render, poster, tiles and serve on a
# copy of the sample county, check the man pages and completion, and build
# examples/embed against the installed riskmap-dev.
#
# Usage: run-install-test.sh BUILD_DIR SOURCE_DIR      (root, for the mount namespace)
# Environment it documents: PATH gains <root>/usr/bin, and nothing else; riskmap
# finds its data as ../share/riskmap beside itself.
set -euo pipefail

if [ "${1:-}" != --inner ]; then
  build=$(readlink -f "$1")
  source=$(readlink -f "$2")
  tmp=$(mktemp -d /tmp/riskmap-install-test.XXXXXX)
  trap 'rm -rf "$tmp"' EXIT
  start=$(date +%s)
  echo "== the build tree's riskmap uses the checkout's data (riskmap-build-tree.txt beside it)"
  "$build/engine/cli/riskmap" paths | grep -q "^rules *$source/layers$" || { echo "FAIL: build tree rules"; exit 1; }
  "$build/engine/cli/riskmap" paths | grep -q "from: build tree" || { echo "FAIL: build tree paths"; exit 1; }
  echo "== cpack into $tmp/pkg"
  cpack --config "$build/CPackConfig.cmake" -B "$tmp/pkg" >"$tmp/cpack.log" 2>&1 || { cat "$tmp/cpack.log"; exit 1; }
  ls -l "$tmp"/pkg/*.deb
  deb=$(ls "$tmp"/pkg/riskmap_*.deb)
  dpkg-deb -f "$deb" Depends | tee "$tmp/depends"
  for p in libgdal32 libgeos-c1v5 libcairo2 libpango-1.0-0 fonts-noto-cjk; do
    grep -q "$p" "$tmp/depends" || { echo "FAIL: Depends lacks $p"; exit 1; }
  done
  for d in "$tmp"/pkg/*.deb; do dpkg-deb -x "$d" "$tmp/root"; done
  # The sample county, generated at build time into the source tree, copied
  # with the layout its project file expects (library at ../../out/).
  mkdir -p "$tmp/office/data"
  cp -r "$source/data/sample_county" "$tmp/office/data/"
  rm -rf "$tmp/office/data/sample_county/dirty"
  cp "$0" "$tmp/inner.sh"
  if unshare -m --propagation private true 2>/dev/null; then
    unshare -m --propagation private bash "$tmp/inner.sh" --inner "$tmp" "$source" "$build"
  else
    echo "note: no mount namespace (not root?): the source tree is not hidden, only not used"
    bash "$tmp/inner.sh" --inner "$tmp" "" ""
  fi
  echo "== install test passed in $(( $(date +%s) - start )) s"
  exit 0
fi

# --- inner: the source and build trees hidden --------------------------------
tmp=$2 source=$3 build=$4
if [ -n "$source" ]; then
  mount -t tmpfs none "$build"    # first: it may lie inside the source tree
  mount -t tmpfs none "$source"
  [ -z "$(ls -A "$source")" ] || { echo "FAIL: source tree still visible"; exit 1; }
fi
export PATH="$tmp/root/usr/bin:$PATH"
unset RISKMAP_DATA_DIR RISKMAP_RULES_DIR RISKMAP_STYLES_DIR RISKMAP_VIEWER_DIR
cd "$tmp/office"
project=data/sample_county/project.toml
out=out/sample_county
fail() { echo "FAIL: $*"; exit 1; }
step() { echo "== $*"; }

step "riskmap --version, on a subcommand too, and paths"
[ "$(command -v riskmap)" = "$tmp/root/usr/bin/riskmap" ] || fail "riskmap is not the unpacked one"
riskmap --version | grep -qx "riskmap [0-9.]*" || fail "riskmap --version"
riskmap assess --version | grep -qx "riskmap [0-9.]*" || fail "riskmap assess --version"
riskmap paths | tee "$tmp/paths.txt"
grep -q "^data_dir *$tmp/root/usr/share/riskmap$" "$tmp/paths.txt" || fail "data dir is not ../share/riskmap"
grep -q "beside the executable" "$tmp/paths.txt" || fail "data dir not found beside the executable"
for f in layers/hazard_sources/gb18218.toml styles/default.json styles/palette.toml styles/poster.toml viewer/index.html; do
  [ -f "$tmp/root/usr/share/riskmap/$f" ] || fail "not installed: share/riskmap/$f"
done

step "a bare copy of the binary: no data found, then RISKMAP_DATA_DIR, then options alone"
mkdir -p "$tmp/bare/bin" "$tmp/mine"
cp "$tmp/root/usr/bin/riskmap" "$tmp/bare/bin/"
bare=$tmp/bare/bin/riskmap
rc=0; "$bare" paths >/dev/null 2>&1 || rc=$?
[ $rc = 1 ] || fail "riskmap paths without data: exit $rc, not 1"
rc=0; "$bare" assess "$project" 2>"$tmp/err.txt" || rc=$?
[ $rc = 1 ] && grep -q "RISKMAP_DATA_DIR" "$tmp/err.txt" || fail "assess without data: exit $rc, $(cat "$tmp/err.txt")"
RISKMAP_DATA_DIR=$tmp/root/usr/share/riskmap "$bare" paths | grep -q "from: RISKMAP_DATA_DIR" || fail "RISKMAP_DATA_DIR not used"
# The office's own styles folder and viewer copy, named by options only.
cp -r "$tmp/root/usr/share/riskmap/styles" "$tmp/root/usr/share/riskmap/viewer" "$tmp/root/usr/share/riskmap/layers" "$tmp/mine/"

step "man pages and bash completion"
for p in riskmap riskmap-import riskmap-assess riskmap-render riskmap-poster riskmap-tiles riskmap-serve riskmap-paths; do
  zcat "$tmp/root/usr/share/man/man1/$p.1.gz" | grep -q '^\.SH' || fail "man page $p(1)"
done
zcat "$tmp/root/usr/share/man/man1/riskmap-tiles.1.gz" | grep -q 'tile\\-size' || fail "riskmap-tiles(1) lacks --tile-size"
bash -c ". $tmp/root/usr/share/bash-completion/completions/riskmap
  COMP_WORDS=(riskmap ass); COMP_CWORD=1; _riskmap; [ \"\${COMPREPLY[*]}\" = assess ]
  COMP_WORDS=(riskmap tiles --tile-s); COMP_CWORD=2; _riskmap; [ \"\${COMPREPLY[*]}\" = --tile-size ]
  COMP_WORDS=(riskmap tiles --tile-m); COMP_CWORD=2; _riskmap; [ \"\${COMPREPLY[*]}\" = --tile-matrix ]" || fail "completion"

step "import, assess"
riskmap import -q "$project" >/dev/null
riskmap assess -q "$project" >"$tmp/assess.txt" || { cat "$tmp/assess.txt"; fail "assess"; }
grep -q "four-colour map" "$tmp/assess.txt" || fail "assess drew no four-colour map"
[ -f data/sample_county/sources.csv ] || fail "assess wrote no sources.csv"

step "render, poster, tiles"
riskmap render "$project" -o "$out/map.png" --width 800 >/dev/null
riskmap poster "$project" --paper A4 -q -o "$out/poster.pdf" >/dev/null
riskmap tiles "$project" -z 8-10 -q >/dev/null
for f in map.png poster.pdf jiangcheng.mbtiles; do [ -s "$out/$f" ] || fail "no $out/$f"; done
head -c 4 "$out/poster.pdf" | grep -q '%PDF' || fail "poster is not a PDF"

step "serve"
riskmap serve "$project" --port 0 >"$tmp/serve.txt" 2>&1 &
server=$!
for _ in $(seq 100); do grep -q "serving" "$tmp/serve.txt" && break; sleep 0.1; done
url=$(grep -o 'http://[0-9.:]*/' "$tmp/serve.txt") || { cat "$tmp/serve.txt"; kill "$server"; fail "serve did not start"; }
ok=1
curl -fsS "$url" | grep -qi "<html" || ok=0
curl -fsS "${url}leaflet/leaflet.js" >/dev/null || ok=0
curl -fsS "${url}api/legend" | grep -q "#" || ok=0
kill "$server"; wait "$server" || true
[ $ok = 1 ] || fail "serve: viewer, Leaflet or legend not served"

step "serve from the bare binary with --style and --viewer-dir only"
"$bare" serve "$project" --port 0 --style "$tmp/mine/styles/default.json" --viewer-dir "$tmp/mine/viewer" >"$tmp/serve2.txt" 2>&1 &
server=$!
for _ in $(seq 100); do grep -q "serving" "$tmp/serve2.txt" && break; sleep 0.1; done
url=$(grep -o 'http://[0-9.:]*/' "$tmp/serve2.txt") || { cat "$tmp/serve2.txt"; kill "$server"; fail "serve --style --viewer-dir did not start"; }
ok=1
curl -fsS "${url}api/legend" | grep -q "#" || ok=0
kill "$server"; wait "$server" || true
[ $ok = 1 ] || fail "serve --style --viewer-dir: no legend"
"$bare" render "$project" --style "$tmp/mine/styles/default.json" -o "$out/mine.png" --width 400 >/dev/null || fail "render --style"
"$bare" assess -q --rules-dir "$tmp/mine/layers" "$project" >/dev/null || fail "assess --rules-dir"

step "examples/embed against the installed riskmap-dev"
cmake -S "$tmp/root/usr/share/doc/riskmap/examples/embed" -B "$tmp/embed" -DCMAKE_PREFIX_PATH="$tmp/root/usr" >"$tmp/embed.log" 2>&1 \
  && cmake --build "$tmp/embed" >>"$tmp/embed.log" 2>&1 || { cat "$tmp/embed.log"; fail "examples/embed did not build"; }
"$tmp/embed/grade_plant" | tee "$tmp/grade.txt"
grep -q "level [1-4]" "$tmp/grade.txt" || fail "grade_plant graded nothing"
