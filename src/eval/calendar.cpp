#include "eval/calendar.hpp"

#include "support/date.hpp"

namespace qpl::eval {

Value shifted_date(std::int32_t date, const DurationLit& duration, int sign) {
  std::int64_t days = date;
  if (duration.months != 0) {
    const auto moved = add_months(date, sign * duration.months);
    if (!moved) return Value(Unknown{Fault::date_out_of_range});
    days = *moved;
  }
  days += sign * duration.days;
  if (days < min_date_days || days > max_date_days) return Value(Unknown{Fault::date_out_of_range});
  return Value(Date{static_cast<std::int32_t>(days)});
}

std::int64_t within_days(std::int32_t today, const Within& w) {
  if (w.months == 0) return w.days;
  const auto start = add_months(today, -w.months);
  // Before year 1: every date of the calendar is within.
  return start ? std::int64_t(today) - *start : std::int64_t(today) - min_date_days;
}

}  // namespace qpl::eval
