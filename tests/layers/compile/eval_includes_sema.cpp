// Compiled with the eval layer's include folder: eval's row of docs/architecture.md does not
// list sema, so this include must not compile.
#include "eval/evaluator.hpp"
#include "sema/load.hpp"
