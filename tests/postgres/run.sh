#!/usr/bin/env bash
# The PostgreSQL extension against a real server: a throwaway cluster in a temp folder, on a
# free port, stopped at the end whatever happens. Checks that qualify_eval() gives exactly the
# CLI's result for every lead of the bundled examples (and X Education when /work/shared/data
# has it), that a bad policy and a bad record give the documented errors, that the functions run
# in parallel workers, and that the backend survives the fuzzing seeds as leads and policies.
#
#   run.sh QUALIFY_BINARY EXTENSION_BUILD_DIR
#
# Installing the extension copies it into the server's folders, which needs root (as CI has);
# without it the test is skipped (77). How the cluster runs: cluster.sh.
set -euo pipefail
qualify=$(realpath "$1")
extension_build=$(realpath "$2")
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
as_of=2026-11-01
source "$here/cluster.sh"
install_extension "$extension_build" "$src" || exit 77
start_cluster -c max_worker_processes=4 -c max_parallel_workers=4

fail() {
  echo "FAIL: $*" >&2
  echo "--- server log (last lines)" >&2
  tail -20 "$server_log" >&2 || true
  exit 1
}
sql() { "${psql[@]}" -c "$1"; }
# with_policy TEXT SQL: runs SQL (read from stdin, where psql interpolates :'policy') with the
# psql variable `policy` set to TEXT.
with_policy() { "${psql[@]}" -v policy="$1" <<<"$2"; }

sql "CREATE EXTENSION qualify"
# The server reads policies as the postgres user, which may not reach the checkout (a clone in a
# 0700 temporary folder): it reads a copy in the cluster's folder instead.
cp -r "$src/policies" "$tmp/policies" && chmod -R a+rX "$tmp/policies"
# Policies import from policies/shared: let the server read them.
"${psql[@]}" -c "LOAD 'qualify'" -c "ALTER SYSTEM SET qualify.import_dir = '$tmp/policies'" >/dev/null
sql "SELECT pg_reload_conf()" >/dev/null

# compare NAME POLICY LEADS_NDJSON: every lead's qualify_eval() against `qualify eval`'s line.
# A lead the CLI reports as an error must give NULL there, and its message from qualify_error().
compare() {
  local name=$1 policy=$2 leads=$3
  "$qualify" eval "$policy" "$leads" --as-of "$as_of" --jobs 1 >"$tmp/$name.expected" || [ $? -eq 1 ]
  [ -s "$tmp/$name.expected" ] || fail "$name: the CLI gave no results"
  "${psql[@]}" <<SQL
CREATE TABLE ${name}_leads (n bigserial PRIMARY KEY, lead jsonb);
CREATE TABLE ${name}_expected (n bigserial PRIMARY KEY, line jsonb);
-- One line, one value: a CSV read with quote and delimiter characters that never occur.
\copy ${name}_leads (lead) FROM '$leads' WITH (FORMAT csv, QUOTE E'\x01', DELIMITER E'\x02')
\copy ${name}_expected (line) FROM '$tmp/$name.expected' WITH (FORMAT csv, QUOTE E'\x01', DELIMITER E'\x02')
SQL
  local policy_sql="pg_read_file('$tmp/policies/$(basename "$policy")')"
  local counts
  counts=$(sql "
    WITH p AS (SELECT $policy_sql AS text)
    SELECT count(*),
           count(*) FILTER (WHERE e.line ? 'error'),
           count(*) FILTER (WHERE CASE WHEN e.line ? 'error'
                                       THEN qualify_eval(p.text, l.lead, '$as_of') IS NOT NULL
                                         OR qualify_error(p.text, l.lead) IS DISTINCT FROM e.line->>'error'
                                       ELSE qualify_eval(p.text, l.lead, '$as_of') IS DISTINCT FROM e.line
                                         OR qualify_error(p.text, l.lead) IS NOT NULL
                                         OR qualify_stage(p.text, l.lead, '$as_of') IS DISTINCT FROM e.line->>'stage'
                                  END)
    FROM p, ${name}_leads l FULL JOIN ${name}_expected e USING (n)")
  local total errors different
  IFS='|' read -r total errors different <<<"$counts"
  [ "$different" = 0 ] || {
    sql "WITH p AS (SELECT $policy_sql AS text)
         SELECT n, qualify_eval(p.text, l.lead, '$as_of'), e.line FROM p, ${name}_leads l JOIN ${name}_expected e USING (n)
         WHERE qualify_eval(p.text, l.lead, '$as_of') IS DISTINCT FROM e.line LIMIT 3" >&2
    fail "$name: $different of $total leads differ from the CLI's results"
  }
  echo "ok: $name: qualify_eval = qualify eval on all $total leads ($errors bad records: NULL and the CLI's message)"
}

for example in acme plg; do
  python3 "$here/to_ndjson.py" valid "$src/examples/${example}_leads.ndjson" >"$tmp/$example.ndjson"
done
compare acme "$src/policies/acme.qpl" "$tmp/acme.ndjson"
compare plg "$src/policies/plg_saas.qpl" "$tmp/plg.ndjson"
python3 "$here/to_ndjson.py" csv "$src/examples/agence_fr_leads.csv" >"$tmp/agence_fr.ndjson"
compare agence_fr "$src/policies/agence_fr.qpl" "$tmp/agence_fr.ndjson"
x_education=/work/shared/data/x_education_leads.csv
if [ -r "$x_education" ]; then
  python3 "$here/to_ndjson.py" csv "$x_education" >"$tmp/x_education.ndjson"
  compare x_education "$src/policies/x_education.qpl" "$tmp/x_education.ndjson"
else
  echo "note: $x_education not found, X Education not compared"
fi

# A bad policy: an SQL error carrying the diagnostic, file:line:column first.
bad_policy=$'policy "p"\nfields {\n  id: text\n}\nfunnel {\n  a when nope\n  b otherwise\n}\n'
if with_policy "$bad_policy" "SELECT qualify_stage(:'policy', '{}')" 2>"$tmp/error" >/dev/null; then
  fail "a bad policy gave no error"
fi
grep -q "ERROR:  qualify: the policy has 1 error: policy.qpl:6:10: error: unknown name 'nope'" "$tmp/error" ||
  fail "a bad policy: unexpected error: $(cat "$tmp/error")"
grep -q "DETAIL:  policy.qpl:6:10: error: unknown name 'nope'" "$tmp/error" ||
  fail "a bad policy: no diagnostic in DETAIL: $(cat "$tmp/error")"
checked=$(with_policy "$bad_policy" "SELECT severity, line, \"column\", message FROM qualify_check(:'policy')")
[ "$checked" = "error|6|10|unknown name 'nope'" ] || fail "qualify_check: $checked"
[ "$(sql "SELECT count(*) FROM qualify_check(pg_read_file('$tmp/policies/acme.qpl'))")" = 0 ] ||
  fail "qualify_check finds problems in acme.qpl"
echo "ok: a bad policy is an SQL error with its diagnostics; qualify_check lists them"

# A policy that imports, without qualify.import_dir: the loader's error, not a file read.
"${psql[@]}" -c "LOAD 'qualify'" -c "ALTER SYSTEM RESET qualify.import_dir" >/dev/null
sql "SELECT pg_reload_conf()" >/dev/null
if sql "SELECT qualify_stage(pg_read_file('$tmp/policies/plg_saas.qpl'), '{}')" 2>"$tmp/error" >/dev/null; then
  fail "an import without qualify.import_dir gave no error"
fi
grep -q "imports are not available" "$tmp/error" || fail "imports: $(cat "$tmp/error")"
echo "ok: imports are refused unless qualify.import_dir is set"

# A bad record: NULL from the evaluating functions, the reason from qualify_error.
acme="pg_read_file('$tmp/policies/acme.qpl')"
got=$(sql "SELECT qualify_eval($acme, '{\"id\": \"X\", \"company_size\": \"huge\"}') IS NULL,
                  qualify_stage($acme, '[1, 2]') IS NULL,
                  qualify_error($acme, '{\"id\": \"X\", \"company_size\": \"huge\"}') = 'email: required field is missing',
                  qualify_error($acme, '\"just text\"') IS NOT NULL")
[ "$got" = "t|t|t|t" ] || fail "a bad record: $got"
if sql "SELECT qualify_eval($acme, '{}', 'infinity')" 2>"$tmp/error" >/dev/null; then fail "as_of infinity accepted"; fi
grep -q "as_of must be a finite date" "$tmp/error" || fail "as_of: $(cat "$tmp/error")"
explain=$(sql "SELECT qualify_explain($acme, lead, '$as_of') FROM acme_leads WHERE n = 1")
[ -n "$explain" ] || fail "qualify_explain gave nothing"
echo "ok: a bad record gives NULL and qualify_error's message; qualify_explain explains"

# Parallel workers: the same counts with and without them, and workers really launched. The
# policy is a literal (a psql variable): pg_read_file() is volatile and parallel-restricted.
sql "CREATE TABLE many AS SELECT lead FROM acme_leads, generate_series(1, 2000)" >/dev/null
acme_text=$(cat "$src/policies/acme.qpl")
group_by="SELECT qualify_stage(:'policy', lead, '$as_of'), count(*) FROM many GROUP BY 1 ORDER BY 1;"
parallel_settings="SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0;
  SET min_parallel_table_scan_size = 0; SET max_parallel_workers_per_gather = 2;"
serial=$(with_policy "$acme_text" "SET max_parallel_workers_per_gather = 0; $group_by")
parallel=$(with_policy "$acme_text" "$parallel_settings $group_by")
[ "$serial" = "$parallel" ] || fail "parallel counts differ: $serial / $parallel"
plan=$(with_policy "$acme_text" "$parallel_settings EXPLAIN (ANALYZE, COSTS OFF) $group_by")
grep -Eq "Workers Launched: [12]" <<<"$plan" || fail "no parallel worker ran: $plan"
echo "ok: parallel workers give the same counts ($(grep -o 'Workers Launched: [0-9]*' <<<"$plan" | head -1))"

# The fuzzing seeds as leads (and the policy seeds as policies): errors or NULLs, never a crash.
python3 "$here/to_ndjson.py" seeds "$src"/tests/fuzz/corpus/{json_reader,ndjson_reader,csv_reader}/* \
  "$src"/tests/fuzz/regressions/{json_reader,ndjson_reader,csv_reader}/* >"$tmp/seeds.ndjson" 2>/dev/null || true
"${psql[@]}" -c "CREATE TABLE seeds (lead jsonb)" \
  -c "\\copy seeds FROM '$tmp/seeds.ndjson' WITH (FORMAT csv, QUOTE E'\\x01', DELIMITER E'\\x02')"
[ "$(sql "SELECT count(*) FROM seeds")" = "$(wc -l <"$tmp/seeds.ndjson")" ] || fail "not every seed was loaded"
sql "SELECT count(qualify_eval($acme, lead)), count(qualify_error($acme, lead)),
            count(qualify_eval(pg_read_file('$tmp/policies/x_education.qpl'), lead)) FROM seeds" >/dev/null
policies=0
for policy in "$src"/tests/fuzz/corpus/{policy_check,eval_policies}/* "$src"/tests/fuzz/regressions/{policy_check,eval_policies}/*; do
  [ -f "$policy" ] || continue
  # Invalid UTF-8 is not text to PostgreSQL: such a seed cannot reach the function.
  iconv -f UTF-8 -t UTF-8 "$policy" >/dev/null 2>&1 || continue
  grep -q $'\x00' "$policy" 2>/dev/null && continue
  with_policy "$(cat "$policy")" "SELECT count(*) FROM qualify_check(:'policy');
    SELECT qualify_eval(:'policy', lead) FROM seeds LIMIT 20;" >/dev/null 2>&1 || true
  policies=$((policies + 1))
done
[ "$(sql "SELECT 1")" = 1 ] || fail "the server does not answer after the seeds"
if grep -Eq "terminated by signal|server process .* was terminated" "$server_log"; then
  fail "a backend crashed"
fi
echo "ok: $(wc -l <"$tmp/seeds.ndjson") seed leads and $policies seed policies: no backend crashed"
