// The one structural equality (model/ast_equal.hpp), used by `qualify fmt` and by lint.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "model/ast_equal.hpp"
#include "syntax/parser.hpp"

namespace qpl {
namespace {

ExprPtr expr(const std::string& text) {
  const SourceFile file("<test>", text);
  syntax::ExprParseResult parsed = syntax::parse_expression(file, 0);
  REQUIRE_MESSAGE(parsed.expr, text);
  return std::move(parsed.expr);
}

Module module(const std::string& text) {
  const SourceFile file("<test>", text);
  syntax::ParseResult parsed = syntax::parse_module(file, 0);
  REQUIRE_FALSE(parsed.diagnostics.has_errors());
  return std::move(parsed.module);
}

Name& first_name(Expr& e) { return std::get<Name>(e.kind); }

// One expression of each kind, each written twice: tightly, and with blanks and a comment.
const std::vector<std::pair<std::string, std::string>> samples = {
    {"1", " 1 "},
    {"\"a\"", "\"a\"  # t"},
    {"true", "true"},
    {"2026-01-02", "2026-01-02"},
    {"30 days", "30   days"},
    {"[1,2]", "[ 1 , 2 ]"},
    {"today", "today"},
    {"lead", "lead"},
    {"a", "a"},
    {"a.b", "a.b"},
    {"lower(a)", "lower( a )"},
    {"-a", "- a"},
    {"a+1", "a + 1"},
    {"a in [1]", "a in [ 1 ]"},
    {"a between 1 and 2", "a  between 1  and 2"},
    {"a matches \"x\"", "a matches  \"x\""},
    {"a is missing", "a is   missing"},
    {"a within 3 days", "a within 3 days"},
    {"any(a where b)", "any( a  where b )"},
    {"at least 2 of (a,b,c)", "at least 2 of ( a, b, c )"},
};

TEST_CASE("every expression kind equals itself written in another layout, and no other kind") {
  for (std::size_t i = 0; i < samples.size(); ++i) {
    const ExprPtr tight = expr(samples[i].first);
    const ExprPtr loose = expr(samples[i].second);
    INFO(samples[i].first);
    CHECK(same_expr(*tight, *loose));
    CHECK(same_expr(*tight, *loose, NameMatch::as_resolved));
    CHECK(expr_hash(*tight) == expr_hash(*loose));
    for (std::size_t j = 0; j < samples.size(); ++j)
      if (j != i) CHECK_FALSE(same_expr(*tight, *expr(samples[j].first)));
  }
}

TEST_CASE("operands, operators and values are compared") {
  CHECK_FALSE(same_expr(*expr("a + 1"), *expr("a - 1")));
  CHECK_FALSE(same_expr(*expr("a + 1"), *expr("a + 2")));
  CHECK_FALSE(same_expr(*expr("a + 1"), *expr("b + 1")));
  CHECK_FALSE(same_expr(*expr("a in [1]"), *expr("a not in [1]")));
  CHECK_FALSE(same_expr(*expr("a is missing"), *expr("a is present")));
  CHECK_FALSE(same_expr(*expr("at least 2 of (a, b)"), *expr("at least 1 of (a, b)")));
  CHECK_FALSE(same_expr(*expr("[1, 2]"), *expr("[1, 2, 3]")));
  CHECK(same_expr(*expr("(a + 1) * 2"), *expr("(a+1)*2")));
  CHECK_FALSE(same_expr(*expr("(a + 1) * 2"), *expr("a + 1 * 2")));
}

TEST_CASE("names compare as written, or also by what they resolve to (lint's checked trees)") {
  ExprPtr a = expr("x");
  ExprPtr b = expr("x");
  first_name(*a).ref = Ref{RefKind::let, 0, 0};
  first_name(*b).ref = Ref{RefKind::lead_field, 0, 0};
  CHECK(same_expr(*a, *b));
  CHECK_FALSE(same_expr(*a, *b, NameMatch::as_resolved));
  first_name(*b).ref = Ref{RefKind::let, 0, 0};
  CHECK(same_expr(*a, *b, NameMatch::as_resolved));
}

TEST_CASE("modules: the same declarations in the same order; spans, layout and comments ignored") {
  CHECK(same_module(module("let x = (1 + 2) * 3\n"), module("let   x =(1+2)*3 # c\n")));
  CHECK_FALSE(same_module(module("let x = 1\nlet y = 2\n"), module("let y = 2\nlet x = 1\n")));
  CHECK_FALSE(same_module(module("let x = 1\n"), module("let x = 1\nlet y = 2\n")));
  CHECK(same_module(module("score s from 0 to 10 {\n  +5 when a  as \"A\"\n}\n"),
                    module("score s from 0 to 10 {\n    +5   when a as \"A\"\n}\n")));
  CHECK_FALSE(same_module(module("score s from 0 to 10 {\n  +5 when a\n}\n"),
                          module("score s from 0 to 10 {\n  +6 when a\n}\n")));
  CHECK_FALSE(same_module(module("fields {\n  a: number\n}\n"), module("fields {\n  a: number?\n}\n")));
  CHECK_FALSE(same_module(module("test \"t\" {\n  expect 1 = 1\n}\n"),
                          module("test \"t\" {\n  expect 1 = 2\n}\n")));
}

}  // namespace
}  // namespace qpl
