#pragma once
// `qualify fmt`'s engine: parse, print in the canonical layout, and prove the layout is all
// that changed (re-parse the output: same declarations, each comment with the same declaration),
// as Cedar's formatter does in its soundness check.
#include <string>

#include "model/ast.hpp"
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

// The soundness check: `printed` parses without errors to the same declarations as `parsed` (the
// module of `source`), and every comment is still with its declaration, before or inside it.
bool same_policy(const Module& parsed, const SourceFile& source, const SourceFile& printed);

inline constexpr const char* unsound_message =
    "formatting would change the policy's meaning: please report this";

}  // namespace qpl::format
