#pragma once
// The statistics of a score against an outcome, from per-value counts (value_counts.hpp):
// conversion rate and lift, AUC with ties, score bands (deciles), the threshold table, and the
// histogram. Pure functions; docs/commands.md (`qualify report`) defines each.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "report/value_counts.hpp"

namespace qpl::report {

// Leads with a known outcome and the positive ones among them.
struct Rate {
  std::uint64_t known = 0;
  std::uint64_t positive = 0;
  // positive / known; nullopt when nothing is known.
  std::optional<double> rate() const;
  // This rate / the overall rate; nullopt when either is unknown or the overall rate is 0.
  std::optional<double> lift(const Rate& overall) const;
  void add(const ValueCount& count) {
    known += count.known;
    positive += count.positive;
  }
};

// The probability that a positive lead scores higher than a negative one, a tie counting one
// half (Mann-Whitney U / (positives * negatives)); nullopt without both.
std::optional<double> auc(const ValueMap& values);

// Leads sorted by score, highest first, cut in ten: each distinct value goes whole to the band
// its middle rank falls in (band 1: the top tenth). Empty bands are left out.
struct Band {
  int band = 0;
  double from = 0, to = 0;  // the lowest and highest score in the band
  std::uint64_t leads = 0;
  Rate outcome;
};
std::vector<Band> score_bands(const ValueMap& values);

// One row of the threshold table: leads at or above `value` (`>=`), or strictly above (`>`).
struct ThresholdRow {
  std::string op;  // ">=" or ">"
  double value = 0;
  bool current = false;  // one of the policy's own thresholds
  std::uint64_t leads_above = 0;
  Rate above, below;
};
ThresholdRow threshold_row(const ValueMap& values, const std::string& op, double value);

// Candidate thresholds: every distinct value when there are at most `max_distinct`, else the
// values at the 5%, 10%, ... 95% ranks (ascending, nearest rank over the leads).
std::vector<double> candidate_thresholds(const ValueMap& values, std::size_t max_distinct = 40);

// `bins` bins of equal width over [low, high]; each holds from <= v < to, the last also its
// `to`. Values outside the range go to the first or last bin.
struct HistogramBin {
  double from = 0, to = 0;
  std::uint64_t leads = 0;
};
std::vector<HistogramBin> histogram(const ValueMap& values, double low, double high, int bins = 20);

}  // namespace qpl::report
