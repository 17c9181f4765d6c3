#pragma once
// A sound, incomplete test of implication between conditions under QPL's three-valued logic:
// implies(a, b) answers true only when every lead for which `a` is *true* also makes `b` true
// (unknown counts as not true, as a funnel line does). It sees conjunct subsets in any order,
// `or` on either side, lets (expanded), `at least K of` / `all of` / `any of` on one group, and
// ranges of a value against number or date literals. Anything else is "not known to imply".
#include "model/policy.hpp"

namespace qpl::lint {

bool implies(const CheckedPolicy& policy, const Expr& a, const Expr& b);

}  // namespace qpl::lint
