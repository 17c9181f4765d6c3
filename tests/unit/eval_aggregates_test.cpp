// sum / avg / min / max (VALUE of LIST where COND): values computed by hand, and the Kleene
// cases of language.md's "Aggregates". Today is 2026-11-01.
#include "eval_support.hpp"

namespace qpl::eval_test {
namespace {

const char* const schema = R"(
fields {
  n: number?
  events: list of event?
}
record event {
  type: text
  day: date?
  points: number?
}
)";

Value ev(const char* type, Value day, Value points) {
  return record({text(type), std::move(day), std::move(points)});
}

std::string eval_text(const char* expr, const Fields& fields) {
  const auto policy = load(std::string(schema) + "let x = " + expr + "\n");
  eval::Evaluator evaluator(*policy);
  return show(evaluator.evaluate_expression(*let_decl(*policy, "x").value, lead(*policy, fields), as_of));
}

const Value events = list({ev("webinar", date(2026, 10, 2), number(10)),
                           ev("webinar", date(2026, 10, 20), number(4.5)),
                           ev("pricing_view", date(2026, 10, 25), number(-3))});

TEST_CASE("aggregates: values over the selected elements") {
  const Fields f{{"events", events}};
  CHECK(eval_text("sum(points of events)", f) == "11.5");
  CHECK(eval_text("sum(points of events where type = \"webinar\")", f) == "14.5");
  CHECK(eval_text("avg(points of events where type = \"webinar\")", f) == "7.25");
  CHECK(eval_text("min(points of events)", f) == "-3");
  CHECK(eval_text("max(points of events)", f) == "10");
  CHECK(eval_text("max(day of events where type = \"webinar\")", f) == "2026-10-20");
  CHECK(eval_text("min(day of events)", f) == "2026-10-02");
  CHECK(eval_text("sum(points * 2 of events where points > 0)", f) == "29");
  // The element's fields first, then the lead's.
  CHECK(eval_text("sum(points + n of events)", {{"events", events}, {"n", number(1)}}) == "14.5");
  // sum(1 of l where c) is count(l where c).
  CHECK(eval_text("sum(1 of events where type = \"webinar\")", f) == "2");
  // Two-argument min and max keep their meaning.
  CHECK(eval_text("min(3, 2)", f) == "2");
  CHECK(eval_text("max(sum(points of events), 20)", f) == "20");
}

TEST_CASE("aggregates: empty selection, missing list, unknown values") {
  const Fields f{{"events", events}};
  CHECK(eval_text("sum(points of events where type = \"demo\")", f) == "0");
  CHECK(eval_text("avg(points of events where type = \"demo\")", f) == "unknown");
  CHECK(eval_text("min(points of events where type = \"demo\")", f) == "unknown");
  CHECK(eval_text("max(day of events where type = \"demo\")", f) == "unknown");
  CHECK(eval_text("sum(points of events)", {{"events", list({})}}) == "0");
  CHECK(eval_text("max(points of events) otherwise 0", {{"events", list({})}}) == "0");
  // A missing list: unknown, also for sum.
  CHECK(eval_text("sum(points of events)", {}) == "unknown");
  CHECK(eval_text("avg(points of events)", {}) == "unknown");

  // An unknown value on a selected element makes the result unknown, never an undercount.
  const Fields g{{"events", list({ev("webinar", date(2026, 10, 2), number(10)),
                                  ev("webinar", unknown(), unknown())})}};
  CHECK(eval_text("sum(points of events)", g) == "unknown");
  CHECK(eval_text("avg(points of events)", g) == "unknown");
  CHECK(eval_text("max(points of events)", g) == "unknown");
  CHECK(eval_text("min(day of events)", g) == "unknown");
  CHECK(eval_text("sum(points otherwise 0 of events)", g) == "10");
  // ... unless the element is not selected; an unknown condition leaves the element out, as
  // for count.
  CHECK(eval_text("sum(points of events where day is present)", g) == "10");
  CHECK(eval_text("sum(points of events where day > 2026-10-01)", g) == "10");
  CHECK(eval_text("count(events where day > 2026-10-01)", g) == "1");
}

TEST_CASE("aggregates: a sum that overflows is unknown") {
  const Fields f{{"events", list({ev("a", unknown(), number(1.5e308)), ev("b", unknown(), number(1.5e308))})}};
  CHECK(eval_text("sum(points of events)", f) == "unknown");
  CHECK(eval_text("avg(points of events)", f) == "unknown");
  CHECK(eval_text("max(points of events) is present", f) == "true");
}

}  // namespace
}  // namespace qpl::eval_test
