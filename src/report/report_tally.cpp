#include "report/report_tally.hpp"

#include <algorithm>

namespace qpl::report {
namespace {

std::size_t tri_index(const Value& v) { return v.is_true() ? 0 : v.is_false() ? 1 : 2; }

}  // namespace

ReportTally::ReportTally(const CheckedPolicy& policy, std::optional<OutcomeSettings> outcome)
    : policy_(policy), outcome_(std::move(outcome)), evaluator_(policy) {
  if (policy.funnel != nullptr) {
    per_line.assign(policy.funnel->lines.size(), 0);
    per_line_outcome.assign(policy.funnel->lines.size(), {});
  }
  scores.resize(policy.scores.size());
  icps.assign(policy.icps.size(), Tri{});
  for (const IcpInfo& icp : policy.icps) icp_lines.emplace_back(icp.decl->clauses.size(), Tri{});
  checks.assign(policy.checks.size(), Tri{});
  if (policy.funnel != nullptr) overdue.assign(policy.funnel->slas.size(), 0);
}

void ReportTally::add_overdue(const FunnelSla& sla) {
  const auto& slas = policy_.funnel->slas;
  for (std::size_t i = 0; i < slas.size(); ++i)
    if (&slas[i] == &sla) ++overdue[i];
}

void ReportTally::add(const RecordValue& lead, const eval::LeadOutcome& outcome, std::int32_t today) {
  ++records;
  ValueCount count{1, 0, 0};
  if (outcome_) {
    static const Value absent;
    const Value& cell = outcome_->slot < lead.fields.size() ? lead.fields[outcome_->slot] : absent;
    switch (read_outcome(outcome_->spec, cell)) {
      case OutcomeRead::positive: count.positive = 1; [[fallthrough]];
      case OutcomeRead::negative: count.known = 1; break;
      case OutcomeRead::missing: ++outcome_missing; break;
      case OutcomeRead::unreadable: {
        ++outcome_unreadable;
        const std::string& text = std::get<std::string>(cell.data);
        if (unreadable_examples.size() < max_unreadable_examples &&
            std::find(unreadable_examples.begin(), unreadable_examples.end(), text) ==
                unreadable_examples.end())
          unreadable_examples.push_back(text);
        break;
      }
    }
  }
  all_outcome.add(count);
  const int line = outcome.funnel_line;
  if (line >= 0 && static_cast<std::size_t>(line) < per_line.size()) {
    ++per_line[static_cast<std::size_t>(line)];
    per_line_outcome[static_cast<std::size_t>(line)].add(count);
  } else {
    ++no_stage;
    no_stage_outcome.add(count);
  }
  for (std::size_t i = 0; i < scores.size() && i < outcome.scores.size(); ++i)
    scores[i].add(outcome.scores[i], count);
  for (std::size_t i = 0; i < icps.size() && i < outcome.icps.size(); ++i) {
    ++icps[i][tri_index(outcome.icps[i])];
    // Every line, for every lead: which one disqualifies most is the question.
    const auto& clauses = policy_.icps[i].decl->clauses;
    for (std::size_t c = 0; c < clauses.size(); ++c) {
      const Value v = evaluator_.evaluate_expression(*clauses[c].condition, lead, today);
      ++icp_lines[i][c][tri_index(v)];
    }
  }
  for (std::size_t i = 0; i < checks.size() && i < outcome.checks.size(); ++i)
    ++checks[i][tri_index(outcome.checks[i])];
}

}  // namespace qpl::report
