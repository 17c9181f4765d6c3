#pragma once
// Which missing lead fields can have made an expression unknown, for the REPL's answers.
#include <string>
#include <vector>

#include "model/policy.hpp"
#include "model/value.hpp"

namespace qpl::repl {

// The lead fields (by name, in first-reading order) whose missing value can have made `expr`
// unknown on `lead`: fields it reads directly or through lets, icps, scores' rules and checks.
std::vector<std::string> missing_fields_of(const Expr& expr, const CheckedPolicy& policy,
                                           const RecordValue& lead);

}  // namespace qpl::repl
