#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "support/suggest.hpp"

using namespace qpl;

namespace {
const std::vector<std::string> fields = {"id",   "email",      "job_title", "seniority",
                                         "budget", "engagement", "industry",  "need",
                                         "timeline_days", "company_size"};
}

TEST_CASE("edit_distance is the optimal string alignment distance") {
  CHECK(edit_distance("budjet", "budget", 10) == 1);
  CHECK(edit_distance("enagement", "engagement", 10) == 1);
  CHECK(edit_distance("ca", "ac", 10) == 1);      // one transposition
  CHECK(edit_distance("ca", "abc", 10) == 3);     // OSA, not full Damerau (which gives 2)
  CHECK(edit_distance("kitten", "sitting", 10) == 3);
  CHECK(edit_distance("", "abc", 10) == 3);
  CHECK(edit_distance("same", "same", 10) == 0);
  CHECK(edit_distance("société", "societe", 10) == 2);  // code points, not bytes
  CHECK(edit_distance("abcdef", "uvwxyz", 2) == 3);     // capped at limit + 1
}

TEST_CASE("did_you_mean finds likely typos") {
  CHECK(did_you_mean("budjet", fields) == "budget");
  CHECK(did_you_mean("enagement", fields) == "engagement");
  CHECK(did_you_mean("industy", fields) == "industry");
  CHECK(did_you_mean("senoirity", fields) == "seniority");  // transposition
  CHECK(did_you_mean("Budget", fields) == "budget");        // case only
  CHECK(did_you_mean("emial", fields) == "email");
  CHECK(did_you_mean("ic", {"ic", "manager"}) == std::nullopt);  // exact: nothing to suggest
}

TEST_CASE("did_you_mean stays quiet when nothing is close") {
  CHECK_FALSE(did_you_mean("cxo", {"ic", "manager", "director", "vp", "c_level"}));
  CHECK_FALSE(did_you_mean("revenue", fields));
  CHECK_FALSE(did_you_mean("", fields));
  CHECK_FALSE(did_you_mean("budjet", {}));
  CHECK_FALSE(did_you_mean("bdgt", fields));  // 2 edits for a 4-letter word is too far
  CHECK_FALSE(did_you_mean(std::string(5000, 'a'), {std::string(5000, 'a') + "b"}));
}

TEST_CASE("did_you_mean is deterministic on ties") {
  // "cat" is one edit from both; the first in candidate order wins.
  CHECK(did_you_mean("cat", {"bat", "cot"}) == "bat");
  CHECK(did_you_mean("cat", {"cot", "bat"}) == "cot");
  // Equal ignoring case: the one with the same case wins, wherever it is.
  CHECK(did_you_mean("Scor", {"score", "Score"}) == "Score");
  CHECK(did_you_mean("fit", {"Fit", "fix"}) == "Fit");
}

TEST_CASE("did_you_mean compares a far candidate once") {
  // A candidate past the threshold is not a typo: its exact distance is never needed.
  std::vector<std::string> far;
  for (int i = 0; i < 1000; ++i) far.push_back("a" + std::to_string(i));
  const std::uint64_t before = edit_distances_computed();
  CHECK_FALSE(did_you_mean("zzzzzzzzzzzzzzz7", far));
  CHECK(edit_distances_computed() - before == far.size());
}

TEST_CASE("a Suggester stops answering once its budget is spent") {
  const std::vector<std::string> names = {"budget", "engagement", "industry", "seniority"};
  Suggester suggest(10);  // candidates compared, over the whole run
  CHECK(suggest("budjet", names) == "budget");     // 4 compared
  CHECK(suggest("industy", names) == "industry");  // 8
  CHECK(suggest("senoirity", names) == "seniority");  // 12: the budget is now spent
  CHECK_FALSE(suggest.active());
  CHECK_FALSE(suggest("budjet", names));
  int gathered = 0;
  CHECK_FALSE(suggest("budjet", [&] {
    ++gathered;
    return names;
  }));
  CHECK(gathered == 0);  // a spent Suggester does not even gather candidates
}

TEST_CASE("a Suggester keeps many unknown names against many known ones linear") {
  // 5,000 unknown names, each one edit from one of 5,000 known names: answering every question
  // would take 25 million distance computations.
  std::vector<std::string> known;
  for (int i = 0; i < 5000; ++i) known.push_back("name" + std::to_string(i));
  Suggester suggest;
  const std::uint64_t before = edit_distances_computed();
  std::size_t answered = 0;
  for (int i = 0; i < 5000; ++i) answered += suggest("nme" + std::to_string(i), known).has_value();
  const std::uint64_t computed = edit_distances_computed() - before;
  CHECK(answered > 0);
  CHECK(computed <= 2 * (Suggester::default_budget + known.size()));
  CHECK(computed * 4 < known.size() * known.size());  // far from comparing every pair
}
