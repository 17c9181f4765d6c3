// "did you mean" on many unknown names: the checker's work stays linear (issue 11, point 6).
#include <doctest/doctest.h>

#include <cstdint>
#include <string>

#include "sema/load.hpp"
#include "support/suggest.hpp"

namespace {

using namespace qpl;

// `count` lets, each reading an unknown name one edit away from another let's name.
std::string lets_with_unknown_names(std::uint64_t count) {
  std::string text = "fields {\n  id: text\n}\n";
  for (std::uint64_t i = 0; i < count; ++i)
    text += "let a" + std::to_string(i) + " = b" + std::to_string(i) + " + 1\n";
  return text;
}

std::size_t count_suggestions(const sema::LoadResult& r) {
  std::size_t n = 0;
  for (const auto& d : r.diagnostics.items()) n += d.message.find("did you mean") != std::string::npos;
  return n;
}

}  // namespace

TEST_CASE("every unknown name is reported, and the first ones get a suggestion") {
  const sema::LoadResult r = sema::load_policy_text("t.qpl", lets_with_unknown_names(3));
  REQUIRE(r.diagnostics.size() == 3);
  CHECK(r.diagnostics.items().front().message == "unknown name 'b0' (did you mean 'a0'?)");
  CHECK(count_suggestions(r) == 3);
}

TEST_CASE("many unknown names against many lets cost a bounded number of comparisons") {
  // Comparing each of 3,000 unknown names with all 3,000 lets would take 9 million distance
  // computations; the checker's budget keeps it near Suggester::default_budget.
  const std::uint64_t count = 3000;
  const std::uint64_t before = edit_distances_computed();
  const sema::LoadResult r = sema::load_policy_text("t.qpl", lets_with_unknown_names(count));
  const std::uint64_t computed = edit_distances_computed() - before;
  CHECK(r.diagnostics.size() == count);  // none is dropped
  CHECK(count_suggestions(r) > 0);
  CHECK(count_suggestions(r) < count);
  CHECK(computed <= 2 * (Suggester::default_budget + count + 1));
  CHECK(computed * 4 < count * count);  // far from comparing every pair
}
