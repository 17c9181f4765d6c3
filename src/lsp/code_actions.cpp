// Code actions on the diagnostics under the editor's range: apply a "did you mean", or allow a
// warning with a `# qualify: allow CODE` comment on the line above.
#include <algorithm>
#include <optional>

#include "lsp/handlers.hpp"

namespace qpl::lsp {
namespace {

// The suggestion of a message "... (did you mean 'x'?)" or "(did you mean \"x\"?)".
std::optional<std::pair<std::string, char>> suggestion(const std::string& message) {
  const std::string marker = "(did you mean ";
  const auto at = message.rfind(marker);
  if (at == std::string::npos || at + marker.size() >= message.size()) return std::nullopt;
  const char quote = message[at + marker.size()];
  if (quote != '\'' && quote != '"') return std::nullopt;
  const auto begin = at + marker.size() + 1;
  const auto end = message.find(std::string(1, quote) + "?)", begin);
  if (end == std::string::npos || end == begin) return std::nullopt;
  return std::pair{message.substr(begin, end - begin), quote};
}

json workspace_edit(const std::string& uri, json edit) {
  return {{"changes", {{uri, json::array({std::move(edit)})}}}};
}

// The range the editor asks about, as byte offsets; the whole document without one.
std::pair<std::uint32_t, std::uint32_t> requested(const Analysis& analysis, const json& params) {
  const LineIndex& lines = analysis.lines();
  auto range = params.find("range");
  if (range == params.end() || !range->is_object()) return {0, static_cast<std::uint32_t>(analysis.text().size())};
  const std::uint32_t a = lines.offset(position_param(json{{"position", range->value("start", json::object())}}));
  const std::uint32_t b = lines.offset(position_param(json{{"position", range->value("end", json::object())}}));
  return {std::min(a, b), std::max(a, b)};
}

}  // namespace

json code_actions(const Analysis& analysis, const json& params) {
  json out = json::array();
  const auto [from, to] = requested(analysis, params);
  const json published = diagnostics_json(analysis);
  const auto& items = analysis.run().diagnostics.items();
  const LineIndex& lines = analysis.lines();
  for (std::size_t i = 0; i < items.size(); ++i) {
    const Diagnostic& d = items[i];
    if (d.span.file != 0 || d.span.end < from || d.span.begin > to) continue;
    if (auto s = suggestion(d.message)) {
      const std::string_view written = std::string_view(analysis.text()).substr(d.span.begin, d.span.end - d.span.begin);
      std::string replacement = s->first;
      if (!written.empty() && written.front() == '"') replacement = '"' + replacement + '"';
      out.push_back({{"title", "Change to '" + s->first + "'"},
                     {"kind", "quickfix"},
                     {"isPreferred", true},
                     {"diagnostics", json::array({published[i]})},
                     {"edit", workspace_edit(analysis.uri(), {{"range", range_json(lines, d.span)},
                                                              {"newText", replacement}})}});
    }
    if (d.severity != Severity::error && !d.code.empty()) {
      const std::uint32_t line = lines.position(d.span.begin).line;
      const std::uint32_t start = lines.line_start(line);
      std::uint32_t indent_end = start;
      while (indent_end < analysis.text().size() && (analysis.text()[indent_end] == ' ' || analysis.text()[indent_end] == '\t')) ++indent_end;
      const std::string indent = analysis.text().substr(start, indent_end - start);
      const Span at{0, start, start};
      out.push_back({{"title", "Allow " + d.code + " here (# qualify: allow " + d.code + ")"},
                     {"kind", "quickfix"},
                     {"diagnostics", json::array({published[i]})},
                     {"edit", workspace_edit(analysis.uri(), {{"range", range_json(lines, at)},
                                                              {"newText", indent + "# qualify: allow " + d.code + "\n"}})}});
    }
  }
  return out;
}

}  // namespace qpl::lsp
