// format_date writes dates by hand: it must print exactly what the fmt formula it replaced printed,
// for every day, including those outside years 1..9999 that no QPL value holds.
#include <doctest/doctest.h>

#include <chrono>
#include <cstdint>
#include <fmt/format.h>
#include <string>

#include "support/date.hpp"

namespace {

using namespace qpl;

// The replaced output: the civil date (here from std::chrono, an independent calendar) through
// the fmt formula format_date used.
std::string format_date_with_fmt(std::int32_t days) {
  const std::chrono::year_month_day date{std::chrono::sys_days{std::chrono::days{days}}};
  return fmt::format("{:04}-{:02}-{:02}", int(date.year()), unsigned(date.month()),
                     unsigned(date.day()));
}

void check_days(std::int32_t from, std::int32_t to, std::int32_t step) {
  for (std::int64_t day = from; day <= to; day += step) {
    const auto d = static_cast<std::int32_t>(day);
    const std::string expected = format_date_with_fmt(d);
    if (format_date(d) != expected) FAIL_CHECK("day ", d, ": ", format_date(d), " != ", expected);
    std::string appended = "x";
    append_date(appended, d);
    if (appended != "x" + expected) FAIL_CHECK("day ", d, ": appended ", appended);
  }
}

TEST_CASE("format_date: every day around the edges of years 0, 1, 1970 and 9999") {
  const std::int32_t year = 366;
  for (const std::int32_t edge : {days_from_civil(-1, 1, 1), min_date_days, std::int32_t{0},
                                  days_from_civil(999, 12, 31), max_date_days})
    check_days(edge - 3 * year, edge + 3 * year, 1);
}

TEST_CASE("format_date: across the whole range and far beyond it") {
  check_days(min_date_days - 50 * 366, max_date_days + 50 * 366, 7);
  check_days(-11'000'000, 11'000'000, 9'991);  // std::chrono's years end at +-32767
}

TEST_CASE("format_date: a few dates spelled out") {
  CHECK(format_date(0) == "1970-01-01");
  CHECK(format_date(min_date_days) == "0001-01-01");
  CHECK(format_date(max_date_days) == "9999-12-31");
  CHECK(format_date(days_from_civil(2026, 11, 1)) == "2026-11-01");
  CHECK(format_date(max_date_days + 1) == "10000-01-01");
  CHECK(format_date(min_date_days - 1) == "0000-12-31");
  CHECK(format_date(days_from_civil(-1, 3, 4)) == "-001-03-04");
}

}  // namespace
