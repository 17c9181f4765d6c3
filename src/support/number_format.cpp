#include "support/number_format.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <fmt/format.h>

#include "support/utf8.hpp"

namespace qpl {

namespace {

constexpr double two_pow_53 = 9007199254740992.0;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// ECMAScript Number::toString from the shortest round-trip digits and decimal exponent, except
// that integral numbers from 1e21 up are written out in digits too (R47), as JavaScript does below.
void append_shortest(std::string& out, double value) {
  char buffer[32];
  // Scientific form gives the shortest digits and the exponent: "d[.ddd]e[+-]x".
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value,
                                    std::chars_format::scientific);
  std::string_view text(buffer, static_cast<std::size_t>(result.ptr - buffer));
  if (!text.empty() && text.front() == '-') {
    out.push_back('-');
    text.remove_prefix(1);
  }
  const auto e = text.find('e');
  std::string digits;
  for (char c : text.substr(0, e))
    if (c != '.') digits.push_back(c);
  int exponent = 0;
  std::string_view exponent_text = text.substr(e + 1);
  if (!exponent_text.empty() && exponent_text.front() == '+') exponent_text.remove_prefix(1);
  std::from_chars(exponent_text.data(), exponent_text.data() + exponent_text.size(), exponent);

  const int k = static_cast<int>(digits.size());
  const int n = exponent + 1;  // the decimal point sits after n digits
  if (k <= n) {  // R47: an integral number has no decimal point, however large
    out += digits;
    out.append(static_cast<std::size_t>(n - k), '0');
  } else if (0 < n && n <= 21) {
    out.append(digits, 0, static_cast<std::size_t>(n));
    out.push_back('.');
    out.append(digits, static_cast<std::size_t>(n));
  } else if (-6 < n && n <= 0) {
    out += "0.";
    out.append(static_cast<std::size_t>(-n), '0');
    out += digits;
  } else {
    out.push_back(digits[0]);
    if (k > 1) {
      out.push_back('.');
      out.append(digits, 1);
    }
    fmt::format_to(std::back_inserter(out), "e{}{}", n - 1 >= 0 ? "+" : "-", std::abs(n - 1));
  }
}

// An integer's digits, two at a time from a table, the small ones (most counts and scores)
// without a loop.
char* write_integer(char* at, std::int64_t value) {
  static constexpr char pairs[] =
      "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
      "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
      "8081828384858687888990919293949596979899";
  std::uint64_t magnitude = static_cast<std::uint64_t>(value);
  if (value < 0) {
    *at++ = '-';
    magnitude = 0 - magnitude;
  }
  if (magnitude < 10) {
    *at = static_cast<char>('0' + magnitude);
    return at + 1;
  }
  if (magnitude < 100) {
    std::memcpy(at, pairs + 2 * magnitude, 2);
    return at + 2;
  }
  int size = 3;  // digits: found first, so that they are written in place from the last
  for (std::uint64_t bound = 1000; size < 20 && magnitude >= bound; bound *= 10) ++size;
  char* const end = at + size;
  char* first = end;
  while (magnitude >= 100) {
    first -= 2;
    std::memcpy(first, pairs + 2 * (magnitude % 100), 2);
    magnitude /= 100;
  }
  if (magnitude < 10) {
    *--first = static_cast<char>('0' + magnitude);
  } else {
    first -= 2;
    std::memcpy(first, pairs + 2 * magnitude, 2);
  }
  return end;
}

// Kept out of write_number, whose integers then need no stack frame for its buffers.
[[gnu::noinline]] char* write_shortest(char* at, double value) {
  std::string text;
  append_shortest(text, value);
  std::memcpy(at, text.data(), text.size());
  return at + text.size();
}

}  // namespace

char* write_number(char* at, double value) {
  if (!std::isfinite(value)) {
    std::memcpy(at, "null", 4);
    return at + 4;
  }
  // The common case (counts, scores, sizes): an exact integer, printed without a detour.
  if (value == std::trunc(value) && std::fabs(value) <= two_pow_53)
    return write_integer(at, static_cast<std::int64_t>(value));  // -0 becomes 0
  return write_shortest(at, value);
}

void append_number(std::string& out, double value) {
  char text[max_number_text];
  out.append(text, write_number(text, value));
}

std::string format_number(double value) {
  std::string out;
  append_number(out, value);
  return out;
}

std::optional<double> parse_number_text(std::string_view text, bool allow_decimal_comma) {
  text = trim(text);
  // Check the R43 shape first: from_chars alone would also accept "inf", "nan", ".5" and "5.".
  char buffer[128];
  std::string long_buffer;
  char* copy = buffer;
  if (text.size() > sizeof buffer) {
    long_buffer.resize(text.size());
    copy = long_buffer.data();
  }
  std::size_t i = 0;
  const std::size_t n = text.size();
  bool negative = false;
  if (i < n && (text[i] == '+' || text[i] == '-')) negative = text[i++] == '-';
  const std::size_t mantissa_begin = i;
  std::size_t length = 0;
  std::size_t integer_digits = 0;
  while (i < n && is_digit(text[i])) copy[length++] = text[i++], ++integer_digits;
  if (integer_digits == 0) return std::nullopt;
  if (i < n && (text[i] == '.' || (allow_decimal_comma && text[i] == ','))) {
    copy[length++] = '.';
    ++i;
    std::size_t decimals = 0;
    while (i < n && is_digit(text[i])) copy[length++] = text[i++], ++decimals;
    if (decimals == 0) return std::nullopt;
  }
  long exponent = 0;
  if (i < n && (text[i] == 'e' || text[i] == 'E')) {
    copy[length++] = text[i++];
    const std::size_t exponent_begin = i;
    if (i < n && (text[i] == '+' || text[i] == '-')) copy[length++] = text[i++];
    std::size_t exponent_digits = 0;
    while (i < n && is_digit(text[i])) copy[length++] = text[i++], ++exponent_digits;
    if (exponent_digits == 0) return std::nullopt;
    const char* first = text.data() + exponent_begin + (text[exponent_begin] == '+');
    // Far beyond any double either way, and small enough that adding a digit count to it
    // cannot overflow (an exponent of 9223372036854775807 did, found by fuzzing).
    constexpr long exponent_bound = 1'000'000;
    if (std::from_chars(first, text.data() + i, exponent).ec != std::errc())
      exponent = *first == '-' ? -exponent_bound : exponent_bound;
    exponent = std::clamp(exponent, -exponent_bound, exponent_bound);
  }
  if (i != n) return std::nullopt;

  double value = 0;
  const auto result = std::from_chars(copy, copy + length, value);
  if (result.ec == std::errc::result_out_of_range) {
    // Too large is an error; too small is a value that rounds to zero. Decide by the decimal
    // magnitude: significant integer digits plus the exponent, or the leading fraction zeros.
    std::size_t k = mantissa_begin;
    while (k < mantissa_begin + integer_digits && text[k] == '0') ++k;
    long magnitude = static_cast<long>(mantissa_begin + integer_digits - k);
    if (magnitude == 0) {
      std::size_t zeros = 0;
      for (std::size_t f = mantissa_begin + integer_digits + 1; f < n && text[f] == '0'; ++f)
        ++zeros;
      magnitude = -static_cast<long>(zeros);
    }
    if (magnitude + exponent > 0) return std::nullopt;
    return negative ? -0.0 : 0.0;
  }
  if (result.ec != std::errc() || result.ptr != copy + length) return std::nullopt;
  return negative ? -value : value;
}

std::optional<bool> parse_bool_text(std::string_view text) {
  text = trim(text);
  if (text.size() > 5) return std::nullopt;
  char lower[5];
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    lower[i] = c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c;
  }
  const std::string_view word(lower, text.size());
  if (word == "true" || word == "yes" || word == "1") return true;
  if (word == "false" || word == "no" || word == "0") return false;
  return std::nullopt;
}

}  // namespace qpl
