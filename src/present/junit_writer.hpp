#pragma once
// JUnit XML, which most CI systems (GitLab, Jenkins, Azure) show as a test report: the one writer
// behind `qualify lint --format junit` (present/render_junit.cpp) and `qualify test --format
// junit`. Callers name the attributes, in the order they are written; the writer escapes them.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace qpl::present {

// XML 1.0 text and attribute values: `&`, `<`, `>`, `"` and `'` become `&amp;`, `&lt;`, `&gt;`,
// `&quot;` and `&apos;`; each line is sanitized for the terminal (control characters, escape
// sequences and bidirectional controls removed, tab and CR a space, invalid UTF-8 U+FFFD), so
// lead data and policy text can neither add markup nor write a character XML forbids.
std::string xml_escape(std::string_view raw);

using XmlAttributes = std::vector<std::pair<std::string_view, std::string>>;

// What a testcase holds: `<failure ...>body</failure>`, `<error .../>`, `<system-out>body</...>`.
struct JunitChild {
  std::string_view element;  // "failure", "error", "system-out"
  XmlAttributes attributes;
  std::string body;  // raw text; an element with an empty body is written self-closed
};

class JunitWriter {
 public:
  // <testsuites name="..." tests="N" failures="N" errors="N">
  JunitWriter(std::string_view name, std::size_t tests, std::size_t failures, std::size_t errors);

  void begin_suite(const XmlAttributes& attributes);
  void properties(const std::vector<std::pair<std::string, std::string>>& name_values);
  // A passing case is `<testcase .../>`; otherwise the child is written inside it.
  void testcase(const XmlAttributes& attributes);
  void testcase(const XmlAttributes& attributes, const JunitChild& child);
  void end_suite();

  std::string finish();  // closes <testsuites> and hands over the document

 private:
  std::string out_;
};

}  // namespace qpl::present
