#!/usr/bin/env bash
# Builds qualify and evaluates the bundled example leads against policies/acme.qpl, with the
# explanation of each lead's stage.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh

cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"${QUALIFY_JOBS:-2}" --target qualify

build/qualify lint policies/
build/qualify eval policies/acme.qpl examples/acme_leads.ndjson \
  --as-of 2026-11-01 --format table --explain --summary
