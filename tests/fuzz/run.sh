#!/usr/bin/env bash
# Builds the libFuzzer targets with clang and runs them.
#   tests/fuzz/run.sh TARGET|all SECONDS
# Each target starts from its seed corpus and regression inputs (tests/fuzz/corpus/<target>,
# tests/fuzz/regressions/<target>) and grows a working corpus in the build folder, so the seeds
# in the repository stay small. A crash leaves its input in <build>/artifacts/<target>/: copy it
# to tests/fuzz/regressions/<target>/ with the fix, and the replay tests keep it fixed.
# Environment: QUALIFY_FUZZ_BUILD (build folder, default build-fuzz), QUALIFY_JOBS (default 2).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${QUALIFY_FUZZ_BUILD:-$root/build-fuzz}
jobs=${QUALIFY_JOBS:-2}
all_targets=(policy_check fmt_roundtrip csv_reader ndjson_reader json_reader eval_policies repl_lines)

if [ $# -ne 2 ]; then
  echo "usage: $0 TARGET|all SECONDS   (targets: ${all_targets[*]})" >&2
  exit 2
fi
if [ "$1" = all ]; then targets=("${all_targets[@]}"); else targets=("$1"); fi
seconds=$2

"$root/scripts/install-deps.sh" --fuzz

# -O1 with line tables: fast enough to fuzz, and a third of -O2 -g's build time on this machine.
CC=clang-14 CXX=clang++-14 cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=None \
  "-DCMAKE_CXX_FLAGS=-O1 -gline-tables-only" -DQUALIFY_FUZZ=ON -DQUALIFY_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" --target "${targets[@]/#/fuzz_}" -j"$jobs"

failed=()
for t in "${targets[@]}"; do
  work="$build/corpus/$t"
  artifacts="$build/artifacts/$t"
  mkdir -p "$work" "$artifacts" "$here/regressions/$t"
  dict=()
  case $t in
    policy_check|fmt_roundtrip|repl_lines) dict=(-dict="$here/qpl.dict") ;;
    ndjson_reader|json_reader|eval_policies) dict=(-dict="$here/json.dict") ;;
  esac
  echo "== fuzz $t for ${seconds}s"
  # An empty folder keeps the fuzzer's relative imports and loads away from real files.
  sandbox=$(mktemp -d)
  if (cd "$sandbox" && "$build/tests/fuzz/fuzz_$t" "${dict[@]}" -max_total_time="$seconds" \
        -timeout=10 -rss_limit_mb=2048 -max_len=16384 -print_final_stats=1 \
        -artifact_prefix="$artifacts/" "$work" "$here/corpus/$t" "$here/regressions/$t" \
        >"$build/fuzz-$t.log" 2>&1); then
    grep -E '^#[0-9]+ +DONE|stat::number_of_executed_units|stat::peak_rss_mb' "$build/fuzz-$t.log" | tr '\n' ' '
    echo
  else
    echo "!! $t failed: see $build/fuzz-$t.log and $artifacts/" >&2
    grep -E 'ERROR|fuzz property violated|SUMMARY' "$build/fuzz-$t.log" | head -5 >&2 || true
    failed+=("$t")
  fi
  rm -rf "$sandbox"
done
if [ ${#failed[@]} -ne 0 ]; then
  echo "failed: ${failed[*]}" >&2
  exit 1
fi
