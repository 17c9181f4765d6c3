#!/usr/bin/env bash
# Runs the shell examples of the documentation and compares their output with what the docs show,
# so the docs cannot drift from the binary.
#
#   tests/docs/run_examples.sh QUALIFY_BINARY [DOC.md ...]    (default: README.md docs/*.md)
#
# In a ```console block, a line starting with `$ ` is a command (a line ending with `\` continues
# on the next one); the lines up to the next command are its expected stdout and stderr, merged.
# A line that is exactly `...` stands for any number of lines. The command must exit 0, unless
# it ends with a comment `# exit N`.
#
# Each document runs, top to bottom, in its own scratch folder holding a copy of policies/,
# examples/ and docs/, with `qualify` and `build/qualify` both being the binary under test. A
# fenced block whose info string has `file=NAME` (```qpl file=brightdesk.qpl) is written there
# as NAME when the walk reaches it, so a tutorial can save a file and then run a command on it.
# Such a saved policy (```qpl file=NAME.qpl) must also be in the canonical layout, since readers
# copy it: `qualify fmt --check NAME.qpl` must pass (issue 20).
set -u
export LC_ALL=C.UTF-8 TZ=UTC NO_COLOR=1

if [ $# -lt 1 ]; then
  echo "usage: $0 QUALIFY_BINARY [DOC.md ...]" >&2
  exit 2
fi
binary=$(realpath "$1")
shift
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root" || exit 2
if [ $# -eq 0 ]; then set -- README.md docs/*.md; fi

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
failures=0
examples=0

# True when the actual output (file $1) matches the expected lines (file $2), where a line `...`
# matches any run of lines (leftmost-first glob matching, which is exact for this pattern shape).
matches() {
  awk '
    FNR == NR { actual[++na] = $0; next }
    { expected[++ne] = $0 }
    END {
      # Segments of expected lines between `...` markers.
      ns = 1; seg_start[1] = 1; leading = (ne > 0 && expected[1] == "...")
      for (i = 1; i <= ne; i++) if (expected[i] == "...") { seg_end[ns] = i - 1; seg_start[++ns] = i + 1 }
      seg_end[ns] = ne
      trailing = (ne > 0 && expected[ne] == "...")
      if (ns == 1) {                                  # no wildcard: exact
        if (na != ne) exit 1
        for (i = 1; i <= ne; i++) if (actual[i] != expected[i]) exit 1
        exit 0
      }
      pos = 1
      for (s = 1; s <= ns; s++) {
        len = seg_end[s] - seg_start[s] + 1
        if (len <= 0) continue
        if (s == 1 && !leading) { start = 1; last = 1 }
        else if (s == ns && !trailing) { start = na - len + 1; last = start; if (start < pos) exit 1 }
        else { start = pos; last = na - len + 1 }
        found = 0
        for (p = start; p <= last && !found; p++) {
          ok = 1
          for (k = 0; k < len; k++) if (actual[p + k] != expected[seg_start[s] + k]) { ok = 0; break }
          if (ok) { found = 1; pos = p + len }
        }
        if (!found) exit 1
      }
      exit 0
    }' "$1" "$2"
}

# Runs one example: $1 workdir, $2 doc, $3 line, $4 command, $5 expected-output file.
run_example() {
  local work=$1 doc=$2 line=$3 command=$4 expected=$5 want=0 status
  if [[ $command =~ \#[[:space:]]*exit[[:space:]]+([0-9]+)[[:space:]]*$ ]]; then
    want=${BASH_REMATCH[1]}
  fi
  examples=$((examples + 1))
  (cd "$work" && PATH="$work/.bin:$PATH" timeout 60 bash -c "$command") >"$scratch/actual" 2>&1 </dev/null
  status=$?
  if [ "$status" -ne "$want" ] || ! matches "$scratch/actual" "$expected"; then
    failures=$((failures + 1))
    echo "FAIL $doc:$line: \$ $command"
    echo "  exit status $status (expected $want); output differs from the doc:"
    diff "$expected" "$scratch/actual" | sed 's/^/  /' | head -40
  fi
}

# A policy the docs save must be formatted: $1 workdir, $2 doc, $3 line, $4 file.
check_formatted() {
  examples=$((examples + 1))
  if ! (cd "$1" && "$binary" fmt --check "$4") >"$scratch/actual" 2>&1; then
    failures=$((failures + 1))
    echo "FAIL $2:$3: $4 is not formatted (qualify fmt --check):"
    sed 's/^/  /' "$scratch/actual" | head -40
  fi
}

for doc in "$@"; do
  work="$scratch/$(basename "$doc" .md)"
  mkdir -p "$work/.bin" "$work/build"
  for dir in policies examples docs; do cp -R "$root/$dir" "$work/"; done
  ln -s "$binary" "$work/.bin/qualify"
  ln -s "$binary" "$work/build/qualify"

  in_block=0 info="" file="" kind="" command="" command_line=0 continuing=0 number=0
  : >"$scratch/expected"
  while IFS= read -r text || [ -n "$text" ]; do
    number=$((number + 1))
    if [ $in_block -eq 0 ]; then
      if [[ $text =~ ^\`\`\`(.*)$ ]]; then
        in_block=1 info=${BASH_REMATCH[1]} file="" kind=other command=""
        [[ $info =~ (^|[[:space:]])file=([^[:space:]]+) ]] && file=${BASH_REMATCH[2]} && : >"$work/$file"
        [[ $info =~ ^console ]] && kind=console
      fi
      continue
    fi
    if [[ $text == '```' ]]; then
      in_block=0
      if [[ $info =~ ^qpl && $file == *.qpl ]]; then check_formatted "$work" "$doc" "$number" "$file"; fi
      if [ -n "$command" ]; then run_example "$work" "$doc" "$command_line" "$command" "$scratch/expected"; fi
      command=""
      continue
    fi
    [ -n "$file" ] && printf '%s\n' "$text" >>"$work/$file"
    [ "$kind" = console ] || continue
    if [ $continuing -eq 1 ]; then
      command+=$'\n'"$text"
      [[ $text == *\\ ]] || continuing=0
    elif [[ $text == '$ '* ]]; then
      if [ -n "$command" ]; then run_example "$work" "$doc" "$command_line" "$command" "$scratch/expected"; fi
      command=${text#\$ } command_line=$number
      : >"$scratch/expected"
      [[ $text == *\\ ]] && continuing=1
    elif [ -n "$command" ]; then
      printf '%s\n' "$text" >>"$scratch/expected"
    fi
  done <"$doc"
  if [ $in_block -eq 1 ]; then
    echo "FAIL $doc: a fenced block is not closed"
    failures=$((failures + 1))
  fi
done

echo "$examples examples run, $failures failed"
[ "$failures" -eq 0 ]
