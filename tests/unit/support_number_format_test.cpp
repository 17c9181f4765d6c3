#include <doctest/doctest.h>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "support/number_format.hpp"

using namespace qpl;

TEST_CASE("format_number prints integral values without a decimal point [R47]") {
  CHECK(format_number(20) == "20");
  CHECK(format_number(0) == "0");
  CHECK(format_number(-0.0) == "0");
  CHECK(format_number(-3) == "-3");
  CHECK(format_number(10000) == "10000");
  CHECK(format_number(9007199254740992.0) == "9007199254740992");
  CHECK(format_number(-9007199254740992.0) == "-9007199254740992");
  CHECK(format_number(9007199254740993.0) == "9007199254740992");  // not a double: rounds
  CHECK(format_number(1e20) == "100000000000000000000");
  CHECK(format_number(std::ldexp(1.0, 60)) == "1152921504606847000");
  // R47: integral numbers print without a decimal point, however large.
  CHECK(format_number(1e21) == "1000000000000000000000");
  CHECK(format_number(1.2345678901234568e+21) == "1234567890123456800000");
  CHECK(format_number(-1.5e300) == "-15" + std::string(299, '0'));
}

TEST_CASE("format_number prints other numbers in the shortest round-trip form [R47]") {
  CHECK(format_number(0.1) == "0.1");
  CHECK(format_number(2.5) == "2.5");
  CHECK(format_number(-2.5) == "-2.5");
  CHECK(format_number(1.0 / 6) == "0.16666666666666666");
  CHECK(format_number(0.1 + 0.2) == "0.30000000000000004");
  CHECK(format_number(123456.789) == "123456.789");
  CHECK(format_number(0.000001) == "0.000001");
  CHECK(format_number(1.5e-7) == "1.5e-7");
  CHECK(format_number(5e-324) == "5e-324");
  CHECK(format_number(std::numeric_limits<double>::max()) == "17976931348623157" + std::string(292, '0'));
}

TEST_CASE("format_number output reads back as the same double") {
  for (double v : {0.1, 1.0 / 3, 2.0 / 3 * 1e10, 1e-5, 123.456e-10, 4.35, 1e300, 9.5e15}) {
    const std::string text = format_number(v);
    CHECK(parse_number_text(text, false) == v);
  }
}

TEST_CASE("format_number never prints NaN or infinity") {
  CHECK(format_number(std::numeric_limits<double>::quiet_NaN()) == "null");
  CHECK(format_number(std::numeric_limits<double>::infinity()) == "null");
}

TEST_CASE("append_number appends") {
  std::string out = "x=";
  append_number(out, 12.5);
  CHECK(out == "x=12.5");
}

TEST_CASE("parse_number_text accepts the R43 number shape") {
  CHECK(parse_number_text("12", false) == 12.0);
  CHECK(parse_number_text("-3", false) == -3.0);
  CHECK(parse_number_text("+7", false) == 7.0);
  CHECK(parse_number_text("12.5", false) == 12.5);
  CHECK(parse_number_text("1e3", false) == 1000.0);
  CHECK(parse_number_text("2.5E-2", false) == 0.025);
  CHECK(parse_number_text("1e+2", false) == 100.0);
  CHECK(parse_number_text("  250 ", false) == 250.0);
  CHECK(parse_number_text("\t250\u00A0", false) == 250.0);
  CHECK(parse_number_text("007", false) == 7.0);
  CHECK(parse_number_text("9007199254740993", false) == 9007199254740992.0);
  const auto negative_zero = parse_number_text("-0", false);
  REQUIRE(negative_zero);
  CHECK(*negative_zero == 0.0);
  CHECK(std::signbit(*negative_zero));
}

TEST_CASE("parse_number_text rejects everything else") {
  for (const char* text : {"", "   ", "abc", "12abc", "1,000", "1 000", "1_000", "0x1A", "NaN",
                           "nan", "Infinity", "inf", "-inf", ".5", "5.", "1e", "1e+", "--1",
                           "+-1", "1.2.3", "12,5", "e5", "1e5.5", "٣"}) {
    INFO(text);
    CHECK_FALSE(parse_number_text(text, false));
  }
}

TEST_CASE("parse_number_text takes a decimal comma only when asked [R43]") {
  CHECK(parse_number_text("12,5", true) == 12.5);
  CHECK(parse_number_text("-0,25", true) == -0.25);
  CHECK(parse_number_text("12.5", true) == 12.5);
  CHECK(parse_number_text(" 3,0e2 ", true) == 300.0);
  CHECK_FALSE(parse_number_text("1,234.5", true));
  CHECK_FALSE(parse_number_text("1.234,5", true));
  CHECK_FALSE(parse_number_text("1,2,3", true));
  CHECK_FALSE(parse_number_text("12,", true));
}

TEST_CASE("parse_number_text outside the double range") {
  CHECK_FALSE(parse_number_text("1e400", false));
  CHECK_FALSE(parse_number_text("-1e309", false));
  CHECK_FALSE(parse_number_text("1" + std::string(400, '0'), false));
  CHECK_FALSE(parse_number_text("1e99999999999999999999", false));
  CHECK(parse_number_text("1e-400", false) == 0.0);
  CHECK(parse_number_text("0.00000000001e-400", false) == 0.0);
  CHECK(parse_number_text("1e-99999999999999999999", false) == 0.0);
  // Exponents that fit a long exactly: adding the digit count used to overflow (found by the
  // ndjson_reader fuzzer), and the wrapped sum read a huge number as 0.
  CHECK_FALSE(parse_number_text("615E0000000009223372036854775807", false));
  CHECK(parse_number_text("0.001e-9223372036854775808", false) == 0.0);
  CHECK(parse_number_text("1.7976931348623157e308", false) ==
        std::numeric_limits<double>::max());
  CHECK(parse_number_text("5e-324", false) == 5e-324);
}

TEST_CASE("parse_bool_text reads true/false/yes/no/1/0 in any case [R43]") {
  CHECK(parse_bool_text("true") == true);
  CHECK(parse_bool_text("TRUE") == true);
  CHECK(parse_bool_text("Yes") == true);
  CHECK(parse_bool_text("1") == true);
  CHECK(parse_bool_text(" yes ") == true);
  CHECK(parse_bool_text("false") == false);
  CHECK(parse_bool_text("No") == false);
  CHECK(parse_bool_text("0") == false);
  CHECK(parse_bool_text("fAlSe") == false);
  for (const char* text : {"", "y", "n", "oui", "2", "01", "truee", "t", "on", "off", "yes!"}) {
    INFO(text);
    CHECK_FALSE(parse_bool_text(text));
  }
}

TEST_CASE("format_number prints integers as their decimal digits, small or large [R47]") {
  // Against std::to_chars of the integer, which prints integers the one way there is.
  const auto expected = [](std::int64_t n) {
    char text[24];
    return std::string(text, std::to_chars(text, text + sizeof text, n).ptr);
  };
  for (std::int64_t n = -100000; n <= 100000; ++n)
    if (format_number(static_cast<double>(n)) != expected(n)) FAIL_CHECK(n);
  std::vector<std::int64_t> values;
  for (std::int64_t power = 1; power <= 1'000'000'000'000'000; power *= 10)
    for (const std::int64_t n : {power - 1, power, power + 1, 2 * power, 9 * power + 7})
      values.insert(values.end(), {n, -n});
  const std::int64_t limit = std::int64_t{1} << 53;
  values.insert(values.end(), {limit, -limit, limit - 1, -(limit - 1)});
  std::mt19937_64 random(47);
  for (int i = 0; i < 100000; ++i) {
    const auto n = static_cast<std::int64_t>(random() % static_cast<std::uint64_t>(limit));
    values.insert(values.end(), {n, -n, n % 1000, n % 1'000'000});
  }
  for (const auto n : values)
    if (format_number(static_cast<double>(n)) != expected(n)) FAIL_CHECK(n);
}

TEST_CASE("write_number writes format_number's text within max_number_text") {
  const double values[] = {0, -0.0, 7, -7, 42, 100, -999, 123456789, 9007199254740992.0, 0.1, -2.5,
                           1.0 / 6, 1.5e-7, 5e-324, 1e21, -1.5e300,
                           std::numeric_limits<double>::max(), -std::numeric_limits<double>::max(),
                           std::numeric_limits<double>::infinity(),
                           std::numeric_limits<double>::quiet_NaN()};
  for (const double value : values) {
    std::string buffer(max_number_text + 4, '#');
    char* end = write_number(buffer.data(), value);
    CHECK(std::string(buffer.data(), end) == format_number(value));
    CHECK(buffer.substr(max_number_text) == "####");
  }
  CHECK(format_number(-std::numeric_limits<double>::max()).size() == max_number_text);
  CHECK(format_number(std::numeric_limits<double>::infinity()) == "null");
}
