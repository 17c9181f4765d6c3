#pragma once
// Trivia: the comments of a file, and a condition's text without them.
#include <string>
#include <string_view>
#include <vector>

#include "model/ast.hpp"

namespace qpl::syntax {

// Every `# ...` comment outside texts, in source order.
std::vector<Comment> scan_comments(std::string_view text, FileId id);

// [R38] A condition's text as `because` shows it: comments removed, each line break with the
// indentation around it replaced by one space.
std::string condition_text(std::string_view source);

}  // namespace qpl::syntax
