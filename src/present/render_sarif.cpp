// SARIF 2.1.0 for code scanning (GitHub uploads it with github/codeql-action/upload-sarif).
#include <map>
#include <string>

#include <fmt/format.h>

#include "present/render.hpp"
#include "present/render_location.hpp"
#include "support/utf8.hpp"

#ifndef QUALIFY_VERSION
#define QUALIFY_VERSION "0.0.0"
#endif

namespace qpl::present {
namespace {

using render_detail::SpanLocation;

std::string_view sarif_level(Severity s) {
  switch (s) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::info: return "note";
  }
  return "warning";
}

// A relative URI reference for a path: unreserved characters and '/' stay, the rest is
// percent-encoded (spaces, '#', '?', '%', non-ASCII bytes).
std::string path_uri(std::string_view path) {
  std::string out;
  const bool absolute = !path.empty() && path.front() == '/';
  if (absolute) out = "file://";
  for (unsigned char c : path) {
    const bool keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
    if (keep) out += static_cast<char>(c);
    else out += fmt::format("%{:02X}", c);
  }
  return out;
}

void append_location(std::string& out, const SpanLocation& at, std::string_view fallback_file) {
  out += R"({"physicalLocation":{"artifactLocation":{"uri":)";
  append_json_string(out, path_uri(at.file ? std::string_view(at.file->name()) : fallback_file));
  out += "}";
  if (at.file) {
    // An empty span still covers one column: SARIF regions need endColumn > startColumn or
    // equal lines with a non-empty range to highlight anything.
    std::uint32_t end_line = at.end.line, end_column = at.end.column;
    if (end_line < at.begin.line || (end_line == at.begin.line && end_column <= at.begin.column)) {
      end_line = at.begin.line;
      end_column = at.begin.column + 1;
    }
    out += fmt::format(R"(,"region":{{"startLine":{},"startColumn":{},"endLine":{},"endColumn":{}}})",
                       at.begin.line, at.begin.column, end_line, end_column);
  }
  out += "}}";
}

}  // namespace

std::string render_sarif(const std::vector<DiagnosticSet>& sets,
                         const std::vector<RuleDescription>& rules) {
  std::map<std::string, std::size_t, std::less<>> rule_index;
  std::string out;
  out += R"({"$schema":"https://json.schemastore.org/sarif-2.1.0.json","version":"2.1.0",)";
  out += R"("runs":[{"tool":{"driver":{"name":"qualify","semanticVersion":)";
  append_json_string(out, QUALIFY_VERSION);
  out += R"(,"rules":[)";
  for (std::size_t i = 0; i < rules.size(); ++i) {
    const auto& r = rules[i];
    rule_index.emplace(r.id, i);
    if (i) out += ',';
    out += R"({"id":)";
    append_json_string(out, r.id);
    out += R"(,"name":)";
    append_json_string(out, r.name);
    out += R"(,"shortDescription":{"text":)";
    append_json_string(out, r.summary);
    out += R"(},"fullDescription":{"text":)";
    append_json_string(out, r.summary);
    out += "}";
    if (!r.help_uri.empty()) {
      out += R"(,"helpUri":)";
      append_json_string(out, r.help_uri);
    }
    out += R"(,"help":{"text":)";
    append_json_string(out, r.help_uri.empty() ? r.summary
                                               : fmt::format("{}: see {}", r.summary, r.help_uri));
    out += R"(},"defaultConfiguration":{"level":")";
    out += sarif_level(r.severity);
    out += R"("}})";
  }
  out += R"(]}},"results":[)";
  bool first = true;
  for (const auto& set : sets) {
    if (!set.diagnostics || !set.sources) continue;
    for (const Diagnostic& d : set.diagnostics->items()) {
      if (!first) out += ',';
      first = false;
      out += R"({"ruleId":)";
      append_json_string(out, d.code.empty() ? std::string("QPL000") : d.code);
      if (auto it = rule_index.find(d.code); it != rule_index.end())
        out += fmt::format(R"(,"ruleIndex":{})", it->second);
      out += R"(,"level":")";
      out += sarif_level(d.severity);
      out += R"(","message":{"text":)";
      append_json_string(out, d.help ? fmt::format("{}\nhelp: {}", d.message, *d.help) : d.message);
      out += R"(},"locations":[)";
      append_location(out, render_detail::locate(*set.sources, d.span), set.name);
      out += "]";
      if (!d.notes.empty()) {
        out += R"(,"relatedLocations":[)";
        for (std::size_t i = 0; i < d.notes.size(); ++i) {
          if (i) out += ',';
          std::string location;
          append_location(location, render_detail::locate(*set.sources, d.notes[i].span), set.name);
          // Splice in the id and message: {"id":N,"physicalLocation":...,"message":{...}}
          out += fmt::format(R"({{"id":{},)", i);
          out.append(location, 1, location.size() - 2);
          out += R"(,"message":{"text":)";
          append_json_string(out, d.notes[i].message);
          out += "}}";
        }
        out += "]";
      }
      out += "}";
    }
  }
  out += R"(],"columnKind":"unicodeCodePoints"}]})";
  out += '\n';
  return out;
}

}  // namespace qpl::present
