#include "present/rule_diff.hpp"

#include <algorithm>

#include "present/trace_describe.hpp"
#include "present/value_format.hpp"
#include "support/number_format.hpp"

namespace qpl::present {
namespace {

using namespace explain_detail;

constexpr std::size_t max_rule_text = 120;

// The first `bytes` of `text` (not cutting a UTF-8 sequence), then "...".
std::string cut_text(const std::string& text, std::size_t bytes) {
  std::size_t end = bytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end) + "...";
}

bool same_result(const Value& a, const Value& b) {
  if (a.is_unknown() || b.is_unknown()) return a.is_unknown() && b.is_unknown();
  if (a.data.index() != b.data.index()) return false;
  if (const auto* x = std::get_if<double>(&a.data)) return *x == std::get<double>(b.data);
  if (const auto* x = std::get_if<bool>(&a.data)) return *x == std::get<bool>(b.data);
  return format_value(a, nullptr, trace_text_format) == format_value(b, nullptr, trace_text_format);
}

// Whether two counterpart nodes have different outcomes: a score rule's is the points it added
// (a rule whose points changed keeps its condition's result).
bool differs(const eval::TraceNode& a, const eval::TraceNode& b) {
  if (a.kind == eval::TraceKind::score_rule && a.points != b.points) return true;
  return !same_result(a.value, b.value);
}

bool is_named(eval::TraceKind kind) {
  return kind == eval::TraceKind::icp || kind == eval::TraceKind::score || kind == eval::TraceKind::check ||
         kind == eval::TraceKind::let;
}

struct Side {
  const eval::Trace& trace;
  const CheckedPolicy& policy;
};

// The child of `parent` (in `side`) that plays the part `child` plays under its own parent:
// the same named rule, or the same position among the unnamed children of its kind.
const eval::TraceNode* counterpart(const eval::TraceNode& child, std::size_t ordinal, const Side& from,
                             const eval::TraceNode& parent, const Side& side) {
  const std::string name = is_named(child.kind) ? node_name(child, from.policy) : std::string();
  std::size_t seen = 0;
  for (const std::uint32_t id : parent.children) {
    const eval::TraceNode& candidate = side.trace.nodes[id];
    if (candidate.kind != child.kind) continue;
    if (is_named(child.kind)) {
      if (node_name(candidate, side.policy) == name) return &candidate;
    } else if (seen++ == ordinal) {
      return &candidate;
    }
  }
  return nullptr;
}

std::pair<const eval::TraceNode*, const eval::TraceNode*> deepest_difference(const eval::TraceNode& a, const Side& old_side,
                                                                 const eval::TraceNode& b, const Side& new_side,
                                                                 int depth) {
  if (depth < max_render_depth) {
    std::vector<std::size_t> ordinals(static_cast<std::size_t>(eval::TraceKind::expr) + 1, 0);
    for (const std::uint32_t id : a.children) {
      const eval::TraceNode& child = old_side.trace.nodes[id];
      const std::size_t ordinal = ordinals[static_cast<std::size_t>(child.kind)]++;
      const eval::TraceNode* other = counterpart(child, ordinal, old_side, b, new_side);
      if (other != nullptr && differs(child, *other)) {
        return deepest_difference(child, old_side, *other, new_side, depth + 1);
      }
    }
  }
  return {&a, &b};
}

// A score rule that applied shows the points it added ("+20"); other nodes their value.
std::string result_text(const eval::TraceNode& node) {
  if (node.kind == eval::TraceKind::score_rule && node.value.is_true()) {
    return (node.points >= 0 ? "+" : "") + format_number(node.points);
  }
  return format_value(node.value, nullptr, trace_text_format);
}

RuleSide describe(const eval::TraceNode& node, const Side& side) {
  RuleSide out;
  // The rule as written, which shows what changed (a threshold, a list); a long one is cut.
  out.rule = source_text(side.policy, node.span);
  if (node.kind == eval::TraceKind::let && node.expr != nullptr) {  // its span is only the name
    out.rule = node_name(node, side.policy) + " = " + source_text(side.policy, node.expr->span);
  }
  if (out.rule.empty()) out.rule = node_title(side.trace, node, side.policy);
  if (out.rule.size() > max_rule_text) out.rule = cut_text(out.rule, max_rule_text);
  out.at = location(side.policy, node.span);
  out.result = result_text(node);
  if (node.kind == eval::TraceKind::score_rule && node.value.is_true()) {
    append_number(out.result_json, node.points);
  } else {
    append_value(out.result_json, node.value, nullptr, trace_json_format);
  }
  for (const eval::TraceRead& read : node.reads) {
    const TypeRef type = read.type;
    RuleSide::Read r{std::string(read.name), format_value(*read.value, type, trace_text_format), {}};
    append_value(r.json, *read.value, type, trace_json_format);
    out.reads.push_back(std::move(r));
  }
  for (const std::uint32_t id : node.children) {
    const eval::TraceNode& child = side.trace.nodes[id];
    if (!is_named(child.kind)) continue;
    RuleSide::Read r{node_name(child, side.policy), format_value(child.value, nullptr, trace_text_format), {}};
    append_value(r.json, child.value, nullptr, trace_json_format);
    const bool seen = std::any_of(out.reads.begin(), out.reads.end(),
                                  [&](const RuleSide::Read& x) { return x.name == r.name; });
    if (!seen) out.reads.push_back(std::move(r));
  }
  return out;
}

}  // namespace

RuleDiff first_rule_difference(const eval::Trace& old_trace, const CheckedPolicy& old_policy,
                               const eval::Trace& new_trace, const CheckedPolicy& new_policy) {
  const Side old_side{old_trace, old_policy};
  const Side new_side{new_trace, new_policy};
  const std::size_t common = std::min(old_trace.lines.size(), new_trace.lines.size());
  RuleDiff out;
  for (std::size_t k = 0; k < common; ++k) {
    const eval::TraceNode& a = old_trace.nodes[old_trace.lines[k]];
    const eval::TraceNode& b = new_trace.nodes[new_trace.lines[k]];
    if (same_result(a.value, b.value)) continue;
    const auto [x, y] = deepest_difference(a, old_side, b, new_side, 0);
    out.old_side = describe(*x, old_side);
    out.new_side = describe(*y, new_side);
    return out;
  }
  // Every line both tried agrees: one policy tried more lines, or the same line decided.
  if (old_trace.lines.size() > common) {
    out.old_side = describe(old_trace.nodes[old_trace.lines[common]], old_side);
  } else if (new_trace.lines.size() > common) {
    out.new_side = describe(new_trace.nodes[new_trace.lines[common]], new_side);
  } else if (common > 0) {
    out.old_side = describe(old_trace.nodes[old_trace.lines[common - 1]], old_side);
    out.new_side = describe(new_trace.nodes[new_trace.lines[common - 1]], new_side);
  }
  return out;
}

std::optional<RuleSide> deciding_line(const eval::Trace& trace, const CheckedPolicy& policy) {
  if (trace.lines.empty()) return std::nullopt;
  return describe(trace.nodes[trace.lines.back()], Side{trace, policy});
}

std::string value_as_text(const Value& value) { return format_value(value, nullptr, trace_text_format); }

std::string value_as_json(const Value& value) {
  std::string out;
  append_value(out, value, nullptr, trace_json_format);
  return out;
}

}  // namespace qpl::present
