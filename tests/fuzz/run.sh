#!/usr/bin/env bash
# Builds the libFuzzer targets with clang and runs them.
#   tests/fuzz/run.sh TARGETS SECONDS
# TARGETS is `all` or a comma-separated list; SECONDS is the CPU time each target gets (a busy
# machine stretches the wall time, not the work done). Each target starts from its seed corpus
# and regression inputs (tests/fuzz/corpus/<target>, tests/fuzz/regressions/<target>) and grows
# a working corpus in the build folder, so the seeds in the repository stay small. A crash
# leaves its input in <build>/artifacts/<target>/: copy it to tests/fuzz/regressions/<target>/
# with the fix, and the replay tests keep it fixed.
# Environment: QUALIFY_FUZZ_BUILD (build folder, default build-fuzz), QUALIFY_JOBS (default 2).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${QUALIFY_FUZZ_BUILD:-$root/build-fuzz}
jobs=${QUALIFY_JOBS:-2}
all_targets=(policy_check fmt_roundtrip csv_reader ndjson_reader json_reader eval_policies repl_lines deep_lets
             lsp_messages)

if [ $# -ne 2 ]; then
  echo "usage: $0 all|TARGET[,TARGET...] CPU_SECONDS   (targets: ${all_targets[*]})" >&2
  exit 2
fi
if [ "$1" = all ]; then targets=("${all_targets[@]}"); else IFS=, read -r -a targets <<<"$1"; fi
seconds=$2

"$root/scripts/install-deps.sh" --fuzz

# A folder configured already keeps its configuration (scripts/test.sh points this script at its
# sanitizer build, which has the targets). Otherwise: -O1 with line tables, fast enough to fuzz
# and a third of -O2 -g's build time, and no tests.
if [ ! -f "$build/CMakeCache.txt" ]; then
  CC=clang-14 CXX=clang++-14 cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=None \
    "-DCMAKE_CXX_FLAGS=-O1 -gline-tables-only" -DQUALIFY_FUZZ=ON -DQUALIFY_BUILD_TESTS=OFF >/dev/null
fi
cmake --build "$build" --target "${targets[@]/#/fuzz_}" -j"$jobs"

ticks=$(getconf CLK_TCK)
# CPU seconds (user + system) a running process has used so far.
cpu_seconds() { awk -v t="$ticks" '{ print int(($14 + $15) / t) }' "/proc/$1/stat" 2>/dev/null || echo 0; }

failed=()
for t in "${targets[@]}"; do
  work="$build/corpus/$t"
  artifacts="$build/artifacts/$t"
  log="$build/fuzz-$t.log"
  mkdir -p "$work" "$artifacts" "$here/regressions/$t"
  dict=()
  case $t in
    policy_check|fmt_roundtrip|repl_lines) dict=(-dict="$here/qpl.dict") ;;
    ndjson_reader|json_reader|eval_policies) dict=(-dict="$here/json.dict") ;;
    lsp_messages) dict=(-dict="$here/lsp.dict") ;;
  esac
  echo "== fuzz $t for ${seconds} CPU seconds"
  # An empty folder keeps the fuzzer's relative imports and loads away from real files.
  # -entropic=0: libFuzzer 14's entropic scheduler spent two thirds of policy_check's time in
  # its own bookkeeping; without it the same 15 s ran 2.4x the inputs and found more features.
  sandbox=$(mktemp -d)
  # Under ASan a checker or evaluator level takes about 8 KB of stack: max_evaluation_depth
  # (4000 levels) needs 32 MB, not the usual 8.
  (cd "$sandbox" && ulimit -s 65536 && exec "$build/tests/fuzz/fuzz_$t" "${dict[@]}" -entropic=0 \
     -max_total_time=$((seconds * 20 + 60)) -timeout=10 -rss_limit_mb=2048 -max_len=16384 \
     -print_final_stats=1 -artifact_prefix="$artifacts/" \
     "$work" "$here/corpus/$t" "$here/regressions/$t") >"$log" 2>&1 &
  pid=$!
  used=0
  while kill -0 "$pid" 2>/dev/null; do
    sleep 1
    # Once the process is gone its /proc entry reads as 0: keep the last figure.
    now=$(cpu_seconds "$pid")
    if [ "$now" -gt "$used" ]; then used=$now; fi
    # SIGINT makes libFuzzer print its final statistics and exit with code 72.
    if [ "$used" -ge "$seconds" ]; then kill -INT "$pid" 2>/dev/null || true; break; fi
  done
  status=0
  wait "$pid" || status=$?
  rm -rf "$sandbox"
  if [ "$status" -eq 0 ] || [ "$status" -eq 72 ]; then
    last=$(grep -E $'^#[0-9]+\t' "$log" | tail -1 | tr -s '\t ' ' ' | sed 's/ L: .*//' || true)
    echo "   ${used} CPU s: ${last}"
  else
    echo "!! $t failed (exit $status): see $log and $artifacts/" >&2
    grep -E 'ERROR|fuzz property violated|SUMMARY' "$log" | head -5 >&2 || true
    failed+=("$t")
  fi
done
if [ ${#failed[@]} -ne 0 ]; then
  echo "failed: ${failed[*]}" >&2
  exit 1
fi
