#include "support/source_location.hpp"

#include <fmt/format.h>

namespace qpl {

std::string location_text(std::string_view file_name, LineColumn at) {
  return fmt::format("{}:{}:{}", file_name, at.line, at.column);
}

std::string location_text(const SourceSet& sources, Span span) {
  if (span.file >= sources.size()) return {};
  const SourceFile& file = sources.file(span.file);
  return location_text(file.name(), file.position(span.begin));
}

}  // namespace qpl
