#pragma once
// Whether two policies read records the same way: the same fields (names, sources, types,
// optional or not), the same `missing values`, the same id field. `diff` then reads and binds
// each record once for both policies.
#include "model/policy.hpp"

namespace qpl {

bool same_schema(const Schema& a, const Schema& b);

}  // namespace qpl
