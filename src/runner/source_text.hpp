#pragma once
// The source of `span` on one line, as test reports and coverage labels quote it (line breaks
// and tabs as spaces, nothing else changed).
#include <string>

#include "model/policy.hpp"

namespace qpl::runner {

inline std::string source_text(const CheckedPolicy& p, Span span) {
  std::string text(p.sources.file(span.file).slice(span));
  for (auto& c : text)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  return text;
}

}  // namespace qpl::runner
