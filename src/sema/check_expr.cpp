// Resolves names and infers the static type of every expression (qpl.md "Meaning", R8-R17).
// Each error is reported once, at the innermost place; an expression that failed gets the
// error type, which silences follow-up errors about it.
#include <algorithm>

#include <fmt/format.h>
#include <re2/re2.h>

#include "model/builtins.hpp"
#include "sema/checker.hpp"
#include "support/suggest.hpp"

namespace qpl::sema {
namespace {

bool is(TypeRef t, TypeKind k) { return t && t->kind == k; }
bool is_error(TypeRef t) { return !t || t->kind == TypeKind::error; }

// Whether a builtin's argument may have type `t`, and how the message names what it needs.
bool accepts(BuiltinParameter parameter, TypeRef t) {
  switch (parameter) {
    case BuiltinParameter::text:
    case BuiltinParameter::email: return is_textual(t);
    case BuiltinParameter::text_or_list:
      return is_textual(t) || is(t, TypeKind::list) || is(t, TypeKind::empty_list);
    case BuiltinParameter::number: return is(t, TypeKind::number);
    case BuiltinParameter::date: return is(t, TypeKind::date);
    case BuiltinParameter::number_or_date: return is(t, TypeKind::number) || is(t, TypeKind::date);
  }
  return false;
}

const char* wanted(BuiltinParameter parameter) {
  switch (parameter) {
    case BuiltinParameter::text: return "a text";
    case BuiltinParameter::email: return "a text (an e-mail address)";
    case BuiltinParameter::text_or_list: return "a text or a list";
    case BuiltinParameter::number: return "a number";
    case BuiltinParameter::date: return "a date";
    case BuiltinParameter::number_or_date: return "numbers or dates";
  }
  return "?";
}

std::string quoted_type(TypeRef t) { return type_name(t); }

std::vector<std::string> field_names(const RecordType& record) {
  std::vector<std::string> names;
  for (const auto& f : record.fields) names.push_back(f.name);
  return names;
}

}  // namespace

std::vector<std::string> Checker::visible_names() const {
  std::vector<std::string> names;
  for (auto it = element_scopes_.rbegin(); it != element_scopes_.rend(); ++it)
    for (const auto& f : (*it)->fields) names.push_back(f.name);
  for (const auto& f : p_.schema.lead.fields) names.push_back(f.name);
  for (const auto& [name, g] : globals_)
    if (g.kind != GlobalKind::field && g.kind != GlobalKind::gates) names.push_back(name);
  return names;
}

void Checker::expect_type(Expr& e, TypeKind kind, std::string_view role) {
  TypeRef t = check(e);
  if (is_error(t) || t->kind == kind) return;
  if (kind == TypeKind::text && t->kind == TypeKind::enum_) return;
  const char* wanted = kind == TypeKind::boolean ? "a condition (bool)"
                       : kind == TypeKind::number ? "a number"
                       : kind == TypeKind::date   ? "a date"
                       : kind == TypeKind::text   ? "a text"
                                                  : "a value";
  diags_.error(code::type_mismatch, e.span,
               fmt::format("{} must be {}, but this is {}", role, wanted, quoted_type(t)));
}

TypeRef Checker::unify(TypeRef a, TypeRef b) {
  if (is_error(a)) return b;
  if (is_error(b)) return a;
  if (same_type(a, b)) return a;
  if (is_textual(a) && is_textual(b)) return p_.types.text();  // R12
  if (is(a, TypeKind::empty_list) && is(b, TypeKind::list)) return b;
  if (is(b, TypeKind::empty_list) && is(a, TypeKind::list)) return a;
  if (is(a, TypeKind::list) && is(b, TypeKind::list)) {
    if (TypeRef el = unify(a->element, b->element)) return p_.types.list_of(el);
  }
  return nullptr;
}

bool Checker::comparable_for_equality(TypeRef a, TypeRef b) const {
  if (is_error(a) || is_error(b)) return true;
  if (is_textual(a) && is_textual(b)) return true;
  if (a->kind != b->kind) return false;
  return a->kind == TypeKind::number || a->kind == TypeKind::boolean || a->kind == TypeKind::date;
}

void Checker::check_enum_literal(TypeRef enum_type, const Expr& literal) {
  if (!is(enum_type, TypeKind::enum_)) return;
  const auto* text = std::get_if<TextLit>(&literal.kind);
  if (!text) return;
  const auto& values = enum_type->values;
  if (std::find(values.begin(), values.end(), text->value) != values.end()) return;
  auto& d = diags_.error(code::enum_value, literal.span,
                         fmt::format("\"{}\" is not one of {}", text->value,
                                     quoted_type(enum_type).substr(7)));
  if (auto s = suggest_(text->value, values)) d.message += fmt::format(" (did you mean \"{}\"?)", *s);
}

TypeRef Checker::check(Expr& e, bool allow_duration) {
  if (!enter_level()) {
    e.type = p_.types.error();
    return e.type;
  }
  TypeRef t = std::visit(
      [&](auto& k) -> TypeRef {
        using K = std::decay_t<decltype(k)>;
        if constexpr (std::is_same_v<K, NumberLit>) {
          return p_.types.number();
        } else if constexpr (std::is_same_v<K, TextLit>) {
          return p_.types.text();
        } else if constexpr (std::is_same_v<K, BoolLit>) {
          return p_.types.boolean();
        } else if constexpr (std::is_same_v<K, DateLit>) {
          return p_.types.date();
        } else if constexpr (std::is_same_v<K, DurationLit>) {
          if (!allow_duration) {
            diags_.error(code::duration_place, e.span,
                         "a duration can only follow 'within' or be added to or subtracted "
                         "from a date");
            return p_.types.error();
          }
          return p_.types.duration();
        } else if constexpr (std::is_same_v<K, ListLit>) {
          return check_list_literal(e, k);
        } else if constexpr (std::is_same_v<K, Today>) {
          return p_.types.date();
        } else if constexpr (std::is_same_v<K, LeadRef>) {
          diags_.error(code::bare_lead, e.span,
                       "'lead' is not a value: use 'lead.field' to read one of the lead's fields");
          return p_.types.error();
        } else if constexpr (std::is_same_v<K, Name>) {
          return check_name(e, k);
        } else if constexpr (std::is_same_v<K, Member>) {
          return check_member(e, k);
        } else if constexpr (std::is_same_v<K, Call>) {
          return check_call(e, k);
        } else if constexpr (std::is_same_v<K, Unary>) {
          if (k.op == UnaryOp::not_) {
            expect_type(*k.operand, TypeKind::boolean, "the operand of 'not'");
            return p_.types.boolean();
          }
          expect_type(*k.operand, TypeKind::number, "the operand of unary '-'");
          return p_.types.number();
        } else if constexpr (std::is_same_v<K, Binary>) {
          return check_binary(e, k, allow_duration);
        } else if constexpr (std::is_same_v<K, In>) {
          return check_in(e, k);
        } else if constexpr (std::is_same_v<K, Between>) {
          TypeRef v = check(*k.value);
          TypeRef lo = check(*k.low);
          TypeRef hi = check(*k.high);
          for (auto [part, type] : {std::pair{k.value.get(), v}, {k.low.get(), lo}, {k.high.get(), hi}}) {
            if (is_error(type)) continue;
            if (type->kind == TypeKind::enum_) {
              diags_.error(code::enum_order, part->span,
                           "values of a 'one of' field have no order: list them with 'in'");
              return p_.types.boolean();
            }
            if (type->kind != TypeKind::number && type->kind != TypeKind::date &&
                type->kind != TypeKind::text) {
              diags_.error(code::not_comparable, part->span,
                           fmt::format("'between' works on numbers, dates and texts, not {}",
                                       quoted_type(type)));
              return p_.types.boolean();
            }
          }
          if (!is_error(v) && !is_error(lo) && !same_type(v, lo))
            diags_.error(code::not_comparable, k.low->span,
                         fmt::format("cannot compare {} with {}", quoted_type(v), quoted_type(lo)));
          else if (!is_error(v) && !is_error(hi) && !same_type(v, hi))
            diags_.error(code::not_comparable, k.high->span,
                         fmt::format("cannot compare {} with {}", quoted_type(v), quoted_type(hi)));
          return p_.types.boolean();
        } else if constexpr (std::is_same_v<K, Matches>) {
          expect_type(*k.value, TypeKind::text, "the text before 'matches'");
          RE2::Options options;
          options.set_log_errors(false);
          RE2 re(k.pattern, options);
          if (!re.ok())
            diags_.error(code::bad_regex, k.pattern_span,
                         fmt::format("invalid regular expression: {}", re.error()));
          return p_.types.boolean();
        } else if constexpr (std::is_same_v<K, IsMissing>) {
          check(*k.value);
          return p_.types.boolean();
        } else if constexpr (std::is_same_v<K, Within>) {
          expect_type(*k.value, TypeKind::date, "the value before 'within'");
          return p_.types.boolean();
        } else if constexpr (std::is_same_v<K, ListQuery>) {
          return check_list_query(e, k);
        } else if constexpr (std::is_same_v<K, GroupTest>) {
          return check_group_test(e, k);
        } else {
          static_assert(unhandled_kind<K>, "the checker types every expression kind");
        }
      },
      e.kind);
  leave_level();
  e.type = t ? t : p_.types.error();
  return e.type;
}

TypeRef Checker::check_list_literal(Expr&, ListLit& l) {
  TypeRef element = nullptr;
  for (auto& item : l.items) {
    TypeRef t = check(*item);
    if (is_error(t)) continue;
    if (t->kind == TypeKind::record || t->kind == TypeKind::duration) {
      diags_.error(code::type_mismatch, item->span,
                   fmt::format("a list cannot hold {}", quoted_type(t)));
      continue;
    }
    if (!element) {
      element = t;
      continue;
    }
    TypeRef u = unify(element, t);
    if (!u) {
      diags_.error(code::mixed_list, item->span,
                   fmt::format("list items must have one type: this is {}, earlier items are {}",
                               quoted_type(t), quoted_type(element)));
      continue;
    }
    element = u;
  }
  return element ? p_.types.list_of(element) : p_.types.empty_list();
}

TypeRef Checker::use_global(const Global& g, Expr& e, Name& n) {
  switch (g.kind) {
    case GlobalKind::field:
      n.ref = {RefKind::lead_field, g.index, 0};
      return p_.schema.lead.fields[g.index].type;
    case GlobalKind::let:
      n.ref = {RefKind::let, g.index, 0};
      check_let(g.index);
      reach_through(p_.lets[g.index].levels, let_refused_[g.index]);
      return p_.lets[g.index].type ? p_.lets[g.index].type : p_.types.error();
    case GlobalKind::icp:
      n.ref = {RefKind::icp, g.index, 0};
      check_icp(g.index);
      reach_through(p_.icps[g.index].levels, icp_refused_[g.index]);
      return p_.types.boolean();
    case GlobalKind::score:
      n.ref = {RefKind::score, g.index, 0};
      check_score(g.index);
      reach_through(p_.scores[g.index].levels, score_refused_[g.index]);
      return p_.types.number();
    case GlobalKind::grade:
      n.ref = {RefKind::grade, g.index, 0};
      check_grade(g.index);
      reach_through(p_.grades[g.index].levels, grade_refused_[g.index]);
      return p_.grades[g.index].type ? p_.grades[g.index].type : p_.types.error();
    case GlobalKind::gates: {
      auto& d = diags_.error(code::group_as_value, e.span,
                             fmt::format("'{}' is a group of checks, not a value", n.name));
      const auto& checks = p_.gates[g.index].checks;
      d.help = fmt::format("use 'all of {0}', 'at least K of {0}'{1}", n.name,
                           checks.empty() ? std::string()
                                          : fmt::format(" or '{}.{}'", n.name,
                                                        p_.checks[checks.front()].label));
      return p_.types.error();
    }
  }
  return p_.types.error();
}

TypeRef Checker::check_name(Expr& e, Name& n) {
  // R15: the innermost `where` element first, then enclosing ones, then the lead's names.
  for (std::size_t depth = 0; depth < element_scopes_.size(); ++depth) {
    const RecordType* r = element_scopes_[element_scopes_.size() - 1 - depth];
    const int slot = r->field_index(n.name);
    if (slot >= 0) {
      n.ref = {RefKind::element_field, static_cast<std::uint32_t>(slot),
               static_cast<std::uint32_t>(depth)};
      return r->fields[static_cast<std::size_t>(slot)].type;
    }
  }
  if (account_scope_ != AccountScope::none && n.name == "contacts") {
    auto& d = diags_.error(code::contacts_outside_aggregate, e.span,
                           account_scope_ == AccountScope::block
                               ? std::string("'contacts' can only be the list of an aggregate: the account keeps a "
                                             "running count or sum, not its contacts")
                               : std::string("'contacts' inside an aggregate over contacts: a contact's condition "
                                             "or value is read on that contact alone"));
    d.help = "count(contacts where COND), any/all(contacts where COND), sum/avg/min/max(VALUE of contacts)";
    e.type = p_.types.error();
    return p_.types.error();
  }
  if (auto it = globals_.find(n.name); it != globals_.end()) return use_global(it->second, e, n);
  return report_unknown_name(e, n, false);
}

// Before a dot (`bantt.budget`) a gates group is as likely a meaning as a record field.
TypeRef Checker::report_unknown_name(Expr& e, const Name& n, bool before_dot) {
  for (const auto& module : p_.modules) {  // its declaration had a syntax error, already reported
    if (std::find(module.unparsed_names.begin(), module.unparsed_names.end(), n.name) !=
        module.unparsed_names.end()) {
      e.type = p_.types.error();
      return p_.types.error();
    }
  }
  auto gather_names = [&] {
    std::vector<std::string> names = visible_names();
    if (before_dot)
      for (const auto& [global, g] : globals_)
        if (g.kind == GlobalKind::gates) names.push_back(global);
    return names;
  };
  auto& d = diags_.error(code::unknown_name, e.span, fmt::format("unknown name '{}'", n.name));
  if (auto s = suggest_(n.name, gather_names)) d.message += fmt::format(" (did you mean '{}'?)", *s);
  if (n.name == "contacts")
    d.help = "'contacts' is an account's records, read inside an 'account by FIELD { ... }' block only";
  else if (n.name == "account" && !p_.account)
    d.help = "'account.NAME' reads a value of the policy's 'account by FIELD { let NAME = ... }' block, and it has none";
  e.type = p_.types.error();
  return p_.types.error();
}

TypeRef Checker::check_member(Expr& e, Member& m) {
  (void)e;
  if (std::holds_alternative<LeadRef>(m.object->kind)) {
    m.object->type = p_.types.error();
    const int slot = p_.schema.lead.field_index(m.member);
    if (slot < 0) {
      auto& d = diags_.error(code::unknown_field, m.member_span,
                             fmt::format("the lead has no field '{}'", m.member));
      if (auto s = suggest_(m.member, [&] { return field_names(p_.schema.lead); })) d.message += fmt::format(" (did you mean '{}'?)", *s);
      return p_.types.error();
    }
    m.ref = {RefKind::lead_field, static_cast<std::uint32_t>(slot), 0};
    return p_.schema.lead.fields[static_cast<std::size_t>(slot)].type;
  }
  // `group.label`, unless an element field of that name hides the group (R15).
  if (auto* name = std::get_if<Name>(&m.object->kind)) {
    bool hidden = false;
    for (const auto* r : element_scopes_) hidden = hidden || r->field_index(name->name) >= 0;
    auto it = globals_.find(name->name);
    if (!hidden && it != globals_.end() && it->second.kind == GlobalKind::gates) {
      m.object->type = p_.types.error();
      const auto& group = p_.gates[it->second.index];
      for (auto c : group.checks) {
        if (p_.checks[c].label != m.member) continue;
        m.ref = {RefKind::gate_check, c, 0};
        check_check(c);
        reach_through(p_.checks[c].levels, check_refused_[c]);
        return p_.types.boolean();
      }
      auto gather_labels = [&] {
        std::vector<std::string> labels;
        for (auto c : group.checks) labels.push_back(p_.checks[c].label);
        return labels;
      };
      auto& d = diags_.error(code::unknown_label, m.member_span,
                             fmt::format("gates '{}' has no check '{}'", name->name, m.member));
      if (auto s = suggest_(m.member, gather_labels)) d.message += fmt::format(" (did you mean '{}'?)", *s);
      return p_.types.error();
    }
    // `contacts.x` in an account block: QPL216 (check_name says why), not an unknown name.
    const bool contacts = account_scope_ != AccountScope::none && name->name == "contacts";
    if (!hidden && it == globals_.end() && !contacts) return report_unknown_name(*m.object, *name, true);
  }
  TypeRef object = check(*m.object);
  if (is_error(object)) return p_.types.error();
  if (object->kind != TypeKind::record) {
    auto& d = diags_.error(code::type_mismatch, m.member_span,
                           fmt::format("'.{}' reads a field of a record, but this is {}", m.member,
                                       quoted_type(object)));
    if (object->kind == TypeKind::list)
      d.help = "to look inside a list, use count(...), any(...) or all(...) with 'where'";
    return p_.types.error();
  }
  const RecordType* r = object->record;
  const int slot = r->field_index(m.member);
  if (slot < 0) {
    auto& d = diags_.error(code::unknown_field, m.member_span,
                           fmt::format("record '{}' has no field '{}'", r->name, m.member));
    if (auto s = suggest_(m.member, [&] { return field_names(*r); })) d.message += fmt::format(" (did you mean '{}'?)", *s);
    return p_.types.error();
  }
  m.ref = {RefKind::record_field, static_cast<std::uint32_t>(slot), 0};
  if (r == account_record_) account_member(static_cast<std::uint32_t>(slot));
  return r->fields[static_cast<std::size_t>(slot)].type;
}

TypeRef Checker::check_call(Expr& e, Call& c) {
  const BuiltinFunction* builtin = find_builtin(c.function);
  c.builtin = builtin ? builtin->id : Builtin::unresolved;
  std::vector<TypeRef> args;
  for (auto& a : c.args) args.push_back(check(*a));
  if (!builtin) {
    std::vector<std::string> names;
    for (const auto& b : builtin_functions) names.emplace_back(b.name);
    auto& d = diags_.error(code::unknown_function, c.function_span,
                           fmt::format("unknown function '{}'", c.function));
    if (auto s = suggest_(c.function, names)) d.message += fmt::format(" (did you mean '{}'?)", *s);
    return p_.types.error();
  }
  const BuiltinSignature& signature = builtin->signature;
  auto result = [&](TypeRef arguments) {
    switch (signature.result) {
      case BuiltinResult::text: return p_.types.text();
      case BuiltinResult::number: return p_.types.number();
      case BuiltinResult::same_as_arguments: return arguments ? arguments : p_.types.error();
    }
    return p_.types.error();
  };
  if (!signature.variadic) {
    if (c.args.size() != 1) {
      diags_.error(code::arity, e.span,
                   fmt::format("'{}' takes 1 argument, not {}", c.function, c.args.size()));
    } else if (!is_error(args[0]) && !accepts(signature.parameter, args[0])) {
      diags_.error(code::type_mismatch, c.args[0]->span,
                   fmt::format("'{}' needs {}, but this is {}", c.function,
                               wanted(signature.parameter), quoted_type(args[0])));
    }
    return result(args.size() == 1 && !is_error(args[0]) ? args[0] : nullptr);
  }
  // One or more arguments, all of one type, which is the result's.
  if (c.args.empty()) {
    diags_.error(code::arity, e.span, fmt::format("'{}' takes at least one argument", c.function));
    return p_.types.error();
  }
  TypeRef first = nullptr;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (is_error(args[i])) continue;
    if (!accepts(signature.parameter, args[i])) {
      diags_.error(code::type_mismatch, c.args[i]->span,
                   fmt::format("'{}' needs {}, but this is {}", c.function,
                               wanted(signature.parameter), quoted_type(args[i])));
      continue;
    }
    if (!first) {
      first = args[i];
    } else if (!same_type(first, args[i])) {
      diags_.error(code::type_mismatch, c.args[i]->span,
                   fmt::format("'{}' needs arguments of one type: this is {}, the first is {}",
                               c.function, quoted_type(args[i]), quoted_type(first)));
    }
  }
  return result(first);
}

TypeRef Checker::check_binary(Expr&, Binary& b, bool) {
  const char* op = binary_op_text(b.op);
  switch (b.op) {
    case BinaryOp::or_:
    case BinaryOp::and_:
      expect_type(*b.lhs, TypeKind::boolean, fmt::format("the left side of '{}'", op));
      expect_type(*b.rhs, TypeKind::boolean, fmt::format("the right side of '{}'", op));
      return p_.types.boolean();
    case BinaryOp::eq:
    case BinaryOp::ne: {
      TypeRef l = check(*b.lhs), r = check(*b.rhs);
      if (!comparable_for_equality(l, r)) {
        diags_.error(code::not_comparable, b.op_span,
                     fmt::format("cannot compare {} with {}", quoted_type(l), quoted_type(r)));
      } else {
        check_enum_literal(l, *b.rhs);  // R11
        check_enum_literal(r, *b.lhs);
        check_lowered_literal(*b.lhs, *b.rhs);
        check_lowered_literal(*b.rhs, *b.lhs);
      }
      return p_.types.boolean();
    }
    case BinaryOp::lt:
    case BinaryOp::le:
    case BinaryOp::gt:
    case BinaryOp::ge: {
      TypeRef l = check(*b.lhs), r = check(*b.rhs);
      if (is_error(l) || is_error(r)) return p_.types.boolean();
      if (l->kind == TypeKind::enum_ || r->kind == TypeKind::enum_) {
        diags_.error(code::enum_order, b.op_span,
                     fmt::format("values of a 'one of' field have no order, so '{}' cannot compare "
                                 "them: list the values with 'in'", op));
      } else if (!same_type(l, r) || (l->kind != TypeKind::number && l->kind != TypeKind::date &&
                                      l->kind != TypeKind::text)) {
        diags_.error(code::not_comparable, b.op_span,
                     fmt::format("cannot compare {} with {} using '{}'", quoted_type(l),
                                 quoted_type(r), op));
      }
      return p_.types.boolean();
    }
    case BinaryOp::contains:
    case BinaryOp::starts_with:
    case BinaryOp::ends_with:
      expect_type(*b.lhs, TypeKind::text, fmt::format("the left side of '{}'", op));
      expect_type(*b.rhs, TypeKind::text, fmt::format("the right side of '{}'", op));
      check_lowered_literal(*b.lhs, *b.rhs);  // a lower-cased text holds no upper-case part
      return p_.types.boolean();
    case BinaryOp::otherwise: {
      TypeRef l = check(*b.lhs), r = check(*b.rhs);
      if (is_error(l) || is_error(r)) return is_error(l) ? r : l;
      TypeRef u = unify(l, r);
      if (!u) {
        diags_.error(code::type_mismatch, b.rhs->span,
                     fmt::format("'otherwise' needs a value of the same type as its left side: "
                                 "{} and {}", quoted_type(l), quoted_type(r)));
        return l;
      }
      check_enum_literal(l, *b.rhs);  // R11
      return u;
    }
    case BinaryOp::add:
    case BinaryOp::sub: {
      TypeRef l = check(*b.lhs, true), r = check(*b.rhs, true);
      if (is_error(l) || is_error(r)) {
        if (is(l, TypeKind::date) || is(r, TypeKind::date)) return p_.types.date();
        return p_.types.number();
      }
      const bool add = b.op == BinaryOp::add;
      if (is(l, TypeKind::number) && is(r, TypeKind::number)) return p_.types.number();
      if (is(l, TypeKind::date) && is(r, TypeKind::duration)) return p_.types.date();
      if (add && is(l, TypeKind::duration) && is(r, TypeKind::date)) return p_.types.date();
      if (!add && is(l, TypeKind::date) && is(r, TypeKind::date)) return p_.types.number();  // R13
      if (add && is_textual(l) && is_textual(r)) return joined_text_type(l, r);
      auto& d = diags_.error(code::type_mismatch, b.op_span,
                             fmt::format("cannot {} {} {} {}", add ? "add" : "subtract",
                                         quoted_type(r), add ? "to" : "from", quoted_type(l)));
      if (is(l, TypeKind::date) || is(r, TypeKind::date))
        d.help = "shift a date by a duration: 'last_activity_at + 30 days'";
      else if (is(l, TypeKind::duration) || is(r, TypeKind::duration))
        d.help = "a duration can only be added to or subtracted from a date";
      return is(l, TypeKind::date) ? p_.types.date() : p_.types.number();
    }
    case BinaryOp::mul:
    case BinaryOp::div:
    case BinaryOp::mod:
      expect_type(*b.lhs, TypeKind::number, fmt::format("the left side of '{}'", op));
      expect_type(*b.rhs, TypeKind::number, fmt::format("the right side of '{}'", op));
      return p_.types.number();
  }
  return p_.types.error();
}

// `a + b` on texts joins them. Two `one of` values give the `one of` of every pairing, in order
// (`fit_grade + engagement_tier`: "A1", "A2", ...), so the matrix's cells are checked like any
// enum's; past max_joined_values pairings, or with a plain text, the result is a plain text.
TypeRef Checker::joined_text_type(TypeRef l, TypeRef r) {
  constexpr std::size_t max_joined_values = 1000;
  if (l->kind != TypeKind::enum_ || r->kind != TypeKind::enum_ ||
      l->values.size() * r->values.size() > max_joined_values)
    return p_.types.text();
  std::vector<std::string> values;
  for (const auto& a : l->values)
    for (const auto& b : r->values) {
      std::string joined = a + b;
      if (std::find(values.begin(), values.end(), joined) == values.end())
        values.push_back(std::move(joined));
    }
  return p_.types.enum_of(std::move(values));
}

TypeRef Checker::check_in(Expr&, In& in) {
  TypeRef v = check(*in.value);
  TypeRef l = check(*in.list);
  if (is_error(v) || is_error(l)) return p_.types.boolean();
  if (l->kind == TypeKind::empty_list) return p_.types.boolean();
  if (l->kind != TypeKind::list) {
    diags_.error(code::type_mismatch, in.list->span,
                 fmt::format("'{}' needs a list on its right, but this is {}",
                             in.negated ? "not in" : "in", quoted_type(l)));
    return p_.types.boolean();
  }
  if (!comparable_for_equality(v, l->element)) {
    diags_.error(code::not_comparable, in.value->span,
                 fmt::format("cannot look for {} in a {}", quoted_type(v), quoted_type(l)));
    return p_.types.boolean();
  }
  if (const auto* literal = std::get_if<ListLit>(&in.list->kind))  // R11: literal lists only
    for (const auto& item : literal->items) {
      check_enum_literal(v, *item);
      check_lowered_literal(*in.value, *item);
    }
  return p_.types.boolean();
}

TypeRef Checker::check_list_query(Expr& e, ListQuery& q) {
  if (account_scope_ == AccountScope::block && is_contacts(*q.list)) return check_contacts_query(e, q);
  if (q.project) return check_aggregate(q);
  const char* fn = quantifier_text(q.quantifier);
  TypeRef result = q.quantifier == Quantifier::count ? p_.types.number() : p_.types.boolean();
  TypeRef l = check(*q.list);
  if (is_error(l)) {
    if (q.where) {
      // Still resolve the condition's names against the lead, for their own errors.
      check(*q.where);
    }
    return result;
  }
  if (l->kind != TypeKind::list && l->kind != TypeKind::empty_list) {
    diags_.error(code::type_mismatch, q.list->span,
                 fmt::format("'{}' needs a list, but this is {}", fn, quoted_type(l)));
    return result;
  }
  TypeRef element = l->kind == TypeKind::list ? l->element : nullptr;
  if (q.where) {
    if (!element || element->kind != TypeKind::record) {
      diags_.error(code::where_needs_records, q.list->span,
                   fmt::format("'where' needs a list of records, but this is {}", quoted_type(l)));
      return result;
    }
    element_scopes_.push_back(element->record);
    expect_type(*q.where, TypeKind::boolean, "the condition after 'where'");
    element_scopes_.pop_back();
  } else if (q.quantifier != Quantifier::count && element && element->kind != TypeKind::boolean) {
    diags_.error(code::type_mismatch, e.span,
                 fmt::format("'{}' without 'where' needs a list of bools, but this is {}", fn,
                             quoted_type(l)));
  }
  return result;
}

// sum/avg/min/max(VALUE of LIST where COND): VALUE and COND in the element's scope.
TypeRef Checker::check_aggregate(ListQuery& q) {
  const char* fn = quantifier_text(q.quantifier);
  const bool ordered = q.quantifier == Quantifier::min || q.quantifier == Quantifier::max;
  TypeRef l = check(*q.list);
  const RecordType* record = nullptr;
  if (!is_error(l)) {
    if (l->kind == TypeKind::list && l->element && l->element->kind == TypeKind::record)
      record = l->element->record;
    else
      diags_.error(code::where_needs_records, q.list->span,
                   fmt::format("'{}(... of LIST)' needs a list of records, but this is {}", fn,
                               quoted_type(l)));
  }
  if (!record) return p_.types.number();
  element_scopes_.push_back(record);
  if (q.where) expect_type(*q.where, TypeKind::boolean, "the condition after 'where'");
  TypeRef v = check(*q.project);
  element_scopes_.pop_back();
  if (is_error(v)) return p_.types.number();
  if (v->kind == TypeKind::number || (ordered && v->kind == TypeKind::date)) return v;
  diags_.error(code::type_mismatch, q.project->span,
               fmt::format("'{}' needs {} of each element, but this is {}", fn,
                           ordered ? "a number or a date" : "a number", quoted_type(v)));
  return p_.types.number();
}

TypeRef Checker::check_group_test(Expr&, GroupTest& g) {
  if (g.group.empty()) {
    for (auto& item : g.items) expect_type(*item, TypeKind::boolean, "each item of the group");
    return p_.types.boolean();
  }
  auto it = globals_.find(g.group);
  if (it == globals_.end() || it->second.kind != GlobalKind::gates) {
    auto gather_groups = [&] {
      std::vector<std::string> groups;
      for (const auto& gi : p_.gates) groups.push_back(gi.name);
      return groups;
    };
    auto& d = diags_.error(code::unknown_group, g.group_span,
                           it == globals_.end()
                               ? fmt::format("unknown gates group '{}'", g.group)
                               : fmt::format("'{}' is not a gates group", g.group));
    if (auto s = suggest_(g.group, gather_groups)) d.message += fmt::format(" (did you mean '{}'?)", *s);
    if (it != globals_.end()) d.help = "write the conditions in parentheses: 'at least 2 of (a, b, c)'";
    return p_.types.boolean();
  }
  g.group_index = it->second.index;
  check_group(g.group_index);
  for (auto c : p_.gates[g.group_index].checks) reach_through(p_.checks[c].levels, check_refused_[c]);
  return p_.types.boolean();
}

}  // namespace qpl::sema
