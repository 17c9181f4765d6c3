// QPL450 (a rule window that never opens) and QPL451 (an expired rule), judged at a given date.
#include <doctest/doctest.h>

#include <string>

#include "lint/run.hpp"
#include "support/date.hpp"

namespace {

const std::string schema = R"(
fields {
  id: text
  clicks: number
}
funnel {
  hot when s > 10
  cold otherwise
}
)";

std::string findings(const std::string& rules, std::int32_t today) {
  auto run = qpl::lint::lint_text("test.qpl", schema + "score s {\n" + rules + "}\n", nullptr, ".", today);
  std::string out;
  for (const auto& d : run.diagnostics.items()) {
    if (d.code == "QPL450" || d.code == "QPL451") out += d.code + ": " + d.message + "\n";
    else if (d.severity == qpl::Severity::error) FAIL_CHECK(d.code << ": " << d.message);
  }
  return out;
}

const std::int32_t nov_1 = qpl::days_from_civil(2026, 11, 1);

TEST_CASE("lint: a window that never opens") {
  CHECK(findings("  +15 when clicks > 3 from 2026-12-31 until 2026-09-01\n", nov_1) ==
        "QPL450: this rule of score 's' never counts: it starts on 2026-12-31, after it ends on "
        "2026-09-01\n");
  CHECK(findings("  +15 when clicks > 3 from 2026-09-01 until 2026-09-01\n", qpl::days_from_civil(2026, 9, 1)) == "");
}

TEST_CASE("lint: an expired rule, relative to --as-of") {
  const std::string rule = "  +15 when clicks > 3 from 2026-09-01 until 2026-10-31\n";
  CHECK(findings(rule, nov_1) ==
        "QPL451: this rule of score 's' stopped counting on 2026-10-31 (today is 2026-11-01)\n");
  CHECK(findings(rule, qpl::days_from_civil(2026, 10, 31)) == "");  // its last day
  CHECK(findings("  +15 when clicks > 3 until 2026-10-01\n", nov_1).starts_with("QPL451"));
  // Not yet started is not a finding: the campaign is planned.
  CHECK(findings("  +15 when clicks > 3 from 2027-01-01 until 2027-03-31\n", nov_1) == "");
  CHECK(findings("  +15 when clicks > 3 from 2020-01-01\n", nov_1) == "");
}

}  // namespace
