#include "model/sla.hpp"

namespace qpl {

std::optional<SlaState> sla_state(const FunnelDecl* funnel, const std::string* stage, std::optional<Date> since,
                                  std::int32_t today) {
  if (funnel == nullptr || stage == nullptr || !since) return std::nullopt;
  const FunnelSla* sla = funnel->sla(*stage);
  if (sla == nullptr) return std::nullopt;
  return SlaState{sla, today - since->days};
}

}  // namespace qpl
