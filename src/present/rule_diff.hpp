#pragma once
// Why a lead moved between two policies: the first rule whose outcome differs, read off one
// trace per policy (`qualify diff` examples).
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "eval/trace.hpp"
#include "model/policy.hpp"

namespace qpl::present {

// One side of the difference: a rule as one policy has it.
struct RuleSide {
  std::string rule;    // "mql when is_mql", "+15 when count(...) >= 2", "icp fit"
  std::string at;      // "acme.qpl:74:3"
  std::string result;       // "true", "false", "unknown", "45"; a score rule that applied: "+20"
  std::string result_json;  // the same as JSON: true, false, null, 45, 20
  // What the rule read: lead fields, then the lets, icps, scores and checks it used directly.
  struct Read {
    std::string name, text, json;  // engagement, 45, 45 / industry, "retail", "retail"
  };
  std::vector<Read> reads;
};

struct RuleDiff {
  std::optional<RuleSide> old_side;  // empty: the rule exists in the new policy only
  std::optional<RuleSide> new_side;
};

// Funnel lines are compared in order (line k of the old policy with line k of the new); the
// first pair whose results differ is followed down, through the icps, scores, checks and lets
// it uses (matched by kind and name) and their clauses and rules (by position), to the deepest
// pair whose results differ (a score rule's result is the points it added). When every line tried agrees (a renamed stage), the deciding line.
// Both traces must come from the same lead at ExplainLevel::compact or full.
RuleDiff first_rule_difference(const eval::Trace& old_trace, const CheckedPolicy& old_policy,
                               const eval::Trace& new_trace, const CheckedPolicy& new_policy);

// The funnel line that gave the lead its stage (the last line tried), for a lead the other
// policy could not read; nullopt without a funnel.
std::optional<RuleSide> deciding_line(const eval::Trace& trace, const CheckedPolicy& policy);

// A value as the explain trace shows it (20, "saas", unknown) and as its JSON (null for unknown).
std::string value_as_text(const Value& value);
std::string value_as_json(const Value& value);

}  // namespace qpl::present
