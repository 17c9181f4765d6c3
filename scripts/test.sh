#!/usr/bin/env bash
# Builds qualify and runs every test: the normal build, then the same tests under ASan+UBSan.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh

jobs=${QUALIFY_JOBS:-2}

# Optimised like a release (the -O2 warnings are the strictest) but without debug information,
# which costs a third of the build time on a 2-core CI machine.
echo "== build (-O2, warnings as errors)"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release "-DCMAKE_CXX_FLAGS_RELEASE=-O2 -DNDEBUG" \
  -DQUALIFY_WERROR=ON >/dev/null
cmake --build build -j"$jobs"
echo "== tests"
ctest --test-dir build --output-on-failure -j"$jobs"

echo "== build (AddressSanitizer + UndefinedBehaviorSanitizer)"
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DQUALIFY_SANITIZE=ON >/dev/null
cmake --build build-asan -j"$jobs"
echo "== tests under sanitizers"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan --output-on-failure -j"$jobs"

# The fuzz targets' seeds and regression inputs ran above as tests (replay_*); here libFuzzer
# itself gets a short run per target, to catch what the corpora do not reach yet.
# It needs a third build (clang), which would take CI past its time budget on 2 cores, so it
# runs only when asked: QUALIFY_FUZZ_SECONDS=10 scripts/test.sh.
if [ "${QUALIFY_FUZZ_SECONDS:=0}" != 0 ]; then
  echo "== fuzz smoke run (clang libFuzzer, $QUALIFY_FUZZ_SECONDS s per target)"
  tests/fuzz/run.sh all "$QUALIFY_FUZZ_SECONDS"
fi
