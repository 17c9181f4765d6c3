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

// A lead's explanation as asked, rendered when its writer appends it (Annotation).
class ExplainRenderer final : public AnnotationRenderer {
 public:
  ExplainRenderer(const CheckedPolicy& policy, const AnnotationRequest& ask)
      : policy_(&policy), style_(ask.style), tree_(ask.explain_tree) {}

  const eval::Trace* trace = nullptr;  // the lead's: it must outlive the writing

  void append(std::string& out) const override {
    render_explain(*policy_, *trace, style_, tree_, out);
  }

 private:
  const CheckedPolicy* policy_;
  AnnotationStyle style_;
  bool tree_;
};

// What the lead is missing to reach `stage`. Needs a trace of every funnel line
// (a TraceBuilder of every funnel line, eval/trace_builder.hpp).
void render_why_not(const CheckedPolicy& policy, const eval::Trace& trace, const std::string& stage,
                    AnnotationStyle style, std::string& out);

}  // namespace qpl::present
