#pragma once
// `qualify fmt`'s engine: parse, print in the canonical layout, and prove the layout is all
// that changed (re-parse the output: same declarations, same number of comments), as Cedar's
// formatter does in its soundness check.
#include <string>

#include "support/diagnostic.hpp"
#include "support/source.hpp"

namespace qpl::format {

enum class FormatStatus {
  formatted,      // `text` holds the canonical layout
  syntax_errors,  // the input does not parse: `diagnostics` says why
  unsound,        // the printer would change the policy's meaning: a bug, nothing to write
};

struct FormatResult {
  FormatStatus status = FormatStatus::formatted;
  std::string text;
  Diagnostics diagnostics;
};

FormatResult format_source(const SourceFile& source);

inline constexpr const char* unsound_message =
    "formatting would change the policy's meaning: please report this";

}  // namespace qpl::format
