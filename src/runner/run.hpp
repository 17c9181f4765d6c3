#pragma once
// `qualify test`: runs a policy's test blocks and measures which decisions they exercise.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/policy.hpp"
#include "model/value.hpp"

namespace qpl::runner {

struct ExpectationFailure {
  Span span;              // the `expect` line, or a table test's `leads from`
  std::string expression; // its source text
  std::string expected;
  std::string actual;
  std::string origin;     // a table's row and column, "cases.csv:4 'expected_stage'"; else empty
};

struct TestCaseResult {
  std::string name;   // a table row's: "<test name> [<row id>]"
  std::string test;   // the test block's name
  Span span;
  bool passed = true;
  // The case could not run: its lead does not fit the schema (R50), a table row or cell cannot
  // be read, an expectation column does not check against the policy.
  std::optional<std::string> lead_error;
  std::vector<ExpectationFailure> failures;
  std::string explain;  // the lead's explain trace, for failures
};

// One decision point of the policy and what the tests made of it.
struct CoverageItem {
  enum class Kind : std::uint8_t { funnel_line, icp_clause, score_rule, gate_check };
  Kind kind;
  std::string label;  // "funnel: sql when fit and demo_requested", "score engagement: +10 ..."
  Span span;
  bool seen_true = false;
  bool seen_false = false;
  bool can_be_false = true;  // not for an `otherwise` line or a score rule without `when`
  bool seen_unknown = false;  // reached, but neither true nor false (never counts as covered)
  bool covered() const { return seen_true && (seen_false || !can_be_false); }
};

struct TestRunOptions {
  std::int32_t default_today = 0;  // the command's --as-of
  std::optional<std::string> filter;  // --run REGEX on test names (a valid RE2 pattern)
  bool coverage = false;
  bool explain_failures = true;
};

struct TestReport {
  std::vector<TestCaseResult> cases;
  std::vector<CoverageItem> coverage;  // empty unless asked
  std::size_t passed() const;
  std::size_t failed() const;
};

// Table-driven tests add their expectation columns to the policy (sources, checked
// expressions), hence the mutable policy.
TestReport run_tests(CheckedPolicy& policy, const TestRunOptions& options);

}  // namespace qpl::runner
