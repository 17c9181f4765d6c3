// Diagnostics for tools: a JSON array with a stable key order, one object per line.
#include <string>

#include <fmt/format.h>

#include "present/render.hpp"
#include "present/render_location.hpp"
#include "support/utf8.hpp"

namespace qpl::present {
namespace {

using render_detail::SpanLocation;

void append_key(std::string& out, std::string_view key) {
  out += '"';
  out += key;
  out += "\":";
}

void append_place(std::string& out, const SpanLocation& at) {
  append_key(out, "file");
  if (at.file)
    append_json_string(out, at.file->name());
  else
    out += "null";
  out += ',';
  append_key(out, "line");
  out += at.file ? fmt::to_string(at.begin.line) : "null";
  out += ',';
  append_key(out, "column");
  out += at.file ? fmt::to_string(at.begin.column) : "null";
}

void append_diagnostic(std::string& out, const Diagnostic& diagnostic, const SourceSet& sources) {
  const SpanLocation at = render_detail::locate(sources, diagnostic.span);
  out += '{';
  append_place(out, at);
  out += ',';
  append_key(out, "end_line");
  out += at.file ? fmt::to_string(at.end.line) : "null";
  out += ',';
  append_key(out, "end_column");
  out += at.file ? fmt::to_string(at.end.column) : "null";
  out += ',';
  append_key(out, "severity");
  append_json_string(out, severity_name(diagnostic.severity));
  out += ',';
  append_key(out, "code");
  append_json_string(out, diagnostic.code);
  out += ',';
  append_key(out, "message");
  append_json_string(out, diagnostic.message);
  out += ',';
  append_key(out, "notes");
  out += '[';
  bool first = true;
  for (const Note& note : diagnostic.notes) {
    if (!first) out += ',';
    first = false;
    out += '{';
    append_place(out, render_detail::locate(sources, note.span));
    out += ',';
    append_key(out, "message");
    append_json_string(out, note.message);
    out += '}';
  }
  out += "],";
  append_key(out, "help");
  if (diagnostic.help)
    append_json_string(out, *diagnostic.help);
  else
    out += "null";
  out += '}';
}

}  // namespace

std::string render_json(const Diagnostics& diagnostics, const SourceSet& sources) {
  if (diagnostics.empty()) return "[]\n";
  std::string out = "[\n";
  bool first = true;
  for (const Diagnostic& diagnostic : diagnostics.items()) {
    if (!first) out += ",\n";
    first = false;
    append_diagnostic(out, diagnostic, sources);
  }
  out += "\n]\n";
  return out;
}

}  // namespace qpl::present
