#pragma once
// Calendar dates as days since 1970-01-01 (proleptic Gregorian, no time zone), years 1..9999.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace qpl {

constexpr std::int32_t min_date_days = -719162;  // 0001-01-01
constexpr std::int32_t max_date_days = 2932896;  // 9999-12-31

std::int32_t days_from_civil(int year, unsigned month, unsigned day);
bool valid_civil(int year, unsigned month, unsigned day);
// "YYYY-MM-DD" exactly; nullopt for any other shape or an impossible date.
std::optional<std::int32_t> parse_iso_date(std::string_view text);
// R42: "YYYY-MM-DD", optionally followed by 'T' or ' ' and anything (time ignored).
std::optional<std::int32_t> parse_date_value(std::string_view text);
std::string format_date(std::int32_t days);  // "YYYY-MM-DD"
void append_date(std::string& out, std::int32_t days);  // the same, appended
// The same day of the month `months` later (earlier when negative), clamped to the end of a
// shorter month: 2026-01-31 + 1 month = 2026-02-28. Nullopt outside years 1..9999.
std::optional<std::int32_t> add_months(std::int32_t days, std::int64_t months);
// The current UTC date.
std::int32_t today_utc();

// An instant: seconds since 1970-01-01T00:00:00Z (the time of day an hour SLA measures).
constexpr std::int64_t seconds_per_day = 86400;

// A moment as `--as-of` or a result's `since` gives it (docs/language.md, "Hour SLAs"): the date
// as written and, when a time of day followed it, the instant it names (UTC without an offset).
struct Moment {
  std::int32_t days = 0;             // the date as written
  std::optional<std::int64_t> time;  // the instant, when a time of day was given
  // The instant; a date alone is 00:00 UTC of its day.
  std::int64_t instant() const { return time ? *time : std::int64_t(days) * seconds_per_day; }
};
// "YYYY-MM-DD", or that followed by 'T' or ' ' and "HH:MM[:SS[.fraction]]" then optionally "Z",
// "+HH:MM", "-HH:MM", "+HHMM" or "+HH"; nullopt for anything else.
std::optional<Moment> parse_moment(std::string_view text);
// The instant of the time of day after a date that parse_date_value read ("2026-11-02T09:14:00Z"),
// nullopt when the text has no time or what follows the date is not one.
std::optional<std::int64_t> parse_date_value_time(std::string_view text);
std::string format_instant(std::int64_t seconds);  // "YYYY-MM-DDTHH:MM:SSZ"
// The current UTC time, whole seconds.
std::int64_t now_utc();
// Whole units of `unit` seconds from `from` to `to`, rounded down (negative when `to` is earlier).
std::int64_t whole_units_between(std::int64_t from, std::int64_t to, std::int64_t unit);

}  // namespace qpl
