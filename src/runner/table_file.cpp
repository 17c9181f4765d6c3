#include "runner/table_file.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>

#include <fmt/format.h>
#include <simdjson.h>

#include "support/utf8.hpp"

namespace qpl::runner {
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

// One CSV cell and the offset of its first byte in the file.
struct CsvCell {
  std::string text;
  std::size_t offset = 0;
};

// RFC 4180 records: quoted cells may hold separators, doubled quotes and line breaks. A
// completely empty line is no record (R44).
std::vector<std::vector<CsvCell>> csv_records(std::string_view text) {
  std::vector<std::vector<CsvCell>> records;
  // As the lead reader does: the header splits on both ',' and ';', and the more frequent of
  // the two is the separator of the rows.
  char separator = 0;
  std::vector<CsvCell> record;
  CsvCell cell;
  bool quoted = false, any = false;
  std::size_t commas = 0, semicolons = 0;
  auto end_record = [&](std::size_t next) {
    if (any || !cell.text.empty() || !record.empty()) {
      record.push_back(std::move(cell));
      if (!separator) separator = semicolons > commas ? ';' : ',';
      records.push_back(std::move(record));
    }
    record.clear();
    cell = CsvCell{{}, next};
    any = false;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c != '"') cell.text += c;
      else if (i + 1 < text.size() && text[i + 1] == '"') cell.text += text[++i];
      else quoted = false;
      continue;
    }
    const bool is_separator = separator ? c == separator : (c == ',' || c == ';');
    if (c == '"') {
      quoted = any = true;
    } else if (is_separator) {
      if (!separator) (c == ',' ? commas : semicolons)++;
      record.push_back(std::move(cell));
      cell = CsvCell{{}, i + 1};
      any = true;
    } else if (c == '\n') {
      end_record(i + 1);
    } else if (c != '\r') {
      cell.text += c;
    }
  }
  end_record(text.size());
  return records;
}

// Where a cell's trimmed text starts and ends in the file (a quoted cell: its quotes included).
std::pair<std::size_t, std::size_t> cell_extent(std::string_view text, const CsvCell& cell) {
  std::size_t begin = cell.offset;
  while (begin < text.size() && (text[begin] == ' ' || text[begin] == '\t')) ++begin;
  std::size_t end = begin;
  if (end < text.size() && text[end] == '"') {
    ++end;
    while (end < text.size() && (text[end] != '"' || (end + 1 < text.size() && text[end + 1] == '"')))
      end += text[end] == '"' ? 2 : 1;
    if (end < text.size()) ++end;
  } else {
    end += trim(cell.text).size();
  }
  return {begin, std::max(end, begin + 1)};
}

TableProblem unnamed_column(std::size_t begin, std::size_t end, std::string_view header) {
  return {TableProblem::Kind::column, begin, end,
          fmt::format("column '{}' names no value to expect", header),
          "write the value after the prefix, as in 'expected_stage' or 'expect bant.budget'",
          std::nullopt};
}

// Each row's case is named by its id (R-1: "test name [R-1]"): an empty id or one an earlier
// row has makes a case without a name, or two cases with one name.
class CaseNames {
 public:
  void add(std::string_view id, std::size_t begin, std::size_t end, TableExpectations& out) {
    if (id.empty()) {
      out.problems.push_back({TableProblem::Kind::case_name, begin, end,
                              "this row has no id, so its case has no name",
                              "give every row an id: a failure is reported under it", std::nullopt});
      return;
    }
    const auto [it, fresh] = first_.emplace(std::string(id), begin);
    if (fresh) return;
    out.problems.push_back({TableProblem::Kind::case_name, begin, end,
                            fmt::format("the id '{}' is an earlier row's too, so two cases have one name", id),
                            "give each row its own id", it->second});
  }

 private:
  std::map<std::string, std::size_t, std::less<>> first_;
};

std::optional<std::string> read_csv(std::string_view text, std::string_view id_column,
                                    TableExpectations& out) {
  auto records = csv_records(text);
  if (records.empty()) return std::nullopt;
  std::vector<std::size_t> columns;
  std::optional<std::size_t> id_index;
  for (std::size_t i = 0; i < records[0].size(); ++i) {
    const std::string_view header = trim(records[0][i].text);
    if (!id_column.empty() && !id_index && header == id_column) id_index = i;
    if (is_empty_expectation(header)) {
      const auto [begin, end] = cell_extent(text, records[0][i]);
      out.problems.push_back(unnamed_column(begin, end, header));
    }
    if (expectation_expression(header)) {
      columns.push_back(i);
      out.headers.emplace_back(header);
    }
  }
  CaseNames names;
  for (std::size_t r = 1; r < records.size(); ++r) {
    std::vector<std::optional<TableCell>> row(columns.size());
    for (std::size_t k = 0; k < columns.size(); ++k) {
      if (columns[k] >= records[r].size()) continue;
      std::string cell(trim(records[r][columns[k]].text));
      if (!cell.empty()) row[k] = TableCell{std::move(cell), std::nullopt};
    }
    out.rows.push_back(std::move(row));
    const bool has_id = id_index && *id_index < records[r].size();
    out.ids.emplace_back(has_id ? trim(records[r][*id_index].text) : std::string_view{});
    if (has_id) {
      const auto [begin, end] = cell_extent(text, records[r][*id_index]);
      names.add(out.ids.back(), begin, end, out);
    }
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

// Where a JSON record's key is written: searched from `from` (the record's line, or the end of
// the previous record's id), else `from` itself.
std::pair<std::size_t, std::size_t> key_extent(std::string_view text, std::size_t from,
                                               std::string_view key) {
  std::string quoted;
  append_json_string(quoted, key);
  const std::size_t at = text.find(quoted, std::min(from, text.size()));
  if (at == std::string_view::npos) return {from, from + 1};
  return {at, at + quoted.size()};
}

void add_json_record(simdjson::dom::element record, std::string_view id_column, std::size_t from,
                     CaseNames& names, TableExpectations& out) {
  std::vector<std::optional<TableCell>> row(out.headers.size());
  std::string id;
  bool has_id = false;
  simdjson::dom::object object;
  if (record.get_object().get(object) == simdjson::SUCCESS) {
    for (auto [key, value] : object) {
      if (!id_column.empty() && key == id_column && !has_id) {
        has_id = true;
        id = value.is_string() ? std::string(trim(value.get_string().value())) : simdjson::minify(value);
        if (value.is_null()) id.clear();
        const auto [begin, end] = key_extent(out.text, from, key);
        names.add(id, begin, end, out);
      }
      if (is_empty_expectation(key)) {
        const auto [begin, end] = key_extent(out.text, from, key);
        out.problems.push_back(unnamed_column(begin, end, trim(key)));
      }
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

bool is_empty_expectation(std::string_view header) {
  header = trim(header);
  return header == "expected_" || header == "expect";
}

std::optional<std::string> expectation_expression(std::string_view header) {
  header = trim(header);
  if (header.starts_with("expected_") && header.size() > 9) return std::string(header.substr(9));
  if (header.starts_with("expect ") || header.starts_with("expect\t")) {
    std::string_view rest = trim(header.substr(7));
    if (!rest.empty()) return std::string(rest);
  }
  return std::nullopt;
}

std::optional<std::string> read_table_expectations(const std::string& path, io::InputFormat format,
                                                   std::string_view id_column,
                                                   TableExpectations& out) {
  if (auto error = read_file(path, out.text)) return error;
  const std::string_view text = out.text;
  if (format == io::InputFormat::csv) return read_csv(text, id_column, out);
  simdjson::dom::parser parser;
  CaseNames names;
  if (format == io::InputFormat::json) {
    simdjson::dom::element root;
    if (parser.parse(out.text).get(root) != simdjson::SUCCESS) return std::nullopt;  // the reader says why
    simdjson::dom::array records;
    if (root.get_array().get(records) != simdjson::SUCCESS) return std::nullopt;
    // The DOM keeps no offsets: a record is looked for after the previous record's id.
    std::size_t from = 0;
    for (simdjson::dom::element record : records) {
      add_json_record(record, id_column, from, names, out);
      if (!id_column.empty()) from = key_extent(text, from, id_column).second;
    }
  } else {
    std::size_t start = 0;
    while (start < text.size()) {
      std::size_t end = text.find('\n', start);
      if (end == std::string::npos) end = text.size();
      const std::string_view line(text.data() + start, end - start);
      const std::size_t line_start = start;
      start = end + 1;
      if (is_blank(line)) continue;
      simdjson::dom::element record;
      if (parser.parse(line.data(), line.size()).get(record) != simdjson::SUCCESS) {
        out.rows.emplace_back(out.headers.size());
        out.ids.emplace_back();
        continue;
      }
      add_json_record(record, id_column, line_start, names, out);
    }
  }
  for (auto& row : out.rows) row.resize(out.headers.size());
  return std::nullopt;
}

}  // namespace qpl::runner
