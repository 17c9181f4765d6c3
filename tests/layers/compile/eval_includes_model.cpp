// Compiled with the eval layer's include folder: eval may include model (and itself), so this
// compiles. The control for eval_includes_sema.cpp, which must not.
#include "eval/evaluator.hpp"
#include "model/policy.hpp"
