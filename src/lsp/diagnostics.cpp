// publishDiagnostics: every finding of `qualify lint` on the document, with its code, the
// code's documentation (the link SARIF output gives as helpUri) and its related places.
#include <filesystem>

#include "lint/codes.hpp"
#include "lsp/handlers.hpp"

namespace qpl::lsp {
namespace {

int severity_number(Severity s) {
  switch (s) {
    case Severity::error: return 1;
    case Severity::warning: return 2;
    case Severity::info: return 3;
  }
  return 1;
}

// An unused declaration (QPL401..QPL408): editors grey it out.
bool is_unused_code(const std::string& code) {
  return code.size() == 6 && code.compare(0, 5, "QPL40") == 0 && code[5] >= '1' && code[5] <= '8';
}

// Where a diagnostic in an imported file shows in the document: on the import that brings the
// file in (the first import when no path matches), else at the start.
Span shown_span(const Analysis& analysis, const Diagnostic& d) {
  if (d.span.file == 0) return d.span;
  const CheckedPolicy* policy = analysis.policy();
  if (!policy || policy->modules.empty()) return {};
  const std::string file = std::filesystem::path(policy->sources.file(d.span.file).name()).filename().string();
  std::optional<Span> first;
  for (const Decl& decl : policy->modules[0].decls) {
    const auto* import = std::get_if<Import>(&decl.kind);
    if (!import) continue;
    if (!first) first = import->path_span;
    if (std::filesystem::path(import->path).filename().string() == file) return import->path_span;
  }
  return first.value_or(Span{});
}

}  // namespace

json diagnostics_json(const Analysis& analysis) {
  json out = json::array();
  const CheckedPolicy* policy = analysis.policy();
  for (const Diagnostic& d : analysis.run().diagnostics.items()) {
    json item = {{"range", range_json(analysis.lines(), shown_span(analysis, d))},
                 {"severity", severity_number(d.severity)},
                 {"source", "qualify"},
                 {"message", d.message}};
    if (d.help) item["message"] = d.message + "\nhelp: " + *d.help;
    if (!d.code.empty()) {
      item["code"] = d.code;
      item["codeDescription"] = {{"href", lint::help_uri(d.code)}};
      if (is_unused_code(d.code)) item["tags"] = json::array({1});
    }
    json related = json::array();
    if (d.span.file != 0 && policy) {
      item["message"] = "in '" + policy->sources.file(d.span.file).name() + "': " + item["message"].get<std::string>();
      related.push_back({{"location", location_json(analysis, d.span)}, {"message", d.message}});
    }
    for (const Note& note : d.notes)
      related.push_back({{"location", location_json(analysis, note.span)}, {"message", note.message}});
    if (!related.empty()) item["relatedInformation"] = std::move(related);
    out.push_back(std::move(item));
  }
  return out;
}

}  // namespace qpl::lsp
