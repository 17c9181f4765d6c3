#pragma once
// A comparison read from its other side.
#include "model/ast.hpp"

namespace qpl {

// `a OP b` is `b mirrored(OP) a`: `<` and `>` swap, `<=` and `>=` swap; any other operator
// reads the same both ways and is returned unchanged.
BinaryOp mirrored(BinaryOp op);

}  // namespace qpl
