#include "io/csv_reader.hpp"

#include <string_view>
#include <unordered_map>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <simdjson.h>

#include "io/absent_columns.hpp"
#include "io/field_path.hpp"
#include "io/input_buffer.hpp"
#include "io/json_binder.hpp"
#include "io/json_document.hpp"
#include "io/value_conversion.hpp"
#include "support/number_format.hpp"
#include "support/suggest.hpp"
#include "support/utf8.hpp"

namespace qpl::io {

namespace {

// Where the pending row ends, found before its cells are split.
struct RowExtent {
  std::size_t length = 0;    // the row's text, without its line break
  std::size_t consumed = 0;  // with its line break
  std::uint32_t line_breaks = 0;  // line breaks consumed, inside quotes and the final one
  bool unterminated = false;      // the input ended inside a quoted cell
  std::size_t commas = 0, semicolons = 0;  // outside quotes (the header's separator, R44)
};

class CsvReader final : public LeadReader {
 public:
  CsvReader(std::FILE* stream, std::string name, const Schema& schema, std::uint64_t first_number)
      : input_(stream, std::move(name)), schema_(schema), binder_(schema),
        next_number_(first_number) {}

  bool next(ReadItem& item) override {
    if (!header_read_) read_header();
    for (;;) {
      RowExtent row;
      if (!scan_row(false, row)) return false;
      const std::uint32_t row_line = line_;
      line_ += row.line_breaks;
      const std::string_view text(input_.data(), row.length);
      if (text.empty()) {  // R44: a completely empty line is no record
        input_.consume(row.consumed);
        continue;
      }
      item.number = next_number_++;
      item.line = row_line;
      row_line_ = row_line;
      item.error.clear();
      item.ok = read_row(text, row, item);
      if (!item.ok) read_error_id(item);
      input_.consume(row.consumed);
      return true;
    }
  }

  bool would_block() const override { return input_.line_would_block(); }

  const std::vector<std::string>& header() {
    if (!header_read_) read_header();
    return header_;
  }

 private:
  bool read_row(std::string_view text, const RowExtent& row, ReadItem& item) {
    cells_.clear();  // read_error_id() must not see the previous row's cells
    if (row.unterminated) {
      item.error = "a quoted cell is not closed: the rest of the input is one record";
      return false;
    }
    if (!simdjson::validate_utf8(text.data(), text.size())) {
      item.error = invalid_utf8_error(text);
      return false;
    }
    const std::size_t bad_cell = split_cells(text);
    if (bad_cell != no_bad_cell) {
      item.error = fmt::format("{}: unexpected text after a closing quote", cell_name(bad_cell));
      return false;
    }
    if (cells_.size() != header_.size()) {
      item.error = fmt::format("expected {} cells like the header, got {}", header_.size(),
                               cells_.size());
      return false;
    }
    return bind_row(item);
  }

  // Names the first cell that is not valid UTF-8, so that the error line says where to look;
  // the other cells stay for read_error_id() when the id's own cell is valid.
  std::string invalid_utf8_error(std::string_view text) {
    if (split_cells(text) != no_bad_cell) {
      cells_.clear();
      return "invalid UTF-8 in the row";
    }
    std::string error;
    for (std::size_t c = 0; c < cells_.size(); ++c) {
      if (simdjson::validate_utf8(cells_[c].data(), cells_[c].size())) continue;
      if (error.empty()) error = fmt::format("{}: invalid UTF-8", cell_name(c));
      cells_[c] = {};  // never read again: an id from it would carry the bad bytes out
    }
    return error.empty() ? "invalid UTF-8 in the row" : error;
  }

  // The id of a row that is an error line, from its own cell when that one reads.
  void read_error_id(ReadItem& item) const {
    item.error_id = Value{};
    const int slot = schema_.id_field;
    if (slot < 0) return;
    const int column = column_of_field_[static_cast<std::size_t>(slot)];
    if (column < 0 || static_cast<std::size_t>(column) >= cells_.size()) return;
    const FieldSchema& field = schema_.lead.fields[static_cast<std::size_t>(slot)];
    const std::string_view cell =
        trimmed_for(field.reading, cells_[static_cast<std::size_t>(column)]);
    if (cell.empty() || binder_.is_missing_text(cell)) return;
    Value id;
    if (convert_field_text(field.type, field.reading, cell, separator_ == ';', id))
      item.error_id = std::move(id);
  }

  // How an error line names a field: `employees (column 'Number of Employees')` when the
  // column is called otherwise, so the reader can find the cell in the export.
  static std::string field_label(const FieldSchema& field) {
    if (field.source.empty() || field.source == field.name) return field.name;
    return fmt::format("{} (column '{}')", field.name, field.source);
  }

  bool bind_row(ReadItem& item) {
    const auto& fields = schema_.lead.fields;
    item.record.fields.resize(fields.size());
    item.notes.clear();
    for (std::size_t slot = 0; slot < fields.size(); ++slot) {
      const FieldSchema& field = fields[slot];
      Value& out = item.record.fields[slot];
      if (bind_cell(field, slot, out, item.error, item.notes)) continue;
      if (!(field.optional && field.reading.unreadable_missing)) return false;
      item.notes.push_back({field.name, std::move(item.error)});
      item.error.clear();
      out.data = Unknown{Fault::missing};
    }
    return true;
  }

  // False with `error` set when the cell cannot be read (or a required field is missing).
  bool bind_cell(const FieldSchema& field, std::size_t slot, Value& out, std::string& error,
                 ReadNotes& notes) {
    const int column = column_of_field_[slot];
    const std::string_view cell =
        column < 0 ? std::string_view() : trimmed_for(field.reading, cells_[column]);
    const FieldPath path{nullptr, field.name, 0};
    const bool missing =
        column < 0 || binder_.is_missing_text(cell) ||
        (cell.empty() && field.type->kind != TypeKind::text);  // R41
    if (missing) {
      if (!field.optional) {
        error = field_label(field) + ": required field is missing";
        return false;
      }
      out.data = Unknown{Fault::missing};
      return true;
    }
    const TypeKind kind = field.type->kind;
    if (kind == TypeKind::list || kind == TypeKind::record) {
      // R43: the cell holds JSON.
      simdjson::dom::element root;
      std::string ignored;
      if (!json_.parse_copy(cell, root, ignored)) {
        error = mismatch_message(field_label(field), field.type, quoted_found(cell));
        return false;
      }
      return binder_.bind_field(field, root, path, out, error, &notes);
    }
    if (!convert_field_text(field.type, field.reading, cell, separator_ == ';', out)) {
      error = mismatch_message(field_label(field), field.type, quoted_found(cell), &field.reading);
      return false;
    }
    if (kind == TypeKind::number && separator_ == ';' && !field.reading.number_format)
      note_dotted_thousands(field, static_cast<std::size_t>(column), cell, std::get<double>(out.data));
    return true;
  }

  // R43 reads `1.500` as 1.5 (no thousands separator), but a `;` file is a European export,
  // which more often means 1500: said once per column, at the first such cell, with the way out.
  void note_dotted_thousands(const FieldSchema& field, std::size_t column, std::string_view cell,
                             double read_as) {
    if (dotted_thousands_said_[column] || !looks_like_dotted_thousands(cell)) return;
    dotted_thousands_said_[column] = true;
    warn(fmt::format("{}:{}: warning: {}: \"{}\" reads as {} (a number has no thousands "
                     "separator); if this file writes thousands with '.', declare the field "
                     "with format \"1.000,00\"",
                     input_.name(), row_line_, field_label(field), sanitize_for_terminal(cell),
                     format_number(read_as)));
  }

  // `1.500`, `-12.345.678`: one to three digits, then groups of three after '.'.
  static bool looks_like_dotted_thousands(std::string_view cell) {
    if (!cell.empty() && (cell.front() == '-' || cell.front() == '+')) cell.remove_prefix(1);
    const std::size_t first_dot = cell.find('.');
    if (first_dot == std::string_view::npos || first_dot == 0 || first_dot > 3) return false;
    for (std::size_t i = 0; i < cell.size(); ++i) {
      const bool dot_place = i >= first_dot && (i - first_dot) % 4 == 0;
      if (dot_place ? cell[i] != '.' : (cell[i] < '0' || cell[i] > '9')) return false;
    }
    return (cell.size() - first_dot) % 4 == 0;
  }

  // A column the user asked to carry through (`eval --keep`) must be there: a typo would
  // otherwise give an empty column in every row.
  std::string kept_column_absent(const FieldSchema& field) const {
    const std::string& name = field.source;
    std::string message = fmt::format("'{}': column \"{}\" ({}) is not in the header",
                                      input_.name(), name, field.kept_by);
    if (const auto near = did_you_mean(name, header_))
      message += fmt::format(" (did you mean \"{}\"?)", *near);
    return message;
  }

  void read_header() {
    header_read_ = true;
    while (input_.size() < 3 && input_.fill()) {
    }
    if (input_.view().starts_with("\xEF\xBB\xBF")) input_.consume(3);
    column_of_field_.assign(schema_.lead.fields.size(), -1);
    for (;;) {
      RowExtent row;
      if (!scan_row(true, row)) return;  // no header, so no records
      const std::uint32_t header_line = line_;
      line_ += row.line_breaks;
      const std::string_view text(input_.data(), row.length);
      if (text.empty()) {
        input_.consume(row.consumed);
        continue;
      }
      if (row.unterminated)
        throw InputError(fmt::format("'{}': the header row has a quoted cell that is not closed",
                                     input_.name()));
      if (!simdjson::validate_utf8(text.data(), text.size()))
        throw InputError(fmt::format("'{}': the header row is not valid UTF-8", input_.name()));
      separator_ = row.semicolons > row.commas ? ';' : ',';
      if (split_cells(text) != no_bad_cell)
        throw InputError(fmt::format("'{}': the header row has text after a closing quote",
                                     input_.name()));
      std::unordered_map<std::string_view, int> column_of_name;
      for (const std::string_view cell : cells_) header_.emplace_back(trim(cell));
      for (std::size_t i = 0; i < header_.size(); ++i)
        column_of_name.emplace(header_[i], static_cast<int>(i));  // R44: the first one wins
      dotted_thousands_said_.assign(header_.size(), false);
      for (std::size_t slot = 0; slot < schema_.lead.fields.size(); ++slot) {
        const FieldSchema& field = schema_.lead.fields[slot];
        const auto it = column_of_name.find(field.source.empty() ? field.name : field.source);
        if (it != column_of_name.end()) column_of_field_[slot] = it->second;
        else if (field.kept) throw InputError(kept_column_absent(field));
      }
      input_.consume(row.consumed);
      report_absent_columns(header_line);
      report_repeated_columns(header_line);
      return;
    }
  }

  // A column the policy names that the header lacks would read as missing in every row: said
  // once, before the records. For an optional field a warning; for a required one an error that
  // stops the file (every row would be an error line), even when it has no rows.
  void report_absent_columns(std::uint32_t header_line) const {
    std::string errors;
    for (const AbsentColumn& absent : absent_csv_columns(schema_, header_)) {
      const std::string message = absent_column_message(absent, "in the header");
      if (!absent.required) {
        warn(fmt::format("{}:{}: warning: {}", input_.name(), header_line, message));
        continue;
      }
      if (!errors.empty()) errors += '\n';
      errors += fmt::format("{}:{}: error: {}", input_.name(), header_line, message);
    }
    if (!errors.empty())
      throw InputError(errors + "; the file's records are not read");
  }

  // R44 reads the first of two columns with the same name; an export with both (two "Email"
  // columns from a merge) may well hold the lead's value in the second, so a column the policy
  // reads that the header repeats is said once, before the records.
  void report_repeated_columns(std::uint32_t header_line) const {
    for (std::size_t slot = 0; slot < schema_.lead.fields.size(); ++slot) {
      const int first = column_of_field_[slot];
      if (first < 0) continue;
      std::vector<std::size_t> again;
      for (std::size_t i = static_cast<std::size_t>(first) + 1; i < header_.size(); ++i)
        if (header_[i] == header_[static_cast<std::size_t>(first)]) again.push_back(i + 1);
      if (again.empty()) continue;
      const FieldSchema& field = schema_.lead.fields[slot];
      warn(fmt::format("{}:{}: warning: column \"{}\" (field {}) is in the header {} times (columns {}, {}): "
                       "the first one is read",
                       input_.name(), header_line, header_[static_cast<std::size_t>(first)],
                       field.name, again.size() + 1, first + 1, fmt::join(again, ", ")));
    }
  }

  std::string cell_name(std::size_t cell) const {
    if (cell < header_.size()) return fmt::format("column '{}'", header_[cell]);
    return fmt::format("cell {}", cell + 1);
  }

  // A row ended by a '\r' that was the last byte in hand: a '\n' that comes next is the rest of
  // its CRLF, not an empty line. (Waiting for that byte would hold a streamed row back.)
  void drop_line_feed_after_cr() {
    if (!line_feed_may_follow_) return;
    if (input_.size() == 0 && !input_.fill()) return;
    line_feed_may_follow_ = false;
    if (input_.data()[0] == '\n') input_.consume(1);
  }

  // Finds the end of the pending row (R44 quoting); false when no input is left. A row ends at
  // LF, CRLF or a lone CR (old Mac exports), also mixed in one file; inside quotes they are
  // text, kept as written. In the header, both ',' and ';' start cells, as the separator is not
  // known yet.
  bool scan_row(bool header, RowExtent& row) {
    drop_line_feed_after_cr();
    std::size_t i = 0;
    bool in_quotes = false;
    bool quote_pending = false;  // a '"' inside quotes: closing, or the first of ""
    bool cell_start = true;
    std::uint32_t quoted_line_breaks = 0;
    for (;;) {
      const char* data = input_.data();
      const std::size_t size = input_.size();
      for (; i < size; ++i) {
        const char c = data[i];
        if (in_quotes) {
          if (!quote_pending) {
            if (c == '"') quote_pending = true;
            else if (c == '\r' || (c == '\n' && data[i - 1] != '\r')) ++quoted_line_breaks;
            continue;
          }
          quote_pending = false;
          if (c == '"') continue;
          in_quotes = false;  // the quote closed the cell; `c` is read as unquoted
        }
        if (c == '\n' || c == '\r') {
          row.length = i;
          row.consumed = i + 1;
          if (c == '\r') {
            if (i + 1 < size) row.consumed += data[i + 1] == '\n';
            else line_feed_may_follow_ = true;
          }
          row.line_breaks = quoted_line_breaks + 1;
          return true;
        }
        const bool separator = header ? (c == ',' || c == ';') : c == separator_;
        if (header) {
          row.commas += c == ',';
          row.semicolons += c == ';';
        }
        if (separator) {
          cell_start = true;
        } else if (c == '"' && cell_start) {
          in_quotes = true;
          cell_start = false;
        } else {
          cell_start = false;
        }
      }
      if (!input_.fill()) {
        const std::size_t rest = input_.size();
        if (rest == 0) return false;
        row.unterminated = in_quotes && !quote_pending;
        row.length = rest;
        row.consumed = rest;
        row.line_breaks = quoted_line_breaks;
        return true;
      }
    }
  }

  static constexpr std::size_t no_bad_cell = static_cast<std::size_t>(-1);

  // Splits a complete row into cells_ (views into the row or into storage_); returns the index
  // of a cell with text after its closing quote, else no_bad_cell.
  std::size_t split_cells(std::string_view row) {
    cells_.clear();
    storage_.clear();
    storage_.reserve(row.size());  // unquoted text never exceeds the row: views stay valid
    std::size_t bad = no_bad_cell;
    std::size_t i = 0;
    const std::size_t n = row.size();
    for (;;) {
      if (i < n && row[i] == '"') {
        const std::size_t start = storage_.size();
        ++i;
        for (;;) {
          const std::size_t quote = row.find('"', i);
          if (quote == std::string_view::npos) {
            storage_.append(row.substr(i));
            i = n;
            break;
          }
          storage_.append(row.substr(i, quote - i));
          if (quote + 1 < n && row[quote + 1] == '"') {
            storage_.push_back('"');
            i = quote + 2;
            continue;
          }
          i = quote + 1;
          break;
        }
        cells_.emplace_back(storage_.data() + start, storage_.size() - start);
        if (i < n && row[i] != separator_) {
          if (bad == no_bad_cell) bad = cells_.size() - 1;
          const std::size_t next = row.find(separator_, i);
          i = next == std::string_view::npos ? n : next;
        }
      } else {
        const std::size_t next = row.find(separator_, i);
        const std::size_t end = next == std::string_view::npos ? n : next;
        cells_.push_back(row.substr(i, end - i));
        i = end;
      }
      if (i >= n) return bad;
      ++i;  // the separator; a row ending with one has a last, empty cell
    }
  }

  InputBuffer input_;
  const Schema& schema_;
  JsonBinder binder_;
  JsonDocumentParser json_;
  std::uint64_t next_number_;
  std::uint32_t line_ = 1;  // the line the next row starts on
  bool header_read_ = false;
  bool line_feed_may_follow_ = false;  // see drop_line_feed_after_cr
  char separator_ = ',';
  std::vector<std::string> header_;    // trimmed column names
  std::vector<int> column_of_field_;   // by lead slot; -1 when the header lacks the column
  std::vector<bool> dotted_thousands_said_;  // by column: the `1.500` warning was given
  std::uint32_t row_line_ = 0;         // the line the row being bound starts on
  std::vector<std::string_view> cells_;
  std::string storage_;                // unescaped quoted cells of the current row
};

}  // namespace

std::vector<std::string> read_csv_header(std::FILE* stream, std::string name) {
  const Schema no_fields;
  CsvReader reader(stream, std::move(name), no_fields, 1);
  return reader.header();
}

std::unique_ptr<LeadReader> make_csv_reader(std::FILE* stream, std::string name,
                                            const Schema& schema, std::uint64_t first_number) {
  return std::make_unique<CsvReader>(stream, std::move(name), schema, first_number);
}

}  // namespace qpl::io
