// The evaluator's depth guard (max_evaluation_depth): the checker keeps checked policies below
// it, and an expression that still reaches it gives no answer, never a silent unknown.
#include <doctest/doctest.h>

#include <memory>
#include <string>

#include "eval/evaluator.hpp"
#include "eval/trace.hpp"
#include "eval_support.hpp"
#include "model/ast.hpp"
#include "model/eval_limits.hpp"

namespace {

using namespace qpl;
using namespace qpl::eval_test;

// `- - - ... 1` with `levels` expression levels, built by hand: the parser would refuse it.
std::unique_ptr<Expr> minus_chain(std::size_t levels) {
  auto e = std::make_unique<Expr>();
  e->kind = NumberLit{1};
  for (std::size_t i = 1; i < levels; ++i) {
    auto outer = std::make_unique<Expr>();
    outer->kind = Unary{UnaryOp::negate, std::move(e)};
    e = std::move(outer);
  }
  return e;
}

}  // namespace

TEST_CASE("an expression at the evaluation depth limit evaluates; one level more has no answer") {
  const auto policy = load("fields {\n  employees: number\n}\n");
  eval::Evaluator evaluator(*policy);
  const RecordValue lead = eval_test::lead(*policy, {});

  const auto at_limit = minus_chain(max_evaluation_depth);
  const Value v = evaluator.evaluate_expression(*at_limit, lead, as_of);
  CHECK_FALSE(evaluator.stopped_too_deep());
  CHECK(std::get<double>(v.data) == -1);  // 3999 minus signs

  const auto over = minus_chain(max_evaluation_depth + 1);
  evaluator.evaluate_expression(*over, lead, as_of);
  CHECK(evaluator.stopped_too_deep());
  CHECK(eval::Evaluator::too_deep_message().find("4000 levels deep") != std::string::npos);

  // The flag belongs to one evaluation.
  evaluator.evaluate_expression(*at_limit, lead, as_of);
  CHECK_FALSE(evaluator.stopped_too_deep());
}

TEST_CASE("a policy the checker accepts at exactly the limit evaluates every lead") {
  // a_k is read 2k - 1 levels below its name: the funnel line `a1999 + 0 > 0` takes 4000 levels.
  std::string text = "fields {\n  employees: number\n}\nlet a1 = employees\n";
  for (int k = 2; k <= 1999; ++k)
    text += "let a" + std::to_string(k) + " = a" + std::to_string(k - 1) + " + 1\n";
  text += "funnel {\n  big when a1999 + 0 > 2000\n  small otherwise\n}\n";
  const auto policy = load(text);
  eval::Evaluator evaluator(*policy);
  eval::LeadOutcome outcome;
  const RecordValue lead_record = eval_test::lead(*policy, {{"employees", Value(5.0)}});
  evaluator.evaluate(lead_record, as_of,
                     eval::ExplainLevel::none, outcome);
  CHECK_FALSE(outcome.too_deep);
  CHECK(outcome.funnel_line == 0);  // 5 + 1998 = 2003
}
