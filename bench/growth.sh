#!/usr/bin/env bash
# Growth: does qualify stay linear, bounded in memory, and answer (or refuse clearly) on inputs
# far larger than real ones? Prints a Markdown table: case, wall time, max RSS, exit code, the
# first line of stderr. See docs/fuzzing.md for measured figures.
#
#   bench/growth.sh [--data DIR]
#   QUALIFY=path  use this qualify binary instead of building one (Release) in build-growth
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
data=${TMPDIR:-/tmp}/qualify-growth
[ "${1:-}" = --data ] && data=$2
mkdir -p "$data"

if [ -z "${QUALIFY:-}" ]; then
  cmake -S "$root" -B "$root/build-growth" -G Ninja -DCMAKE_BUILD_TYPE=Release -DQUALIFY_BUILD_TESTS=OFF >/dev/null
  cmake --build "$root/build-growth" --target qualify -j"${QUALIFY_JOBS:-2}" >/dev/null
  QUALIFY=$root/build-growth/qualify
fi

python3 - "$data" <<'PY'
import os, sys
d = sys.argv[1]
def write(name, text):
    path = os.path.join(d, name)
    if not os.path.exists(path):
        with open(path, "w") as f: f.write(text)

schema = 'fields {\n  id: text\n  n: number?\n  t: text?\n  tags: list of text?\n}\n'
# N rules: score rules in blocks of 1,000, each with its own threshold, plus a funnel on them.
for n in (1_000, 10_000, 100_000):
    parts = [f'policy "growth" version 1\n\n', schema]
    blocks = n // 1000
    for b in range(blocks):
        parts.append(f'\nscore s{b} from 0 to 1000 {{\n')
        parts.extend(f'  +1 when n > {b * 1000 + i}\n' for i in range(1000))
        parts.append('}\n')
    parts.append('\nfunnel {\n  high when s0 > 500\n  low otherwise\n}\n')
    write(f'rules_{n}.qpl', ''.join(parts))
write('one.ndjson', '{"id": "L-1", "n": 700, "t": "x", "tags": ["a"]}\n')
write('small.qpl', 'policy "growth" version 1\n\n' + schema +
      '\nicp fit {\n  require n > 3\n  require "a" in tags\n}\n')
# A CSV with 100,000 columns (the policy reads 3 of them) and 3 rows.
cols = ['id', 'n', 't'] + [f'extra_{i}' for i in range(100_000 - 3)]
write('wide.csv', ','.join(cols) + '\n' + ''.join(
    ','.join([f'L-{r}', str(r)] + ['x'] * (len(cols) - 2)) + '\n' for r in range(3)))
# A single 100 MB JSON line: a 100 MB text value, and a list of 9 million short texts.
write('big_text.ndjson', '{"id": "L-1", "n": 5, "t": "' + 'x' * 100_000_000 + '", "tags": ["a"]}\n')
write('big_list.ndjson', '{"id": "L-1", "n": 5, "tags": [' + ','.join(['"abcdefgh"'] * 9_000_000) + ']}\n')
# A list literal of a million items.
write('million.qpl', 'policy "growth" version 1\n\n' + schema + '\nlet big = [' +
      ', '.join(str(i) for i in range(1_000_000)) + ']\n\nicp fit {\n  require n in big\n}\n')
PY

measure() {  # name, then the command
  local name=$1; shift
  local err=$data/stderr.txt tv=$data/time.txt
  local rc=0
  /usr/bin/time -v -o "$tv" "$@" >/dev/null 2>"$err" || rc=$?
  local wall rss
  wall=$(grep 'Elapsed (wall clock)' "$tv" | awk '{print $NF}')
  rss=$(grep 'Maximum resident' "$tv" | awk '{printf "%.0f MB", $NF/1024}')
  printf '| %s | %s | %s | %s | %s |\n' "$name" "$wall" "$rss" "$rc" "$(head -c 120 "$err" | head -n1)"
}

echo "| case | wall | max RSS | exit | stderr (first line) |"
echo "|---|---|---|---|---|"
for n in 1000 10000 100000; do
  measure "policy of $n rules (eval 1 lead)" "$QUALIFY" eval --as-of 2026-11-01 "$data/rules_$n.qpl" "$data/one.ndjson"
done
measure "CSV with 100,000 columns, 3 rows" "$QUALIFY" eval --as-of 2026-11-01 "$data/small.qpl" "$data/wide.csv"
measure "one 100 MB JSON line (a text value)" "$QUALIFY" eval --as-of 2026-11-01 "$data/small.qpl" "$data/big_text.ndjson"
measure "one 100 MB JSON line (a list of 9M texts)" "$QUALIFY" eval --as-of 2026-11-01 "$data/small.qpl" "$data/big_list.ndjson"
measure "list literal of 1,000,000 items" "$QUALIFY" eval --as-of 2026-11-01 "$data/million.qpl" "$data/one.ndjson"
