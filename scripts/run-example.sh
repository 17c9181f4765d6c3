#!/usr/bin/env bash
# Builds qualify and evaluates the bundled example leads against policies/acme.qpl, with the
# explanation of each lead's stage.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh

cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release "-DCMAKE_CXX_FLAGS_RELEASE=-O2 -DNDEBUG" >/dev/null
cmake --build build -j"${QUALIFY_JOBS:-2}" --target qualify

# Infos (suggestions) are left out here; `qualify lint policies/` shows them too.
build/qualify lint --severity warning policies/ && echo "lint: no errors or warnings in policies/"
# The example file holds a few broken records on purpose: each gets its own error line and eval
# exits 1 ("some records were in error"), which is the expected ending of this demo.
status=0
build/qualify eval policies/acme.qpl examples/acme_leads.ndjson \
  --as-of 2026-11-01 --format table --explain --summary || status=$?
[ "$status" -le 1 ]
