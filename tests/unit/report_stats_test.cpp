// The report's statistics against figures worked out by hand (docs/commands.md, `qualify report`).
#include <doctest/doctest.h>

#include "report/outcome.hpp"
#include "report/outcome_stats.hpp"

using namespace qpl;
using namespace qpl::report;

namespace {

// Scores 10, 20, 30, 40 with ties: {leads, known, positive}.
ValueMap sample() {
  ValueMap m;
  m[10] = {2, 2, 0};
  m[20] = {3, 3, 1};
  m[30] = {4, 3, 2};  // one lead without an outcome
  m[40] = {1, 1, 1};
  return m;
}

}  // namespace

TEST_CASE("AUC counts a tie as one half") {
  // Positives 4, negatives 5. Wins: 0 + 1*(2 + 0.5*2) + 2*(4 + 0.5*1) + 1*5 = 17; 17 / 20.
  CHECK(*auc(sample()) == doctest::Approx(0.85));
  ValueMap all_tied;
  all_tied[7] = {4, 4, 2};
  CHECK(*auc(all_tied) == doctest::Approx(0.5));
  ValueMap perfect;
  perfect[1] = {3, 3, 0};
  perfect[2] = {2, 2, 2};
  CHECK(*auc(perfect) == doctest::Approx(1.0));
  ValueMap no_negative;
  no_negative[1] = {2, 2, 2};
  CHECK_FALSE(auc(no_negative).has_value());
  CHECK_FALSE(auc({}).has_value());
}

TEST_CASE("deciles keep each score value whole, in the band of its middle rank") {
  // 10 leads, highest first: 40 (rank 0..1, middle 0.5 -> band 1), 30 (1..5, middle 3 -> band 4),
  // 20 (5..8, 6.5 -> band 7), 10 (8..10, 9 -> band 10).
  const auto bands = score_bands(sample());
  REQUIRE(bands.size() == 4);
  CHECK(bands[0].band == 1);
  CHECK(bands[0].from == 40);
  CHECK(bands[0].to == 40);
  CHECK(bands[1].band == 4);
  CHECK(bands[1].leads == 4);
  CHECK(bands[1].outcome.known == 3);
  CHECK(bands[1].outcome.positive == 2);
  CHECK(bands[2].band == 7);
  CHECK(bands[3].band == 10);
  CHECK(bands[3].leads == 2);
  // Values that share a band are merged: 100 leads of distinct values give ten full bands.
  ValueMap spread;
  for (int v = 0; v < 100; ++v) spread[v] = {1, 1, v >= 50 ? 1u : 0u};
  const auto ten = score_bands(spread);
  REQUIRE(ten.size() == 10);
  for (const Band& b : ten) CHECK(b.leads == 10);
  CHECK(ten[0].from == 90);
  CHECK(ten[0].to == 99);
  CHECK(ten[9].from == 0);
  CHECK(ten[9].to == 9);
}

TEST_CASE("lift is a rate over the rate of all leads with an outcome") {
  Rate overall{9, 4};
  const auto bands = score_bands(sample());
  CHECK(*bands[0].outcome.lift(overall) == doctest::Approx(2.25));  // 1 / (4/9)
  CHECK(*bands[1].outcome.lift(overall) == doctest::Approx(1.5));   // (2/3) / (4/9)
  CHECK(*bands[2].outcome.lift(overall) == doctest::Approx(0.75));
  CHECK(*bands[3].outcome.lift(overall) == doctest::Approx(0.0));
  CHECK_FALSE(Rate{0, 0}.rate().has_value());
  CHECK_FALSE(Rate{3, 1}.lift(Rate{5, 0}).has_value());  // overall rate 0
}

TEST_CASE("threshold table: leads at or above, conversion above and below") {
  const ThresholdRow at = threshold_row(sample(), ">=", 30);
  CHECK(at.leads_above == 5);
  CHECK(at.above.known == 4);
  CHECK(*at.above.rate() == doctest::Approx(0.75));
  CHECK(*at.below.rate() == doctest::Approx(0.2));  // 1 of 5
  const ThresholdRow over = threshold_row(sample(), ">", 30);
  CHECK(over.leads_above == 1);
  CHECK(*over.above.rate() == doctest::Approx(1.0));
  CHECK(*over.below.rate() == doctest::Approx(0.375));  // 3 of 8
  CHECK(candidate_thresholds(sample()) == std::vector<double>{10, 20, 30, 40});
  // Beyond max_distinct: the values at the 5%, 10%, ... 95% ranks, each once.
  CHECK(candidate_thresholds(sample(), 2) == std::vector<double>{10, 20, 30, 40});
}

TEST_CASE("histogram: equal bins, the last one closed") {
  const auto bins = histogram(sample(), 0, 40, 4);
  REQUIRE(bins.size() == 4);
  CHECK(bins[0].leads == 0);
  CHECK(bins[1].leads == 2);
  CHECK(bins[2].leads == 3);
  CHECK(bins[3].leads == 5);  // 30 and 40
  CHECK(bins[3].to == 40);
  const auto one = histogram(sample(), 5, 5);
  REQUIRE(one.size() == 1);
  CHECK(one[0].leads == 10);
}

TEST_CASE("outcome cells") {
  const OutcomeSpec yes_no = *parse_outcome_spec("Converted");
  CHECK(read_outcome(yes_no, Value(std::string("1"))) == OutcomeRead::positive);
  CHECK(read_outcome(yes_no, Value(std::string(" No "))) == OutcomeRead::negative);
  CHECK(read_outcome(yes_no, Value(std::string("TRUE"))) == OutcomeRead::positive);
  CHECK(read_outcome(yes_no, Value(std::string("maybe"))) == OutcomeRead::unreadable);
  CHECK(read_outcome(yes_no, Value(std::string(""))) == OutcomeRead::missing);
  CHECK(read_outcome(yes_no, Value(Unknown{})) == OutcomeRead::missing);
  const OutcomeSpec won = *parse_outcome_spec("Status=Closed Won");
  CHECK(won.column == "Status");
  CHECK(*won.value == "Closed Won");
  CHECK(read_outcome(won, Value(std::string("Closed Won"))) == OutcomeRead::positive);
  CHECK(read_outcome(won, Value(std::string("Lost"))) == OutcomeRead::negative);
  CHECK_FALSE(parse_outcome_spec("=x").has_value());
}
