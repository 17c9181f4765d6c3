#pragma once
// Whether a layout kept every comment with its declaration (Decl::trivia, attached by the
// parser): each declaration has the comments with the same texts (leading or trailing, in any
// order), and so has the end of the file. Blanks at the end of a comment do not count.
#include "model/ast.hpp"
#include "support/source.hpp"

namespace qpl::format {

// `before` and `after` have the same declarations (same_module).
bool comments_stay_with_declarations(const Module& before, const SourceFile& before_source,
                                     const Module& after, const SourceFile& after_source);

}  // namespace qpl::format
