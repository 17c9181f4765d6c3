// Calendar months: the same day of the month, clamped to the end of a shorter month.
#include <doctest/doctest.h>

#include <string>

#include "support/date.hpp"

namespace {

using namespace qpl;

std::string plus_months(int y, unsigned m, unsigned d, std::int64_t months) {
  const auto r = add_months(days_from_civil(y, m, d), months);
  return r ? format_date(*r) : "out of range";
}

TEST_CASE("add_months: same day, end of month clamped, leap years") {
  CHECK(plus_months(2026, 1, 15, 1) == "2026-02-15");
  CHECK(plus_months(2026, 1, 31, 1) == "2026-02-28");
  CHECK(plus_months(2024, 1, 31, 1) == "2024-02-29");
  CHECK(plus_months(2026, 3, 31, -1) == "2026-02-28");
  CHECK(plus_months(2026, 5, 31, 1) == "2026-06-30");
  CHECK(plus_months(2026, 11, 30, 3) == "2027-02-28");
  CHECK(plus_months(2026, 1, 10, -13) == "2024-12-10");
  CHECK(plus_months(2024, 2, 29, 12) == "2025-02-28");
  CHECK(plus_months(2024, 2, 29, 48) == "2028-02-29");
  CHECK(plus_months(2026, 8, 31, 0) == "2026-08-31");
  CHECK(plus_months(1, 1, 1, -1) == "out of range");
  CHECK(plus_months(9999, 12, 31, 1) == "out of range");
  CHECK(plus_months(9999, 11, 30, 1) == "9999-12-30");
  CHECK(plus_months(2026, 1, 1, std::int64_t{1} << 40) == "out of range");
}

}  // namespace
