#include "support/date.hpp"

#include <chrono>
#include <iterator>
#include <fmt/format.h>

namespace qpl {

std::int32_t days_from_civil(int year, unsigned month, unsigned day) {
  // Howard Hinnant's algorithm.
  year -= month <= 2;
  const int era = (year >= 0 ? year : year - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(year - era * 400);
  const unsigned doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int>(doe) - 719468;
}

bool valid_civil(int year, unsigned month, unsigned day) {
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
  static constexpr unsigned lengths[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  const unsigned length = month == 2 && leap ? 29 : lengths[month - 1];
  return day <= length;
}

std::optional<std::int32_t> parse_iso_date(std::string_view t) {
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
  auto digits = [&](std::size_t from, std::size_t count) -> int {
    int v = 0;
    for (std::size_t i = from; i < from + count; ++i) {
      if (t[i] < '0' || t[i] > '9') return -1;
      v = v * 10 + (t[i] - '0');
    }
    return v;
  };
  const int y = digits(0, 4), m = digits(5, 2), d = digits(8, 2);
  if (y < 0 || m < 0 || d < 0) return std::nullopt;
  if (!valid_civil(y, static_cast<unsigned>(m), static_cast<unsigned>(d))) return std::nullopt;
  return days_from_civil(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
}

std::optional<std::int32_t> parse_date_value(std::string_view t) {
  if (t.size() > 10) {
    if (t[10] != 'T' && t[10] != ' ') return std::nullopt;
    t = t.substr(0, 10);
  }
  return parse_iso_date(t);
}

namespace {
struct Civil {
  int year;
  unsigned month, day;
};
Civil civil_from_days(std::int32_t days) {  // inverse of days_from_civil
  const int z = days + 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int y0 = static_cast<int>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {y0 + (m <= 2), m, d};
}
}  // namespace

void append_date(std::string& out, std::int32_t days) {
  const Civil c = civil_from_days(days);
  if (c.year < 0 || c.year > 9999) {  // never a QPL date: as fmt's "{:04}" pads it ("-001", "12345")
    fmt::format_to(std::back_inserter(out), "{:04}-{:02}-{:02}", c.year, c.month, c.day);
    return;
  }
  // Written by hand: on --explain this runs for every date of every lead, and fmt took ~1,800
  // instructions a call.
  const auto year = static_cast<unsigned>(c.year);
  const char text[10] = {
      char('0' + year / 1000),     char('0' + year / 100 % 10), char('0' + year / 10 % 10),
      char('0' + year % 10),       '-',
      char('0' + c.month / 10),    char('0' + c.month % 10),    '-',
      char('0' + c.day / 10),      char('0' + c.day % 10)};
  out.append(text, sizeof text);
}

std::string format_date(std::int32_t days) {
  std::string out;
  append_date(out, days);
  return out;
}

std::optional<std::int32_t> add_months(std::int32_t days, std::int64_t months) {
  const Civil c = civil_from_days(days);
  constexpr std::int64_t limit = 12 * 10000;
  if (months > limit || months < -limit) return std::nullopt;
  const std::int64_t index = std::int64_t(c.year) * 12 + (c.month - 1) + months;  // months since year 0
  const std::int64_t year = index >= 0 ? index / 12 : (index - 11) / 12;
  const unsigned month = static_cast<unsigned>(index - year * 12) + 1;
  if (year < 1 || year > 9999) return std::nullopt;
  unsigned day = c.day;
  while (day > 28 && !valid_civil(int(year), month, day)) --day;
  return days_from_civil(int(year), month, day);
}

std::int32_t today_utc() {
  using namespace std::chrono;
  return static_cast<std::int32_t>(
      floor<days>(system_clock::now()).time_since_epoch().count());
}

namespace {

// "HH:MM[:SS[.fraction]][Z|+HH:MM|-HH:MM|+HHMM|+HH]": seconds into the day minus the offset.
std::optional<std::int64_t> parse_time_of_day(std::string_view t) {
  std::size_t at = 0;
  const auto two = [&](int max) -> int {
    if (at + 2 > t.size() || t[at] < '0' || t[at] > '9' || t[at + 1] < '0' || t[at + 1] > '9') return -1;
    const int v = (t[at] - '0') * 10 + (t[at + 1] - '0');
    at += 2;
    return v <= max ? v : -1;
  };
  const int hour = two(23);
  if (hour < 0 || at >= t.size() || t[at++] != ':') return std::nullopt;
  const int minute = two(59);
  if (minute < 0) return std::nullopt;
  int second = 0;
  if (at < t.size() && t[at] == ':') {
    ++at;
    second = two(59);
    if (second < 0) return std::nullopt;
    if (at < t.size() && (t[at] == '.' || t[at] == ',')) {
      ++at;
      const std::size_t digits = at;
      while (at < t.size() && t[at] >= '0' && t[at] <= '9') ++at;
      if (at == digits) return std::nullopt;  // fractions of a second are dropped
    }
  }
  std::int64_t offset = 0;
  if (at < t.size()) {
    if (t[at] == 'Z' || t[at] == 'z') {
      ++at;
    } else if (t[at] == '+' || t[at] == '-') {
      const int sign = t[at++] == '-' ? -1 : 1;
      const int oh = two(23);
      if (oh < 0) return std::nullopt;
      int om = 0;
      if (at < t.size()) {
        if (t[at] == ':') ++at;
        om = two(59);
        if (om < 0) return std::nullopt;
      }
      offset = sign * (std::int64_t(oh) * 3600 + std::int64_t(om) * 60);
    } else {
      return std::nullopt;
    }
  }
  if (at != t.size()) return std::nullopt;
  return std::int64_t(hour) * 3600 + std::int64_t(minute) * 60 + second - offset;
}

}  // namespace

std::optional<Moment> parse_moment(std::string_view text) {
  if (text.size() <= 10) {
    const auto days = parse_iso_date(text);
    if (!days) return std::nullopt;
    return Moment{*days, std::nullopt};
  }
  const auto days = parse_date_value(text);
  if (!days) return std::nullopt;
  const auto seconds = parse_time_of_day(text.substr(11));
  if (!seconds) return std::nullopt;
  return Moment{*days, std::int64_t(*days) * seconds_per_day + *seconds};
}

std::optional<std::int64_t> parse_date_value_time(std::string_view text) {
  if (text.size() <= 11) return std::nullopt;
  const auto days = parse_date_value(text);
  if (!days) return std::nullopt;
  const auto seconds = parse_time_of_day(text.substr(11));
  if (!seconds) return std::nullopt;
  return std::int64_t(*days) * seconds_per_day + *seconds;
}

std::int64_t whole_units_between(std::int64_t from, std::int64_t to, std::int64_t unit) {
  const std::int64_t d = to - from;
  return d >= 0 ? d / unit : -((-d + unit - 1) / unit);
}

std::string format_instant(std::int64_t seconds) {
  const std::int64_t days = whole_units_between(0, seconds, seconds_per_day);
  const std::int64_t in_day = seconds - days * seconds_per_day;
  return fmt::format("{}T{:02}:{:02}:{:02}Z", format_date(static_cast<std::int32_t>(days)), in_day / 3600,
                     in_day / 60 % 60, in_day % 60);
}

std::int64_t now_utc() {
  using namespace std::chrono;
  return floor<seconds>(system_clock::now()).time_since_epoch().count();
}

}  // namespace qpl
