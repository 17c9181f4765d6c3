// The test runner on the golden policies of tests/golden/test_runner (their whole rendered output
// is compared by tests/e2e/run.sh through the binary): which cases pass and fail, and what the
// coverage made of each decision. Unknown is neither true nor false, for coverage too.
#include <doctest/doctest.h>

#include <string>

#include "../support/golden.hpp"
#include "runner/run.hpp"
#include "sema/load.hpp"
#include "support/date.hpp"

namespace {

namespace fs = std::filesystem;

fs::path golden_dir() { return qpl::testing::tests_dir() / "golden" / "test_runner"; }

qpl::runner::TestReport run_golden(const std::string& file, bool coverage) {
  const fs::path path = golden_dir() / file;
  auto loaded = qpl::sema::load_policy(path.string());
  REQUIRE(loaded.ok());
  qpl::runner::TestRunOptions options;
  options.default_today = qpl::days_from_civil(2026, 11, 1);
  options.coverage = coverage;
  return qpl::runner::run_tests(*loaded.policy, options);
}

const qpl::runner::CoverageItem& item_labelled(const qpl::runner::TestReport& report, const std::string& label) {
  for (const auto& item : report.coverage)
    if (item.label == label) return item;
  FAIL("no coverage item '" << label << "'");
  return report.coverage.front();
}

}  // namespace

TEST_CASE("failures.qpl: two tests pass, a wrong expectation, unknown vs false and a bad lead fail") {
  const auto report = run_golden("failures.qpl", false);
  REQUIRE(report.cases.size() == 5);
  CHECK(report.passed() == 2);
  CHECK(report.failed() == 3);
  REQUIRE(report.cases[2].failures.size() == 2);  // `expect fit = false` holds
  CHECK(report.cases[2].failures[1].expected == "25.5");
  CHECK(report.cases[2].failures[1].actual == "25");
  CHECK_FALSE(report.cases[2].explain.empty());
  REQUIRE(report.cases[3].failures.size() == 1);
  CHECK(report.cases[3].failures[0].actual == "unknown");
  REQUIRE(report.cases[4].lead_error);
  CHECK(report.cases[4].lead_error->find("size") != std::string::npos);
}

TEST_CASE("table.qpl: one case per row, a wrong row and an unreadable row fail") {
  const auto report = run_golden("table.qpl", false);
  REQUIRE(report.cases.size() == 4);
  CHECK(report.cases[0].passed);
  CHECK_FALSE(report.cases[1].passed);
  CHECK(report.cases[1].name == "rows [R-2]");
  CHECK_FALSE(report.cases[2].passed);
  REQUIRE(report.cases[2].lead_error);
  CHECK(report.cases[3].passed);
}

TEST_CASE("coverage.qpl: a check the tests only left unknown was never made false") {
  const auto report = run_golden("coverage.qpl", true);
  REQUIRE(report.coverage.size() == 10);
  // budget is missing in both tests: the gate and the score rule on it are only ever unknown
  const auto& gate = item_labelled(report, "gates bant: budget when budget >= 5_000");
  CHECK_FALSE(gate.seen_true);
  CHECK_FALSE(gate.seen_false);
  CHECK(gate.seen_unknown);
  const auto& rule = item_labelled(report, "score interest: -5  when budget < 1_000");
  CHECK_FALSE(rule.seen_false);
  CHECK(rule.seen_unknown);
  // a funnel line after the deciding one is not reached at all
  const auto& otherwise = item_labelled(report, "funnel: lead otherwise");
  CHECK_FALSE(otherwise.seen_true);
  CHECK_FALSE(otherwise.seen_unknown);
  CHECK(item_labelled(report, "icp fit: require size >= 10").covered());
}

TEST_CASE("because.qpl: expect because names the funnel line that fired (issue 20)") {
  const auto report = run_golden("because.qpl", false);
  REQUIRE(report.cases.size() == 6);
  CHECK(report.cases[0].passed);  // two sql lines: the demo one fired
  CHECK(report.cases[1].passed);  // an unlabelled line: its condition as written
  REQUIRE(report.cases[2].failures.size() == 1);  // the stage holds, the line does not
  CHECK(report.cases[2].failures[0].expected == "\"SQL without MQL: demo request\"");
  CHECK(report.cases[2].failures[0].actual == "\"big and asked for a demo\"");
  CHECK(report.cases[3].passed);  // expected_because column
  CHECK(report.cases[4].passed);
  CHECK_FALSE(report.cases[5].passed);
}

TEST_CASE("coverage counts a score rule by its when, also when its per is unknown") {
  // The coverage is a listener of the tests' own evaluations: a rule whose `when` held but whose
  // `per` was missing was made true by the test (it added nothing because of the per).
  auto loaded = qpl::sema::load_policy_text("per.qpl", R"(
fields {
  id:     text
  demo:   bool
  clicks: number?
}
score interest {
  +5 per clicks when demo
}
test "a demo without clicks" {
  as of 2026-11-01
  lead { id: "P-1", demo: true }
  expect interest = 0
}
)");
  REQUIRE(loaded.ok());
  qpl::runner::TestRunOptions options;
  options.coverage = true;
  const auto report = qpl::runner::run_tests(*loaded.policy, options);
  REQUIRE(report.failed() == 0);
  const auto& rule = item_labelled(report, "score interest: +5 per clicks when demo");
  CHECK(rule.seen_true);
  CHECK_FALSE(rule.seen_unknown);
}
