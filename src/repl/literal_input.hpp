#pragma once
// `:set FIELD = VALUE`: VALUE is written as a QPL literal (12000, -3, "text", 2026-11-01, true,
// ["a", "b"]). The parser reads it as an expression; this keeps only the literal forms.
#include <optional>
#include <string>

#include "model/ast.hpp"

namespace qpl::repl {

struct NotALiteral {
  Span span;  // the first part that is not a literal
};

// The literal an expression spells, or where it stops being one.
std::optional<LiteralValue> literal_of(const Expr& expr, NotALiteral* where = nullptr);

}  // namespace qpl::repl
