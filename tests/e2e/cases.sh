# Sourced by the e2e scripts: their cases and failures. A script defines each case as a function
# case_NAME and ends with `run_cases "${@:2}"`; `SCRIPT QUALIFY NAME` runs case NAME alone (one
# CTest per line of tests/e2e/cases.list, which a ctest checks against the scripts both ways),
# `SCRIPT QUALIFY` runs every case of the script.

failures=0
fail() {
  echo "FAIL: $1"
  failures=$((failures + 1))
}

# run_cases [NAME]: case NAME, or every case of the script, each in a subshell of its own (a case
# may change folder) with a temporary folder $work of its own, as when run alone; exit 1 when a check failed.
run_cases() {
  if (($# > 0)); then
    if ! declare -F "case_$1" >/dev/null; then
      echo "FAIL: $(basename "$0") has no case '$1' (its cases: $(list_cases | tr '\n' ' '))"
      exit 2
    fi
    "case_$1"
    if ((failures > 0)); then
      echo "$failures check(s) of $(basename "$0") $1 failed"
      exit 1
    fi
    echo "$(basename "$0") $1: passed"
    exit 0
  fi
  local name failed=0
  for name in $(list_cases); do
    (
      work=$(mktemp -d)
      trap 'rm -rf "$work"' EXIT
      "case_$name"
      ((failures == 0))
    ) || {
      echo "FAIL: case $name"
      failed=$((failed + 1))
    }
  done
  if ((failed > 0)); then
    echo "$failed case(s) of $(basename "$0") failed"
    exit 1
  fi
  echo "every case of $(basename "$0") passed"
}

list_cases() {
  declare -F | awk '$3 ~ /^case_/ { print substr($3, 6) }'
}
