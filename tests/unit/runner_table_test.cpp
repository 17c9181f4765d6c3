// Table-driven tests: one case per row, expectation columns parsed and checked, cells typed.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "runner/run.hpp"
#include "sema/load.hpp"
#include "tests/support/scratch_dir.hpp"

namespace {

namespace fs = std::filesystem;

constexpr const char* policy_text = R"(
fields {
  id: text
  size: number
  vip: bool?
}
let big = size >= 100
funnel {
  key      when big and vip
  big_one  when big
  small    otherwise
}
test "rows" {
  leads from "cases.csv"
  expect (size > 0) = true
}
)";

qpl::runner::TestReport run_with(const std::string& csv, bool coverage = false) {
  const qpl::testing::ScratchDir dir("runner-table");
  std::ofstream(dir / "cases.csv") << csv;
  auto loaded = qpl::sema::load_policy_text((dir / "p.qpl").string(), policy_text, dir.path().string());
  REQUIRE(loaded.ok());
  qpl::runner::TestRunOptions options;
  options.coverage = coverage;
  return qpl::runner::run_tests(*loaded.policy, options);
}

}  // namespace

TEST_CASE("each row is a case named by its id, expectations from expected_ and expect columns") {
  const auto report = run_with(
      "id,size,vip,expected_stage,expect big,expected_size\n"
      "A,150,true,key,true,\n"
      "B,150,,big_one,true,150\n"
      "C,5,false,small,false,5\n");
  REQUIRE(report.cases.size() == 3);
  CHECK(report.cases[0].name == "rows [A]");
  CHECK(report.cases[2].name == "rows [C]");
  CHECK(report.failed() == 0);
}

TEST_CASE("a wrong cell fails its row with expected vs actual, the block's expect applies too") {
  const auto report = run_with(
      "id,size,expected_stage\n"
      "A,150,small\n"
      "B,-3,small\n");
  REQUIRE(report.cases.size() == 2);
  REQUIRE(report.cases[0].failures.size() == 1);
  CHECK(report.cases[0].failures[0].expected == "small");
  CHECK(report.cases[0].failures[0].actual == "big_one");  // a stage is shown bare
  CHECK(report.cases[0].failures[0].origin == "cases.csv:2 'expected_stage'");
  CHECK_FALSE(report.cases[0].explain.empty());
  REQUIRE(report.cases[1].failures.size() == 1);
  CHECK(report.cases[1].failures[0].expression == "(size > 0)");
}

TEST_CASE("unreadable rows, bad cells and bad headers are failing cases with a message") {
  auto report = run_with("id,size,expected_stage\nA,fifty,small\nB,5,nowhere\n");
  REQUIRE(report.cases.size() == 2);
  REQUIRE(report.cases[0].lead_error);
  CHECK(report.cases[0].lead_error->find("size") != std::string::npos);
  CHECK(report.cases[0].name.find("[A]") != std::string::npos);  // named by its id cell
  REQUIRE(report.cases[1].lead_error);
  CHECK(report.cases[1].lead_error->find("'nowhere' is not a stage") != std::string::npos);

  report = run_with("id,size,expect nosuch\nA,5,1\n");
  REQUIRE(report.cases.size() == 1);
  CHECK(report.cases[0].name == "rows");
  REQUIRE(report.cases[0].lead_error);
  CHECK(report.cases[0].lead_error->find("expect nosuch") != std::string::npos);

  report = run_with("id,size,expect big and big\nA,5,true\n");  // R9: an operand only
  REQUIRE(report.cases[0].lead_error);
}

TEST_CASE("coverage: an otherwise line counts only its true side") {
  const auto report = run_with("id,size,vip\nA,5,false\n", true);
  bool saw_otherwise = false;
  for (const auto& item : report.coverage) {
    if (item.label.find("otherwise") == std::string::npos) continue;
    saw_otherwise = true;
    CHECK_FALSE(item.can_be_false);
    CHECK(item.covered());
  }
  CHECK(saw_otherwise);
}

// Issue 11: a table's own mistakes are one failure each, at the cell (file:line:col), with how
// to fix it; the table's rows are not run.
TEST_CASE("a row without an id, two rows with one id and an unnamed expected_ column fail once each") {
  auto report = run_with("id,size,expected_stage\nA,5,small\nB,6,small\nA,7,small\n");
  REQUIRE(report.cases.size() == 1);
  REQUIRE(report.cases[0].lead_error);
  CHECK(*report.cases[0].lead_error ==
        "cases.csv:4:1: the id 'A' is an earlier row's too, so two cases have one name "
        "(the earlier row: cases.csv:2:1): give each row its own id");

  report = run_with("id,size\nA,5\n  ,6\n");
  REQUIRE(report.cases.size() == 1);
  REQUIRE(report.cases[0].lead_error);
  CHECK(report.cases[0].lead_error->starts_with("cases.csv:3:3: this row has no id"));

  report = run_with("id,size, expected_ ,expect\nA,5,,\n");
  REQUIRE(report.cases.size() == 2);
  REQUIRE(report.cases[0].lead_error);
  CHECK(report.cases[0].lead_error->starts_with(
      "cases.csv:1:10: column 'expected_' names no value to expect: write the value"));
  REQUIRE(report.cases[1].lead_error);
  CHECK(report.cases[1].lead_error->starts_with("cases.csv:1:21: column 'expect' names no value"));
}

TEST_CASE("JSON tables: the same mistakes, at the key") {
  const qpl::testing::ScratchDir dir("runner-table-json");
  std::ofstream(dir / "cases.ndjson") << "{\"id\":\"A\",\"size\":5}\n\n{\"size\":6, \"id\":\"A\", \"expected_\":1}\n";
  std::string text = policy_text;
  text.replace(text.find("cases.csv"), 9, "cases.ndjson");
  auto loaded = qpl::sema::load_policy_text((dir / "p.qpl").string(), text, dir.path().string());
  REQUIRE(loaded.ok());
  const auto report = qpl::runner::run_tests(*loaded.policy, {});
  REQUIRE(report.cases.size() == 2);
  REQUIRE(report.cases[0].lead_error);
  CHECK(report.cases[0].lead_error->starts_with("cases.ndjson:3:12: the id 'A' is an earlier row's"));
  REQUIRE(report.cases[1].lead_error);
  CHECK(report.cases[1].lead_error->starts_with("cases.ndjson:3:22: column 'expected_'"));
}

namespace {

constexpr const char* messy_policy = R"(
fields {
  id: text
  industry: text lower trim from "Industry"
  budget: number? format "1 000" unreadable missing from "Budget"
  seen: date? format "DD/MM/YYYY" from "Seen"
}
funnel {
  sql  when industry = "fintech" and budget >= 10_000
  lead otherwise
}
test "a typed lead is read as the readers read it" {
  lead { id: "L1", industry: " FinTech ", budget: 20_000 }
  expect stage = sql
  expect industry = "fintech"
}
test "rows" {
  leads from "cases.csv"
}
)";

}  // namespace

TEST_CASE("field options apply to a test's lead and to its leads-from table") {
  const qpl::testing::ScratchDir dir("runner-options");
  std::ofstream(dir / "cases.csv")
      << "id,Industry,Budget,Seen,expected_stage,expected_budget,expected_seen,expect industry\n"
         "T1,FINTECH ,50 000,03/10/2026,sql,50000,2026-10-03,fintech\n"
         "T2, SaaS,soon,,lead,unknown,unknown,saas\n";
  auto loaded = qpl::sema::load_policy_text((dir / "p.qpl").string(), messy_policy, dir.path().string());
  REQUIRE(loaded.ok());
  const auto report = qpl::runner::run_tests(*loaded.policy, qpl::runner::TestRunOptions{});
  REQUIRE(report.cases.size() == 3);
  for (const auto& c : report.cases) {
    CAPTURE(c.name);
    CHECK_FALSE(c.lead_error);
    CHECK(c.failures.empty());
  }
}
