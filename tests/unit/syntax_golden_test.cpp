// Golden tests: tests/golden/parse/NAME.qpl must parse without errors to exactly the dump in
// NAME.ast; tests/golden/syntax_errors/NAME.qpl must give exactly the diagnostics in NAME.err.
// One subcase per name of each folder's cases.list, run by CTest one at a time
// (tests/golden/CMakeLists.txt). QUALIFY_BLESS=1 rewrites the expected files.
#include <doctest/doctest.h>

#include <string>

#include <fmt/format.h>

#include "syntax/ast_dump.hpp"
#include "syntax/parser.hpp"
#include "tests/support/golden.hpp"

namespace {

std::string render(const qpl::Diagnostics& diags, const qpl::SourceFile& file) {
  std::string out;
  for (const auto& d : diags.items()) {
    const auto pos = file.position(d.span.begin);
    out += fmt::format("{}:{}:{}: error[{}]: {}\n", file.name(), pos.line, pos.column, d.code,
                       d.message);
    if (d.help) out += fmt::format("  help: {}\n", *d.help);
  }
  return out;
}

}  // namespace

TEST_CASE("golden parse" * doctest::skip()) {
  const auto folder = qpl::testing::tests_dir() / "golden" / "parse";
  for (const auto& name : qpl::testing::golden_cases(folder)) {
    SUBCASE(name.c_str()) {
      qpl::SourceFile file(name + ".qpl", qpl::testing::read_text(folder / (name + ".qpl")));
      const auto result = qpl::syntax::parse_module(file, 0);
      CHECK(render(result.diagnostics, file) == "");
      qpl::testing::check_golden(folder / (name + ".ast"), qpl::syntax::dump_module(result.module, file));
    }
  }
}

TEST_CASE("golden syntax_errors" * doctest::skip()) {
  const auto folder = qpl::testing::tests_dir() / "golden" / "syntax_errors";
  for (const auto& name : qpl::testing::golden_cases(folder)) {
    SUBCASE(name.c_str()) {
      qpl::SourceFile file(name + ".qpl", qpl::testing::read_text(folder / (name + ".qpl")));
      const auto result = qpl::syntax::parse_module(file, 0);
      CHECK(result.diagnostics.has_errors());
      qpl::testing::check_golden(folder / (name + ".err"), render(result.diagnostics, file));
    }
  }
}
