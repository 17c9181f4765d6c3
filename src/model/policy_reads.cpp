#include "model/policy_reads.hpp"

namespace qpl {

PolicyReads::PolicyReads(const CheckedPolicy& policy)
    : policy_(policy),
      lead_field_seen_(policy.schema.lead.fields.size()),
      lets_(policy.lets.size()),
      icps_(policy.icps.size()),
      scores_(policy.scores.size()),
      checks_(policy.checks.size()),
      gates_(policy.gates.size()),
      grades_(policy.grades.size()) {}

void PolicyReads::read(const Expr& e) {
  push(&e);
  drain();
}

void PolicyReads::read_icp(std::uint32_t index) {
  reach_icp(index);
  drain();
}

void PolicyReads::read_score(std::uint32_t index) {
  reach_score(index);
  drain();
}

void PolicyReads::read_check(std::uint32_t index) {
  reach_check(index);
  drain();
}

void PolicyReads::read_gates(std::uint32_t index) {
  reach_gates(index);
  drain();
}

void PolicyReads::read_grade(std::uint32_t index) {
  reach_grade(index);
  drain();
}

void PolicyReads::push(const Expr* e) {
  if (e) pending_.push_back(e);
}

void PolicyReads::drain() {
  std::vector<const Expr*> children;
  while (!pending_.empty()) {
    const Expr* e = pending_.back();
    pending_.pop_back();
    if (const auto* name = std::get_if<Name>(&e->kind)) follow(name->ref);
    if (const auto* member = std::get_if<Member>(&e->kind)) follow(member->ref);  // lead.x too
    if (const auto* group = std::get_if<GroupTest>(&e->kind); group && !group->group.empty())
      reach_gates(group->group_index);
    // Children in reverse so the stack visits them in source order.
    children.clear();
    for_each_child(*e, [&](const Expr& child) { children.push_back(&child); });
    for (auto it = children.rbegin(); it != children.rend(); ++it) push(*it);
  }
}

void PolicyReads::follow(const Ref& ref) {
  switch (ref.kind) {
    case RefKind::lead_field:
      if (ref.index < lead_field_seen_.size() && !lead_field_seen_[ref.index]) {
        lead_field_seen_[ref.index] = true;
        lead_fields_.push_back(ref.index);
        // `account` holds the account block's lets, computed from the key and the contacts'
        // values their aggregates read: reading it reads those.
        if (policy_.account && static_cast<int>(ref.index) == policy_.account->field_slot) {
          if (policy_.account->key_slot >= 0) follow(Ref{RefKind::lead_field, static_cast<std::uint32_t>(policy_.account->key_slot), 0});
          for (const AccountLetInfo& let : policy_.account->lets) push(let.decl->value.get());
        }
      }
      break;
    case RefKind::let: reach_let(ref.index); break;
    case RefKind::icp: reach_icp(ref.index); break;
    case RefKind::score: reach_score(ref.index); break;
    case RefKind::gate_check: reach_check(ref.index); break;
    case RefKind::grade: reach_grade(ref.index); break;
    case RefKind::unresolved:
    case RefKind::element_field:
    case RefKind::record_field: break;
  }
}

void PolicyReads::reach_let(std::uint32_t index) {
  if (index >= lets_.size() || lets_[index]) return;
  lets_[index] = true;
  push(policy_.lets[index].decl->value.get());
}

void PolicyReads::reach_icp(std::uint32_t index) {
  if (index >= icps_.size() || icps_[index]) return;
  icps_[index] = true;
  for (const auto& clause : policy_.icps[index].decl->clauses) push(clause.condition.get());
}

void PolicyReads::reach_score(std::uint32_t index) {
  if (index >= scores_.size() || scores_[index]) return;
  scores_[index] = true;
  for (const auto& rule : policy_.scores[index].decl->rules) {
    push(rule.per.get());
    push(rule.when.get());
  }
}

void PolicyReads::reach_check(std::uint32_t index) {
  if (index >= checks_.size() || checks_[index]) return;
  checks_[index] = true;
  const CheckInfo& check = policy_.checks[index];
  if (check.group_index < gates_.size()) gates_[check.group_index] = true;
  push(check.decl->condition.get());
}

void PolicyReads::reach_grade(std::uint32_t index) {
  if (index >= grades_.size() || grades_[index]) return;
  grades_[index] = true;
  const GradeDecl& decl = *policy_.grades[index].decl;
  // Lines in reverse, as a score's rules: the stack then walks them in source order.
  for (auto it = decl.lines.rbegin(); it != decl.lines.rend(); ++it) push(it->condition.get());
  push(decl.of.get());
}

void PolicyReads::reach_gates(std::uint32_t index) {
  if (index >= gates_.size()) return;
  gates_[index] = true;
  for (const std::uint32_t check : policy_.gates[index].checks) reach_check(check);
}

}  // namespace qpl
