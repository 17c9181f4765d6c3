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
// The same day of the month `months` later (earlier when negative), clamped to the end of a
// shorter month: 2026-01-31 + 1 month = 2026-02-28. Nullopt outside years 1..9999.
std::optional<std::int32_t> add_months(std::int32_t days, std::int64_t months);
// The current UTC date.
std::int32_t today_utc();

}  // namespace qpl
