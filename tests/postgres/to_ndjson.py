#!/usr/bin/env python3
"""Leads for the PostgreSQL test, one JSON value a line (what a jsonb column holds).

  to_ndjson.py csv FILE      a CSV export: each row an object of its non-empty cells, as text
                             (the binder reads text cells the way the CSV reader does)
  to_ndjson.py valid FILE    the lines of an NDJSON file that are JSON, unchanged: a line cut
                             short cannot be a jsonb value (the CLI reports it as an error)
  to_ndjson.py seeds FILE... fuzzing seeds: each NDJSON line or whole file that parses as JSON
                             as itself, anything else as a JSON string of its text (jsonb
                             takes no NUL character, so those are dropped)
"""
import csv
import json
import sys


def emit(value):
    sys.stdout.write(json.dumps(value, ensure_ascii=False) + "\n")


def from_csv(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        header = f.readline()
        f.seek(0)
        delimiter = ";" if header.count(";") > header.count(",") else ","
        for row in csv.DictReader(f, delimiter=delimiter):
            emit({k: v for k, v in row.items() if k is not None and v not in (None, "")})


def jsonb_safe(value):
    """jsonb rejects NUL in strings (\\u0000); numbers beyond its range stay as they are."""
    if isinstance(value, str):
        return value.replace("\0", "")
    if isinstance(value, list):
        return [jsonb_safe(v) for v in value]
    if isinstance(value, dict):
        return {jsonb_safe(k): jsonb_safe(v) for k, v in value.items()}
    return value


def parse(text):
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        return text.replace("\0", "")
    if isinstance(value, float) and value != value:
        return text
    return jsonb_safe(value)


def from_seeds(paths):
    for path in paths:
        with open(path, "rb") as f:
            text = f.read().decode("utf-8", errors="replace")
        emit(parse(text))
        for line in text.splitlines():
            if line.strip():
                emit(parse(line))


def valid_lines(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            try:
                json.loads(line)
            except ValueError:
                continue
            sys.stdout.write(line if line.endswith("\n") else line + "\n")


def main():
    if len(sys.argv) >= 3 and sys.argv[1] == "csv":
        from_csv(sys.argv[2])
    elif len(sys.argv) >= 3 and sys.argv[1] == "valid":
        valid_lines(sys.argv[2])
    elif len(sys.argv) >= 3 and sys.argv[1] == "seeds":
        from_seeds(sys.argv[2:])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
