#!/usr/bin/env bash
# Times `qualify lint` (load + check + lint + text output) on a generated policy of 10,000
# rules: 2,000 lets, 40 scores of 100 rules, 20 gates groups of 100 checks and a funnel of 2,000
# lines that reads all of them. Best of N runs, wall time and peak RSS.
#   bench/lint_10k.sh [--runs N]          builds a Release qualify in build-lint-bench/
#   QUALIFY=/path/to/qualify bench/lint_10k.sh
set -euo pipefail
cd "$(dirname "$0")/.."

runs=5
[ "${1:-}" = "--runs" ] && runs=$2

if [ -z "${QUALIFY:-}" ]; then
  cmake -S . -B build-lint-bench -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build build-lint-bench --target qualify -j"${QUALIFY_JOBS:-2}" >/dev/null
  QUALIFY=build-lint-bench/qualify
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
[ -n "${KEEP:-}" ] && trap - EXIT && echo "policy kept in $work" >&2
policy=$work/lint_10k.qpl

awk 'BEGIN {
  print "fields {\n  id: text"
  for (f = 0; f < 50; f++) printf "  f%d: number%s\n", f, (f % 5 == 0 ? "?" : "")
  print "  tier: one of (\"free\", \"pro\", \"team\", \"enterprise\")\n  events: list of event\n}"
  print "record event {\n  type: text\n  day: date\n}"
  for (i = 0; i < 2000; i++)
    printf "let l%d = f%d > %d and (f%d < %d or tier in [\"pro\", \"team\"])\n", i, i % 50, i, (i + 7) % 50, i * 3 + 10
  for (s = 0; s < 40; s++) {
    printf "score s%d from 0 to 100 {\n", s
    for (r = 0; r < 100; r++) {
      if (r % 10 == 0) printf "  +2 per f%d up to %d\n", (s + r) % 50, 10 + r % 7
      else if (r % 10 == 1) printf "  -5 when any(events where type = \"t%d\" and day within %d days)\n", r, r + 1
      else printf "  +%d when f%d >= %d\n", 1 + r % 9, (s * 3 + r) % 50, r * 10 + s
    }
    print "}"
  }
  for (g = 0; g < 20; g++) {
    printf "gates g%d {\n", g
    for (c = 0; c < 100; c++) printf "  c%d when (f%d otherwise 0) >= %d\n", c, (g + c) % 50, g * 100 + c
    print "}"
  }
  print "funnel {"
  for (i = 0; i < 2000; i++)
    printf "  stage%d when l%d and s%d >= %d and at least %d of g%d\n", i, i, i % 40, i % 60, 1 + i % 90, i % 20
  print "  prospect otherwise\n}"
}' > "$policy"

rules=$(grep -cE '^  ([+-][0-9]+ |c[0-9]+ when|stage[0-9]+ when)|^let ' "$policy")
best=""
for _ in $(seq "$runs"); do
  start=$(date +%s.%N)
  /usr/bin/time -f '%M' -o "$work/rss" "$QUALIFY" lint "$policy" >"$work/out" 2>"$work/err" || true
  end=$(date +%s.%N)
  t=$(echo "$end - $start" | bc)
  if [ -z "$best" ] || [ "$(echo "$t < $best" | bc)" = 1 ]; then best=$t; fi
done
findings=$(tail -1 "$work/err")
printf 'lint of a %d-rule policy (%d lines, %d bytes): best of %d %.3f s, peak RSS %d MB; %s\n' \
  "$rules" "$(wc -l <"$policy")" "$(wc -c <"$policy")" "$runs" "$best" \
  "$(( $(cat "$work/rss") / 1024 ))" "$findings"
