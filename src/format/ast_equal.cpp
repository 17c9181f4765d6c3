#include "format/ast_equal.hpp"

#include <type_traits>

namespace qpl::format {

namespace {

bool same_ptr(const ExprPtr& a, const ExprPtr& b) {
  if (!a || !b) return !a && !b;
  return same_expr(*a, *b);
}

bool same_list(const std::vector<ExprPtr>& a, const std::vector<ExprPtr>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (!same_ptr(a[i], b[i])) return false;
  return true;
}

template <typename T, typename Same>
bool same_each(const std::vector<T>& a, const std::vector<T>& b, Same same) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (!same(a[i], b[i])) return false;
  return true;
}

bool same_kind(const NumberLit& a, const NumberLit& b) { return a.value == b.value; }
bool same_kind(const TextLit& a, const TextLit& b) { return a.value == b.value; }
bool same_kind(const BoolLit& a, const BoolLit& b) { return a.value == b.value; }
bool same_kind(const DateLit& a, const DateLit& b) { return a.days == b.days; }
bool same_kind(const DurationLit& a, const DurationLit& b) { return a.days == b.days; }
bool same_kind(const ListLit& a, const ListLit& b) { return same_list(a.items, b.items); }
bool same_kind(const Today&, const Today&) { return true; }
bool same_kind(const LeadRef&, const LeadRef&) { return true; }
bool same_kind(const Name& a, const Name& b) { return a.name == b.name; }
bool same_kind(const Member& a, const Member& b) {
  return a.member == b.member && same_ptr(a.object, b.object);
}
bool same_kind(const Call& a, const Call& b) {
  return a.function == b.function && same_list(a.args, b.args);
}
bool same_kind(const Unary& a, const Unary& b) {
  return a.op == b.op && same_ptr(a.operand, b.operand);
}
bool same_kind(const Binary& a, const Binary& b) {
  return a.op == b.op && same_ptr(a.lhs, b.lhs) && same_ptr(a.rhs, b.rhs);
}
bool same_kind(const In& a, const In& b) {
  return a.negated == b.negated && same_ptr(a.value, b.value) && same_ptr(a.list, b.list);
}
bool same_kind(const Between& a, const Between& b) {
  return same_ptr(a.value, b.value) && same_ptr(a.low, b.low) && same_ptr(a.high, b.high);
}
bool same_kind(const Matches& a, const Matches& b) {
  return a.pattern == b.pattern && same_ptr(a.value, b.value);
}
bool same_kind(const IsMissing& a, const IsMissing& b) {
  return a.present == b.present && same_ptr(a.value, b.value);
}
bool same_kind(const Within& a, const Within& b) {
  return a.days == b.days && same_ptr(a.value, b.value);
}
bool same_kind(const ListQuery& a, const ListQuery& b) {
  return a.quantifier == b.quantifier && same_ptr(a.list, b.list) && same_ptr(a.where, b.where);
}
bool same_kind(const GroupTest& a, const GroupTest& b) {
  return a.quantifier == b.quantifier && a.k == b.k && a.group == b.group &&
         same_list(a.items, b.items);
}

bool same_type(const TypeExpr& a, const TypeExpr& b) {
  if (a.kind != b.kind || a.values != b.values || a.name != b.name) return false;
  if (!a.element || !b.element) return !a.element && !b.element;
  return same_type(*a.element, *b.element);
}

bool same_field(const FieldDecl& a, const FieldDecl& b) {
  return a.name == b.name && same_type(a.type, b.type) && a.optional == b.optional &&
         a.source == b.source && a.lower.has_value() == b.lower.has_value() &&
         a.trim.has_value() == b.trim.has_value() && a.format == b.format &&
         a.unreadable_missing.has_value() == b.unreadable_missing.has_value();
}

bool same_value(const LiteralValue& a, const LiteralValue& b) {
  if (a.kind != b.kind) return false;
  switch (a.kind) {
    case LiteralValue::Kind::unknown: return true;
    case LiteralValue::Kind::number: return a.number == b.number;
    case LiteralValue::Kind::text:
    case LiteralValue::Kind::stage: return a.text == b.text;
    case LiteralValue::Kind::boolean: return a.boolean == b.boolean;
    case LiteralValue::Kind::date: return a.date == b.date;
    case LiteralValue::Kind::list: return same_each(a.items, b.items, same_value);
    case LiteralValue::Kind::record:
      return same_each(a.entries, b.entries, [](const LiteralEntry& x, const LiteralEntry& y) {
        return x.key == y.key && same_value(x.value, y.value);
      });
  }
  return false;
}

bool same_decl(const PolicyHeader& a, const PolicyHeader& b) {
  return a.name == b.name && a.version == b.version;
}
bool same_decl(const Import& a, const Import& b) { return a.path == b.path; }
bool same_decl(const FieldsBlock& a, const FieldsBlock& b) {
  return same_each(a.fields, b.fields, same_field) &&
         same_each(a.missing_values, b.missing_values,
                   [](const MissingValues& x, const MissingValues& y) { return x.values == y.values; });
}
bool same_decl(const RecordDecl& a, const RecordDecl& b) {
  return a.name == b.name && same_each(a.fields, b.fields, same_field);
}
bool same_decl(const LetDecl& a, const LetDecl& b) {
  return a.name == b.name && same_ptr(a.value, b.value);
}
bool same_decl(const IcpDecl& a, const IcpDecl& b) {
  return a.name == b.name &&
         same_each(a.clauses, b.clauses, [](const IcpClause& x, const IcpClause& y) {
           return x.exclude == y.exclude && x.label == y.label && same_ptr(x.condition, y.condition);
         });
}
bool same_decl(const ScoreDecl& a, const ScoreDecl& b) {
  return a.name == b.name && a.low == b.low && a.high == b.high &&
         same_each(a.rules, b.rules, [](const ScoreRule& x, const ScoreRule& y) {
           return x.points == y.points && x.up_to == y.up_to && x.label == y.label &&
                  same_ptr(x.per, y.per) && same_ptr(x.when, y.when);
         });
}
bool same_decl(const GatesDecl& a, const GatesDecl& b) {
  return a.name == b.name &&
         same_each(a.checks, b.checks, [](const GateCheck& x, const GateCheck& y) {
           return x.label == y.label && x.as_label == y.as_label &&
                  same_ptr(x.condition, y.condition);
         });
}
bool same_decl(const FunnelDecl& a, const FunnelDecl& b) {
  return same_each(a.lines, b.lines, [](const FunnelLine& x, const FunnelLine& y) {
    return x.stage == y.stage && x.label == y.label && x.because == y.because &&
           same_ptr(x.condition, y.condition);
  });
}
bool same_decl(const TestDecl& a, const TestDecl& b) {
  if (a.name != b.name || a.as_of != b.as_of || a.lead.has_value() != b.lead.has_value())
    return false;
  if (a.lead && !same_value(*a.lead, *b.lead)) return false;
  return same_each(a.expectations, b.expectations, [](const Expectation& x, const Expectation& y) {
    return same_ptr(x.expr, y.expr) && same_value(x.expected, y.expected);
  });
}

}  // namespace

bool same_expr(const Expr& a, const Expr& b) {
  if (a.kind.index() != b.kind.index()) return false;
  return std::visit(
      [&](const auto& ka) {
        using K = std::decay_t<decltype(ka)>;
        return same_kind(ka, std::get<K>(b.kind));
      },
      a.kind);
}

bool same_module(const Module& a, const Module& b) {
  return same_each(a.decls, b.decls, [](const Decl& x, const Decl& y) {
    if (x.kind.index() != y.kind.index()) return false;
    return std::visit(
        [&](const auto& kx) {
          using K = std::decay_t<decltype(kx)>;
          return same_decl(kx, std::get<K>(y.kind));
        },
        x.kind);
  });
}

}  // namespace qpl::format
