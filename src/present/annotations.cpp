// The explain and why-not renderers (present/explain.hpp, present/why_not.hpp), in the writer's form.
#include "present/annotations.hpp"

#include "present/explain.hpp"
#include "present/why_not.hpp"

namespace qpl::present {

void render_explain(const CheckedPolicy& policy, const eval::Trace& trace, AnnotationStyle style,
                    bool tree, std::string& out) {
  if (style == AnnotationStyle::json) {
    explain_json(trace, policy, out);
  } else {
    out += tree ? explain_text(trace, policy, false) : explain_compact_text(trace, policy, false);
  }
}

void render_why_not(const CheckedPolicy& policy, const eval::Trace& trace, const std::string& stage,
                    AnnotationStyle style, std::string& out) {
  if (style == AnnotationStyle::json) {
    why_not_json(trace, policy, stage, out);
  } else {
    out += why_not_text(trace, policy, stage, false);
  }
}

}  // namespace qpl::present
