#include "present/result_fields.hpp"

namespace qpl::present {

const Value* result_id(const CheckedPolicy& policy, const ResultView& result) {
  static const Value unknown{Unknown{}};
  const int slot = policy.schema.id_field;
  if (slot < 0) return nullptr;
  const auto index = static_cast<std::size_t>(slot);
  if (result.lead == nullptr || index >= result.lead->fields.size()) return &unknown;
  return &result.lead->fields[index];
}

std::vector<CheckColumn> check_columns(const CheckedPolicy& policy) {
  std::vector<CheckColumn> columns;
  for (const GatesInfo& group : policy.gates) {
    for (const std::uint32_t index : group.checks) {
      columns.push_back({group.name, policy.checks.at(index).label, index});
    }
  }
  return columns;
}

}  // namespace qpl::present
