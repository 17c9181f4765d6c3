#!/usr/bin/env bash
# End-to-end tests of `qualify diff`: the reports on the bundled acme policy against changed
# copies (tests/e2e/data/diff), compared with tests/e2e/expected/diff; the matrix against two
# separate `eval` runs joined by id; git revisions; errors and exit statuses.
# Usage: diff.sh /path/to/qualify [CASE]   (QUALIFY_BLESS=1 rewrites the expected files)
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
    cp "$work/out" "$here/expected/diff/$expected"
  elif ! diff -u "$here/expected/diff/$expected" "$work/out" >"$work/diff"; then
    fail "$name: stdout differs"
    head -40 "$work/diff"
  fi
}
stderr_is() {
  [[ $(cat "$work/err") == "$2" ]] || fail "$1: stderr is '$(cat "$work/err")', expected '$2'"
}

data=tests/e2e/data/diff
leads=examples/acme_leads.ndjson
asof=(--as-of 2026-11-01)
# X Education's policy and a copy with its MQL threshold raised, on its CSV export.
xedu=(policies/x_education.qpl $data/x_education_threshold.qpl $data/x_education_leads.csv)

# The three reports on a lowered MQL threshold; the other changes in text and JSON.
case_reports() {
  expect threshold_text 0 threshold.txt -- diff policies/acme.qpl $data/acme_threshold.qpl $leads "${asof[@]}"
  expect threshold_markdown 0 threshold.md -- diff policies/acme.qpl $data/acme_threshold.qpl $leads "${asof[@]}" --format markdown
  expect threshold_json 0 threshold.json -- diff policies/acme.qpl $data/acme_threshold.qpl $leads "${asof[@]}" --format json
  expect icp_text 0 icp.txt -- diff policies/acme.qpl $data/acme_icp.qpl $leads "${asof[@]}"
  expect icp_markdown 0 icp.md -- diff policies/acme.qpl $data/acme_icp.qpl $leads "${asof[@]}" --format markdown
  expect icp_json 0 icp.json -- diff policies/acme.qpl $data/acme_icp.qpl $leads "${asof[@]}" --format json
  expect renamed_text 0 renamed.txt -- diff policies/acme.qpl $data/acme_renamed.qpl $leads "${asof[@]}"
  expect renamed_json 0 renamed.json -- diff policies/acme.qpl $data/acme_renamed.qpl $leads "${asof[@]}" --format json
  expect score_text 0 score.txt -- diff policies/acme.qpl $data/acme_score.qpl $leads "${asof[@]}"
  expect score_json 0 score.json -- diff policies/acme.qpl $data/acme_score.qpl $leads "${asof[@]}" --format json
  expect fields_text 0 budget_required.txt -- diff policies/acme.qpl $data/acme_budget_required.qpl $leads "${asof[@]}" --examples 1
  expect fields_json 0 budget_required.json -- diff policies/acme.qpl $data/acme_budget_required.qpl $leads "${asof[@]}" --format json --examples 1
}

# X Education (a CSV export with numeric ids and long column names), the MQL threshold raised.
case_x_education() {
  expect x_education_text 0 x_education.txt -- diff "${xedu[@]}" "${asof[@]}"
  expect x_education_markdown 0 x_education.md -- diff "${xedu[@]}" "${asof[@]}" --format markdown
  expect x_education_json 0 x_education.json -- diff "${xedu[@]}" "${asof[@]}" --format json
}

# Several files, CSV and NDJSON: records counted across them.
case_csv_two_files() {
  expect csv_two_files 0 - -- diff policies/acme.qpl $data/acme_threshold.qpl examples/acme_leads.csv $leads "${asof[@]}" --format json
  grep -q '"records":56,' "$work/out" || fail "csv_two_files: 26 + 30 records"
}

# Worker threads change nothing in the report.
case_jobs() {
  for jobs in 2 3; do
    expect "threshold_jobs_$jobs" 0 threshold.json -- diff policies/acme.qpl $data/acme_threshold.qpl $leads "${asof[@]}" --format json --jobs $jobs
    expect "fields_jobs_$jobs" 0 budget_required.json -- diff policies/acme.qpl $data/acme_budget_required.qpl $leads "${asof[@]}" --format json --examples 1 -j $jobs
  done
}

# The matrix's cells add up to the records, and equal two `eval` runs joined record by record
# (an error line has no id; for NDJSON with text ids, the ids are checked to match).
case_matrix_join() {
  if command -v python3 >/dev/null; then
    for pair in "policies/acme.qpl $data/acme_threshold.qpl $leads" "policies/acme.qpl $data/acme_icp.qpl $leads" \
        "policies/acme.qpl $data/acme_renamed.qpl $leads" "policies/acme.qpl $data/acme_budget_required.qpl $leads" \
        "policies/acme.qpl $data/acme_score.qpl $leads" \
        "${xedu[*]}"; do
      read -r old_policy new_policy pair_leads <<<"$pair"
      "$qualify" diff "$old_policy" "$new_policy" "$pair_leads" "${asof[@]}" --format json >"$work/diff.json"
      "$qualify" eval "$old_policy" "$pair_leads" "${asof[@]}" >"$work/old.ndjson"
      "$qualify" eval "$new_policy" "$pair_leads" "${asof[@]}" >"$work/new.ndjson"
      python3 - "$work/diff.json" "$work/old.ndjson" "$work/new.ndjson" "$pair_leads" <<'PY' || fail "join $new_policy: diff and eval disagree"
import collections, json, sys
report = json.load(open(sys.argv[1]))
def stages(path):
    out = {}
    for number, line in enumerate(open(path), 1):
        r = json.loads(line)
        out[number] = ("unreadable", None) if "error" in r else (r["stage"] or "none", r["id"])
    return out
old, new = stages(sys.argv[2]), stages(sys.argv[3])
ids = {}
for number, line in enumerate(open(sys.argv[4]), 1):
    try:
        record = json.loads(line)
    except ValueError:
        continue
    if isinstance(record, dict) and isinstance(record.get("id"), str):
        ids[record["id"]] = number
joined = collections.Counter()
for number in old:
    o, n = old[number], new[number]
    if o[1] in ids and n[1] in ids:  # NDJSON with text ids: the same lead on both sides
        assert ids[o[1]] == ids[n[1]], (o, n)
    joined[(o[0], n[0])] += 1
matrix = collections.Counter({(c["from"], c["to"]): c["count"] for c in report["matrix"]})
assert sum(matrix.values()) == report["records"] == len(old), (sum(matrix.values()), report["records"])
assert matrix == joined, (matrix, joined)
PY
    done
  fi
}

# --fail-on: exit 1 when a listed move happened, the report written all the same.
case_fail_on() {
  expect fail_on_hit 1 - -- diff policies/acme.qpl $data/acme_renamed.qpl $leads "${asof[@]}" --fail-on 'sql->*, mql->*'
  tail -1 "$work/out" | grep -qx -- "--fail-on: a listed move happened" || fail "fail_on_hit: says so under the report"
  expect fail_on_miss 0 - -- diff policies/acme.qpl $data/acme_threshold.qpl $leads "${asof[@]}" --fail-on 'mql->disqualified,sql->*'
  expect fail_on_unknown 2 - -- diff policies/acme.qpl $data/acme_threshold.qpl $leads --fail-on 'mql->mqll'
  stderr_is fail_on_unknown "qualify: --fail-on: 'mqll' is not a stage of the new policy (did you mean 'mql'?)"
  expect fail_on_malformed 2 - -- diff policies/acme.qpl $data/acme_renamed.qpl $leads --fail-on 'mql'
  stderr_is fail_on_malformed "qualify: --fail-on: expected FROM->TO (a stage or '*' on each side), got 'mql'"
}

# Errors: status 2 with one clear line.
case_errors() {
  expect stdin 2 - -- diff policies/acme.qpl $data/acme_threshold.qpl -
  stderr_is stdin "qualify: diff cannot read leads from stdin: each policy reads the inputs itself, so give lead files"
  expect missing_input 2 - -- diff policies/acme.qpl $data/acme_threshold.qpl no-such.ndjson
  stderr_is missing_input "qualify: cannot open 'no-such.ndjson': no such file or directory"
  expect missing_policy 2 - -- diff policies/nope.qpl $data/acme_threshold.qpl $leads
  stderr_is missing_policy "qualify: cannot read 'policies/nope.qpl': no such file or directory"
  expect missing_policy_with_at 2 - -- diff policies/acme@v2.qpl $data/acme_threshold.qpl $leads
  stderr_is missing_policy_with_at "qualify: cannot read 'policies/acme@v2.qpl': no such file or directory"
  cp policies/acme.qpl "$work/team@v2.qpl"
  expect policy_with_at 0 - -- diff "$work/team@v2.qpl" $data/acme_threshold.qpl $leads "${asof[@]}" --format json
  grep -q '"changed":1,' "$work/out" || fail "policy_with_at: a file whose name has an @ is that file"
  expect broken_policy 2 - -- diff tests/e2e/data/broken.qpl $data/acme_threshold.qpl $leads
  grep -q "broken.qpl:" "$work/err" || fail "broken_policy: the policy's errors are shown"
  expect no_inputs 2 - -- diff policies/acme.qpl $data/acme_threshold.qpl
}

# Git revisions: a policy and its import at a revision; outside a repository; unknown
# revisions and paths.
case_git_revisions() {
  git_repo="$work/repo"
  mkdir -p "$git_repo/rules/shared"
  printf 'let threshold = 50\n' >"$git_repo/rules/shared/limits.qpl"
  cat >"$git_repo/rules/p.qpl" <<'QPL'
import "shared/limits.qpl"
fields {
  id:     text
  clicks: number
}
funnel {
  mql  when clicks * 10 >= threshold
  lead otherwise
}
QPL
  printf '{"id":"A","clicks":4}\n{"id":"B","clicks":9}\n' >"$work/leads.ndjson"
  (cd "$git_repo" && git init -q && git add . &&
    git -c user.name=t -c user.email=t@t -c commit.gpgsign=false commit -qm one) || fail "git: setup"
  printf 'let threshold = 40\n' >"$git_repo/rules/shared/limits.qpl"
  expect git_import 0 - -- diff "$git_repo/rules/p.qpl@HEAD" "$git_repo/rules/p.qpl" "$work/leads.ndjson" --format json
  grep -q '"matrix":\[{"from":"mql","to":"mql","count":1},{"from":"lead","to":"mql","count":1}\]' "$work/out" ||
    fail "git_import: the import is read at the revision: $(head -c 300 "$work/out")"
  expect git_reflog 0 - -- diff "$git_repo/rules/p.qpl@HEAD@{0}" "$git_repo/rules/p.qpl" "$work/leads.ndjson" --format json
  grep -q '"changed":1,' "$work/out" || fail "git_reflog: a revision with an @ in it"
  (cd "$git_repo/rules" && "$qualify" diff p.qpl@HEAD p.qpl "$work/leads.ndjson" --format json >"$work/out" 2>"$work/err") ||
    fail "git_relative: $(cat "$work/err")"
  grep -q '"policy":"p.qpl@HEAD"' "$work/out" || fail "git_relative: names the policy as given"
  expect git_unknown_revision 2 - -- diff "$git_repo/rules/p.qpl@v9" "$git_repo/rules/p.qpl" "$work/leads.ndjson"
  stderr_is git_unknown_revision "qualify: cannot read '$git_repo/rules/p.qpl@v9': unknown revision 'v9'"
  expect git_unknown_path 2 - -- diff "$git_repo/rules/q.qpl@HEAD" "$git_repo/rules/p.qpl" "$work/leads.ndjson"
  stderr_is git_unknown_path "qualify: cannot read '$git_repo/rules/q.qpl@HEAD': 'rules/q.qpl' at revision 'HEAD': no such file at that revision"
  mkdir -p "$work/plain"
  cp "$git_repo/rules/p.qpl" "$work/plain/"
  expect git_outside 2 - -- diff "$work/plain/p.qpl@HEAD" "$git_repo/rules/p.qpl" "$work/leads.ndjson"
  stderr_is git_outside "qualify: cannot read '$work/plain/p.qpl@HEAD': '$work/plain' is not in a git repository"
}

run_cases "${@:2}"
