#pragma once
// Every diagnostic code `qualify` reports, with its default severity and a one-line summary.
// docs/lint.md has one section per code (the anchor is the code in lower case, `#qpl401`);
// SARIF output lists these as rules. Codes are stable: never reuse or renumber one.
#include <span>
#include <string_view>

#include "support/diagnostic.hpp"

namespace qpl::lint {

// The linter's own codes. QPL4xx: warnings about the funnel's logic; QPL5xx: advice.
namespace code {
inline constexpr const char* unused_let = "QPL401";
inline constexpr const char* unused_score = "QPL402";
inline constexpr const char* unused_icp = "QPL403";
inline constexpr const char* unused_gates = "QPL404";
inline constexpr const char* unused_check = "QPL405";
inline constexpr const char* unused_field = "QPL406";
inline constexpr const char* unused_record = "QPL407";
inline constexpr const char* unused_required_field = "QPL408";
inline constexpr const char* funnel_line_shadowed = "QPL410";
inline constexpr const char* funnel_line_repeated = "QPL411";
inline constexpr const char* funnel_stage_unreachable = "QPL412";
inline constexpr const char* funnel_line_implied = "QPL413";
inline constexpr const char* score_never = "QPL420";
inline constexpr const char* score_always = "QPL421";
inline constexpr const char* condition_never = "QPL422";
inline constexpr const char* condition_always = "QPL423";
inline constexpr const char* duplicate_rule = "QPL430";
inline constexpr const char* duplicate_condition = "QPL431";
inline constexpr const char* where_shadows_field = "QPL432";
inline constexpr const char* division_by_zero = "QPL440";
inline constexpr const char* unhandled_missing = "QPL500";
inline constexpr const char* plain_matches = "QPL501";
inline constexpr const char* column_not_in_sample = "QPL510";
inline constexpr const char* required_column_not_in_sample = "QPL511";
}  // namespace code

struct CodeInfo {
  std::string_view code;     // "QPL401"
  std::string_view name;     // "unused-let": a short stable name (SARIF rule name)
  Severity severity;         // the default; a project configuration may change it
  std::string_view summary;  // one line: what it means
};

// Every code, the front end's included, in code order.
std::span<const CodeInfo> all_codes();
const CodeInfo* find_code(std::string_view code);
// The documentation page's anchor for a code: "https://.../docs/lint.md#qpl401".
std::string help_uri(std::string_view code);

}  // namespace qpl::lint
