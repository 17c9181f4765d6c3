#include "model/sla.hpp"

#include "support/date.hpp"

namespace qpl {

std::optional<SlaState> sla_state(const FunnelDecl* funnel, const std::string* stage, std::optional<Date> since,
                                  std::optional<std::int64_t> since_at, SlaClock clock) {
  if (funnel == nullptr || stage == nullptr || !since) return std::nullopt;
  const FunnelSla* sla = funnel->sla(*stage);
  if (sla == nullptr) return std::nullopt;
  if (!sla->in_hours) return SlaState{sla, std::int64_t(clock.today) - since->days};
  const std::int64_t from = since_at ? *since_at : std::int64_t(since->days) * seconds_per_day;
  return SlaState{sla, whole_units_between(from, clock.now, 3600)};
}

bool has_hour_sla(const FunnelDecl* funnel, const std::string* stage) {
  if (funnel == nullptr || stage == nullptr) return false;
  const FunnelSla* sla = funnel->sla(*stage);
  return sla != nullptr && sla->in_hours;
}

std::string sla_amount(const SlaState& state, std::int64_t count) {
  const char* unit = state.in_hours() ? "hour" : "day";
  return std::to_string(count) + " " + unit + (count == 1 ? "" : "s");
}

}  // namespace qpl
