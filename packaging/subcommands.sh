# Sourced: the subcommands of "$riskmap" and their one-line descriptions, read
# from its own --help, so the man pages and the completion cannot drift from it.
subcommands() {  # prints "name<TAB>description" lines
  "$riskmap" --help | awk '/^Subcommands:/ {on = 1; next} on && /^  [a-z]/ {name = $1; sub(/^  [a-z]+ +/, ""); print name "\t" $0}'
}
