#pragma once
// A lead's SLA state (docs/language.md, "SLAs"): how long it has been in a stage that has an
// `sla`, against how long the stage allows; in days for a day SLA, in hours for an hour SLA.
#include <cstdint>
#include <optional>
#include <string>

#include "model/ast.hpp"
#include "model/value.hpp"

namespace qpl {

// The time of a run: `today` for day SLAs, `now` (an instant, support/date.hpp) for hour SLAs.
struct SlaClock {
  std::int32_t today = 0;
  std::int64_t now = 0;
};

struct SlaState {
  const FunnelSla* sla = nullptr;
  // Whole days (a day SLA: today - since) or whole hours (an hour SLA: since to now, rounded down).
  std::int64_t age = 0;
  bool in_hours() const { return sla->in_hours; }
  std::int64_t allowed() const { return sla->in_hours ? sla->hours : sla->days; }
  // Past its SLA: in the stage longer than the SLA allows (`within 2 days`: overdue on day 3).
  bool overdue() const { return age > allowed(); }
  std::int64_t overdue_by() const { return age - allowed(); }
};

// The state of a lead at `stage` since `since` (its instant `since_at` for an hour SLA: see
// model/memory.hpp's since_instant_for), at `clock`; nullopt when the funnel gives the stage no
// SLA, or without a stage or a since.
std::optional<SlaState> sla_state(const FunnelDecl* funnel, const std::string* stage, std::optional<Date> since,
                                  std::optional<std::int64_t> since_at, SlaClock clock);

// Whether the funnel gives `stage` an hour SLA (its `since` is then written as a date-time).
bool has_hour_sla(const FunnelDecl* funnel, const std::string* stage);

// "1 day", "3 days", "1 hour", "5 hours": an age or a lateness in the SLA's unit.
std::string sla_amount(const SlaState& state, std::int64_t count);

}  // namespace qpl
