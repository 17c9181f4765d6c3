// Per-rule grammar tests (PEGTL's verify_rule style): each input either matches with some
// input left, fails locally (another alternative may still match), or fails globally (a
// positioned syntax error). Plus the grammar analysis: no rule can loop without progress.
#include <doctest/doctest.h>

#include <string_view>

#include <tao/pegtl/contrib/analyze.hpp>

#include "grammar/qpl_grammar.hpp"
#include "syntax/syntax_errors.hpp"

namespace g = qpl::grammar;
namespace pegtl = tao::pegtl;

namespace {

enum class Outcome { success, local_failure, global_failure };

const char* name_of(Outcome o) {
  switch (o) {
    case Outcome::success: return "success";
    case Outcome::local_failure: return "local failure";
    case Outcome::global_failure: return "global failure";
  }
  return "?";
}

template <typename Rule>
void verify(std::string_view text, Outcome expected, std::size_t remaining = 0) {
  pegtl::memory_input<pegtl::tracking_mode::lazy> in(text.data(), text.data() + text.size(), "test");
  Outcome got = Outcome::local_failure;
  try {
    qpl::syntax::NestingCount count;
    got = pegtl::parse<Rule, pegtl::nothing, qpl::syntax::control>(in, count) ? Outcome::success
                                                                              : Outcome::local_failure;
  } catch (const qpl::syntax::SyntaxError&) {
    got = Outcome::global_failure;
  }
  INFO("input: ", text);
  CHECK_MESSAGE(got == expected, "got ", name_of(got), ", expected ", name_of(expected));
  if (got == Outcome::success && expected == Outcome::success) CHECK(in.size() == remaining);
}

constexpr auto ok = Outcome::success;
constexpr auto local = Outcome::local_failure;
constexpr auto global = Outcome::global_failure;

}  // namespace

TEST_CASE("the grammar has no rule that can loop without consuming input") {
  CHECK(pegtl::analyze<g::policy>(0) == 0);
  CHECK(pegtl::analyze<g::standalone_expression>(0) == 0);
}

TEST_CASE("number literals [R4]") {
  verify<g::number_literal>("42", ok);
  verify<g::number_literal>("10_000", ok);
  verify<g::number_literal>("1_000.5", ok);
  verify<g::number_literal>("12.5 ", ok, 1);
  verify<g::number_literal>("1__0", global);
  verify<g::number_literal>("10_", global);
  verify<g::number_literal>("1e5", global);
  verify<g::number_literal>("30days", global);
  verify<g::number_literal>("1.", global);
  verify<g::number_literal>(".5", local);
  verify<g::number_literal>("-5", local);
}

TEST_CASE("dates are dddd-dd-dd without spaces [R3]") {
  verify<g::date_literal>("2026-11-01", ok);
  verify<g::date_literal>("2026-1-01", local);
  verify<g::date_literal>("2026 - 11 - 01", local);
  verify<g::primary>("2026-11-01", ok);
  verify<g::expression<true>>("2026 - 11 - 01", ok);
  verify<g::expression<true>>("2026-1-01", ok);  // arithmetic
}

TEST_CASE("durations: an integer and a unit on the same line [R8]") {
  verify<g::duration_literal>("30 days", ok);
  verify<g::duration_literal>("2 weeks", ok);
  verify<g::duration_literal>("1 day", ok);
  verify<g::duration_literal>("1 week", ok);
  verify<g::duration_literal>("30days", local);
  verify<g::duration_literal>("30\ndays", local);
  verify<g::duration_literal>("1.5 days", local);
  verify<g::primary>("1.5 days", global);
  verify<g::within_tail>("within 30 days", ok);
  verify<g::within_tail>("within n days", global);
  verify<g::within_tail>("within 30days", global);
}

TEST_CASE("text literals [R4]") {
  verify<g::text_literal>(R"("abc")", ok);
  verify<g::text_literal>(R"("a\"b" x)", ok, 2);
  verify<g::text_literal>(R"("# not a comment")", ok);
  verify<g::text_literal>("\"abc", global);
  verify<g::text_literal>("\"a\nb\"", global);
  verify<g::text_literal>("abc", local);
}

TEST_CASE("keywords never match a prefix of an identifier [R1]") {
  verify<g::kw_in>("index", local);
  verify<g::kw_in>("in x", ok, 2);
  verify<g::name>("index", ok);
  verify<g::name>("in", local);
  verify<g::name>("lead", local);
  verify<g::name>("notes", ok);
  verify<g::name>("orders", ok);
  for (const char* word : {"text", "number", "bool", "date", "list", "one", "days", "weeks",
                           "version", "values", "max", "round", "domain"})
    verify<g::name>(word, ok);
  verify<g::reserved_word>("score", ok);
  verify<g::reserved_word>("scores", local);
  verify<g::decl_name>("score", global);
}

TEST_CASE("a + or - that starts a line ends the expression outside brackets [R2]") {
  verify<g::expression<false>>("a\n+ b", ok, 4);
  verify<g::expression<false>>("a\n  -10 when x", ok, 13);
  verify<g::expression<true>>("a\n+ b", ok);
  verify<g::expression<false>>("a +\n b", ok);
  verify<g::expression<false>>("a\n and b", ok);
  verify<g::expression<false>>("a\n * b", ok);
  verify<g::expression<false>>("(a\n+ b)", ok);
  verify<g::expression<false>>("[a\n- b]", ok);
  verify<g::expression<false>>("a and\n-x > 3", ok);
}

TEST_CASE("comparisons are not associative [R5]") {
  verify<g::expression<true>>("a < b", ok);
  verify<g::expression<true>>("a < b < c", global);
  verify<g::expression<true>>("a = b = c", global);
  verify<g::expression<true>>("a = b in c", global);
  verify<g::expression<true>>("(a < b) = c", ok);
  verify<g::expression<true>>("a == b", global);
  verify<g::expression<true>>("!a", global);
  verify<g::expression<true>>("a != b", ok);
}

TEST_CASE("level-10 forms") {
  verify<g::expression<true>>("count(events where type = \"x\")", ok);
  verify<g::expression<true>>("any(flags)", ok);
  verify<g::expression<true>>("all of bant", ok);
  verify<g::expression<true>>("any of (a, b)", ok);
  verify<g::expression<true>>("none of (a)", ok);
  verify<g::expression<true>>("at least 2 of (a, b, c)", ok);
  verify<g::expression<true>>("any of ()", global);
  verify<g::expression<true>>("at least x of g", global);
  verify<g::expression<true>>("count", global);
  verify<g::expression<true>>("lead.email", ok);
  verify<g::expression<true>>("max(1, 2)", ok);
  verify<g::expression<true>>("max (1, 2)", ok);
}

TEST_CASE("declarations") {
  verify<g::declaration>("policy \"p\" version 4", ok);
  verify<g::declaration>("let x = 1", ok);
  verify<g::declaration>("let x = 1 2", global);
  verify<g::declaration>("score s from -10 to 10 {\n  +2.5 per x up to 5 as \"l\"\n}", ok);
  verify<g::declaration>("score s {\n  5 when x\n}", global);
  verify<g::declaration>("funnel {\n  lead when x\n  prospect otherwise\n}", ok);
  verify<g::declaration>("fields { a: text?, b: list of r from \"x.y\"\n missing values \"\", \"-\" }", ok);
  verify<g::declaration>("nonsense", global);
}
