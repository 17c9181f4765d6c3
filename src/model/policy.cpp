#include "model/policy.hpp"

namespace qpl {

const RecordType* Schema::record(std::string_view name) const {
  for (const auto& r : records)
    if (r.name == name) return &r;
  return nullptr;
}

}  // namespace qpl
