#pragma once
// The explain trace rendered (present/explain.cpp, explain_compact.cpp): as text for people and as
// JSON for tools.
#include <string>

#include "eval/trace.hpp"
#include "model/policy.hpp"

namespace qpl::present {

// Text from leads and policies is sanitized for terminals (text) or JSON-escaped (JSON).

// The indented tree: "stage: sql — because ...", then the funnel lines tried, each with what it
// used, marked ✓ (passed), ✗ (failed) or ? (unknown), and where it is in the policy; the lines
// after the deciding one are marked – (not reached). `color`
// adds ANSI colours.
std::string explain_text(const eval::Trace& trace, const CheckedPolicy& policy, bool color);
// The compact text (the --explain default): the stage, then one line per funnel line tried with
// the few reasons that decided it, then the lines not reached; it fits a screen.
std::string explain_compact_text(const eval::Trace& trace, const CheckedPolicy& policy, bool color);
// The same tree as one JSON object (the NDJSON `explain` member), appended to `out`:
// {"stage", "because", "as_of", "lines": [node...], "others": [node...]}; a node is
// {"id", "kind", "name"?, "text", "at", "result", "passed"?, "points"?, "reads", "missing"?,
// "faults"?, "failed"?, "children"}; a node shown before is {"id", "kind", "name"?, "result",
// "same_as": id}. The funnel lines after the deciding one end "lines" as {"kind", "stage", "text",
// "at", "reached": false}: they have no result, since nothing after the decision counts.
void explain_json(const eval::Trace& trace, const CheckedPolicy& policy, std::string& out);

}  // namespace qpl::present
