#include "present/junit_writer.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "support/utf8.hpp"

namespace qpl::present {
namespace {

void append_attributes(std::string& out, const XmlAttributes& attributes) {
  for (const auto& [name, value] : attributes) {
    out += ' ';
    out += name;
    out += "=\"";
    out += xml_escape(value);
    out += '"';
  }
}

}  // namespace

std::string xml_escape(std::string_view raw) {
  std::string s;  // line by line: sanitizing keeps no line breaks, and makes valid UTF-8
  for (std::size_t start = 0; start <= raw.size();) {
    const auto end = std::min(raw.find('\n', start), raw.size());
    if (start) s += '\n';
    s += sanitize_for_terminal(raw.substr(start, end - start));
    start = end + 1;
  }
  std::string out;
  out.reserve(s.size());
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

JunitWriter::JunitWriter(std::string_view name, std::size_t tests, std::size_t failures,
                         std::size_t errors) {
  out_ = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites";
  append_attributes(out_, {{"name", std::string(name)},
                           {"tests", std::to_string(tests)},
                           {"failures", std::to_string(failures)},
                           {"errors", std::to_string(errors)}});
  out_ += ">\n";
}

void JunitWriter::begin_suite(const XmlAttributes& attributes) {
  out_ += "  <testsuite";
  append_attributes(out_, attributes);
  out_ += ">\n";
}

void JunitWriter::properties(const std::vector<std::pair<std::string, std::string>>& name_values) {
  out_ += "    <properties>\n";
  for (const auto& [name, value] : name_values) {
    out_ += "      <property";
    append_attributes(out_, {{"name", name}, {"value", value}});
    out_ += "/>\n";
  }
  out_ += "    </properties>\n";
}

void JunitWriter::testcase(const XmlAttributes& attributes) {
  out_ += "    <testcase";
  append_attributes(out_, attributes);
  out_ += "/>\n";
}

void JunitWriter::testcase(const XmlAttributes& attributes, const JunitChild& child) {
  out_ += "    <testcase";
  append_attributes(out_, attributes);
  out_ += ">\n      <";
  out_ += child.element;
  append_attributes(out_, child.attributes);
  if (child.body.empty()) {
    out_ += "/>\n";
  } else {
    out_ += '>';
    out_ += xml_escape(child.body);
    out_ += fmt::format("</{}>\n", child.element);
  }
  out_ += "    </testcase>\n";
}

void JunitWriter::end_suite() { out_ += "  </testsuite>\n"; }

std::string JunitWriter::finish() {
  out_ += "</testsuites>\n";
  return std::move(out_);
}

}  // namespace qpl::present
