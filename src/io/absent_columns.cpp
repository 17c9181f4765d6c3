#include "io/absent_columns.hpp"

#include <cctype>
#include <unordered_set>

#include <fmt/format.h>

#include "support/suggest.hpp"
#include "support/utf8.hpp"

namespace qpl::io {

namespace {

// Lowercase letters and digits only: `Lead Number`, `lead_number` and `LeadNumber` are one name.
std::string folded_name(std::string_view name) {
  std::string out;
  for (const char c : name) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x80 || std::isalnum(byte)) out += static_cast<char>(std::tolower(byte));
  }
  return out;
}

std::string quoted(std::string_view text) {
  return fmt::format("\"{}\"", sanitize_for_terminal(text));
}

}  // namespace

std::optional<std::string> closest_column(const std::string& column,
                                          const std::vector<std::string>& present) {
  const std::string folded = folded_name(column);
  if (!folded.empty()) {
    for (const std::string& candidate : present)
      if (candidate != column && folded_name(candidate) == folded) return candidate;
  }
  return did_you_mean(column, present);
}

std::vector<AbsentColumn> absent_csv_columns(const Schema& schema,
                                             const std::vector<std::string>& header) {
  const std::unordered_set<std::string_view> columns(header.begin(), header.end());
  std::vector<AbsentColumn> absent;
  for (const FieldSchema& field : schema.lead.fields) {
    const std::string& column = field.source.empty() ? field.name : field.source;
    if (columns.contains(column)) continue;
    absent.push_back({column, field.name, {}, !field.optional, closest_column(column, header)});
  }
  return absent;
}

std::string absent_column_message(const AbsentColumn& absent, std::string_view where) {
  std::string field = "field " + absent.field;
  if (!absent.record.empty()) field += " of record " + absent.record;
  if (absent.required) field = "required " + field;
  std::string message =
      fmt::format("column {} ({}) is not {}", quoted(absent.column), field, where);
  if (absent.suggestion) message += fmt::format(" (did you mean {}?)", quoted(*absent.suggestion));
  return message;
}

}  // namespace qpl::io
