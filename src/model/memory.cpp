#include "model/memory.hpp"

#include <memory>
#include <variant>

namespace qpl {

int previous_slot(const RecordType& lead) {
  for (std::size_t i = 0; i < lead.fields.size(); ++i)
    if (lead.fields[i].remembered && lead.fields[i].name == previous_field_name) return static_cast<int>(i);
  return -1;
}

Value previous_value(std::string stage, std::optional<Date> since) {
  auto record = std::make_shared<RecordValue>();
  record->fields.resize(2);
  record->fields[previous_stage_slot] = Value(std::move(stage));
  if (since) record->fields[previous_since_slot] = Value(*since);
  return Value(RecordPtr(std::move(record)));
}

PreviousState previous_state(const RecordValue& lead, int slot) {
  PreviousState state;
  if (slot < 0 || static_cast<std::size_t>(slot) >= lead.fields.size()) return state;
  const auto* record = std::get_if<RecordPtr>(&lead.fields[static_cast<std::size_t>(slot)].data);
  if (record == nullptr || !*record || (*record)->fields.size() <= previous_since_slot) return state;
  const RecordValue& previous = **record;
  state.stage = std::get_if<std::string>(&previous.fields[previous_stage_slot].data);
  if (const auto* since = std::get_if<Date>(&previous.fields[previous_since_slot].data)) state.since = *since;
  return state;
}

std::optional<Date> since_for(const RecordValue& lead, int slot, const std::string* stage_now,
                              std::int32_t today) {
  if (stage_now == nullptr) return std::nullopt;
  const PreviousState previous = previous_state(lead, slot);
  if (previous.stage != nullptr && *previous.stage == *stage_now && previous.since) return previous.since;
  return Date{today};
}

std::optional<std::int64_t> since_instant_for(const RecordValue& lead, int slot, const std::string* stage_now,
                                              std::optional<std::int64_t> previous_at, std::int64_t now) {
  if (stage_now == nullptr) return std::nullopt;
  const PreviousState previous = previous_state(lead, slot);
  if (previous.stage == nullptr || *previous.stage != *stage_now || !previous.since) return now;
  if (previous_at) return previous_at;
  return std::int64_t(previous.since->days) * 86400;
}

}  // namespace qpl
