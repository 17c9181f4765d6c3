#pragma once
// The bound shared by the checker and the evaluator, so that a checked policy always evaluates.
#include <cstddef>

namespace qpl {

// How deep evaluating one condition may go: one level per expression node, and for each let,
// icp, score or check it reads, the levels of that definition's expressions below it, and so on
// down the chain. The evaluator recurses this deep on the machine stack; the checker computes
// the depth of every definition and condition (whatever the declaration order) and refuses a
// policy that goes deeper.
inline constexpr std::size_t max_evaluation_depth = 4000;

}  // namespace qpl
