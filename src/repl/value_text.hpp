#pragma once
// Values as the REPL prints them: QPL literal syntax (`35`, `"fr"`, `2026-11-01`, `["a", "b"]`,
// records as `{type: "page_view", day: 2026-10-29}`), `unknown` for unknown.
#include <string>
#include <vector>

#include "model/policy.hpp"
#include "model/value.hpp"

namespace qpl::repl {

// `type` names record fields; without it a record prints its values only. Text is escaped as a
// QPL text literal and sanitized for the terminal.
std::string value_text(const Value& value, TypeRef type);

// The lead fields (by name, in first-reading order) whose missing value can have made `expr`
// unknown on `lead`: fields it reads directly or through lets, icps, scores' rules and checks.
std::vector<std::string> missing_fields_of(const Expr& expr, const CheckedPolicy& policy,
                                           const RecordValue& lead);

}  // namespace qpl::repl
