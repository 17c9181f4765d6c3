#include "io/value_conversion.hpp"

#include <fmt/format.h>

#include "io/format_hint.hpp"
#include "io/limits.hpp"
#include "support/date.hpp"
#include "support/number_format.hpp"
#include "support/utf8.hpp"

namespace qpl::io {

namespace {

// Readers reuse their ReadItem: keep the old string's buffer instead of a new allocation.
void assign_text(Value& out, std::string_view text) {
  if (auto* existing = std::get_if<std::string>(&out.data))
    existing->assign(text);
  else
    out.data.emplace<std::string>(text);
}

}  // namespace

bool convert_text(TypeRef type, std::string_view text, bool allow_decimal_comma, Value& out) {
  switch (type->kind) {
    case TypeKind::text:
      assign_text(out, text);
      return true;
    case TypeKind::enum_:
      for (const auto& value : type->values)
        if (value == text) {
          assign_text(out, text);
          return true;
        }
      return false;
    case TypeKind::number:
      if (auto number = parse_number_text(text, allow_decimal_comma)) {
        out.data = *number;
        return true;
      }
      return false;
    case TypeKind::boolean:
      if (auto flag = parse_bool_text(text)) {
        out.data = *flag;
        return true;
      }
      return false;
    case TypeKind::date:
      // Surrounding White_Space is forgiven as for numbers and bools (R43).
      if (auto days = parse_date_value(trim(text))) {
        out.data = Date{*days};
        return true;
      }
      return false;
    default:
      return false;
  }
}

std::string normalized_text(const FieldReading& reading, std::string_view text) {
  text = trimmed_for(reading, text);
  return reading.lower ? to_lower(text) : std::string(text);
}

bool convert_read_text(TypeRef type, const FieldReading& reading, std::string_view text,
                       bool allow_decimal_comma, Value& out) {
  if (reading.lower && is_textual(type)) {
    const std::string lowered = to_lower(text);
    return convert_text(type, lowered, allow_decimal_comma, out);
  }
  if (reading.date_format && type->kind == TypeKind::date) {
    const auto days = read_formatted_date(*reading.date_format, text);
    if (days) out.data = Date{*days};
    return days.has_value();
  }
  if (reading.number_format && type->kind == TypeKind::number) {
    const auto number = read_formatted_number(*reading.number_format, text);
    if (number) out.data = *number;
    return number.has_value();
  }
  return convert_text(type, text, allow_decimal_comma, out);
}

std::string expected_description(TypeRef type, const FieldReading* reading) {
  const bool formatted = reading && ((reading->date_format && type->kind == TypeKind::date) ||
                                     (reading->number_format && type->kind == TypeKind::number));
  if (formatted)
    return fmt::format("{} ({})", type->kind == TypeKind::date ? "a date" : "a number",
                       reading->format);
  switch (type->kind) {
    case TypeKind::number: return "a number";
    case TypeKind::text: return "text";
    case TypeKind::boolean: return "a bool";
    case TypeKind::date: return "a date (YYYY-MM-DD)";
    case TypeKind::list: return "a list";
    case TypeKind::record: return "an object";
    case TypeKind::enum_: {
      std::string out = "one of ";
      for (std::size_t i = 0; i < type->values.size(); ++i) {
        if (i) out += ", ";
        out += quoted_found(type->values[i]);
      }
      return out;
    }
    default: return type_name(type);
  }
}

std::string shortened_found(std::string_view text) {
  if (text.size() <= limits::max_quoted_bytes) return std::string(text);
  std::size_t cut = limits::max_quoted_bytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return std::string(text.substr(0, cut)) + "...";
}

std::string quoted_found(std::string_view text) { return '"' + shortened_found(text) + '"'; }

std::string mismatch_message(std::string_view path, TypeRef type, std::string_view found,
                             const FieldReading* reading) {
  std::string message = fmt::format("{}: expected {}, got {}", path, expected_description(type, reading), found);
  // A text the field would read with a format (12/10/2026, 1,200): the way to declare it.
  const bool formatted = reading && (reading->date_format || reading->number_format);
  if (!formatted && found.size() >= 2 && found.front() == '"' && found.back() == '"') {
    if (const auto hint = format_hint(type, found.substr(1, found.size() - 2)))
      message += fmt::format(" (to read it, declare the field with {})", *hint);
  }
  return message;
}

}  // namespace qpl::io
