#!/usr/bin/env bash
# End-to-end tests of the files `qualify` writes: `eval --output` never overwrites a file the run
# reads, whatever name it is given by; `fmt` rewrites a policy safely (docs/fmt.md).
# Usage: writes.sh /path/to/qualify [CASE]
set -uo pipefail
qualify=$(realpath "$1")
source "$(dirname "$0")/cases.sh"
data=$(cd "$(dirname "$0")/data" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
asof=(--as-of 2026-11-01)

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

# fmt_run NAME STATUS ARGS...: runs fmt; exit STATUS expected; stdout and stderr kept in $work
fmt_run() {
  local name=$1 status=$2
  shift 2
  "$qualify" fmt "$@" >"$work/out" 2>"$work/err"
  local actual=$?
  [[ $actual == "$status" ]] || fail "$name: exit status $actual, expected $status ($(head -c 300 "$work/err"))"
}
# no_temporary NAME FOLDER: no temporary file of fmt was left in FOLDER
no_temporary() {
  local left
  left=$(find "$2" -name '*qualify-fmt*' ! -name '*.qualify-fmt.tmp' | head -3)
  [[ -z $left ]] || fail "$1: temporary file left: $left"
}

# --- eval --output: the policy, its imports, its test tables, the inputs -----------------------
setup_output_project() {
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
}

# eval --output refuses every name of a file the run reads, and changes none of them.
case_output_refused() {
  setup_output_project
  refused out_policy "--output 'pol.qpl' is the policy file" "$work/p/pol.qpl" -- eval pol.qpl leads.ndjson -o pol.qpl "${asof[@]}"
  refused out_policy_path "is the policy file" "$work/p/pol.qpl" -- eval pol.qpl leads.ndjson -o ./lib/../pol.qpl "${asof[@]}"
  refused out_policy_symlink "is the policy file" "$work/p/pol.qpl" -- eval pol.qpl leads.ndjson -o links/symlink.qpl "${asof[@]}"
  refused out_policy_hardlink "is the policy file" "$work/p/pol.qpl" -- eval pol.qpl leads.ndjson --output links/hardlink.qpl "${asof[@]}"
  refused out_import "--output 'lib/mail.qpl' is 'lib/mail.qpl', imported by the policy" "$work/p/lib/mail.qpl" -- eval pol.qpl leads.ndjson -o lib/mail.qpl "${asof[@]}"
  refused out_import_symlink "imported by the policy" "$work/p/lib/mail.qpl" -- eval pol.qpl leads.ndjson -o links/mail.qpl "${asof[@]}"
  refused out_import_hardlink "imported by the policy" "$work/p/lib/mail.qpl" -- eval pol.qpl leads.ndjson -o links/mail_hard.qpl "${asof[@]}"
  refused out_test_table "--output 'links/table_hard.csv' is the leads table of test 'table'" "$work/p/table.csv" -- eval pol.qpl leads.ndjson -o links/table_hard.csv --format csv "${asof[@]}"
  refused out_input_hardlink "--output 'links/leads_hard.ndjson' is one of the inputs" "$work/p/leads.ndjson" -- eval pol.qpl leads.ndjson -o links/leads_hard.ndjson "${asof[@]}"
}

# A new file, or a copy of the policy under another inode, is written as asked.
case_output_copy() {
  setup_output_project
  cp "$work/p/pol.qpl" "$work/p/copy.qpl"
  (cd "$work/p" && "$qualify" eval pol.qpl leads.ndjson -o copy.qpl "${asof[@]}" 2>"$work/err")
  [[ $? == 0 ]] || fail "out_copy: exit status should be 0: $(head -c 300 "$work/err")"
  grep -q '"stage":' "$work/p/copy.qpl" || fail "out_copy: the results were not written"
}

# --- fmt: through no planted link, keeping hard links, with the real cause of a refusal --------
setup_fmt_files() {
  mkdir -p "$work/f"
  "$qualify" fmt --stdout "$data/mini.qpl" >"$work/canonical.qpl"
  tr -s ' ' <"$data/mini.qpl" >"$work/squeezed.qpl"
  cmp -s "$work/squeezed.qpl" "$work/canonical.qpl" && fail "setup: squeezed.qpl should need formatting"
}

# The name the temporary file once had, planted as a link to another file: never followed.
case_fmt_planted_link() {
  setup_fmt_files
  cp "$work/squeezed.qpl" "$work/f/planted.qpl"
  printf 'precious\n' >"$work/f/victim"
  ln -s victim "$work/f/planted.qpl.qualify-fmt.tmp"
  fmt_run fmt_planted_link 0 "$work/f/planted.qpl"
  cmp -s "$work/f/planted.qpl" "$work/canonical.qpl" || fail "fmt_planted_link: the policy was not formatted"
  [[ $(cat "$work/f/victim") == precious ]] || fail "fmt_planted_link: the file behind the planted link was overwritten"
  [[ -L "$work/f/planted.qpl.qualify-fmt.tmp" ]] || fail "fmt_planted_link: the planted link was replaced"
  no_temporary fmt_planted_link "$work/f"
}

# Hard links: one file under two names, still one file afterwards, both names formatted.
case_fmt_hard_link() {
  setup_fmt_files
  cp "$work/squeezed.qpl" "$work/f/hard.qpl"
  ln "$work/f/hard.qpl" "$work/f/hard_too.qpl"
  inode=$(stat -c %i "$work/f/hard.qpl")
  fmt_run fmt_hard_link 0 "$work/f/hard.qpl"
  cmp -s "$work/f/hard_too.qpl" "$work/canonical.qpl" || fail "fmt_hard_link: the other name does not see the formatted text"
  [[ $(stat -c %i:%h "$work/f/hard.qpl") == "$inode:2" ]] || fail "fmt_hard_link: the link was split ($(stat -c %i:%h "$work/f/hard.qpl"), was $inode:2)"
  no_temporary fmt_hard_link "$work/f"
}

# A write that fails (past `ulimit -f`): an error naming the cause, the policy and folder unchanged.
case_fmt_size_limit() {
  setup_fmt_files
  {
    cat "$work/squeezed.qpl"
    for i in $(seq 1 150); do printf 'let   padding_%d   =   %d\n' "$i" "$i"; done
  } >"$work/f/big.qpl"
  cp "$work/f/big.qpl" "$work/f/big.before"
  (ulimit -f 2 && "$qualify" fmt "$work/f/big.qpl" >"$work/out" 2>"$work/err")
  status=$?
  [[ $status == 2 ]] || fail "fmt_size_limit: exit status $status, expected 2"
  grep -qF "big.qpl': file too large" "$work/err" || fail "fmt_size_limit: stderr lacks the cause: $(head -c 300 "$work/err")"
  cmp -s "$work/f/big.qpl" "$work/f/big.before" || fail "fmt_size_limit: the policy changed"
  no_temporary fmt_size_limit "$work/f"
}

# A folder that is not writable: "permission denied", not "no such file". Root writes anywhere,
# so this runs as nobody (setpriv), for whom the folder is really read-only.
case_fmt_read_only_folder() {
  setup_fmt_files
  if command -v setpriv >/dev/null && [[ $(id -u) == 0 ]]; then
    mkdir -p "$work/f/ro"
    cp "$work/squeezed.qpl" "$work/f/ro/p.qpl"
    chmod 755 "$work" "$work/f" && chmod 666 "$work/f/ro/p.qpl" && chmod 555 "$work/f/ro"
    cp "$qualify" "$work/qualify" && chmod 755 "$work/qualify"
    setpriv --reuid=nobody --regid=nogroup --clear-groups "$work/qualify" fmt "$work/f/ro/p.qpl" >"$work/out" 2>"$work/err"
    status=$?
    [[ $status == 2 ]] || fail "fmt_read_only_folder: exit status $status, expected 2"
    grep -qF "cannot write '$work/f/ro/p.qpl': cannot create a temporary file in '$work/f/ro': permission denied" "$work/err" ||
      fail "fmt_read_only_folder: stderr lacks the cause: $(head -c 300 "$work/err")"
    cmp -s "$work/f/ro/p.qpl" "$work/squeezed.qpl" || fail "fmt_read_only_folder: the policy changed"
    chmod 755 "$work/f/ro"
  else
    echo "note: fmt_read_only_folder needs root and setpriv; the unit test support: replace_file covers it"
  fi
}

# stdin closed: an error, not an empty policy printed with success.
case_fmt_closed_stdin() {
  "$qualify" fmt - <&- >"$work/out" 2>"$work/err"
  status=$?
  [[ $status == 2 ]] || fail "fmt_closed_stdin: exit status $status, expected 2"
  grep -qF "cannot read stdin: it is closed" "$work/err" || fail "fmt_closed_stdin: stderr lacks the cause: $(head -c 300 "$work/err")"
}

run_cases "${@:2}"
