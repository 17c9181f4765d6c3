#pragma once
// Every expression a policy's declarations hold, with where it stands: the one walk behind
// lint's passes, the data watch of `eval` and stage memory's search for the names it provides.
#include <cstdint>
#include <functional>

#include "model/policy.hpp"

namespace qpl {

// Where an expression sits in the policy (a recycle line's condition is a funnel root).
enum class RootKind : std::uint8_t {
  let, icp_require, icp_exclude, score_per, score_when, check, funnel, grade, test,
  account,  // an account let's value (its aggregates over `contacts` hold lead-level parts)
};

// Calls `f` on every expression root of every module, in source order. A declaration kind the
// walk does not know is a compile error, so a new kind cannot be skipped silently.
void for_each_root(const CheckedPolicy& p, const std::function<void(const Expr&, RootKind)>& f);

}  // namespace qpl
