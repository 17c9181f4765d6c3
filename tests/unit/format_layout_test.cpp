// Layout rules that matter most, one by one, and the pieces `qualify fmt` is built from.
#include <doctest/doctest.h>

#include <string>

#include "format/format.hpp"
#include "format/line_diff.hpp"
#include "model/ast_equal.hpp"
#include "syntax/limits.hpp"
#include "syntax/parser.hpp"
#include "tests/support/golden.hpp"

namespace qpl {
namespace {

std::string formatted(const std::string& text) {
  const auto result = format::format_source(SourceFile("t.qpl", text));
  REQUIRE(result.status == format::FormatStatus::formatted);
  return result.text;
}

TEST_CASE("an arithmetic line break is joined, never moved before a + or - (R2)") {
  const std::string in =
      "fields {\n  a: number\n  b: number\n}\n"
      "score s {\n  +5 when a -\n    b > 0\n  -10 when a > b\n}\n";
  const std::string out = formatted(in);
  CHECK(out.find("  +5  when a - b > 0\n  -10 when a > b\n") != std::string::npos);
}

TEST_CASE("parentheses only where precedence (or a reader) needs them") {
  const std::string out = formatted(
      "fields {\n  a: number\n  ok: bool\n}\n"
      "let x = ((a)) + (a * a)\n"
      "let y = (a + a) * a\n"
      "let z = ok or ok and ok\n");
  CHECK(out.find("let x = a + a * a\n") != std::string::npos);
  CHECK(out.find("let y = (a + a) * a\n") != std::string::npos);
  CHECK(out.find("let z = ok or (ok and ok)\n") != std::string::npos);
}

TEST_CASE("nested minus signs print as the parser reads them, one nesting level each") {
  CHECK(formatted("fields {\n  a: number\n}\nlet x = --a\nlet y = -(-(-a))\n") ==
        "fields {\n  a: number\n}\n\nlet x = - -a\nlet y = - - -a\n");
  // 129 levels lint fine: `-(-(...))` would have been 258 levels, past the parser's 256.
  for (const std::size_t signs : {std::size_t{129}, syntax::max_nesting_depth - 1}) {
    CAPTURE(signs);
    const std::string out = formatted("let x = " + std::string(signs, '-') + "1\n");
    std::string expected = "let x =";
    for (std::size_t i = 0; i < signs; ++i) expected += " -";
    CHECK(out == expected + "1\n");
    CHECK(formatted(out) == out);
  }
}

TEST_CASE("parentheses for readers are left out where they would pass the nesting limit") {
  // `ok or ok and (...)` nested 250 deep: an `and` inside an `or` gets parentheses for readers,
  // one more level each time, as many as the parser's 256 levels leave room for.
  std::string condition = "ok";
  for (int i = 0; i < 250; ++i) condition = "ok or ok and (" + condition + ")";
  const std::string out = formatted("fields {\n  ok: bool\n}\nlet x = " + condition + "\n");
  CHECK(out.find("let x = ok or (ok and (ok or (ok and (") != std::string::npos);
  CHECK(out.find("(ok or ok and (ok or ok and (ok") != std::string::npos);
  CHECK(formatted(out) == out);
}

TEST_CASE("texts escape what a reader cannot see: format characters and line separators") {
  // U+FEFF, U+200B, U+00AD, U+2028, U+2029, U+061C, U+E0041 (a tag); é and 🙂 stay as they are.
  const std::string in = "let t = \"a\uFEFFb\u200Bc\u00ADd\u2028e\u2029f\u061Cg\U000E0041h é🙂\"\n";
  CHECK(formatted(in) ==
        "let t = \"a\\u{FEFF}b\\u{200B}c\\u{AD}d\\u{2028}e\\u{2029}f\\u{61C}g\\u{E0041}h é🙂\"\n");
}

TEST_CASE("an unlabelled funnel condition keeps its text: it is the lead's because (R38)") {
  const std::string out = formatted(
      "fields {\n  a: number\n}\n"
      "funnel {\n  big when a>10\n  mid when a>5 as \"mid\"\n  small otherwise\n}\n");
  CHECK(out.find("  big   when a>10\n") != std::string::npos);
  CHECK(out.find("  mid   when a > 5  as \"mid\"\n") != std::string::npos);
}

TEST_CASE("a comment inside a long list keeps the list broken and the comment on its item") {
  const std::string in = "let xs = [1, # one\n 2]\n";
  const std::string out = formatted(in);
  CHECK(out == "let xs = [\n  1,  # one\n  2\n]\n");
  CHECK(formatted(out) == out);
}

TEST_CASE("files that do not parse are refused with the parser's diagnostics") {
  const auto result = format::format_source(SourceFile("t.qpl", "let x = (\n"));
  CHECK(result.status == format::FormatStatus::syntax_errors);
  CHECK(result.diagnostics.has_errors());
}

TEST_CASE("structural equality ignores layout but not meaning") {
  const auto parse = [](const std::string& text) {
    return syntax::parse_module(SourceFile("t.qpl", text), 0).module;
  };
  CHECK(same_module(parse("let x = (1 + 2) * 3"), parse("let   x =(1+2)*3 # c")));
  CHECK_FALSE(same_module(parse("let x = (1 + 2) * 3"), parse("let x = 1 + 2 * 3")));
  CHECK_FALSE(same_module(parse("let x = \"a\""), parse("let x = \"b\"")));
}

TEST_CASE("unified diff") {
  CHECK(format::unified_diff("a\nb\n", "a\nb\n", "x", "y").empty());
  CHECK(format::unified_diff("a\nb\nc\n", "a\nB\nc\n", "x", "y") ==
        "--- x\n+++ y\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n");
  // far-apart changes make two hunks with three lines of context
  std::string old_text, new_text;
  for (int i = 0; i < 20; ++i) {
    old_text += std::to_string(i) + "\n";
    new_text += (i == 2 || i == 17 ? "x" : std::to_string(i)) + "\n";
  }
  const std::string diff = format::unified_diff(old_text, new_text, "x", "y");
  CHECK(diff.find("@@ -1,6 +1,6 @@\n 0\n 1\n-2\n+x\n 3\n 4\n 5\n") != std::string::npos);
  CHECK(diff.find("@@ -15,6 +15,6 @@\n 14\n 15\n 16\n-17\n+x\n 18\n 19\n") != std::string::npos);
  CHECK(format::unified_diff("a", "a\n", "x", "y") ==
        "--- x\n+++ y\n@@ -1 +1 @@\n-a\n\\ No newline at end of file\n+a\n");
  CHECK(format::unified_diff("", "a\n", "x", "y") == "--- x\n+++ y\n@@ -0,0 +1 @@\n+a\n");
}

// Enable once `qualify fmt --write policies/` has been run (the policies' owner decides).
TEST_CASE("policies/ are formatted" * doctest::skip()) {
  for (const auto& path : testing::files_in(testing::tests_dir().parent_path() / "policies", ".qpl")) {
    CAPTURE(path.string());
    const std::string text = testing::read_text(path);
    CHECK(formatted(text) == text);
  }
}

}  // namespace
}  // namespace qpl
