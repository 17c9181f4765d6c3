#include "eval/aggregates.hpp"

#include <cmath>

namespace qpl::eval {

bool AggregateFold::add(const Value& v) {
  if (unknown_) return false;
  if (v.is_unknown()) {
    unknown_ = true;
    fault_ = v.fault();
    return false;
  }
  ++count_;
  if (quantifier_ == Quantifier::sum || quantifier_ == Quantifier::avg) {
    if (const auto* x = std::get_if<double>(&v.data)) total_ += *x;
    return true;
  }
  if (count_ == 1) {
    best_ = v;
    return true;
  }
  const bool is_min = quantifier_ == Quantifier::min;
  if (const auto* x = std::get_if<double>(&v.data)) {
    const double b = std::get<double>(best_.data);
    if (is_min ? *x < b : *x > b) best_ = v;
  } else if (const auto* d = std::get_if<Date>(&v.data)) {
    const Date b = std::get<Date>(best_.data);
    if (is_min ? d->days < b.days : d->days > b.days) best_ = v;
  }
  return true;
}

Value AggregateFold::result() const {
  if (unknown_) return Value(Unknown{fault_});
  if (quantifier_ == Quantifier::sum) {
    if (!std::isfinite(total_)) return Value(Unknown{Fault::non_finite});
    return Value(total_ == 0 ? 0.0 : total_);  // no -0
  }
  if (count_ == 0) return Value(Unknown{Fault::no_element});
  if (quantifier_ == Quantifier::avg) {
    const double mean = total_ / double(count_);
    if (!std::isfinite(mean)) return Value(Unknown{Fault::non_finite});
    return Value(mean);
  }
  return best_;
}

}  // namespace qpl::eval
