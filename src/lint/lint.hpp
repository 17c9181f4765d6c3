#pragma once
// `qualify lint`: warnings about a policy's logic (QPL4xx, QPL5xx; see codes.hpp and
// docs/diagnostics.md), on a policy that loaded without errors.
#include "model/policy.hpp"
#include "support/date.hpp"
#include "support/diagnostic.hpp"

namespace qpl::lint {

// Every warning and info of a checked policy, sorted. A policy with errors is not linted:
// its tree may be incomplete, and its errors come first. `today` (days since 1970-01-01, the
// --as-of date) is what an expired score rule (QPL451) is relative to.
Diagnostics lint_policy(const CheckedPolicy& policy, std::int32_t today = today_utc());

// Drops the warnings and infos that a `# qualify: allow QPL401, QPL402` comment allows, on the
// diagnostic's line or the line above. Errors cannot be allowed away.
void apply_inline_allows(const CheckedPolicy& policy, Diagnostics& diagnostics);

}  // namespace qpl::lint
