#pragma once
// Bounds that keep the parser (and every recursive walker after it) safe on hostile input.
#include <cstddef>

namespace qpl::syntax {

// Brackets, lists, calls, `not`/`-` chains, nested literal records and `list of` types: each
// level costs parser stack, so the nesting is bounded and reported, never a crash.
inline constexpr std::size_t max_nesting_depth = 256;

// The height of an expression tree (a long `a + b + c ...` chain is as deep as it is long);
// the checker and the evaluator walk trees recursively.
inline constexpr std::size_t max_expression_height = 1000;

}  // namespace qpl::syntax
