#include "runner/coverage.hpp"

#include <fmt/format.h>

#include "eval/evaluator.hpp"
#include "eval/trace.hpp"
#include "runner/source_text.hpp"

namespace qpl::runner {

using eval::TraceKind;

CoverageRecorder::CoverageRecorder(const CheckedPolicy& p) {
  if (p.funnel)
    for (const auto& line : p.funnel->lines)
      add(CoverageItem::Kind::funnel_line,
          fmt::format("funnel: {} {}", line.stage,
                      line.condition ? "when " + line.because : "otherwise"),
          line.span, line.condition != nullptr);
  recycles_ = static_cast<std::uint32_t>(items_.size());
  if (p.funnel)
    for (const auto& line : p.funnel->recycles)
      add(CoverageItem::Kind::funnel_line,
          fmt::format("funnel: recycle to {} when {}", line.stage,
                      source_text(p, line.condition->span)),
          line.span);
  for (const auto& icp : p.icps) {
    icp_clauses_.push_back(static_cast<std::uint32_t>(items_.size()));
    for (const auto& c : icp.decl->clauses)
      add(CoverageItem::Kind::icp_clause,
          fmt::format("icp {}: {} {}", icp.name, c.exclude ? "exclude" : "require",
                      source_text(p, c.condition->span)),
          c.span);
  }
  for (const auto& score : p.scores) {
    score_rules_.push_back(static_cast<std::uint32_t>(items_.size()));
    for (const auto& r : score.decl->rules)
      add(CoverageItem::Kind::score_rule,
          fmt::format("score {}: {}", score.name, source_text(p, r.span)), r.span,
          r.when != nullptr);
  }
  checks_ = static_cast<std::uint32_t>(items_.size());
  for (const auto& check : p.checks)
    add(CoverageItem::Kind::gate_check,
        fmt::format("gates {}: {} when {}", check.group, check.label,
                    source_text(p, check.decl->condition->span)),
        check.decl->span);
}

void CoverageRecorder::add(CoverageItem::Kind kind, std::string label, Span span,
                           bool can_be_false) {
  items_.push_back({kind, std::move(label), span, false, false, can_be_false});
}

eval::ExplainLevel CoverageRecorder::level() const { return eval::ExplainLevel::compact; }

void CoverageRecorder::begin_lead(std::int32_t) {
  node_items_.clear();
  open_.clear();
}

std::uint32_t CoverageRecorder::item_for(TraceKind kind, std::uint32_t index) const {
  // The icp or score whose clause or rule this is: the innermost one open.
  const auto around = [&](TraceKind parent) {
    for (std::size_t i = open_.size(); i-- > 0;)
      if (open_[i].kind == parent) return open_[i].index;
    return none;
  };
  switch (kind) {
    case TraceKind::funnel_line: return index;
    case TraceKind::recycle_line: return recycles_ + index;
    case TraceKind::check: return checks_ + index;
    case TraceKind::icp_clause: {
      const std::uint32_t icp = around(TraceKind::icp);
      return icp == none ? none : icp_clauses_[icp] + index;
    }
    case TraceKind::score_rule: {
      const std::uint32_t score = around(TraceKind::score);
      return score == none ? none : score_rules_[score] + index;
    }
    default: return none;
  }
}

std::uint32_t CoverageRecorder::open(TraceKind kind, std::uint32_t index, const Expr*, Span) {
  node_items_.push_back(item_for(kind, index));
  open_.push_back({kind, index});
  return static_cast<std::uint32_t>(node_items_.size() - 1);
}

void CoverageRecorder::close(std::uint32_t node, const Value& value) {
  const TraceKind kind = open_.back().kind;
  open_.pop_back();
  if (kind != TraceKind::score_rule) mark(node_items_[node], value);
}

void CoverageRecorder::rule_points(std::uint32_t node, const Value& when, double) {
  mark(node_items_[node], when);
}

void CoverageRecorder::mark(std::uint32_t item, const Value& value) {
  if (item == none || item >= items_.size()) return;
  // Unknown is neither: a test that only ever leaves a check unknown has not made it false.
  if (value.is_true()) items_[item].seen_true = true;
  else if (value.is_false()) items_[item].seen_false = true;
  else items_[item].seen_unknown = true;
}

}  // namespace qpl::runner
