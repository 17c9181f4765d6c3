#include "lint/implies.hpp"

#include <limits>
#include <optional>

#include "model/ast_equal.hpp"
#include "model/comparison.hpp"

namespace qpl::lint {
namespace {

// Every test is a small recursion over two trees; the budget bounds the work on huge policies.
constexpr int max_steps = 20'000;
constexpr int max_let_depth = 32;

// The values of `x` for which a comparison against literals is true: an interval.
struct Range {
  const Expr* value = nullptr;
  bool is_date = false;
  double low = -std::numeric_limits<double>::infinity();
  double high = std::numeric_limits<double>::infinity();
  bool low_open = false;
  bool high_open = false;
};

std::optional<std::pair<double, bool>> literal_of(const Expr& e) {  // (value, is a date)
  if (const auto* n = std::get_if<NumberLit>(&e.kind)) return std::pair{n->value, false};
  if (const auto* d = std::get_if<DateLit>(&e.kind)) return std::pair{static_cast<double>(d->days), true};
  if (const auto* u = std::get_if<Unary>(&e.kind); u && u->op == UnaryOp::negate && u->operand)
    if (const auto* n = std::get_if<NumberLit>(&u->operand->kind)) return std::pair{-n->value, false};
  return std::nullopt;
}

BinaryOp negated(BinaryOp op) {  // `not (x >= 60)` is true exactly when `x < 60` is
  switch (op) {
    case BinaryOp::lt: return BinaryOp::ge;
    case BinaryOp::le: return BinaryOp::gt;
    case BinaryOp::gt: return BinaryOp::le;
    case BinaryOp::ge: return BinaryOp::lt;
    default: return op;
  }
}

bool is_order(BinaryOp op) {
  return op == BinaryOp::lt || op == BinaryOp::le || op == BinaryOp::gt || op == BinaryOp::ge ||
         op == BinaryOp::eq;
}

std::optional<Range> range_of(const Expr& e, bool negate) {
  Range r;
  if (const auto* u = std::get_if<Unary>(&e.kind); u && u->op == UnaryOp::not_ && u->operand)
    return negate ? std::nullopt : range_of(*u->operand, true);
  if (const auto* b = std::get_if<Between>(&e.kind)) {
    if (negate || !b->value || !b->low || !b->high) return std::nullopt;
    const auto lo = literal_of(*b->low);
    const auto hi = literal_of(*b->high);
    if (!lo || !hi || lo->second != hi->second) return std::nullopt;
    r.value = b->value.get();
    r.is_date = lo->second;
    r.low = lo->first;
    r.high = hi->first;
    return r;
  }
  const auto* b = std::get_if<Binary>(&e.kind);
  if (!b || !is_order(b->op) || !b->lhs || !b->rhs) return std::nullopt;
  if (negate && b->op == BinaryOp::eq) return std::nullopt;
  BinaryOp op = b->op;
  const Expr* value = b->lhs.get();
  auto bound = literal_of(*b->rhs);
  if (!bound) {
    bound = literal_of(*b->lhs);
    value = b->rhs.get();
    op = mirrored(op);
  }
  if (!bound || literal_of(*value)) return std::nullopt;
  if (negate) op = negated(op);
  r.value = value;
  r.is_date = bound->second;
  const double c = bound->first;
  switch (op) {
    case BinaryOp::lt: r.high = c; r.high_open = true; break;
    case BinaryOp::le: r.high = c; break;
    case BinaryOp::gt: r.low = c; r.low_open = true; break;
    case BinaryOp::ge: r.low = c; break;
    default: r.low = r.high = c; break;  // eq
  }
  return r;
}

bool empty(const Range& r) {
  return r.low > r.high || (r.low == r.high && (r.low_open || r.high_open));
}

// An empty range implies anything; that is QPL422's finding (never true), not a shadowed line.
bool within_range(const Range& inner, const Range& outer) {
  if (empty(inner)) return false;
  const bool low_ok = inner.low > outer.low ||
                      (inner.low == outer.low && (!outer.low_open || inner.low_open));
  const bool high_ok = inner.high < outer.high ||
                       (inner.high == outer.high && (!outer.high_open || inner.high_open));
  return low_ok && high_ok;
}

// `at least K of G` as (K, G); `all of G` is K = its size; `any of G` is K = 1.
struct Quota {
  const GroupTest* test = nullptr;
  std::int64_t k = 0;
};

class Prover {
 public:
  explicit Prover(const CheckedPolicy& p) : policy_(p) {}

  bool implies(const Expr& a, const Expr& b, int depth) {
    if (++steps_ > max_steps || depth > max_let_depth) return false;
    if (same_expr(a, b, NameMatch::as_resolved)) return true;
    if (const auto* bb = as(b, BinaryOp::and_))
      return implies(a, *bb->lhs, depth) && implies(a, *bb->rhs, depth);
    if (const auto* ab = as(a, BinaryOp::or_))
      return implies(*ab->lhs, b, depth) && implies(*ab->rhs, b, depth);
    if (const auto* ab = as(a, BinaryOp::and_))
      if (implies(*ab->lhs, b, depth) || implies(*ab->rhs, b, depth)) return true;
    if (const auto* bb = as(b, BinaryOp::or_))
      if (implies(a, *bb->lhs, depth) || implies(a, *bb->rhs, depth)) return true;
    if (const Expr* let = let_value(a)) return implies(*let, b, depth + 1);
    if (const Expr* let = let_value(b)) return implies(a, *let, depth + 1);
    if (const auto qa = quota(a), qb = quota(b); qa && qb) return same_group(*qa->test, *qb->test) && qa->k >= qb->k;
    if (const auto ra = range_of(a, false), rb = range_of(b, false); ra && rb)
      return ra->is_date == rb->is_date &&
             same_expr(*ra->value, *rb->value, NameMatch::as_resolved) && within_range(*ra, *rb);
    return false;
  }

 private:
  static const Binary* as(const Expr& e, BinaryOp op) {
    const auto* b = std::get_if<Binary>(&e.kind);
    return b && b->op == op && b->lhs && b->rhs ? b : nullptr;
  }

  const Expr* let_value(const Expr& e) const {
    const auto* n = std::get_if<Name>(&e.kind);
    if (!n || n->ref.kind != RefKind::let || n->ref.index >= policy_.lets.size()) return nullptr;
    const LetDecl* decl = policy_.lets[n->ref.index].decl;
    return decl ? decl->value.get() : nullptr;
  }

  std::optional<Quota> quota(const Expr& e) const {
    const auto* g = std::get_if<GroupTest>(&e.kind);
    if (!g) return std::nullopt;
    switch (g->quantifier) {
      case GroupQuantifier::at_least: return Quota{g, g->k};
      case GroupQuantifier::any: return Quota{g, 1};
      case GroupQuantifier::all: return Quota{g, static_cast<std::int64_t>(group_size(*g))};
      case GroupQuantifier::none: return std::nullopt;
    }
    return std::nullopt;
  }

  std::size_t group_size(const GroupTest& g) const {
    if (!g.group.empty())
      return g.group_index < policy_.gates.size() ? policy_.gates[g.group_index].checks.size() : 0;
    return g.items.size();
  }

  static bool same_group(const GroupTest& a, const GroupTest& b) {
    if (a.group != b.group) return false;
    if (!a.group.empty()) return a.group_index == b.group_index;
    if (a.items.size() != b.items.size()) return false;
    for (std::size_t i = 0; i < a.items.size(); ++i)
      if (!same_expr(*a.items[i], *b.items[i], NameMatch::as_resolved)) return false;
    return true;
  }

  const CheckedPolicy& policy_;
  int steps_ = 0;
};

}  // namespace

bool implies(const CheckedPolicy& policy, const Expr& a, const Expr& b) {
  return Prover(policy).implies(a, b, 0);
}

}  // namespace qpl::lint
