// The evaluation depth (max_evaluation_depth): generated policies whose lets are deep and read
// each other. The checker must neither overflow the stack nor accept what the evaluator cannot
// evaluate, and it must draw the line at the same place whatever the declaration order.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "model/eval_limits.hpp"
#include "sema/load.hpp"

namespace {

using namespace qpl;

const std::string schema = "fields {\n  employees: number\n}\n\n";

// `count` lets, a1 reading a2 reading a3 ...: `body(k)` is let ak's expression, the last one
// reads nothing. Declared last-first when `reversed`: a1 is checked first and its first use
// checks the whole chain below it.
template <typename Body>
std::string chain(int count, bool reversed, Body body) {
  std::vector<std::string> lets;
  for (int k = 1; k <= count; ++k) lets.push_back("let a" + std::to_string(k) + " = " + body(k) + "\n");
  if (!reversed) std::reverse(lets.begin(), lets.end());
  std::string text = schema;
  for (const auto& l : lets) text += l;
  return text;
}

// The chain: `let aN = a(N-1) + 1`, ending at `employees`; the funnel's first line is
// `condition`.
std::string counting_chain(int count, bool declared_first_to_last, const std::string& condition) {
  std::vector<std::string> lets{"let a1 = employees\n"};
  for (int k = 2; k <= count; ++k)
    lets.push_back("let a" + std::to_string(k) + " = a" + std::to_string(k - 1) + " + 1\n");
  if (!declared_first_to_last) std::reverse(lets.begin(), lets.end());
  std::string text = schema;
  for (const auto& l : lets) text += l;
  return text + "\nfunnel {\n  qualified when " + condition + "\n  prospect otherwise\n}\n";
}

std::vector<const Diagnostic*> too_deep(const sema::LoadResult& r) {
  std::vector<const Diagnostic*> found;
  for (const auto& d : r.diagnostics.items())
    if (d.code == "QPL320") found.push_back(&d);
  return found;
}

std::string text_at(const std::string& text, const Diagnostic& d) {
  return text.substr(d.span.begin, d.span.end - d.span.begin);
}

}  // namespace

TEST_CASE("deep lets read in reverse order are an error at the first one, not a stack overflow") {
  // 200 lets of 250 unary minus signs: 50,000 levels, once a stack overflow in the checker.
  const auto text = chain(200, true, [](int k) {
    return std::string(250, '-') + (k < 200 ? "a" + std::to_string(k + 1) : std::string("1"));
  });
  const auto r = sema::load_policy_text("t.qpl", text);
  const auto errors = too_deep(r);
  REQUIRE(!errors.empty());
  CHECK(text_at(text, *errors.front()) == "a1");
  CHECK(errors.front()->message ==
        "'a1' is nested too deeply: evaluating it goes more than 4000 levels deep through its "
        "expressions and the definitions they read");
  CHECK(r.diagnostics.has_errors());
}

TEST_CASE("long '+' chains read in reverse order are an error, not a stack overflow") {
  // 60 lets of 900 terms: 54,000 levels.
  const auto text = chain(60, true, [](int k) {
    std::string s = k < 60 ? "a" + std::to_string(k + 1) : std::string("1");
    for (int i = 1; i < 900; ++i) s += " + 1";
    return s;
  });
  const auto r = sema::load_policy_text("t.qpl", text);
  const auto errors = too_deep(r);
  REQUIRE(!errors.empty());
  CHECK(text_at(text, *errors.front()) == "a1");
}

TEST_CASE("the same chain is refused at the same length whatever the declaration order") {
  // Reading a_k goes 2k - 1 levels below its name; the funnel adds two (`>` and the name), so
  // a chain of 1999 lets needs 3999 levels and one of 2000 needs 4001.
  for (const bool first_to_last : {true, false}) {
    CAPTURE(first_to_last);
    const auto fits = sema::load_policy_text("t.qpl", counting_chain(1999, first_to_last, "a1999 > 0"));
    CHECK(too_deep(fits).empty());
    CHECK(fits.ok());
    const auto exact = sema::load_policy_text("t.qpl", counting_chain(1999, first_to_last, "a1999 + 0 > 0"));
    CHECK(exact.ok());  // exactly max_evaluation_depth levels
    const std::string over_text = counting_chain(1999, first_to_last, "a1999 + 0 + 0 > 0");
    const auto over = sema::load_policy_text("t.qpl", over_text);
    const auto errors = too_deep(over);
    REQUIRE(errors.size() == 1);
    CHECK(text_at(over_text, *errors.front()) == "a1999 + 0 + 0 > 0");
    CHECK(errors.front()->message.rfind("this condition is nested too deeply", 0) == 0);
  }
}

TEST_CASE("a let too deep to read is reported once, not once per let after it") {
  for (const bool first_to_last : {true, false}) {
    CAPTURE(first_to_last);
    const std::string text = counting_chain(2100, first_to_last, "a2100 > 0");
    const auto r = sema::load_policy_text("t.qpl", text);
    const auto errors = too_deep(r);
    REQUIRE(errors.size() == 1);
    // In declaration order the first let past the limit is the culprit; in reverse order the
    // check starts at a2100 and finds the whole chain under it.
    CHECK(text_at(text, *errors.front()) == (first_to_last ? "a2001" : "a2100"));
  }
}

TEST_CASE("icps, scores and gates checks count the levels of what they read") {
  // A check reading a let of 3999 levels: 4001 levels for `bantt.deep` read by the funnel.
  std::string text = counting_chain(2000, true, "bantt.deep");
  text += "gates bantt {\n  deep when a2000 > 0\n}\n";
  const auto r = sema::load_policy_text("t.qpl", text);
  const auto errors = too_deep(r);
  REQUIRE(errors.size() == 1);
  CHECK(text_at(text, *errors.front()) == "deep");
}
