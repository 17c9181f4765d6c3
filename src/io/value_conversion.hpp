#pragma once
// Text to typed values by R42/R43, and the words error lines use for what was expected and
// what was found. Shared by the CSV and JSON readers.
#include <string>
#include <string_view>

#include "model/types.hpp"
#include "model/value.hpp"

namespace qpl {

// Converts a CSV cell or a JSON string to a value of a primitive `type` (number, bool, date,
// enum, text); false when it does not convert (lists and records never do).
bool convert_text(TypeRef type, std::string_view text, bool allow_decimal_comma, Value& out);

// "a number", "a date (YYYY-MM-DD)", "one of \"ic\", \"vp\"", ...
std::string expected_description(TypeRef type);
// A found text as it shows in a message: cut after io_limits::max_quoted_bytes, on a character
// boundary, with "..." where it was cut.
std::string shortened_found(std::string_view text);
// The same, quoted.
std::string quoted_found(std::string_view text);
// "<path>: expected <expected>, got <found>"
std::string mismatch_message(std::string_view path, TypeRef type, std::string_view found);

}  // namespace qpl
