#!/usr/bin/env bash
# End-to-end tests of `qualify eval --ledger` and `--audit` (docs/commands.md, "The ledger", "The
# audit stamp"): whole outputs on the bundled acme policy and on a policy with an import
# (tests/e2e/data/ledger), compared with tests/e2e/expected/ledger.
# Usage: ledger.sh /path/to/qualify [CASE]   (QUALIFY_BLESS=1 rewrites the expected files)
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
    cp "$work/out" "$here/expected/ledger/$expected"
  elif ! diff -u "$here/expected/ledger/$expected" "$work/out" >"$work/diff"; then
    fail "$name: stdout differs"
    head -40 "$work/diff"
  fi
}

data=tests/e2e/data/ledger
asof=(--as-of 2026-11-01)

# The bundled policy and its example leads: every line's ledger, in NDJSON and in CSV.
case_acme() {
  expect acme_ndjson 1 acme.ndjson -- eval policies/acme.qpl examples/acme_leads.ndjson --ledger "${asof[@]}"
  expect acme_csv 1 acme.csv -- eval policies/acme.qpl examples/acme_leads.ndjson --ledger --format csv "${asof[@]}"
  # The same stages and scores as without --ledger: the ledger only adds a member.
  "$qualify" eval policies/acme.qpl examples/acme_leads.ndjson "${asof[@]}" >"$work/plain" 2>/dev/null
  sed 's/,"ledger":{.*}}$/}/' "$here/expected/ledger/acme.ndjson" | cmp -s - "$work/plain" ||
    fail "acme: the lines without their ledger differ from a run without --ledger"
  # The invariant: on every line, each score is the sum of its ledger's known points.
  python3 - "$here/expected/ledger/acme.ndjson" <<'PY' || fail "acme: a ledger does not add up to its score"
import json, sys
for line in open(sys.argv[1]):
    r = json.loads(line)
    if "error" in r:
        continue
    for name, entries in r["ledger"].items():
        total = sum(e["points"] for e in entries if e["points"] is not None)
        assert abs(total - r["scores"][name]) < 1e-9, (r["id"], name, total, r["scores"][name])
PY
}

# Imported rules carry their file; clamps, unknown points and error lines; the stamp's members.
case_imports_audit() {
  expect imports_ndjson 1 imports.ndjson -- eval $data/main.qpl $data/leads.ndjson --ledger --audit "${asof[@]}"
  expect imports_csv 1 imports.csv -- eval $data/main.qpl $data/leads.ndjson --ledger --audit --format csv "${asof[@]}"
  expect imports_table 1 imports.table -- eval $data/main.qpl $data/leads.ndjson --ledger --audit --format table "${asof[@]}"
}

# The stamp's hash is the documented recipe: each file's sha256 in load order, hashed again; a
# policy without imports is its file's own sha256; an edit to an imported file changes it.
case_audit_hash() {
  local expected actual imports_hash
  expected=$(sha256sum $data/main.qpl $data/shared/points.qpl | cut -c1-64 | sha256sum | cut -c1-64)
  imports_hash=$expected
  "$qualify" eval $data/main.qpl $data/leads.ndjson --audit "${asof[@]}" >"$work/out"
  actual=$(head -1 "$work/out" | sed 's/.*"sha256":"\([0-9a-f]*\)".*/\1/')
  [[ $actual == "$expected" ]] || fail "audit_hash: $actual, expected $expected (imports)"
  grep -c "\"sha256\":\"$expected\"" "$work/out" | grep -qx 4 || fail "audit_hash: every line, errors too"

  expected=$(sha256sum policies/acme.qpl | cut -c1-64)
  "$qualify" eval policies/acme.qpl examples/acme_leads.ndjson --audit "${asof[@]}" >"$work/out"
  grep -q "\"policy\":\"policies/acme.qpl\",\"version\":4,\"sha256\":\"$expected\"}\$" "$work/out" ||
    fail "audit_hash: acme's stamp is its file's sha256 ($(head -c 400 "$work/out"))"

  mkdir -p "$work/copy/shared"
  cp $data/main.qpl "$work/copy/"
  sed 's/+2.5 per visits/+2.5 per visits /' $data/shared/points.qpl >"$work/copy/shared/points.qpl"
  "$qualify" eval "$work/copy/main.qpl" $data/leads.ndjson --audit "${asof[@]}" >"$work/out"
  grep -q "$imports_hash" "$work/out" && fail "audit_hash: an edited import must change the stamp"
  expected=$(sha256sum "$work/copy/main.qpl" "$work/copy/shared/points.qpl" | cut -c1-64 | sha256sum | cut -c1-64)
  grep -q "\"sha256\":\"$expected\"" "$work/out" || fail "audit_hash: the edited copy's recipe"
}

run_cases "${@:2}"
