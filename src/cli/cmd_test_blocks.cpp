// `qualify test PATH...`: runs every policy's test blocks (runner/run.hpp) and reports
// each case (text for people, JSON for tools, JUnit XML for CI) and, with --coverage, which
// decisions no test made true or false.
#include <cstdio>
#include <string>
#include <vector>

#include <fmt/core.h>
#include <re2/re2.h>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/exit_code.hpp"
#include "present/json_writer.hpp"
#include "present/junit_writer.hpp"
#include "runner/run.hpp"
#include "support/source_location.hpp"
#include "support/utf8.hpp"

namespace qpl::cli {
namespace {

using runner::CoverageItem;
using runner::ExpectationFailure;
using runner::TestCaseResult;
using runner::TestReport;

struct FileReport {
  std::string file;
  std::unique_ptr<CheckedPolicy> policy;
  TestReport report;
};

std::string location(const CheckedPolicy& policy, Span span) { return location_text(policy.sources, span); }

// Where a failure is: the `expect` line, or the `leads from` line and the table's row and column.
std::string failure_location(const CheckedPolicy& policy, const ExpectationFailure& failure) {
  std::string where = location(policy, failure.span);
  if (!failure.origin.empty()) where += " (" + failure.origin + ")";
  return where;
}

std::string failure_text(const CheckedPolicy& policy, const ExpectationFailure& failure) {
  return fmt::format("{}: expect {} = {}: got {}", failure_location(policy, failure),
                     failure.expression, failure.expected, failure.actual);
}

std::string case_error_text(const CheckedPolicy& policy, const TestCaseResult& result) {
  return fmt::format("{}: {}", location(policy, result.span), *result.lead_error);
}

const char* why_uncovered(const CoverageItem& item) {
  if (!item.seen_true && !item.seen_false)
    return item.seen_unknown ? "only unknown in every test" : "never reached in any test";
  if (!item.seen_true) return "never true in any test";
  return "never false in any test";
}

std::size_t covered_count(const TestReport& report) {
  std::size_t n = 0;
  for (const CoverageItem& item : report.coverage) n += item.covered();
  return n;
}

double percent(std::size_t covered, std::size_t total) {
  return total == 0 ? 100.0 : 100.0 * static_cast<double>(covered) / static_cast<double>(total);
}

// ---- text -------------------------------------------------------------------------------------

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

void text_case(const CheckedPolicy& policy, const TestCaseResult& result, std::string& out) {
  const std::string name = sanitize_for_terminal(result.name);
  if (result.passed) {
    out += fmt::format("  ok    {}\n", name);
    return;
  }
  out += fmt::format("  FAIL  {}\n", name);
  if (result.lead_error) out += "        " + sanitize_for_terminal(case_error_text(policy, result)) + "\n";
  for (const ExpectationFailure& failure : result.failures)
    out += "        " + sanitize_for_terminal(failure_text(policy, failure)) + "\n";
  if (!result.explain.empty()) append_indented(out, result.explain, "          ");
}

void text_coverage(const CheckedPolicy& policy, const TestReport& report, std::string& out) {
  const std::size_t covered = covered_count(report);
  // Said for a marketing-ops reader: a rule is covered when some test saw it hold and another
  // saw it not hold (an `otherwise` line or a rule without `when`: when a test reached it).
  out += fmt::format("  coverage: {} of {} rules seen both holding and not holding in the tests ({:.1f}%)\n",
                     covered, report.coverage.size(), percent(covered, report.coverage.size()));
  for (const CoverageItem& item : report.coverage) {
    if (item.covered()) continue;
    out += fmt::format("    {}: {}: {}\n", sanitize_for_terminal(location(policy, item.span)),
                       sanitize_for_terminal(item.label), why_uncovered(item));
  }
}

std::string text_output(const std::vector<FileReport>& files, bool coverage) {
  std::string out;
  for (const FileReport& f : files) {
    out += sanitize_for_terminal(f.file);
    if (const std::string title = policy_title(*f.policy); !title.empty())
      out += " — " + sanitize_for_terminal(title);
    out += '\n';
    for (const TestCaseResult& result : f.report.cases) text_case(*f.policy, result, out);
    if (f.report.cases.empty()) out += "  no tests\n";
    if (coverage) text_coverage(*f.policy, f.report, out);
  }
  return out;
}

// ---- json -------------------------------------------------------------------------------------

std::string json_output(const std::vector<FileReport>& files, const std::vector<std::string>& broken,
                        bool coverage, std::size_t passed, std::size_t failed) {
  present::JsonWriter json;
  json.begin_object().key("files").begin_array();
  for (const FileReport& f : files) {
    json.begin_object().field("file", f.file).key("policy");
    if (const auto& header = f.policy->header) {
      json.begin_object().field("name", header->name).key("version");
      header->version ? json.integer(*header->version) : json.null();
      json.end_object();
    } else {
      json.null();
    }
    json.key("cases").begin_array();
    for (const TestCaseResult& r : f.report.cases) {
      json.begin_object()
          .field("name", r.name)
          .field("test", r.test)
          .field("location", location(*f.policy, r.span))
          .field("status", r.passed ? "passed" : "failed");
      if (r.lead_error) json.field("error", *r.lead_error);
      json.key("failures").begin_array();
      for (const ExpectationFailure& x : r.failures) {
        json.begin_object().field("location", location(*f.policy, x.span));
        if (!x.origin.empty()) json.field("row", x.origin);
        json.field("expression", x.expression).field("expected", x.expected).field("actual", x.actual);
        json.end_object();
      }
      json.end_array();
      if (!r.explain.empty()) json.field("explain", r.explain);
      json.end_object();
    }
    json.end_array();
    if (coverage) {
      const std::size_t covered = covered_count(f.report);
      json.key("coverage").begin_object()
          .key("covered").integer(covered)
          .key("total").integer(f.report.coverage.size())
          .key("percent").json_value(fmt::format("{:.1f}", percent(covered, f.report.coverage.size())))
          .key("items").begin_array();
      for (const CoverageItem& item : f.report.coverage) {
        json.begin_object()
            .field("label", item.label)
            .field("location", location(*f.policy, item.span))
            .key("seen_true").boolean(item.seen_true)
            .key("seen_false").boolean(item.seen_false)
            .key("can_be_false").boolean(item.can_be_false)
            .key("covered").boolean(item.covered())
            .end_object();
      }
      json.end_array().end_object();
    }
    json.end_object();
  }
  json.end_array().key("not_compiled").begin_array();
  for (const std::string& path : broken) json.string(path);
  json.end_array()
      .key("passed").integer(passed)
      .key("failed").integer(failed)
      .end_object();
  return json.take() + "\n";
}

// ---- junit ------------------------------------------------------------------------------------

std::string junit_output(const std::vector<FileReport>& files, const std::vector<std::string>& broken,
                         std::size_t passed, std::size_t failed) {
  present::JunitWriter junit("qualify test", passed + failed + broken.size(), failed, broken.size());
  for (const std::string& path : broken) {  // a policy that does not compile: one error case
    junit.begin_suite({{"name", path}, {"tests", "1"}, {"failures", "0"}, {"errors", "1"}, {"skipped", "0"}});
    junit.testcase({{"name", "compile"}, {"classname", path}},
                   {"error",
                    {{"type", "compile"},
                     {"message", fmt::format("the policy does not compile (qualify lint {})", path)}},
                    {}});
    junit.end_suite();
  }
  for (const FileReport& f : files) {
    junit.begin_suite({{"name", f.file},
                       {"tests", std::to_string(f.report.cases.size())},
                       {"failures", std::to_string(f.report.failed())},
                       {"errors", "0"},
                       {"skipped", "0"}});
    if (const auto& header = f.policy->header) {
      std::vector<std::pair<std::string, std::string>> properties{{"policy", header->name}};
      if (header->version) properties.emplace_back("version", std::to_string(*header->version));
      junit.properties(properties);
    }
    for (const TestCaseResult& r : f.report.cases) {
      const present::XmlAttributes testcase{{"name", r.name}, {"classname", f.file}};
      if (r.passed) {
        junit.testcase(testcase);
        continue;
      }
      std::string message, details;
      if (r.lead_error) message = case_error_text(*f.policy, r);
      for (const ExpectationFailure& x : r.failures) {
        const std::string line = failure_text(*f.policy, x);
        if (message.empty()) message = line;
        details += line + "\n";
      }
      if (details.empty()) details = message + "\n";
      details += r.explain;
      junit.testcase(testcase, {"failure", {{"message", message}, {"type", "expectation"}}, details});
    }
    junit.end_suite();
  }
  return junit.finish();
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
  if (options.threshold && !options.coverage) {
    print_error("--threshold needs --coverage");
    return to_int(ExitCode::failure);
  }
  const auto paths = collect_policy_files(options.paths);
  if (!paths) return to_int(ExitCode::failure);

  runner::TestRunOptions run_options;
  run_options.default_today = *as_of;
  run_options.filter = options.run;
  run_options.coverage = options.coverage;
  std::vector<FileReport> files;
  std::size_t passed = 0, failed = 0, covered = 0, decisions = 0;
  std::vector<std::string> broken;  // policies that do not compile: their errors are on stderr
  ShownDiagnostics shown;  // an error in a file several policies import is printed once
  for (const std::string& path : *paths) {
    FileReport f;
    f.file = path;
    f.policy = load_policy_or_report(path, &shown);
    if (!f.policy) {
      broken.push_back(path);
      continue;
    }
    f.report = runner::run_tests(*f.policy, run_options);
    passed += f.report.passed();
    failed += f.report.failed();
    covered += covered_count(f.report);
    decisions += f.report.coverage.size();
    files.push_back(std::move(f));
  }
  const bool below = options.threshold && percent(covered, decisions) < *options.threshold;
  std::string out;
  if (options.format == "json") {
    out = json_output(files, broken, options.coverage, passed, failed);
  } else if (options.format == "junit") {
    out = junit_output(files, broken, passed, failed);
  } else {
    out = text_output(files, options.coverage);
    out += fmt::format("{} passed, {} failed", passed, failed);
    if (!broken.empty())
      out += fmt::format(", {} {} not compile (errors on stderr)", broken.size(),
                         broken.size() == 1 ? "policy does" : "policies do");
    out += '\n';
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  if (below) {
    const std::string message = fmt::format("coverage {:.1f}% is below the threshold of {}%",
                                            percent(covered, decisions), *options.threshold);
    if (options.format == "text") fmt::print("{}\n", message);
    else print_error(message);
  }
  if (!broken.empty()) return to_int(ExitCode::failure);
  return to_int(failed > 0 || below ? ExitCode::record_errors : ExitCode::ok);
}

}  // namespace qpl::cli
