// QPL452: a linear decay that reaches 0 before the `within` filter of its own `where` ends, so the
// elements between the two ages pass the filter and give nothing.
#include <fmt/format.h>

#include "lint/codes.hpp"
#include "lint/passes.hpp"

namespace qpl::lint {
namespace {

// The `DATE within M days` tests on the decay's date field in `e`, outside nested list queries
// (whose element is another one).
void collect_filters(const Expr& e, std::uint32_t date_slot, std::vector<const Within*>& out) {
  if (std::holds_alternative<ListQuery>(e.kind)) return;
  if (const auto* w = std::get_if<Within>(&e.kind)) {
    const auto* n = std::get_if<Name>(&w->value->kind);
    if (n && n->ref.kind == RefKind::element_field && n->ref.depth == 0 &&
        n->ref.index == date_slot && w->months == 0)
      out.push_back(w);
    return;
  }
  for_each_child(e, [&](const Expr& child) { collect_filters(child, date_slot, out); });
}

}  // namespace

void check_decay(LintContext& ctx) {
  for (const auto& score : ctx.policy.scores)
    for (const auto& rule : score.decl->rules) {
      if (!rule.decay || rule.decay->shape != DecayShape::linear || !rule.per) continue;
      const auto& q = std::get<ListQuery>(rule.per->kind);
      if (!q.where) continue;
      std::vector<const Within*> filters;
      collect_filters(*q.where, rule.decay->date_slot, filters);
      for (const Within* w : filters) {
        if (w->days <= rule.decay->days) continue;
        auto& d = ctx.out.warning(
            code::decay_shorter_than_filter, w->duration_span,
            fmt::format("the decay of this rule of score '{}' reaches 0 after {} days, but the "
                        "filter keeps elements up to {} days old: those older than {} days give "
                        "nothing",
                        score.name, rule.decay->days, w->days, rule.decay->days));
        d.help = "make the filter no longer than the decay, or drop it";
      }
    }
}

}  // namespace qpl::lint
