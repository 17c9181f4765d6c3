#pragma once
// Why-not: for a lead that is not at a stage, what stands between it and each funnel line that
// gives that stage. Reads a trace of every funnel line (Evaluator::evaluate_every_line).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "eval/trace.hpp"

namespace qpl {

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
};

struct WhyNotLine {
  std::uint32_t line = 0;             // index in the funnel
  Value result;                       // false or unknown (or true when only an earlier line wins)
  std::vector<WhyNotReason> reasons;
  std::vector<std::uint32_t> earlier_true;  // earlier lines that are true and win first
};

struct WhyNot {
  std::string stage;
  bool in_funnel = false;   // some funnel line gives `stage`
  bool at_stage = false;    // the lead is already there
  int current_line = -1;    // the line that gives the lead its stage now
  std::vector<WhyNotLine> lines;
};

WhyNot why_not(const Trace& trace, const CheckedPolicy& policy, std::string_view stage);
std::string why_not_text(const Trace& trace, const CheckedPolicy& policy, std::string_view stage,
                         bool color);
// {"stage", "current", "at_stage", "lines": [{"line", "text", "at", "result", "earlier_true",
//  "reasons": [{"what", "detail", "at", "result", "missing"?, "faults"?, "short_by"?}]}]}
void why_not_json(const Trace& trace, const CheckedPolicy& policy, std::string_view stage,
                  std::string& out);

}  // namespace qpl
