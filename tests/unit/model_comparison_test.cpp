// `mirrored`: the one place a comparison is read from its other side (lint's facts, the
// explain trace's "needs", report's score thresholds).
#include <doctest/doctest.h>

#include "model/comparison.hpp"

using qpl::BinaryOp;
using qpl::mirrored;

TEST_CASE("mirrored swaps the order comparisons and keeps the symmetric operators") {
  CHECK(mirrored(BinaryOp::lt) == BinaryOp::gt);
  CHECK(mirrored(BinaryOp::le) == BinaryOp::ge);
  CHECK(mirrored(BinaryOp::gt) == BinaryOp::lt);
  CHECK(mirrored(BinaryOp::ge) == BinaryOp::le);
  CHECK(mirrored(BinaryOp::eq) == BinaryOp::eq);
  CHECK(mirrored(BinaryOp::ne) == BinaryOp::ne);
}
