#!/usr/bin/env bash
# Builds qualify and runs every test: the normal build (gcc), then the same tests under ASan+UBSan
# (clang) and a short run of each fuzz target.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --fuzz

jobs=${QUALIFY_JOBS:-2}

# Optimised like a release (the -O2 warnings are the strictest) but without debug information,
# which costs a third of the build time on a 2-core CI machine.
echo "== build (-O2, warnings as errors)"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release "-DCMAKE_CXX_FLAGS_RELEASE=-O2 -DNDEBUG" \
  -DQUALIFY_WERROR=ON >/dev/null
cmake --build build -j"$jobs"
echo "== tests"
ctest --test-dir build --output-on-failure -j"$jobs"

# The sanitizer build is a clang build that also links the libFuzzer targets, so one build
# serves the ASan+UBSan tests, the fuzz regression replays and the fuzz smoke run below.
# -O1 with line tables: what the sanitizers recommend, and quicker to build than -O0 -g.
# Warnings are errors here too: clang warns where gcc does not (an unused private field).
echo "== build (clang: AddressSanitizer + UndefinedBehaviorSanitizer, libFuzzer targets)"
CC=clang-14 CXX=clang++-14 cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=None \
  "-DCMAKE_CXX_FLAGS=-O1 -gline-tables-only" -DQUALIFY_SANITIZE=ON -DQUALIFY_FUZZ=ON \
  -DQUALIFY_WERROR=ON >/dev/null
cmake --build build-asan -j"$jobs"
# ASan's redzones make a checker or evaluator level about 8 KB of stack (under 0.5 KB in the
# release build): max_evaluation_depth (4000 levels) needs 32 MB there, not the usual 8.
ulimit -s 65536
echo "== tests under sanitizers"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan --output-on-failure -j"$jobs"

# Each libFuzzer target gets a short run from its seeds, to catch what the corpora do not reach
# yet. QUALIFY_FUZZ_SECONDS sets the time per target (0 skips it).
seconds=${QUALIFY_FUZZ_SECONDS:-10}
if [ "$seconds" != 0 ]; then
  echo "== fuzz smoke run ($seconds s per target)"
  QUALIFY_FUZZ_BUILD="$PWD/build-asan" tests/fuzz/run.sh all "$seconds"
fi
