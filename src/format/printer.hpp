#pragma once
// The canonical layout of one parsed file.
#include <string>

#include "model/ast.hpp"
#include "support/source.hpp"

namespace qpl::format {

// `module` printed in the canonical layout (docs/fmt.md), every comment of `module.comments`
// kept next to its line. `source` is the text the module was parsed from: literals print as
// they were written there.
std::string print_module(const Module& module, const SourceFile& source);

}  // namespace qpl::format
