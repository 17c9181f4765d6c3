#pragma once
// Private to the linter: the passes lint_policy() runs, each on the whole policy.
#include <functional>

#include "lint/static_facts.hpp"
#include "model/expression_roots.hpp"
#include "model/policy.hpp"
#include "support/diagnostic.hpp"

namespace qpl::lint {

// Where an expression sits in the policy, for passes that care (QPL500).
using qpl::RootKind;

struct LintContext {
  const CheckedPolicy& policy;
  StaticFacts facts;
  Diagnostics& out;
  std::int32_t today;  // --as-of: what "expired" is relative to
};

// Calls `f` on every expression of the policy outside tests, in source order.
void for_each_rule_root(const CheckedPolicy& p, const std::function<void(const Expr&, RootKind)>& f);

void check_unused(LintContext& ctx);      // QPL401-407
void check_funnel(LintContext& ctx);      // QPL410-413
void check_recycles(LintContext& ctx);    // QPL414
void check_conditions(LintContext& ctx);  // QPL420-423, QPL432, QPL440, QPL500, QPL501
void check_duplicates(LintContext& ctx);  // QPL430, QPL431
void check_rule_dates(LintContext& ctx);  // QPL450, QPL451
void check_decay(LintContext& ctx);       // QPL452
void check_grades(LintContext& ctx);      // QPL460, QPL461
void check_accounts(LintContext& ctx);    // QPL470

}  // namespace qpl::lint
