#pragma once
// Stage memory in a policy (docs/language.md, "Stage memory"): `previous` and `days_in_stage`
// are names a policy with a funnel may read without declaring them.
#include "model/policy.hpp"
#include "support/diagnostic.hpp"

namespace qpl::sema {

// When the policy reads `days_in_stage` and declares nothing of that name, adds the file
// `<memory>` holding `let days_in_stage = today - previous.since`. Before expressions are
// numbered and checked.
void add_memory_prelude(CheckedPolicy& policy, Diagnostics& diags);

// Whether the policy reads the name `previous` (a prelude included), or has a forward-only
// funnel or an `sla`, and declares nothing of that name: then the lead gets the remembered field `previous`.
bool reads_undeclared(const CheckedPolicy& policy, std::string_view name);

}  // namespace qpl::sema
