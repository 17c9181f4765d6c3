// Parser behaviour: spans, ids, `because` (R38), comments, recovery and robustness limits.
#include <doctest/doctest.h>

#include <chrono>
#include <string>

#include "syntax/ast_dump.hpp"
#include "syntax/limits.hpp"
#include "syntax/parser.hpp"

namespace {

struct Parsed {
  qpl::SourceFile file;
  qpl::syntax::ParseResult result;
  explicit Parsed(std::string text) : file("t.qpl", std::move(text)), result(qpl::syntax::parse_module(file, 3)) {}
  std::string slice(qpl::Span s) const { return std::string(file.slice(s)); }
  const qpl::Diagnostic& error(std::size_t i = 0) const { return result.diagnostics.items().at(i); }
};

std::string expr_dump(const std::string& text) {
  qpl::SourceFile file("repl", text);
  auto r = qpl::syntax::parse_expression(file, 0);
  if (!r.diagnostics.empty()) return "error: " + r.diagnostics.items()[0].message;
  return qpl::syntax::dump_expr(*r.expr);
}

}  // namespace

TEST_CASE("expression spans cover exactly the tokens") {
  Parsed p("let x =   a + (b * 2)   # trailing\n");
  REQUIRE(p.result.diagnostics.empty());
  const auto& let = std::get<qpl::LetDecl>(p.result.module.decls.at(0).kind);
  CHECK(p.slice(let.value->span) == "a + (b * 2)");
  CHECK(let.value->span.file == 3);
  const auto& bin = std::get<qpl::Binary>(let.value->kind);
  CHECK(p.slice(bin.rhs->span) == "(b * 2)");
  CHECK(p.slice(bin.op_span) == "+");
  CHECK(p.slice(let.name_span) == "x");
  CHECK(p.slice(p.result.module.decls[0].span) == "let x =   a + (b * 2)");
}

TEST_CASE("expression ids are sequential from 0 in each module") {
  Parsed p("let a = 1 + 2\nlet b = c\n");
  const auto& a = std::get<qpl::LetDecl>(p.result.module.decls.at(0).kind);
  const auto& b = std::get<qpl::LetDecl>(p.result.module.decls.at(1).kind);
  const auto& sum = std::get<qpl::Binary>(a.value->kind);
  CHECK(sum.lhs->id == 0);
  CHECK(sum.rhs->id == 1);
  CHECK(a.value->id == 2);
  CHECK(b.value->id == 3);
}

TEST_CASE("member, call, starts with and matches spans") {
  Parsed p("let m = lead.email starts with \"x\" and t matches \"^a\"\nlet c = max(a, b)\n");
  REQUIRE(p.result.diagnostics.empty());
  const auto& m = std::get<qpl::LetDecl>(p.result.module.decls.at(0).kind);
  const auto& conj = std::get<qpl::Binary>(m.value->kind);
  const auto& starts = std::get<qpl::Binary>(conj.lhs->kind);
  CHECK(p.slice(starts.op_span) == "starts with");
  const auto& member = std::get<qpl::Member>(starts.lhs->kind);
  CHECK(p.slice(member.member_span) == "email");
  CHECK(member.object->kind_case() == qpl::ExprKindCase::lead);
  const auto& matches = std::get<qpl::Matches>(conj.rhs->kind);
  CHECK(matches.pattern == "^a");
  CHECK(p.slice(matches.pattern_span) == "\"^a\"");
  const auto& c = std::get<qpl::LetDecl>(p.result.module.decls.at(1).kind);
  const auto& call = std::get<qpl::Call>(c.value->kind);
  CHECK(call.function == "max");
  CHECK(p.slice(call.function_span) == "max");
  CHECK(call.args.size() == 2);
}

TEST_CASE("because: label, else condition text without comments and line breaks [R38]") {
  Parsed p(
      "funnel {\n"
      "  a when x > 1   and   # why\n"
      "      y = \"# not a comment\"\n"
      "  b when z as \"labelled\"\n"
      "  c otherwise\n"
      "}\n");
  REQUIRE(p.result.diagnostics.empty());
  const auto& f = std::get<qpl::FunnelDecl>(p.result.module.decls.at(0).kind);
  REQUIRE(f.lines.size() == 3);
  CHECK(f.lines[0].because == "x > 1   and y = \"# not a comment\"");
  CHECK(f.lines[1].because == "labelled");
  CHECK(f.lines[2].because == "otherwise");
  CHECK(f.lines[2].condition == nullptr);
  CHECK(qpl::syntax::condition_text("a\n  # c\n  and b") == "a and b");
}

TEST_CASE("comments are collected in source order, not inside texts") {
  Parsed p("# one\nlet a = \"#x\" # two\r\n#three");
  REQUIRE(p.result.module.comments.size() == 3);
  CHECK(p.slice(p.result.module.comments[0].span) == "# one");
  CHECK(p.slice(p.result.module.comments[1].span) == "# two");
  CHECK(p.slice(p.result.module.comments[2].span) == "#three");
}

TEST_CASE("score rules: signed points, clauses, range") {
  Parsed p("score s from -10 to 10.5 {\n  -2.5 per a up to 4 as \"l\"\n  +1 when b\n}\n");
  REQUIRE(p.result.diagnostics.empty());
  const auto& s = std::get<qpl::ScoreDecl>(p.result.module.decls.at(0).kind);
  CHECK(*s.low == -10);
  CHECK(*s.high == 10.5);
  REQUIRE(s.rules.size() == 2);
  CHECK(s.rules[0].points == -2.5);
  CHECK(p.slice(s.rules[0].points_span) == "-2.5");
  CHECK(*s.rules[0].up_to == 4);
  CHECK(*s.rules[0].label == "l");
  CHECK(s.rules[0].per != nullptr);
  CHECK(s.rules[0].when == nullptr);
  CHECK(s.rules[1].points == 1);
}

TEST_CASE("two score rules on one line are an error, not one rule adding the points") {
  for (const char* line : {"+5 per clicks  +10 when webinar", "+5 per clicks -10 when webinar",
                           "+5 when a > b + 2 per c", "+5 per clicks +1.5 when webinar"}) {
    CAPTURE(line);
    Parsed p(std::string("score s {\n  ") + line + "\n}\n");
    REQUIRE(p.result.diagnostics.size() == 1);
    CHECK(p.error().code == "QPL012");
    CHECK(p.error().message == "a second score rule on the same line");
    REQUIRE(p.error().help);
    CHECK(p.error().help->find("own line") != std::string::npos);
  }
  // Arithmetic that no `when`/`per` follows, and parentheses, still add.
  for (const char* line : {"+5 per clicks + 10", "+5 per (clicks + 10) when webinar",
                           "+5 per clicks + 10 up to 40", "+5 when a > b + 2"}) {
    CAPTURE(line);
    Parsed p(std::string("score s {\n  ") + line + "\n}\n");
    CHECK(p.result.diagnostics.empty());
  }
}

TEST_CASE("precedence table and readings R5, R8") {
  CHECK(expr_dump("1 + 2 * 3") == "(+ 1 (* 2 3))");
  CHECK(expr_dump("a or b and not c") == "(or a (and b (not c)))");
  CHECK(expr_dump("x between 1 and 5 and y") == "(and (between x 1 5) y)");
  CHECK(expr_dump("x in a otherwise b") == "(in x (otherwise a b))");
  CHECK(expr_dump("a otherwise b + 1") == "(otherwise a (+ b 1))");
  CHECK(expr_dump("-a * b") == "(* (neg a) b)");
  CHECK(expr_dump("not a = b") == "(not (= a b))");
  CHECK(expr_dump("today - 1 days - 2 weeks") == "(- (- today (days 1)) (days 14))");
  CHECK(expr_dump("2026-11-01") == "2026-11-01");
  CHECK(expr_dump("2026 - 11 - 01") == "(- (- 2026 11) 1)");
  CHECK(expr_dump("index") == "index");
  CHECK(expr_dump("a < b < c") == "error: comparisons cannot be chained: add parentheses");
  CHECK(expr_dump("a b") == "error: expected the end of the expression, found 'b'");
  CHECK(expr_dump("") == "error: expected an expression");
}

TEST_CASE("errors are positioned on the offending token") {
  Parsed p("let a = 1\nlet b = (1 +\n  2 == 3)\n");
  REQUIRE(p.result.diagnostics.size() == 1);
  CHECK(p.error().code == "QPL007");
  CHECK(p.slice(p.error().span) == "==");
  Parsed q("let d = 2026-02-30\n");
  CHECK(q.slice(q.error().span) == "2026-02-30");
  CHECK(q.error().message == "impossible date '2026-02-30'");
  Parsed t("let t = \"abc\n");
  CHECK(t.error().message == "unterminated text");
  CHECK(t.error().span.begin == 8);
}

TEST_CASE("a number beyond a double says which way: too large, or too small to be told from 0") {
  const std::string zeros(400, '0');
  Parsed large("let n = 1" + zeros + "\n");
  CHECK(large.error().message == "number too large");
  CHECK(large.slice(large.error().span) == "1" + zeros);
  Parsed tiny("let n = 0." + zeros + "1\n");
  CHECK(tiny.error().message == "number too small (it would read as 0)");
  CHECK(tiny.slice(tiny.error().span) == "0." + zeros + "1");
  Parsed separated("let n = 0_000." + zeros + "1\n");
  CHECK(separated.error().message == "number too small (it would read as 0)");
  // The smallest doubles (subnormal, about 5e-324) still read as themselves, and zero as zero.
  CHECK(expr_dump("0." + std::string(310, '0') + "1") == "1e-311");
  CHECK(expr_dump("0." + zeros) == "0");
}

TEST_CASE("recovery: one error per broken declaration, in source order") {
  Parsed p("let a = \nlet b = 1 ==\nscore s {\n  5\n}\nlet ok = 1\nfunnel {\n  x y\n}\n");
  REQUIRE(p.result.diagnostics.size() == 4);
  for (std::size_t i = 1; i < 4; ++i) CHECK(p.error(i - 1).span.begin < p.error(i).span.begin);
  REQUIRE(p.result.module.decls.size() == 1);
  CHECK(std::get<qpl::LetDecl>(p.result.module.decls[0].kind).name == "ok");
}

TEST_CASE("empty and odd files do not crash") {
  CHECK(Parsed("").result.diagnostics.empty());
  CHECK(Parsed("  \n# only a comment\n").result.module.decls.empty());
  Parsed nul(std::string("let a = 1\0\n", 11));
  CHECK(nul.result.diagnostics.has_errors());
  Parsed bad("let a = 1\nlet b = \"\xff\"\n");
  REQUIRE(bad.result.diagnostics.size() == 1);
  CHECK(bad.error().message == "invalid UTF-8");
  CHECK(bad.file.position(bad.error().span.begin).line == 2);
  CHECK(bad.file.position(bad.error().span.begin).column == 10);
}

TEST_CASE("deep nesting gives a positioned error, quickly") {
  const auto start = std::chrono::steady_clock::now();
  for (const std::string& text :
       {"let x = " + std::string(20000, '(') + "1" + std::string(20000, ')'),
        "let x = " + std::string(20000, '(') + "1",
        "let x = " + std::string(20000, '['),
        "let x = " + std::string(20000, '-') + "a",
        [] { std::string s = "let x = "; for (int i = 0; i < 20000; ++i) s += "not "; return s + "a"; }(),
        [] { std::string s = "test \"t\" { lead { a: "; for (int i = 0; i < 20000; ++i) s += "{ a: "; return s; }(),
        [] { std::string s = "fields { a: "; for (int i = 0; i < 20000; ++i) s += "list of "; return s + "text }"; }()}) {
    Parsed p(text);
    REQUIRE(p.result.diagnostics.size() == 1);
    CHECK(p.error().code == "QPL009");
    CHECK(p.error().span.begin > 0);
  }
  std::string chain = "let x = a";
  for (int i = 0; i < 5000; ++i) chain += " + a";
  Parsed c(chain);
  REQUIRE(c.result.diagnostics.size() == 1);
  CHECK(c.error().code == "QPL009");
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(20));
}

TEST_CASE("nesting just under the limit parses") {
  const std::size_t n = qpl::syntax::max_nesting_depth - 1;
  Parsed p("let x = " + std::string(n, '(') + "1" + std::string(n, ')'));
  CHECK(p.result.diagnostics.empty());
}

TEST_CASE("a 300,000-element list on one line") {
  std::string text = "let x = [0";
  for (int i = 1; i < 300000; ++i) text += ", " + std::to_string(i);
  text += "]\n";
  Parsed p(std::move(text));
  REQUIRE(p.result.diagnostics.empty());
  const auto& let = std::get<qpl::LetDecl>(p.result.module.decls.at(0).kind);
  CHECK(std::get<qpl::ListLit>(let.value->kind).items.size() == 300000);
}

TEST_CASE("a UTF-8 byte order mark at the start is skipped") {
  Parsed p("\xEF\xBB\xBFlet a = 1\n");
  CHECK(p.result.diagnostics.empty());
  CHECK(p.result.module.decls.size() == 1);
}
