#pragma once
// What the evaluator reports while it evaluates one lead, for whoever listens: the explain
// trace (eval/trace_builder.hpp), the coverage of `qualify test` (runner/coverage.hpp), or
// nobody — then the evaluator runs the compiled program and reports nothing.
//
// A listener is told about nodes: a funnel line, an icp and its clauses, a score and its rules,
// a check, a let, a grade and its lines, a group test, and at ExplainLevel::full every
// sub-expression. A node is opened, gets children (the nodes opened while it is open), and is
// closed with its value. A let, icp, score, check or grade is computed once per lead: the first
// use opens its node, every later use reports it `again` under the node that is open then.
//
// With a listener the evaluation shows everything, not only what decides: both sides of `and`
// and `or`, every clause of an icp after a failed one, the `per` of a rule whose `when` is
// false. The values are the same as without one (the property tests check it).
#include <cstdint>
#include <string_view>

#include "model/ast.hpp"
#include "model/value.hpp"

namespace qpl::eval {

enum class ExplainLevel : std::uint8_t;
enum class TraceKind : std::uint8_t;
struct TraceDecayed;

class TraceListener {
 public:
  virtual ~TraceListener() = default;

  // Asked at the start of each lead. `full`: a node per sub-expression too.
  virtual ExplainLevel level() const = 0;
  // Why-not needs every funnel line, also after the first true one (the lead's stage).
  virtual bool every_funnel_line() const { return false; }
  virtual void begin_lead(std::int32_t today) = 0;

  // Nodes, numbered by the listener. `expr`: the condition, body or sub-expression, if any.
  virtual std::uint32_t open(TraceKind kind, std::uint32_t index, const Expr* expr, Span span) = 0;
  virtual void close(std::uint32_t node, const Value& value) = 0;
  virtual void again(std::uint32_t node) = 0;
  // The next node opened is an icp, score, check or grade computed outside the funnel.
  virtual void next_outside_funnel() = 0;

  // What happened directly in the innermost open rule-level node (any kind but `expr`): a lead
  // field read, a runtime fault (division by zero, no domain...), a comparison that did not
  // hold. Reads inside a `where` are not reported (they would repeat per element).
  // `type`: the field's declared type. `field`: with a type, the schema's name, which lives as
  // long as the policy; without one, a list element's field ("events[2].day"), a name made for
  // this call only. `value`: the lead's own (or a constant), which lives as long as the lead.
  virtual void read(std::string_view field, TypeRef type, const Value& value) = 0;
  virtual void fault(Fault fault) = 0;
  virtual void comparison_failed(const Expr& binary, const Value& lhs, const Value& rhs,
                                 const Value& result) = 0;

  // Details of one node.
  virtual void exclude_clause(std::uint32_t node) = 0;  // icp_clause: an `exclude`
  // score_rule, before it closes: its `when` (true when it has none) and the points it added.
  virtual void rule_points(std::uint32_t node, const Value& when, double added) = 0;
  // score_rule with `decaying`: one element its condition kept.
  virtual void decayed(std::uint32_t node, const TraceDecayed& element) = 0;

  // The lead's funnel line (-1: none), then a forward-only funnel's backward move.
  virtual void funnel_decided(int line) = 0;
  virtual void backward_move(int recycle_line, int held_rank) = 0;
};

}  // namespace qpl::eval
