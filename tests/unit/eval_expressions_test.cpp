// Every expression form of QPL and its Kleene cases (R10-R34), as a table: an expression, a lead,
// the expected value. Today is 2026-11-01.
#include "eval_support.hpp"

namespace qpl::eval_test {
namespace {

const char* const schema = R"(
fields {
  n: number?
  m: number?
  t: text?
  u: text?
  b: bool?
  c: bool?
  d: date?
  e: date?
  s: one of ("ic", "vp")?
  tags: list of text?
  flags: list of bool?
  events: list of event?
}
record event {
  type: text
  day: date
  weight: number?
  items: list of item?
}
record item { sku: text }
)";

struct Case {
  const char* expr;
  Fields fields;
  const char* expected;
};

void check(const std::vector<Case>& cases) {
  for (const auto& c : cases) {
    const auto policy = load(std::string(schema) + "let x = " + c.expr + "\n");
    eval::Evaluator evaluator(*policy);
    const auto value =
        evaluator.evaluate_expression(*let_decl(*policy, "x").value, lead(*policy, c.fields), as_of);
    CHECK_MESSAGE(show(value) == c.expected, c.expr);
  }
}

TEST_CASE("Kleene and, or, not") {
  check({
      {"b and c", {{"b", Value(false)}}, "false"},
      {"c and b", {{"b", Value(false)}}, "false"},
      {"b and c", {{"b", Value(true)}}, "unknown"},
      {"b and c", {{"b", Value(true)}, {"c", Value(true)}}, "true"},
      {"b or c", {{"b", Value(true)}}, "true"},
      {"c or b", {{"b", Value(true)}}, "true"},
      {"b or c", {{"b", Value(false)}}, "unknown"},
      {"b or c", {{"b", Value(false)}, {"c", Value(false)}}, "false"},
      {"not b", {}, "unknown"},
      {"not b", {{"b", Value(true)}}, "false"},
  });
}

TEST_CASE("comparisons: numbers, text by code point, dates, bools, unknown [R10, R21]") {
  check({
      {"n > 3", {}, "unknown"},
      {"n > 3", {{"n", number(5)}}, "true"},
      {"n <= 3", {{"n", number(3)}}, "true"},
      {"n != m", {{"n", number(1)}}, "unknown"},
      {"0.1 + 0.2 = 0.3", {}, "false"},
      {"-0 = 0", {}, "true"},
      {"\"Z\" < \"a\"", {}, "true"},
      {"\"é\" > \"z\"", {}, "true"},
      {"t = \"saas\"", {{"t", text("SaaS")}}, "false"},
      {"s = \"vp\"", {{"s", text("vp")}}, "true"},
      {"s = t", {{"s", text("vp")}, {"t", text("vp")}}, "true"},
      {"d = 2026-11-01", {{"d", date(2026, 11, 1)}}, "true"},
      {"d < e", {{"d", date(2026, 1, 1)}, {"e", date(2026, 1, 2)}}, "true"},
      {"b = c", {{"b", Value(false)}, {"c", Value(false)}}, "true"},
      {"b != true", {}, "unknown"},
  });
}

TEST_CASE("arithmetic and runtime faults [R13, R19, R20]") {
  check({
      {"n + 1", {}, "unknown"},
      {"n * 2 - 1", {{"n", number(3)}}, "5"},
      {"n / 0", {{"n", number(1)}}, "unknown"},
      {"(n / 0) is missing", {{"n", number(1)}}, "true"},
      {"(n % 0) is missing", {{"n", number(1)}}, "true"},
      {"(0 / 0) is missing", {}, "true"},
      {"(n * n) is missing", {{"n", number(1e300)}}, "true"},
      {"-7 % 3", {}, "-1"},
      {"10.5 % -4", {}, "2.5"},
      {"-n", {{"n", number(2)}}, "-2"},
      {"d - e", {{"d", date(2026, 11, 1)}, {"e", date(2026, 10, 1)}}, "31"},
      {"d + 30 days", {{"d", date(2026, 11, 1)}}, "2026-12-01"},
      {"d - 2 weeks", {{"d", date(2026, 11, 1)}}, "2026-10-18"},
      {"30 days + d", {{"d", date(2026, 11, 1)}}, "2026-12-01"},
      {"today - 1 days - 2 weeks", {}, "2026-10-17"},
      {"(d + 30 days) is missing", {{"d", date(9999, 12, 20)}}, "true"},
      {"(d - 1 days) is missing", {{"d", date(1, 1, 1)}}, "true"},
      {"d + 1 days", {}, "unknown"},
  });
}

TEST_CASE("in and not in [R22]") {
  check({
      {"t in []", {}, "false"},
      {"t not in []", {}, "true"},
      {"t in [\"a\", \"b\"]", {}, "unknown"},
      {"t in [\"a\", \"b\"]", {{"t", text("b")}}, "true"},
      {"t in [\"a\", u]", {{"t", text("a")}}, "true"},
      {"t in [u, \"a\"]", {{"t", text("a")}}, "true"},
      {"t in [u, \"a\"]", {{"t", text("z")}}, "unknown"},
      {"t in [\"a\", \"b\"]", {{"t", text("B")}}, "false"},
      {"t in [\"a\", u]", {{"t", text("z")}}, "unknown"},
      {"t not in [\"a\", u]", {{"t", text("z")}}, "unknown"},
      {"t in tags", {{"t", text("a")}}, "unknown"},
      {"t in tags", {{"t", text("a")}, {"tags", list({text("b")})}}, "false"},
      {"t not in tags", {{"t", text("a")}, {"tags", list({text("a")})}}, "false"},
      {"s in [\"ic\", \"vp\"]", {{"s", text("ic")}}, "true"},
      {"n in [1, 2]", {{"n", number(2)}}, "true"},
  });
}

// lower(), upper() and trim() keep one buffer per call from lead to lead: a value must never
// show what an earlier, longer one left there, nor what another call of the same lead wrote.
TEST_CASE("text functions give each lead its own value with one evaluator") {
  const auto policy = load(std::string(schema) +
                           "let x = [lower(t), upper(u), trim(t), lower(u)]\n"
                           "let y = lower(t) = lower(u)\n"
                           "let z = count(events where lower(type) = \"call\")\n");
  eval::Evaluator evaluator(*policy);
  const auto eval_let = [&](const char* name, const Fields& fields) {
    return show(evaluator.evaluate_expression(*let_decl(*policy, name).value,
                                              lead(*policy, fields), as_of));
  };
  CHECK(eval_let("x", {{"t", text(" A Long MIXED Case Text ")}, {"u", text("Ünïcödé ÉTÉ")}}) ==
        "[\" a long mixed case text \", \"ÜNÏCÖDÉ ÉTÉ\", \"A Long MIXED Case Text\", "
        "\"ünïcödé été\"]");
  CHECK(eval_let("x", {{"t", text("Ab")}, {"u", text("c")}}) == "[\"ab\", \"C\", \"Ab\", \"c\"]");
  CHECK(eval_let("x", {{"u", text("İ")}}) == "[unknown, \"İ\", unknown, \"i\"]");
  CHECK(eval_let("y", {{"t", text("GMAIL.com")}, {"u", text("gmail.COM")}}) == "true");
  CHECK(eval_let("y", {{"t", text("gmail.com")}, {"u", text("gmail.co")}}) == "false");
  const auto event = [](const char* type) {
    return record({text(type), date(2026, 10, 1), unknown(), unknown()});
  };
  CHECK(eval_let("z", {{"events", list({event("CALL"), event("Email"), event("call"),
                                         event("c")})}}) == "2");
}

TEST_CASE("between [R23]") {
  check({
      {"n between 1 and 10", {{"n", number(10)}}, "true"},
      {"n between 1 and 10", {{"n", number(1)}}, "true"},
      {"n between 1 and 10", {{"n", number(11)}}, "false"},
      {"n between 1 and 10", {}, "unknown"},
      {"5 between n and 3", {}, "false"},
      {"5 between n and 9", {}, "unknown"},
      {"n between 5 and 1", {{"n", number(3)}}, "false"},
      {"d between 2026-01-01 and today", {{"d", date(2026, 6, 1)}}, "true"},
      {"t between \"a\" and \"c\"", {{"t", text("b")}}, "true"},
      // "With a > b it is always false", an unknown x included.
      {"n between 5 and 3", {}, "false"},
      {"t between \"c\" and \"a\"", {}, "false"},
      {"d between today and 2026-01-01", {}, "false"},
      {"n between 3 and 3", {}, "unknown"},
  });
}

TEST_CASE("text operators and matches [R24, R32]") {
  check({
      {"t contains \"\"", {{"t", text("")}}, "true"},
      {"t contains \"aa\"", {{"t", text("baab")}}, "true"},
      {"t contains \"A\"", {{"t", text("a")}}, "false"},
      {"t contains \"a\"", {}, "unknown"},
      {"t starts with \"ab\"", {{"t", text("abc")}}, "true"},
      {"t ends with \"bc\"", {{"t", text("abc")}}, "true"},
      {"t ends with \"ab\"", {{"t", text("abc")}}, "false"},
      {"\"e\\u{301}\" = \"\\u{E9}\"", {}, "false"},
      {"t matches \"b\"", {{"t", text("abc")}}, "true"},
      {"t matches \"^b\"", {{"t", text("abc")}}, "false"},
      {"t matches \"^a.c$\"", {{"t", text("abc")}}, "true"},
      {"t matches \"^.$\"", {{"t", text("é")}}, "true"},
      {"t matches \"\\\\d+\"", {{"t", text("x42")}}, "true"},
      {"t matches \"a\"", {}, "unknown"},
  });
}

TEST_CASE("is missing, is present, otherwise never give unknown [R18]") {
  check({
      {"n is missing", {}, "true"},
      {"n is present", {}, "false"},
      {"n is present", {{"n", number(0)}}, "true"},
      {"(n > 3) is missing", {}, "true"},
      {"domain(t) is missing", {{"t", text("no-at-sign")}}, "true"},
      {"tags is missing", {}, "true"},
      {"n otherwise 7", {}, "7"},
      {"n otherwise 7", {{"n", number(3)}}, "3"},
      {"t otherwise u", {}, "unknown"},
      {"(n / 0) otherwise -1", {{"n", number(4)}}, "-1"},
  });
}

TEST_CASE("within and days_since [R31]") {
  check({
      {"d within 0 days", {{"d", date(2026, 11, 1)}}, "true"},
      {"d within 30 days", {{"d", date(2026, 11, 2)}}, "false"},
      {"d within 30 days", {{"d", date(2026, 10, 2)}}, "true"},
      {"d within 30 days", {{"d", date(2026, 10, 1)}}, "false"},
      {"d within 2 weeks", {{"d", date(2026, 10, 18)}}, "true"},
      {"d within 30 days", {}, "unknown"},
      {"days_since(d)", {{"d", date(2026, 11, 6)}}, "-5"},
      {"days_since(d)", {{"d", date(2026, 1, 1)}}, "304"},
      {"days_since(d)", {}, "unknown"},
      {"today", {}, "2026-11-01"},
  });
}

TEST_CASE("built-in functions [R25-R30]") {
  check({
      {"upper(\"straße\")", {}, "\"STRAßE\""},
      {"lower(\"İ\")", {}, "\"i\""},
      {"lower(\"ΟΔΟΣ\")", {}, "\"οδοσ\""},
      {"lower(t)", {}, "unknown"},
      {"length(\"Île-de-France\")", {}, "13"},
      {"length(\"e\\u{301}\")", {}, "2"},
      {"length(tags)", {{"tags", list({text("a"), text("b")})}}, "2"},
      {"length(tags)", {}, "unknown"},
      {"trim(\" \\u{A0}x\\t\")", {}, "\"x\""},
      {"length(trim(\"\\u{200B}x\"))", {}, "2"},
      {"domain(\"a@b@C.com\")", {}, "\"c.com\""},
      {"domain(\" Jo@Acme.IO \")", {}, "\"acme.io\""},
      {"domain(\"jo@\")", {}, "unknown"},
      {"domain(\"jo\")", {}, "unknown"},
      {"max(5, n)", {}, "unknown"},
      {"max(n, 5)", {}, "unknown"},
      {"min(3, 1, 2)", {}, "1"},
      {"max(3, 1, 2)", {}, "3"},
      {"max(7)", {}, "7"},
      {"min(d, 2020-01-01)", {{"d", date(2021, 1, 1)}}, "2020-01-01"},
      {"round(2.5)", {}, "3"},
      {"round(-2.5)", {}, "-3"},
      {"round(0.5)", {}, "1"},
      {"round(n)", {}, "unknown"},
      {"floor(-1.5)", {}, "-2"},
      {"ceil(1.2)", {}, "2"},
      {"abs(-3)", {}, "3"},
  });
}

TEST_CASE("count, any, all over lists [R33]") {
  const auto ev = [](const char* type, double day_of_month, Value weight) {
    return record({text(type), date(2026, 10, static_cast<unsigned>(day_of_month)), std::move(weight),
                   unknown()});
  };
  const Value events = list({ev("webinar", 20, number(2)), ev("pricing_view", 25, unknown()),
                             ev("pricing_view", 30, number(0))});
  check({
      {"count(events where type = \"webinar\")", {}, "unknown"},
      {"any(events where type = \"webinar\")", {}, "unknown"},
      {"all(events where type = \"webinar\")", {}, "unknown"},
      {"count(events)", {{"events", events}}, "3"},
      {"count(events where type = \"pricing_view\")", {{"events", events}}, "2"},
      {"count(events where weight > 1)", {{"events", events}}, "1"},
      {"count(events where weight > 1) is missing", {{"events", events}}, "false"},
      {"any(events where weight > 5)", {{"events", events}}, "unknown"},
      {"any(events where weight > 1)", {{"events", events}}, "true"},
      {"all(events where weight >= 0)", {{"events", events}}, "unknown"},
      {"all(events where weight > 0)", {{"events", events}}, "false"},
      {"any(events where type = \"x\")", {{"events", list({})}}, "false"},
      {"all(events where type = \"x\")", {{"events", list({})}}, "true"},
      {"count(events where day within 7 days)", {{"events", events}}, "2"},
      {"count(events where type = t)", {{"events", events}, {"t", text("webinar")}}, "1"},
      {"count(events where type = lead.t)", {{"events", events}, {"t", text("pricing_view")}}, "2"},
      {"any(flags)", {{"flags", list({Value(false), unknown()})}}, "unknown"},
      {"all(flags)", {{"flags", list({Value(false), unknown()})}}, "false"},
      {"any(flags)", {{"flags", list({Value(false), Value(true)})}}, "true"},
      {"count(flags)", {{"flags", list({Value(false), Value(true)})}}, "2"},
  });
}

TEST_CASE("nested where: enclosing element fields and lead fields") {
  const Value items = list({record({text("A")}), record({text("B")})});
  const Value events = list({record({text("webinar"), date(2026, 10, 1), number(1), items}),
                             record({text("B"), date(2026, 10, 2), number(1), items})});
  check({
      {"count(events where any(items where sku = type))", {{"events", events}}, "1"},
      {"count(events where any(items where sku = lead.t))", {{"events", events}, {"t", text("A")}},
       "2"},
  });
}

TEST_CASE("group tests: at least K of, all of, any of, none of [R34]") {
  check({
      {"at least 2 of (b, c, n > 1)", {{"b", Value(true)}}, "unknown"},
      {"at least 2 of (b, c, n > 1)", {{"b", Value(true)}, {"c", Value(true)}}, "true"},
      {"at least 2 of (b, c, n > 1)", {{"b", Value(false)}, {"c", Value(false)}}, "false"},
      {"at least 0 of (b)", {}, "true"},
      {"at least 3 of (b, c)", {{"b", Value(true)}, {"c", Value(true)}}, "false"},
      {"all of (b, c)", {{"b", Value(true)}}, "unknown"},
      {"all of (b, c)", {{"b", Value(false)}}, "false"},
      {"any of (b, c)", {{"b", Value(false)}}, "unknown"},
      {"any of (b, c)", {{"c", Value(true)}}, "true"},
      {"none of (b, c)", {{"b", Value(false)}}, "unknown"},
      {"none of (b, c)", {{"b", Value(false)}, {"c", Value(false)}}, "true"},
      {"none of (b, c)", {{"c", Value(true)}}, "false"},
  });
}

}  // namespace
}  // namespace qpl::eval_test
