#pragma once
// A fixture for tests/layers/check_layers.cmake: eval may not include sema.
#include "model/ast.hpp"
#include "sema/checker.hpp"
