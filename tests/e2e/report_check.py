"""Recomputes the figures of a `qualify report --format json` from `qualify eval --keep OUTCOME`
results, lead by lead and by other means (pairs for the AUC, sorting for the bands), and exits 1
on the first figure that differs.

Usage: report_check.py REPORT.json EVAL.ndjson OUTCOME_COLUMN
"""
import json
import math
import sys

report = json.load(open(sys.argv[1]))
column = sys.argv[3]
results = [json.loads(line) for line in open(sys.argv[2]) if line.strip()]
errors = [r for r in results if "error" in r]
leads = [r for r in results if "error" not in r]
problems = []


def same(what, ours, theirs):
    if isinstance(ours, float) or isinstance(theirs, float):
        if ours is None or theirs is None or abs(ours - theirs) > 1e-12:
            problems.append(f"{what}: recomputed {ours}, report {theirs}")
    elif ours != theirs:
        problems.append(f"{what}: recomputed {ours}, report {theirs}")


def outcome(lead):
    cell = (lead.get("input") or {}).get(column)
    if cell is None or cell.strip() == "":
        return "missing"
    word = cell.strip().lower()
    if word in ("1", "yes", "true"):
        return 1
    if word in ("0", "no", "false"):
        return 0
    return "unreadable"


def rate(group):
    known = [outcome(l) for l in group if outcome(l) in (0, 1)]
    return len(known), sum(known)


same("records", len(results), report["data"]["records"])
same("errors", len(errors), report["data"]["errors"])
same("evaluated", len(leads), report["data"]["evaluated"])
kinds = [outcome(l) for l in leads]
same("outcome known", sum(k in (0, 1) for k in kinds), report["outcome"]["known"])
same("outcome positive", sum(k == 1 for k in kinds), report["outcome"]["positive"])
same("outcome missing", kinds.count("missing"), report["outcome"]["missing"])
same("outcome unreadable", kinds.count("unreadable"), report["outcome"]["unreadable"])
all_known, all_positive = rate(leads)
overall = all_positive / all_known

for stage in report["stages"]:
    group = [l for l in leads if l["stage"] == stage["stage"]]
    same(f"stage {stage['stage']} leads", len(group), stage["leads"])
    same(f"stage {stage['stage']} share", len(group) / len(leads), stage["share"])
    known, positive = rate(group)
    same(f"stage {stage['stage']} known", known, stage["outcome"]["known"])
    same(f"stage {stage['stage']} positive", positive, stage["outcome"]["positive"])
    if known:
        same(f"stage {stage['stage']} rate", positive / known, stage["outcome"]["rate"])
        same(f"stage {stage['stage']} lift", positive / known / overall, stage["outcome"]["lift"])
same("stages cover every lead", len(leads), sum(s["leads"] for s in report["stages"]))

for score in report["scores"]:
    name = score["name"]
    values = [l["scores"][name] for l in leads]
    same(f"{name} count", len(values), score["count"])
    same(f"{name} mean", float(sum(values) / len(values)), float(score["mean"]))
    same(f"{name} min", min(values), score["min"])
    same(f"{name} max", max(values), score["max"])
    bins = score["histogram"]
    for i, b in enumerate(bins):
        last = i == len(bins) - 1
        n = sum(1 for v in values
                if (b["from"] <= v < b["to"] or (last and v == b["to"]))
                or (i == 0 and v < b["from"]) or (last and v > b["to"]))
        same(f"{name} histogram bin {i}", n, b["leads"])
    pairs = [(l["scores"][name], outcome(l)) for l in leads if outcome(l) in (0, 1)]
    pos = [v for v, o in pairs if o == 1]
    neg = [v for v, o in pairs if o == 0]
    wins = sum(1.0 if p > n else 0.5 if p == n else 0.0 for p in pos for n in neg)
    same(f"{name} auc", wins / (len(pos) * len(neg)), float(score["outcome"]["auc"]))
    # Bands: sort the leads, highest first; each value's run goes to the band of its middle rank.
    ordered = sorted(leads, key=lambda l: -l["scores"][name])
    bands = {}
    start = 0
    while start < len(ordered):
        value = ordered[start]["scores"][name]
        end = start
        while end < len(ordered) and ordered[end]["scores"][name] == value:
            end += 1
        band = min(9, math.floor(10 * ((start + end) / 2) / len(ordered))) + 1
        bands.setdefault(band, []).extend(ordered[start:end])
        start = end
    same(f"{name} bands", sorted(bands), [b["band"] for b in score["outcome"]["bands"]])
    for b in score["outcome"]["bands"]:
        group = bands.get(b["band"], [])
        same(f"{name} band {b['band']} leads", len(group), b["leads"])
        same(f"{name} band {b['band']} from", min(l["scores"][name] for l in group), b["from"])
        known, positive = rate(group)
        same(f"{name} band {b['band']} known", known, b["known"])
        same(f"{name} band {b['band']} positive", positive, b["positive"])
    for row in score["outcome"]["thresholds"]:
        above = [l for l in leads if (l["scores"][name] > row["value"] if row["op"] == ">" else l["scores"][name] >= row["value"])]
        below = [l for l in leads if l not in above]
        same(f"{name} {row['op']} {row['value']} leads above", len(above), row["leads_above"])
        for side, group in (("above", above), ("below", below)):
            known, positive = rate(group)
            same(f"{name} {row['op']} {row['value']} rate {side}", positive / known if known else None,
                 row[f"rate_{side}"])
    same(f"{name} has a current threshold", True, any(r["current"] for r in score["outcome"]["thresholds"]))

for icp in report["icps"]:
    got = [l["icp"][icp["name"]] for l in leads]
    same(f"icp {icp['name']} passed", got.count(True), icp["passed"])
    same(f"icp {icp['name']} failed", got.count(False), icp["failed"])
    same(f"icp {icp['name']} unknown", got.count(None), icp["unknown"])
for gates in report["gates"]:
    for check in gates["checks"]:
        got = [l["gates"][gates["name"]][check["label"]] for l in leads]
        what = f"{gates['name']}.{check['label']}"
        same(f"{what} pass", got.count(True), check["pass"])
        same(f"{what} fail", got.count(False), check["fail"])
        same(f"{what} unknown", got.count(None), check["unknown"])

for p in problems:
    print(p)
sys.exit(1 if problems else 0)
