// fmt's soundness check keeps each comment with its declaration, not only the number of comments.
#include <doctest/doctest.h>

#include <string>

#include "format/format.hpp"
#include "syntax/parser.hpp"

namespace qpl::format {
namespace {

// Whether `printed` would be accepted as a layout of `source`.
bool accepted(const std::string& source, const std::string& printed) {
  const SourceFile before("<test>", source);
  const syntax::ParseResult parsed = syntax::parse_module(before, 0);
  REQUIRE_FALSE(parsed.diagnostics.has_errors());
  return same_policy(parsed.module, before, SourceFile("<test>", printed));
}

TEST_CASE("a layout that keeps each comment with its declaration is accepted") {
  CHECK(accepted("let a = 1\n# about b\nlet b = 2\n", "let a = 1\n\n# about b\nlet b = 2\n"));
  CHECK(accepted("let a = 1   # a\nlet b = 2\n", "let a = 1  # a\nlet b = 2\n"));
  // From after a declaration's first line to above it: still with the declaration.
  CHECK(accepted("let a = [1,  # one\n  2]\n", "# one\nlet a = [1, 2]\n"));
  // Two comments of one declaration in another order.
  CHECK(accepted("let a = [1,  # one\n  2]  # two\n", "# two\nlet a = [1, 2]  # one\n"));
}

TEST_CASE("a layout that moves a comment to another declaration is refused, same count or not") {
  // Before: the comment leads `b`. After: it trails `a`.
  CHECK_FALSE(accepted("let a = 1\n# about b\nlet b = 2\n", "let a = 1  # about b\n\nlet b = 2\n"));
  // From inside a block to the end of the file.
  CHECK_FALSE(accepted("score s from 0 to 1 {\n  +1 when true  # why\n}\n",
                       "score s from 0 to 1 {\n  +1 when true\n}\n# why\n"));
  // Two comments that swap declarations.
  CHECK_FALSE(accepted("# x\nlet x = 1\n# y\nlet y = 2\n", "# y\nlet x = 1\n# x\nlet y = 2\n"));
  // A changed or lost comment.
  CHECK_FALSE(accepted("let a = 1  # a\n", "let a = 1  # b\n"));
  CHECK_FALSE(accepted("let a = 1  # a\n", "let a = 1\n"));
  // And, as before, a changed policy.
  CHECK_FALSE(accepted("let a = 1\n", "let a = 2\n"));
}

TEST_CASE("the canonical layout keeps comments where they were") {
  const SourceFile source("<test>",
                          "# header\npolicy \"p\"\n# about x\nlet x=1 # one\nlet y = [1,  # inside\n"
                          "  2]\nicp i {\n  # first\n  require x>0\n}\n# end\n");
  const FormatResult result = format_source(source);
  REQUIRE(result.status == FormatStatus::formatted);
  CHECK(result.text.find("let x = 1  # one") != std::string::npos);
}

}  // namespace
}  // namespace qpl::format
