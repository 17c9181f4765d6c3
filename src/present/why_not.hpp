#pragma once
// Why-not: for a lead that is not at a stage, what stands between it and each funnel line that
// gives that stage. Reads a trace of every funnel line (eval/trace_builder.hpp, Lines::every_line).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "eval/trace.hpp"

namespace qpl::present {

// One thing that keeps a funnel line from being true.
struct WhyNotReason {
  bool unknown = false;               // unknown rather than false
  std::string what;                   // "engagement >= 50", "icp fit", "at least 3 of bant"
  std::string detail;                 // "engagement = 35 (needs >= 50)", "1 true, 3 unknown"
  Span span;
  std::vector<std::string> missing;   // fields whose missing value made it unknown
  std::vector<std::string> faults;    // "division by zero", ...
  std::optional<double> short_by;     // a number threshold: how far the value is from it
  bool points = false;                // short_by counts a score's points
  bool holds = false;                 // a reason a line is true (a line that decides first)
  std::vector<std::string> fields;    // the lead fields behind it: what would have to change
};

struct WhyNotLine {
  std::uint32_t line = 0;             // index in the funnel
  Value result;                       // false or unknown (or true when only an earlier line wins)
  std::vector<WhyNotReason> reasons;
  std::vector<std::uint32_t> earlier_true;  // earlier lines that are true and win first
  bool reached = true;                // false: the line comes after the one that decides now
};

struct WhyNot {
  std::string stage;
  bool in_funnel = false;   // some funnel line gives `stage`
  bool at_stage = false;    // the lead is already there
  // The lines give `stage`, but a forward-only funnel held the lead at a later stage or
  // recycled it: that is the whole answer.
  bool kept_by_order = false;
  int current_line = -1;    // the line that gives the lead its stage now
  std::vector<WhyNotLine> lines;
  // Every line giving `stage` comes after the line that decides now (a disqualified lead): the
  // answer is that line, what makes it true, and the fields whose change could undo it.
  bool blocked = false;
  std::vector<WhyNotReason> blocker;
  std::vector<std::string> undo_fields;
};

// What keeps each of `nodes` (funnel lines, false or unknown) from being true, in order; a reason
// two nodes share is given in full the first time, then as "see above". Used by --explain too.
std::vector<std::vector<WhyNotReason>> reasons_not_true(const eval::Trace& trace,
                                                       const CheckedPolicy& policy,
                                                       const std::vector<std::uint32_t>& nodes);
// What makes a true funnel line true: its false or unknown parts (`not fit`) with their reasons,
// its true parts with the values they read.
std::vector<WhyNotReason> reasons_true(const eval::Trace& trace, const CheckedPolicy& policy,
                                       std::uint32_t line_node);
// "engagement = 40 (needs >= 50): 10 points short  (missing: budget)"
std::string why_not_reason_text(const WhyNotReason& r);

WhyNot why_not(const eval::Trace& trace, const CheckedPolicy& policy, std::string_view stage);
std::string why_not_text(const eval::Trace& trace, const CheckedPolicy& policy, std::string_view stage,
                         bool color);
// {"stage", "current", "at_stage", "blocked", "lines": [{"line", "text", "at", "reached", "result",
//  "earlier_true", "reasons": [reason]}], "decided_by"?: {"line", "text", "at", "reasons":
//  [reason], "undo_fields"}}; a reason is {"what", "detail", "at", "result", "missing"?,
//  "faults"?, "short_by"?}. A line not reached has "result": null and no reasons.
void why_not_json(const eval::Trace& trace, const CheckedPolicy& policy, std::string_view stage,
                  std::string& out);

}  // namespace qpl::present
