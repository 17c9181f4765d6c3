// Checking one expression against a policy that was loaded without errors (the REPL).
#include <vector>

#include "sema/checker.hpp"
#include "sema/load.hpp"
#include "model/eval_limits.hpp"

namespace qpl::sema {

void Checker::restore_globals() {
  const auto& lead = p_.schema.lead.fields;
  for (std::size_t i = 0; i < lead.size(); ++i)
    globals_.try_emplace(lead[i].name,
                         Global{GlobalKind::field, static_cast<std::uint32_t>(i), lead[i].span});
  auto add = [&](const auto& table, GlobalKind kind) {
    for (std::size_t i = 0; i < table.size(); ++i)
      globals_.try_emplace(table[i].name,
                           Global{kind, static_cast<std::uint32_t>(i), table[i].decl->name_span});
  };
  add(p_.lets, GlobalKind::let);
  add(p_.icps, GlobalKind::icp);
  add(p_.scores, GlobalKind::score);
  add(p_.gates, GlobalKind::gates);
  add(p_.grades, GlobalKind::grade);
  let_state_.assign(p_.lets.size(), NodeState::checked);
  icp_state_.assign(p_.icps.size(), NodeState::checked);
  score_state_.assign(p_.scores.size(), NodeState::checked);
  check_state_.assign(p_.checks.size(), NodeState::checked);
  group_state_.assign(p_.gates.size(), NodeState::checked);
  let_refused_.assign(p_.lets.size(), false);
  icp_refused_.assign(p_.icps.size(), false);
  score_refused_.assign(p_.scores.size(), false);
  check_refused_.assign(p_.checks.size(), false);
  grade_state_.assign(p_.grades.size(), NodeState::checked);
  grade_refused_.assign(p_.grades.size(), false);
}

bool Checker::check_alone(Expr& e) {
  const std::size_t errors_before = diags_.error_count();
  restore_globals();
  begin_walk({}, e.span, false);
  check(e);
  bool refused = false;
  end_walk(max_evaluation_depth, refused);
  return diags_.error_count() == errors_before;
}

bool check_expression(CheckedPolicy& policy, Expr& expr, Diagnostics& diagnostics) {
  std::vector<Expr*> pending{&expr};
  while (!pending.empty()) {
    Expr* e = pending.back();
    pending.pop_back();
    e->id = policy.expr_count++;
    for_each_child(*e, [&](const Expr& child) { pending.push_back(const_cast<Expr*>(&child)); });
  }
  sema::Checker checker(policy, diagnostics);
  return checker.check_alone(expr);
}

}  // namespace qpl::sema
