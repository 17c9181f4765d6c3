#include <doctest/doctest.h>

#include <string>
#include <string_view>

#include "present/render.hpp"

using namespace qpl;
using namespace qpl::present;

namespace {

// The span of the first occurrence of `word` (searched from `from`) in file `id` of `sources`.
Span span_of(const SourceSet& sources, FileId id, std::string_view word, std::size_t from = 0) {
  const auto begin = sources.file(id).text().find(word, from);
  REQUIRE(begin != std::string::npos);
  return {id, static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(begin + word.size())};
}

Span at_offset(FileId id, std::size_t begin, std::size_t end) {
  return {id, static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(end)};
}

const std::string acme =
    "# Île-de-France leads\n"
    "fields {\n"
    "  budget: number?\n"
    "}\n"
    "let big = \"Île-de-France\" = region and budjet >= 10_000\n";

}  // namespace

TEST_CASE("text: header, code frame, note with its own frame, help") {
  SourceSet sources;
  const FileId id = sources.add("policies/acme.qpl", acme);
  Diagnostics diagnostics;
  Diagnostic& d = diagnostics.error("QPL201", span_of(sources, id, "budjet"),
                                    "unknown name 'budjet' (did you mean 'budget'?)");
  d.notes.push_back({span_of(sources, id, "budget"), "first defined here"});
  d.help = "fields are declared in the fields block";

  // Multi-byte characters before the error, on an earlier line and on its own line: the column
  // counts code points (40, not 42) and the caret sits under the 'b' of 'budjet'.
  CHECK(render_text(diagnostics, sources) ==
        "policies/acme.qpl:5:40: error: unknown name 'budjet' (did you mean 'budget'?)\n"
        "  |\n"
        "5 | let big = \"Île-de-France\" = region and budjet >= 10_000\n"
        "  |                                        ^~~~~~\n"
        "policies/acme.qpl:3:3: note: first defined here\n"
        "  |\n"
        "3 |   budget: number?\n"
        "  |   ^~~~~~\n"
        "  = help: fields are declared in the fields block\n");
  CHECK(render_text(diagnostics.items().front(), sources) == render_text(diagnostics, sources));
}

TEST_CASE("text: the gutter is as wide as the largest line number of the diagnostic") {
  std::string text;
  for (int i = 1; i <= 11; ++i) text += "# filler\n";
  text += "  budget when budjet >= 10_000\n";
  SourceSet sources;
  const FileId id = sources.add("policies/acme.qpl", text);
  Diagnostics diagnostics;
  diagnostics.error("QPL201", span_of(sources, id, "budjet"), "unknown name 'budjet'")
      .notes.push_back({span_of(sources, id, "filler"), "a note on line 1"});
  CHECK(render_text(diagnostics, sources) ==
        "policies/acme.qpl:12:15: error: unknown name 'budjet'\n"
        "   |\n"
        "12 |   budget when budjet >= 10_000\n"
        "   |               ^~~~~~\n"
        "policies/acme.qpl:1:3: note: a note on line 1\n"
        "   |\n"
        " 1 | # filler\n"
        "   |   ^~~~~~\n");
}

TEST_CASE("text: tabs show as four spaces in the line and before the caret alike") {
  SourceSet sources;
  const FileId id = sources.add("t.qpl", "\tbudget when\tbudjet\n");
  Diagnostics diagnostics;
  diagnostics.warning("QPL300", span_of(sources, id, "budjet"), "tabbed");
  // The column counts each tab as one character.
  CHECK(render_text(diagnostics, sources) ==
        "t.qpl:1:14: warning: tabbed [QPL300]\n"
        "  |\n"
        "1 |     budget when    budjet\n"
        "  |                    ^~~~~~\n");
}

TEST_CASE("text: wide characters move and widen the caret by their terminal width") {
  SourceSet sources;
  const FileId id = sources.add("t.qpl", "let 名前 = 名前 + x\n");
  Diagnostics diagnostics;
  diagnostics.error("QPL202", span_of(sources, id, "名前", 8), "wide");
  CHECK(render_text(diagnostics, sources) ==
        "t.qpl:1:10: error: wide\n"
        "  |\n"
        "1 | let 名前 = 名前 + x\n"
        "  |            ^~~~\n");
}

TEST_CASE("text: empty spans, spans at the end of the file and spans over several lines") {
  SUBCASE("an empty span gets a single caret") {
    SourceSet sources;
    const FileId id = sources.add("t.qpl", "let x = \n");
    Diagnostics diagnostics;
    diagnostics.error("QPL100", at_offset(id, 8, 8), "expected an expression");
    CHECK(render_text(diagnostics, sources) ==
          "t.qpl:1:9: error: expected an expression\n"
          "  |\n"
          "1 | let x =\n"
          "  |         ^\n");
  }
  SUBCASE("the end of a file ending with a line break is just after its last character") {
    SourceSet sources;
    const std::string text = "fields {\n  id: text\n";
    const FileId id = sources.add("t.qpl", text);
    Diagnostics diagnostics;
    diagnostics.error("QPL101", at_offset(id, text.size(), text.size()), "expected '}'");
    CHECK(render_text(diagnostics, sources) ==
          "t.qpl:2:11: error: expected '}'\n"
          "  |\n"
          "2 |   id: text\n"
          "  |           ^\n");
  }
  SUBCASE("the end of a file without a final line break") {
    SourceSet sources;
    const std::string text = "fields {\r\n  id: text";
    const FileId id = sources.add("t.qpl", text);
    Diagnostics diagnostics;
    diagnostics.error("QPL101", at_offset(id, text.size(), text.size() + 5), "expected '}'");
    CHECK(render_text(diagnostics, sources) ==
          "t.qpl:2:11: error: expected '}'\n"
          "  |\n"
          "2 |   id: text\n"
          "  |           ^\n");
  }
  SUBCASE("an empty file") {
    SourceSet sources;
    const FileId id = sources.add("t.qpl", "");
    Diagnostics diagnostics;
    diagnostics.error("QPL102", at_offset(id, 0, 0), "no funnel");
    CHECK(render_text(diagnostics, sources) ==
          "t.qpl:1:1: error: no funnel\n"
          "  |\n"
          "1 |\n"
          "  | ^\n");
  }
  SUBCASE("a span over several lines is underlined to the end of its first line") {
    SourceSet sources;
    const std::string text = "score {\r\n  +10 when x\r\n}\r\n";
    const FileId id = sources.add("t.qpl", text);
    Diagnostics diagnostics;
    diagnostics.error("QPL103", at_offset(id, text.find("x"), text.size()), "spans lines");
    CHECK(render_text(diagnostics, sources) ==
          "t.qpl:2:12: error: spans lines\n"
          "  |\n"
          "2 |   +10 when x\n"
          "  |            ^\n");
    Diagnostics whole;
    whole.error("QPL103", at_offset(id, 0, text.size()), "whole file");
    CHECK(render_text(whole, sources) ==
          "t.qpl:1:1: error: whole file\n"
          "  |\n"
          "1 | score {\n"
          "  | ^~~~~~~\n");
  }
}

TEST_CASE("text: nothing from the source or the messages can drive the terminal") {
  SourceSet sources;
  const FileId id = sources.add("t\x1b]0;pwned\x07.qpl", "let \x1b[2Jx = 1\x7f\n");
  Diagnostics diagnostics;
  diagnostics.error("QPL1\x1b[31m", span_of(sources, id, "x ="), "bad \x1b[1mname\n'x'")
      .help = "try\ttabs\xc2\x9b";
  const std::string out = render_text(diagnostics, sources);
  // The column still counts the stripped code points: it names the place in the file.
  CHECK(out.find('\x1b') == std::string::npos);
  CHECK(out.find('\x07') == std::string::npos);
  CHECK(out.find('\x7f') == std::string::npos);
  CHECK(out ==
        "t.qpl:1:9: error: bad name 'x'\n"
        "  |\n"
        "1 | let x = 1\n"
        "  |     ^~~\n"
        "  = help: try tabs\n");
}

TEST_CASE("text: colour only when asked") {
  SourceSet sources;
  const FileId id = sources.add("t.qpl", "let x = y\n");
  Diagnostics diagnostics;
  diagnostics.error("QPL201", span_of(sources, id, "y"), "unknown name 'y'");
  diagnostics.warning("QPL301", span_of(sources, id, "x"), "unused 'x'")
      .notes.push_back({span_of(sources, id, "let"), "here"});
  diagnostics.info("QPL401", span_of(sources, id, "x"), "fyi");

  CHECK(render_text(diagnostics, sources).find('\x1b') == std::string::npos);
  const std::string coloured = render_text(diagnostics, sources, RenderOptions{true});
  CHECK(coloured.find("\x1b[1;31merror\x1b[0m") != std::string::npos);
  CHECK(coloured.find("\x1b[1;33mwarning\x1b[0m") != std::string::npos);
  CHECK(coloured.find("\x1b[1;36mnote\x1b[0m") != std::string::npos);
  CHECK(coloured.find("\x1b[1;36minfo\x1b[0m") != std::string::npos);
  CHECK(coloured.find("\x1b[1;31m^\x1b[0m") != std::string::npos);
}

TEST_CASE("text: several diagnostics, blank line between; no code; no place") {
  SourceSet sources;
  const FileId id = sources.add("a.qpl", "let x = 1\n");
  Diagnostics diagnostics;
  diagnostics.warning("", span_of(sources, id, "x"), "no code here");
  diagnostics.error("QPL001", at_offset(7, 0, 0), "cannot read 'missing.qpl'").help = "check the path";
  diagnostics.items().back().notes.push_back({at_offset(9, 0, 1), "imported from elsewhere"});
  CHECK(render_text(diagnostics, sources) ==
        "a.qpl:1:5: warning: no code here\n"
        "  |\n"
        "1 | let x = 1\n"
        "  |     ^\n"
        "\n"
        "error: cannot read 'missing.qpl'\n"
        "  = note: imported from elsewhere\n"
        "  = help: check the path\n");
  CHECK(render_text(Diagnostics{}, sources).empty());
}

TEST_CASE("summary line") {
  Diagnostics diagnostics;
  CHECK(summary_line(diagnostics) == "no problems found");
  diagnostics.info("Q", {}, "i");
  CHECK(summary_line(diagnostics) == "1 info");
  diagnostics.warning("Q", {}, "w");
  diagnostics.error("Q", {}, "e");
  diagnostics.error("Q", {}, "e");
  CHECK(summary_line(diagnostics) == "2 errors, 1 warning, 1 info");
  diagnostics.warning("Q", {}, "w");
  CHECK(summary_line(diagnostics) == "2 errors, 2 warnings, 1 info");
}

TEST_CASE("json: stable keys, code-point columns, exclusive end, nulls") {
  SourceSet sources;
  const FileId id = sources.add("policies/acme.qpl", acme);
  Diagnostics diagnostics;
  Diagnostic& d = diagnostics.error("QPL201", span_of(sources, id, "budjet"),
                                    "unknown name 'budjet' (did you mean \"budget\"?)");
  d.notes.push_back({span_of(sources, id, "budget"), "first defined here"});
  d.help = "fields are declared in the fields block";
  diagnostics.warning("QPL301", at_offset(id, 9, acme.size()), "over lines\x01");
  diagnostics.error("QPL001", at_offset(4, 0, 0), "no place");

  CHECK(render_json(diagnostics, sources) ==
        "[\n"
        R"j({"file":"policies/acme.qpl","line":5,"column":40,"end_line":5,"end_column":46,)j"
        R"j("severity":"error","code":"QPL201",)j"
        R"j("message":"unknown name 'budjet' (did you mean \"budget\"?)",)j"
        R"j("notes":[{"file":"policies/acme.qpl","line":3,"column":3,"message":"first defined here"}],)j"
        R"j("help":"fields are declared in the fields block"},)j"
        "\n"
        R"j({"file":"policies/acme.qpl","line":1,"column":9,"end_line":5,"end_column":56,)j"
        R"j("severity":"warning","code":"QPL301","message":"over lines\u0001","notes":[],"help":null},)j"
        "\n"
        R"j({"file":null,"line":null,"column":null,"end_line":null,"end_column":null,)j"
        R"j("severity":"error","code":"QPL001","message":"no place","notes":[],"help":null})j"
        "\n]\n");
  CHECK(render_json(Diagnostics{}, sources) == "[]\n");
  CHECK(render(diagnostics, sources, DiagnosticFormat::json) == render_json(diagnostics, sources));
  CHECK(render(diagnostics, sources, DiagnosticFormat::text) == render_text(diagnostics, sources));
}

TEST_CASE("json: a note with no place, and invalid UTF-8 still gives valid JSON") {
  SourceSet sources;
  const FileId id = sources.add("bad\xff.qpl", "x\n");
  Diagnostics diagnostics;
  diagnostics.info("QPL400", at_offset(id, 0, 1), "caf\xc3")
      .notes.push_back({at_offset(3, 0, 0), "in\nsomewhere"});
  CHECK(render_json(diagnostics, sources) ==
        "[\n"
        R"j({"file":"bad)j" "\xef\xbf\xbd" R"j(.qpl","line":1,"column":1,"end_line":1,)j"
        R"j("end_column":2,"severity":"info","code":"QPL400","message":"caf)j" "\xef\xbf\xbd" R"j(",)j"
        R"j("notes":[{"file":null,"line":null,"column":null,"message":"in\nsomewhere"}],)j"
        R"j("help":null})j"
        "\n]\n");
}
