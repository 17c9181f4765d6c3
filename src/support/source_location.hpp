#pragma once
// "file:line:column", the one way a place in a policy is written in a message or a report.
#include <string>
#include <string_view>

#include "support/source.hpp"

namespace qpl {

// "policies/acme.qpl:12:5"
std::string location_text(std::string_view file_name, LineColumn at);
// Where a span begins; empty when the span names no file of `sources`.
std::string location_text(const SourceSet& sources, Span span);

}  // namespace qpl
