#pragma once
// Error reporting and recovery: a SyntaxError made into a Diagnostic (the token it points at,
// the fix for numbers written as people write them), where parsing goes on after an error,
// and the follow-up errors a reported reserved field name would cause.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "support/diagnostic.hpp"
#include "support/source.hpp"
#include "syntax/syntax_error.hpp"

namespace qpl::syntax {

// `e` points into `file`'s text.
Diagnostic to_diagnostic(const SyntaxError& e, const SourceFile& file, FileId id);

// After an error: the next line, after the one where the declaration began, that starts with a
// declaration keyword (the end of the text when there is none).
std::size_t recovery_point(std::string_view text, std::size_t declaration_begin);

// After `score: number` was reported, every later use of `score` is a syntax error too: those
// are dropped, and the field's error counts them.
void drop_uses_of_reserved_fields(std::string_view text, const std::vector<std::string>& words,
                                  Diagnostics& diags);

}  // namespace qpl::syntax
