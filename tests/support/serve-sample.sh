# Sourced by the tests that drive a real `riskmap serve` (bash, set -euo pipefail):
# makes `work`, a temporary directory, and the EXIT trap that stops the server
# (`server`, set by serve_project) and removes `work`, whatever happens.
work=$(mktemp -d)
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

# prepare_sample RISKMAP SOURCE_DIR WORK: a private copy of the sample county
# imported and assessed into WORK (project WORK/project.toml, library WORK/one.gpkg).
prepare_sample() {
  local riskmap=$1 source=$2 work=$3
  sed -e "s|library = \"[^\"]*\"|library = \"$work/one.gpkg\"|" \
      -e "s|source = \"|source = \"$source/data/sample_county/|" \
      "$source/data/sample_county/project.toml" > "$work/project.toml"
  "$riskmap" import -q "$work/project.toml"
  "$riskmap" assess -q "$work/project.toml"
}

# serve_project RISKMAP WORK [SERVE OPTIONS...]: `riskmap serve` on WORK/project.toml on a
# free loopback port with the options, logging to WORK/serve.log; sets `server` (its pid,
# for the caller's trap) and `url` (http://127.0.0.1:PORT). Not starting fails the test.
serve_project() {
  local riskmap=$1 work=$2
  shift 2
  "$riskmap" serve "$work/project.toml" --port 0 "$@" > "$work/serve.log" 2>&1 &
  server=$!
  for _ in $(seq 100); do
    grep -q "serving" "$work/serve.log" && break
    kill -0 "$server" 2>/dev/null || { cat "$work/serve.log"; exit 1; }
    sleep 0.1
  done
  url=$(grep -o 'http://[0-9.]*:[0-9]*' "$work/serve.log" | head -1)
  [ -n "$url" ] || { echo "server did not start:"; cat "$work/serve.log"; exit 1; }
}
