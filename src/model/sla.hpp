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

// Where a lead at `stage` stands: the date it entered it (`since`, model/memory.hpp's since_for),
// for an hour SLA the instant too (since_instant_for, from `previous_at`, the time of day
// `--previous` gave), and its SLA state. All empty without a stage; `slot` is the lead's
// remembered `previous` (model/memory.hpp), or -1 (then: nothing).
struct LeadSince {
  std::optional<Date> since;
  std::optional<std::int64_t> since_at;
  std::optional<SlaState> sla;
};
LeadSince lead_since(const FunnelDecl* funnel, const RecordValue& lead, int slot, const std::string* stage,
                     SlaClock clock, std::optional<std::int64_t> previous_at);

// `sla: mql within 1 day — age 2 days, overdue by 1 day` (or `, ok`): the line the REPL's
// `:stage` and explain texts show.
std::string sla_line(const SlaState& state);

// A test's `expect sla.overdue = true` (docs/language.md, "Explain, tests and the report"): the
// member it names (`overdue`, `age_days`, `age_hours`, `within`) when `expr` is `sla.X` in a
// policy whose funnel has an `sla` line and where `sla` names nothing the policy declares (the
// checker then leaves the name unresolved); null otherwise.
const std::string* sla_expectation(const FunnelDecl* funnel, const Expr& expr);
// The members `sla.X` may name, and the value of one for a lead's state (unknown without one, or
// for the age in the other unit).
inline constexpr const char* sla_members[] = {"overdue", "age_days", "age_hours", "within"};
Value sla_member_value(const std::optional<SlaState>& state, const std::string& member);

// Whether the funnel gives `stage` an hour SLA (its `since` is then written as a date-time).
bool has_hour_sla(const FunnelDecl* funnel, const std::string* stage);

// "1 day", "3 days", "1 hour", "5 hours": an age or a lateness in the SLA's unit.
std::string sla_amount(const SlaState& state, std::int64_t count);

}  // namespace qpl
