// GitHub Actions workflow commands: annotations shown on the pull request's diff.
#include <string>

#include <fmt/format.h>

#include "present/render.hpp"
#include "present/render_location.hpp"

namespace qpl::present {
namespace {

// The runner's escaping: the message ("data") escapes %, CR and LF; property values also
// escape ':' and ','.
std::string escape_data(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '%') out += "%25";
    else if (c == '\r') out += "%0D";
    else if (c == '\n') out += "%0A";
    else out += c;
  }
  return out;
}

std::string escape_property(std::string_view s) {
  std::string out;
  for (char c : escape_data(s)) {
    if (c == ':') out += "%3A";
    else if (c == ',') out += "%2C";
    else out += c;
  }
  return out;
}

std::string_view command(Severity s) {
  switch (s) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::info: return "notice";
  }
  return "warning";
}

}  // namespace

std::string render_github(const std::vector<DiagnosticSet>& sets) {
  std::string out;
  for (const auto& set : sets) {
    if (!set.diagnostics || !set.sources) continue;
    for (const Diagnostic& d : set.diagnostics->items()) {
      const auto at = render_detail::locate(*set.sources, d.span);
      out += "::";
      out += command(d.severity);
      out += " file=";
      out += escape_property(at.file ? std::string_view(at.file->name()) : std::string_view(set.name));
      if (at.file) {
        out += fmt::format(",line={},col={}", at.begin.line, at.begin.column);
        if (at.end.line >= at.begin.line)
          out += fmt::format(",endLine={},endColumn={}", at.end.line, at.end.column);
      }
      out += ",title=";
      out += escape_property(d.code);
      out += "::";
      std::string message = d.message;
      if (d.help) message += "\nhelp: " + *d.help;
      out += escape_data(message);
      out += '\n';
    }
  }
  return out;
}

}  // namespace qpl::present
