#include "eval/decay.hpp"

#include <algorithm>
#include <cmath>

namespace qpl::eval {

double decay_factor(const Decay& decay, std::int32_t day, std::int32_t today) {
  const double age = std::max(0.0, static_cast<double>(today) - static_cast<double>(day));
  const auto period = static_cast<double>(decay.days);
  if (decay.shape == DecayShape::half_life) return std::pow(0.5, age / period);
  return std::max(0.0, 1.0 - age / period);
}

}  // namespace qpl::eval
