#pragma once
// The readings on plain numbers and dates that both evaluations share: the tree walk on Values
// (evaluator.cpp) and the compiled program on Slots (program_runner.cpp).
#include <cmath>
#include <cstdint>

#include "model/ast.hpp"

namespace qpl::eval {

// <0, 0, >0 by IEEE comparison (R21: NaN is never less nor greater, so it orders as equal).
inline int order(double x, double y) { return x < y ? -1 : (x > y ? 1 : 0); }
inline int order(std::int32_t x, std::int32_t y) { return x < y ? -1 : (x > y ? 1 : 0); }

// Whether comparison `op` holds for an ordering `c` (<0, 0, >0) of its operands.
inline bool holds(BinaryOp op, int c) {
  switch (op) {
    case BinaryOp::eq: return c == 0;
    case BinaryOp::ne: return c != 0;
    case BinaryOp::lt: return c < 0;
    case BinaryOp::le: return c <= 0;
    case BinaryOp::gt: return c > 0;
    case BinaryOp::ge: return c >= 0;
    default: return false;
  }
}

// R30: C's round (half away from zero), floor, ceil, abs.
inline double apply_rounding(Builtin b, double x) {
  switch (b) {
    case Builtin::abs: return std::fabs(x);
    case Builtin::round: return std::round(x);
    case Builtin::floor: return std::floor(x);
    case Builtin::ceil: return std::ceil(x);
    default: return x;
  }
}

}  // namespace qpl::eval
