#pragma once
// What `qualify report` counts while the leads stream past: per funnel line, score value, icp
// line and gate check, with the outcome alongside. Counters only; the leads are not kept.
// Fed in input order on one thread (it evaluates each icp line with its own Evaluator).
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "eval/evaluator.hpp"
#include "report/outcome.hpp"
#include "report/outcome_stats.hpp"
#include "report/value_counts.hpp"

namespace qpl::report {

// true, false, unknown
using Tri = std::array<std::uint64_t, 3>;

struct OutcomeSettings {
  OutcomeSpec spec;
  std::size_t slot = 0;  // the kept field holding the column in the lead record
};

class ReportTally {
 public:
  ReportTally(const CheckedPolicy& policy, std::optional<OutcomeSettings> outcome);

  // A lead evaluated: its outcome and the record it was read from.
  void add(const RecordValue& lead, const eval::LeadOutcome& outcome, std::int32_t today);
  // A lead past its stage's `sla` (counted by the SLA, that is by the lead's final stage).
  void add_overdue(const FunnelSla& sla);
  // A record the policy could not read.
  void add_error() {
    ++records;
    ++errors;
  }

  static constexpr std::size_t max_unreadable_examples = 3;

  std::uint64_t records = 0, errors = 0;
  std::vector<std::uint64_t> per_line;  // leads by funnel line
  std::vector<Rate> per_line_outcome;
  std::uint64_t no_stage = 0;
  Rate no_stage_outcome, all_outcome;
  std::uint64_t outcome_missing = 0, outcome_unreadable = 0;
  std::vector<std::string> unreadable_examples;  // distinct cells, first seen first
  std::vector<ValueCounts> scores;               // by CheckedPolicy::scores
  std::vector<Tri> icps;                         // by CheckedPolicy::icps
  std::vector<std::vector<Tri>> icp_lines;       // by icp, then clause
  std::vector<Tri> checks;                       // by CheckedPolicy::checks
  std::vector<std::uint64_t> overdue;            // by the funnel's slas
  const std::optional<OutcomeSettings>& outcome() const { return outcome_; }

 private:
  const CheckedPolicy& policy_;
  std::optional<OutcomeSettings> outcome_;
  eval::Evaluator evaluator_;  // for the icp lines, one by one
};

}  // namespace qpl::report
