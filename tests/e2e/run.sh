#!/usr/bin/env bash
# End-to-end tests of the built `qualify` binary: whole outputs compared with expected files,
# and exit statuses. Usage: run.sh /path/to/qualify [CASE]   (QUALIFY_BLESS=1 rewrites the
# expected files from the actual output: review the diff before committing it).
set -uo pipefail
qualify=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
source "$here/cases.sh"
cd "$here/data"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# expect NAME STATUS STDOUT_FILE|- STDERR_FILE|- -- ARGS...   (stdin from $STDIN or /dev/null)
expect() {
  local name=$1 status=$2 out_file=$3 err_file=$4
  shift 5
  "$qualify" "$@" <"${STDIN:-/dev/null}" >"$work/out" 2>"$work/err"
  local actual=$?
  [[ $actual == "$status" ]] || fail "$name: exit status $actual, expected $status ($(head -c 300 "$work/err"))"
  compare "$name" stdout "$out_file" "$work/out"
  compare "$name" stderr "$err_file" "$work/err"
}

compare() {
  local name=$1 what=$2 expected=$3 actual=$4
  [[ $expected == - ]] && return
  if [[ ${QUALIFY_BLESS:-} == 1 ]]; then
    cp "$actual" "$here/expected/$expected"
  elif ! diff -u "$here/expected/$expected" "$actual" >"$work/diff"; then
    fail "$name: $what differs"
    head -40 "$work/diff"
  fi
}

# expect_empty NAME STREAM: the last run wrote nothing on stdout (out) or stderr (err)
expect_empty() {
  [[ ! -s "$work/$2" ]] || fail "$1: expected no output on $2, got: $(head -c 200 "$work/$2")"
}
expect_stderr_has() {
  grep -qF -- "$2" "$work/err" || fail "$1: stderr lacks '$2': $(head -c 300 "$work/err")"
}

asof=(--as-of 2026-11-01)

# Results, in input order, record numbers continuing across files (R45), errors in place.
case_results_in_order() {
  expect two_files 1 two_files.out - -- eval mini.qpl leads.ndjson leads2.csv "${asof[@]}"
  expect_empty two_files err
  expect two_files_csv 1 two_files.csv.out - -- eval mini.qpl leads.ndjson leads2.csv --format csv "${asof[@]}"
  expect good_csv 0 good.csv.out - -- eval mini.qpl good.ndjson --format=csv "${asof[@]}"
  expect good_table 0 good.table.out - -- eval mini.qpl good.ndjson --format table "${asof[@]}"
  expect bare 0 bare.out - -- eval bare.qpl bare.ndjson
  expect summary 1 - summary.err -- eval mini.qpl leads.ndjson leads2.csv --summary --output "$work/summary.out" "${asof[@]}"
  cmp -s "$work/summary.out" "$here/expected/two_files.out" || fail "summary: --output file differs"
}

# A column the policy names that the header lacks (issue 20): an optional field's is a warning
# before the records; a required field's is one error, exit 2, even with no records to read.
case_absent_columns() {
  expect absent_optional 0 absent_optional.out absent_optional.err -- eval mini.qpl absent_optional.csv "${asof[@]}"
  expect absent_required 2 - absent_required.err -- eval mini.qpl leads.ndjson absent_required.csv "${asof[@]}"
}

# The same for NDJSON and JSON, which have no header: a key the policy reads that none of the
# file's records has is said once at the end, on stderr and in --summary, with the closest key
# (issue 20); whatever the number of threads. `lint --against` says it at the field.
case_absent_keys() {
  expect absent_keys 0 absent_keys.out absent_keys.err -- eval mini.qpl absent_keys.ndjson "${asof[@]}"
  expect absent_keys_jobs 0 absent_keys.out absent_keys.err -- eval mini.qpl absent_keys.ndjson --jobs 2 "${asof[@]}"
  expect absent_keys_summary 0 - absent_keys_summary.err -- eval mini.qpl absent_keys.ndjson --summary "${asof[@]}"
  expect absent_keys_none 1 - - -- eval mini.qpl leads.ndjson "${asof[@]}"
  expect_empty absent_keys_none err
  # Records that could not be read lack no key: their error lines, and no word of absent keys.
  expect absent_keys_all_broken 1 all_broken.out - -- eval mini.qpl all_broken.ndjson "${asof[@]}"
  expect_empty absent_keys_all_broken err
  expect against_ndjson 0 against_ndjson.out - -- lint mini.qpl --against absent_keys.ndjson --severity warning
}

# A file that holds no record (an export that came out empty, a CSV with only its header) is
# said on stderr, in its place among the inputs; an empty stdin is just the end of a quiet pipe.
case_empty_inputs() {
  expect empty_inputs 1 two_files.head.out empty_inputs.err -- eval mini.qpl empty.ndjson leads.ndjson empty.csv "${asof[@]}"
  STDIN=empty.ndjson expect empty_stdin 0 - - -- eval mini.qpl - --input-format ndjson "${asof[@]}"
  expect_empty empty_stdin out
  expect_empty empty_stdin err
}

# A file in the other JSON shape than its name says gets the likely reason and the way out: an
# array or pretty-printed JSON in an .ndjson (a warning: its lines are still records, R45), NDJSON
# or an API export's wrapping object in a .json (with the error, status 2).
case_wrong_json_shape() {
  expect array_as_ndjson 1 - array_as_ndjson.err -- eval mini.qpl array_as.ndjson "${asof[@]}"
  expect ndjson_as_json 2 - ndjson_as_json.err -- eval mini.qpl ndjson_as.json "${asof[@]}"
  expect wrapped_json 2 - wrapped_json.err -- eval mini.qpl wrapped.json "${asof[@]}"
}

# An error line from a CSV names the field and, when it is called otherwise, its column.
case_from_column() {
  expect from_column 1 from_column.out - -- eval from_column.qpl from_column.csv
}

# The lead file where the policy goes: one error giving the right order, nothing read.
case_swapped_arguments() {
  expect swapped_arguments 2 - swapped_arguments.err -- eval leads2.csv mini.qpl
}

# Leads on stdin ('-' or no file) need --input-format, which also overrides a file's extension.
case_stdin() {
  STDIN=leads.ndjson expect stdin 1 two_files.head.out - -- eval mini.qpl - --input-format ndjson "${asof[@]}"
  STDIN=leads2.csv expect stdin_csv 1 - - -- eval mini.qpl --input-format csv "${asof[@]}"
  grep -q '"record":2,' "$work/out" || fail "stdin_csv: record numbers start at 1 on stdin"
  expect input_format_overrides 1 two_files.head.out - -- eval mini.qpl leads.ndjson --input-format ndjson "${asof[@]}"
}

# R44 line ends: leads2.csv is CRLF; the same rows with CR only (old Mac exports) or LF give the
# same results, also on stdin.
case_line_ends() {
  "$qualify" eval mini.qpl leads2.csv "${asof[@]}" >"$work/crlf.out" 2>&1
  tr -d '\n' <leads2.csv >"$work/cr.csv"
  tr -d '\r' <leads2.csv >"$work/lf.csv"
  for ends in cr lf; do
    expect "line_ends_$ends" 1 - - -- eval mini.qpl "$work/$ends.csv" "${asof[@]}"
    cmp -s "$work/out" "$work/crlf.out" || fail "line_ends_$ends: results differ from the CRLF file's"
    STDIN="$work/$ends.csv" expect "line_ends_${ends}_stdin" 1 - - -- eval mini.qpl --input-format csv "${asof[@]}"
    cmp -s "$work/out" "$work/crlf.out" || fail "line_ends_${ends}_stdin: results differ from the CRLF file's"
  done
}

# --keep carries input columns through: after `id` in CSV (one named like a result column is
# headed input.NAME), under "input" in NDJSON; a column not in the header is an error naming it.
case_keep() {
  expect keep_csv 1 keep.csv.out - -- eval mini.qpl keep.csv --format csv --keep "Company Name, stage" "${asof[@]}"
  expect keep_ndjson 1 keep.ndjson.out - -- eval mini.qpl keep.csv --keep "Company Name" "${asof[@]}"
  expect keep_json_path 0 - - -- eval mini.qpl good.ndjson --keep "email" "${asof[@]}"
  grep -q '"input":{"email":"cto@acme.io"}' "$work/out" || fail "keep_json_path: NDJSON input keys are kept"
  expect keep_typo 2 - - -- eval mini.qpl keep.csv --format csv --keep "Company Nmae" "${asof[@]}"
  expect_stderr_has keep_typo "column \"Company Nmae\" (--keep) is not in the header (did you mean \"Company Name\"?)"
  expect keep_table 2 - - -- eval mini.qpl keep.csv --format table --keep "email" "${asof[@]}"
  expect_stderr_has keep_table "--keep carries input columns into --format csv or ndjson"
  expect keep_empty_name 2 - - -- eval mini.qpl keep.csv --format csv --keep "email,,country" "${asof[@]}"
  expect_stderr_has keep_empty_name "--keep: an empty column name"
}

# --explain and --why-not add a member to every evaluated line, nothing to error lines.
case_explain_why_not() {
  expect explain 1 - - -- eval mini.qpl leads.ndjson --explain "${asof[@]}"
  [[ $(grep -c '"explain":' "$work/out") == 5 ]] || fail "explain: 5 lines should have an explain member"
  expect why_not 1 - - -- eval mini.qpl leads.ndjson --why-not sql "${asof[@]}"
  [[ $(grep -c '"why_not":' "$work/out") == 5 ]] || fail "why_not: 5 lines should have a why_not member"
  expect explain_table 0 - - -- eval mini.qpl good.ndjson --format table --explain=full "${asof[@]}"
}

# --jobs: the same bytes as one thread, on enough leads for many batches.
case_jobs() {
  awk 'BEGIN { for (i = 1; i <= 30000; i++) {
    if (i % 997 == 0) { print "{\"id\":\"B-" i "\",\"company_size\":\"many\"}"; continue }
    printf "{\"id\":\"B-%d\",\"email\":\"p%d@%s\",\"company_size\":%d,\"country\":\"%s\",\"budget\":%s,\"demo_requested\":%s,\"clicks\":%d}\n",
      i, i, (i % 5 ? "corp.fr" : "gmail.com"), (i * 37) % 6000, (i % 3 ? "FR" : "US"),
      (i % 4 ? i * 3 : "null"), (i % 7 ? "false" : "true"), i % 9 } }' >"$work/many.ndjson"
  "$qualify" eval mini.qpl "$work/many.ndjson" "${asof[@]}" >"$work/one.out" 2>/dev/null
  [[ $? == 1 ]] || fail "jobs: exit status with error records should be 1"
  "$qualify" eval mini.qpl "$work/many.ndjson" --jobs 4 "${asof[@]}" >"$work/four.out" 2>/dev/null
  cmp -s "$work/one.out" "$work/four.out" || fail "jobs: --jobs 4 output differs from --jobs 1"
  [[ $(wc -l <"$work/four.out") == 30000 ]] || fail "jobs: one line per record"

  head -3000 "$work/many.ndjson" >"$work/some.ndjson"
  "$qualify" eval mini.qpl "$work/some.ndjson" --explain --why-not sql "${asof[@]}" >"$work/one.out" 2>/dev/null
  "$qualify" eval mini.qpl "$work/some.ndjson" --explain --why-not sql --jobs 3 "${asof[@]}" >"$work/four.out" 2>/dev/null
  cmp -s "$work/one.out" "$work/four.out" || fail "jobs: --explain --why-not with --jobs 3 differs from --jobs 1"
}

# An input that fails for good (a JSON array cut short) stops the run with status 2, after
# the records read before it, whatever the thread count.
case_cut_input() {
  awk 'BEGIN { print "["; for (i = 1; i <= 5000; i++) printf "{\"id\":\"T-%d\",\"company_size\":%d},\n", i, i }' \
    >"$work/cut.json"
  for jobs in 1 2 4; do
    "$qualify" eval mini.qpl "$work/cut.json" --jobs $jobs "${asof[@]}" >"$work/out" 2>"$work/err"
    [[ $? == 2 ]] || fail "cut_json --jobs $jobs: exit status should be 2"
    [[ $(wc -l <"$work/out") == 5000 ]] || fail "cut_json --jobs $jobs: $(wc -l <"$work/out") lines, expected 5000"
    expect_stderr_has "cut_json --jobs $jobs" "cut.json"
  done
  expect cut_json_summary 2 - - -- eval mini.qpl "$work/cut.json" --summary --output "$work/cut.out" "${asof[@]}"
  expect_stderr_has cut_json_summary "5000 records, 0 evaluated, 5000 in error"
  printf 'id,"company_size\nA,3\n' >"$work/bad_header.csv"
  expect good_then_bad_header 2 good.ndjson.out - -- eval mini.qpl good.ndjson "$work/bad_header.csv" "${asof[@]}"
  expect_stderr_has good_then_bad_header "quoted cell that is not closed"
}

# A live feed (`tail -f leads.ndjson | qualify eval ...`): a record's result is written as soon
# as the input has nothing more for now, not when a batch fills up or the input ends.
case_live_feed() {
  for jobs in 1 2; do
    rm -f "$work/live.in" "$work/live.out"
    mkfifo "$work/live.in"
    "$qualify" eval mini.qpl - --input-format ndjson --jobs $jobs "${asof[@]}" \
      <"$work/live.in" >"$work/live.out" 2>/dev/null &
    live_pid=$!
    exec 3>"$work/live.in"
    head -1 good.ndjson >&3
    for _ in $(seq 100); do [[ -s "$work/live.out" ]] && break; sleep 0.1; done
    [[ $(wc -l <"$work/live.out") == 1 ]] || fail "live --jobs $jobs: no result before the next record came"
    sed -n 2p good.ndjson >&3
    exec 3>&-
    wait $live_pid
    [[ $(wc -l <"$work/live.out") == 2 ]] || fail "live --jobs $jobs: $(wc -l <"$work/live.out") results, expected 2"
  done
}

# On a terminal the REPL's banner names the policy's header (`script` gives it a terminal).
case_repl_banner() {
  if command -v script >/dev/null; then
    printf ':quit\n' | XDG_STATE_HOME="$work/state" timeout 20 script -qec "'$qualify' repl mini.qpl" /dev/null \
      >"$work/banner.out" 2>&1
    grep -qF "qualify repl: mini.qpl — Mini (version 1)" "$work/banner.out" ||
      fail "repl_banner: $(head -c 300 "$work/banner.out")"
  fi
}

# fmt rewrites files in place (qpl.md); --check changes nothing; --stdout and stdin print.
case_fmt() {
  "$qualify" fmt --stdout mini.qpl >"$work/canonical.qpl"
  sed 's/^  *//' "$work/canonical.qpl" >"$work/squeezed.qpl"
  cp "$work/squeezed.qpl" "$work/before.qpl"
  expect fmt_check_unformatted 1 - - -- fmt --check "$work/squeezed.qpl"
  grep -q '^+  ' "$work/out" || fail "fmt_check_unformatted: no diff shown"
  cmp -s "$work/squeezed.qpl" "$work/before.qpl" || fail "fmt --check changed the file"
  expect fmt_stdout 0 - - -- fmt --stdout "$work/squeezed.qpl"
  cmp -s "$work/out" "$work/canonical.qpl" || fail "fmt --stdout: not the canonical layout"
  cmp -s "$work/squeezed.qpl" "$work/before.qpl" || fail "fmt --stdout changed the file"
  STDIN="$work/squeezed.qpl" expect fmt_stdin 0 - - -- fmt -
  cmp -s "$work/out" "$work/canonical.qpl" || fail "fmt -: not the canonical layout"
  expect fmt_rewrite 0 - - -- fmt "$work/squeezed.qpl"
  expect_empty fmt_rewrite out
  cmp -s "$work/squeezed.qpl" "$work/canonical.qpl" || fail "fmt FILE: the file was not rewritten in the canonical layout"
  expect fmt_check_formatted 0 - - -- fmt --check "$work/squeezed.qpl"
  expect fmt_stdout_several 2 - - -- fmt --stdout mini.qpl tested.qpl
  # Through a symbolic link the file it names is rewritten and the link stays; a read-only file
  # is left alone (status 2); a rewritten file keeps its mode.
  mkdir -p "$work/fmt/real"
  cp "$work/before.qpl" "$work/fmt/real/linked.qpl"
  ln -s real/linked.qpl "$work/fmt/link.qpl"
  cp "$work/before.qpl" "$work/fmt/read_only.qpl" && chmod 444 "$work/fmt/read_only.qpl"
  cp "$work/before.qpl" "$work/fmt/mode.qpl" && chmod 751 "$work/fmt/mode.qpl"
  expect fmt_link_readonly 2 - - -- fmt "$work/fmt/link.qpl" "$work/fmt/read_only.qpl" "$work/fmt/mode.qpl"
  expect_stderr_has fmt_link_readonly "read_only.qpl': the file is read-only"
  [[ -L "$work/fmt/link.qpl" ]] || fail "fmt_link_readonly: the link was replaced by a file"
  cmp -s "$work/fmt/real/linked.qpl" "$work/canonical.qpl" || fail "fmt_link_readonly: the linked file was not rewritten"
  cmp -s "$work/fmt/read_only.qpl" "$work/before.qpl" || fail "fmt_link_readonly: the read-only file changed"
  cmp -s "$work/fmt/mode.qpl" "$work/canonical.qpl" || fail "fmt_link_readonly: mode.qpl was not rewritten"
  [[ $(stat -c %a "$work/fmt/mode.qpl") == 751 ]] || fail "fmt_link_readonly: mode 751 became $(stat -c %a "$work/fmt/mode.qpl")"
}

# A policy that does not compile: status 2, and every report format says so.
case_test_broken() {
  expect test_broken_text 2 - - -- test broken.qpl tested.qpl
  grep -qF "1 passed, 1 failed, 1 policy does not compile (errors on stderr)" "$work/out" || fail "test_broken_text: summary"
  expect_stderr_has test_broken_text "budjet"
  expect test_broken_json 2 - - -- test broken.qpl --format json
  grep -qF '"not_compiled":["broken.qpl"]' "$work/out" || fail "test_broken_json: no not_compiled member"
  expect test_broken_junit 2 - - -- test broken.qpl --format junit
  grep -qF '<error type="compile"' "$work/out" || fail "test_broken_junit: no error case"
}

# The policy header is shown in reports (qpl.md), in every test format.
case_policy_header() {
  expect header_test_text 0 - - -- test mini.qpl
  grep -qxF 'mini.qpl — Mini (version 1)' "$work/out" || fail "header_test_text: no header line"
  expect header_test_json 0 - - -- test mini.qpl --format json
  grep -qF '"file":"mini.qpl","policy":{"name":"Mini","version":1}' "$work/out" || fail "header_test_json: no policy member"
  expect header_test_junit 0 - - -- test mini.qpl --format junit
  grep -qF '<property name="policy" value="Mini"/>' "$work/out" || fail "header_test_junit: no policy property"
}

# test: 0 when every test holds, 1 on a failure (shown with expected and actual).
case_test_status() {
  expect test_pass 0 - - -- test tested.qpl --run "is big"
  grep -q "1 passed, 0 failed" "$work/out" || fail "test_pass: counts"
  expect test_fail 1 - - -- test tested.qpl
  grep -q "expect s = 21: got 20" "$work/out" || fail "test_fail: shows expected and actual"
  expect test_bad_pattern 2 - - -- test tested.qpl --run "("
}

# Golden outputs of `qualify test` on tests/golden/test_runner, run from that folder so file
# names print relative: failures with expected vs actual and the explain trace, a table-driven
# test with a failing and an unreadable row, coverage (and a threshold), JSON and JUnit.
case_test_runner_goldens() {
  cd "$here/../golden/test_runner"
  expect test_runner_failures 1 test_runner_failures.out - -- test failures.qpl "${asof[@]}"
  expect test_runner_run 1 test_runner_run.out - -- test failures.qpl --run "exact|schema" "${asof[@]}"
  expect test_runner_table 1 test_runner_table.out - -- test table.qpl
  expect test_runner_because 1 test_runner_because.out - -- test because.qpl
  expect test_runner_coverage 0 test_runner_coverage.out - -- test coverage.qpl --coverage
  expect test_runner_threshold 1 test_runner_threshold.out - -- test coverage.qpl --coverage --threshold 50
  expect test_runner_threshold_json 1 - test_runner_threshold_json.err -- test coverage.qpl --coverage --threshold 50 --format json
  expect test_runner_json 1 test_runner_failures.json - -- test failures.qpl --format json "${asof[@]}"
  if command -v python3 >/dev/null; then
    python3 -m json.tool "$work/out" >/dev/null 2>&1 || fail "test_runner_json: not valid JSON"
  fi
  expect test_runner_junit 1 test_runner_failures.junit.xml - -- test failures.qpl --format junit "${asof[@]}"
  if command -v python3 >/dev/null; then
    python3 -c 'import sys, xml.dom.minidom; xml.dom.minidom.parse(sys.argv[1])' "$work/out" 2>/dev/null ||
      fail "test_runner_junit: not well-formed XML"
  fi
  cd "$here/data"
}

# Usage, I/O and policy errors: exit 2, nothing on stdout.
case_usage_errors() {
  expect bad_as_of 2 - - -- eval mini.qpl leads.ndjson --as-of 2026-02-30
  expect_empty bad_as_of out
  expect_stderr_has bad_as_of "2026-02-30"
  expect stdin_needs_format 2 - - -- eval mini.qpl -
  expect_stderr_has stdin_needs_format "--input-format"
  expect unknown_extension 2 - - -- eval mini.qpl mini.qpl
  expect missing_input 2 - - -- eval mini.qpl no-such-file.ndjson
  expect_stderr_has missing_input "no-such-file.ndjson"
  expect policy_error 2 - - -- eval broken.qpl leads.ndjson
  expect_empty policy_error out
  expect_stderr_has policy_error "budjet"
  expect json_array 1 - - -- eval mini.qpl array.json "${asof[@]}"
  head -1 "$work/out" | cmp -s - <(head -1 "$here/expected/two_files.out") || fail "json_array: first result"
  grep -q '^{"record":2,' "$work/out" || fail "json_array: a non-object element is an error line"
  expect json_not_array 2 - - -- eval mini.qpl not_array.json
  expect_stderr_has json_not_array "not_array.json"
  expect missing_policy 2 - - -- eval no-such-policy.qpl leads.ndjson
  grep -qxF "qualify: cannot read 'no-such-policy.qpl': no such file or directory" "$work/err" ||
    fail "missing_policy: $(head -c 300 "$work/err")"
  expect folder_policy 2 - - -- eval . leads.ndjson
  expect_stderr_has folder_policy "it is a folder"
  expect unknown_stage 2 - - -- eval mini.qpl leads.ndjson --why-not sq
  expect_stderr_has unknown_stage "did you mean 'sql'?"
  expect bad_format 2 - - -- eval mini.qpl leads.ndjson --format xml
  expect_stderr_has bad_format "qualify: --format: xml not in"
  expect_stderr_has bad_format "qualify eval --help"
  expect bad_jobs 2 - - -- eval mini.qpl leads.ndjson --jobs -1
  expect unknown_verb 2 - - -- evl mini.qpl
  expect_stderr_has unknown_verb "unknown command 'evl' (did you mean 'eval'?)"
  expect no_verb 2 - - --
  expect_stderr_has no_verb "a command is needed"
  expect help_verb 0 - - -- help
  grep -q "eval" "$work/out" || fail "help_verb: lists the verbs"
  expect help_eval 0 - - -- help eval
  grep -q -- "--why-not" "$work/out" || fail "help_eval: eval's options"
  expect help_unknown 2 - - -- help nosuch
  expect fmt_stdin_and_files 2 - - -- fmt - mini.qpl
  expect_stderr_has fmt_stdin_and_files "formatted alone"
  # A missing file argument shows the command's shape.
  expect diff_without_leads 2 - - -- diff mini.qpl mini.qpl
  expect_stderr_has diff_without_leads "Usage: qualify diff [OPTIONS] old new inputs..."
}

# Help and version.
case_help_version() {
  expect help 0 - - -- --help
  grep -q "eval" "$work/out" || fail "help: lists the verbs"
  expect eval_help 0 - - -- eval --help
  grep -q -- "--why-not" "$work/out" || fail "eval_help: lists --why-not"
  expect version 0 - - -- --version
  grep -q "^qualify [0-9]" "$work/out" || fail "version: prints 'qualify X.Y.Z'"
}

# lint: 1 on errors, 0 on a clean policy.
case_lint_status() {
  expect lint_clean 0 - - -- lint mini.qpl bare.qpl
  expect lint_errors 1 - - -- lint broken.qpl
  grep -q "budjet" "$work/out" || fail "lint_errors: names the unknown name"
  expect lint_json 1 - - -- lint broken.qpl mini.qpl --format json
  [[ $(head -c 1 "$work/out") == "[" ]] || fail "lint_json: a JSON array"
  expect lint_missing 2 - - -- lint no-such-folder
}

# Issue 16: aggregates, months and rule dates. Hand-computed, as of 2026-10-31 | 2026-11-01:
# C-1: 12 webinar points + 10 (last event 10-30, within a month) + 15 (autumn, until 10-31) + 5
#      (signed up 08-31 + 3 months = 11-30 > today) = 42 hot | 12 + 10 + 5 = 27 warm.
# C-2: 8 (8 + a webinar without points, `otherwise 0`) + 0 (last event 09-20, before 09-30 |
#      10-01) + 15 | 0 + 0 (07-31 + 3 months = 10-31, not after today) = 23 warm | 8 warm.
# C-3: no event: sum 0, max unknown (+0), no webinar, 01-15 + 3 months passed = 0 cold | 0 cold.
case_campaign() {
  expect campaign_in 0 campaign_in.out - -- eval campaign.qpl campaign.ndjson --as-of 2026-10-31
  expect campaign_after 0 campaign_after.out - -- eval campaign.qpl campaign.ndjson --as-of 2026-11-01
  expect lint_as_of_live 0 - - -- lint --strict campaign.qpl --as-of 2026-10-31
  expect lint_as_of_expired 1 - - -- lint --strict campaign.qpl --as-of 2026-11-01
  grep -q "QPL451" "$work/out" || fail "lint_as_of_expired: reports the expired rule"
  expect lint_as_of_bad 2 - - -- lint campaign.qpl --as-of 2026-13-01
}

# Issue 16: score decay, as of 2026-11-01, hand-computed. D-1: a webinar 45 days old, 10 x 0.5^1.5 =
# 3.5355339059327378, and a page view 28 days old, 4 x (1 - 28/56) = 2: 5.535533905932738 warm.
# D-2: webinars of today (10), 30 days old (5) and next month (a future date counts as today: 10):
# 25, up to 15: hot; its page view is 92 days old, past the 8 weeks: 0. D-3: a webinar without a
# date makes its rule unknown (null in the ledger, not 0); the page view of today gives 4: warm.
# D-4: no events: both rules unknown, cold.
case_decay() {
  expect decay_ledger 0 decay.out - -- eval decay.qpl decay.ndjson --as-of 2026-11-01 --ledger
  expect decay_why_not 0 decay.why_not.out - -- eval decay.qpl decay.ndjson --as-of 2026-11-01 --format table --why-not hot
  expect decay_test 0 - - -- test decay.qpl
  expect decay_fmt 0 - - -- fmt --check decay.qpl
}

# Issue 16: grades and bands follow the scores on each line, a column each in CSV and tables;
# unknown is null. G-1: fit saas, 45 points: A, warm, tier 2, A2 -> sql. G-2: B, 20 points is warm
# (a bound belongs to the band above). G-4: size missing, fit unknown: grade unknown, not B or D.
case_grades() {
  expect grades_ndjson 0 grades.out - -- eval grades.qpl grades.ndjson
  expect grades_csv 0 grades.csv.out - -- eval grades.qpl grades.ndjson --format csv
  expect grades_table 0 grades.table.out - -- eval grades.qpl grades.ndjson --format table
  expect grades_fmt 0 - - -- fmt --check grades.qpl
}

# Issue 11: a cycle is one error, in every command, also when two policies of one run import the
# file it is in, and after a REPL :reload.
case_cycle_once() {
  mkdir -p "$work/cycle"
  printf 'fields {\n  id: text\n  size: number\n}\nlet s = fit\nicp fit {\n  require s\n  require not s\n}\n' \
    >"$work/cycle/common.qpl"
  for name in a b; do
    printf 'import "common.qpl"\nfunnel {\n  x when fit\n  y otherwise\n}\n' >"$work/cycle/$name.qpl"
  done
  printf '{"id":"1","size":3}\n' >"$work/cycle/leads.ndjson"
  cycle_count() { grep -c "depends on itself: s -> fit -> s" "$work/out" "$work/err" | awk -F: '{ n += $2 } END { print n }'; }
  for run in "lint 1 $work/cycle" "test 2 $work/cycle" "eval 2 $work/cycle/a.qpl $work/cycle/leads.ndjson"; do
    set -- $run
    verb=$1 status=$2
    shift 2
    expect "cycle_once_$verb" "$status" - - -- "$verb" "$@"
    [[ $(cycle_count) == 1 ]] || fail "cycle_once_$verb: the cycle is reported $(cycle_count) times"
  done
  printf 'fields {\n  id: text\n  size: number\n}\nlet s = size > 0\nicp fit {\n  require s\n}\n' >"$work/cycle/r.qpl"
  { sleep 1; cp "$work/cycle/common.qpl" "$work/cycle/r.qpl"; echo ':reload'; echo ':quit'; } |
    "$qualify" repl "$work/cycle/r.qpl" >"$work/out" 2>"$work/err"
  [[ $(cycle_count) == 1 ]] || fail "cycle_once_repl: the cycle is reported $(cycle_count) times after :reload"
}

# lint reads each test's `leads from` table: its header against the fields (QPL510/511 at the
# `leads from` line), its own mistakes (QPL312/313 at the cell), a missing file (QPL314).
case_lint_test_tables() {
  mkdir -p "$work/table"
  printf 'fields {\n  id: text\n  size: number\n  vip: bool?\n}\ntest "rows" {\n  leads from "cases.csv"\n}\ntest "gone" {\n  leads from "gone.csv"\n}\n' \
    >"$work/table/t.qpl"
  printf 'id,Size,expected_\nA,1,\nA,2,\n' >"$work/table/cases.csv"
  expect lint_table 1 - - -- lint --format json "$work/table/t.qpl"
  for code in QPL511 QPL510 QPL312 QPL313 QPL314; do
    [[ $(grep -o "\"$code\"" "$work/out" | wc -l) == 1 ]] || fail "lint_table: $code is reported once"
  done
  grep -q 'did you mean \\"Size\\"' "$work/out" || fail "lint_table: suggests the header's spelling"
}

# The REPL driven through a pipe, as scripts use it: no prompt, no colour, one answer per line;
# the same transcripts as tests/golden/repl (which drive the Session directly).
case_repl_pipe() {
  repo=$(cd "$here/../.." && pwd)
  for transcript in basics errors; do
    (cd "$repo" && "$qualify" repl policies/acme.qpl --as-of 2026-11-01 \
        <"tests/golden/repl/$transcript.in" >"$work/repl.out" 2>&1)
    cmp -s "$work/repl.out" "$repo/tests/golden/repl/$transcript.out" ||
      fail "repl_pipe_$transcript: output differs: $(diff "$repo/tests/golden/repl/$transcript.out" "$work/repl.out" | head -20)"
    grep -q $'\e' "$work/repl.out" && fail "repl_pipe_$transcript: escape codes in piped output"
  done
}

# A messy CRM export read with field options (trim, lower, formats, unreadable missing): the
# unreadable budget is missing and reported; without the options, eval warns about case.
case_messy() {
  expect messy 1 messy.out messy.err -- eval messy.qpl messy.csv --summary "${asof[@]}"
  expect messy_exact 0 messy_exact.out messy_exact.err -- eval messy_exact.qpl messy.csv --unreadable missing "${asof[@]}"
  expect messy_exact_strict 1 - - -- eval messy_exact.qpl messy.csv "${asof[@]}"
  expect_stderr_has messy_exact_strict 'industry: 1 lead has "SaaS", the policy lists "saas"'
  # With --jobs each thread watches the records it reads and the watches are merged: the
  # warnings (counts, first records, spellings) are those of one thread.
  { head -1 messy.csv; for _ in $(seq 400); do tail -n +2 messy.csv; done; } >"$work/messy_many.csv"
  "$qualify" eval messy_exact.qpl "$work/messy_many.csv" --unreadable missing "${asof[@]}" \
    >"$work/one.out" 2>"$work/one.err" || fail "messy_jobs: one thread"
  "$qualify" eval messy_exact.qpl "$work/messy_many.csv" --unreadable missing --jobs 3 "${asof[@]}" \
    >"$work/three.out" 2>"$work/three.err" || fail "messy_jobs: three threads"
  cmp -s "$work/one.out" "$work/three.out" || fail "messy_jobs: results differ with --jobs 3"
  cmp -s "$work/one.err" "$work/three.err" || fail "messy_jobs: warnings differ with --jobs 3: $(diff "$work/one.err" "$work/three.err" | head -5)"
  grep -qF 'budget: 800 unreadable values read as missing (first: record 3,' "$work/one.err" ||
    fail "messy_jobs: $(head -c 300 "$work/one.err")"
}

# A ';' export with French numbers ("50 000", "12 500,50") and dates: the whole output, the
# warnings and the --summary counts; "10.000" does not fit "1 000,00" and is read as missing.
case_messy_fr() {
  expect messy_fr 1 messy_fr.out messy_fr.err -- eval messy_fr.qpl messy_fr.csv --summary "${asof[@]}"
}

# An export more than a year old, judged without --as-of: one warning suggests --as-of, naming
# the latest date; none with --as-of, and none when no rule counts days from today.
case_old_export() {
  expect old_export 0 - - -- eval old_export.qpl old_export.ndjson
  expect_stderr_has old_export 'warning: the latest date in the leads is 2019-03-30 (last_visit), more than a year before today ('
  expect_stderr_has old_export 'give --as-of DATE to judge them as of the day of the export'
  [[ $(wc -l <"$work/err") == 1 ]] || fail "old_export: one warning expected: $(cat "$work/err")"
  expect old_export_as_of 0 - - -- eval old_export.qpl old_export.ndjson --as-of 2019-04-01
  expect_empty old_export_as_of err
  expect old_export_undated 0 - - -- eval old_export_undated.qpl old_export.ndjson
  expect_empty old_export_undated err
}

run_cases "${@:2}"
