// A compact rendering of the trace's funnel lines, written against trace.hpp alone while the
// evaluator's full explain renderer is being written.
#include "cli/annotations.hpp"

#include <fmt/core.h>

#include "support/utf8.hpp"

namespace qpl::cli {
namespace {

const char* verdict_text(const Value& value) {
  if (value.is_true()) return "true";
  if (value.is_false()) return "false";
  return "unknown";
}

const char* verdict_json(const Value& value) {
  if (value.is_true()) return "true";
  if (value.is_false()) return "false";
  return "null";
}

std::string location(const CheckedPolicy& policy, Span span) {
  if (span.file >= policy.sources.size()) return "";
  const SourceFile& file = policy.sources.file(span.file);
  const LineColumn at = file.position(span.begin);
  return fmt::format("{}:{}:{}", file.name(), at.line, at.column);
}

const FunnelLine* funnel_line(const CheckedPolicy& policy, std::uint32_t index) {
  if (policy.funnel == nullptr || index >= policy.funnel->lines.size()) return nullptr;
  return &policy.funnel->lines[index];
}

void append_json_names(std::string& out, const std::vector<std::string>& names) {
  out += '[';
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += ',';
    append_json_string(out, names[i]);
  }
  out += ']';
}

std::string joined(const std::vector<std::string>& names) {
  std::string text;
  for (const std::string& name : names) text += (text.empty() ? "" : ", ") + name;
  return text;
}

// One funnel line node: its stage, because, result and the missing fields behind unknown.
void append_line(const CheckedPolicy& policy, const Trace& trace, std::uint32_t node_index,
                 AnnotationStyle style, std::string& out) {
  const TraceNode& node = trace.nodes[node_index];
  const FunnelLine* line = funnel_line(policy, node.index);
  if (line == nullptr) return;
  const std::vector<std::string> missing = missing_fields(trace, node_index);
  if (style == AnnotationStyle::json) {
    out += "{\"line\":";
    out += std::to_string(node.index + 1);
    out += ",\"at\":";
    append_json_string(out, location(policy, line->span));
    out += ",\"stage\":";
    append_json_string(out, line->stage);
    out += ",\"because\":";
    append_json_string(out, line->because);
    out += ",\"result\":";
    out += verdict_json(node.value);
    out += ",\"missing\":";
    append_json_names(out, missing);
    out += '}';
    return;
  }
  out += fmt::format("{} when {}: {}", line->stage, line->because, verdict_text(node.value));
  if (!missing.empty()) out += " (missing: " + joined(missing) + ")";
  out += fmt::format("  [{}]\n", location(policy, line->span));
}

}  // namespace

void render_explain(const CheckedPolicy& policy, const Trace& trace, AnnotationStyle style,
                    std::string& out) {
  const FunnelLine* chosen =
      trace.chosen_line >= 0 ? funnel_line(policy, static_cast<std::uint32_t>(trace.chosen_line))
                             : nullptr;
  if (style == AnnotationStyle::json) {
    out += "{\"stage\":";
    if (chosen != nullptr) {
      append_json_string(out, chosen->stage);
    } else {
      out += "null";
    }
    out += ",\"lines\":[";
    for (std::size_t i = 0; i < trace.lines.size(); ++i) {
      if (i > 0) out += ',';
      append_line(policy, trace, trace.lines[i], style, out);
    }
    out += "]}";
    return;
  }
  out += chosen != nullptr ? fmt::format("stage {}: {}\n", chosen->stage, chosen->because)
                           : std::string("no stage\n");
  for (const std::uint32_t node : trace.lines) {
    out += "  ";
    append_line(policy, trace, node, style, out);
  }
}

void render_why_not(const CheckedPolicy& policy, const Trace& trace, const std::string& stage,
                    AnnotationStyle style, std::string& out) {
  const FunnelLine* chosen =
      trace.chosen_line >= 0 ? funnel_line(policy, static_cast<std::uint32_t>(trace.chosen_line))
                             : nullptr;
  const bool reached = chosen != nullptr && chosen->stage == stage;
  const bool json = style == AnnotationStyle::json;
  std::string lines;
  std::size_t count = 0;
  for (std::uint32_t i = 0; policy.funnel != nullptr && i < policy.funnel->lines.size(); ++i) {
    const FunnelLine& line = policy.funnel->lines[i];
    if (line.stage != stage) continue;
    if (json && count > 0) lines += ',';
    ++count;
    std::uint32_t tried = static_cast<std::uint32_t>(trace.nodes.size());
    for (const std::uint32_t node : trace.lines) {
      if (trace.nodes[node].index == i) tried = node;
    }
    if (tried < trace.nodes.size()) {
      if (!json) lines += "  ";
      append_line(policy, trace, tried, style, lines);
    } else if (json) {
      lines += fmt::format("{{\"line\":{},\"at\":", i + 1);
      append_json_string(lines, location(policy, line.span));
      lines += ",\"because\":";
      append_json_string(lines, line.because);
      lines += ",\"result\":\"not tried\",\"missing\":[]}";
    } else {
      lines += fmt::format("  {} when {}: not tried, an earlier line matched  [{}]\n", line.stage,
                           line.because, location(policy, line.span));
    }
  }
  if (json) {
    out += "{\"stage\":";
    append_json_string(out, stage);
    out += reached ? ",\"reached\":true" : ",\"reached\":false";
    out += ",\"instead\":";
    if (chosen != nullptr && !reached) {
      append_json_string(out, chosen->stage);
    } else {
      out += "null";
    }
    out += ",\"lines\":[" + lines + "]}";
    return;
  }
  if (reached) {
    out += fmt::format("why not {}: it is {}\n", stage, stage);
  } else {
    out += fmt::format("why not {}: it is {}\n", stage, chosen != nullptr ? chosen->stage : "no stage");
  }
  out += lines;
}

}  // namespace qpl::cli
