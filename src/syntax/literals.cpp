#include "syntax/literals.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <limits>
#include <optional>

#include <fmt/format.h>

#include "support/date.hpp"
#include "support/utf8.hpp"
#include "syntax/syntax_errors.hpp"

namespace qpl::syntax {
namespace {

std::optional<std::uint32_t> hex_value(std::string_view digits) {
  std::uint32_t v = 0;
  auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v, 16);
  if (ec != std::errc() || p != digits.data() + digits.size()) return std::nullopt;
  return v;
}

}  // namespace


// [R4] The value of a text literal (quotes included in `raw`), escapes checked.
std::string decode_text(std::string_view raw, const char* at) {
  std::string out;
  out.reserve(raw.size());
  const std::size_t last = raw.size() - 1;  // the closing quote
  for (std::size_t i = 1; i < last; ++i) {
    const char c = raw[i];
    if (c != '\\') {
      out.push_back(c);
      continue;
    }
    const char e = raw[i + 1];
    switch (e) {
      case '"': out.push_back('"'); ++i; continue;
      case '\\': out.push_back('\\'); ++i; continue;
      case 'n': out.push_back('\n'); ++i; continue;
      case 't': out.push_back('\t'); ++i; continue;
      case 'u': {
        const std::size_t open = i + 2;
        const std::size_t close = raw.find('}', open);
        if (open >= last || raw[open] != '{' || close == std::string_view::npos || close > last)
          throw SyntaxError{code::escape, "expected '{' and 1 to 6 hex digits and '}' after '\\u'",
                      at + i, at + std::min(open, last)};
        const std::string_view digits = raw.substr(open + 1, close - open - 1);
        const auto value = digits.size() >= 1 && digits.size() <= 6 ? hex_value(digits)
                                                                    : std::nullopt;
        if (!value || *value > 0x10FFFF)
          throw SyntaxError{code::escape,
                      fmt::format("'\\u{{{}}}' is not a valid code point", digits), at + i,
                      at + close + 1};
        if (*value >= 0xD800 && *value <= 0xDFFF)
          throw SyntaxError{code::escape,
                      fmt::format("'\\u{{{}}}' is a surrogate, not a character", digits),
                      at + i, at + close + 1};
        append_utf8(out, static_cast<char32_t>(*value));
        i = close;
        continue;
      }
      default: {
        const auto len = decode_utf8(raw, i + 1).length;
        throw SyntaxError{code::escape,
                    fmt::format("unknown escape '\\{}' (use \\\" \\\\ \\n \\t or \\u{{...}})",
                                raw.substr(i + 1, len)),
                    at + i, at + i + 1 + len};
      }
    }
  }
  return out;
}

double number_value(std::string_view text, const char* at) {
  std::string digits;
  digits.reserve(text.size());
  for (char c : text)
    if (c != '_' && c != ' ' && c != '\t' && c != '+') digits.push_back(c);
  double v = 0;
  auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
  if (ec != std::errc() || !std::isfinite(v)) {
    // No exponent in QPL: out of range with a zero integer part is closer to 0 than a double.
    const std::string_view integer_part = std::string_view(digits).substr(0, digits.find('.'));
    const bool tiny = integer_part.find_first_not_of('0') == std::string_view::npos;
    throw SyntaxError{code::number, tiny ? "number too small (it would read as 0)" : "number too large",
                at, at + text.size()};
  }
  return v;
}

std::int64_t whole_value(std::string_view text, const char* at, const char* what) {
  std::int64_t v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') continue;
    if (v > (std::numeric_limits<std::int64_t>::max() - 9) / 10)
      throw SyntaxError{code::number, fmt::format("{} too large", what), at, at + text.size()};
    v = v * 10 + (c - '0');
  }
  return v;
}

std::int32_t date_value(std::string_view text, const char* at) {
  const auto days = parse_iso_date(text);
  if (!days) throw SyntaxError{code::date, fmt::format("impossible date '{}'", text), at, at + text.size()};
  return *days;
}

// [R8] `30 days`, `2 weeks`.
DurationValue duration_value(std::string_view text, const char* at) {
  std::size_t n = 0;
  while (n < text.size() && (std::isdigit(static_cast<unsigned char>(text[n])) || text[n] == '_')) ++n;
  const std::int64_t count = whole_value(text.substr(0, n), at, "duration");
  const bool weeks = text.find("week") != std::string_view::npos;
  const bool months = text.find("month") != std::string_view::npos;
  constexpr std::int64_t limit = std::int64_t{1} << 40;
  if (count > limit) throw SyntaxError{code::duration, "duration too large", at, at + text.size()};
  if (months) return {0, count};
  return {weeks ? count * 7 : count, 0};
}

}  // namespace qpl::syntax
