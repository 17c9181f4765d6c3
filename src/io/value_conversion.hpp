#pragma once
// Text to typed values by R42/R43, and the words error lines use for what was expected and
// what was found. Shared by the CSV and JSON readers.
#include <string>
#include <string_view>

#include "model/types.hpp"
#include "support/utf8.hpp"
#include "model/value.hpp"

namespace qpl::io {

// Converts a CSV cell or a JSON string to a value of a primitive `type` (number, bool, date,
// enum, text); false when it does not convert (lists and records never do).
bool convert_text(TypeRef type, std::string_view text, bool allow_decimal_comma, Value& out);

// A field's text as its `trim` option leaves it: what `missing values` are compared with.
inline std::string_view trimmed_for(const FieldReading& reading, std::string_view text) {
  return reading.trim ? trim(text) : text;
}
// A typed text value (a test lead's, the REPL's) as `trim` and `lower` leave it.
std::string normalized_text(const FieldReading& reading, std::string_view text);
// convert_text with the field's `lower` and `format` options (`text` already trimmed).
bool convert_read_text(TypeRef type, const FieldReading& reading, std::string_view text,
                       bool allow_decimal_comma, Value& out);
// The same, inline for a field without those options (most fields: no extra call per cell).
inline bool convert_field_text(TypeRef type, const FieldReading& reading, std::string_view text,
                               bool allow_decimal_comma, Value& out) {
  if (reading.as_written) return convert_text(type, text, allow_decimal_comma, out);
  return convert_read_text(type, reading, text, allow_decimal_comma, out);
}

// "a number", "a date (YYYY-MM-DD)", "one of \"ic\", \"vp\"", ...; with a field's `format`,
// "a date (DD/MM/YYYY)", "a number (1 000,00)".
std::string expected_description(TypeRef type, const FieldReading* reading = nullptr);
// A found text as it shows in a message: cut after limits::max_quoted_bytes, on a character
// boundary, with "..." where it was cut.
std::string shortened_found(std::string_view text);
// The same, quoted.
std::string quoted_found(std::string_view text);
// "<path>: expected <expected>, got <found>"
std::string mismatch_message(std::string_view path, TypeRef type, std::string_view found,
                             const FieldReading* reading = nullptr);

}  // namespace qpl::io
