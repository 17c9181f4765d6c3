#!/usr/bin/env bash
# Stage memory (`eval --previous`, docs/commands.md): whole outputs compared with expected files.
# Usage: memory.sh /path/to/qualify [CASE]   (QUALIFY_BLESS=1 rewrites the expected files).
set -uo pipefail
qualify=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
source "$here/cases.sh"
cd "$here/data"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# expect NAME STATUS STDOUT_FILE|- STDERR_FILE|- -- ARGS...
expect() {
  local name=$1 status=$2 out_file=$3 err_file=$4
  shift 5
  "$qualify" "$@" </dev/null >"$work/out" 2>"$work/err"
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

asof=(--as-of 2026-11-01)

# Without --previous every lead is new; a policy with memory still writes `since`.
case_memory_new() {
  expect memory_new 1 memory_new.out memory_new.err -- eval memory.qpl memory_leads.ndjson "${asof[@]}"
}

# The join: each unusable line of the previous results is one warning with its file:line, the
# ids no lead had are one warning after the run, and every lead gets its line.
case_memory_previous() {
  expect memory_previous 1 memory_previous.out memory_previous.err -- \
    eval memory.qpl memory_leads.ndjson --previous memory_previous.ndjson "${asof[@]}"
  expect memory_previous_csv 1 memory_previous.csv.out - -- \
    eval memory.qpl memory_leads.ndjson --previous memory_previous.ndjson --format csv "${asof[@]}"
}

# Running again with the first run's results, NDJSON or CSV, changes nothing: the leads did not
# change, so neither do their stages nor the dates they entered them (a day later included).
case_memory_twice() {
  "$qualify" eval memory.qpl memory_leads.ndjson --previous memory_previous.ndjson "${asof[@]}" \
    -o "$work/first.ndjson" 2>/dev/null
  "$qualify" eval memory.qpl memory_leads.ndjson --previous memory_previous.ndjson --format csv "${asof[@]}" \
    -o "$work/first.csv" 2>/dev/null
  expect twice_ndjson 1 memory_previous.out - -- eval memory.qpl memory_leads.ndjson --previous "$work/first.ndjson" "${asof[@]}"
  [[ ! -s "$work/err" ]] || fail "twice_ndjson: no warning expected, got: $(head -c 300 "$work/err")"
  expect twice_csv 1 memory_previous.out - -- eval memory.qpl memory_leads.ndjson --previous "$work/first.csv" "${asof[@]}"
  expect twice_later 1 - - -- eval memory.qpl memory_leads.ndjson --previous "$work/first.ndjson" --as-of 2026-11-02
  grep -q '"id":"M-3","stage":"mql","because":"engagement >= 15","since":"2026-10-01"' "$work/out" ||
    fail "twice_later: M-3 stays an MQL since 2026-10-01"
  grep -q '"id":"M-5","stage":"prospect","because":"otherwise","since":"2026-11-01"' "$work/out" ||
    fail "twice_later: M-5 stays a prospect since the first run"
}

# A policy that does not read its memory: results unchanged without --previous, `since` with it.
case_memory_plain_policy() {
  expect plain 0 - - -- eval mini.qpl good.ndjson "${asof[@]}"
  if grep -q '"since"' "$work/out"; then fail "plain: no since without --previous"; fi
  "$qualify" eval mini.qpl good.ndjson --as-of 2026-10-01 -o "$work/before.ndjson" || fail "plain: first run"
  expect plain_previous 0 memory_plain.out - -- eval mini.qpl good.ndjson --previous "$work/before.ndjson" "${asof[@]}"
  expect_empty_err plain_previous
}

# --output may not be the previous results (emptied before they are read); a missing file: exit 2.
case_memory_refused() {
  cp memory_previous.ndjson "$work/results.ndjson"
  expect same_file 2 - - -- eval memory.qpl memory_leads.ndjson --previous "$work/results.ndjson" -o "$work/results.ndjson" "${asof[@]}"
  cmp -s memory_previous.ndjson "$work/results.ndjson" || fail "same_file: the previous results were touched"
  expect no_file 2 - - -- eval memory.qpl memory_leads.ndjson --previous "$work/none.ndjson" "${asof[@]}"
  grep -qF "none.ndjson" "$work/err" || fail "no_file: the message names the file: $(cat "$work/err")"
}

# Forward-only funnels (docs/language.md): three runs, each fed the results of the one before.
# Day 2 holds leads whose lines fall back (`held`), day 3 recycles quiet ones (`recycled`); a
# disqualified lead comes back freely (a side stage).
case_forward_runs() {
  expect forward_day1 0 forward_day1.out - -- eval forward.qpl forward_day1.ndjson --as-of 2026-07-01
  cp "$work/out" "$work/day1.ndjson"
  expect forward_day2 0 forward_day2.out - -- eval forward.qpl forward_day2.ndjson --previous "$work/day1.ndjson" --as-of 2026-08-01
  cp "$work/out" "$work/day2.ndjson"
  expect forward_day3 0 forward_day3.out - -- eval forward.qpl forward_day3.ndjson --previous "$work/day2.ndjson" --as-of 2026-11-01
  expect forward_day3_csv 0 forward_day3.csv.out - -- eval forward.qpl forward_day3.ndjson --previous "$work/day2.ndjson" --as-of 2026-11-01 --format csv
  expect forward_day3_table 0 forward_day3.table.out - -- eval forward.qpl forward_day3.ndjson --previous "$work/day2.ndjson" --as-of 2026-11-01 --format table
  expect forward_day3_explain 0 forward_day3.explain.out - -- eval forward.qpl forward_day3.ndjson --previous "$work/day2.ndjson" --as-of 2026-11-01 --format table --explain
  expect forward_day3_why_not 0 forward_day3.why_not.out - -- eval forward.qpl forward_day3.ndjson --previous "$work/day2.ndjson" --as-of 2026-11-01 --format table --why-not mql
  # The summary counts final stages: held and recycled leads where they are, not where the lines put them.
  expect forward_day3_summary 0 - forward_day3.summary.err -- eval forward.qpl forward_day3.ndjson --previous "$work/day2.ndjson" --as-of 2026-11-01 --summary -o "$work/results.ndjson"
  # The CSV results are a --previous too.
  "$qualify" eval forward.qpl forward_day2.ndjson --previous "$work/day1.ndjson" --as-of 2026-08-01 --format csv -o "$work/day2.csv"
  expect forward_day3_from_csv 0 forward_day3.out - -- eval forward.qpl forward_day3.ndjson --previous "$work/day2.csv" --as-of 2026-11-01
}

# Without --previous every lead is new: the lines' stage, no `held` or `recycled`.
case_forward_new() {
  expect forward_new 0 - - -- eval forward.qpl forward_day3.ndjson --as-of 2026-11-01
  if grep -q '"held"\|"recycled"' "$work/out"; then fail "forward_new: a new lead is never held or recycled"; fi
  grep -q '"id":"F-4","stage":"prospect","because":"otherwise","since":"2026-11-01","scores"' "$work/out" ||
    fail "forward_new: F-4 gets the lines' stage"
}

# Unchanged leads run again on their own results: every stage and since stays; the recycled
# leads stay in nurture through the policy's "still quiet" line, and a third run changes no byte.
case_forward_twice() {
  "$qualify" eval forward.qpl forward_day1.ndjson --as-of 2026-07-01 -o "$work/day1.ndjson"
  "$qualify" eval forward.qpl forward_day2.ndjson --previous "$work/day1.ndjson" --as-of 2026-08-01 -o "$work/day2.ndjson"
  "$qualify" eval forward.qpl forward_day3.ndjson --previous "$work/day2.ndjson" --as-of 2026-11-01 -o "$work/first.ndjson"
  "$qualify" eval forward.qpl forward_day3.ndjson --previous "$work/first.ndjson" --as-of 2026-11-01 -o "$work/second.ndjson"
  "$qualify" eval forward.qpl forward_day3.ndjson --previous "$work/second.ndjson" --as-of 2026-11-01 -o "$work/third.ndjson"
  local strip='s/"because":"[^"]*",//; s/,"held":"[^"]*"//; s/,"recycled":true//'
  diff <(sed "$strip" "$work/first.ndjson") <(sed "$strip" "$work/second.ndjson") >"$work/diff" ||
    { fail "forward_twice: a stage or since changed on the second run"; cat "$work/diff"; }
  cmp -s "$work/second.ndjson" "$work/third.ndjson" || fail "forward_twice: the third run differs from the second"
  [[ $(grep -c '"held"' "$work/second.ndjson") == 3 ]] || fail "forward_twice: the held leads stay held"
}

# The policy's test blocks give their leads a previous stage: held, recycled and new leads.
case_forward_tests() {
  expect forward_tests 0 - - -- test forward.qpl
  grep -q "3 passed, 0 failed" "$work/out" || fail "forward_tests: $(cat "$work/out")"
  # --coverage counts the recycle line, true in one test and false in another.
  expect forward_coverage 0 - - -- test --coverage forward.qpl
  grep -q "1 of 6 rules seen both holding and not holding" "$work/out" || fail "forward_coverage: $(cat "$work/out")"
  if grep -q "recycle to" "$work/out"; then fail "forward_coverage: the recycle line is covered"; fi
}

# SLAs (docs/language.md, "SLAs"): Monday's run, then the week's runs on Monday's leads fed
# Monday's results. S-1 became an MQL on Monday (within 1 day: fine Tuesday, overdue Wednesday),
# S-2 an SQL (within 1 week: overdue the Tuesday after), S-5 an MQL on Tuesday; S-4 is an error
# line on every list.
case_sla_week() {
  expect sla_monday 1 sla_monday.out - -- eval sla.qpl sla_monday.ndjson --as-of 2026-11-02
  cp "$work/out" "$work/monday.ndjson"
  expect sla_tuesday 1 sla_tuesday.out - -- eval sla.qpl sla_tuesday.ndjson --previous "$work/monday.ndjson" --as-of 2026-11-03
  cp "$work/out" "$work/tuesday.ndjson"
  expect sla_wednesday_csv 1 sla_wednesday.csv.out - -- eval sla.qpl sla_tuesday.ndjson --previous "$work/tuesday.ndjson" --as-of 2026-11-04 --format csv
  expect sla_wednesday_table 1 sla_wednesday.table.out - -- eval sla.qpl sla_tuesday.ndjson --previous "$work/tuesday.ndjson" --as-of 2026-11-04 --format table
}

# --overdue is the morning list: only the overdue leads, with every error line, in input order.
case_sla_overdue() {
  "$qualify" eval sla.qpl sla_monday.ndjson --as-of 2026-11-02 -o "$work/monday.ndjson" 2>/dev/null
  # New leads enter their stage with this run: none is overdue.
  expect sla_overdue_new 1 sla_overdue_new.out - -- eval sla.qpl sla_monday.ndjson --as-of 2026-11-02 --overdue
  expect sla_overdue_tuesday 1 sla_overdue_new.out - -- eval sla.qpl sla_monday.ndjson --previous "$work/monday.ndjson" --as-of 2026-11-03 --overdue
  expect sla_overdue_wednesday 1 sla_overdue_wednesday.out - -- eval sla.qpl sla_monday.ndjson --previous "$work/monday.ndjson" --as-of 2026-11-04 --overdue
  expect sla_overdue_next_week 1 sla_overdue_next_week.out - -- eval sla.qpl sla_monday.ndjson --previous "$work/monday.ndjson" --as-of 2026-11-10 --overdue
  expect sla_overdue_csv 1 sla_overdue_wednesday.csv.out - -- eval sla.qpl sla_monday.ndjson --previous "$work/monday.ndjson" --as-of 2026-11-04 --overdue --format csv
  # A policy without an sla has nothing to be overdue: a usage error.
  expect sla_overdue_no_sla 2 - sla_overdue_no_sla.err -- eval memory.qpl memory_leads.ndjson --overdue "${asof[@]}"
  expect sla_tests 0 - - -- test sla.qpl
}

# Hour SLAs (docs/language.md, "Hour SLAs"): the first run at 09:14 UTC, then the same leads fed
# its results at 13:14 (age 4: fine) and at 15:14+01:00, which is 14:14 UTC (age 5: overdue by 1
# hour). A hand-written previous file with a date-only since (00:00 UTC) and one with an offset.
# The MQL's day SLA, and the date fields holding date-times, read as they always did.
case_sla_hours() {
  expect sla_hours_first 1 sla_hours_first.out - -- eval sla_hours.qpl sla_hours_leads.ndjson --as-of 2026-11-02T09:14:00Z
  cp "$work/out" "$work/first.ndjson"
  expect sla_hours_four 1 sla_hours_four.out - -- eval sla_hours.qpl sla_hours_leads.ndjson --previous "$work/first.ndjson" --as-of 2026-11-02T13:14:00Z
  # Fed its own results, a run gives every lead the same since (the time of day read back).
  cp "$work/out" "$work/four.ndjson"
  expect sla_hours_again 1 sla_hours_four.out - -- eval sla_hours.qpl sla_hours_leads.ndjson --previous "$work/four.ndjson" --as-of 2026-11-02T13:14:00Z
  expect sla_hours_five 1 sla_hours_five.out - -- eval sla_hours.qpl sla_hours_leads.ndjson --previous "$work/first.ndjson" --as-of 2026-11-02T15:14:00+01:00
  expect sla_hours_overdue 1 sla_hours_overdue.out - -- eval sla_hours.qpl sla_hours_leads.ndjson --previous "$work/first.ndjson" --as-of 2026-11-02T15:14:00+01:00 --overdue
  expect sla_hours_csv 1 sla_hours_previous.csv.out - -- eval sla_hours.qpl sla_hours_leads.ndjson --previous sla_hours_previous.ndjson --as-of 2026-11-02T09:14:00Z --format csv
  expect sla_hours_csv_in 1 sla_hours_previous.csv.out - -- eval sla_hours.qpl sla_hours_leads.ndjson --previous sla_hours_previous.csv --as-of 2026-11-02T09:14:00Z --format csv
  expect sla_hours_table 1 sla_hours_previous.table.out - -- eval sla_hours.qpl sla_hours_leads.ndjson --previous sla_hours_previous.csv --as-of 2026-11-02T09:14:00Z --format table
  # A date alone is 00:00 UTC.
  expect sla_hours_midnight 1 sla_hours_midnight.out - -- eval sla_hours.qpl sla_hours_leads.ndjson --previous sla_hours_previous.ndjson --as-of 2026-11-02
  expect sla_hours_tests 0 - - -- test sla_hours.qpl
  # A policy with day SLAs only gives the same bytes for a date-time --as-of as for its date.
  expect sla_day_datetime 1 sla_monday.out - -- eval sla.qpl sla_monday.ndjson --as-of 2026-11-02T17:45:00Z
  expect sla_day_offset 1 sla_monday.out - -- eval sla.qpl sla_monday.ndjson --as-of "2026-11-02 23:30:00-05:00"
  expect sla_bad_as_of 2 - sla_bad_as_of.err -- eval sla_hours.qpl sla_hours_leads.ndjson --as-of 2026-11-02T25:00:00Z
  # A since whose time of day does not read (an offset of +25:00) is said, not taken as 00:00 silently.
  expect sla_hours_bad_time 1 sla_hours_bad_time.out sla_hours_bad_time.err -- eval sla_hours.qpl sla_hours_leads.ndjson --previous sla_hours_bad_time.ndjson --as-of 2026-11-02T13:14:00Z
  # Results with a stage but no since: their leads count from now, said once for the file.
  expect sla_hours_no_since 1 sla_hours_no_since.out sla_hours_no_since.err -- eval sla_hours.qpl sla_hours_leads.ndjson --previous sla_hours_no_since.ndjson --as-of 2026-11-02T13:14:00Z
}

# The SLA state in explanations (text, compact and tree, and the JSON tree) and in test blocks'
# expectations; a policy without an sla explains as it always did (the other goldens).
case_sla_explain() {
  expect sla_explain_text 1 sla_explain.table.out - -- eval sla_hours.qpl sla_hours_leads.ndjson --previous sla_hours_previous.csv --as-of 2026-11-02T09:14:00Z --format table --explain
  expect sla_explain_tree 1 sla_explain_tree.table.out - -- eval sla_hours.qpl sla_hours_leads.ndjson --previous sla_hours_previous.csv --as-of 2026-11-02T09:14:00Z --format table --explain=tree
  expect sla_explain_json 1 sla_explain.out - -- eval sla_hours.qpl sla_hours_leads.ndjson --previous sla_hours_previous.csv --as-of 2026-11-02T09:14:00Z --explain
  expect sla_expect 1 sla_expect.out - -- test sla_expect.qpl
}

expect_empty_err() {
  [[ ! -s "$work/err" ]] || fail "$1: expected no stderr, got: $(head -c 300 "$work/err")"
}

run_cases "${@:2}"
