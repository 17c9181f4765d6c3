#pragma once
// Structural equality of the AST: what a policy means, not where it was written. Spans, node
// ids, layout and comments are ignored (Cedar's Node<T> equality ignores loc), so `a>1` and
// `a > 1  # note` are the same condition. Used by `qualify fmt` (the re-parsed output means what
// the input meant) and by lint (two conditions are the same test).
#include <cstddef>
#include <optional>

#include "model/ast.hpp"

namespace qpl {

// How names compare. A parsed, unchecked tree has no resolutions yet: its names compare as
// written. A checked tree compares by what each name resolves to as well (the same word may name
// a `let` in one file and a field in another).
enum class NameMatch { as_written, as_resolved };

bool same_expr(const Expr& a, const Expr& b, NameMatch names = NameMatch::as_written);
// Consistent with same_expr (either NameMatch): equal trees hash equally.
std::size_t expr_hash(const Expr& e);

// The same decay clause (shape, period and `by`), or both absent.
bool same_decay(const std::optional<Decay>& a, const std::optional<Decay>& b);

// Equal declarations in the same order, names as written.
bool same_module(const Module& a, const Module& b);

}  // namespace qpl
