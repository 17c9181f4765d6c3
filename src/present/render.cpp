#include "present/render.hpp"

#include <algorithm>

#include "present/render_location.hpp"
#include "support/utf8.hpp"

namespace qpl::present {

namespace render_detail {

LineColumn display_position(const SourceFile& file, std::uint32_t offset) {
  const std::string& text = file.text();
  if (offset >= text.size() && !text.empty() && text.back() == '\n' && file.line_count() > 1) {
    const std::uint32_t line = file.line_count() - 1;
    const auto column = code_point_count(file.line_text(line)) + 1;
    return {line, static_cast<std::uint32_t>(column)};
  }
  return file.position(offset);
}

SpanLocation locate(const SourceSet& sources, Span span) {
  if (span.file >= sources.size()) return {};
  const SourceFile& file = sources.file(span.file);
  const std::uint32_t end = std::max(span.begin, span.end);
  return {&file, display_position(file, span.begin), display_position(file, end)};
}

}  // namespace render_detail

std::string_view severity_name(Severity severity) {
  switch (severity) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::info: return "info";
  }
  return "error";
}

std::string headline_message(const Diagnostic& diagnostic) {
  if (diagnostic.severity == Severity::error || diagnostic.code.empty()) return diagnostic.message;
  return diagnostic.message + " [" + diagnostic.code + "]";
}

std::string render(const Diagnostics& diagnostics, const SourceSet& sources,
                   DiagnosticFormat format, const RenderOptions& options) {
  switch (format) {
    case DiagnosticFormat::text: return render_text(diagnostics, sources, options);
    case DiagnosticFormat::json: return render_json(diagnostics, sources);
  }
  return render_text(diagnostics, sources, options);
}

std::string summary_line(const Diagnostics& diagnostics) {
  std::size_t errors = 0, warnings = 0, infos = 0;
  for (const Diagnostic& d : diagnostics.items()) {
    switch (d.severity) {
      case Severity::error: ++errors; break;
      case Severity::warning: ++warnings; break;
      case Severity::info: ++infos; break;
    }
  }
  std::string out;
  const auto add = [&](std::size_t count, std::string_view one, std::string_view many) {
    if (count == 0) return;
    if (!out.empty()) out += ", ";
    out += std::to_string(count);
    out += ' ';
    out += count == 1 ? one : many;
  };
  add(errors, "error", "errors");
  add(warnings, "warning", "warnings");
  add(infos, "info", "infos");
  return out.empty() ? "no problems found" : out;
}

}  // namespace qpl::present
