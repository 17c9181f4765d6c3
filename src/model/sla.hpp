#pragma once
// A lead's SLA state (docs/language.md, "SLAs"): how long it has been in a stage that has an
// `sla`, against how long the stage allows.
#include <cstdint>
#include <optional>
#include <string>

#include "model/ast.hpp"
#include "model/value.hpp"

namespace qpl {

struct SlaState {
  const FunnelSla* sla = nullptr;
  std::int32_t age_days = 0;  // today - since
  // Past its SLA: in the stage longer than the SLA allows (`within 2 days`: overdue on day 3).
  bool overdue() const { return age_days > sla->days; }
};

// The state of a lead at `stage` since `since`, on `today`; nullopt when the funnel gives the
// stage no SLA, or without a stage or a since.
std::optional<SlaState> sla_state(const FunnelDecl* funnel, const std::string* stage, std::optional<Date> since,
                                  std::int32_t today);

}  // namespace qpl
