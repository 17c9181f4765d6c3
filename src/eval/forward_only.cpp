#include "eval/forward_only.hpp"

#include "model/memory.hpp"

namespace qpl::eval {

int backward_from(const FunnelDecl& funnel, const RecordValue& lead, int previous_slot, int funnel_line) {
  if (!funnel.forward_only || funnel_line < 0 || previous_slot < 0) return -1;
  const PreviousState previous = previous_state(lead, previous_slot);
  if (previous.stage == nullptr) return -1;
  const int from = funnel.rank(*previous.stage);
  const int to = funnel.rank(funnel.lines[static_cast<std::size_t>(funnel_line)].stage);
  return from >= 0 && to >= 0 && to < from ? from : -1;
}

bool recycle_eligible(const FunnelDecl& funnel, const RecycleLine& line, int from) {
  const int to = funnel.rank(line.stage);
  return to < from;  // a side stage's rank is -1
}

StageAnswer stage_answer(const CheckedPolicy& policy, const LeadOutcome& outcome) {
  return stage_answer(policy, outcome.funnel_line, outcome.recycle_line, outcome.held_rank);
}

StageAnswer stage_answer(const CheckedPolicy& policy, int funnel_line, int recycle_line, int held_rank) {
  StageAnswer answer;
  if (policy.funnel == nullptr || funnel_line < 0) return answer;
  const FunnelDecl& funnel = *policy.funnel;
  const auto line = static_cast<std::size_t>(funnel_line);
  if (line >= funnel.lines.size()) return answer;
  if (recycle_line >= 0 && static_cast<std::size_t>(recycle_line) < funnel.recycles.size()) {
    const RecycleLine& recycle = funnel.recycles[static_cast<std::size_t>(recycle_line)];
    answer.stage = &recycle.stage;
    answer.because = &recycle.because;
    answer.recycled = true;
    return answer;
  }
  answer.because = &funnel.lines[line].because;
  answer.stage = &funnel.lines[line].stage;
  if (held_rank >= 0 && !funnel.orders.empty() &&
      static_cast<std::size_t>(held_rank) < funnel.orders.front().stages.size()) {
    answer.held_from = answer.stage;
    answer.stage = &funnel.orders.front().stages[static_cast<std::size_t>(held_rank)];
  }
  return answer;
}

}  // namespace qpl::eval
