#!/usr/bin/env bash
# Times `qualify eval` against the speed limit: the hand-written simdjson On-Demand program of
# ../shared/bench (lead_simdjson), on the same generated leads, and checks that both give the
# same id, stage and points on every lead. See bench/README.md, "The speed limit".
#
#   bench/limit.sh [--pairs N] [--size N] [--explain-size N] [--data DIR] [--skip-rss]
#
#   --pairs N    rounds of alternating runs (default 5); each ratio is the median over rounds
#   --size N     leads (default 1000000), generated once by gen_leads.py and cached
#   --explain-size N  leads for the --explain / plain ratio (default: --size; the explanation
#                costs minutes per run on 1M leads on a loaded machine, and the ratio does not
#                depend on the size)
#   --data DIR   where leads and outputs go (default $TMPDIR/qualify-limit)
#   --skip-rss   do not measure peak memory at 10k and N leads
#   --report-only  print the tables of the last run in DIR again, running nothing
#   QUALIFY=path time this qualify binary (default: build/qualify of this worktree)
#   LIMIT_SRC=dir the speed-limit sources (default: ../shared/bench beside the repository)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
pairs=5
size=1000000
data=${TMPDIR:-/tmp}/qualify-limit
rss=1
report_only=0
as_of=2026-11-01

while [[ $# -gt 0 ]]; do
  case $1 in
    --pairs) pairs=$2; shift ;;
    --size) size=$2; shift ;;
    --explain-size) explain_size=$2; shift ;;
    --data) data=$2; shift ;;
    --skip-rss) rss=0 ;;
    --report-only) report_only=1 ;;
    -h|--help) sed -n 2,17p "$0"; exit 0 ;;
    *) echo "limit.sh: unknown option '$1'" >&2; exit 2 ;;
  esac
  shift
done
[[ $pairs =~ ^[1-9][0-9]*$ ]] || { echo "limit.sh: --pairs takes a positive number" >&2; exit 2; }
[[ $size =~ ^[1-9][0-9]*$ ]] || { echo "limit.sh: --size takes a positive number" >&2; exit 2; }
explain_size=${explain_size:-$size}
[[ $explain_size =~ ^[1-9][0-9]*$ ]] ||
  { echo "limit.sh: --explain-size takes a positive number" >&2; exit 2; }
mkdir -p "$data"

# ---- the two programs -----------------------------------------------------------------------
limit_src=${LIMIT_SRC:-}
if [[ -z $limit_src ]]; then
  for candidate in "$root/../shared/bench" "$root/../../shared/bench" /work/shared/bench; do
    if [[ -f $candidate/lead_simdjson.cpp ]]; then limit_src=$(cd "$candidate" && pwd); break; fi
  done
fi
[[ -n $limit_src && -f $limit_src/lead_simdjson.cpp ]] ||
  { echo "limit.sh: lead_simdjson.cpp not found; set LIMIT_SRC" >&2; exit 2; }
limit_build=$root/build-limit
if [[ ! -x $limit_build/lead_simdjson ]]; then
  cmake -S "$limit_src" -B "$limit_build" >"$data/limit-build.log" 2>&1
  cmake --build "$limit_build" -j2 >>"$data/limit-build.log" 2>&1 ||
    { echo "limit.sh: lead_simdjson does not build (see $data/limit-build.log)" >&2; exit 2; }
fi
limit=$limit_build/lead_simdjson
policy=$limit_src/reference.qpl

qualify=${QUALIFY:-$root/build/qualify}
[[ -x $qualify ]] || { echo "limit.sh: no qualify at $qualify (build it, or set QUALIFY)" >&2; exit 2; }

# ---- the leads (gen_leads.py writes the NDJSON and the CSV of a size) -----------------------
leads() {  # leads N: generates leads_N.{ndjson,csv} once
  local n=$1
  if [[ ! -s $data/leads_$n.ndjson || ! -s $data/leads_$n.csv || -e $data/leads_$n.part ]]; then
    touch "$data/leads_$n.part"
    python3 "$limit_src/gen_leads.py" "$n" --out-dir "$data" >/dev/null
    rm "$data/leads_$n.part"
  fi
}
leads "$size"
leads "$explain_size"
ndjson=$data/leads_$size.ndjson
csv=$data/leads_$size.csv
explain_leads=$data/leads_$explain_size.ndjson

# ---- timing ---------------------------------------------------------------------------------
now_ns() { date +%s%N; }
# timed NAME OUTPUT CMD...: appends "wall_ns cpu_ms" to $data/NAME.times.
timed() {
  local name=$1 output=$2; shift 2
  local start end status=0 user sys
  # The last round's output file goes first, untimed: truncating its ~180 MB when the shell
  # opened it took 0.1-0.25 s, counted as the run's own time (--jobs 2 looked 1.63x where the
  # two threads' own clocks said 1.73x). A regular file only: some runs write to /dev/null.
  if [[ -f $output ]]; then rm -f -- "$output"; fi
  start=$(now_ns)
  /usr/bin/time -f '%U %S' -o "$data/$name.usage" "$@" >"$output" 2>"$data/$name.err" || status=$?
  end=$(now_ns)
  if [[ $status -gt 1 ]]; then  # 1: some record errors, still a full run
    echo "limit.sh: '$name' failed (exit $status): $(head -3 "$data/$name.err")" >&2
    exit 1
  fi
  read -r user sys < <(tail -1 "$data/$name.usage")
  echo "$((end - start)) $(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%d", (u + s) * 1000 }')" \
    >>"$data/$name.times"
}

# Two floors, to tell where qualify's time goes (bench/README.md, "The floor"): the limit's own
# full DOM parse of every record and nothing else (`--mode dom`: the validating parse that
# qualify's readers need to report a broken record exactly), and qualify reading, binding and
# writing with no rule (reference.qpl's fields, a funnel of `otherwise` alone).
read_only_policy=$data/read_only.qpl
{
  echo 'policy "Reading only" version 1'
  sed -n '/^fields {/,/^}/p' "$policy"
  printf 'funnel {\n  lead otherwise\n}\n'
} >"$read_only_policy"

runs=(limit plain jobs2 csv plain_small explain limit_dom read_only)
[[ $report_only == 1 ]] || for name in "${runs[@]}"; do rm -f "$data/$name.times"; done
for ((round = 1; round <= pairs && !report_only; round++)); do
  echo "round $round of $pairs (load $(cut -d' ' -f1 /proc/loadavg))..." >&2
  timed limit "$data/limit.out" "$limit" "$ndjson"
  timed plain "$data/plain.out" "$qualify" eval "$policy" "$ndjson" --as-of "$as_of"
  timed jobs2 "$data/jobs2.out" "$qualify" eval "$policy" "$ndjson" --as-of "$as_of" --jobs 2
  timed csv "$data/csv.out" "$qualify" eval "$policy" "$csv" --as-of "$as_of"
  timed plain_small /dev/null "$qualify" eval "$policy" "$explain_leads" --as-of "$as_of"
  timed explain /dev/null "$qualify" eval "$policy" "$explain_leads" --as-of "$as_of" --explain
  timed limit_dom /dev/null "$limit" --mode dom "$ndjson"
  timed read_only /dev/null "$qualify" eval "$read_only_policy" "$ndjson" --as-of "$as_of"
done

# ---- same answers ---------------------------------------------------------------------------
# lead_simdjson prints id,stage,points; qualify a JSON line per lead. Compared lead by lead.
compare() {  # compare QUALIFY_OUTPUT
  python3 - "$data/limit.out" "$1" <<'EOF'
import json, sys
limit, ours = sys.argv[1], sys.argv[2]
n = bad = 0
with open(limit) as a, open(ours) as b:
    for n, (x, y) in enumerate(zip(a, b), 1):
        lid, lstage, lpoints = x.rstrip("\n").rsplit(",", 2)
        r = json.loads(y)
        if (str(r.get("id")), r.get("stage"), float(r["scores"]["points"])) != (lid, lstage, float(lpoints)):
            bad += 1
            if bad <= 3: print(f"  lead {n}: limit {x.strip()!r}, qualify {y.strip()[:120]!r}", file=sys.stderr)
    rest = a.read() + b.read()
if rest: print("different numbers of leads", file=sys.stderr); bad += 1
print(f"{n} leads, {bad} different")
sys.exit(1 if bad else 0)
EOF
}
status=0
for output in plain jobs2; do
  echo -n "$output vs limit: "; compare "$data/$output.out" || status=1
done
# Not a failure: gen_leads.py writes null as an empty cell, which a text field reads as "" (not
# missing), so `need` and the leads it decides differ; bench/same_outputs.sh guards CSV input.
echo "csv vs ndjson: $(diff "$data/plain.out" "$data/csv.out" | grep -c '^<' || true) results differ" \
  "(empty CSV cells are \"\" for text fields, null in the NDJSON)"

# ---- the ratios -----------------------------------------------------------------------------
# ratio A B FIELD: the median over rounds of A's time / B's time (FIELD 1: wall, 2: CPU).
ratio() {
  paste -d' ' "$data/$1.times" "$data/$2.times" |
    awk -v f="$3" '{ printf "%.6f\n", ($(f + 2) > 0 ? $(f) / $(f + 2) : 0) }' | middle "%.2f"
}
median() {  # median NAME FIELD, in seconds
  awk -v f="$2" '{ printf "%.6f\n", f == 1 ? $1 / 1e9 : $2 / 1e3 }' "$data/$1.times" | middle "%.3f"
}
middle() {  # middle FORMAT: the median of the numbers on stdin
  sort -g | awk -v fmt="$1" '{ r[NR] = $1 }
    END { printf fmt, NR % 2 ? r[(NR + 1) / 2] : (r[NR / 2] + r[NR / 2 + 1]) / 2 }'
}

echo
echo "$size leads, $pairs rounds, load average $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
echo "qualify: $qualify; limit: $limit"
echo
echo "| run | leads | median wall (s) | median CPU (s) | leads/s (CPU) |"
echo "|---|---:|---:|---:|---:|"
for name in "${runs[@]}"; do
  [[ -s $data/$name.times ]] || continue  # a --report-only of a run made before the floors
  n=$size
  [[ $name != plain_small && $name != explain ]] || n=$explain_size
  cpu=$(median "$name" 2)
  echo "| $name | $n | $(median "$name" 1) | $cpu | $(awk -v n="$n" -v c="$cpu" 'BEGIN { printf "%.0f", (c > 0 ? n / c : 0) }') |"
done
echo
echo "| ratio (median of per-round ratios) | wall | CPU | target |"
echo "|---|---:|---:|---|"
echo "| qualify 1 thread throughput / limit's (limit time / qualify time) | $(ratio limit plain 1) | $(ratio limit plain 2) | >= 0.8 |"
echo "| --jobs 2 throughput / 1 thread's (plain time / jobs2 time) | $(ratio plain jobs2 1) | - | >= 1.6 |"
echo "| --explain time / plain time ($explain_size leads) | $(ratio explain plain_small 1) | $(ratio explain plain_small 2) | <= 3 |"
echo "| CSV time / NDJSON time | $(ratio csv plain 1) | $(ratio csv plain 2) | <= 1.3 |"
if [[ -s $data/limit_dom.times && -s $data/read_only.times ]]; then
  echo "| floor: simdjson's full DOM parse alone, throughput / limit's | $(ratio limit limit_dom 1) | $(ratio limit limit_dom 2) | |"
  echo "| floor: qualify reading and writing with no rule, throughput / limit's | $(ratio limit read_only 1) | $(ratio limit read_only 2) | |"
fi

# ---- peak memory ----------------------------------------------------------------------------
if [[ $rss == 1 ]]; then
  leads 10000
  peak() {  # peak FILE: qualify's maximum resident set, KiB
    /usr/bin/time -v "$qualify" eval "$policy" "$1" --as-of "$as_of" 2>&1 >/dev/null |
      awk -F': ' '/Maximum resident set size/ { print $2 }'
  }
  small=$(peak "$data/leads_10000.ndjson")
  big=$(peak "$ndjson")
  awk -v s="$small" -v b="$big" -v n="$size" 'BEGIN {
    printf "\npeak RSS: 10000 leads %.1f MiB, %d leads %.1f MiB: %.2fx (target <= 1.20x)\n",
           s / 1024, n, b / 1024, b / s }'
fi
exit $status
