#include "report/score_thresholds.hpp"

#include "present/trace_describe.hpp"
#include "model/comparison.hpp"

namespace qpl::report {
namespace {

using present::explain_detail::location;
using present::explain_detail::source_text;

// The score a name refers to, or -1.
int score_of(const Expr& e) {
  if (const auto* name = std::get_if<Name>(&e.kind); name && name->ref.kind == RefKind::score)
    return static_cast<int>(name->ref.index);
  return -1;
}

const double* number_of(const Expr& e) {
  const auto* lit = std::get_if<NumberLit>(&e.kind);
  return lit ? &lit->value : nullptr;
}

class Finder {
 public:
  explicit Finder(const CheckedPolicy& policy) : policy_(policy), out_(policy.scores.size()) {}

  void walk(const Expr* root) {
    if (root == nullptr) return;
    std::vector<const Expr*> stack{root};  // no recursion: expressions may be deep
    while (!stack.empty()) {
      const Expr& e = *stack.back();
      stack.pop_back();
      visit(e);
      std::vector<const Expr*> children;
      for_each_child(e, [&](const Expr& child) { children.push_back(&child); });
      for (auto it = children.rbegin(); it != children.rend(); ++it) stack.push_back(*it);
    }
  }

  std::vector<std::vector<ScoreThreshold>> take() { return std::move(out_); }

 private:
  void visit(const Expr& e) {
    if (const auto* b = std::get_if<Binary>(&e.kind)) {
      // s >= t and s < t (its other side) are ">= t"; s > t and s <= t are "> t".
      const auto above = [](BinaryOp op) -> const char* {
        switch (op) {
          case BinaryOp::ge: case BinaryOp::lt: return ">=";
          case BinaryOp::gt: case BinaryOp::le: return ">";
          default: return nullptr;
        }
      };
      if (!above(b->op)) return;
      if (const int s = score_of(*b->lhs); s >= 0 && number_of(*b->rhs)) {
        add(s, above(b->op), *number_of(*b->rhs), e);
      } else if (const int r = score_of(*b->rhs); r >= 0 && number_of(*b->lhs)) {
        add(r, above(mirrored(b->op)), *number_of(*b->lhs), e);  // t OP s is s mirrored(OP) t
      }
    } else if (const auto* between = std::get_if<Between>(&e.kind)) {
      const int s = score_of(*between->value);
      if (s < 0) return;
      if (const double* low = number_of(*between->low)) add(s, ">=", *low, e);
      if (const double* high = number_of(*between->high)) add(s, ">", *high, e);
    }
  }

  void add(int score, const char* op, double value, const Expr& e) {
    out_[static_cast<std::size_t>(score)].push_back(
        {op, value, source_text(policy_, e.span), location(policy_, e.span)});
  }

  const CheckedPolicy& policy_;
  std::vector<std::vector<ScoreThreshold>> out_;
};

}  // namespace

std::vector<std::vector<ScoreThreshold>> score_thresholds(const CheckedPolicy& policy) {
  Finder finder(policy);
  for (const LetInfo& let : policy.lets) finder.walk(let.decl->value.get());
  for (const IcpInfo& icp : policy.icps)
    for (const IcpClause& clause : icp.decl->clauses) finder.walk(clause.condition.get());
  for (const ScoreInfo& score : policy.scores) {
    for (const ScoreRule& rule : score.decl->rules) {
      finder.walk(rule.per.get());
      finder.walk(rule.when.get());
    }
  }
  for (const CheckInfo& check : policy.checks) finder.walk(check.decl->condition.get());
  if (policy.funnel != nullptr)
    for (const FunnelLine& line : policy.funnel->lines) finder.walk(line.condition.get());
  return finder.take();
}

}  // namespace qpl::report
