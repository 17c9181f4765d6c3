#pragma once
// Runs a Program on one lead at a time: the untraced evaluation. Thread-compatible: one runner
// per thread (it keeps per-lead memos and text buffers, reused from lead to lead).
#include <cstdint>
#include <string>
#include <vector>

#include "eval/evaluator.hpp"
#include "eval/program.hpp"

namespace qpl::eval {

class ProgramRunner {
 public:
  ProgramRunner(const CheckedPolicy& policy, const Program& program, TreeWalk& tree);

  // The outcome of `lead` (no trace): funnel line, every icp, score and check. The tree walk
  // must have begun the same lead (its memos serve the `tree` operations).
  void evaluate(const RecordValue& lead, std::int32_t today, LeadOutcome& out);
  bool too_deep() const { return too_deep_; }
  // Constant folding: the value of operation `op`, whose operands are all constants and which
  // does not read `today`, computed once as for any lead.
  Slot fold(std::uint32_t op);
  // Whether evaluate() fills LeadOutcome::ledger.
  void keep_ledger(bool on) { keep_ledger_ = on; }

 private:
  struct Memo {
    std::uint64_t generation = 0;  // the lead `value` is for
    Slot value;
  };

  Slot run(std::uint32_t op);
  void move_forward_only(LeadOutcome& out);
  Slot run_op(const Op& op, std::uint32_t index);
  // `m`'s value for this lead, computed by `compute` the first time it is asked.
  template <typename Compute>
  Slot memoized(Memo& m, Compute&& compute);
  Slot compute_icp(std::uint32_t i);
  Slot compute_score(std::uint32_t i);
  template <bool Ledger>
  Slot score_sum(std::uint32_t i, std::vector<LedgerEntry>* entries);
  Slot compute_grade(std::uint32_t i);
  Slot grade_value(std::uint32_t i);
  Slot let_value(std::uint32_t i);
  Slot icp_value(std::uint32_t i);
  Slot score_value(std::uint32_t i);
  Slot check_value(std::uint32_t i);
  Slot from_value(const Value& v) const;
  Slot lead_field(std::uint32_t index) const;
  Slot group(const Op& op);
  Slot in_list(const Op& op);
  Slot builtin(const Op& op, std::uint32_t index);

  const CheckedPolicy& policy_;
  const Program& program_;
  TreeWalk& tree_;
  const RecordValue* lead_ = nullptr;
  std::int32_t today_ = 0;
  std::uint64_t generation_ = 0;
  std::size_t depth_ = 0;
  bool too_deep_ = false;
  bool keep_ledger_ = false;
  Ledger* ledger_ = nullptr;  // the lead's ledger while it is evaluated, when kept
  std::vector<Memo> lets_, icps_, scores_, checks_, grades_;
  std::vector<std::string> texts_;  // computed texts, by op
  std::vector<Value> tree_values_;  // the tree walk's values, by op
  Value decayed_per_;               // the tree walk's value of a decaying rule's `per`
  struct Kept {
    std::uint64_t generation = 0;
    Slot value;
  };
  std::vector<Kept> kept_;  // the values of shared operations, by op
};

}  // namespace qpl::eval
