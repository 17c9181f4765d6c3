#include "diff/score_sketch.hpp"

#include <algorithm>
#include <cmath>

namespace qpl::diff {
namespace {

constexpr double relative_width = 0.01;  // buckets [g^i, g^(i+1)) with g = 1.02: middle within 1%

}  // namespace

double ScoreSketch::bucket_of(double value) const {
  if (exact_ || value == 0 || !std::isfinite(value)) return value;
  const double gamma = 1 + 2 * relative_width;
  const double magnitude = std::fabs(value);
  const double index = std::floor(std::log(magnitude) / std::log(gamma));
  const double middle = std::pow(gamma, index) * (1 + relative_width);
  return value < 0 ? -middle : middle;
}

void ScoreSketch::add(double value, std::uint64_t count) {
  count_ += count;
  sum_ += value * static_cast<double>(count);
  counts_[bucket_of(value)] += count;
  if (exact_ && counts_.size() > exact_limit) coarsen();
}

void ScoreSketch::coarsen() {
  exact_ = false;
  std::map<double, std::uint64_t> coarse;
  for (const auto& [value, count] : counts_) coarse[bucket_of(value)] += count;
  counts_ = std::move(coarse);
}

void ScoreSketch::merge(const ScoreSketch& other) {
  if (!other.exact_ && exact_) coarsen();
  for (const auto& [value, count] : other.counts_) counts_[bucket_of(value)] += count;
  count_ += other.count_;
  sum_ += other.sum_;
  if (exact_ && counts_.size() > exact_limit) coarsen();
}

double ScoreSketch::quantile(double q) const {
  if (count_ == 0) return 0;
  const auto rank = static_cast<std::uint64_t>(
      std::max(1.0, std::ceil(q * static_cast<double>(count_))));
  std::uint64_t seen = 0;
  for (const auto& [value, count] : counts_) {
    seen += count;
    if (seen >= rank) return value;
  }
  return counts_.rbegin()->first;
}

}  // namespace qpl::diff
