#pragma once
// `qualify test --coverage`: which decision points of the policy the tests made true and false.
// A listener of the tests' own evaluations (eval/trace_listener.hpp): nothing is evaluated twice.
#include <cstdint>
#include <vector>

#include "eval/trace_listener.hpp"
#include "model/policy.hpp"
#include "runner/run.hpp"

namespace qpl::runner {

class CoverageRecorder final : public eval::TraceListener {
 public:
  explicit CoverageRecorder(const CheckedPolicy& policy);

  std::vector<CoverageItem> take() { return std::move(items_); }

  eval::ExplainLevel level() const override;
  void begin_lead(std::int32_t today) override;

  std::uint32_t open(eval::TraceKind kind, std::uint32_t index, const Expr* expr,
                     Span span) override;
  void close(std::uint32_t node, const Value& value) override;
  void again(std::uint32_t) override {}
  void next_outside_funnel() override {}
  void read(std::string_view, TypeRef, const Value&) override {}
  void fault(Fault) override {}
  void comparison_failed(const Expr&, const Value&, const Value&, const Value&) override {}
  void exclude_clause(std::uint32_t) override {}
  // A score rule counts by its `when`, whatever its `per` gave.
  void rule_points(std::uint32_t node, const Value& when, double added) override;
  void decayed(std::uint32_t, const eval::TraceDecayed&) override {}
  void funnel_decided(int) override {}
  void backward_move(int, int) override {}

 private:
  static constexpr std::uint32_t none = UINT32_MAX;
  void add(CoverageItem::Kind kind, std::string label, Span span, bool can_be_false = true);
  void mark(std::uint32_t item, const Value& value);
  // The item a node stands for, or `none` (a let, a group test, a sub-expression...).
  std::uint32_t item_for(eval::TraceKind kind, std::uint32_t index) const;

  std::vector<CoverageItem> items_;
  // Where each kind's items start: funnel lines, recycle lines, then by icp, score and check.
  std::uint32_t recycles_ = 0;
  std::vector<std::uint32_t> icp_clauses_, score_rules_;
  std::uint32_t checks_ = 0;
  // This lead's nodes: the item of each, and the nodes open now (an icp or score around the
  // clause or rule being opened names its item).
  struct Open {
    eval::TraceKind kind;
    std::uint32_t index;
  };
  std::vector<std::uint32_t> node_items_;
  std::vector<Open> open_;
};

}  // namespace qpl::runner
