#pragma once
// Private to the renderers: where a span is, as every format shows it.
#include "support/source.hpp"

namespace qpl::present::render_detail {

struct SpanLocation {
  const SourceFile* file = nullptr;  // null when the span names no file of the set
  LineColumn begin;
  LineColumn end;  // just after the span
};

// Like SourceFile::position, except that the very end of a file ending with a line break is
// shown just after the last character of its last line, not on a line of its own.
LineColumn display_position(const SourceFile& file, std::uint32_t offset);
SpanLocation locate(const SourceSet& sources, Span span);

}  // namespace qpl::present::render_detail
