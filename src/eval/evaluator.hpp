#pragma once
// Evaluates a checked policy against one lead. Never throws on data: runtime faults are Unknown.
// Thread-compatible: one Evaluator per thread (it keeps per-lead scratch memory).
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "model/policy.hpp"
#include "model/value.hpp"

namespace qpl::eval {

struct Trace;          // eval/trace.hpp
class TraceListener;  // eval/trace_listener.hpp

enum class ExplainLevel : std::uint8_t {
  none,     // fast path: no trace, no allocation beyond the outcome
  compact,  // funnel lines, icp clauses, score rules, checks, lets: each with result and reads
  full,     // also every sub-expression
};

// One entry of a score's points ledger (`eval --ledger`): a rule that added points, or that
// might have but whose `when` or `per` is unknown (null points). Rules that added nothing are
// not entries. The entries' known points add up to the score (R35/R36).
struct LedgerEntry {
  static constexpr std::uint32_t clamp = UINT32_MAX;  // `rule` of the `from LO to HI` clamp
  std::uint32_t rule = 0;        // index into the score's ScoreDecl::rules, or `clamp`
  std::optional<double> points;  // what it added; null: unknown
};
using Ledger = std::vector<std::vector<LedgerEntry>>;  // by CheckedPolicy::scores index

struct LeadOutcome {
  int funnel_line = -1;        // index into policy.funnel->lines; -1: no funnel or no line true
  // A forward-only funnel (eval/forward_only.hpp) on a backward move: the recycle line that
  // fired (index into policy.funnel->recycles), or, when none did, the rank in the order of the
  // previous stage the lead was held at. -1 otherwise.
  int recycle_line = -1;
  int held_rank = -1;
  std::vector<double> scores;  // by CheckedPolicy::scores index (a score is always a number)
  std::vector<Value> icps;     // bool or Unknown, by CheckedPolicy::icps index
  std::vector<Value> checks;   // bool or Unknown, by CheckedPolicy::checks index
  std::vector<Value> grades;   // a label (text) or Unknown, by CheckedPolicy::grades index
  std::unique_ptr<Trace> trace;  // set when an explain level other than none was asked
  Ledger ledger;                 // filled when the evaluator keeps ledgers, else empty
  // The evaluation went deeper than max_evaluation_depth and stopped: the outcome is not an
  // answer and the lead must be reported as an error (the checker makes this unreachable for a
  // checked policy; it is the guard for anything else).
  bool too_deep = false;
};

class Evaluator {
 public:
  explicit Evaluator(const CheckedPolicy& policy);
  ~Evaluator();

  // `today`: days since 1970-01-01 (the --as-of date). Without a listener the compiled program
  // runs (the fast path); with one, the tree walk reports to it (eval/trace_listener.hpp).
  void evaluate(const RecordValue& lead, std::int32_t today, TraceListener* listener,
                LeadOutcome& out);
  // The same with the explain trace at `level` in out.trace (eval/trace_builder.hpp); none:
  // no trace, the fast path.
  void evaluate(const RecordValue& lead, std::int32_t today, ExplainLevel level,
                LeadOutcome& out);
  // A trace refers to the lead's values rather than copying them (TraceRead): the lead must
  // outlive what is made of its evaluation, so it cannot be a temporary.
  void evaluate(RecordValue&& lead, std::int32_t today, TraceListener* listener, LeadOutcome& out) = delete;
  void evaluate(RecordValue&& lead, std::int32_t today, ExplainLevel level, LeadOutcome& out) = delete;
  // From now on, every evaluate() fills LeadOutcome::ledger (off by default: it costs a little).
  void keep_ledger(bool on);
  // Any checked expression of the policy (test `expect`, REPL input) against a lead.
  Value evaluate_expression(const Expr& expr, const RecordValue& lead, std::int32_t today);
  // Another expression on the lead of the last evaluate_expression: the lets, scores, icps and
  // checks it computed are not computed again (an account's COND and VALUE parts, pass 1).
  Value evaluate_expression_same_lead(const Expr& expr);
  // The same, each expression of `fixed` (an account's aggregates over `contacts`) answering
  // with its value instead of being evaluated (eval/account_folds.hpp).
  Value evaluate_expression_with(const Expr& expr, const RecordValue& lead, std::int32_t today,
                                 const std::vector<std::pair<const Expr*, Value>>& fixed);
  // The last evaluate_expression (or evaluate) stopped at max_evaluation_depth: its value is not
  // an answer.
  bool stopped_too_deep() const;
  // The message for a lead whose evaluation stopped there.
  static std::string too_deep_message();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace qpl::eval
