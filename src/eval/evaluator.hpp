#pragma once
// Evaluates a checked policy against one lead. Never throws on data: runtime faults are Unknown.
// Thread-compatible: one Evaluator per thread (it keeps per-lead scratch memory).
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "model/policy.hpp"
#include "model/value.hpp"

namespace qpl::eval {

struct Trace;  // eval/trace.hpp

enum class ExplainLevel : std::uint8_t {
  none,     // fast path: no trace, no allocation beyond the outcome
  compact,  // funnel lines, icp clauses, score rules, checks, lets: each with result and reads
  full,     // also every sub-expression
};

struct LeadOutcome {
  int funnel_line = -1;        // index into policy.funnel->lines; -1: no funnel or no line true
  std::vector<double> scores;  // by CheckedPolicy::scores index (a score is always a number)
  std::vector<Value> icps;     // bool or Unknown, by CheckedPolicy::icps index
  std::vector<Value> checks;   // bool or Unknown, by CheckedPolicy::checks index
  std::vector<Value> grades;   // a label (text) or Unknown, by CheckedPolicy::grades index
  std::unique_ptr<Trace> trace;  // set when an explain level other than none was asked
  // The evaluation went deeper than max_evaluation_depth and stopped: the outcome is not an
  // answer and the lead must be reported as an error (the checker makes this unreachable for a
  // checked policy; it is the guard for anything else).
  bool too_deep = false;
};

class Evaluator {
 public:
  explicit Evaluator(const CheckedPolicy& policy);
  ~Evaluator();

  // `today`: days since 1970-01-01 (the --as-of date).
  void evaluate(const RecordValue& lead, std::int32_t today, ExplainLevel level,
                LeadOutcome& out);
  // The same, but every funnel line is evaluated, also after the first true one (why-not needs
  // the lines after the lead's stage). Always traced: `none` is taken as `compact`.
  void evaluate_every_line(const RecordValue& lead, std::int32_t today, ExplainLevel level,
                           LeadOutcome& out);
  // Any checked expression of the policy (test `expect`, REPL input) against a lead.
  Value evaluate_expression(const Expr& expr, const RecordValue& lead, std::int32_t today);
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
