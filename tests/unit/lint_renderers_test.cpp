// The CI renderers (JUnit, GitHub annotations, SARIF) on a small fixed set of diagnostics:
// exact output, escaping, and the structure code scanning reads.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "present/render.hpp"

namespace {

using namespace qpl;
using namespace qpl::present;

// One policy of three lines, with a warning (note + help), an error and an info whose texts
// hold the characters each format must escape.
struct Fixture {
  SourceSet sources;
  Diagnostics diagnostics;
  std::vector<DiagnosticSet> sets;

  Fixture() {
    const FileId f = sources.add("p/a.qpl", "let a = 1\nlet b = a < 2\nlet c = \"x\"\n");
    auto& w = diagnostics.warning("QPL401", Span{f, 14, 15}, "let 'b' is never read: <50% & \"done\"");
    w.notes.push_back({Span{f, 4, 5}, "'a' defined here"});
    w.help = "use it, or delete it";
    diagnostics.error("QPL200", Span{f, 24, 35}, "a:b, c\nsecond line");
    diagnostics.info("QPL500", Span{f, 0, 3}, "just so");
    sets.push_back({"p/a.qpl", &sources, &diagnostics});
  }
};

std::vector<RuleDescription> rules() {
  return {{"QPL200", "type-mismatch", "a value of the wrong type", "https://x/diagnostics.md#qpl200", Severity::error},
          {"QPL401", "unused-let", "a let that nothing reads", "https://x/diagnostics.md#qpl401", Severity::warning},
          {"QPL500", "unhandled-missing", "unknown silently fails", "https://x/diagnostics.md#qpl500", Severity::info}};
}

std::size_t occurrences(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("github annotations: one command per diagnostic, data and properties escaped") {
  Fixture fx;
  CHECK(render_github(fx.sets) ==
        "::warning file=p/a.qpl,line=2,col=5,endLine=2,endColumn=6,title=QPL401::"
        "let 'b' is never read: <50%25 & \"done\"%0Ahelp: use it, or delete it\n"
        "::error file=p/a.qpl,line=3,col=1,endLine=3,endColumn=12,title=QPL200::a:b, c%0Asecond line\n"
        "::notice file=p/a.qpl,line=1,col=1,endLine=1,endColumn=4,title=QPL500::just so\n");
}

TEST_CASE("github annotations: ':' and ',' in a file name are escaped as properties") {
  SourceSet sources;
  Diagnostics diagnostics;
  const FileId f = sources.add("a:b,c.qpl", "let a = 1\n");
  diagnostics.warning("QPL401", Span{f, 4, 5}, "m");
  CHECK(render_github({{"a:b,c.qpl", &sources, &diagnostics}}) ==
        "::warning file=a%3Ab%2Cc.qpl,line=1,col=5,endLine=1,endColumn=6,title=QPL401::m\n");
}

TEST_CASE("junit: a suite per policy, errors and warnings fail, infos pass, markup escaped") {
  Fixture fx;
  const std::string xml = render_junit(fx.sets);
  CHECK(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                        "<testsuites name=\"qualify lint\" tests=\"3\" failures=\"2\" errors=\"0\">\n"
                        "  <testsuite name=\"p/a.qpl\" tests=\"3\" failures=\"2\" errors=\"0\">\n"));
  CHECK(xml.find("<failure type=\"warning\" message=\"let &apos;b&apos; is never read: &lt;50% &amp; "
                 "&quot;done&quot;\">") != std::string::npos);
  CHECK(xml.find("p/a.qpl:1:5: note: &apos;a&apos; defined here\nhelp: use it, or delete it</failure>") !=
        std::string::npos);
  CHECK(xml.find("<system-out>p/a.qpl:1:1: info: just so [QPL500]</system-out>") != std::string::npos);
  // Well-formed: every element opened is closed, no raw markup characters from the messages.
  CHECK(occurrences(xml, "<testcase ") == 3);
  CHECK(occurrences(xml, "</testcase>") == 3);
  CHECK(occurrences(xml, "<failure ") == occurrences(xml, "</failure>"));
  CHECK(occurrences(xml, "<testsuite ") == occurrences(xml, "</testsuite>"));
  CHECK(xml.find("<50") == std::string::npos);
  CHECK(xml.ends_with("</testsuites>\n"));
}

TEST_CASE("junit: a clean policy is one passing testcase") {
  SourceSet sources;
  Diagnostics none;
  CHECK(render_junit({{"clean.qpl", &sources, &none}}) ==
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<testsuites name=\"qualify lint\" tests=\"1\" failures=\"0\" errors=\"0\">\n"
        "  <testsuite name=\"clean.qpl\" tests=\"1\" failures=\"0\" errors=\"0\">\n"
        "    <testcase classname=\"clean.qpl\" name=\"lint\"/>\n"
        "  </testsuite>\n"
        "</testsuites>\n");
}

TEST_CASE("sarif: rules listed with help, results point at them, notes as related locations") {
  Fixture fx;
  const std::string sarif = render_sarif(fx.sets, rules());
  CHECK(sarif.find("\"version\":\"2.1.0\"") != std::string::npos);
  CHECK(sarif.find("\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\"") != std::string::npos);
  CHECK(sarif.find("\"id\":\"QPL401\"") != std::string::npos);
  CHECK(sarif.find("\"helpUri\":\"https://x/diagnostics.md#qpl401\"") != std::string::npos);
  CHECK(occurrences(sarif, "\"ruleId\":") == 3);
  CHECK(sarif.find("\"ruleId\":\"QPL401\",\"ruleIndex\":1") != std::string::npos);
  CHECK(sarif.find("\"ruleId\":\"QPL200\",\"ruleIndex\":0") != std::string::npos);
  CHECK(sarif.find("\"level\":\"note\"") != std::string::npos);  // the info
  CHECK(sarif.find("\"relatedLocations\"") != std::string::npos);
  CHECK(sarif.find("\"startLine\":2,\"startColumn\":5") != std::string::npos);
  // message text escaped as JSON
  CHECK(sarif.find(R"(<50% & \"done\")") != std::string::npos);
  CHECK(sarif.find(R"(a:b, c\nsecond line)") != std::string::npos);
}
