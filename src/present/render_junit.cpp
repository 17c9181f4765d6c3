// JUnit XML for `qualify lint`: a suite per policy, a testcase per diagnostic.
#include <algorithm>
#include <string>

#include <fmt/format.h>

#include "present/junit_writer.hpp"
#include "present/render.hpp"
#include "present/render_location.hpp"

namespace qpl::present {

std::string render_junit(const std::vector<DiagnosticSet>& sets) {
  struct Suite {
    const DiagnosticSet* set;
    std::size_t tests = 0, failures = 0;
  };
  std::vector<Suite> suites;
  std::size_t tests = 0, failures = 0;
  for (const auto& set : sets) {
    if (!set.diagnostics || !set.sources) continue;
    Suite suite{&set, 0, 0};
    for (const Diagnostic& d : set.diagnostics->items()) {
      ++suite.tests;
      if (d.severity != Severity::info) ++suite.failures;
    }
    suite.tests = std::max<std::size_t>(suite.tests, 1);  // a clean policy is one passing case
    tests += suite.tests;
    failures += suite.failures;
    suites.push_back(suite);
  }
  JunitWriter junit("qualify lint", tests, failures, 0);
  for (const Suite& suite : suites) {
    const DiagnosticSet& set = *suite.set;
    junit.begin_suite({{"name", set.name},
                       {"tests", std::to_string(suite.tests)},
                       {"failures", std::to_string(suite.failures)},
                       {"errors", "0"}});
    for (const Diagnostic& d : set.diagnostics->items()) {
      const auto at = render_detail::locate(*set.sources, d.span);
      const std::string place = at.file ? fmt::format("{}:{}:{}", at.file->name(), at.begin.line,
                                                      at.begin.column)
                                        : set.name;
      XmlAttributes testcase{{"classname", set.name},
                             {"name", fmt::format("{} {}", d.code, place)},
                             {"file", at.file ? at.file->name() : set.name}};
      if (at.file) testcase.emplace_back("line", std::to_string(at.begin.line));
      std::string body = fmt::format("{}: {}: {}", place, severity_name(d.severity),
                                     headline_message(d));
      for (const auto& note : d.notes) {
        const auto n = render_detail::locate(*set.sources, note.span);
        body += n.file ? fmt::format("\n{}:{}:{}: note: {}", n.file->name(), n.begin.line,
                                     n.begin.column, note.message)
                       : fmt::format("\nnote: {}", note.message);
      }
      if (d.help) body += "\nhelp: " + *d.help;
      if (d.severity == Severity::info) {
        junit.testcase(testcase, {"system-out", {}, std::move(body)});
      } else {
        junit.testcase(testcase, {"failure",
                                  {{"type", std::string(severity_name(d.severity))},
                                   {"message", d.message}},
                                  std::move(body)});
      }
    }
    if (set.diagnostics->items().empty())
      junit.testcase({{"classname", set.name}, {"name", "lint"}});
    junit.end_suite();
  }
  return junit.finish();
}

}  // namespace qpl::present
