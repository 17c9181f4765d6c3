#include "support/value_formats.hpp"

#include "support/date.hpp"
#include "support/number_format.hpp"
#include "support/utf8.hpp"

namespace qpl {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Reads `min`..`max` digits at `i`; nullopt when fewer than `min`.
std::optional<unsigned> read_digits(std::string_view text, std::size_t& i, std::size_t min,
                                    std::size_t max) {
  unsigned value = 0;
  std::size_t count = 0;
  while (count < max && i < text.size() && is_digit(text[i])) {
    value = value * 10 + static_cast<unsigned>(text[i++] - '0');
    ++count;
  }
  if (count < min) return std::nullopt;
  return value;
}

}  // namespace

std::optional<DateFormat> parse_date_format(std::string_view pattern) {
  using Part = DateFormat::Part;
  DateFormat format;
  int years = 0, months = 0, days = 0;
  for (std::size_t i = 0; i < pattern.size();) {
    const std::string_view rest = pattern.substr(i);
    if (rest.starts_with("YYYY")) {
      format.tokens.push_back({Part::year4, 0});
      ++years, i += 4;
    } else if (rest.starts_with("MM")) {
      format.tokens.push_back({Part::month2, 0});
      ++months, i += 2;
    } else if (rest.starts_with("DD")) {
      format.tokens.push_back({Part::day2, 0});
      ++days, i += 2;
    } else if (rest[0] == 'M') {
      format.tokens.push_back({Part::month, 0});
      ++months, ++i;
    } else if (rest[0] == 'D') {
      format.tokens.push_back({Part::day, 0});
      ++days, ++i;
    } else if (is_letter(rest[0]) || is_digit(rest[0]) ||
               static_cast<unsigned char>(rest[0]) >= 0x80) {
      return std::nullopt;
    } else {
      format.tokens.push_back({Part::literal, rest[0]});
      ++i;
    }
  }
  if (years != 1 || months != 1 || days != 1) return std::nullopt;
  // `DM` or `MD` without a separator cannot be read back unambiguously.
  for (std::size_t t = 1; t < format.tokens.size(); ++t) {
    const Part a = format.tokens[t - 1].part, b = format.tokens[t].part;
    if ((a == Part::month || a == Part::day) && b != Part::literal) return std::nullopt;
    if ((b == Part::month || b == Part::day) && a != Part::literal) return std::nullopt;
  }
  return format;
}

std::optional<std::int32_t> read_formatted_date(const DateFormat& format, std::string_view text) {
  using Part = DateFormat::Part;
  text = trim(text);
  std::size_t i = 0;
  std::optional<unsigned> year, month, day;
  for (const DateFormat::Token& token : format.tokens) {
    switch (token.part) {
      case Part::year4: year = read_digits(text, i, 4, 4); if (!year) return std::nullopt; break;
      case Part::month2: month = read_digits(text, i, 2, 2); if (!month) return std::nullopt; break;
      case Part::day2: day = read_digits(text, i, 2, 2); if (!day) return std::nullopt; break;
      case Part::month: month = read_digits(text, i, 1, 2); if (!month) return std::nullopt; break;
      case Part::day: day = read_digits(text, i, 1, 2); if (!day) return std::nullopt; break;
      case Part::literal:
        if (i >= text.size() || text[i] != token.literal) return std::nullopt;
        ++i;
        break;
    }
  }
  // As for ISO dates (R42): a time part after the date is ignored.
  if (i < text.size() && text[i] != ' ' && text[i] != 'T') return std::nullopt;
  const int y = static_cast<int>(*year);
  if (y < 1 || !valid_civil(y, *month, *day)) return std::nullopt;
  return days_from_civil(y, *month, *day);
}

std::optional<NumberFormat> parse_number_format(std::string_view pattern) {
  // 1 [SEP] 000 [MARK 0...]
  NumberFormat format;
  std::size_t i = 0;
  if (pattern.empty() || pattern[i++] != '1') return std::nullopt;
  if (i < pattern.size() && !is_digit(pattern[i])) {
    format.group = pattern[i++];
    if (format.group != ',' && format.group != '.' && format.group != ' ' && format.group != '\'')
      return std::nullopt;
  }
  if (pattern.substr(i, 3) != "000") return std::nullopt;
  i += 3;
  if (format.group == '.') format.decimal = ',';
  if (i < pattern.size()) {
    const char mark = pattern[i++];
    if ((mark != '.' && mark != ',') || mark == format.group) return std::nullopt;
    format.decimal = mark;
    if (i == pattern.size()) return std::nullopt;
    for (; i < pattern.size(); ++i)
      if (pattern[i] != '0') return std::nullopt;
  }
  return format;
}

std::optional<double> read_formatted_number(const NumberFormat& format, std::string_view text) {
  text = trim(text);
  std::string plain;  // the value as R43 reads it: sign, digits, '.', decimals
  plain.reserve(text.size());
  std::size_t i = 0;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) plain += text[i++];
  // The separator at `i`, if any: its length in bytes, else 0.
  const auto separator_at = [&](std::size_t at) -> std::size_t {
    if (format.group == 0 || at >= text.size()) return 0;
    if (text[at] == format.group) return 1;
    if (format.group == ' ') {
      const std::string_view rest = text.substr(at);
      if (rest.starts_with("\xC2\xA0")) return 2;      // U+00A0 no-break space
      if (rest.starts_with("\xE2\x80\xAF")) return 3;  // U+202F narrow no-break space
    }
    return 0;
  };
  std::size_t group_digits = 0;
  bool grouped = false;
  while (i < text.size()) {
    if (is_digit(text[i])) {
      plain += text[i++];
      ++group_digits;
      continue;
    }
    const std::size_t separator = separator_at(i);
    if (separator == 0) break;
    // The first group has 1 to 3 digits, every later one exactly 3.
    if (group_digits == 0 || group_digits > 3 || (grouped && group_digits != 3))
      return std::nullopt;
    grouped = true;
    group_digits = 0;
    i += separator;
  }
  if (group_digits == 0 || (grouped && group_digits != 3)) return std::nullopt;
  if (i < text.size() && text[i] == format.decimal) {
    plain += '.';
    ++i;
    const std::size_t decimals_begin = i;
    while (i < text.size() && is_digit(text[i])) plain += text[i++];
    if (i == decimals_begin) return std::nullopt;
  }
  if (i != text.size()) return std::nullopt;
  return parse_number_text(plain, false);
}

}  // namespace qpl
