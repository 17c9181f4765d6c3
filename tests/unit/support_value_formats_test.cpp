// Declared date and number formats: which patterns are formats, and what each one reads.
#include <doctest/doctest.h>

#include <string>

#include "support/date.hpp"
#include "support/number_format.hpp"
#include "support/value_formats.hpp"

namespace {

using namespace qpl;

std::string date_in(std::string_view pattern, std::string_view text) {
  const auto format = parse_date_format(pattern);
  REQUIRE(format);
  const auto days = read_formatted_date(*format, text);
  return days ? format_date(*days) : "unreadable";
}

std::string number_in(std::string_view pattern, std::string_view text) {
  const auto format = parse_number_format(pattern);
  REQUIRE(format);
  const auto number = read_formatted_number(*format, text);
  return number ? format_number(*number) : "unreadable";
}

}  // namespace

TEST_CASE("date formats: tokens, separators, each part once") {
  for (const char* ok : {"DD/MM/YYYY", "MM/DD/YYYY", "D.M.YYYY", "YYYY/MM/DD", "YYYYMMDD",
                         "DD-MM-YYYY"})
    CHECK_MESSAGE(parse_date_format(ok).has_value(), std::string(ok));
  for (const char* bad : {"", "DD/MM", "DD/MM/YY", "DD/MM/YYYY/DD", "dd/mm/yyyy", "DMYYYY",
                          "DD/MMM/YYYY", "DD/MM/YYYY hh:mm"})
    CHECK_FALSE_MESSAGE(parse_date_format(bad).has_value(), std::string(bad));
}

TEST_CASE("a formatted date reads its format only, time and spaces around ignored") {
  CHECK(date_in("DD/MM/YYYY", "03/10/2026") == "2026-10-03");
  CHECK(date_in("MM/DD/YYYY", "03/10/2026") == "2026-03-10");
  CHECK(date_in("D/M/YYYY", "3/10/2026") == "2026-10-03");
  CHECK(date_in("D/M/YYYY", "03/10/2026") == "2026-10-03");
  CHECK(date_in("DD/MM/YYYY", " 03/10/2026 14:32 ") == "2026-10-03");
  CHECK(date_in("DD/MM/YYYY", "03/10/2026T14:32") == "2026-10-03");
  CHECK(date_in("YYYYMMDD", "20261003") == "2026-10-03");
  CHECK(date_in("DD/MM/YYYY", "3/10/2026") == "unreadable");
  CHECK(date_in("DD/MM/YYYY", "31/02/2026") == "unreadable");
  CHECK(date_in("DD/MM/YYYY", "2026-10-03") == "unreadable");
  CHECK(date_in("DD/MM/YYYY", "03/10/2026x") == "unreadable");
  CHECK(date_in("DD/MM/YYYY", "03/10/0000") == "unreadable");
}

TEST_CASE("number formats: one thousand as the data writes it") {
  for (const char* ok : {"1,000", "1,000.00", "1.000,00", "1 000", "1 000,0", "1'000.00",
                         "1000,00", "1000.0", "1.000"})
    CHECK_MESSAGE(parse_number_format(ok).has_value(), std::string(ok));
  for (const char* bad : {"", "1000,", "1,000,00", "1;000", "2,000", "1,00", "1,000.", "1.000.00",
                          "1,000.5x", "€1,000"})
    CHECK_FALSE_MESSAGE(parse_number_format(bad).has_value(), std::string(bad));
  CHECK(parse_number_format("1.000")->decimal == ',');
  CHECK(parse_number_format("1,000")->decimal == '.');
}

TEST_CASE("a formatted number: groups of three, or none; its decimal mark") {
  CHECK(number_in("1,000", "10,000") == "10000");
  CHECK(number_in("1,000", "1,234,567.5") == "1234567.5");
  CHECK(number_in("1,000", "10000") == "10000");
  CHECK(number_in("1,000", "-2,500") == "-2500");
  CHECK(number_in("1,000", " 12 ") == "12");
  CHECK(number_in("1,000", "10,00") == "unreadable");
  CHECK(number_in("1,000", "1,0000") == "unreadable");
  CHECK(number_in("1,000", "1000,000") == "unreadable");
  CHECK(number_in("1,000", ",100") == "unreadable");
  CHECK(number_in("1,000", "1e3") == "unreadable");
  CHECK(number_in("1,000", "$1,000") == "unreadable");
  CHECK(number_in("1.000,00", "1.234,5") == "1234.5");
  CHECK(number_in("1.000,00", "1.234.5") == "unreadable");
  CHECK(number_in("1 000", "50 000") == "50000");
  CHECK(number_in("1 000,00", "50\xC2\xA0" "000,25") == "50000.25");
  CHECK(number_in("1 000,00", "50\xE2\x80\xAF" "000") == "50000");
  CHECK(number_in("1'000.00", "1'250.75") == "1250.75");
  CHECK(number_in("1000,00", "12,5") == "12.5");
  CHECK(number_in("1000,00", "1.5") == "unreadable");
  CHECK(number_in("1,000", "1.") == "unreadable");
}
