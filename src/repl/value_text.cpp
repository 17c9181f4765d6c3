#include "repl/value_text.hpp"

#include <algorithm>
#include <unordered_set>

#include "model/types.hpp"
#include "present/quote.hpp"
#include "support/date.hpp"
#include "support/number_format.hpp"
#include "support/utf8.hpp"

namespace qpl::repl {
namespace {

constexpr int max_depth = 16;  // lists of records of lists...: deeper levels print as `...`

void append_value(std::string& out, const Value& value, TypeRef type, int depth) {
  if (depth > max_depth) {
    out += "...";
    return;
  }
  if (value.is_unknown()) {
    out += "unknown";
  } else if (const auto* b = std::get_if<bool>(&value.data)) {
    out += *b ? "true" : "false";
  } else if (const auto* d = std::get_if<double>(&value.data)) {
    append_number(out, *d);
  } else if (const auto* s = std::get_if<std::string>(&value.data)) {
    out += present::quote(*s);
  } else if (const auto* date = std::get_if<Date>(&value.data)) {
    out += format_date(date->days);
  } else if (const auto* list = std::get_if<ListPtr>(&value.data)) {
    const TypeRef element = type && type->kind == TypeKind::list ? type->element : nullptr;
    out += '[';
    bool first = true;
    for (const Value& item : **list) {
      if (!first) out += ", ";
      first = false;
      append_value(out, item, element, depth + 1);
    }
    out += ']';
  } else if (const auto* record = std::get_if<RecordPtr>(&value.data)) {
    const RecordType* shape = type && type->kind == TypeKind::record ? type->record : nullptr;
    out += '{';
    for (std::size_t i = 0; i < (*record)->fields.size(); ++i) {
      if (i > 0) out += ", ";
      const FieldSchema* field = shape && i < shape->fields.size() ? &shape->fields[i] : nullptr;
      if (field) {
        out += field->name;
        out += ": ";
      }
      append_value(out, (*record)->fields[i], field ? field->type : nullptr, depth + 1);
    }
    out += '}';
  }
}

}  // namespace

std::string value_text(const Value& value, TypeRef type) {
  std::string out;
  append_value(out, value, type, 0);
  return sanitize_for_terminal(out);
}

std::vector<std::string> missing_fields_of(const Expr& root, const CheckedPolicy& policy,
                                           const RecordValue& lead) {
  std::vector<std::string> names;
  std::unordered_set<const Expr*> seen;  // lets, scores and checks are shared: walk each once
  std::vector<const Expr*> stack{&root};
  auto push = [&](const Expr* e) {
    if (e && seen.insert(e).second) stack.push_back(e);
  };
  auto note_field = [&](std::uint32_t slot) {
    if (slot >= lead.fields.size() || !lead.fields[slot].is_unknown()) return;
    const std::string& name = policy.schema.lead.fields[slot].name;
    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
  };
  auto follow = [&](const Ref& ref) {
    switch (ref.kind) {
      case RefKind::lead_field: note_field(ref.index); break;
      case RefKind::let:
        if (ref.index < policy.lets.size()) push(policy.lets[ref.index].decl->value.get());
        break;
      case RefKind::icp:
        if (ref.index < policy.icps.size())
          for (const auto& clause : policy.icps[ref.index].decl->clauses) push(clause.condition.get());
        break;
      case RefKind::score:
        if (ref.index < policy.scores.size())
          for (const auto& rule : policy.scores[ref.index].decl->rules) {
            push(rule.per.get());
            push(rule.when.get());
          }
        break;
      case RefKind::gate_check:
        if (ref.index < policy.checks.size()) push(policy.checks[ref.index].decl->condition.get());
        break;
      default: break;
    }
  };
  while (!stack.empty()) {
    const Expr* e = stack.back();
    stack.pop_back();
    if (const auto* name = std::get_if<Name>(&e->kind)) follow(name->ref);
    if (const auto* member = std::get_if<Member>(&e->kind)) follow(member->ref);  // lead.x too
    if (const auto* group = std::get_if<GroupTest>(&e->kind); group && !group->group.empty() &&
                                                               group->group_index < policy.gates.size()) {
      for (const std::uint32_t check : policy.gates[group->group_index].checks)
        follow(Ref{RefKind::gate_check, check, 0});
    }
    // Children in reverse so the stack visits them in source order.
    std::vector<const Expr*> children;
    for_each_child(*e, [&](const Expr& child) { children.push_back(&child); });
    for (auto it = children.rbegin(); it != children.rend(); ++it) push(*it);
  }
  return names;
}

}  // namespace qpl::repl
