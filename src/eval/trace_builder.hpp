#pragma once
// Builds the explain trace (eval/trace.hpp) from what the evaluator reports.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "eval/evaluator.hpp"
#include "eval/trace.hpp"
#include "eval/trace_listener.hpp"

namespace qpl::eval {

class TraceBuilder final : public TraceListener {
 public:
  enum class Lines : std::uint8_t { up_to_the_stage, every_line };
  // `level` none is taken as compact (a trace has at least the rule-level nodes).
  explicit TraceBuilder(ExplainLevel level, Lines lines = Lines::up_to_the_stage);

  // The lead's trace, once evaluate() returned; the next lead starts a new one.
  std::unique_ptr<Trace> take();
  // A trace nobody needs any more: the next lead's is built in it, its nodes' buffers reused
  // (a trace is some fifty nodes with their vectors; --explain builds one per lead).
  void recycle(std::unique_ptr<Trace> old) { recycled_ = std::move(old); }

  ExplainLevel level() const override { return level_; }
  bool every_funnel_line() const override { return lines_ == Lines::every_line; }
  void begin_lead(std::int32_t today) override;

  std::uint32_t open(TraceKind kind, std::uint32_t index, const Expr* expr, Span span) override;
  void close(std::uint32_t node, const Value& value) override;
  void again(std::uint32_t node) override;
  void next_outside_funnel() override;

  void read(std::string_view field, TypeRef type, const Value& value) override;
  void fault(Fault fault) override;
  void comparison_failed(const Expr& binary, const Value& lhs, const Value& rhs,
                         const Value& result) override;

  void exclude_clause(std::uint32_t node) override;
  void rule_points(std::uint32_t node, const Value& when, double added) override;
  void decayed(std::uint32_t node, const TraceDecayed& element) override;

  void funnel_decided(int line) override;
  void backward_move(int recycle_line, int held_rank) override;

 private:
  void attach(std::uint32_t child);
  // The innermost open rule-level node: reads, faults and failed comparisons belong to it.
  TraceNode* rule_node();

  ExplainLevel level_;
  Lines lines_;
  std::unique_ptr<Trace> trace_, recycled_;
  std::uint32_t used_ = 0;  // trace_->nodes in use; those after them are recycled ones
  std::vector<std::uint32_t> open_nodes_;
};

}  // namespace qpl::eval
