#include "lint/lint.hpp"

#include "lint/passes.hpp"

namespace qpl::lint {

void for_each_root(const CheckedPolicy& p, const std::function<void(const Expr&, RootKind)>& f) {
  for (const auto& module : p.modules)
    for (const auto& decl : module.decls) {
      if (const auto* let = std::get_if<LetDecl>(&decl.kind)) {
        if (let->value) f(*let->value, RootKind::let);
      } else if (const auto* icp = std::get_if<IcpDecl>(&decl.kind)) {
        for (const auto& c : icp->clauses)
          if (c.condition) f(*c.condition, c.exclude ? RootKind::icp_exclude : RootKind::icp_require);
      } else if (const auto* score = std::get_if<ScoreDecl>(&decl.kind)) {
        for (const auto& r : score->rules) {
          if (r.per) f(*r.per, RootKind::score_per);
          if (r.when) f(*r.when, RootKind::score_when);
        }
      } else if (const auto* gates = std::get_if<GatesDecl>(&decl.kind)) {
        for (const auto& c : gates->checks)
          if (c.condition) f(*c.condition, RootKind::check);
      } else if (const auto* funnel = std::get_if<FunnelDecl>(&decl.kind)) {
        for (const auto& l : funnel->lines)
          if (l.condition) f(*l.condition, RootKind::funnel);
        for (const auto& l : funnel->recycles) f(*l.condition, RootKind::funnel);
      } else if (const auto* grade = std::get_if<GradeDecl>(&decl.kind)) {
        if (grade->of) f(*grade->of, RootKind::grade);
        for (const auto& l : grade->lines)
          if (l.condition) f(*l.condition, RootKind::grade);
      }
    }
}

Diagnostics lint_policy(const CheckedPolicy& policy, std::int32_t today) {
  Diagnostics out;
  LintContext ctx{policy, StaticFacts(policy), out, today};
  check_conditions(ctx);
  check_funnel(ctx);
  check_recycles(ctx);
  check_duplicates(ctx);
  check_rule_dates(ctx);
  check_decay(ctx);
  check_grades(ctx);
  check_unused(ctx);
  out.sort();
  return out;
}

}  // namespace qpl::lint
