#!/usr/bin/env bash
# Man pages from the built riskmap's own --help: riskmap(1) and riskmap-SUB(1)
# for each subcommand, gzipped as Debian installs them.
# Usage: gen-man.sh RISKMAP_BINARY OUTDIR
# help2man when it is there (Debian: help2man); otherwise a plain page with
# the help text verbatim.
set -euo pipefail
riskmap=$(readlink -f "$1")
out=$2
here=$(cd "$(dirname "$0")" && pwd)
. "$here/subcommands.sh"
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
version=$("$riskmap" --version | awk '{print $2}')
date=$(date -u -d "@${SOURCE_DATE_EPOCH:-$(stat -c %Y "$riskmap")}" +%Y-%m-%d)

# page NAME DESCRIPTION SEE_ALSO ARGS...: one page for "riskmap ARGS".
page() {
  local name=$1 description=$2 see_also=$3; shift 3
  local wrapper=$work/$name
  # help2man names the page after the first word --version prints.
  printf '#!/usr/bin/env bash\n[ "${1:-}" = --version ] && { echo "%s %s"; exit 0; }\nexec -a riskmap %q %s "$@"\n' \
    "$name" "$version" "$riskmap" "$*" > "$wrapper"
  chmod +x "$wrapper"
  { [ "$name" = riskmap ] && cat "$here/riskmap.h2m"; printf '[SEE ALSO]\n%s\n' "$see_also"; } > "$work/$name.h2m"
  if command -v help2man >/dev/null 2>&1; then
    help2man --no-info --no-discard-stderr --section=1 --source="riskmap $version" --manual="riskmap manual" \
      --name="$description" --include="$work/$name.h2m" --output="$work/$name.1" "$wrapper"
  else
    { printf '.TH %s 1 "%s" "riskmap %s" "riskmap manual"\n.SH NAME\n%s \\- %s\n.SH DESCRIPTION\n.nf\n' \
        "${name^^}" "$date" "$version" "$name" "$description"
      "$wrapper" --help | sed 's/\\/\\e/g; s/^\./\\\&./'
      printf '.fi\n.SH "SEE ALSO"\n%s\n' "$see_also"; } > "$work/$name.1"
  fi
  gzip -9nc "$work/$name.1" > "$out/$name.1.gz"
}

see=""
while IFS=$'\t' read -r sub _; do see+="${see:+, }riskmap-$sub(1)"; done < <(subcommands)
page riskmap "four-colour safety-risk maps for work-safety regulators" "$see"
while IFS=$'\t' read -r sub description; do
  page "riskmap-$sub" "$description" "riskmap(1)" "$sub"
done < <(subcommands)
