#include "io/format_hint.hpp"

#include <vector>

#include <fmt/format.h>

namespace qpl::io {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// 12/10/2026, 2026.10.12, 1-2-2026 19:58: three groups of digits with one separator between them.
std::optional<std::string> date_hint(std::string_view raw) {
  raw = raw.substr(0, raw.find_first_of(" T"));  // a time after the date is read past, as in ISO
  std::vector<std::string_view> groups;
  char separator = 0;
  std::size_t begin = 0;
  for (std::size_t i = 0; i <= raw.size(); ++i) {
    if (i < raw.size() && is_digit(raw[i])) continue;
    if (i == begin) return std::nullopt;
    groups.push_back(raw.substr(begin, i - begin));
    if (i == raw.size()) break;
    if (separator == 0) separator = raw[i];
    if (raw[i] != separator || (separator != '/' && separator != '.' && separator != '-')) return std::nullopt;
    begin = i + 1;
  }
  if (groups.size() != 3) return std::nullopt;
  const auto number = [](std::string_view g) { return std::stoi(std::string(g)); };
  const auto sep = std::string(1, separator);
  if (groups[0].size() == 4 && groups[1].size() <= 2 && groups[2].size() <= 2)  // not 2026-02-30
    return separator == '-' ? std::nullopt : std::optional(fmt::format("YYYY{0}MM{0}DD", sep));
  if (groups[2].size() != 4 || groups[0].size() > 2 || groups[1].size() > 2) return std::nullopt;
  if (number(groups[0]) > 12) return fmt::format("DD{0}MM{0}YYYY", sep);
  if (number(groups[1]) > 12) return fmt::format("MM{0}DD{0}YYYY", sep);
  return fmt::format("DD{0}MM{0}YYYY\" or \"MM{0}DD{0}YYYY", sep);
}

// 1,200 / 12 000 / 1.200,50 / 1'200: digits grouped by threes, maybe a decimal part.
std::optional<std::string> number_hint(std::string_view raw) {
  std::size_t start = raw.starts_with('-') || raw.starts_with('+') ? 1 : 0;
  std::string_view digits = raw.substr(start);
  if (digits.empty() || !is_digit(digits.front()) || !is_digit(digits.back())) return std::nullopt;
  // The decimal mark: the last '.' or ',' followed by one or two digits to the end.
  char decimal = 0;
  std::string_view whole = digits;
  const std::size_t last = digits.find_last_of(".,");
  if (last != std::string_view::npos && digits.size() - last - 1 <= 2) {
    decimal = digits[last];
    whole = digits.substr(0, last);
  }
  // The whole part: 1 to 3 digits, then groups of exactly 3 after one separator.
  char group = 0;
  std::size_t run = 0, groups = 0;
  for (std::size_t i = 0; i < whole.size(); ++i) {
    const char c = whole[i];
    if (is_digit(c)) {
      ++run;
      continue;
    }
    if (group == 0) group = c;
    if (c != group || (c != ',' && c != '.' && c != ' ' && c != '\'') || c == decimal) return std::nullopt;
    if (run == 0 || run > 3 || (groups > 0 && run != 3)) return std::nullopt;
    ++groups;
    run = 0;
  }
  if (groups == 0 || run != 3) return std::nullopt;
  return fmt::format("1{}000{}", group, decimal ? fmt::format("{}00", decimal) : std::string());
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
