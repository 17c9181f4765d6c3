#!/usr/bin/env bash
# Times `qualify eval` against the hand-written baseline on generated acme leads, and diffs
# their outputs (a differential test of qualify). See bench/README.md.
#
#   bench/run.sh [--quick] [--runs N] [--sizes "10000 1000000"] [--data DIR]
#
#   --quick      10k leads only (skips the 1M run)
#   --runs N     take the best of N runs (default 3; the machine is shared and noisy)
#   --data DIR   where generated leads and outputs are cached (default $TMPDIR/qualify-bench)
#   QUALIFY=path use this qualify binary instead of building one (Release) in build-bench-qualify
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
runs=3
sizes="10000 1000000"
data=${TMPDIR:-/tmp}/qualify-bench
seed=42
as_of=2026-11-01

while [[ $# -gt 0 ]]; do
  case $1 in
    --quick) sizes="10000" ;;
    --runs) runs=$2; shift ;;
    --sizes) sizes=$2; shift ;;
    --data) data=$2; shift ;;
    -h|--help) sed -n 2,13p "$0"; exit 0 ;;
    *) echo "run.sh: unknown option '$1'" >&2; exit 2 ;;
  esac
  shift
done
[[ $runs =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: --runs takes a positive number" >&2; exit 2; }
mkdir -p "$data"

# ---- build (Release, -O2) -------------------------------------------------------------------
# Both programs with the same flags: -O2, as a packaged build would use.
release=(-G Ninja -DCMAKE_BUILD_TYPE=Release "-DCMAKE_CXX_FLAGS_RELEASE=-O2 -DNDEBUG")
bench_build=$root/build-bench
if ! grep -qs 'CMAKE_CXX_FLAGS_RELEASE:STRING=-O2 -DNDEBUG' "$bench_build/CMakeCache.txt"; then
  cmake -S "$here" -B "$bench_build" "${release[@]}" >/dev/null
fi
cmake --build "$bench_build" --target bench_gen_leads bench_baseline -j2 >/dev/null
gen=$bench_build/gen_leads
baseline=$bench_build/baseline

qualify=${QUALIFY:-}
if [[ -z $qualify ]]; then
  qualify_build=$root/build-bench-qualify
  if { grep -qs 'CMAKE_CXX_FLAGS_RELEASE:STRING=-O2 -DNDEBUG' "$qualify_build/CMakeCache.txt" ||
       cmake -S "$root" -B "$qualify_build" "${release[@]}" \
             -DQUALIFY_BUILD_TESTS=OFF >"$data/qualify-build.log" 2>&1; } &&
     cmake --build "$qualify_build" --target qualify -j2 >>"$data/qualify-build.log" 2>&1; then
    qualify=$qualify_build/qualify
  else
    echo "run.sh: qualify does not build yet (see $data/qualify-build.log): baseline only" >&2
  fi
fi

# The acme policy: policies/acme.qpl, else the one printed in qpl.md.
policy=$root/policies/acme.qpl
if [[ ! -f $policy ]]; then
  policy=$data/acme.qpl
  awk '/^```qpl/{on=1; next} /^```/{on=0} on' /work/shared/design/qpl.md >"$policy"
fi

# ---- helpers --------------------------------------------------------------------------------
now_ns() { date +%s%N; }

# measure NAME OUTPUT CMD...: over $runs runs, the best wall time (ns), the best CPU time
# (user + sys, ms) and the highest peak RSS (KiB), written to $data/NAME.time. On a loaded
# machine the CPU time is the steadier figure; the wall time is what --jobs improves.
measure() {
  local name=$1 output=$2; shift 2
  local best_wall="" best_cpu="" peak=0 start end wall user sys rss cpu status
  for ((i = 0; i < runs; i++)); do
    start=$(now_ns)
    status=0
    /usr/bin/time -f '%U %S %M' -o "$data/$name.usage" "$@" >"$output" 2>"$data/$name.err" || status=$?
    end=$(now_ns)
    if [[ $status -gt 1 ]]; then  # 1 = some record errors, still a full run
      echo "run.sh: '$name' failed (exit $status): $(head -3 "$data/$name.err")" >&2
      return 1
    fi
    wall=$(( end - start ))
    read -r user sys rss < <(tail -1 "$data/$name.usage")
    cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%d", (u + s) * 1000 }')
    if [[ -z $best_wall || $wall -lt $best_wall ]]; then best_wall=$wall; fi
    if [[ -z $best_cpu || $cpu -lt $best_cpu ]]; then best_cpu=$cpu; fi
    if [[ $rss -gt $peak ]]; then peak=$rss; fi
  done
  echo "$best_wall $best_cpu $peak" >"$data/$name.time"
}

# same_output A B: "identical", or how many lines differ.
same_output() {
  if cmp -s "$1" "$2"; then echo identical; return 0; fi
  local differing
  differing=$(diff "$1" "$2" | grep -c '^<' || true)
  echo "DIFFERENT ($differing lines; diff $1 $2)"
  return 1
}

failures=0
report=$data/results.md
{
  echo "| leads | program | input | wall (s) | leads/s | wall / baseline | CPU (s) | CPU / baseline | peak RSS (MiB) | output vs baseline |"
  echo "|---:|---|---|---:|---:|---:|---:|---:|---:|---|"
} >"$report"

row() {  # row SIZE PROGRAM FORMAT NAME OUTPUT
  local size=$1 program=$2 format=$3 name=$4 output=$5
  local wall cpu kib base_wall base_cpu verdict
  read -r wall cpu kib <"$data/$name.time"
  read -r base_wall base_cpu _ <"$data/baseline-$size.time"
  if [[ $name == baseline-* ]]; then verdict="(reference)"
  else verdict=$(same_output "$data/baseline-$size.out" "$output") || failures=$((failures + 1)); fi
  awk -v n="$size" -v p="$program" -v f="$format" -v w="$wall" -v bw="$base_wall" \
      -v c="$cpu" -v bc="$base_cpu" -v k="$kib" -v v="$verdict" 'BEGIN {
        s = w / 1e9
        cpu_ratio = bc > 0 ? sprintf("%.2fx", c / bc) : "n/a"
        printf "| %d | %s | %s | %.3f | %.0f | %.2fx | %.2f | %s | %.1f | %s |\n",
               n, p, f, s, n / s, w / bw, c / 1000, cpu_ratio, k / 1024, v
      }' >>"$report"
}

# ---- correctness first: the hand-derived cases ----------------------------------------------
check() {  # check LABEL EXPECTED ACTUAL
  local verdict
  verdict=$(same_output "$2" "$3") || failures=$((failures + 1))
  echo "$1: $verdict"
}
"$baseline" --as-of "$as_of" "$here/testdata/edge_leads.ndjson" >"$data/edge-baseline.out" || true
check "baseline on hand-derived cases" "$here/testdata/edge_expected.ndjson" "$data/edge-baseline.out"
if [[ -n $qualify ]]; then
  "$qualify" eval "$policy" "$here/testdata/edge_leads.ndjson" --as-of "$as_of" \
    >"$data/edge-qualify.out" 2>"$data/edge-qualify.err" || true
  check "qualify on hand-derived cases" "$here/testdata/edge_expected.ndjson" "$data/edge-qualify.out"
  # Error lines: the text is free (R47), so only which records are errors must agree.
  { "$baseline" --as-of "$as_of" "$here/testdata/error_leads.ndjson" || true; } |
    grep -n '"error"' | cut -d: -f1 >"$data/errors-baseline.lines" || true
  { "$qualify" eval "$policy" "$here/testdata/error_leads.ndjson" --as-of "$as_of" 2>/dev/null || true; } |
    grep -n '"error"' | cut -d: -f1 >"$data/errors-qualify.lines" || true
  check "error lines at the same records" "$data/errors-baseline.lines" "$data/errors-qualify.lines"
fi

# ---- timings --------------------------------------------------------------------------------
for size in $sizes; do
  leads=$data/leads-$size-seed$seed
  for format in ndjson csv; do  # generated once; renamed when complete, so never half a file
    if [[ ! -s $leads.$format ]]; then
      "$gen" --count "$size" --seed "$seed" --format "$format" --as-of "$as_of" >"$leads.$format.part"
      mv "$leads.$format.part" "$leads.$format"
    fi
  done
  echo "timing $size leads ($(( $(stat -c %s "$leads.ndjson") / size )) bytes per NDJSON lead)..." >&2

  measure "baseline-$size" "$data/baseline-$size.out" "$baseline" --as-of "$as_of" "$leads.ndjson"
  row "$size" baseline ndjson "baseline-$size" "$data/baseline-$size.out"
  [[ -n $qualify ]] || continue
  for format in ndjson csv; do
    for jobs in 1 2; do
      name=qualify-$format-j$jobs-$size
      jobs_option=()
      [[ $jobs == 1 ]] || jobs_option=(--jobs "$jobs")
      if measure "$name" "$data/$name.out" "$qualify" eval "$policy" "$leads.$format" \
           --as-of "$as_of" "${jobs_option[@]}"; then
        row "$size" "qualify --jobs $jobs" "$format" "$name" "$data/$name.out"
      else
        echo "| $size | qualify --jobs $jobs | $format | failed | | | | see $data/$name.err |" >>"$report"
        failures=$((failures + 1))
      fi
    done
  done
done

echo
cat "$report"
echo
echo "best of $runs runs; load average $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores"
echo "policy: $policy; qualify: ${qualify:-not built}"
if [[ $failures -gt 0 ]]; then
  echo "run.sh: $failures check(s) failed" >&2
  exit 1
fi
