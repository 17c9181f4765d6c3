#pragma once
// The explain trace and the why-not answer of one lead, rendered in the form its writer wants
// (JSON for ndjson, text for csv and table).
#include <optional>
#include <string>

#include "present/result_writer.hpp"

namespace qpl::present {

struct AnnotationRequest {
  bool explain = false;
  bool explain_tree = false;  // text: the whole tree rather than the compact summary
  std::optional<std::string> why_not_stage;
  AnnotationStyle style = AnnotationStyle::json;
  bool any() const { return explain || why_not_stage.has_value(); }
};

void render_explain(const CheckedPolicy& policy, const eval::Trace& trace, AnnotationStyle style,
                    bool tree, std::string& out);
// What the lead is missing to reach `stage`. Needs a trace of every funnel line
// (a TraceBuilder of every funnel line, eval/trace_builder.hpp).
void render_why_not(const CheckedPolicy& policy, const eval::Trace& trace, const std::string& stage,
                    AnnotationStyle style, std::string& out);

}  // namespace qpl::present
