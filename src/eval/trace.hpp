#pragma once
// The explain trace: what the evaluator did for one lead, as a graph of nodes.
//
// Rule-level nodes (funnel lines, icps and their clauses, scores and their rules, checks, lets,
// group tests) are recorded at ExplainLevel::compact; ExplainLevel::full adds one node per
// sub-expression. A let, icp, score or check is evaluated once per lead (memoized), so its node
// may be the child of several parents: nodes are stored flat and point to children by index.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "eval/evaluator.hpp"
#include "model/ast.hpp"
#include "model/sla.hpp"
#include "model/value.hpp"

namespace qpl::eval {

enum class TraceKind : std::uint8_t {
  funnel_line,  // index: line in the funnel
  recycle_line, // index: recycle line of a forward-only funnel
  icp,          // index: CheckedPolicy::icps
  icp_clause,   // index: clause in the icp declaration
  score,        // index: CheckedPolicy::scores; value: the clamped sum
  score_rule,   // index: rule in the score declaration; points: what it added
  check,        // index: CheckedPolicy::checks
  let,          // index: CheckedPolicy::lets
  grade,        // index: CheckedPolicy::grades; value: the label
  grade_line,   // index: line in the grade or bands declaration; value: whether it held
  group,        // `at least K of ...` and friends; expr: the GroupTest
  expr,         // full level only: one sub-expression
};

// A field of the lead read while computing a node.
struct TraceRead {
  // The schema's name of the field, which lives as long as the policy (as the nodes' Exprs do);
  // an element's made-up name lives in Trace::made_names.
  std::string_view name;
  // The lead's value, not a copy: a trace refers to the lead it was made for, which must outlive
  // it. An element's missing field is the evaluator's constant unknown.
  const Value* value = nullptr;
  TypeRef type = nullptr;  // the field's declared type; null for an element's ("events[2].day")
};

// A comparison that did not hold (false or unknown): "engagement = 20 (needs >= 50)".
struct TraceComparison {
  // Built in place by emplace_back: copying into default-made Values costs twice as much.
  TraceComparison(const Expr& binary, const Value& l, const Value& r, const Value& outcome)
      : expr(&binary), lhs(l), rhs(r), result(outcome) {}

  const Expr* expr = nullptr;  // the Binary
  Value lhs, rhs;
  Value result;
};

// An element a decaying score rule kept: what it is, its date (none: unknown) and the points it
// gives after decay.
struct TraceDecayed {
  std::string element;  // "webinar": the element's first text value, else "element"
  std::optional<std::int32_t> day;
  double points = 0;
};

struct TraceNode {
  TraceKind kind = TraceKind::expr;
  std::uint32_t index = 0;
  const Expr* expr = nullptr;     // the condition / body / sub-expression, when there is one
  Span span;                      // the declaration, clause, rule or expression
  Value value;                    // the result (a score's is its number)
  double points = 0;              // score_rule: the points it added (after per and up to)
  bool exclude = false;           // icp_clause: an `exclude` (passes when its value is false)
  std::vector<TraceRead> reads;   // lead fields read directly by this node (not by children)
  std::vector<Fault> faults;      // runtime faults raised directly by this node
  std::vector<TraceComparison> failed;  // comparisons that did not hold, directly in this node
  std::vector<std::uint32_t> children;  // indexes into Trace::nodes
  std::vector<TraceDecayed> decayed;    // score_rule with `decaying`: each kept element, in order
};

// A member added here must be reset by reset_keeping_nodes() too.
struct Trace {
  ExplainLevel level = ExplainLevel::compact;
  std::int32_t today = 0;
  int chosen_line = -1;               // LeadOutcome::funnel_line
  std::vector<TraceNode> nodes;
  std::vector<std::uint32_t> lines;   // funnel line nodes, in the order tried
  std::vector<std::uint32_t> recycles;  // recycle line nodes tried on a backward move
  int recycle_line = -1;              // LeadOutcome::recycle_line
  int held_rank = -1;                 // LeadOutcome::held_rank
  std::vector<std::uint32_t> others;  // icps, scores, checks evaluated outside the funnel
  // The lead's SLA state at its final stage (model/sla.hpp), set by whoever renders the trace
  // after the evaluation, which knows the run's time and the lead's since; the evaluator does not.
  std::optional<SlaState> sla;
  // Names of reads that are not the schema's ("events[2].day"): a unique_ptr keeps each where
  // its TraceRead points when the vector grows.
  std::vector<std::unique_ptr<std::string>> made_names;

  // Back to a new trace, with the buffers of its vectors kept; its nodes are kept as they are,
  // for a builder to reuse (TraceBuilder::begin_lead).
  void reset_keeping_nodes();
};

// What made an unknown node unknown, in one walk of it and its unknown children: the field
// names (deduplicated, in reading order) whose missing value did, and the faults (other than a
// missing value). The names point into the trace; the buffers are reused from one node to the next.
class UnknownCauses {
 public:
  // Empty when `node` is not unknown.
  void find(const Trace& trace, std::uint32_t node);
  const std::vector<std::string_view>& missing() const { return missing_; }
  const std::vector<Fault>& faults() const { return faults_; }

 private:
  std::vector<bool> seen_;
  std::vector<std::uint32_t> stack_;
  std::vector<std::string_view> missing_;
  std::vector<Fault> faults_;
};
// Every lead field read in the node's subtree (deduplicated by name, in reading order).
std::vector<TraceRead> reads_below(const Trace& trace, std::uint32_t node);

// "division by zero", "missing value", ...
const char* fault_text(Fault f);

// The renderers of a trace (explain text, compact text, JSON) are in present/explain.hpp.

}  // namespace qpl::eval
