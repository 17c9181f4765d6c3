#include "eval/account_folds.hpp"

#include <memory>
#include <utility>

#include "support/number_format.hpp"
#include "support/utf8.hpp"

namespace qpl::eval {

bool account_key_text(const Value& key, std::string& out) {
  if (const auto* text = std::get_if<std::string>(&key.data)) {
    // A blank key (an empty CSV cell, spaces) names no company: grouping every blank record
    // into one account "" would make a buying group of strangers.
    if (trim(*text).empty()) return false;
    out = *text;
    return true;
  }
  if (const auto* number = std::get_if<double>(&key.data)) {
    out = format_number(*number == 0 ? 0.0 : *number);  // -0 = 0
    return true;
  }
  return false;
}

void ContactFold::add(const Value& selected, const Value* value) {
  switch (quantifier_) {
    case Quantifier::count:
      if (selected.is_true()) ++count_;  // unknown conditions are not counted
      return;
    case Quantifier::any:
    case Quantifier::all:
      if (selected.is_true()) seen_true_ = true;
      else if (selected.is_false()) seen_false_ = true;
      else seen_unknown_ = true;
      return;
    case Quantifier::sum:
    case Quantifier::avg:
    case Quantifier::min:
    case Quantifier::max:
      if (selected.is_true() && value != nullptr) aggregate_.add(*value);
      return;
  }
}

Value ContactFold::result() const {
  switch (quantifier_) {
    case Quantifier::count: return Value(count_);
    case Quantifier::any:
      if (seen_true_) return Value(true);
      return seen_unknown_ ? Value(Unknown{Fault::unknown_operand}) : Value(false);
    case Quantifier::all:
      if (seen_false_) return Value(false);
      return seen_unknown_ ? Value(Unknown{Fault::unknown_operand}) : Value(true);
    case Quantifier::sum:
    case Quantifier::avg:
    case Quantifier::min:
    case Quantifier::max: return aggregate_.result();
  }
  return Value(Unknown{Fault::unknown_operand});
}

AccountFolder::AccountFolder(const CheckedPolicy& policy) : policy_(policy), account_(*policy.account) {}

AccountFolds AccountFolder::start() const {
  AccountFolds folds;
  folds.folds.reserve(account_.aggregates.size());
  for (const Expr* e : account_.aggregates) folds.folds.emplace_back(std::get<ListQuery>(e->kind).quantifier);
  return folds;
}

void AccountFolder::contact_parts(Evaluator& evaluator, const RecordValue& lead, std::int32_t today,
                                  std::vector<Value>& parts) const {
  parts.assign(2 * account_.aggregates.size(), Value(Unknown{Fault::unknown_operand}));
  // The first part read starts the lead; the others reuse what it computed (a score read by
  // several aggregates is computed once per contact).
  bool started = false;
  const auto evaluate = [&](const Expr& part) {
    Value v = started ? evaluator.evaluate_expression_same_lead(part)
                      : evaluator.evaluate_expression(part, lead, today);
    started = true;
    return evaluator.stopped_too_deep() ? Value(Unknown{Fault::unknown_operand}) : v;
  };
  for (std::size_t i = 0; i < account_.aggregates.size(); ++i) {
    const auto& q = std::get<ListQuery>(account_.aggregates[i]->kind);
    parts[2 * i] = q.where ? evaluate(*q.where) : Value(true);
    if (q.project && parts[2 * i].is_true()) parts[2 * i + 1] = evaluate(*q.project);
  }
}

void AccountFolder::fold(const std::vector<Value>& parts, AccountFolds& into) const {
  ++into.contacts;
  for (std::size_t i = 0; i < account_.aggregates.size() && 2 * i + 1 < parts.size(); ++i) {
    const bool projected = std::get<ListQuery>(account_.aggregates[i]->kind).project != nullptr;
    into.folds[i].add(parts[2 * i], projected ? &parts[2 * i + 1] : nullptr);
  }
}

Value AccountFolder::account_value(Evaluator& evaluator, const AccountFolds& folds, std::int32_t today) const {
  std::vector<std::pair<const Expr*, Value>> answers;
  answers.reserve(account_.aggregates.size());
  for (std::size_t i = 0; i < account_.aggregates.size(); ++i)
    answers.emplace_back(account_.aggregates[i], folds.folds[i].result());
  auto values = std::make_shared<RecordValue>();
  values->fields.resize(account_.lets.size());
  // The block reads no lead value: the lead it is evaluated on holds only `account`, filled as
  // the lets are computed, each after the lets it reads.
  RecordValue lead;
  lead.fields.resize(policy_.schema.lead.fields.size());
  for (const std::uint32_t i : account_.order) {
    lead.fields[static_cast<std::size_t>(account_.field_slot)] = Value(RecordPtr(values));
    Value v = evaluator.evaluate_expression_with(*account_.lets[i].decl->value, lead, today, answers);
    if (evaluator.stopped_too_deep()) v = Value(Unknown{Fault::unknown_operand});
    lead.fields[static_cast<std::size_t>(account_.field_slot)] = Value();
    values->fields[i] = std::move(v);
  }
  return Value(RecordPtr(std::move(values)));
}

}  // namespace qpl::eval
