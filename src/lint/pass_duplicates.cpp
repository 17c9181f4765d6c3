// The same thing written twice: a score rule (QPL430), a gates check's or an icp clause's
// condition (QPL431). Trees are compared structurally, so layout and comments do not matter.
#include <optional>
#include <unordered_map>

#include <fmt/format.h>

#include "lint/codes.hpp"
#include "model/ast_equal.hpp"
#include "lint/passes.hpp"

namespace qpl::lint {
namespace {

bool same_optional(const ExprPtr& a, const ExprPtr& b) {
  if (!a || !b) return !a && !b;
  return same_expr(*a, *b, NameMatch::as_resolved);
}

bool same_rule(const ScoreRule& a, const ScoreRule& b) {
  return a.points == b.points && a.up_to == b.up_to && a.in_force_from == b.in_force_from &&
         a.in_force_until == b.in_force_until && same_decay(a.decay, b.decay) &&
         same_optional(a.per, b.per) &&
         same_optional(a.when, b.when);
}

std::size_t rule_hash(const ScoreRule& r) {
  std::size_t h = std::hash<double>{}(r.points);
  if (r.per) h = h * 31 + expr_hash(*r.per);
  if (r.when) h = h * 31 + expr_hash(*r.when);
  return h;
}

}  // namespace

void check_duplicates(LintContext& ctx) {
  for (const auto& score : ctx.policy.scores) {
    std::unordered_multimap<std::size_t, const ScoreRule*> seen;
    for (const auto& rule : score.decl->rules) {
      const std::size_t h = rule_hash(rule);
      auto [from, to] = seen.equal_range(h);
      for (auto it = from; it != to; ++it) {
        if (!same_rule(*it->second, rule)) continue;
        auto& d = ctx.out.warning(code::duplicate_rule, rule.span,
                                  fmt::format("this rule of score '{}' repeats an earlier one: "
                                              "together they count its points twice", score.name));
        d.notes.push_back({it->second->span, "the earlier rule"});
        d.help = "remove one of them, or double the points on purpose in one rule";
        break;
      }
      seen.emplace(h, &rule);
    }
  }
  for (const auto& group : ctx.policy.gates) {
    std::unordered_multimap<std::size_t, const GateCheck*> seen;
    for (const auto& check : group.decl->checks) {
      if (!check.condition) continue;
      const std::size_t h = expr_hash(*check.condition);
      auto [from, to] = seen.equal_range(h);
      for (auto it = from; it != to; ++it) {
        if (!same_expr(*it->second->condition, *check.condition, NameMatch::as_resolved)) continue;
        auto& d = ctx.out.warning(code::duplicate_condition, check.condition->span,
                                  fmt::format("check '{}.{}' has the same condition as check "
                                              "'{}.{}'", group.name, check.label, group.name,
                                              it->second->label));
        d.notes.push_back({it->second->condition->span, "the same condition"});
        d.help = "two checks that always agree count twice in 'at least K of': give each its own "
                 "condition";
        break;
      }
      seen.emplace(h, &check);
    }
  }
  for (const auto& icp : ctx.policy.icps) {
    std::unordered_multimap<std::size_t, const IcpClause*> seen;
    for (const auto& clause : icp.decl->clauses) {
      if (!clause.condition) continue;
      const std::size_t h = expr_hash(*clause.condition) * 2 + (clause.exclude ? 1 : 0);
      auto [from, to] = seen.equal_range(h);
      for (auto it = from; it != to; ++it) {
        if (it->second->exclude != clause.exclude ||
            !same_expr(*it->second->condition, *clause.condition, NameMatch::as_resolved))
          continue;
        auto& d = ctx.out.warning(code::duplicate_condition, clause.span,
                                  fmt::format("icp '{}' {} the same condition twice", icp.name,
                                              clause.exclude ? "excludes" : "requires"));
        d.notes.push_back({it->second->span, "the first time"});
        d.help = "remove one of them";
        break;
      }
      seen.emplace(h, &clause);
    }
  }
}

}  // namespace qpl::lint
