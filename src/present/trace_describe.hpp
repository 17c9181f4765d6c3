#pragma once
// Private to the explain and why-not renderers: how trace nodes and source read as text (values:
// present/value_format.hpp, trace_text_format and trace_json_format).
#include <optional>
#include <string>
#include <string_view>

#include "eval/forward_only.hpp"
#include "eval/trace.hpp"
#include "model/policy.hpp"

namespace qpl::present::explain_detail {

// The renderings of a trace (explain, why-not, rule differences) descend this many levels: nodes
// nest as deep as chains of lets.
constexpr int max_render_depth = 64;

// "acme.qpl:52:3"
std::string location(const CheckedPolicy& policy, Span span);
// The source of `span` on one line: comments removed, each run of white space one space (R38).
std::string source_text(const CheckedPolicy& policy, Span span);

// What a node is, on one line, without its result: "icp fit", "sql when is_mql and ...",
// "+10 when seniority in [...] as \"senior title\"", "bant.budget", "is_mql".
std::string node_title(const eval::Trace& trace, const eval::TraceNode& node, const CheckedPolicy& policy);
// The name of a let, icp, score or check node ("bant.budget"); empty for other kinds.
std::string node_name(const eval::TraceNode& node, const CheckedPolicy& policy);
const char* kind_name(eval::TraceKind kind);  // "funnel_line", "icp", ...
// "stage: sql — because \"...\"", "stage: sql (held: the lines say mql) — ...", "stage: nurture
// (recycled) — ...", or why there is none: an explain's first line.
std::string stage_heading(const eval::Trace& trace, const CheckedPolicy& policy);

// A comparison turned so that its non-literal side comes first (`50 <= x` reads as `x >= 50`).
struct OrientedComparison {
  const Expr* subject = nullptr;
  const Expr* other = nullptr;
  const Value* subject_value = nullptr;
  const Value* other_value = nullptr;
  BinaryOp op = BinaryOp::eq;
};
std::optional<OrientedComparison> orient(const eval::TraceComparison& c);
bool is_literal(const Expr& e);

// A comparison that did not hold, as "engagement = 20 (needs >= 50)".
std::string comparison_text(const eval::TraceComparison& c, const CheckedPolicy& policy);
void append_comparison_text(std::string& out, const eval::TraceComparison& c, const CheckedPolicy& policy);

// For a bool result: whether it counts as passed (true), failed (false) or neither (unknown).
enum class Verdict : std::uint8_t { pass, fail, unknown, value };
Verdict verdict(const eval::TraceNode& node);

// A decaying rule's element as people read it, its points rounded to 2 decimals:
// "webinar of 2026-10-02: +6.3", "webinar of unknown date: unknown".
std::string decayed_text(const eval::TraceDecayed& d);
// "the webinar of 2026-10-02 now gives 6.3 after decay" (why-not).
std::string decayed_gives_text(const eval::TraceDecayed& d);

}  // namespace qpl::present::explain_detail
