#include "lint/lint.hpp"

#include "lint/passes.hpp"

namespace qpl::lint {

void for_each_rule_root(const CheckedPolicy& p, const std::function<void(const Expr&, RootKind)>& f) {
  qpl::for_each_root(p, [&](const Expr& e, RootKind kind) {
    if (kind != RootKind::test) f(e, kind);
  });
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
  check_accounts(ctx);
  check_unused(ctx);
  out.sort();
  return out;
}

}  // namespace qpl::lint
