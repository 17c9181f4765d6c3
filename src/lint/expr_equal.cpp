#include "lint/expr_equal.hpp"

#include <functional>
#include <string_view>

namespace qpl::lint {
namespace {

// Deeper trees are never called equal (the parser bounds nesting well below this).
constexpr int max_depth = 256;

bool same_ref(const Ref& a, const Ref& b) {
  return a.kind == b.kind && a.index == b.index && a.depth == b.depth;
}

bool same(const Expr* a, const Expr* b, int depth);

bool same_list(const std::vector<ExprPtr>& a, const std::vector<ExprPtr>& b, int depth) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (!same(a[i].get(), b[i].get(), depth)) return false;
  return true;
}

bool same(const Expr* a, const Expr* b, int depth) {
  if (!a || !b) return a == b;
  if (depth > max_depth || a->kind.index() != b->kind.index()) return false;
  const int d = depth + 1;
  return std::visit(
      [&](const auto& x) -> bool {
        using K = std::decay_t<decltype(x)>;
        const K& y = std::get<K>(b->kind);
        if constexpr (std::is_same_v<K, NumberLit>) return x.value == y.value;
        else if constexpr (std::is_same_v<K, TextLit>) return x.value == y.value;
        else if constexpr (std::is_same_v<K, BoolLit>) return x.value == y.value;
        else if constexpr (std::is_same_v<K, DateLit>) return x.days == y.days;
        else if constexpr (std::is_same_v<K, DurationLit>) return x.days == y.days;
        else if constexpr (std::is_same_v<K, ListLit>) return same_list(x.items, y.items, d);
        else if constexpr (std::is_same_v<K, Today> || std::is_same_v<K, LeadRef>) return true;
        else if constexpr (std::is_same_v<K, Name>) return x.name == y.name && same_ref(x.ref, y.ref);
        else if constexpr (std::is_same_v<K, Member>)
          return x.member == y.member && same_ref(x.ref, y.ref) && same(x.object.get(), y.object.get(), d);
        else if constexpr (std::is_same_v<K, Call>)
          return x.function == y.function && same_list(x.args, y.args, d);
        else if constexpr (std::is_same_v<K, Unary>)
          return x.op == y.op && same(x.operand.get(), y.operand.get(), d);
        else if constexpr (std::is_same_v<K, Binary>)
          return x.op == y.op && same(x.lhs.get(), y.lhs.get(), d) && same(x.rhs.get(), y.rhs.get(), d);
        else if constexpr (std::is_same_v<K, In>)
          return x.negated == y.negated && same(x.value.get(), y.value.get(), d) &&
                 same(x.list.get(), y.list.get(), d);
        else if constexpr (std::is_same_v<K, Between>)
          return same(x.value.get(), y.value.get(), d) && same(x.low.get(), y.low.get(), d) &&
                 same(x.high.get(), y.high.get(), d);
        else if constexpr (std::is_same_v<K, Matches>)
          return x.pattern == y.pattern && same(x.value.get(), y.value.get(), d);
        else if constexpr (std::is_same_v<K, IsMissing>)
          return x.present == y.present && same(x.value.get(), y.value.get(), d);
        else if constexpr (std::is_same_v<K, Within>)
          return x.days == y.days && same(x.value.get(), y.value.get(), d);
        else if constexpr (std::is_same_v<K, ListQuery>)
          return x.quantifier == y.quantifier && same(x.list.get(), y.list.get(), d) &&
                 same(x.where.get(), y.where.get(), d);
        else if constexpr (std::is_same_v<K, GroupTest>)
          return x.quantifier == y.quantifier && x.k == y.k && x.group == y.group &&
                 same_list(x.items, y.items, d);
        else
          static_assert(sizeof(K) == 0, "every expression kind is compared");
      },
      a->kind);
}

void mix(std::size_t& h, std::size_t v) { h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2); }

std::size_t hash(const Expr& e, int depth) {
  std::size_t h = e.kind.index();
  if (depth > max_depth) return h;
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
  for_each_child(e, [&](const Expr& child) { mix(h, hash(child, depth + 1)); });
  return h;
}

}  // namespace

bool same_expr(const Expr& a, const Expr& b) { return same(&a, &b, 0); }
std::size_t expr_hash(const Expr& e) { return hash(e, 0); }

}  // namespace qpl::lint
