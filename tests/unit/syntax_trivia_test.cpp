// Comments as trivia: each comment of a file is handed to the declaration it belongs to.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "syntax/parser.hpp"

namespace qpl {
namespace {

std::vector<std::string> texts(const SourceFile& file, const std::vector<Comment>& comments) {
  std::vector<std::string> out;
  for (const Comment& c : comments) out.emplace_back(file.slice(c.span));
  return out;
}

using Texts = std::vector<std::string>;

TEST_CASE("comments lead the next declaration, trail the one they are in or end the line of") {
  const SourceFile file("<test>",
                        "# header\n"
                        "policy \"p\"  # after the header\n"
                        "\n"
                        "# about x\n"
                        "# still about x\n"
                        "let x = 1\n"
                        "let y = [1,  # inside y\n"
                        "  2]  # after y\n"
                        "icp i {\n"
                        "  # first clause\n"
                        "  require x > 0\n"
                        "}\n"
                        "# the end\n");
  const syntax::ParseResult parsed = syntax::parse_module(file, 0);
  REQUIRE_FALSE(parsed.diagnostics.has_errors());
  const auto& decls = parsed.module.decls;
  REQUIRE(decls.size() == 4);
  CHECK(texts(file, decls[0].trivia.leading) == Texts{"# header"});
  CHECK(texts(file, decls[0].trivia.trailing) == Texts{"# after the header"});
  CHECK(texts(file, decls[1].trivia.leading) == Texts{"# about x", "# still about x"});
  CHECK(decls[1].trivia.trailing.empty());
  CHECK(decls[2].trivia.leading.empty());
  CHECK(texts(file, decls[2].trivia.trailing) == Texts{"# inside y", "# after y"});
  CHECK(texts(file, decls[3].trivia.trailing) == Texts{"# first clause"});
  CHECK(texts(file, parsed.module.end_comments) == Texts{"# the end"});
  CHECK(parsed.module.comments.size() == 8);
}

TEST_CASE("a file of comments only has end comments") {
  const SourceFile file("<test>", "# one\n# two\n");
  const syntax::ParseResult parsed = syntax::parse_module(file, 0);
  CHECK(parsed.module.decls.empty());
  CHECK(texts(file, parsed.module.end_comments) == Texts{"# one", "# two"});
}

}  // namespace
}  // namespace qpl
