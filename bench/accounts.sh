#!/usr/bin/env bash
# Accounts (issue 17 step 4, docs/commands.md "Accounts"): what grouping leads by account costs on
# 1M leads. Measures the streaming run an account block must leave unchanged (wall, CPU, peak RSS
# of `qualify eval` on acme.qpl), the same run with an account block (two passes), and counts the
# distinct keys of the generated leads, which size the account table. Prints a Markdown table; the leads are generated once into --data.
#
#   bench/accounts.sh [--data DIR] [--size N]
#   QUALIFY=path  use this qualify binary; GEN_LEADS=path  this gen_leads (else built with g++)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
data=${TMPDIR:-/tmp}/qualify-accounts
size=1000000
while [ $# -gt 0 ]; do
  case $1 in
    --data) data=$2; shift 2 ;;
    --size) size=$2; shift 2 ;;
    *) echo "usage: $0 [--data DIR] [--size N]" >&2; exit 2 ;;
  esac
done
mkdir -p "$data"
QUALIFY=${QUALIFY:-$root/build/qualify}
[ -x "$QUALIFY" ] || { echo "no qualify binary at $QUALIFY (build first, or set QUALIFY)" >&2; exit 2; }

if [ -z "${GEN_LEADS:-}" ]; then
  GEN_LEADS=$data/gen_leads
  [ -x "$GEN_LEADS" ] || g++ -std=c++20 -O2 -o "$GEN_LEADS" "$here/gen_leads.cpp" -lfmt
fi
leads=$data/leads_$size.ndjson
[ -s "$leads" ] || "$GEN_LEADS" --count "$size" --seed 17 --format ndjson --as-of 2026-11-01 >"$leads"

# One timed run: wall seconds, CPU seconds (user + system), peak RSS in MiB.
timed() {
  local log=$data/time.log
  /usr/bin/time -v "$@" >/dev/null 2>"$log" || { cat "$log" >&2; exit 1; }
  awk -F': ' '
    /Elapsed \(wall clock\)/ { n = split($2, p, ":"); wall = (n == 3) ? p[1] * 3600 + p[2] * 60 + p[3] : p[1] * 60 + p[2] }
    /User time/ { cpu += $2 } /System time/ { cpu += $2 }
    /Maximum resident set size/ { rss = $2 / 1024 }
    END { printf "%.1f s | %.1f s | %.1f MiB", wall, cpu, rss }' "$log"
}

# acme.qpl with an account block keyed by the generated `company` (read `lower trim`), whose
# funnel does not read it: pass 2 gives the same bytes as the baseline, so the difference is the
# cost of pass 1 and of setting each lead's `account`.
with_accounts=$data/acme_accounts.qpl
awk '/^fields \{/ { print; print "  company:           text? lower trim"; next } { print }' \
  "$root/policies/acme.qpl" >"$with_accounts"
cat >>"$with_accounts" <<'QPL'

account by company {
  let senior_engaged = count(contacts where seniority in ["vp", "c_level"] and engagement >= 30)
  let buying_group   = account.senior_engaged >= 3
  let best           = max(engagement of contacts)
}
QPL
"$QUALIFY" eval "$root/policies/acme.qpl" "$leads" --as-of 2026-11-01 | cmp -s - <("$QUALIFY" eval "$with_accounts" "$leads" --as-of 2026-11-01) ||
  { echo "the account block changed the results of a funnel that does not read it" >&2; exit 1; }

distinct() { grep -o "\"$1\":\"[^\"]*\"" "$leads" | sed "$2" | sort -u | wc -l; }

echo "| ${size} leads, acme.qpl, --as-of 2026-11-01 | wall | CPU | peak RSS |"
echo "|---|---:|---:|---:|"
echo "| eval, 1 thread | $(timed "$QUALIFY" eval "$root/policies/acme.qpl" "$leads" --as-of 2026-11-01) |"
echo "| eval, \`--jobs 2\` | $(timed "$QUALIFY" eval "$root/policies/acme.qpl" "$leads" --as-of 2026-11-01 --jobs 2) |"
echo "| with an account block, 1 thread | $(timed "$QUALIFY" eval "$with_accounts" "$leads" --as-of 2026-11-01) |"
echo "| with an account block, \`--jobs 2\` | $(timed "$QUALIFY" eval "$with_accounts" "$leads" --as-of 2026-11-01 --jobs 2) |"
echo
echo "distinct \`company\` values: $(distinct company 's/.*://')"
echo "distinct e-mail domains: $(distinct email 's/.*@//')"
