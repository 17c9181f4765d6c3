#pragma once
// Shifting a date by a duration literal: days and weeks count days, months are calendar months
// (end-of-month clamped). language.md, "Durations".
#include <cstdint>

#include "model/ast.hpp"
#include "model/value.hpp"

namespace qpl::eval {

// `date + duration` (sign 1) or `date - duration` (sign -1); unknown (date_out_of_range)
// outside years 1..9999.
Value shifted_date(std::int32_t date, const DurationLit& duration, int sign);
// How many days back from `today` `d within N ...` reaches: N days, or the days to the same
// day N months earlier (clamped).
std::int64_t within_days(std::int32_t today, const Within& w);

}  // namespace qpl::eval
