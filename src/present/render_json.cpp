// Diagnostics for tools: a JSON array with a stable key order, one object per line.
#include <string>

#include "present/json_writer.hpp"
#include "present/render.hpp"
#include "present/render_location.hpp"

namespace qpl::present {
namespace {

using render_detail::SpanLocation;

void place(JsonWriter& json, const SpanLocation& at) {
  json.key("file");
  at.file ? json.string(at.file->name()) : json.null();
  json.key("line");
  at.file ? json.integer(at.begin.line) : json.null();
  json.key("column");
  at.file ? json.integer(at.begin.column) : json.null();
}

void append_diagnostic(std::string& out, const Diagnostic& diagnostic, const SourceSet& sources) {
  const SpanLocation at = render_detail::locate(sources, diagnostic.span);
  JsonWriter json;
  json.begin_object();
  place(json, at);
  json.key("end_line");
  at.file ? json.integer(at.end.line) : json.null();
  json.key("end_column");
  at.file ? json.integer(at.end.column) : json.null();
  json.field("severity", severity_name(diagnostic.severity))
      .field("code", diagnostic.code)
      .field("message", diagnostic.message)
      .key("notes")
      .begin_array();
  for (const Note& note : diagnostic.notes) {
    json.begin_object();
    place(json, render_detail::locate(sources, note.span));
    json.field("message", note.message).end_object();
  }
  json.end_array().key("help");
  diagnostic.help ? json.string(*diagnostic.help) : json.null();
  out += json.end_object().text();
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
