#pragma once
// Every diagnostic code `qualify` reports, with its default severity and a one-line summary,
// made from the registry support/diagnostic_codes.def. docs/diagnostics.md has one section per
// code (the anchor is the code in lower case, `#qpl401`); SARIF output lists these as rules.
#include <span>
#include <string_view>

#include "support/diagnostic.hpp"
#include "support/diagnostic_codes.hpp"

namespace qpl::lint {

// The linter's own codes (QPL4xx, QPL5xx), listed in support/diagnostic_codes.def.
namespace code = diagnostic_codes::lint;

struct CodeInfo {
  std::string_view code;     // "QPL401"
  std::string_view name;     // "unused-let": a short stable name (SARIF rule name)
  Severity severity;         // the default; a project configuration may change it
  std::string_view summary;  // one line: what it means
  diagnostic_codes::Layer layer;  // the part of `qualify` that reports it
};

// Every code, the front end's included, in code order.
std::span<const CodeInfo> all_codes();
const CodeInfo* find_code(std::string_view code);
// The documentation page's anchor for a code: "https://.../docs/diagnostics.md#qpl401".
std::string help_uri(std::string_view code);

}  // namespace qpl::lint
