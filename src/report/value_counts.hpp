#pragma once
// A score's leads per distinct value, with how many of them have a known outcome and how many
// are positive: all the report's score figures (histogram, mean, bands, AUC, thresholds) come
// from it, so memory grows with the distinct values, not the leads. Exact up to `exact_limit`
// distinct values; beyond, each value is kept in a bucket 0.1% of the value wide.
#include <cstddef>
#include <cstdint>
#include <map>

namespace qpl::report {

struct ValueCount {
  std::uint64_t leads = 0;
  std::uint64_t known = 0;     // leads with a readable outcome
  std::uint64_t positive = 0;  // of those, the positive ones
  ValueCount& operator+=(const ValueCount& other) {
    leads += other.leads;
    known += other.known;
    positive += other.positive;
    return *this;
  }
};

using ValueMap = std::map<double, ValueCount>;  // ascending values

class ValueCounts {
 public:
  static constexpr std::size_t exact_limit = 16384;

  void add(double value, const ValueCount& count);
  const ValueMap& values() const { return values_; }
  bool exact() const { return exact_; }
  std::uint64_t leads() const { return leads_; }
  double sum() const { return sum_; }

 private:
  static double bucket_of(double value);
  void coarsen();

  ValueMap values_;
  std::uint64_t leads_ = 0;
  double sum_ = 0;
  bool exact_ = true;
};

}  // namespace qpl::report
