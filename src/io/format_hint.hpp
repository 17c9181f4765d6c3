#pragma once
// A date or a number that failed to read because the export writes it another way (12/10/2026,
// 1,200): the `format` that reads it, to say with the error.
#include <optional>
#include <string>
#include <string_view>

#include "model/types.hpp"

namespace qpl::io {

// For a field of `type` read without a format, and the raw text that failed: the field option
// that would read it (`format "DD/MM/YYYY"`), or nullopt when the text has no such shape.
std::optional<std::string> format_hint(TypeRef type, std::string_view raw);

}  // namespace qpl::io
