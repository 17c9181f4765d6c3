#include "model/policy.hpp"

#include <atomic>

namespace qpl {

const RecordType* Schema::record(std::string_view name) const {
  for (const auto& r : records)
    if (r.name == name) return &r;
  return nullptr;
}

std::uint64_t next_policy_serial() {
  static std::atomic<std::uint64_t> next{1};
  return next.fetch_add(1, std::memory_order_relaxed);
}

std::string policy_title(const CheckedPolicy& policy) {
  if (!policy.header) return {};
  std::string title = policy.header->name;
  if (policy.header->version) title += " (version " + std::to_string(*policy.header->version) + ")";
  return title;
}

}  // namespace qpl
