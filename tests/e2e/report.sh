#!/usr/bin/env bash
# End-to-end tests of `qualify report`: whole JSON reports compared with tests/e2e/expected/report;
# the figures recomputed independently from `eval` results; the HTML escaped and self-contained;
# bad input; and, when ../shared/data is there, X Education's conversion per stage against the
# table of docs/data.md.
# Usage: report.sh /path/to/qualify [CASE]   (QUALIFY_BLESS=1 rewrites the expected files)
set -uo pipefail
qualify=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
source "$here/cases.sh"
repo=$(cd "$here/../.." && pwd)
cd "$repo"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# expect NAME STATUS EXPECTED_STDOUT|- -- ARGS...: runs `qualify ARGS`, checks status and stdout.
expect() {
  local name=$1 status=$2 expected=$3
  shift 4
  "$qualify" "$@" </dev/null >"$work/out" 2>"$work/err"
  local actual=$?
  [[ $actual == "$status" ]] || fail "$name: exit status $actual, expected $status ($(head -c 300 "$work/err"))"
  [[ $expected == - ]] && return
  if [[ ${QUALIFY_BLESS:-} == 1 ]]; then
    cp "$work/out" "$here/expected/report/$expected"
  elif ! diff -u "$here/expected/report/$expected" "$work/out" >"$work/diff"; then
    fail "$name: stdout differs"
    head -40 "$work/diff"
  fi
}
stderr_has() {
  grep -qF -- "$2" "$work/err" || fail "$1: stderr lacks '$2': $(head -c 400 "$work/err")"
}

data=tests/e2e/data/report
mini=tests/e2e/data/mini.qpl

# Whole reports: a yes/no outcome with missing, unreadable and error records; a text outcome.
case_whole_reports() {
  expect mini_json 1 mini.json -- report --as-of 2026-11-01 $mini $data/leads.csv --outcome Won --format json
  stderr_has mini_json 'warning: 1 lead has an unreadable "Won" outcome (not 1/0, yes/no or true/false), e.g. "maybe"'
  expect status_json 0 status.json -- report --as-of 2026-11-01 $data/outcome_in_policy.qpl $data/status.ndjson --outcome "Status=Closed Won" --format json
  expect no_outcome_json 1 no_outcome.json -- report --as-of 2026-11-01 $mini $data/leads.csv --format json
  # The same figures whatever the number of threads.
  expect mini_jobs 1 mini.json -- report --as-of 2026-11-01 $mini $data/leads.csv --outcome Won --format json --jobs 3
}

# SLAs: the leads overdue at each stage with an sla, from --previous (an hour SLA measured at a
# date-time --as-of) or from the memory the leads carry; without memory, none.
case_sla_overdue() {
  local sla=tests/e2e/data
  expect sla_hours_report 1 sla_hours.json -- report $sla/sla_hours.qpl $sla/sla_hours_leads.ndjson --previous $sla/sla_hours_previous.csv --as-of 2026-11-02T09:14:00Z --format json
  grep -qF '"stage":"sql","leads":3,"share":0.6,"outcome":null,"sla":{"within":"4 hours","overdue":1}' "$work/out" ||
    fail "sla_hours_report: $(head -c 600 "$work/out")"
  printf '%s\n' '{"id":"c","demo_requested":false,"clicks":12,"previous":{"stage":"mql","since":"2026-11-01"}}' \
    '{"id":"d","demo_requested":false,"clicks":12}' >"$work/carried.ndjson"
  expect sla_carried 0 - -- report $sla/sla.qpl "$work/carried.ndjson" --as-of 2026-11-04 --format json
  grep -qF '"stage":"mql","leads":2,"share":1,"outcome":null,"sla":{"within":"1 day","overdue":1}' "$work/out" ||
    fail "sla_carried: $(head -c 600 "$work/out")"
  expect sla_html 0 - -- report $sla/sla.qpl "$work/carried.ndjson" --as-of 2026-11-04
  grep -qF '<th>overdue</th>' "$work/out" || fail "sla_html: no overdue column"
  # A policy without an sla has no sla member, with or without --previous; the --previous that
  # changes nothing is said.
  expect no_sla_previous 1 no_outcome.json -- report --as-of 2026-11-01 $mini $data/leads.csv --format json --previous $sla/sla_hours_previous.csv
  grep -qF "warning: --previous $sla/sla_hours_previous.csv changes nothing here: the policy has no sla" "$work/err" ||
    fail "no_sla_previous: no warning ($(head -c 300 "$work/err"))"
}

# A JSON outcome may be a number or a bool.
case_typed_outcome() {
  printf '%s\n' '{"id":"a","clicks":1,"c":1}' '{"id":"b","clicks":5,"c":true}' '{"id":"c","clicks":0,"c":false}' \
    >"$work/typed.ndjson"
  expect typed_outcome 0 - -- report --as-of 2026-11-01 $data/outcome_in_policy.qpl "$work/typed.ndjson" --outcome c --format json
  grep -qF '"outcome":{"column":"c","value":null,"known":3,"positive":2,"missing":0,"unreadable":0' "$work/out" ||
    fail "typed_outcome: $(head -c 400 "$work/out")"
}

# Bad input: a column the header lacks (named, with a did-you-mean); a key no JSON record has.
case_bad_input() {
  expect absent_column 2 - -- report --as-of 2026-11-01 $mini $data/leads.csv --outcome Wonn --format json
  stderr_has absent_column 'column "Wonn" (--outcome) is not in the header (did you mean "Won"?)'
  [[ ! -s "$work/out" ]] || fail "absent_column: a report was written"
  expect absent_key 2 - -- report --as-of 2026-11-01 $data/outcome_in_policy.qpl $data/status.ndjson --outcome Statu --format json
  stderr_has absent_key 'no record has a value for "Statu"'
  expect empty_outcome 2 - -- report --as-of 2026-11-01 $mini $data/leads.csv --outcome "=yes"
  stderr_has empty_outcome '--outcome: an empty column name'
}

# HTML: written whole to -o (nothing on stdout), self-contained, the policy's text escaped.
case_html() {
  expect html_file 0 - -- report --as-of 2026-11-01 $data/outcome_in_policy.qpl $data/status.ndjson --outcome "Status=Closed Won" -o "$work/r.html"
  [[ ! -s "$work/out" ]] || fail "html_file: something was written on stdout"
  html=$work/r.html
  [[ -s $html ]] || fail "html_file: no report written"
  grep -qF 'Mini &lt;script&gt;alert(1)&lt;/script&gt; &amp; co' "$html" || fail "html_file: the policy name is not escaped"
  grep -qi '<script' "$html" && fail "html_file: the page holds a <script> element"
  # The only URL in the page is SVG's namespace name, never fetched.
  if grep -oE '(https?:)?//[^" )]+' "$html" | grep -vqx 'http://www.w3.org/2000/svg'; then
    fail "html_file: the page names an external resource: $(grep -oE '(https?:)?//[^" )]+' "$html" | sort -u | head -3)"
  fi
  grep -qF '@media print' "$html" || fail "html_file: no print stylesheet"
  # -o replaces an existing file, and a failed run leaves it alone.
  echo old >"$work/keep.html"
  expect html_replace 0 - -- report --as-of 2026-11-01 $data/outcome_in_policy.qpl $data/status.ndjson -o "$work/keep.html"
  grep -q '<!DOCTYPE html>' "$work/keep.html" || fail "html_replace: the file was not replaced"
  cp "$work/keep.html" "$work/before.html"
  expect html_failed 2 - -- report --as-of 2026-11-01 $mini $data/leads.csv --outcome Wonn -o "$work/keep.html"
  cmp -s "$work/keep.html" "$work/before.html" || fail "html_failed: the file was changed by a failed run"
}

# The figures recomputed independently from `eval` results (with the outcome kept).
case_figures_from_eval() {
  if command -v python3 >/dev/null; then
    "$qualify" report --as-of 2026-11-01 $mini $data/leads.csv --outcome Won --format json >"$work/report.json" 2>/dev/null
    "$qualify" eval $mini $data/leads.csv --keep Won >"$work/eval.ndjson" 2>/dev/null
    python3 "$here/report_check.py" "$work/report.json" "$work/eval.ndjson" Won || fail "report and eval disagree"
  else
    echo "SKIP: python3 not found: the report's figures are not recomputed from eval"
  fi
}

# X Education with --outcome Converted: the conversion per stage of docs/data.md's table.
# shared/ sits beside the repository (../shared/data); QUALIFY_DATA_DIR names another place.
case_x_education() {
  xdata="${QUALIFY_DATA_DIR:-$repo/../shared/data}/x_education_leads.csv"
  if [[ -f $xdata ]] && command -v python3 >/dev/null; then
    expect x_education 0 - -- report --as-of 2026-11-01 policies/x_education.qpl "$xdata" --outcome Converted --format json
    cp "$work/out" "$work/x.json"
    python3 - "$work/x.json" docs/data.md <<'PY' || fail "x_education: the report disagrees with docs/data.md"
import json, re, sys
report = json.load(open(sys.argv[1]))
text = open(sys.argv[2]).read()
section = text[text.index("Per stage, with `policies/x_education.qpl`"):]
table = {}
for line in section.splitlines()[2:]:
    m = re.match(r"\|\s*(\w+)\s*\|\s*(\d+)\s*\|\s*([\d.]+)%\s*\|", line)
    if not m:
        if table: break
        continue
    table[m.group(1)] = (int(m.group(2)), m.group(3))
ours = {s["stage"]: (s["leads"], "%.1f" % (100 * s["outcome"]["rate"])) for s in report["stages"]}
ours["all"] = (report["all"]["leads"], "%.1f" % (100 * report["all"]["outcome"]["rate"]))
ok = True
for stage, want in table.items():
    if ours.get(stage) != want:
        print(f"{stage}: docs/data.md says {want}, the report {ours.get(stage)}")
        ok = False
if len(table) != 7: print(f"read {len(table)} rows of docs/data.md"); ok = False
sys.exit(0 if ok else 1)
PY
  else
    echo "SKIP: $xdata not found: the X Education check does not run"
  fi
}

run_cases "${@:2}"
