#include "present/trace_describe.hpp"

#include <cmath>
#include <cstdint>
#include <unordered_map>

#include "model/comparison.hpp"
#include "model/types.hpp"
#include "present/value_format.hpp"
#include "support/date.hpp"
#include "support/number_format.hpp"
#include "support/source_location.hpp"
#include "support/utf8.hpp"

namespace qpl::present::explain_detail {


bool is_literal(const Expr& e) {
  switch (e.kind_case()) {
    case ExprKindCase::number: case ExprKindCase::text: case ExprKindCase::boolean:
    case ExprKindCase::date: case ExprKindCase::list:
      return true;
    case ExprKindCase::unary:  // `-5`
      return std::get<Unary>(e.kind).op == UnaryOp::negate &&
             std::get<Unary>(e.kind).operand->kind_case() == ExprKindCase::number;
    default: return false;
  }
}

std::optional<OrientedComparison> orient(const eval::TraceComparison& c) {
  const auto* b = c.expr ? std::get_if<Binary>(&c.expr->kind) : nullptr;
  if (!b) return std::nullopt;
  OrientedComparison o{b->lhs.get(), b->rhs.get(), &c.lhs, &c.rhs, b->op};
  if (is_literal(*o.subject) && !is_literal(*o.other)) {
    std::swap(o.subject, o.other);
    std::swap(o.subject_value, o.other_value);
    o.op = mirrored(o.op);
  }
  return o;
}

std::string location(const CheckedPolicy& policy, Span span) { return location_text(policy.sources, span); }

namespace {

// In source_text: a character that neither starts nor ends a text, comment or blank.
bool copied_as_is(char c, bool in_text) {
  if (in_text) return c != '\\' && c != '"';
  return c != '#' && c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '"';
}

}  // namespace

std::string source_text(const CheckedPolicy& policy, Span span) {
  if (span.file >= policy.sources.size()) return {};
  const std::string_view text = policy.sources.file(span.file).slice(span);
  std::string out;
  out.reserve(text.size());
  bool in_text = false, in_comment = false, space = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_comment) {
      if (c == '\n') in_comment = false, space = true;
      continue;
    }
    // A run of characters that are copied as they are goes out in one append.
    std::size_t run = i;
    while (run < text.size() && copied_as_is(text[run], in_text)) ++run;
    if (run > i) {
      if (space && !out.empty()) out += ' ';
      space = false;
      out.append(text.substr(i, run - i));
      i = run - 1;
      continue;
    }
    if (!in_text && c == '#') {
      in_comment = true;
      continue;
    }
    if (!in_text && (c == ' ' || c == '\t' || c == '\n' || c == '\r')) {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
    if (in_text && c == '\\' && i + 1 < text.size()) {
      out += text[++i];
      continue;
    }
    if (c == '"') in_text = !in_text;
  }
  return out;
}

std::string node_name(const eval::TraceNode& node, const CheckedPolicy& policy) {
  switch (node.kind) {
    case eval::TraceKind::icp:
      return node.index < policy.icps.size() ? policy.icps[node.index].name : std::string();
    case eval::TraceKind::score:
      return node.index < policy.scores.size() ? policy.scores[node.index].name : std::string();
    case eval::TraceKind::let:
      return node.index < policy.lets.size() ? policy.lets[node.index].name : std::string();
    case eval::TraceKind::grade:
      return node.index < policy.grades.size() ? policy.grades[node.index].name : std::string();
    case eval::TraceKind::check:
      if (node.index >= policy.checks.size()) return {};
      return policy.checks[node.index].group + "." + policy.checks[node.index].label;
    default: return {};
  }
}

std::string stage_heading(const eval::Trace& trace, const CheckedPolicy& policy) {
  if (!policy.funnel) return "stage: none — the policy has no funnel";
  const eval::StageAnswer answer = eval::stage_answer(policy, trace.chosen_line, trace.recycle_line, trace.held_rank);
  if (answer.stage == nullptr) return "stage: none — no funnel line is true";
  std::string line = "stage: " + *answer.stage;
  if (answer.held_from != nullptr) line += " (held: the lines say " + *answer.held_from + ")";
  if (answer.recycled) line += " (recycled)";
  return line + " — because \"" + *answer.because + "\"";
}

const char* kind_name(eval::TraceKind kind) {
  switch (kind) {
    case eval::TraceKind::funnel_line: return "funnel_line";
    case eval::TraceKind::recycle_line: return "recycle_line";
    case eval::TraceKind::icp: return "icp";
    case eval::TraceKind::icp_clause: return "icp_clause";
    case eval::TraceKind::score: return "score";
    case eval::TraceKind::score_rule: return "score_rule";
    case eval::TraceKind::check: return "check";
    case eval::TraceKind::let: return "let";
    case eval::TraceKind::grade: return "grade";
    case eval::TraceKind::grade_line: return "grade_line";
    case eval::TraceKind::group: return "group";
    case eval::TraceKind::expr: return "expr";
  }
  return "expr";
}

std::string node_title(const eval::Trace& /*trace*/, const eval::TraceNode& node,
                       const CheckedPolicy& policy) {
  switch (node.kind) {
    case eval::TraceKind::funnel_line: {
      if (!policy.funnel || node.index >= policy.funnel->lines.size()) return {};
      const auto& line = policy.funnel->lines[node.index];
      std::string title = line.stage;
      if (line.condition) title += " when " + source_text(policy, line.condition->span);
      else title += " otherwise";
      if (line.label) title += "  as \"" + *line.label + "\"";
      return title;
    }
    case eval::TraceKind::recycle_line: {
      if (!policy.funnel || node.index >= policy.funnel->recycles.size()) return {};
      const auto& line = policy.funnel->recycles[node.index];
      std::string title = "recycle to " + line.stage + " when " + source_text(policy, line.condition->span);
      if (line.label) title += "  as \"" + *line.label + "\"";
      return title;
    }
    case eval::TraceKind::icp: return "icp " + node_name(node, policy);
    case eval::TraceKind::score: return "score " + node_name(node, policy);
    case eval::TraceKind::let: return node_name(node, policy);
    case eval::TraceKind::check: return node_name(node, policy);
    case eval::TraceKind::grade: {
      if (node.index >= policy.grades.size()) return {};
      const GradeInfo& grade = policy.grades[node.index];
      if (!grade.decl->of) return "grade " + grade.name;
      return "bands " + grade.name + " of " + source_text(policy, grade.decl->of->span);
    }
    case eval::TraceKind::icp_clause:
    case eval::TraceKind::score_rule:
    case eval::TraceKind::grade_line:
      return source_text(policy, node.span);
    case eval::TraceKind::group:
    case eval::TraceKind::expr:
      return node.expr ? source_text(policy, node.expr->span) : std::string();
  }
  return {};
}

namespace {

// A failed comparison's text around its values, made once per thread and policy for each
// comparison: every lead's failed comparisons are the same few. "points = " and " (needs >= 50";
// a literal side shows no value, and its text takes no " = ".
struct ComparisonFrame {
  bool comparison = false;  // orient() found one
  bool swapped = false;     // the literal came first: the subject is the right-hand side
  bool subject_shown = false, other_shown = false;  // a side's value, unless it is a literal
  TypeRef subject_type = nullptr, other_type = nullptr;
  std::string head, middle;
};

ComparisonFrame comparison_frame(const eval::TraceComparison& c, const CheckedPolicy& policy) {
  ComparisonFrame frame;
  const auto o = orient(c);
  if (!o) return frame;
  frame.comparison = true;
  frame.swapped = o->subject_value == &c.rhs;
  frame.head = source_text(policy, o->subject->span);
  if (!is_literal(*o->subject)) {
    frame.head += " = ";
    frame.subject_shown = true;
    frame.subject_type = o->subject->type;
  }
  frame.middle = " (needs ";
  frame.middle += binary_op_text(o->op);
  frame.middle += ' ';
  frame.middle += source_text(policy, o->other->span);
  if (!is_literal(*o->other)) {
    frame.middle += " = ";
    frame.other_shown = true;
    frame.other_type = o->other->type;
  }
  return frame;
}

const ComparisonFrame& cached_comparison_frame(const eval::TraceComparison& c, const CheckedPolicy& policy) {
  thread_local std::uint64_t serial = 0;
  thread_local std::unordered_map<const Expr*, ComparisonFrame> frames;
  if (serial != policy.serial) {
    frames.clear();
    serial = policy.serial;
  }
  auto found = frames.find(c.expr);
  if (found == frames.end()) found = frames.emplace(c.expr, comparison_frame(c, policy)).first;
  return found->second;
}

}  // namespace

std::string comparison_text(const eval::TraceComparison& c, const CheckedPolicy& policy) {
  std::string out;
  append_comparison_text(out, c, policy);
  return out;
}

void append_comparison_text(std::string& out, const eval::TraceComparison& c, const CheckedPolicy& policy) {
  const ComparisonFrame& frame = cached_comparison_frame(c, policy);
  if (!frame.comparison) return;
  out += frame.head;
  const Value& subject = frame.swapped ? c.rhs : c.lhs;
  const Value& other = frame.swapped ? c.lhs : c.rhs;
  if (frame.subject_shown) append_value(out, subject, frame.subject_type, trace_text_format);
  out += frame.middle;
  if (frame.other_shown) append_value(out, other, frame.other_type, trace_text_format);
  out += ')';
}

Verdict verdict(const eval::TraceNode& node) {
  const Value& v = node.value;
  if (v.is_unknown()) return Verdict::unknown;
  if (!std::holds_alternative<bool>(v.data)) return Verdict::value;
  // An exclude clause passes when its condition is false.
  const bool passed = node.exclude ? v.is_false() : v.is_true();
  return passed ? Verdict::pass : Verdict::fail;
}

namespace {

std::string rounded_points(double points) { return format_number(std::round(points * 100) / 100); }

std::string decayed_element(const eval::TraceDecayed& d) {
  return d.element + " of " + (d.day ? format_date(*d.day) : std::string("unknown date"));
}

}  // namespace

std::string decayed_text(const eval::TraceDecayed& d) {
  if (!d.day) return decayed_element(d) + ": unknown";
  return decayed_element(d) + ": " + (d.points > 0 ? "+" : "") + rounded_points(d.points);
}

std::string decayed_gives_text(const eval::TraceDecayed& d) {
  if (!d.day) return "the " + decayed_element(d) + " gives unknown points";
  return "the " + decayed_element(d) + " now gives " + rounded_points(d.points) + " after decay";
}

}  // namespace qpl::present::explain_detail
