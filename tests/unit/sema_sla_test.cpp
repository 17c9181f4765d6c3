// SLAs in the checker and the lead's SLA state (docs/language.md, "SLAs"): `sla STAGE within N
// days|weeks` in a funnel, its errors with their file:line:col, and a lead's age against it.
#include <doctest/doctest.h>

#include <string>

#include "model/memory.hpp"
#include "model/sla.hpp"
#include "sema/load.hpp"
#include "support/date.hpp"

namespace {

using namespace qpl;

sema::LoadResult load(const std::string& funnel_body) {
  return sema::load_policy_text("sla.qpl", "fields {\n  id: text\n  clicks: number\n}\nfunnel {\n"
                                           "  sql when clicks >= 50\n  mql when clicks >= 10\n  prospect otherwise\n" +
                                               funnel_body + "}\n");
}

// Each diagnostic as `line:col CODE message`.
std::string diagnostics_text(const sema::LoadResult& loaded) {
  std::string text;
  for (const Diagnostic& d : loaded.diagnostics.items()) {
    const LineColumn at = loaded.policy->sources.file(d.span.file).position(d.span.begin);
    text += std::to_string(at.line) + ":" + std::to_string(at.column) + " " + d.code + " " + d.message + "\n";
  }
  return text;
}

std::int32_t day(const char* iso) { return *parse_iso_date(iso); }

}  // namespace

TEST_CASE("sla: the lines of a funnel, in days, and the memory they count from") {
  const auto loaded = load("  sla mql within 1 day\n  sla sql within 2 weeks\n");
  REQUIRE(loaded.ok());
  const FunnelDecl& funnel = *loaded.policy->funnel;
  REQUIRE(funnel.slas.size() == 2);
  CHECK(funnel.sla("mql")->days == 1);
  CHECK(funnel.sla("mql")->within == "1 day");
  CHECK(funnel.sla("sql")->days == 14);
  CHECK(funnel.sla("prospect") == nullptr);
  // An SLA counts from `since`: the lead gets its memory, read or not.
  CHECK(previous_slot(loaded.policy->schema.lead) >= 0);
}

TEST_CASE("sla: a stage may still be named sla") {
  const auto loaded = sema::load_policy_text(
      "sla.qpl", "fields {\n  id: text\n  clicks: number\n}\nfunnel {\n  sla when clicks > 3\n  lead otherwise\n}\n");
  REQUIRE(loaded.ok());
  CHECK(loaded.policy->funnel->slas.empty());
  CHECK(previous_slot(loaded.policy->schema.lead) == -1);
}

TEST_CASE("sla: a stage the funnel does not give, twice, in months or zero days") {
  const auto loaded = load(
      "  sla mqll within 1 day\n  sla sql within 2 weeks\n  sla sql within 3 days\n"
      "  sla prospect within 1 month\n  sla mql within 0 days\n");
  CHECK_FALSE(loaded.ok());
  CHECK(diagnostics_text(loaded) ==
        "9:7 QPL309 the sla names the stage 'mqll', which no line of the funnel gives (did you mean 'mql'?)\n"
        "11:7 QPL309 the stage 'sql' has a second sla\n"
        "12:23 QPL315 an sla of '1 month': a month has no fixed length\n"
        "13:18 QPL315 an sla of '0 days': every lead would be overdue the day it enters the stage\n");
}

TEST_CASE("sla: hours are not a duration of this version") {
  CHECK_FALSE(load("  sla sql within 4 hours\n").ok());
}

TEST_CASE("sla: a lead's age is today - since, overdue past the SLA's days") {
  const auto loaded = load("  sla mql within 1 day\n");
  REQUIRE(loaded.ok());
  const FunnelDecl* funnel = loaded.policy->funnel;
  const std::string mql = "mql", sql = "sql";
  const Date monday{day("2026-11-02")};
  const auto tuesday = sla_state(funnel, &mql, monday, day("2026-11-03"));
  REQUIRE(tuesday);
  CHECK(tuesday->age_days == 1);
  CHECK_FALSE(tuesday->overdue());
  const auto wednesday = sla_state(funnel, &mql, monday, day("2026-11-04"));
  REQUIRE(wednesday);
  CHECK(wednesday->age_days == 2);
  CHECK(wednesday->overdue());
  // No SLA for the stage, no stage, no since: no state.
  CHECK_FALSE(sla_state(funnel, &sql, monday, day("2026-11-04")));
  CHECK_FALSE(sla_state(funnel, nullptr, monday, day("2026-11-04")));
  CHECK_FALSE(sla_state(funnel, &mql, std::nullopt, day("2026-11-04")));
}
