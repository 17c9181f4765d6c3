#pragma once
// Where a policy compares a score with a number (`engagement >= 50` in a let, `engagement > 0`
// on a funnel line, `between`): the thresholds a report draws on the score's histogram.
#include <string>
#include <vector>

#include "model/policy.hpp"

namespace qpl::report {

struct ScoreThreshold {
  std::string op;  // ">=" or ">": the side of the comparison that is "above" (s < t is s >= t)
  double value = 0;
  std::string text;  // the comparison as written
  std::string at;    // file:line:column
};

// By score (CheckedPolicy::scores index), in the order the policy's declarations are walked
// (lets, icps, scores, gates, funnel).
std::vector<std::vector<ScoreThreshold>> score_thresholds(const CheckedPolicy& policy);

}  // namespace qpl::report
