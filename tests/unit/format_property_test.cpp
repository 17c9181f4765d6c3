// `qualify fmt` over generated policies (fixed seeds): the output parses to the same AST (the
// formatter's own soundness check), formatting it again changes nothing, and the comments stay.
#include <doctest/doctest.h>

#include <string>

#include "../fuzz/policy_generator.hpp"
#include "format/format.hpp"
#include "model/ast_equal.hpp"
#include "syntax/parser.hpp"

namespace qpl::format {
namespace {

TEST_CASE("fmt round-trips generated policies") {
  for (std::uint32_t seed = 1; seed <= 150; ++seed) {
    fuzz::PolicyGenerator gen(seed);
    // Squeezed onto few spaces and given comments, so the printer has layout work to do.
    std::string text = "# generated\n" + gen.policy(1 + static_cast<int>(seed % 4));
    for (std::size_t at = text.find("\n  "); at != std::string::npos; at = text.find("\n  ", at + 1))
      text.replace(at, 3, "\n ");
    text += "# trailing comment\n";
    INFO("seed " << seed << "\n" << text);

    const SourceFile source("gen.qpl", text);
    const FormatResult first = format_source(source);
    REQUIRE(first.status == FormatStatus::formatted);
    const SourceFile printed("gen.qpl", first.text);
    const FormatResult second = format_source(printed);
    REQUIRE(second.status == FormatStatus::formatted);
    CHECK(second.text == first.text);

    const syntax::ParseResult before = syntax::parse_module(source, 0);
    const syntax::ParseResult after = syntax::parse_module(printed, 0);
    CHECK(same_module(before.module, after.module));
    CHECK(after.module.comments.size() == before.module.comments.size());
  }
}

}  // namespace
}  // namespace qpl::format
