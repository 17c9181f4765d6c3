#!/usr/bin/env bash
# Checks that two qualify binaries give byte-identical `eval` outputs (plain, --explain,
# --explain=tree, --why-not, --format csv, CSV input) on the speed-limit policy and leads: the
# guard for speed work, which must change no output byte. See bench/README.md.
#
#   bench/same_outputs.sh BEFORE AFTER LEADS.ndjson [POLICY]
#
# LEADS.csv, next to LEADS.ndjson, is used too when it exists. Reference outputs of BEFORE are
# cached next to the leads (BEFORE's path and size are part of the key), so a series of changes
# checked against one BEFORE runs it once.
set -euo pipefail
[[ $# -ge 3 ]] || { sed -n 2,10p "$0"; exit 2; }
before=$1 after=$2 leads=$3
policy=${4:-/work/shared/bench/reference.qpl}
as_of=2026-11-01
key=$(printf '%s %s %s' "$before" "$(stat -c %s%Y "$before")" "$policy" | md5sum | cut -c1-12)
cache=$(dirname "$leads")/same-outputs-$key
mkdir -p "$cache"
csv=${leads%.ndjson}.csv

modes=(plain explain tree why_not format_csv)
[[ -f $csv ]] && modes+=(csv_input)
args() {  # args MODE: the eval arguments of a mode
  case $1 in
    plain) echo "$leads" ;;
    explain) echo "$leads --explain" ;;
    tree) echo "$leads --explain=tree --format ndjson" ;;
    why_not) echo "$leads --why-not sql" ;;
    format_csv) echo "$leads --format csv" ;;
    csv_input) echo "$csv" ;;
  esac
}
status=0
for mode in "${modes[@]}"; do
  # shellcheck disable=SC2046 # the arguments are split on purpose
  if [[ ! -s $cache/$mode.out ]]; then
    "$before" eval "$policy" $(args "$mode") --as-of "$as_of" >"$cache/$mode.part" 2>&1 || true
    mv "$cache/$mode.part" "$cache/$mode.out"
  fi
  # shellcheck disable=SC2046
  "$after" eval "$policy" $(args "$mode") --as-of "$as_of" >"$cache/$mode.after" 2>&1 || true
  if cmp -s "$cache/$mode.out" "$cache/$mode.after"; then
    echo "$mode: identical ($(wc -l <"$cache/$mode.out") lines)"
  else
    echo "$mode: DIFFERENT: diff $cache/$mode.out $cache/$mode.after"
    status=1
  fi
  rm -f "$cache/$mode.after"
done
exit $status
