#include "model/sla.hpp"

#include "model/memory.hpp"
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

LeadSince lead_since(const FunnelDecl* funnel, const RecordValue& lead, int slot, const std::string* stage,
                     SlaClock clock, std::optional<std::int64_t> previous_at) {
  LeadSince out;
  if (slot < 0) return out;
  out.since = since_for(lead, slot, stage, clock.today);
  if (has_hour_sla(funnel, stage)) out.since_at = since_instant_for(lead, slot, stage, previous_at, clock.now);
  out.sla = sla_state(funnel, stage, out.since, out.since_at, clock);
  return out;
}

std::string sla_line(const SlaState& state) {
  std::string text = "sla: " + state.sla->stage + " within " + state.sla->within + " — age " + sla_amount(state, state.age);
  text += state.overdue() ? ", overdue by " + sla_amount(state, state.overdue_by()) : ", ok";
  return text;
}

const std::string* sla_expectation(const FunnelDecl* funnel, const Expr& expr) {
  if (funnel == nullptr || funnel->slas.empty()) return nullptr;
  const auto* member = std::get_if<Member>(&expr.kind);
  if (member == nullptr || !member->object) return nullptr;
  const auto* name = std::get_if<Name>(&member->object->kind);
  if (name == nullptr || name->name != "sla" || name->ref.kind != RefKind::unresolved) return nullptr;
  return &member->member;
}

Value sla_member_value(const std::optional<SlaState>& state, const std::string& member) {
  if (!state) return Value(Unknown{});
  if (member == "overdue") return Value(state->overdue());
  if (member == "within") return Value(state->sla->within);
  if ((member == "age_days" && !state->in_hours()) || (member == "age_hours" && state->in_hours()))
    return Value(static_cast<double>(state->age));
  return Value(Unknown{});
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
