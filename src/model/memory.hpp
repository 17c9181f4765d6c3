#pragma once
// Stage memory: what a lead's previous result says (its stage and the date it entered it), held
// in the lead record as the optional record field `previous` { stage, since }. A policy that
// reads `previous` or `days_in_stage` gets that field from the checker; `eval --previous` fills
// it from an earlier run's results (docs/language.md, "Stage memory").
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "model/types.hpp"
#include "model/value.hpp"

namespace qpl {

inline constexpr std::string_view previous_field_name = "previous";
inline constexpr std::string_view days_in_stage_name = "days_in_stage";
// The remembered field of a policy with an `account` block: its account's values (AccountInfo).
inline constexpr std::string_view account_field_name = "account";
// The slots of the `previous` record's fields.
inline constexpr std::size_t previous_stage_slot = 0;
inline constexpr std::size_t previous_since_slot = 1;

// The slot of the remembered `previous` field of a lead schema, or -1.
int previous_slot(const RecordType& lead);

// The value of `previous` for a lead that was at `stage` since `since` (unknown when not given).
Value previous_value(std::string stage, std::optional<Date> since);

// The previous stage and since of a lead record (each null or nullopt when unknown).
struct PreviousState {
  const std::string* stage = nullptr;
  std::optional<Date> since;
};
PreviousState previous_state(const RecordValue& lead, int slot);

// The date a lead at `stage_now` entered it: the previous `since` when the stage did not change
// and it is known, else `today` (it enters the stage with this run). Nullopt without a stage.
std::optional<Date> since_for(const RecordValue& lead, int slot, const std::string* stage_now,
                              std::int32_t today);

// The instant a lead at `stage_now` entered it, for an hour SLA (docs/language.md, "Hour SLAs"):
// when the stage did not change and the previous `since` is known, `previous_at` (its time, when
// `--previous` gave one) or else 00:00 UTC of its date; else `now`. Nullopt without a stage.
std::optional<std::int64_t> since_instant_for(const RecordValue& lead, int slot, const std::string* stage_now,
                                              std::optional<std::int64_t> previous_at, std::int64_t now);

}  // namespace qpl
