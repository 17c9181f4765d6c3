#include "runner/table_file.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <simdjson.h>

#include "support/utf8.hpp"

namespace qpl {
namespace {

constexpr std::size_t max_table_bytes = 64u << 20;  // a test table, not a CRM export

std::optional<std::string> read_file(const std::string& path, std::string& text) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return fmt::format("cannot read '{}': {}", path, to_lower(std::strerror(errno)));
  std::ostringstream buffer;
  buffer << in.rdbuf();
  text = std::move(buffer).str();
  if (text.size() > max_table_bytes) return fmt::format("'{}' is too large for a test table", path);
  if (text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);
  return std::nullopt;
}

// RFC 4180 records: quoted cells may hold separators, doubled quotes and line breaks. A
// completely empty line is no record (R44).
std::vector<std::vector<std::string>> csv_records(std::string_view text) {
  std::vector<std::vector<std::string>> records;
  // As the lead reader does: the header splits on both ',' and ';', and the more frequent of
  // the two is the separator of the rows.
  char separator = 0;
  std::vector<std::string> record;
  std::string cell;
  bool quoted = false, any = false;
  std::size_t commas = 0, semicolons = 0;
  auto end_record = [&] {
    if (any || !cell.empty() || !record.empty()) {
      record.push_back(std::move(cell));
      if (!separator) separator = semicolons > commas ? ';' : ',';
      records.push_back(std::move(record));
    }
    record.clear();
    cell.clear();
    any = false;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c != '"') cell += c;
      else if (i + 1 < text.size() && text[i + 1] == '"') cell += text[++i];
      else quoted = false;
      continue;
    }
    const bool is_separator = separator ? c == separator : (c == ',' || c == ';');
    if (c == '"') {
      quoted = any = true;
    } else if (is_separator) {
      if (!separator) (c == ',' ? commas : semicolons)++;
      record.push_back(std::move(cell));
      cell.clear();
      any = true;
    } else if (c == '\n') {
      end_record();
    } else if (c != '\r') {
      cell += c;
    }
  }
  end_record();
  return records;
}

std::optional<std::string> read_csv(std::string_view text, std::string_view id_column,
                                    TableExpectations& out) {
  auto records = csv_records(text);
  if (records.empty()) return std::nullopt;
  std::vector<std::size_t> columns;
  std::optional<std::size_t> id_index;
  for (std::size_t i = 0; i < records[0].size(); ++i) {
    if (!id_column.empty() && !id_index && trim(records[0][i]) == id_column) id_index = i;
    if (expectation_expression(trim(records[0][i]))) {
      columns.push_back(i);
      out.headers.emplace_back(trim(records[0][i]));
    }
  }
  for (std::size_t r = 1; r < records.size(); ++r) {
    std::vector<std::optional<TableCell>> row(columns.size());
    for (std::size_t k = 0; k < columns.size(); ++k) {
      if (columns[k] >= records[r].size()) continue;
      std::string cell(trim(records[r][columns[k]]));
      if (!cell.empty()) row[k] = TableCell{std::move(cell), std::nullopt};
    }
    out.rows.push_back(std::move(row));
    const bool has_id = id_index && *id_index < records[r].size();
    out.ids.emplace_back(has_id ? trim(records[r][*id_index]) : std::string_view{});
  }
  return std::nullopt;
}

std::optional<LiteralValue> literal_of_json(simdjson::dom::element value, int depth) {
  LiteralValue v;
  switch (value.type()) {
    case simdjson::dom::element_type::NULL_VALUE: v.kind = LiteralValue::Kind::unknown; return v;
    case simdjson::dom::element_type::BOOL:
      v.kind = LiteralValue::Kind::boolean;
      v.boolean = value.get_bool().value();
      return v;
    case simdjson::dom::element_type::INT64:
    case simdjson::dom::element_type::UINT64:
    case simdjson::dom::element_type::DOUBLE:
      v.kind = LiteralValue::Kind::number;
      v.number = value.get_double().value();
      return v;
    case simdjson::dom::element_type::ARRAY:
      if (depth > 32) return std::nullopt;
    {
      v.kind = LiteralValue::Kind::list;
      // The array is held in a variable: iterating `get_array().value()` would run over a
      // temporary that is gone before the loop starts.
      simdjson::dom::array items;
      if (value.get_array().get(items) != simdjson::SUCCESS) return std::nullopt;
      for (simdjson::dom::element item : items) {
        if (item.is_string()) {
          LiteralValue text;
          text.kind = LiteralValue::Kind::text;
          text.text = std::string(item.get_string().value());
          v.items.push_back(std::move(text));
        } else if (auto element = literal_of_json(item, depth + 1)) {
          v.items.push_back(std::move(*element));
        } else {
          return std::nullopt;
        }
      }
      return v;
    }
    default: return std::nullopt;
  }
}

void add_json_record(simdjson::dom::element record, std::string_view id_column,
                     TableExpectations& out) {
  std::vector<std::optional<TableCell>> row(out.headers.size());
  std::string id;
  simdjson::dom::object object;
  if (record.get_object().get(object) == simdjson::SUCCESS) {
    for (auto [key, value] : object) {
      if (!id_column.empty() && key == id_column && id.empty())
        id = value.is_string() ? std::string(value.get_string().value()) : simdjson::minify(value);
      if (!expectation_expression(key)) continue;
      std::size_t k = 0;
      while (k < out.headers.size() && out.headers[k] != key) ++k;
      if (k == out.headers.size()) {
        out.headers.emplace_back(key);
        row.emplace_back();
      }
      if (value.is_string()) {
        std::string text(trim(value.get_string().value()));
        if (!text.empty()) row[k] = TableCell{std::move(text), std::nullopt};
      } else if (auto literal = literal_of_json(value, 0)) {
        row[k] = TableCell{std::string(simdjson::minify(value)), std::move(literal)};
      } else {
        row[k] = TableCell{std::string(simdjson::minify(value)), std::nullopt};
      }
    }
  }
  out.rows.push_back(std::move(row));
  out.ids.push_back(std::move(id));
}

bool is_blank(std::string_view line) { return trim(line).empty(); }

}  // namespace

std::optional<std::string> expectation_expression(std::string_view header) {
  header = trim(header);
  if (header.starts_with("expected_") && header.size() > 9) return std::string(header.substr(9));
  if (header.starts_with("expect ") || header.starts_with("expect\t")) {
    std::string_view rest = trim(header.substr(7));
    if (!rest.empty()) return std::string(rest);
  }
  return std::nullopt;
}

std::optional<std::string> read_table_expectations(const std::string& path, InputFormat format,
                                                   std::string_view id_column,
                                                   TableExpectations& out) {
  std::string text;
  if (auto error = read_file(path, text)) return error;
  if (format == InputFormat::csv) return read_csv(text, id_column, out);
  simdjson::dom::parser parser;
  if (format == InputFormat::json) {
    simdjson::dom::element root;
    if (parser.parse(text).get(root) != simdjson::SUCCESS) return std::nullopt;  // the reader says why
    simdjson::dom::array records;
    if (root.get_array().get(records) != simdjson::SUCCESS) return std::nullopt;
    for (simdjson::dom::element record : records) add_json_record(record, id_column, out);
  } else {
    std::size_t start = 0;
    while (start < text.size()) {
      std::size_t end = text.find('\n', start);
      if (end == std::string::npos) end = text.size();
      const std::string_view line(text.data() + start, end - start);
      start = end + 1;
      if (is_blank(line)) continue;
      simdjson::dom::element record;
      if (parser.parse(line.data(), line.size()).get(record) != simdjson::SUCCESS) {
        out.rows.emplace_back(out.headers.size());
        out.ids.emplace_back();
        continue;
      }
      add_json_record(record, id_column, out);
    }
  }
  for (auto& row : out.rows) row.resize(out.headers.size());
  return std::nullopt;
}

}  // namespace qpl
