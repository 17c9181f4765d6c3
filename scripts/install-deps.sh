#!/usr/bin/env bash
# Installs the Debian packages qualify builds with. Idempotent: does nothing when all are there.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git
  tao-pegtl-dev libfmt-dev doctest-dev libcli11-dev libsimdjson-dev libre2-dev
  libutf8proc-dev libedit-dev nlohmann-json3-dev
  postgresql-15 postgresql-server-dev-15  # the extension (postgres/) and its test's server
  chromium python3
)
# `--fuzz`: also clang and libFuzzer's runtime, for tests/fuzz/run.sh.
if [ "${1:-}" = --fuzz ]; then packages+=(clang-14 libclang-rt-14-dev); fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# The SARIF schema test's validator (tests/sarif), the TextMate grammar test's tokeniser
# (tests/editors: vscode-textmate, vscode-oniguruma) and the browser test's driver (tests/browser,
# playwright-core: it drives Debian's chromium, it downloads no browser), from the npm registry, once.
for folder in sarif browser editors; do
  if command -v npm >/dev/null && [ ! -d "$(dirname "$0")/../tests/$folder/node_modules" ]; then
    (cd "$(dirname "$0")/../tests/$folder" && npm ci --silent --no-audit --no-fund) ||
      echo "npm ci failed in tests/$folder: its tests will fail" >&2
  fi
done

[ ${#missing[@]} -eq 0 ] && exit 0

echo "installing: ${missing[*]}"
sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
