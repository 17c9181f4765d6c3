// QPL452: a linear decay shorter than the `within` filter on the same date in its `where`.
#include <doctest/doctest.h>

#include <string>

#include "lint/run.hpp"
#include "support/date.hpp"

namespace {

const std::string schema = R"(
fields {
  id: text
  events: list of event
}
record event {
  type: text
  day: date
  created: date
}
funnel {
  hot when s > 10
  cold otherwise
}
)";

std::string findings(const std::string& rules) {
  auto run = qpl::lint::lint_text("test.qpl", schema + "score s {\n" + rules + "}\n", nullptr, ".",
                                  qpl::days_from_civil(2026, 11, 1));
  std::string out;
  for (const auto& d : run.diagnostics.items()) {
    if (d.code == "QPL452")
      out += d.code + " " + std::to_string(d.span.begin) + ": " + d.message + "\n";
    else if (d.severity == qpl::Severity::error) FAIL_CHECK(d.code << ": " << d.message);
  }
  return out;
}

TEST_CASE("lint: a linear decay that ends before its filter") {
  const std::string rule =
      "  +10 per events where type = \"w\" and day within 90 days decaying linearly over 30 days by day\n";
  const auto found = findings(rule);
  CHECK(found.find("QPL452") == 0);
  CHECK(found.find(": the decay of this rule of score 's' reaches 0 after 30 days, but the filter "
                   "keeps elements up to 90 days old: those older than 30 days give nothing\n") !=
        std::string::npos);
  // The reported place is the filter's duration.
  const auto at = (schema + "score s {\n" + rule).find("90 days");
  CHECK(found.find("QPL452 " + std::to_string(at) + ":") == 0);
}

TEST_CASE("lint: decays that agree with their filter, or filter another date") {
  CHECK(findings("  +10 per events where day within 30 days decaying linearly over 30 days by day\n") == "");
  CHECK(findings("  +10 per events where day within 14 days decaying linearly over 90 days by day\n") == "");
  // A half-life never reaches 0: the filter is the cut-off.
  CHECK(findings("  +10 per events where day within 90 days decaying half-life 7 days by day\n") == "");
  // The filter reads another date than the decay.
  CHECK(findings("  +10 per events where created within 90 days decaying linearly over 30 days by day\n") == "");
}

}  // namespace
