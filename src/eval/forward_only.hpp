#pragma once
// The forward-only rule both evaluators apply after the funnel's lines (docs/language.md,
// "Forward-only funnels"): a backward move is held unless a recycle line fires.
#include <string>

#include "eval/evaluator.hpp"
#include "model/ast.hpp"
#include "model/policy.hpp"
#include "model/value.hpp"

namespace qpl::eval {

// The rank in the order of the lead's previous stage when the stage of `funnel_line` comes
// before it in the order (a backward move), else -1. `previous_slot`: the lead's `previous`.
int backward_from(const FunnelDecl& funnel, const RecordValue& lead, int previous_slot, int funnel_line);

// Whether `line` may take a lead moving back from the stage of rank `from`: its stage is a side
// stage or comes before that stage.
bool recycle_eligible(const FunnelDecl& funnel, const RecycleLine& line, int from);

// A lead's final stage and its `because`, as results, tests, the REPL and reports say them.
struct StageAnswer {
  const std::string* stage = nullptr;    // null: no funnel, or no line true
  const std::string* because = nullptr;
  const std::string* held_from = nullptr;  // held: the stage the funnel's lines gave today
  bool recycled = false;
};
StageAnswer stage_answer(const CheckedPolicy& policy, const LeadOutcome& outcome);
// The same from the outcome's three numbers (an explain trace keeps them too).
StageAnswer stage_answer(const CheckedPolicy& policy, int funnel_line, int recycle_line, int held_rank);

}  // namespace qpl::eval
