#include "model/ast.hpp"

namespace qpl {

void take_children(Expr& e, std::vector<ExprPtr>& out) {
  auto take = [&](ExprPtr& p) {
    if (p) out.push_back(std::move(p));
  };
  std::visit(
      [&](auto& k) {
        using K = std::decay_t<decltype(k)>;
        if constexpr (std::is_same_v<K, ListLit>) {
          for (auto& i : k.items) take(i);
          k.items.clear();
        } else if constexpr (std::is_same_v<K, Member>) {
          take(k.object);
        } else if constexpr (std::is_same_v<K, Call>) {
          for (auto& a : k.args) take(a);
          k.args.clear();
        } else if constexpr (std::is_same_v<K, Unary>) {
          take(k.operand);
        } else if constexpr (std::is_same_v<K, Binary>) {
          take(k.lhs);
          take(k.rhs);
        } else if constexpr (std::is_same_v<K, In>) {
          take(k.value);
          take(k.list);
        } else if constexpr (std::is_same_v<K, Between>) {
          take(k.value);
          take(k.low);
          take(k.high);
        } else if constexpr (std::is_same_v<K, Matches> || std::is_same_v<K, IsMissing> ||
                             std::is_same_v<K, Within>) {
          take(k.value);
        } else if constexpr (std::is_same_v<K, ListQuery>) {
          take(k.list);
          take(k.where);
          take(k.project);
        } else if constexpr (std::is_same_v<K, GroupTest>) {
          for (auto& i : k.items) take(i);
          k.items.clear();
        }
      },
      e.kind);
}

Expr::~Expr() {
  std::vector<ExprPtr> pending;
  take_children(*this, pending);
  while (!pending.empty()) {
    ExprPtr next = std::move(pending.back());
    pending.pop_back();
    take_children(*next, pending);
  }  // `next` dies here with no children left
}

const char* binary_op_text(BinaryOp op) {
  switch (op) {
    case BinaryOp::or_: return "or";
    case BinaryOp::and_: return "and";
    case BinaryOp::eq: return "=";
    case BinaryOp::ne: return "!=";
    case BinaryOp::lt: return "<";
    case BinaryOp::le: return "<=";
    case BinaryOp::gt: return ">";
    case BinaryOp::ge: return ">=";
    case BinaryOp::contains: return "contains";
    case BinaryOp::starts_with: return "starts with";
    case BinaryOp::ends_with: return "ends with";
    case BinaryOp::otherwise: return "otherwise";
    case BinaryOp::add: return "+";
    case BinaryOp::sub: return "-";
    case BinaryOp::mul: return "*";
    case BinaryOp::div: return "/";
    case BinaryOp::mod: return "%";
  }
  return "?";
}

std::string decay_clause_text(const Decay& d, std::string_view period) {
  std::string out = d.shape == DecayShape::half_life ? "decaying half-life " : "decaying linearly over ";
  out += period;
  if (!d.by.empty()) out += " by " + d.by;
  return out;
}

std::string decay_period_text(const Decay& d) {
  return d.months ? std::to_string(d.months) + " months" : std::to_string(d.days) + " days";
}

const char* quantifier_text(Quantifier q) {
  switch (q) {
    case Quantifier::count: return "count";
    case Quantifier::any: return "any";
    case Quantifier::all: return "all";
    case Quantifier::sum: return "sum";
    case Quantifier::avg: return "avg";
    case Quantifier::min: return "min";
    case Quantifier::max: return "max";
  }
  return "?";
}

const FunnelSla* FunnelDecl::sla(std::string_view stage) const {
  for (const FunnelSla& s : slas)
    if (s.stage == stage) return &s;
  return nullptr;
}

int FunnelDecl::rank(std::string_view stage) const {
  if (orders.empty()) return -1;
  const auto& stages = orders.front().stages;
  for (std::size_t i = 0; i < stages.size(); ++i)
    if (stages[i] == stage) return static_cast<int>(i);
  return -1;
}

}  // namespace qpl
