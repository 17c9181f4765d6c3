#pragma once
// Diagnostics rendered for people (compiler-style text with code frames) and for tools (JSON).
// One renderer per format file (render_text.cpp, render_json.cpp); SARIF, JUnit and GitHub
// annotations slot in the same way: a render_<format>.cpp and a DiagnosticFormat value.
#include <string>
#include <string_view>

#include "support/diagnostic.hpp"
#include "support/source.hpp"

namespace qpl {

enum class DiagnosticFormat { text, json };

struct RenderOptions {
  bool color = false;  // ANSI colours (text only); only when asked, e.g. for a terminal
};

// Compiler-style text, one block per diagnostic, blocks separated by a blank line:
//   policies/acme.qpl:12:15: error[QPL201]: unknown name 'budjet' (did you mean 'budget'?)
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
std::string render_text(const Diagnostic& diagnostic, const SourceSet& sources,
                        const RenderOptions& options = {});
std::string render_text(const Diagnostics& diagnostics, const SourceSet& sources,
                        const RenderOptions& options = {});

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

}  // namespace qpl
