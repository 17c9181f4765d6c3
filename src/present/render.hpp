#pragma once
// Diagnostics rendered for people (compiler-style text with code frames) and for tools (JSON).
// One renderer per format file (render_text.cpp, render_json.cpp); SARIF, JUnit and GitHub
// annotations slot in the same way: a render_<format>.cpp and a DiagnosticFormat value.
#include <string>
#include <string_view>
#include <vector>

#include "support/diagnostic.hpp"
#include "support/source.hpp"

namespace qpl::present {

enum class DiagnosticFormat { text, json };

struct RenderOptions {
  bool color = false;  // ANSI colours (text only); only when asked, e.g. for a terminal
};

// Compiler-style text, one block per diagnostic, blocks separated by a blank line:
//   policies/acme.qpl:12:15: error: unknown name 'budjet' (did you mean 'budget'?)
//      |
//   12 |   budget when budjet >= 10_000
//      |               ^~~~~~
//   policies/acme.qpl:3:3: note: first defined here
//      |
//    3 |   budget: number?
//      |   ^~~~~~
//      = help: ...
// Columns count code points (SourceFile::position); the caret is placed by terminal width, tabs
// show as four spaces, the underline covers the span's first line (an empty span gets one
// caret; a span at the end of the file points just after its last character). Everything
// printed from the source or the messages is sanitized for the terminal.
// A warning or an info ends with its code, as clang ends one with its flag, so that it can be
// allowed by name: "... is never read by any rule [QPL406]". An error has no code in text: it
// cannot be allowed, and "file:line:column: error: message" is what editors and scripts match.
std::string render_text(const Diagnostic& diagnostic, const SourceSet& sources,
                        const RenderOptions& options = {});
std::string render_text(const Diagnostics& diagnostics, const SourceSet& sources,
                        const RenderOptions& options = {});
// The message as the text header shows it: with " [CODE]" after a warning's or an info's.
std::string headline_message(const Diagnostic& diagnostic);

// A JSON array, one object per diagnostic, keys in this order:
//   {"file","line","column","end_line","end_column","severity","code","message",
//    "notes":[{"file","line","column","message"}],"help"}
// Lines and columns are 1-based (columns in code points; end is exclusive, the place just after
// the span). A diagnostic with no place in the sources has null file, line and column; a missing
// help is null.
std::string render_json(const Diagnostics& diagnostics, const SourceSet& sources);

std::string render(const Diagnostics& diagnostics, const SourceSet& sources,
                   DiagnosticFormat format, const RenderOptions& options = {});

// "2 errors, 1 warning" (zero counts left out, infos last); "no problems found" when empty.
std::string summary_line(const Diagnostics& diagnostics);

std::string_view severity_name(Severity severity);  // "error", "warning", "info"

// ---------------------------------------------------------------------------------------------
// CI formats (render_sarif.cpp, render_junit.cpp, render_github.cpp). They take every linted
// policy at once: each with its own sources.

struct DiagnosticSet {
  std::string name;                  // the policy file as given on the command line
  const SourceSet* sources = nullptr;
  const Diagnostics* diagnostics = nullptr;
};

// A rule as SARIF lists it in tool.driver.rules (the caller passes every known code).
struct RuleDescription {
  std::string id;        // "QPL401"
  std::string name;      // "unused-let"
  std::string summary;   // one line
  std::string help_uri;  // the code's section of docs/diagnostics.md
  Severity severity = Severity::warning;
};

// SARIF 2.1.0, one run, as GitHub code scanning reads it: every result's ruleId is in
// tool.driver.rules (ruleIndex points at it), levels error/warning/note, regions with 1-based
// lines and code-point columns, notes as relatedLocations. Paths are relative URIs.
std::string render_sarif(const std::vector<DiagnosticSet>& sets,
                         const std::vector<RuleDescription>& rules);
// JUnit XML: one testsuite per policy, one testcase per diagnostic (errors and warnings are
// failures, infos pass), and a passing "lint" testcase for a clean policy.
std::string render_junit(const std::vector<DiagnosticSet>& sets);
// GitHub Actions workflow commands, one line per diagnostic:
//   ::warning file=policies/acme.qpl,line=12,col=3,endLine=12,endColumn=9,title=QPL401::message
// (infos are ::notice); values are escaped as the runner expects.
std::string render_github(const std::vector<DiagnosticSet>& sets);

}  // namespace qpl::present
