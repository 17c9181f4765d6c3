#pragma once
// The distribution of one score over many leads in bounded memory, for `diff`'s mean and
// quantiles: exact while the score takes at most `exact_limit` distinct values (scores usually
// take a few dozen), then each value is kept in a logarithmic bucket of 1% relative width, so a
// quantile is within 1% of the true one. Sketches of the same score merge (one per thread).
#include <cstddef>
#include <cstdint>
#include <map>

namespace qpl::diff {

class ScoreSketch {
 public:
  static constexpr std::size_t exact_limit = 4096;

  void add(double value, std::uint64_t count = 1);
  void merge(const ScoreSketch& other);

  std::uint64_t count() const { return count_; }
  double mean() const { return count_ == 0 ? 0 : sum_ / static_cast<double>(count_); }
  // The value at rank ceil(q * count) (nearest-rank); 0 when empty.
  double quantile(double q) const;
  bool exact() const { return exact_; }

 private:
  double bucket_of(double value) const;
  void coarsen();

  std::map<double, std::uint64_t> counts_;  // value (or bucket middle) -> leads
  std::uint64_t count_ = 0;
  double sum_ = 0;
  bool exact_ = true;
};

}  // namespace qpl::diff
