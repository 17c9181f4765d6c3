#pragma once
// The QPL parser: source text to AST (model/ast.hpp) plus syntax diagnostics (codes QPL0xx,
// listed in syntax/syntax_error.hpp). Never throws on bad input; an error inside one
// declaration skips to the next line that starts with a declaration keyword, so one file can
// report several errors.
#include <string>
#include <string_view>

#include "model/ast.hpp"
#include "support/diagnostic.hpp"
#include "support/source.hpp"
#include "syntax/trivia.hpp"

namespace qpl::syntax {

struct ParseResult {
  Module module;
  Diagnostics diagnostics;
};

// A whole .qpl file. Expr ids are sequential from 0 within the module.
ParseResult parse_module(const SourceFile& file, FileId id);

struct ExprParseResult {
  ExprPtr expr;  // null when there are errors
  Diagnostics diagnostics;
};

// One expression on its own (the REPL).
ExprParseResult parse_expression(const SourceFile& file, FileId id);
// An operand on its own, as after `expect` (R9): a table test's `expect EXPR` column header.
ExprParseResult parse_operand(const SourceFile& file, FileId id);

// [R38] A condition's text as `because` shows it (syntax/trivia.hpp).
using syntax::condition_text;

}  // namespace qpl::syntax
