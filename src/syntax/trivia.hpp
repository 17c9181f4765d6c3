#pragma once
// Trivia: the comments of a file, which declaration each belongs to, and a condition's text
// without them.
#include <string>
#include <string_view>
#include <vector>

#include "model/ast.hpp"

namespace qpl::syntax {

// Every `# ...` comment outside texts, in source order.
std::vector<Comment> scan_comments(std::string_view text, FileId id);

// Hands each comment of `module.comments` to its declaration (Decl::trivia): the comments before
// a declaration, after the previous one, lead it; those inside it or after it on its last line
// trail it. Comments after the last declaration go to `module.end_comments`.
void attach_comments(Module& module, std::string_view text);

// [R38] A condition's text as `because` shows it: comments removed, each line break with the
// indentation around it replaced by one space.
std::string condition_text(std::string_view source);

}  // namespace qpl::syntax
