#include "report/report_figures.hpp"

#include <algorithm>

#include "present/trace_describe.hpp"
#include "support/sha256.hpp"

namespace qpl::report {
namespace {

using present::explain_detail::location;
using present::explain_detail::source_text;

void funnel_figures(const CheckedPolicy& policy, const ReportTally& tally, ReportFigures& out) {
  if (policy.funnel != nullptr) {
    for (std::size_t i = 0; i < policy.funnel->lines.size(); ++i) {
      const std::string& stage = policy.funnel->lines[i].stage;
      auto it = std::find_if(out.stages.begin(), out.stages.end(),
                             [&](const StageFigure& s) { return s.stage == stage; });
      if (it == out.stages.end()) it = out.stages.insert(out.stages.end(), StageFigure{stage, 0, {}});
      if (i < tally.per_line.size()) {
        it->leads += tally.per_line[i];
        it->outcome.known += tally.per_line_outcome[i].known;
        it->outcome.positive += tally.per_line_outcome[i].positive;
      }
    }
  }
  if (policy.funnel != nullptr) {
    const auto& slas = policy.funnel->slas;
    for (std::size_t i = 0; i < slas.size(); ++i)
      for (StageFigure& s : out.stages)
        if (s.stage == slas[i].stage) {
          s.sla = &slas[i];
          s.overdue = i < tally.overdue.size() ? tally.overdue[i] : 0;
        }
  }
  if (tally.no_stage > 0) out.stages.push_back({"(no stage)", tally.no_stage, tally.no_stage_outcome});
}

ScoreFigure score_figure(const ScoreInfo& info, const ValueCounts& counts,
                         std::vector<ScoreThreshold> thresholds, bool with_outcome) {
  ScoreFigure f;
  f.name = info.name;
  f.low = info.decl->low;
  f.high = info.decl->high;
  f.count = counts.leads();
  f.exact = counts.exact();
  f.thresholds = std::move(thresholds);
  const ValueMap& values = counts.values();
  if (!values.empty()) {
    f.mean = counts.sum() / static_cast<double>(counts.leads());
    f.min = values.begin()->first;
    f.max = values.rbegin()->first;
  }
  const double low = f.low.value_or(f.min.value_or(0));
  const double high = f.high.value_or(f.max.value_or(0));
  f.histogram = histogram(values, low, high);
  if (!with_outcome) return f;
  f.auc = auc(values);
  f.bands = score_bands(values);
  struct Candidate {
    std::string op;
    double value;
    bool current;
  };
  std::vector<Candidate> candidates;
  for (const double value : candidate_thresholds(values)) candidates.push_back({">=", value, false});
  for (const ScoreThreshold& t : f.thresholds) {
    auto it = std::find_if(candidates.begin(), candidates.end(),
                           [&](const Candidate& c) { return c.op == t.op && c.value == t.value; });
    if (it == candidates.end()) candidates.push_back({t.op, t.value, true});
    else it->current = true;
  }
  // By value; at one value `>=` before `>` (more leads above first).
  std::stable_sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
    return a.value != b.value ? a.value < b.value : a.op == ">=" && b.op == ">";
  });
  for (const Candidate& c : candidates) {
    ThresholdRow row = threshold_row(values, c.op, c.value);
    row.current = c.current;
    f.threshold_rows.push_back(std::move(row));
  }
  return f;
}

}  // namespace

ReportFigures make_figures(const CheckedPolicy& policy, const ReportTally& tally,
                           const ReportContext& context) {
  ReportFigures out;
  out.policy_file = context.policy_file;
  if (policy.header) {
    out.policy_name = policy.header->name;
    out.policy_version = policy.header->version;
  }
  if (policy.sources.size() > 0) out.policy_sha256 = sha256_hex(policy.sources.file(0).text());
  out.files = context.files;
  out.as_of = context.as_of;
  out.records = tally.records;
  out.errors = tally.errors;
  out.evaluated = tally.records - tally.errors;
  if (const auto& settings = tally.outcome()) {
    out.outcome = OutcomeFigure{settings->spec.column, settings->spec.value, tally.outcome_missing,
                                tally.outcome_unreadable, tally.unreadable_examples};
  }
  out.all = tally.all_outcome;
  funnel_figures(policy, tally, out);

  auto thresholds = score_thresholds(policy);
  for (std::size_t i = 0; i < policy.scores.size(); ++i)
    out.scores.push_back(score_figure(policy.scores[i], tally.scores[i], std::move(thresholds[i]),
                                      out.outcome.has_value()));

  for (std::size_t i = 0; i < policy.icps.size(); ++i) {
    IcpFigure icp{policy.icps[i].name, tally.icps[i], {}};
    const auto& clauses = policy.icps[i].decl->clauses;
    for (std::size_t c = 0; c < clauses.size(); ++c) {
      const IcpClause& clause = clauses[c];
      icp.lines.push_back({clause.exclude, source_text(policy, clause.condition->span),
                           clause.label.value_or(""), location(policy, clause.span),
                           tally.icp_lines[i][c]});
    }
    out.icps.push_back(std::move(icp));
  }
  for (const GatesInfo& gates : policy.gates) {
    GatesFigure g{gates.name, {}};
    for (const std::uint32_t index : gates.checks) {
      const CheckInfo& check = policy.checks[index];
      g.checks.push_back({check.label, source_text(policy, check.decl->condition->span),
                          location(policy, check.decl->span), tally.checks[index]});
    }
    out.gates.push_back(std::move(g));
  }
  return out;
}

}  // namespace qpl::report
