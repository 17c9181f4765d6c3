#include "model/ast_equal.hpp"

#include <functional>
#include <string_view>
#include <type_traits>

namespace qpl {
namespace {

bool same_ref(const Ref& a, const Ref& b) {
  return a.kind == b.kind && a.index == b.index && a.depth == b.depth;
}

// The parser bounds a tree's height (syntax::max_expression_height), so the recursion is bounded.
class ExprEquality {
 public:
  explicit ExprEquality(NameMatch names) : resolved_(names == NameMatch::as_resolved) {}

  bool same(const ExprPtr& a, const ExprPtr& b) const {
    if (!a || !b) return !a && !b;
    return same(*a, *b);
  }

  bool same(const Expr& a, const Expr& b) const {
    if (a.kind.index() != b.kind.index()) return false;
    return std::visit(
        [&](const auto& x) -> bool {
          using K = std::decay_t<decltype(x)>;
          return same_kind(x, std::get<K>(b.kind));
        },
        a.kind);
  }

 private:
  bool resolved_;

  bool same_list(const std::vector<ExprPtr>& a, const std::vector<ExprPtr>& b) const {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
      if (!same(a[i], b[i])) return false;
    return true;
  }
  bool same_resolution(const Ref& a, const Ref& b) const { return !resolved_ || same_ref(a, b); }

  // One overload per expression kind: a kind without one does not compile.
  bool same_kind(const NumberLit& a, const NumberLit& b) const { return a.value == b.value; }
  bool same_kind(const TextLit& a, const TextLit& b) const { return a.value == b.value; }
  bool same_kind(const BoolLit& a, const BoolLit& b) const { return a.value == b.value; }
  bool same_kind(const DateLit& a, const DateLit& b) const { return a.days == b.days; }
  bool same_kind(const DurationLit& a, const DurationLit& b) const {
    return a.days == b.days && a.months == b.months;
  }
  bool same_kind(const ListLit& a, const ListLit& b) const { return same_list(a.items, b.items); }
  bool same_kind(const Today&, const Today&) const { return true; }
  bool same_kind(const LeadRef&, const LeadRef&) const { return true; }
  bool same_kind(const Name& a, const Name& b) const {
    return a.name == b.name && same_resolution(a.ref, b.ref);
  }
  bool same_kind(const Member& a, const Member& b) const {
    return a.member == b.member && same_resolution(a.ref, b.ref) && same(a.object, b.object);
  }
  bool same_kind(const Call& a, const Call& b) const {
    return a.function == b.function && same_list(a.args, b.args);
  }
  bool same_kind(const Unary& a, const Unary& b) const {
    return a.op == b.op && same(a.operand, b.operand);
  }
  bool same_kind(const Binary& a, const Binary& b) const {
    return a.op == b.op && same(a.lhs, b.lhs) && same(a.rhs, b.rhs);
  }
  bool same_kind(const In& a, const In& b) const {
    return a.negated == b.negated && same(a.value, b.value) && same(a.list, b.list);
  }
  bool same_kind(const Between& a, const Between& b) const {
    return same(a.value, b.value) && same(a.low, b.low) && same(a.high, b.high);
  }
  bool same_kind(const Matches& a, const Matches& b) const {
    return a.pattern == b.pattern && same(a.value, b.value);
  }
  bool same_kind(const IsMissing& a, const IsMissing& b) const {
    return a.present == b.present && same(a.value, b.value);
  }
  bool same_kind(const Within& a, const Within& b) const {
    return a.days == b.days && a.months == b.months && same(a.value, b.value);
  }
  bool same_kind(const ListQuery& a, const ListQuery& b) const {
    return a.quantifier == b.quantifier && same(a.list, b.list) && same(a.where, b.where) &&
           same(a.project, b.project);
  }
  bool same_kind(const GroupTest& a, const GroupTest& b) const {
    return a.quantifier == b.quantifier && a.k == b.k && a.group == b.group &&
           same_list(a.items, b.items);
  }
};

const ExprEquality as_written{NameMatch::as_written};

bool same_ptr(const ExprPtr& a, const ExprPtr& b) { return as_written.same(a, b); }

template <typename T, typename Same>
bool same_each(const std::vector<T>& a, const std::vector<T>& b, Same same) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (!same(a[i], b[i])) return false;
  return true;
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

// One overload per declaration kind: a kind without one does not compile.
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
bool same_decl(const AccountDecl& a, const AccountDecl& b) {
  return a.key == b.key && same_each(a.lets, b.lets, [](const LetDecl& x, const LetDecl& y) {
           return x.name == y.name && same_ptr(x.value, y.value);
         });
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
                  x.in_force_from == y.in_force_from && x.in_force_until == y.in_force_until &&
                  same_decay(x.decay, y.decay) &&
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
  return a.forward_only == b.forward_only &&
         same_each(a.slas, b.slas,
                   [](const FunnelSla& x, const FunnelSla& y) {
                     return x.stage == y.stage && x.days == y.days && x.months == y.months && x.hours == y.hours &&
                            x.in_hours == y.in_hours;
                   }) &&
         same_each(a.orders, b.orders,
                   [](const FunnelOrder& x, const FunnelOrder& y) { return x.stages == y.stages; }) &&
         same_each(a.recycles, b.recycles,
                   [](const RecycleLine& x, const RecycleLine& y) {
                     return x.stage == y.stage && x.label == y.label && x.because == y.because &&
                            same_ptr(x.condition, y.condition);
                   }) &&
         same_each(a.lines, b.lines, [](const FunnelLine& x, const FunnelLine& y) {
           return x.stage == y.stage && x.label == y.label && x.because == y.because &&
                  same_ptr(x.condition, y.condition);
         });
}
bool same_decl(const GradeDecl& a, const GradeDecl& b) {
  return a.name == b.name && same_ptr(a.of, b.of) &&
         same_each(a.lines, b.lines, [](const GradeLine& x, const GradeLine& y) {
           return x.label == y.label && x.below == y.below && x.otherwise == y.otherwise &&
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

void mix(std::size_t& h, std::size_t v) { h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2); }

}  // namespace

bool same_expr(const Expr& a, const Expr& b, NameMatch names) {
  return ExprEquality(names).same(a, b);
}

std::size_t expr_hash(const Expr& e) {
  std::size_t h = e.kind.index();
  std::visit(
      [&](const auto& x) {
        using K = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<K, NumberLit>) mix(h, std::hash<double>{}(x.value));
        else if constexpr (std::is_same_v<K, TextLit>) mix(h, std::hash<std::string_view>{}(x.value));
        else if constexpr (std::is_same_v<K, BoolLit>) mix(h, x.value);
        else if constexpr (std::is_same_v<K, DateLit>) mix(h, static_cast<std::size_t>(x.days));
        else if constexpr (std::is_same_v<K, Name>) mix(h, std::hash<std::string_view>{}(x.name));
        else if constexpr (std::is_same_v<K, Member>) mix(h, std::hash<std::string_view>{}(x.member));
        else if constexpr (std::is_same_v<K, Call>) mix(h, std::hash<std::string_view>{}(x.function));
        else if constexpr (std::is_same_v<K, Unary>) mix(h, static_cast<std::size_t>(x.op));
        else if constexpr (std::is_same_v<K, Binary>) mix(h, static_cast<std::size_t>(x.op));
        else if constexpr (std::is_same_v<K, Matches>) mix(h, std::hash<std::string_view>{}(x.pattern));
        else if constexpr (std::is_same_v<K, GroupTest>) {
          mix(h, static_cast<std::size_t>(x.quantifier));
          mix(h, static_cast<std::size_t>(x.k));
          mix(h, std::hash<std::string_view>{}(x.group));
        }
      },
      e.kind);
  for_each_child(e, [&](const Expr& child) { mix(h, expr_hash(child)); });
  return h;
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

bool same_decay(const std::optional<Decay>& a, const std::optional<Decay>& b) {
  if (!a || !b) return !a && !b;
  return a->shape == b->shape && a->days == b->days && a->months == b->months && a->by == b->by;
}

}  // namespace qpl
