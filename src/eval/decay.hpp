#pragma once
// Score decay (docs/language.md, Score decay): the factor an element's points are multiplied by.
#include <cstdint>

#include "model/ast.hpp"

namespace qpl::eval {

// The factor of an element dated `day` on `today` (both days since 1970-01-01): 0.5^(age/N) for a
// half-life, max(0, 1 - age/N) for a linear decay; a date after today counts as age 0.
double decay_factor(const Decay& decay, std::int32_t day, std::int32_t today);

}  // namespace qpl::eval
