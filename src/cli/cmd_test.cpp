// `qualify test PATH...`: runs every policy's test blocks (runner/test_runner.hpp) and prints
// each failure with expected vs actual and the lead's trace.
#include <cstdio>
#include <string>

#include <fmt/core.h>
#include <re2/re2.h>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/exit_code.hpp"
#include "runner/test_runner.hpp"
#include "support/utf8.hpp"

namespace qpl::cli {
namespace {

std::string location(const CheckedPolicy& policy, Span span) {
  if (span.file >= policy.sources.size()) return "";
  const SourceFile& file = policy.sources.file(span.file);
  const LineColumn at = file.position(span.begin);
  return fmt::format("{}:{}:{}", sanitize_for_terminal(file.name()), at.line, at.column);
}

void append_indented(std::string& out, std::string_view text, std::string_view indent) {
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    out += indent;
    out += sanitize_for_terminal(text.substr(start, end - start));
    out += '\n';
    start = end + 1;
  }
}

void print_case(const CheckedPolicy& policy, const TestCaseResult& result, std::string& out) {
  const std::string name = sanitize_for_terminal(result.name);
  if (result.passed) {
    out += fmt::format("  ok    {}\n", name);
    return;
  }
  out += fmt::format("  FAIL  {}\n", name);
  if (result.lead_error) {
    out += fmt::format("        {}: the test lead does not fit the schema: {}\n",
                       location(policy, result.span), sanitize_for_terminal(*result.lead_error));
  }
  for (const ExpectationFailure& failure : result.failures) {
    out += fmt::format("        {}: expect {} = {}: got {}\n", location(policy, failure.span),
                       sanitize_for_terminal(failure.expression),
                       sanitize_for_terminal(failure.expected), sanitize_for_terminal(failure.actual));
  }
  if (!result.explain.empty()) append_indented(out, result.explain, "          ");
}

void print_coverage(const CheckedPolicy& policy, const TestReport& report, std::string& out) {
  std::size_t missed = 0;
  for (const CoverageItem& item : report.coverage) {
    if (item.seen_true && item.seen_false) continue;
    ++missed;
    const char* never = !item.seen_true && !item.seen_false ? "never reached"
                        : !item.seen_true                  ? "never true"
                                                           : "never false";
    out += fmt::format("  {}: {}: {}\n", location(policy, item.span),
                       sanitize_for_terminal(item.label), never);
  }
  out += fmt::format("  coverage: {} of {} decisions seen both true and false\n",
                     report.coverage.size() - missed, report.coverage.size());
}

}  // namespace

int run_test(const TestOptions& options) {
  const auto as_of = resolve_as_of(options.as_of);
  if (!as_of) return to_int(ExitCode::failure);
  if (options.run) {
    RE2 pattern(*options.run, RE2::Quiet);
    if (!pattern.ok()) {
      print_error(fmt::format("invalid --run pattern '{}': {}", sanitize_for_terminal(*options.run),
                              pattern.error()));
      return to_int(ExitCode::failure);
    }
  }
  const auto files = collect_policy_files(options.paths);
  if (!files) return to_int(ExitCode::failure);

  TestRunOptions run_options;
  run_options.default_today = *as_of;
  run_options.filter = options.run;
  run_options.coverage = options.coverage;
  std::size_t passed = 0, failed = 0;
  bool policy_errors = false;
  for (const std::string& file : *files) {
    const auto policy = load_policy_or_report(file);
    if (!policy) {
      policy_errors = true;
      continue;
    }
    const TestReport report = run_tests(*policy, run_options);
    std::string out = sanitize_for_terminal(file) + "\n";
    for (const TestCaseResult& result : report.cases) print_case(*policy, result, out);
    if (report.cases.empty()) out += "  no tests\n";
    if (options.coverage) print_coverage(*policy, report, out);
    std::fwrite(out.data(), 1, out.size(), stdout);
    passed += report.passed();
    failed += report.failed();
  }
  fmt::print("{} passed, {} failed\n", passed, failed);
  if (policy_errors) return to_int(ExitCode::failure);
  return to_int(failed > 0 ? ExitCode::record_errors : ExitCode::ok);
}

}  // namespace qpl::cli
