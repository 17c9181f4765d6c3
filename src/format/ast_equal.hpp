#pragma once
// Structural equality of parsed files: what a policy means, not where it was written. Spans,
// node ids and the checker's annotations are ignored (Cedar's Node<T> equality ignores loc).
#include "model/ast.hpp"

namespace qpl::format {

bool same_expr(const Expr& a, const Expr& b);
// Equal declarations in the same order (comments are not compared here).
bool same_module(const Module& a, const Module& b);

}  // namespace qpl::format
