#!/usr/bin/env bash
# `SELECT qualify_stage(...), count(*) ... GROUP BY 1` over generated acme leads in a jsonb table,
# without and with parallel workers, against `qualify eval` on the same leads (NDJSON file).
# Checks that both give the same counts per stage. See bench/README.md.
#
#   bench/pg.sh [--count N] [--runs N] [--data DIR]
#
#   --count N    leads (default 1000000)
#   --runs N     best of N runs for each timing (default 3)
#   --data DIR   where the generated leads are cached (default $TMPDIR/qualify-bench)
#   QUALIFY_BUILD=dir  the build folder with `qualify` and postgres/qualify.so (default build/)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
count=1000000
runs=3
data=${TMPDIR:-/tmp}/qualify-bench
build=${QUALIFY_BUILD:-$root/build}
as_of=2026-11-01
while [[ $# -gt 0 ]]; do
  case $1 in
    --count) count=$2; shift ;;
    --runs) runs=$2; shift ;;
    --data) data=$2; shift ;;
    -h|--help) sed -n 2,11p "$0"; exit 0 ;;
    *) echo "pg.sh: unknown option '$1'" >&2; exit 2 ;;
  esac
  shift
done
mkdir -p "$data"
[ -x "$build/qualify" ] && [ -f "$build/postgres/qualify.so" ] ||
  { echo "pg.sh: build qualify and the extension first (cmake --build build)" >&2; exit 2; }

# The leads: bench/gen_leads (built as run.sh builds it), seed 42, as run.sh uses them.
bench_build=$root/build-bench
if [ ! -x "$bench_build/gen_leads" ]; then
  cmake -S "$here" -B "$bench_build" -G Ninja -DCMAKE_BUILD_TYPE=Release "-DCMAKE_CXX_FLAGS_RELEASE=-O2 -DNDEBUG" >/dev/null
  cmake --build "$bench_build" --target bench_gen_leads >/dev/null
fi
leads=$data/leads_${count}.ndjson
[ -s "$leads" ] || "$bench_build/gen_leads" --count "$count" --seed 42 --format ndjson --as-of "$as_of" >"$leads"
chmod 644 "$leads"

source "$root/tests/postgres/cluster.sh"
install_extension "$build/postgres" "$root" || exit 2
# Room for two parallel workers (the machine has two cores); data in memory after the load.
start_cluster -c max_worker_processes=4 -c max_parallel_workers=4 -c shared_buffers=1GB -c jit=off

seconds_since() { python3 -c "import time, sys; print(f'{time.time() - float(sys.argv[1]):.2f}')" "$1"; }
now() { python3 -c 'import time; print(time.time())'; }
# best_of COMMAND...: the shortest wall time of $runs runs, in seconds.
best_of() {
  local best="" t start
  for ((i = 0; i < runs; i++)); do
    start=$(now)
    "$@" >/dev/null
    t=$(seconds_since "$start")
    if [ -z "$best" ] || python3 -c "import sys; sys.exit(not float(sys.argv[1]) < float(sys.argv[2]))" "$t" "$best"; then best=$t; fi
  done
  echo "$best"
}

"${psql[@]}" -c "CREATE EXTENSION qualify" -c "CREATE TABLE leads (lead jsonb)"
start=$(now)
"${psql[@]}" -c "\\copy leads FROM '$leads' WITH (FORMAT csv, QUOTE E'\\x01', DELIMITER E'\\x02')"
"${psql[@]}" -c "VACUUM ANALYZE leads"
load=$(seconds_since "$start")
# The policy as a literal (a psql variable): pg_read_file() is volatile and parallel-restricted.
psql+=(-v policy="$(cat "$root/policies/acme.qpl")")
group_by="SELECT qualify_stage(:'policy', lead, '$as_of'), count(*) FROM leads GROUP BY 1 ORDER BY 1;"
scan_only="SELECT lead->>'industry', count(*) FROM leads GROUP BY 1 ORDER BY 1;"
serial="SET max_parallel_workers_per_gather = 0;"
parallel="SET max_parallel_workers_per_gather = 2; SET parallel_setup_cost = 0;
  SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0;"
# query SQL: through stdin, where psql interpolates :'policy' (it does not in -c).
query() { "${psql[@]}" <<<"$1"; }

pg_counts=$(query "$serial $group_by" | sed 's/^|/(none)|/' | sort)
plan=$(query "$parallel EXPLAIN (ANALYZE, COSTS OFF) $group_by")
workers=$(grep -o 'Workers Launched: [0-9]*' <<<"$plan" | head -1)
t_scan=$(best_of query "$serial $scan_only")
t_serial=$(best_of query "$serial $group_by")
t_parallel=$(best_of query "$parallel $group_by")

cli_counts=$("$build/qualify" eval "$root/policies/acme.qpl" "$leads" --as-of "$as_of" --jobs 1 |
  python3 -c '
import collections, json, sys
c = collections.Counter(json.loads(l).get("stage") or "(none)" for l in sys.stdin)
for k in sorted(c): print(f"{k}|{c[k]}")' | sort)
[ "$pg_counts" = "$cli_counts" ] || { echo "pg.sh: PostgreSQL and the CLI count stages differently:" >&2; diff <(echo "$pg_counts") <(echo "$cli_counts") >&2; exit 1; }
t_cli1=$(best_of "$build/qualify" eval "$root/policies/acme.qpl" "$leads" --as-of "$as_of" --jobs 1)
t_cli2=$(best_of "$build/qualify" eval "$root/policies/acme.qpl" "$leads" --as-of "$as_of" --jobs 2)

ratio() { python3 -c "import sys; print(f'{float(sys.argv[1]) / float(sys.argv[2]):.2f}')" "$1" "$2"; }
cat <<REPORT
$count acme leads ($(du -h "$leads" | cut -f1) of NDJSON), best of $runs, $(nproc) cores
load into jsonb (COPY + VACUUM ANALYZE): ${load} s
stage counts: PostgreSQL = CLI ($(tr '\n' ' ' <<<"$pg_counts"))
| run | seconds | vs CLI --jobs 1 |
|---|---|---|
| \`qualify eval --jobs 1\` (> /dev/null) | $t_cli1 | 1.00 |
| \`qualify eval --jobs 2\` | $t_cli2 | $(ratio "$t_cli2" "$t_cli1") |
| SQL scan + GROUP BY a jsonb key, no qualify (serial) | $t_scan | $(ratio "$t_scan" "$t_cli1") |
| SQL GROUP BY qualify_stage, serial | $t_serial | $(ratio "$t_serial" "$t_cli1") |
| SQL GROUP BY qualify_stage, parallel ($workers) | $t_parallel | $(ratio "$t_parallel" "$t_cli1") |
REPORT
