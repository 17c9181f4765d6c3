// JUnit XML, which most CI systems (GitLab, Jenkins, Azure) show as a test report.
#include <algorithm>
#include <string>

#include <fmt/format.h>

#include "present/render.hpp"
#include "present/render_location.hpp"
#include "support/utf8.hpp"

namespace qpl::present {
namespace {

// XML 1.0 text: escapes markup characters and drops the control characters XML forbids.
std::string xml_escape(std::string_view raw) {
  std::string s;  // line by line: sanitizing keeps no line breaks, and makes valid UTF-8
  for (std::size_t start = 0; start <= raw.size();) {
    const auto end = std::min(raw.find('\n', start), raw.size());
    if (start) s += '\n';
    s += sanitize_for_terminal(raw.substr(start, end - start));
    start = end + 1;
  }
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace

std::string render_junit(const std::vector<DiagnosticSet>& sets) {
  std::size_t tests = 0, failures = 0;
  std::string suites;
  for (const auto& set : sets) {
    if (!set.diagnostics || !set.sources) continue;
    std::size_t suite_tests = 0, suite_failures = 0;
    std::string cases;
    for (const Diagnostic& d : set.diagnostics->items()) {
      const auto at = render_detail::locate(*set.sources, d.span);
      const std::string place = at.file ? fmt::format("{}:{}:{}", at.file->name(), at.begin.line,
                                                      at.begin.column)
                                        : set.name;
      ++suite_tests;
      cases += fmt::format(R"(    <testcase classname="{}" name="{} {}" file="{}")",
                           xml_escape(set.name), xml_escape(d.code), xml_escape(place),
                           xml_escape(at.file ? at.file->name() : set.name));
      if (at.file) cases += fmt::format(R"( line="{}")", at.begin.line);
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
        cases += fmt::format(">\n      <system-out>{}</system-out>\n    </testcase>\n", xml_escape(body));
        continue;
      }
      ++suite_failures;
      cases += fmt::format(">\n      <failure type=\"{}\" message=\"{}\">{}</failure>\n    </testcase>\n",
                           severity_name(d.severity), xml_escape(d.message), xml_escape(body));
    }
    if (suite_tests == 0) {
      ++suite_tests;
      cases += fmt::format("    <testcase classname=\"{}\" name=\"lint\"/>\n", xml_escape(set.name));
    }
    tests += suite_tests;
    failures += suite_failures;
    suites += fmt::format("  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\">\n{}  </testsuite>\n",
                          xml_escape(set.name), suite_tests, suite_failures, cases);
  }
  return fmt::format("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                     "<testsuites name=\"qualify lint\" tests=\"{}\" failures=\"{}\" errors=\"0\">\n{}"
                     "</testsuites>\n",
                     tests, failures, suites);
}

}  // namespace qpl::present
