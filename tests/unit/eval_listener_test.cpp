// The evaluator reports to a listener (eval/trace_listener.hpp): what it tells one, and that
// listening changes no value. The explain trace's builder is one listener (its output is
// checked by every explain golden), test coverage another (runner_golden_test.cpp).
#include <map>

#include "eval/trace.hpp"
#include "eval/trace_listener.hpp"
#include "present/annotations.hpp"
#include "present/explain.hpp"
#include "eval_support.hpp"

namespace qpl::eval_test {
namespace {

// Counts nodes by kind and keeps the value each funnel line closed with.
class Tally final : public eval::TraceListener {
 public:
  explicit Tally(bool every_line) : every_line_(every_line) {}
  std::map<eval::TraceKind, int> opened;
  std::vector<std::string> lines;  // "0:false", "1:true", ...
  int agains = 0, reads = 0, decided = -2;

  eval::ExplainLevel level() const override { return eval::ExplainLevel::compact; }
  bool every_funnel_line() const override { return every_line_; }
  void begin_lead(std::int32_t) override {
    opened.clear();
    lines.clear();
    kinds_.clear();
    indexes_.clear();
  }
  std::uint32_t open(eval::TraceKind kind, std::uint32_t index, const Expr*, Span) override {
    ++opened[kind];
    kinds_.push_back(kind);
    indexes_.push_back(index);
    return static_cast<std::uint32_t>(kinds_.size() - 1);
  }
  void close(std::uint32_t node, const Value& value) override {
    if (kinds_[node] == eval::TraceKind::funnel_line)
      lines.push_back(std::to_string(indexes_[node]) + ":" + show(value));
  }
  void again(std::uint32_t) override { ++agains; }
  void next_outside_funnel() override {}
  void read(std::string_view, TypeRef, const Value&) override { ++reads; }
  void fault(Fault) override {}
  void comparison_failed(const Expr&, const Value&, const Value&, const Value&) override {}
  void exclude_clause(std::uint32_t) override {}
  void rule_points(std::uint32_t, const Value&, double) override {}
  void decayed(std::uint32_t, const eval::TraceDecayed&) override {}
  void funnel_decided(int line) override { decided = line; }
  void backward_move(int, int) override {}

 private:
  bool every_line_;
  std::vector<eval::TraceKind> kinds_;
  std::vector<std::uint32_t> indexes_;
};

const char* const policy_text = R"(
fields {
  id:   text
  size: number
  demo: bool
}
icp fit {
  require size >= 10
  require size <= 5000
}
let big = size > 1000
score interest {
  +20 when demo
  +10 when big
}
funnel {
  out  when not fit
  sql  when demo and big
  mql  when interest >= 20
  lead otherwise
}
)";

TEST_CASE("listener: funnel lines up to the stage, or every line for why-not; memoized nodes again") {
  const auto policy = load(policy_text);
  eval::Evaluator ev(*policy);
  const RecordValue l = lead(*policy, {{"id", text("A")}, {"size", number(50)}, {"demo", Value(true)}});

  Tally up_to(false);
  eval::LeadOutcome traced;
  ev.evaluate(l, as_of, &up_to, traced);
  CHECK(up_to.lines == std::vector<std::string>{"0:false", "1:false", "2:true"});
  CHECK(up_to.decided == 2);
  CHECK(up_to.opened[eval::TraceKind::icp] == 1);         // computed once...
  CHECK(up_to.opened[eval::TraceKind::icp_clause] == 2);  // ...with both clauses
  CHECK(up_to.opened[eval::TraceKind::score_rule] == 2);
  CHECK(up_to.agains >= 1);  // `fit` again in the output's icps, `big` in the score
  CHECK(up_to.reads > 0);
  CHECK(traced.trace == nullptr);  // a listener of its own: no explain trace is built

  Tally every(true);
  eval::LeadOutcome all_lines;
  ev.evaluate(l, as_of, &every, all_lines);
  CHECK(every.lines == std::vector<std::string>{"0:false", "1:false", "2:true", "3:true"});
  CHECK(every.decided == 2);  // the stage is still the first true line

  eval::LeadOutcome fast;
  ev.evaluate(l, as_of, nullptr, fast);
  for (const eval::LeadOutcome* out : {&traced, &all_lines}) {
    CHECK(out->funnel_line == fast.funnel_line);
    CHECK(out->scores == fast.scores);
    CHECK(show(out->icps.at(0)) == show(fast.icps.at(0)));
  }
}

TEST_CASE("listener: the explain level's trace is the TraceBuilder's, once per evaluation") {
  const auto policy = load(policy_text);
  eval::Evaluator ev(*policy);
  const RecordValue l = lead(*policy, {{"id", text("B")}, {"size", number(2)}, {"demo", Value(false)}});
  eval::LeadOutcome out;
  ev.evaluate(l, as_of, eval::ExplainLevel::compact, out);
  REQUIRE(out.trace != nullptr);
  CHECK(out.trace->chosen_line == 0);
  CHECK(out.trace->lines.size() == 1);  // `out` decided: the lines after it are not tried
  ev.evaluate(l, as_of, eval::ExplainLevel::none, out);
  CHECK(out.trace == nullptr);
}

}  // namespace
}  // namespace qpl::eval_test

namespace qpl::eval_test {
namespace {

TEST_CASE("listener: a trace built in the previous lead's recycled trace is that of a fresh one") {
  // --explain builds each lead's trace in the nodes of the one before (their buffers kept): a
  // bigger trace first, then a smaller one, must give exactly what a new evaluator gives.
  const auto policy = load(policy_text);
  const RecordValue big = lead(*policy, {{"id", text("A")}, {"size", number(2000)}, {"demo", Value(true)}});
  const RecordValue small = lead(*policy, {{"id", text("B")}, {"size", number(2)}});
  eval::Evaluator reused(*policy);
  eval::LeadOutcome out;
  reused.evaluate(big, as_of, eval::ExplainLevel::full, out);
  const std::size_t big_nodes = out.trace->nodes.size();
  reused.evaluate(small, as_of, eval::ExplainLevel::full, out);

  eval::Evaluator fresh(*policy);
  eval::LeadOutcome expected;
  fresh.evaluate(small, as_of, eval::ExplainLevel::full, expected);
  REQUIRE(out.trace->nodes.size() < big_nodes);
  CHECK(present::explain_text(*out.trace, *policy, false) ==
        present::explain_text(*expected.trace, *policy, false));
  std::string json, expected_json;
  present::render_explain(*policy, *out.trace, present::AnnotationStyle::json, true, json);
  present::render_explain(*policy, *expected.trace, present::AnnotationStyle::json, true, expected_json);
  CHECK(json == expected_json);
  CHECK(out.trace->others == expected.trace->others);
  CHECK_FALSE(out.trace->others.empty());
}

}  // namespace
}  // namespace qpl::eval_test
