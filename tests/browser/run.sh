#!/usr/bin/env bash
# `qualify report` pages in headless Chromium (check_report.js): the bundled Acme leads, a report
# with an outcome, and a policy whose name holds markup. Screenshots are left in OUT_DIR.
# Usage: run.sh /path/to/qualify OUT_DIR
set -uo pipefail
qualify=$(realpath "$1")
out=$2
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
mkdir -p "$out"
cd "$repo"
status=0
check() {
  local name=$1
  shift
  "$qualify" report "$@" -o "$out/$name.html" </dev/null 2>"$out/$name.err"
  local s=$?
  if [[ $s -gt 1 ]]; then
    echo "FAIL: $name: qualify report exited $s: $(head -c 300 "$out/$name.err")"
    status=1
    return
  fi
  node "$here/check_report.js" "$out/$name.html" "$out/$name.png"
  local c=$?
  [[ $c == 77 ]] && exit 77  # no Chromium: skipped, said by check_report.js
  [[ $c == 0 ]] || { echo "FAIL: $name"; status=1; }
}
check acme policies/acme.qpl examples/acme_leads.ndjson --as-of 2026-11-01
check outcome tests/e2e/data/mini.qpl tests/e2e/data/report/leads.csv --outcome Won
check markup tests/e2e/data/report/outcome_in_policy.qpl tests/e2e/data/report/status.ndjson --outcome "Status=Closed Won"
exit $status
