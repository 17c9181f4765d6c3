#pragma once
// Structural equality of expressions: the same tree, ignoring spans, ids and layout, so
// `a>1` and `a > 1  # note` are the same condition. Names compare by what they resolve to.
#include <cstddef>

#include "model/ast.hpp"

namespace qpl::lint {

bool same_expr(const Expr& a, const Expr& b);
// Consistent with same_expr: equal trees hash equally.
std::size_t expr_hash(const Expr& e);

}  // namespace qpl::lint
