#!/usr/bin/env bash
# End-to-end tests of the files `qualify` writes: `eval --output` never overwrites a file the run
# reads, whatever name it is given by. Usage: writes.sh /path/to/qualify
set -uo pipefail
qualify=$(realpath "$1")
data=$(cd "$(dirname "$0")/data" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0

fail() {
  echo "FAIL: $1"
  failures=$((failures + 1))
}

# refused NAME MESSAGE FILE -- ARGS...: exit 2, MESSAGE on stderr, nothing on stdout, FILE unchanged
refused() {
  local name=$1 message=$2 file=$3
  shift 4
  cp "$file" "$work/before"
  (cd "$work/p" && "$qualify" "$@" </dev/null >"$work/out" 2>"$work/err")
  local status=$?
  [[ $status == 2 ]] || fail "$name: exit status $status, expected 2"
  grep -qF -- "$message" "$work/err" || fail "$name: stderr lacks '$message': $(head -c 300 "$work/err")"
  [[ ! -s "$work/out" ]] || fail "$name: something was written on stdout"
  cmp -s "$file" "$work/before" || fail "$name: $file was changed"
}

# --- eval --output: the policy, its imports, its test tables, the inputs -----------------------
mkdir -p "$work/p/lib" "$work/p/links"
sed 's/^let free_mail = .*/import "lib\/mail.qpl"/' "$data/mini.qpl" >"$work/p/pol.qpl"
cat >>"$work/p/pol.qpl" <<'QPL'

test "table" {
  as of 2026-11-01
  leads from "table.csv"
}
QPL
printf 'let free_mail = ["gmail.com", "yahoo.fr"]\n' >"$work/p/lib/mail.qpl"
printf 'id,email,company_size,country,budget,demo_requested,clicks,expected_stage\n' >"$work/p/table.csv"
printf 'L-1,cto@acme.io,200,FR,20000,true,1,sql\n' >>"$work/p/table.csv"
cp "$data/good.ndjson" "$work/p/leads.ndjson"
ln -s ../pol.qpl "$work/p/links/symlink.qpl"
ln "$work/p/pol.qpl" "$work/p/links/hardlink.qpl"
ln -s ../lib/mail.qpl "$work/p/links/mail.qpl"
ln "$work/p/lib/mail.qpl" "$work/p/links/mail_hard.qpl"
ln "$work/p/table.csv" "$work/p/links/table_hard.csv"
ln "$work/p/leads.ndjson" "$work/p/links/leads_hard.ndjson"
(cd "$work/p" && "$qualify" test pol.qpl >/dev/null 2>&1) || fail "setup: pol.qpl and its test should pass"

asof=(--as-of 2026-11-01)
refused out_policy "--output 'pol.qpl' is the policy file" "$work/p/pol.qpl" -- eval pol.qpl leads.ndjson -o pol.qpl "${asof[@]}"
refused out_policy_path "is the policy file" "$work/p/pol.qpl" -- eval pol.qpl leads.ndjson -o ./lib/../pol.qpl "${asof[@]}"
refused out_policy_symlink "is the policy file" "$work/p/pol.qpl" -- eval pol.qpl leads.ndjson -o links/symlink.qpl "${asof[@]}"
refused out_policy_hardlink "is the policy file" "$work/p/pol.qpl" -- eval pol.qpl leads.ndjson --output links/hardlink.qpl "${asof[@]}"
refused out_import "--output 'lib/mail.qpl' is 'lib/mail.qpl', imported by the policy" "$work/p/lib/mail.qpl" -- eval pol.qpl leads.ndjson -o lib/mail.qpl "${asof[@]}"
refused out_import_symlink "imported by the policy" "$work/p/lib/mail.qpl" -- eval pol.qpl leads.ndjson -o links/mail.qpl "${asof[@]}"
refused out_import_hardlink "imported by the policy" "$work/p/lib/mail.qpl" -- eval pol.qpl leads.ndjson -o links/mail_hard.qpl "${asof[@]}"
refused out_test_table "--output 'links/table_hard.csv' is the leads table of test 'table'" "$work/p/table.csv" -- eval pol.qpl leads.ndjson -o links/table_hard.csv --format csv "${asof[@]}"
refused out_input_hardlink "--output 'links/leads_hard.ndjson' is one of the inputs" "$work/p/leads.ndjson" -- eval pol.qpl leads.ndjson -o links/leads_hard.ndjson "${asof[@]}"

# A new file, or a copy of the policy under another inode, is written as asked.
cp "$work/p/pol.qpl" "$work/p/copy.qpl"
(cd "$work/p" && "$qualify" eval pol.qpl leads.ndjson -o copy.qpl "${asof[@]}" 2>"$work/err")
[[ $? == 0 ]] || fail "out_copy: exit status should be 0: $(head -c 300 "$work/err")"
grep -q '"stage":' "$work/p/copy.qpl" || fail "out_copy: the results were not written"

if ((failures > 0)); then
  echo "$failures failure(s)"
  exit 1
fi
echo "all write tests passed"
