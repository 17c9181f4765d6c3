// A table for a terminal: aligned columns measured in display width, lead data stripped of
// escape sequences. The first block of rows is held back to size the columns; later rows use
// those widths (a longer cell is cut with '…'), so memory stays flat on long runs.
#include <algorithm>
#include <string>
#include <vector>

#include "cli/output/result_fields.hpp"
#include "cli/output/writers.hpp"
#include "support/date.hpp"
#include "support/number_format.hpp"
#include "support/utf8.hpp"

namespace qpl::cli {
namespace {

constexpr std::size_t max_column_width = 40;
constexpr std::string_view column_gap = "  ";

std::string cell_text(const Value& value) {
  if (const auto* b = std::get_if<bool>(&value.data)) return *b ? "true" : "false";
  if (const auto* d = std::get_if<double>(&value.data)) return format_number(*d);
  if (const auto* s = std::get_if<std::string>(&value.data)) return sanitize_for_terminal(*s);
  if (const auto* date = std::get_if<Date>(&value.data)) return format_date(date->days);
  return "unknown";
}

// The longest prefix of `text` that fits `width` columns, with '…' when something was cut.
std::string fit_width(const std::string& text, std::size_t width) {
  if (display_width(text) <= width) return text;
  std::string out;
  std::size_t used = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    const DecodedChar c = decode_utf8(text, i);
    const std::size_t length = std::max<std::size_t>(c.length, 1);
    const std::size_t w = display_width(std::string_view(text).substr(i, length));
    if (used + w + 1 > width) break;
    out.append(text, i, length);
    used += w;
    i += length;
  }
  out += "…";
  return out;
}

struct Column {
  std::string title;
  bool right_aligned = false;  // numbers
  std::size_t width = 0;
};

struct Row {
  std::vector<std::string> cells;  // empty for an error record
  std::string error;               // "record 17: ..." when the record could not be read
  std::string annotations;         // explain / why-not text, already indented
};

class TableWriter final : public ResultWriter {
 public:
  TableWriter(const CheckedPolicy& policy, const WriterOptions& options, std::size_t block)
      : policy_(policy), options_(options), checks_(check_columns(policy)),
        block_(std::max<std::size_t>(block, 1)) {
    columns_.push_back({"id", policy.schema.id_field < 0, 0});
    columns_.push_back({"stage", false, 0});
    columns_.push_back({"because", false, 0});
    for (const ScoreInfo& score : policy.scores) columns_.push_back({score.name, true, 0});
    for (const IcpInfo& icp : policy.icps) columns_.push_back({icp.name, false, 0});
    for (const CheckColumn& check : checks_) {
      columns_.push_back({check.group + "." + check.label, false, 0});
    }
    for (Column& column : columns_) column.title = sanitize_for_terminal(column.title);
  }

  bool stateless() const override { return false; }

  void write(const ResultView& result, std::string& out) override {
    Row row = make_row(result);
    if (sized_) {
      print_row(row, out);
      return;
    }
    pending_.push_back(std::move(row));
    if (pending_.size() >= block_) flush_pending(out);
  }

  void finish(std::string& out) override {
    if (!sized_) flush_pending(out);
  }

 private:
  Row make_row(const ResultView& result) const {
    Row row;
    if (result.outcome == nullptr) {
      row.error = "record " + format_number(static_cast<double>(result.record));
      if (result.error_id != nullptr)
        row.error += " (id " + sanitize_for_terminal(cell_text(*result.error_id)) + ")";
      row.error += ": error: " + sanitize_for_terminal(result.error);
    } else {
      const LeadOutcome& outcome = *result.outcome;
      const Value* id = result_id(policy_, result);
      row.cells.push_back(id != nullptr ? cell_text(*id)
                                        : format_number(static_cast<double>(result.record)));
      const FunnelLine* line = chosen_funnel_line(policy_, outcome);
      // No funnel, or no line true: "none", as the explain trace says it.
      row.cells.push_back(line != nullptr ? sanitize_for_terminal(line->stage) : "none");
      row.cells.push_back(line != nullptr ? sanitize_for_terminal(line->because) : "");
      for (std::size_t i = 0; i < policy_.scores.size(); ++i) {
        row.cells.push_back(i < outcome.scores.size() ? format_number(outcome.scores[i]) : "");
      }
      for (std::size_t i = 0; i < policy_.icps.size(); ++i) {
        row.cells.push_back(i < outcome.icps.size() ? cell_text(outcome.icps[i]) : "unknown");
      }
      for (const CheckColumn& check : checks_) {
        row.cells.push_back(check.index < outcome.checks.size()
                                ? cell_text(outcome.checks[check.index])
                                : "unknown");
      }
    }
    if (options_.explain) append_indented(row.annotations, result.explain);
    if (options_.why_not) append_indented(row.annotations, result.why_not);
    return row;
  }

  static void append_indented(std::string& out, std::string_view text) {
    std::size_t start = 0;
    while (start < text.size()) {
      std::size_t end = text.find('\n', start);
      if (end == std::string_view::npos) end = text.size();
      out += "    ";
      out += sanitize_for_terminal(text.substr(start, end - start));
      out += '\n';
      start = end + 1;
    }
  }

  void flush_pending(std::string& out) {
    for (Column& column : columns_) column.width = display_width(column.title);
    for (const Row& row : pending_) {
      for (std::size_t i = 0; i < row.cells.size() && i < columns_.size(); ++i) {
        columns_[i].width = std::max(columns_[i].width,
                                     std::min(display_width(row.cells[i]), max_column_width));
      }
    }
    sized_ = true;
    std::vector<std::string> titles;
    for (const Column& column : columns_) titles.push_back(column.title);
    print_cells(titles, out);
    for (const Row& row : pending_) print_row(row, out);
    pending_.clear();
    pending_.shrink_to_fit();
  }

  void print_row(const Row& row, std::string& out) const {
    if (row.cells.empty()) {
      out += row.error;
      out += '\n';
    } else {
      print_cells(row.cells, out);
    }
    out += row.annotations;
  }

  void print_cells(const std::vector<std::string>& cells, std::string& out) const {
    std::string line;
    for (std::size_t i = 0; i < cells.size() && i < columns_.size(); ++i) {
      const Column& column = columns_[i];
      const std::string text = fit_width(cells[i], std::max<std::size_t>(column.width, 1));
      const std::size_t padding = column.width - std::min(column.width, display_width(text));
      if (i > 0) line += column_gap;
      if (column.right_aligned) line.append(padding, ' ');
      line += text;
      if (!column.right_aligned) line.append(padding, ' ');
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line;
    out += '\n';
  }

  const CheckedPolicy& policy_;
  WriterOptions options_;
  std::vector<CheckColumn> checks_;
  std::size_t block_;
  std::vector<Column> columns_;
  std::vector<Row> pending_;
  bool sized_ = false;
};

}  // namespace

std::unique_ptr<ResultWriter> make_table_writer(const CheckedPolicy& policy,
                                                const WriterOptions& options,
                                                std::size_t rows_per_block) {
  return std::make_unique<TableWriter>(policy, options, rows_per_block);
}

}  // namespace qpl::cli
