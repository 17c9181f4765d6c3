// The registry support/diagnostic_codes.def makes both the layers' constants and the codes
// table: a constant names the table's entry of its own layer.
#include <doctest/doctest.h>

#include <string>

#include "syntax/syntax_error.hpp"
#include "lint/codes.hpp"
#include "sema/checker.hpp"

namespace {

using qpl::diagnostic_codes::Layer;

Layer layer_of(const char* code) {
  const auto* info = qpl::lint::find_code(code);
  REQUIRE(info != nullptr);
  return info->layer;
}

}  // namespace

TEST_CASE("each layer's constants are entries of the table reported by that layer") {
  CHECK(std::string(qpl::syntax::code::too_deep) == "QPL009");
  CHECK(std::string(qpl::sema::code::too_deep) == "QPL320");
  CHECK(std::string(qpl::lint::code::unused_let) == "QPL401");
  CHECK(layer_of(qpl::syntax::code::encoding) == Layer::syntax);
  CHECK(layer_of(qpl::sema::code::lower_literal) == Layer::check);
  CHECK(layer_of(qpl::lint::code::required_column_not_in_sample) == Layer::lint);
  CHECK(qpl::lint::find_code(qpl::lint::code::required_column_not_in_sample)->severity == qpl::Severity::error);
}

TEST_CASE("a code's layer follows its number: QPL0xx syntax, QPL1xx-3xx checker, QPL4xx-5xx lint") {
  for (const auto& c : qpl::lint::all_codes()) {
    CAPTURE(c.code);
    const char hundreds = c.code[3];
    const Layer expected = hundreds == '0' ? Layer::syntax : hundreds <= '3' ? Layer::check : Layer::lint;
    CHECK(c.layer == expected);
  }
}
