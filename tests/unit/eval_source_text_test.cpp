// source_text: how a rule's source reads in explanations (R38): comments gone, each run of
// white space one space, texts kept exactly, escapes included.
#include "present/trace_describe.hpp"
#include "eval_support.hpp"

namespace qpl::eval_test {
namespace {

std::string condition_source(const std::string& condition) {
  const auto policy = load("fields {\n  t: text?\n  n: number?\n}\nlet x = " + condition + "\n");
  return present::explain_detail::source_text(*policy, let_decl(*policy, "x").value->span);
}

TEST_CASE("source_text: one line, comments dropped, texts exactly as written") {
  CHECK(condition_source("n >= 5") == "n >= 5");
  CHECK(condition_source("n   >=\n    5") == "n >= 5");
  CHECK(condition_source("n >= 5 # five\n  and t = \"a\"") == "n >= 5 and t = \"a\"");
  CHECK(condition_source("t = \"two  spaces # not a comment\"") ==
        "t = \"two  spaces # not a comment\"");
  CHECK(condition_source("t = \"a \\\"quoted\\\"  b\" or t = \"c\"") ==
        "t = \"a \\\"quoted\\\"  b\" or t = \"c\"");
  CHECK(condition_source("lower(t)\tends with\t\"@x.com\"") == "lower(t) ends with \"@x.com\"");
}

}  // namespace
}  // namespace qpl::eval_test
