// tests/golden/lint/NAME.qpl -> NAME.out: what `qualify lint NAME.qpl` prints as text (the code
// frames on stdout, then the summary line it writes on stderr). A first line
// `# lint: --severity warning` sets the least severe diagnostic shown. One subcase per name of
// cases.list, run by CTest one at a time (tests/golden/CMakeLists.txt).
#include <doctest/doctest.h>

#include <string>

#include "lint/config.hpp"
#include "lint/run.hpp"
#include "present/render.hpp"
#include "tests/support/golden.hpp"

namespace {

qpl::Severity minimum_from(const std::string& text) {
  const std::string marker = "# lint: --severity ";
  if (!text.starts_with(marker)) return qpl::Severity::info;
  const auto end = text.find('\n');
  const auto level = qpl::lint::parse_severity(text.substr(marker.size(), end - marker.size()));
  REQUIRE(level);
  return *level;
}

}  // namespace

TEST_CASE("golden lint" * doctest::skip()) {
  const auto folder = qpl::testing::tests_dir() / "golden" / "lint";
  const qpl::testing::ScopedWorkingDirectory cwd(folder);
  for (const auto& name : qpl::testing::golden_cases(folder)) {
    SUBCASE(name.c_str()) {
      auto run = qpl::lint::lint_file(name + ".qpl");
      REQUIRE(run.policy);
      qpl::lint::drop_below(minimum_from(qpl::testing::read_text(folder / (name + ".qpl"))), run.diagnostics);
      std::string out = qpl::present::render_text(run.diagnostics, run.policy->sources);
      if (!out.empty() && out.back() != '\n') out += '\n';
      if (!run.diagnostics.empty()) out += qpl::present::summary_line(run.diagnostics) + " in 1 file\n";
      qpl::testing::check_golden(folder / (name + ".out"), out);
    }
  }
}

TEST_CASE("--severity levels") {
  CHECK(qpl::lint::parse_severity("error") == qpl::Severity::error);
  CHECK(qpl::lint::parse_severity("warning") == qpl::Severity::warning);
  CHECK(qpl::lint::parse_severity("info") == qpl::Severity::info);
  CHECK_FALSE(qpl::lint::parse_severity("notice"));
  qpl::Diagnostics d;
  d.error("QPL110", {}, "e");
  d.warning("QPL401", {}, "w");
  d.info("QPL406", {}, "i");
  auto warnings = d;
  qpl::lint::drop_below(qpl::Severity::warning, warnings);
  CHECK(warnings.size() == 2);
  auto errors = d;
  qpl::lint::drop_below(qpl::Severity::error, errors);
  REQUIRE(errors.size() == 1);
  CHECK(errors.items()[0].code == "QPL110");
}
