#include <doctest/doctest.h>

#include "present/junit_writer.hpp"

using qpl::present::JunitWriter;
using qpl::present::xml_escape;

TEST_CASE("xml_escape: markup as entities, one spelling for the apostrophe, no control characters") {
  CHECK(xml_escape(R"(a < b & "c" > 'd')") == "a &lt; b &amp; &quot;c&quot; &gt; &apos;d&apos;");
  CHECK(xml_escape("line one\nline\ttwo\x01\x1b[31m") == "line one\nline two");
  CHECK(xml_escape("\xff") == "\xEF\xBF\xBD");  // invalid UTF-8 as U+FFFD
}

TEST_CASE("JunitWriter: attributes in the caller's order, passing, failing and empty children") {
  JunitWriter junit("qualify test", 3, 1, 1);
  junit.begin_suite({{"name", "a'b.qpl"}, {"tests", "3"}});
  junit.properties({{"policy", "Acme & co"}, {"version", "4"}});
  junit.testcase({{"name", "ok"}, {"classname", "a'b.qpl"}});
  junit.testcase({{"name", "bad"}}, {"failure", {{"message", "x < 1"}, {"type", "expectation"}}, "got 2\n"});
  junit.testcase({{"name", "compile"}}, {"error", {{"type", "compile"}}, {}});
  junit.testcase({{"name", "info"}}, {"system-out", {}, "just so"});
  junit.end_suite();
  CHECK(junit.finish() ==
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<testsuites name=\"qualify test\" tests=\"3\" failures=\"1\" errors=\"1\">\n"
        "  <testsuite name=\"a&apos;b.qpl\" tests=\"3\">\n"
        "    <properties>\n"
        "      <property name=\"policy\" value=\"Acme &amp; co\"/>\n"
        "      <property name=\"version\" value=\"4\"/>\n"
        "    </properties>\n"
        "    <testcase name=\"ok\" classname=\"a&apos;b.qpl\"/>\n"
        "    <testcase name=\"bad\">\n"
        "      <failure message=\"x &lt; 1\" type=\"expectation\">got 2\n</failure>\n"
        "    </testcase>\n"
        "    <testcase name=\"compile\">\n"
        "      <error type=\"compile\"/>\n"
        "    </testcase>\n"
        "    <testcase name=\"info\">\n"
        "      <system-out>just so</system-out>\n"
        "    </testcase>\n"
        "  </testsuite>\n"
        "</testsuites>\n");
}
