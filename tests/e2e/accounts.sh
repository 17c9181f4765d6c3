#!/usr/bin/env bash
# End-to-end tests of accounts (docs/commands.md, "Accounts"): whole outputs of `eval` with an
# `account` block and `--accounts`, the refusals, --jobs, and a property: on generated files,
# every account's values equal the ones this script computes by grouping and folding itself.
# Usage: accounts.sh /path/to/qualify [CASE]   (QUALIFY_BLESS=1 rewrites the expected files)
set -uo pipefail
qualify=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
source "$here/cases.sh"
repo=$(cd "$here/../.." && pwd)
cd "$repo"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# same NAME FILE: compares FILE with expected/accounts/NAME (QUALIFY_BLESS=1 rewrites it).
same() {
  if [[ ${QUALIFY_BLESS:-} == 1 ]]; then
    cp "$2" "$here/expected/accounts/$1"
  elif ! diff -u "$here/expected/accounts/$1" "$2" >"$work/diff"; then
    fail "$1 differs"
    head -40 "$work/diff"
  fi
}

data=tests/e2e/data/accounts
asof=(--as-of 2026-11-01)

# The leads' results, the account lines in NDJSON and CSV, and the summary's line.
case_whole() {
  "$qualify" eval $data/policy.qpl $data/leads.csv "${asof[@]}" --accounts "$work/acc.ndjson" --summary \
    >"$work/out" 2>"$work/err" || fail "eval: status $?"
  same leads.ndjson "$work/out"
  same accounts.ndjson "$work/acc.ndjson"
  same summary.err "$work/err"
  "$qualify" eval $data/policy.qpl $data/leads.csv "${asof[@]}" --accounts "$work/acc.csv" >/dev/null ||
    fail "eval --accounts csv: status $?"
  same accounts.csv "$work/acc.csv"
  # --jobs gives the same bytes.
  "$qualify" eval $data/policy.qpl $data/leads.csv "${asof[@]}" --jobs 3 >"$work/out3" 2>/dev/null
  cmp -s "$work/out" "$work/out3" || fail "--jobs 3 differs from --jobs 1"
  # The test block's lead gives its own account.
  "$qualify" test $data/policy.qpl >/dev/null || fail "qualify test failed"
  # report counts the stages eval gives; diff builds each side's table from its own policy.
  "$qualify" report $data/policy.qpl $data/leads.csv "${asof[@]}" --format json >"$work/report.json" ||
    fail "report: status $?"
  python3 - "$work/report.json" <<'PY' || fail "report: its stages differ from eval's"
import json, sys
stages = {s["stage"]: s["leads"] for s in json.load(open(sys.argv[1]))["stages"]}
assert stages == {"sql": 3, "mql": 2, "prospect": 1}, stages
PY
  sed 's/account.senior_engaged >= 2/account.senior_engaged >= 3/' $data/policy.qpl >"$work/stricter.qpl"
  "$qualify" diff $data/policy.qpl "$work/stricter.qpl" $data/leads.csv "${asof[@]}" --format json >"$work/diff.json" ||
    fail "diff: status $?"
  python3 - "$work/diff.json" <<'PY' || fail "diff: the moves are not the buying group's three leads"
import json, sys
report = json.load(open(sys.argv[1]))
assert report["changed"] == 3, report["changed"]
assert {(m["from"], m["to"]): m["count"] for m in report["moves"]} == {("sql", "mql"): 2, ("sql", "prospect"): 1}
PY
}

# Stdin, a pipe and a policy without accounts given --accounts: status 2, one line saying why.
case_refusals() {
  "$qualify" eval $data/policy.qpl - --input-format csv <$data/leads.csv >/dev/null 2>"$work/err"
  [[ $? == 2 ]] || fail "stdin: expected status 2"
  grep -q "declares 'account', so its leads are read twice: give them as files, not stdin" "$work/err" ||
    fail "stdin: $(cat "$work/err")"
  "$qualify" eval $data/policy.qpl <(cat $data/leads.csv) --input-format csv >/dev/null 2>"$work/err"
  [[ $? == 2 ]] || fail "pipe: expected status 2"
  "$qualify" eval policies/acme.qpl examples/acme_leads.ndjson --accounts "$work/a.ndjson" >/dev/null 2>"$work/err"
  [[ $? == 2 ]] || fail "--accounts without an account block: expected status 2"
  grep -q "declares no 'account' block" "$work/err" || fail "--accounts: $(cat "$work/err")"
  "$qualify" eval $data/policy.qpl $data/leads.csv -o "$work/same.ndjson" --accounts "$work/./same.ndjson" >/dev/null 2>"$work/err"
  [[ $? == 2 ]] || fail "--accounts and --output the same file: expected status 2"
  "$qualify" eval $data/policy.qpl $data/leads.csv --accounts "$work/accounts.txt" >/dev/null 2>"$work/err"
  [[ $? == 2 ]] || fail "--accounts with an unknown extension: expected status 2"
  "$qualify" eval $data/policy.qpl $data/leads.csv --accounts $data/leads.csv >/dev/null 2>"$work/err"
  [[ $? == 2 ]] || fail "--accounts onto an input: expected status 2"
  [[ $(wc -l <$data/leads.csv) == 7 ]] || fail "--accounts wrote over an input"
  "$qualify" report $data/policy.qpl - --input-format csv <$data/leads.csv >/dev/null 2>"$work/err"
  [[ $? == 2 ]] || fail "report from stdin: expected status 2"
  grep -q "declares 'account', so its leads are read twice" "$work/err" || fail "report: $(cat "$work/err")"
}

# Generated files: the account lines and each lead's account.* against an independent fold.
case_property() {
  for seed in 1 2 3 4 5 6 7 8; do
    python3 - "$seed" "$work/leads.ndjson" <<'PY'
import json, random, sys
random.seed(int(sys.argv[1]))
with open(sys.argv[2], "w") as f:
    # Seeds 7 and 8 span several batches of pass 1 (256 records each), on several threads.
    for i in range(random.randint(1, 60) if int(sys.argv[1]) <= 6 else random.randint(600, 2500)):
        lead = {"id": str(i), "seniority": random.choice(["ic", "vp"])}
        if random.random() < 0.9:
            lead["domain"] = random.choice(["a.io", "B.io", "b.io", "c.com", "d.net", "e.org"])
        if random.random() < 0.85:
            lead["clicks"] = random.choice([0, 1, 2, 3.5, 6, 10, -2])
        f.write(json.dumps(lead) + "\n")
PY
    "$qualify" eval $data/property.qpl "$work/leads.ndjson" "${asof[@]}" --jobs 2 \
      --accounts "$work/acc.ndjson" >"$work/out" 2>/dev/null || fail "seed $seed: eval status $?"
    # The same bytes, results and accounts, on 1 and 3 threads.
    "$qualify" eval $data/property.qpl "$work/leads.ndjson" "${asof[@]}" --jobs 1 \
      --accounts "$work/acc1.ndjson" >"$work/out1" 2>/dev/null || fail "seed $seed: eval --jobs 1 status $?"
    "$qualify" eval $data/property.qpl "$work/leads.ndjson" "${asof[@]}" --jobs 3 \
      --accounts "$work/acc3.ndjson" >"$work/out3" 2>/dev/null || fail "seed $seed: eval --jobs 3 status $?"
    cmp -s "$work/out" "$work/out1" && cmp -s "$work/out" "$work/out3" || fail "seed $seed: results differ with --jobs"
    cmp -s "$work/acc.ndjson" "$work/acc1.ndjson" && cmp -s "$work/acc.ndjson" "$work/acc3.ndjson" ||
      fail "seed $seed: accounts differ with --jobs"
    python3 - "$work/leads.ndjson" "$work/out" "$work/acc.ndjson" <<'PY' || fail "seed $seed: account values differ"
import json, sys
leads = [json.loads(l) for l in open(sys.argv[1])]
groups, order = {}, []
for lead in leads:
    key = lead.get("domain")
    if key is None:
        continue
    key = key.lower()
    if key not in groups:
        groups[key] = []
        order.append(key)
    groups[key].append(lead)
def fold(contacts):
    clicks = [c.get("clicks") for c in contacts]
    vps = sum(1 for c in contacts if c["seniority"] == "vp")
    total = None if any(x is None for x in clicks) else sum(clicks)
    vp_clicks = [c.get("clicks") for c in contacts if c["seniority"] == "vp"]
    top = None if not vp_clicks or any(x is None for x in vp_clicks) else max(vp_clicks)
    big = [None if x is None else x > 5 for x in clicks]
    any_big = True if True in big else (None if None in big else False)
    mean = None if not clicks or any(x is None for x in clicks) else sum(clicks) / len(clicks)
    return {"vps": vps, "total": total, "top_vp": top, "any_big": any_big, "mean": mean}
lines = [json.loads(l) for l in open(sys.argv[3])]
assert [l["account"] for l in lines] == order, ([l["account"] for l in lines], order)
for line in lines:
    want = fold(groups[line["account"]])
    assert line["contacts"] == len(groups[line["account"]]), line
    for name, value in want.items():
        got = line["values"][name]
        ok = got == value if not isinstance(value, float) else abs(got - value) < 1e-9
        assert ok, (line["account"], name, got, value)
results = [json.loads(l) for l in open(sys.argv[2])]
assert len(results) == len(leads)
for lead, result in zip(leads, results):
    key = lead.get("domain")
    want = fold(groups[key.lower()]) if key is not None else None
    assert result["scores"]["s_vps"] == (want["vps"] if want else 0), (lead, result)
    assert result["gates"]["g"]["big"] == (want["any_big"] if want else None), (lead, result)
PY
  done
}

run_cases "${@:2}"
