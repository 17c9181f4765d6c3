// A forward-only funnel's recycle lines that can never fire (QPL414): the stage is the last of
// the order, so no backward move is ever from a later stage; or an earlier recycle line that is
// always true takes every backward move this one could. A condition that is never true is
// QPL422, on the condition itself.
#include <algorithm>

#include <fmt/format.h>

#include "lint/codes.hpp"
#include "lint/passes.hpp"

namespace qpl::lint {
namespace {

// The lowest rank of a previous stage from which `line` may take a lead back: the stage after
// its own, or the second of the order for a side stage (no move is backward from the first).
int first_rank_taken(const FunnelDecl& funnel, const RecycleLine& line) {
  return std::max(funnel.rank(line.stage) + 1, 1);
}

}  // namespace

void check_recycles(LintContext& ctx) {
  const FunnelDecl* funnel = ctx.policy.funnel;
  if (funnel == nullptr || !funnel->forward_only || funnel->orders.empty()) return;
  const auto last = static_cast<int>(funnel->orders.front().stages.size()) - 1;
  const RecycleLine* always = nullptr;  // the earlier always-true line taking the most moves
  for (const RecycleLine& line : funnel->recycles) {
    if (funnel->rank(line.stage) == last) {
      auto& d = ctx.out.warning(code::recycle_never, line.stage_span,
                                fmt::format("this recycle line never fires: '{}' is the last stage of the "
                                            "order, so no lead ever moves back to it from a later stage",
                                            line.stage));
      d.help = "recycle to an earlier stage or to a side stage (one not in the order), such as 'nurture'";
      continue;
    }
    if (always != nullptr && first_rank_taken(*funnel, *always) <= first_rank_taken(*funnel, line)) {
      auto& d = ctx.out.warning(code::recycle_never, line.span,
                                "this recycle line never fires: an earlier recycle line is always true "
                                "and takes every lead this one could");
      d.notes.push_back({always->span, "this line takes them first"});
      d.help = "move this line above it, or narrow the earlier line's condition";
      continue;
    }
    if (always_true(ctx.facts.truth(*line.condition)) &&
        (always == nullptr || first_rank_taken(*funnel, line) < first_rank_taken(*funnel, *always)))
      always = &line;
  }
}

}  // namespace qpl::lint
