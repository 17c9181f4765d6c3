#include "lint/codes.hpp"

#include <algorithm>
#include <string>

namespace qpl::lint {
namespace {

using S = Severity;

// Keep in code order; docs/lint.md has a section per entry (a test checks both ways).
constexpr CodeInfo codes[] = {
    // The parser (grammar/qpl_errors.hpp): the text is not QPL.
    {"QPL001", "encoding", S::error, "invalid UTF-8 or a character that cannot start anything"},
    {"QPL002", "expected-declaration", S::error, "something other than a declaration at the top level"},
    {"QPL003", "unterminated-text", S::error, "a text without its closing quote on the same line"},
    {"QPL004", "bad-escape", S::error, "an unknown escape or a bad \\u{...} in a text"},
    {"QPL005", "bad-number", S::error, "a malformed number"},
    {"QPL006", "impossible-date", S::error, "a date that does not exist"},
    {"QPL007", "foreign-operator", S::error, "an operator from another language ('==', '!', '&&', '||')"},
    {"QPL008", "chained-comparison", S::error, "comparisons chained without parentheses"},
    {"QPL009", "too-deep", S::error, "an expression nested too deeply or too long"},
    {"QPL010", "reserved-word", S::error, "a reserved word used as a name"},
    {"QPL011", "expected", S::error, "a token or a part of a clause is missing"},
    {"QPL012", "score-rule-shape", S::error, "a score rule without its sign or with clauses out of order"},
    {"QPL013", "bad-duration", S::error, "a duration that is not a whole number of days or weeks"},
    {"QPL014", "empty-group", S::error, "an empty group '()'"},
    {"QPL015", "trailing-text", S::error, "something left on a line after a complete clause"},
    {"QPL016", "missing-values-place", S::error, "'missing values' outside 'fields'"},
    // The checker (src/sema/checker.hpp): errors, a policy with one is not evaluated.
    {"QPL100", "cannot-read", S::error, "a policy or imported file cannot be read"},
    {"QPL101", "import-cycle", S::error, "files import each other in a cycle"},
    {"QPL102", "duplicate-name", S::error, "two declarations have the same name"},
    {"QPL103", "second-block", S::error, "a second 'fields' block or 'funnel'"},
    {"QPL110", "unknown-name", S::error, "a name that nothing declares"},
    {"QPL111", "unknown-field", S::error, "a record or the lead has no field of that name"},
    {"QPL112", "unknown-label", S::error, "a gates group has no check of that label"},
    {"QPL113", "unknown-group", S::error, "a group test names no gates block"},
    {"QPL114", "unknown-function", S::error, "a call to a function that is not built in"},
    {"QPL115", "unknown-type", S::error, "a field's type is neither built in nor a record"},
    {"QPL116", "cycle", S::error, "a definition depends on itself"},
    {"QPL117", "group-as-value", S::error, "a gates group used as a value"},
    {"QPL118", "bare-lead", S::error, "'lead' used without '.field'"},
    {"QPL120", "duplicate-member", S::error, "a field, check or enum value given twice"},
    {"QPL200", "type-mismatch", S::error, "a value of the wrong type"},
    {"QPL201", "not-comparable", S::error, "two values that cannot be compared"},
    {"QPL202", "enum-value", S::error, "a text that a 'one of' type does not list"},
    {"QPL203", "enum-order", S::error, "an order comparison on a 'one of' value"},
    {"QPL204", "arity", S::error, "a function called with the wrong number of arguments"},
    {"QPL205", "duration-place", S::error, "a duration outside 'within' or date arithmetic"},
    {"QPL206", "bad-regex", S::error, "a 'matches' pattern that is not a valid expression"},
    {"QPL207", "where-needs-records", S::error, "'where' on a list that does not hold records"},
    {"QPL208", "let-type", S::error, "a let holding a record or a duration"},
    {"QPL209", "mixed-list", S::error, "a list literal mixing types"},
    {"QPL210", "lower-literal", S::error, "a text with upper-case letters compared with a field read 'lower': it never matches"},
    {"QPL300", "funnel-otherwise", S::error, "the funnel's 'otherwise' line is missing, repeated or not last"},
    {"QPL301", "score-range", S::error, "a score's 'from LO to HI' with LO above HI"},
    {"QPL302", "empty-enum", S::error, "'one of' with no values"},
    {"QPL303", "field-option", S::error, "a field option that does not fit its field"},
    {"QPL310", "test-lead", S::error, "a test's lead is missing or names unknown fields"},
    {"QPL311", "test-expect", S::error, "a test expects a value of the wrong type"},
    {"QPL312", "test-name", S::error, "a test, or a row of a test's table, has no name or another's"},
    {"QPL313", "test-table-column", S::error, "an expectation column of a test's table names nothing or does not check"},
    {"QPL314", "test-table-unreadable", S::error, "a test's 'leads from' file cannot be read"},
    {"QPL320", "too-deep", S::error, "evaluation deeper than 4000 levels through lets and expressions"},
    // The linter.
    {"QPL401", "unused-let", S::warning, "a let that nothing reads"},
    {"QPL402", "unused-score", S::warning, "a score that the funnel never uses"},
    {"QPL403", "unused-icp", S::warning, "an icp that the funnel never uses"},
    {"QPL404", "unused-gates", S::warning, "a gates group that the funnel never uses"},
    {"QPL405", "unused-check", S::warning, "a gates check that nothing reads"},
    {"QPL406", "unused-field", S::info, "an optional field that no rule reads"},
    {"QPL407", "unused-record", S::warning, "a record type that no field uses"},
    {"QPL408", "unused-required-field", S::warning, "a required field that no rule reads: leads without it are rejected for nothing"},
    {"QPL410", "funnel-line-shadowed", S::warning, "a funnel line after a line that is always true"},
    {"QPL411", "funnel-line-repeated", S::warning, "a funnel line with the same condition as an earlier line"},
    {"QPL412", "funnel-stage-unreachable", S::warning, "a funnel stage that no line can give"},
    {"QPL413", "funnel-line-implied", S::warning, "a funnel line whose condition implies an earlier line's: it never fires"},
    {"QPL420", "score-comparison-never", S::warning, "a score comparison that no lead can satisfy"},
    {"QPL421", "score-comparison-always", S::warning, "a score comparison that every lead satisfies"},
    {"QPL422", "condition-never", S::warning, "a condition that is never true"},
    {"QPL423", "condition-always", S::warning, "a condition that is always true"},
    {"QPL430", "duplicate-rule", S::warning, "a score rule written twice"},
    {"QPL431", "duplicate-condition", S::warning, "a gates check or icp clause written twice"},
    {"QPL432", "where-shadows-field", S::warning, "a list element's field hides a lead field"},
    {"QPL440", "division-by-zero", S::warning, "a division or remainder by a literal zero"},
    {"QPL500", "unhandled-missing", S::info, "an optional field read where unknown silently fails"},
    {"QPL501", "plain-matches", S::warning, "a 'matches' pattern without any pattern syntax"},
    // lint --against SAMPLE: the policy read against a sample of the data.
    {"QPL510", "column-not-in-sample", S::warning, "an optional field's column is not in the sample's header"},
    {"QPL511", "required-column-not-in-sample", S::error, "a required field's column is not in the sample's header"},
};

// Where docs/lint.md is published; SARIF viewers link each rule to its section.
constexpr std::string_view docs_uri = "https://github.com/qualify-lang/qualify/blob/main/docs/lint.md";

}  // namespace

std::span<const CodeInfo> all_codes() { return codes; }

const CodeInfo* find_code(std::string_view code) {
  auto it = std::find_if(std::begin(codes), std::end(codes),
                         [&](const CodeInfo& c) { return c.code == code; });
  return it == std::end(codes) ? nullptr : &*it;
}

std::string help_uri(std::string_view code) {
  std::string uri(docs_uri);
  uri += "#";
  for (char c : code) uri += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return uri;
}

}  // namespace qpl::lint
