#include "stream/keep_columns.hpp"

#include <fmt/format.h>

#include "stream/messages.hpp"
#include "support/utf8.hpp"

namespace qpl::stream {
namespace {

std::string_view trim_spaces(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::optional<std::vector<std::string>> parse_keep_list(std::string_view text) {
  std::vector<std::string> names;
  std::size_t i = 0;
  while (true) {
    std::string name;
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
    if (i < text.size() && text[i] == '"') {
      const auto close = text.find('"', i + 1);
      if (close == std::string_view::npos) {
        print_error("--keep: a quoted column name is not closed");
        return std::nullopt;
      }
      name = std::string(text.substr(i + 1, close - i - 1));
      i = close + 1;
      while (i < text.size() && text[i] != ',') {
        if (text[i] != ' ' && text[i] != '\t') {
          print_error(fmt::format("--keep: text after the quoted name \"{}\"",
                                  sanitize_for_terminal(name)));
          return std::nullopt;
        }
        ++i;
      }
    } else {
      const auto comma = std::min(text.find(',', i), text.size());
      name = std::string(trim_spaces(text.substr(i, comma - i)));
      i = comma;
    }
    if (name.empty()) {
      print_error("--keep: an empty column name (write --keep \"Email,Company Name\")");
      return std::nullopt;
    }
    names.push_back(std::move(name));
    if (i >= text.size()) break;
    ++i;  // the comma
  }
  return names;
}

KeptSchema schema_with_kept_columns(const CheckedPolicy& policy,
                                    const std::vector<std::string>& names, const char* option) {
  KeptSchema out{policy.schema, {}};
  for (const std::string& name : names) {
    FieldSchema field;
    field.name = name;  // what a reader's message names ("Email: expected text, got [...]")
    field.source = name;
    std::size_t start = 0;
    while (true) {
      const auto dot = name.find('.', start);
      field.path.push_back(name.substr(start, dot - start));
      if (dot == std::string::npos) break;
      start = dot + 1;
    }
    field.type = policy.types.text();
    field.optional = true;
    field.kept = true;
    field.kept_by = option;
    out.columns.push_back({name, out.schema.lead.fields.size()});
    out.schema.lead.fields.push_back(std::move(field));
  }
  return out;
}

}  // namespace qpl::stream
