// Every lint code: a policy that triggers it and a near-identical one that does not.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "lint/codes.hpp"
#include "lint/run.hpp"
#include "present/render.hpp"

namespace {

using qpl::lint::lint_text;

const std::string schema = R"(
fields {
  id: text
  size: number
  clicks: number
  budget: number?
  seniority: one of ("ic", "manager", "vp")
  job: text
  events: list of event
}
record event {
  type: text
  day: date
}
)";

// The codes of every diagnostic for schema + body; the policy must load without errors.
std::vector<std::string> codes(const std::string& body) {
  auto run = lint_text("test.qpl", schema + body);
  std::vector<std::string> out;
  for (const auto& d : run.diagnostics.items()) {
    if (d.severity == qpl::Severity::error) {
      FAIL_CHECK("unexpected error " << d.code << ": " << d.message << "\n" << body);
    }
    out.push_back(d.code);
  }
  return out;
}

bool reports(const std::string& body, const std::string& code) {
  const auto c = codes(body);
  return std::find(c.begin(), c.end(), code) != c.end();
}

// A funnel that reads every field, so only the case under test shows.
const std::string reads_all =
    "  other when size > 1 and clicks > 1 and budget > 1 and seniority = \"ic\" and "
    "job contains \"x\" and any(events where type = \"x\" and day within 3 days)\n";

std::string funnel(const std::string& lines) {
  return "funnel {\n" + lines + reads_all + "  prospect otherwise\n}\n";
}

}  // namespace

TEST_CASE("a policy that uses everything it declares lints clean") {
  CHECK(codes(funnel("")).empty());
}

TEST_CASE("QPL401 unused let") {
  CHECK(reports("let big = size > 500\n" + funnel(""), "QPL401"));
  CHECK_FALSE(reports("let big = size > 500\n" + funnel("  a when big\n"), "QPL401"));
}

TEST_CASE("QPL402 unused score") {
  const std::string score = "score s { +5 when clicks > 3 }\n";
  CHECK(reports(score + funnel(""), "QPL402"));
  CHECK_FALSE(reports(score + funnel("  a when s > 3\n"), "QPL402"));
}

TEST_CASE("QPL403 unused icp") {
  const std::string icp = "icp fit { require size > 50 }\n";
  CHECK(reports(icp + funnel(""), "QPL403"));
  CHECK_FALSE(reports(icp + funnel("  a when fit\n"), "QPL403"));
}

TEST_CASE("QPL404 unused gates group, QPL405 unused check") {
  const std::string gates = "gates g {\n  one when size > 5\n  two when clicks > 5\n}\n";
  CHECK(reports(gates + funnel(""), "QPL404"));
  CHECK_FALSE(reports(gates + funnel("  a when all of g\n"), "QPL404"));
  CHECK(reports(gates + funnel("  a when g.one\n"), "QPL405"));
  CHECK_FALSE(reports(gates + funnel("  a when g.one and g.two\n"), "QPL405"));
}

TEST_CASE("QPL406 unused field; `id` counts as used") {
  const std::string extra = R"(
fields {
  id: text
  size: number
  note: text?
}
)";
  auto run = lint_text("t.qpl", extra + "funnel {\n  a when size > 3\n  b otherwise\n}\n");
  std::vector<std::string> found;
  for (const auto& d : run.diagnostics.items()) found.push_back(d.code + " " + d.message);
  REQUIRE(found.size() == 1);
  CHECK(found[0] == "QPL406 field 'note' is never read by any rule");
  auto required = lint_text("t.qpl", "fields {\n  id: text\n  size: number\n  note: text\n}\n"
                                     "funnel {\n  a when size > 3\n  b otherwise\n}\n");
  REQUIRE(required.diagnostics.size() == 1);
  CHECK(required.diagnostics.items()[0].code == "QPL408");
  auto used = lint_text("t.qpl", extra + "funnel {\n  a when size > 3 and note is present\n  b otherwise\n}\n");
  CHECK(used.diagnostics.empty());
}

TEST_CASE("QPL407 unused record") {
  CHECK(reports("record spare { x: number }\n" + funnel(""), "QPL407"));
  CHECK_FALSE(reports(funnel(""), "QPL407"));
}

TEST_CASE("QPL410 funnel line after an always-true line") {
  CHECK(reports(funnel("  a when true\n  b when size > 5\n"), "QPL410"));
  CHECK(reports(funnel("  a when size >= 0 or true\n  b when size > 5\n"), "QPL410"));
  CHECK_FALSE(reports(funnel("  a when size > 10\n  b when size > 5\n"), "QPL410"));
}

TEST_CASE("QPL411 funnel line repeating an earlier condition, compared as trees") {
  CHECK(reports(funnel("  a when size>5 and clicks>2\n  b when (size > 5) and clicks > 2  # again\n"),
                "QPL411"));
  CHECK_FALSE(reports(funnel("  a when size > 5 and clicks > 2\n  b when size > 5 and clicks > 3\n"),
                      "QPL411"));
}

TEST_CASE("QPL412 stage that no line can give") {
  CHECK(reports(funnel("  a when size > 5\n  b when size > 5\n"), "QPL412"));
  CHECK_FALSE(reports(funnel("  a when size > 5\n  b when size > 4\n"), "QPL412"));
  // A line implied by an earlier one (QPL413) gives nothing either.
  CHECK(reports(funnel("  a when size > 5\n  b when size > 6\n"), "QPL412"));
}

TEST_CASE("QPL413 funnel line whose condition implies an earlier line's") {
  const std::string gates =
      "gates bant {\n  budget when budget >= 10_000\n  authority when seniority = \"vp\"\n"
      "  need when clicks > 3\n}\nicp fit { require size > 10 }\n"
      "score engagement from 0 to 100 { +5 per clicks up to 100 }\n"
      "let is_mql = fit and engagement >= 50\n";
  auto implied = [&](const std::string& lines) { return reports(gates + funnel(lines), "QPL413"); };
  // The three funnels of issue 20: a let expanded, a negation, commuted operands.
  CHECK(implied("  mql when is_mql\n  nurture when is_mql and not (at least 3 of bant)\n"));
  CHECK(implied("  disqualified when not fit\n  nurture when clicks > 1 and not fit\n"));
  CHECK(implied("  sql when clicks > 1 and fit\n  sql when fit and clicks > 1\n"));
  CHECK(implied("  mql when fit\n  nurture when engagement >= 50 and is_mql\n"));  // through the let
  // k of n: 3 of bant implies 2 of bant; `all of` is `at least 3 of` here, `any of` is 1.
  CHECK(implied("  a when at least 2 of bant\n  b when at least 3 of bant\n"));
  CHECK(implied("  a when at least 2 of bant\n  b when all of bant\n"));
  CHECK(implied("  a when any of bant\n  b when at least 1 of bant and size > 3\n"));
  // Ranges against literals, either side, `not` of a comparison, `between`, `or` on either side.
  CHECK(implied("  a when engagement >= 50\n  b when engagement >= 60\n"));
  CHECK(implied("  a when engagement > 50\n  b when 60 <= engagement\n"));
  CHECK(implied("  a when engagement > 40\n  b when not (engagement <= 45)\n"));
  CHECK(implied("  a when engagement between 10 and 90\n  b when engagement = 20\n"));
  CHECK(implied("  a when size > 5 or clicks > 5\n  b when clicks > 7\n"));
  CHECK(implied("  a when size > 5\n  b when size > 9 or size = 7\n"));

  // Sound under three-valued logic: never when the later line can be true alone.
  CHECK_FALSE(implied("  a when at least 3 of bant\n  b when at least 2 of bant\n"));
  CHECK_FALSE(implied("  a when engagement >= 60\n  b when engagement >= 50\n"));
  CHECK_FALSE(implied("  a when engagement > 50\n  b when engagement >= 50\n"));
  CHECK_FALSE(implied("  a when fit and clicks > 1\n  b when fit\n"));
  CHECK_FALSE(implied("  a when size > 5\n  b when size > 5 or clicks > 5\n"));
  CHECK_FALSE(implied("  a when not (engagement >= 60)\n  b when engagement < 50 or budget > 3\n"));
  // `not (budget >= 1)` is unknown, not true, for a lead without a budget: `budget is missing`
  // does not imply it, and no negation is turned around.
  CHECK_FALSE(implied("  a when not (budget >= 1)\n  b when budget is missing\n"));
  CHECK_FALSE(implied("  a when not (at least 3 of bant)\n  b when none of bant\n"));
  CHECK_FALSE(implied("  a when budget is present\n  b when not (budget > 5)\n"));
}

TEST_CASE("QPL420 / QPL421 score comparisons from static bounds") {
  const std::string score =
      "score engagement from 0 to 100 {\n  +10 when clicks > 3\n  +20 when size > 5\n"
      "  +5 per clicks up to 20\n  -15 when job contains \"student\"\n}\n";
  // at most 10 + 20 + 20 = 50, at least 0 (the clamp)
  CHECK(reports(score + funnel("  a when engagement > 50\n"), "QPL420"));
  CHECK_FALSE(reports(score + funnel("  a when engagement >= 50\n"), "QPL420"));
  CHECK(reports(score + funnel("  a when engagement >= 0\n"), "QPL421"));
  CHECK_FALSE(reports(score + funnel("  a when engagement >= 1\n"), "QPL421"));
  // `per` without `up to` on an unbounded value: no upper bound
  const std::string open = "score e2 { +5 per clicks }\n";
  CHECK_FALSE(reports(open + funnel("  a when e2 > 1000\n"), "QPL420"));
  // `per` on a bounded value: count(...) of a literal list would be bounded; a plain count is not
  const std::string counted = "score e3 from 0 to 30 { +5 per count(events) }\n";
  CHECK(reports(counted + funnel("  a when e3 > 30\n"), "QPL420"));
}

TEST_CASE("QPL422 conditions that are never true") {
  CHECK(reports(funnel("  a when size > 500 and size < 100\n"), "QPL422"));
  CHECK_FALSE(reports(funnel("  a when size > 100 and size < 500\n"), "QPL422"));
  CHECK(reports(funnel("  a when size between 5000 and 50\n"), "QPL422"));
  CHECK_FALSE(reports(funnel("  a when size between 50 and 5000\n"), "QPL422"));
  CHECK(reports("let odd = [\"cxo\"]\n" + funnel("  a when seniority in odd\n"), "QPL422"));
  CHECK_FALSE(reports("let some = [\"vp\"]\n" + funnel("  a when seniority in some\n"), "QPL422"));
  const std::string gates = "gates g {\n  a when size > 1\n  b when size > 2\n  c when size > 3\n"
                            "  d when size > 4\n}\n";
  CHECK(reports(gates + funnel("  a when at least 5 of g\n"), "QPL422"));
  CHECK_FALSE(reports(gates + funnel("  a when at least 4 of g\n"), "QPL422"));
  CHECK(reports(funnel("  a when size > 3 and \"a\" = \"b\"\n"), "QPL422"));
  CHECK_FALSE(reports(funnel("  a when size > 3 and job = \"b\"\n"), "QPL422"));
}

TEST_CASE("QPL423 conditions that are always true") {
  CHECK(reports(funnel("  a when seniority in [\"ic\", \"manager\", \"vp\"] and size > 3\n"), "QPL423"));
  CHECK_FALSE(reports(funnel("  a when seniority in [\"ic\", \"vp\"] and size > 3\n"), "QPL423"));
  CHECK(reports(funnel("  a when 1 < 2 and size > 3\n"), "QPL423"));
  CHECK_FALSE(reports(funnel("  a when clicks < 2 and size > 3\n"), "QPL423"));
  // an optional field can be unknown, so covering its values is not "always true"
  CHECK_FALSE(reports(funnel("  a when budget between 0 and 10 and budget = budget\n"), "QPL423"));
}

TEST_CASE("QPL430 duplicate score rule") {
  CHECK(reports("score s {\n  +10 when size > 5\n  +10 when size>5 as \"again\"\n}\n" +
                    funnel("  a when s > 3\n"), "QPL430"));
  CHECK_FALSE(reports("score s {\n  +10 when size > 5\n  +5 when size > 5\n}\n" +
                          funnel("  a when s > 3\n"), "QPL430"));
}

TEST_CASE("QPL431 duplicate gate condition") {
  CHECK(reports("gates g {\n  a when size > 5\n  b when size > 5\n}\n" + funnel("  x when all of g\n"),
                "QPL431"));
  CHECK_FALSE(reports("gates g {\n  a when size > 5\n  b when size > 6\n}\n" +
                          funnel("  x when all of g\n"), "QPL431"));
}

TEST_CASE("QPL432 where shadowing a lead field") {
  const std::string records = R"(
fields {
  id: text
  size: number
  events: list of event
}
record event {
  size: number
  weight: number
}
)";
  auto shadow = lint_text("t.qpl", records + "funnel {\n  a when size > 2 and count(events where size > 3) > 1\n  b otherwise\n}\n");
  auto plain = lint_text("t.qpl", records + "funnel {\n  a when size > 2 and count(events where weight > 3) > 1\n  b otherwise\n}\n");
  auto has = [](const qpl::Diagnostics& d, const char* code) {
    return std::any_of(d.items().begin(), d.items().end(), [&](const auto& x) { return x.code == code; });
  };
  CHECK(has(shadow.diagnostics, "QPL432"));
  CHECK_FALSE(has(plain.diagnostics, "QPL432"));
}

TEST_CASE("QPL440 division by a literal zero") {
  CHECK(reports(funnel("  a when size / 0 > 1\n"), "QPL440"));
  CHECK_FALSE(reports(funnel("  a when size / 2 > 1\n"), "QPL440"));
}

TEST_CASE("QPL500 optional field read in an icp clause without missing-handling") {
  const auto with = [](const std::string& cond) {
    return "icp fit {\n  require " + cond + "\n}\n" + funnel("  a when fit\n");
  };
  CHECK(reports(with("budget >= 10_000"), "QPL500"));
  CHECK_FALSE(reports(with("budget is missing or budget >= 10_000"), "QPL500"));
  CHECK_FALSE(reports(with("(budget otherwise 0) >= 10_000"), "QPL500"));
  CHECK_FALSE(reports(with("size >= 10_000"), "QPL500"));
  // Never true (QPL422) whatever budget is, missing included (R23): no "may be missing" advice.
  CHECK(reports(with("budget between 5 and 3"), "QPL422"));
  CHECK_FALSE(reports(with("budget between 5 and 3"), "QPL500"));
}

TEST_CASE("QPL500 is not said on gates checks: an unknown BANT check means not asked yet") {
  const std::string gates = "gates bant {\n  budget when budget >= 10_000\n}\n";
  CHECK_FALSE(reports(gates + funnel("  a when all of bant\n"), "QPL500"));
}

TEST_CASE("QPL501 matches without pattern syntax") {
  CHECK(reports(funnel("  a when job matches \"student\"\n"), "QPL501"));
  CHECK_FALSE(reports(funnel("  a when job matches \"^student\"\n"), "QPL501"));
}

TEST_CASE("every lint code's warning has a one-line message, a span and a known code") {
  auto run = lint_text("t.qpl", schema + "let unused = 1\nscore s { +1 when size > 5\n +1 when size > 5 }\n" +
                                    funnel("  a when s > 10\n  b when size / 0 > 1\n"));
  REQUIRE_FALSE(run.diagnostics.empty());
  for (const auto& d : run.diagnostics.items()) {
    CHECK(qpl::lint::find_code(d.code) != nullptr);
    CHECK(d.message.find('\n') == std::string::npos);
    CHECK(d.span.end >= d.span.begin);
    CHECK(d.message.back() != '.');
  }
}
