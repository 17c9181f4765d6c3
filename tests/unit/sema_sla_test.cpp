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

TEST_CASE("sla: hours, and zero hours") {
  const auto loaded = load("  sla sql within 4 hours\n  sla mql within 1 hour\n");
  REQUIRE(loaded.ok());
  const FunnelSla* sql = loaded.policy->funnel->sla("sql");
  REQUIRE(sql != nullptr);
  CHECK(sql->in_hours);
  CHECK(sql->hours == 4);
  CHECK(sql->days == 0);
  CHECK(sql->within == "4 hours");
  CHECK(loaded.policy->funnel->sla("mql")->within == "1 hour");
  const auto zero = load("  sla sql within 0 hours\n");
  CHECK(diagnostics_text(zero) ==
        "9:18 QPL315 an sla of '0 hours': every lead would be overdue the hour it enters the stage\n");
  // `hours` is a unit of sla lines only: every date of the language is a day.
  CHECK_FALSE(load("  sla sql within 4.5 hours\n").ok());
  CHECK_FALSE(sema::load_policy_text("h.qpl", "fields {\n  id: text\n  seen: date\n}\nlet recent = seen within 4 hours\n").ok());
}

TEST_CASE("sla: a lead's age is today - since, overdue past the SLA's days") {
  const auto loaded = load("  sla mql within 1 day\n");
  REQUIRE(loaded.ok());
  const FunnelDecl* funnel = loaded.policy->funnel;
  const std::string mql = "mql", sql = "sql";
  const Date monday{day("2026-11-02")};
  const auto at = [](const char* iso) { return SlaClock{day(iso), std::int64_t(day(iso)) * seconds_per_day}; };
  const auto tuesday = sla_state(funnel, &mql, monday, std::nullopt, at("2026-11-03"));
  REQUIRE(tuesday);
  CHECK(tuesday->age == 1);
  CHECK_FALSE(tuesday->overdue());
  const auto wednesday = sla_state(funnel, &mql, monday, std::nullopt, at("2026-11-04"));
  REQUIRE(wednesday);
  CHECK(wednesday->age == 2);
  CHECK(wednesday->overdue());
  CHECK(sla_amount(*wednesday, wednesday->overdue_by()) == "1 day");
  // A time on since or now changes nothing for a day SLA.
  const auto late = sla_state(funnel, &mql, monday, *parse_moment("2026-11-02T23:59:00Z")->time,
                              SlaClock{day("2026-11-04"), *parse_moment("2026-11-04T00:01:00Z")->time});
  REQUIRE(late);
  CHECK(late->age == 2);
  // No SLA for the stage, no stage, no since: no state.
  CHECK_FALSE(sla_state(funnel, &sql, monday, std::nullopt, at("2026-11-04")));
  CHECK_FALSE(sla_state(funnel, nullptr, monday, std::nullopt, at("2026-11-04")));
  CHECK_FALSE(sla_state(funnel, &mql, std::nullopt, std::nullopt, at("2026-11-04")));
}

TEST_CASE("sla: an hour SLA counts whole hours from since's instant to now") {
  const auto loaded = load("  sla sql within 4 hours\n");
  REQUIRE(loaded.ok());
  const FunnelDecl* funnel = loaded.policy->funnel;
  const std::string sql = "sql";
  const Date monday{day("2026-11-02")};
  const std::int64_t entered = *parse_moment("2026-11-02T09:14:00Z")->time;
  const auto at = [&](const char* iso) {
    const Moment m = *parse_moment(iso);
    return sla_state(funnel, &sql, monday, entered, SlaClock{m.days, m.instant()});
  };
  CHECK(at("2026-11-02T09:14:00Z")->age == 0);
  CHECK(at("2026-11-02T13:14:00Z")->age == 4);
  CHECK_FALSE(at("2026-11-02T14:13:59Z")->overdue());
  CHECK(at("2026-11-02T14:14:00Z")->overdue());
  CHECK(sla_amount(*at("2026-11-02T14:14:00Z"), 1) == "1 hour");
  // An offset names the same instant.
  CHECK(at("2026-11-02T15:14:00+01:00")->age == 5);
  // Before since: a negative age, rounded down.
  CHECK(at("2026-11-02T09:00:00Z")->age == -1);
  // A since without a time is 00:00 UTC of its day.
  const auto dated = sla_state(funnel, &sql, monday, std::nullopt,
                               SlaClock{day("2026-11-02"), *parse_moment("2026-11-02T09:14:00Z")->time});
  REQUIRE(dated);
  CHECK(dated->age == 9);
  CHECK(dated->overdue_by() == 5);
}

TEST_CASE("sla: date-times of --as-of and since") {
  const auto z = parse_moment("2026-11-02T09:14:00Z");
  REQUIRE(z);
  CHECK(z->days == day("2026-11-02"));
  CHECK(format_instant(*z->time) == "2026-11-02T09:14:00Z");
  CHECK(format_instant(parse_moment("2026-11-02T10:14+01:00")->instant()) == "2026-11-02T09:14:00Z");
  CHECK(format_instant(parse_moment("2026-11-02 09:14:30.250")->instant()) == "2026-11-02T09:14:30Z");
  CHECK(format_instant(parse_moment("2026-11-02T23:30:00-0500")->instant()) == "2026-11-03T04:30:00Z");
  // The date is the date as written, as a date field reads it.
  CHECK(parse_moment("2026-11-02T23:30:00-05:00")->days == day("2026-11-02"));
  CHECK(parse_moment("2026-11-02")->instant() == std::int64_t(day("2026-11-02")) * seconds_per_day);
  CHECK_FALSE(parse_moment("2026-11-02")->time);
  CHECK_FALSE(parse_moment("2026-11-02T"));
  CHECK_FALSE(parse_moment("2026-11-02T24:00:00Z"));
  CHECK_FALSE(parse_moment("2026-11-02T09:14:00Q"));
  CHECK_FALSE(parse_moment("2026-02-30T09:14:00Z"));
  CHECK_FALSE(parse_moment("yesterday"));
  // A since whose text after the date is no time still reads as its date, without a time.
  CHECK(parse_date_value("2026-11-02Tsoon") == day("2026-11-02"));
  CHECK_FALSE(parse_date_value_time("2026-11-02Tsoon"));
  CHECK(parse_date_value_time("2026-11-02T09:14:00Z") == z->time);
  CHECK(format_instant(-1) == "1969-12-31T23:59:59Z");
}
