#include "report/value_counts.hpp"

#include <cmath>

namespace qpl::report {

void ValueCounts::add(double value, const ValueCount& count) {
  leads_ += count.leads;
  sum_ += value * static_cast<double>(count.leads);
  values_[exact_ ? value : bucket_of(value)] += count;
  if (exact_ && values_.size() > exact_limit) coarsen();
}

// The middle of the value's logarithmic bucket (ratio 1.001 between bucket edges); 0 stays 0.
double ValueCounts::bucket_of(double value) {
  if (value == 0 || !std::isfinite(value)) return value;
  static const double step = std::log(1.001);
  const double index = std::floor(std::log(std::fabs(value)) / step);
  const double middle = std::exp((index + 0.5) * step);
  return value < 0 ? -middle : middle;
}

void ValueCounts::coarsen() {
  exact_ = false;
  ValueMap coarse;
  for (const auto& [value, count] : values_) coarse[bucket_of(value)] += count;
  values_ = std::move(coarse);
}

}  // namespace qpl::report
