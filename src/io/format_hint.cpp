#include "io/format_hint.hpp"

#include <initializer_list>

#include <fmt/format.h>

#include "support/value_formats.hpp"

namespace qpl::io {
namespace {

// The first of `patterns` whose date format reads `raw` (a time after the date is read past).
std::optional<std::string> first_date_format(std::initializer_list<std::string> patterns, std::string_view raw) {
  for (const std::string& pattern : patterns) {
    const auto format = parse_date_format(pattern);
    if (format && read_formatted_date(*format, raw)) return pattern;
  }
  return std::nullopt;
}

// 25/12/2026, 25.12.2026, 2026/12/25, 5/1/2026 19:58: the day-first or month-first formats that
// read it, both when both do.
std::optional<std::string> date_hint(std::string_view raw) {
  for (const char s : {'/', '.', '-'}) {
    const auto pattern = [s](std::string_view shape) { return fmt::format(fmt::runtime(shape), s); };
    if (s != '-')  // YYYY-MM-DD is the default: a text of that shape is an impossible date
      if (auto year_first = first_date_format({pattern("YYYY{0}MM{0}DD"), pattern("YYYY{0}M{0}D")}, raw))
        return year_first;
    const auto day_first = first_date_format({pattern("DD{0}MM{0}YYYY"), pattern("D{0}M{0}YYYY")}, raw);
    const auto month_first = first_date_format({pattern("MM{0}DD{0}YYYY"), pattern("M{0}D{0}YYYY")}, raw);
    if (day_first && month_first) return *day_first + "\" or \"" + *month_first;
    if (day_first) return day_first;
    if (month_first) return month_first;
  }
  return std::nullopt;
}

// 1,200 / 12 000 / 1.200,50 / 1'200.5: the first number format that reads it, written as the
// number one thousand, with decimals when the text has some (or when the format needs them to
// name its decimal mark).
std::optional<std::string> number_hint(std::string_view raw) {
  constexpr NumberFormat candidates[] = {{',', '.'}, {'.', ','}, {' ', '.'}, {' ', ','}, {'\'', '.'}};
  for (const NumberFormat& format : candidates) {
    if (!read_formatted_number(format, raw)) continue;
    std::string pattern = fmt::format("1{}000", format.group);
    const auto without_decimals = parse_number_format(pattern);
    if (raw.find(format.decimal) != std::string_view::npos || !without_decimals ||
        without_decimals->decimal != format.decimal)
      pattern += fmt::format("{}00", format.decimal);
    return pattern;
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> format_hint(TypeRef type, std::string_view raw) {
  std::optional<std::string> pattern;
  if (type->kind == TypeKind::date) pattern = date_hint(raw);
  else if (type->kind == TypeKind::number) pattern = number_hint(raw);
  if (!pattern) return std::nullopt;
  return fmt::format("format \"{}\"", *pattern);
}

}  // namespace qpl::io
