// A table for a terminal: aligned columns measured in display width over every row, no cell
// ever cut, lead data shown with its control characters escaped (escape_for_terminal).
// Measuring every row means holding the table until the run ends; the rows are kept as packed
// text (see RowStore), so the cost is about the size of the table itself.
#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "eval/forward_only.hpp"
#include "present/ledger.hpp"
#include "present/result_fields.hpp"
#include "present/writers.hpp"
#include "present/value_format.hpp"
#include "support/number_format.hpp"
#include "support/utf8.hpp"

namespace qpl::present {
namespace {

constexpr std::string_view column_gap = "  ";

std::string cell_text(const Value& value) {
  return format_value(value, nullptr, table_cell_format);
}

// The rows of a table, packed into large blocks of text: a row is its cells, each followed by
// cell_end, or error_row and its error line; then, when there are some, annotations and their
// text; then row_end. Stored text never holds these bytes (escape_for_terminal and
// sanitize_for_terminal leave no control character but the annotations' '\n'), and a row never
// spans two blocks, so a row costs its text plus a byte a cell, and memory grows by blocks,
// without the copies of one ever-doubling buffer.
class RowStore {
 public:
  static constexpr char cell_end = '\x1f';
  static constexpr char row_end = '\x1e';
  static constexpr char error_row = '\x1d';
  static constexpr char annotations = '\x1c';

  // The buffer to append one row to; call end_row() when it is complete.
  std::string& begin_row(std::size_t expected_size) {
    if (blocks_.empty() || blocks_.back().size() + expected_size > blocks_.back().capacity()) {
      blocks_.emplace_back();
      blocks_.back().reserve(std::max(block_bytes, expected_size));
    }
    return blocks_.back();
  }
  void end_row() { blocks_.back().push_back(row_end); }

  // Calls visit(std::string_view row) on each row, without its row_end, in order, releasing
  // each block once visited: the table's text moves to the output instead of being held twice.
  template <class Visit>
  void drain(Visit&& visit) {
    for (std::string& block : blocks_) {
      std::size_t start = 0;
      while (start < block.size()) {
        const std::size_t end = block.find(row_end, start);
        visit(std::string_view(block).substr(start, end - start));
        start = end + 1;
      }
      std::string().swap(block);
    }
    blocks_.clear();
  }

 private:
  static constexpr std::size_t block_bytes = std::size_t{1} << 20;
  std::vector<std::string> blocks_;
};

struct Column {
  std::string title;
  bool right_aligned = false;  // numbers
  std::size_t width = 0;
};

class TableWriter final : public ResultWriter {
 public:
  TableWriter(const CheckedPolicy& policy, const WriterOptions& options)
      : policy_(policy), options_(options), checks_(check_columns(policy)) {
    if (options.ledger) ledger_.emplace(policy);
    columns_.push_back({"id", policy.schema.id_field < 0, 0});
    columns_.push_back({"stage", false, 0});
    columns_.push_back({"because", false, 0});
    for (const ScoreInfo& score : policy.scores) columns_.push_back({score.name, true, 0});
    for (const GradeInfo& grade : policy.grades) columns_.push_back({grade.name, false, 0});
    for (const IcpInfo& icp : policy.icps) columns_.push_back({icp.name, false, 0});
    for (const CheckColumn& check : checks_) {
      columns_.push_back({check.group + "." + check.label, false, 0});
    }
    for (Column& column : columns_) {
      column.title = escape_for_terminal(column.title);
      column.width = display_width(column.title);
    }
  }

  bool stateless() const override { return false; }

  void write(const ResultView& result, std::string&) override {
    fill_cells(result);
    std::string annotation_text;
    if (ledger_ && result.outcome != nullptr) append_indented(annotation_text, ledger_text(*result.outcome));
    if (options_.explain) append_indented(annotation_text, result.explain.text_in(rendered_));
    if (options_.why_not) append_indented(annotation_text, result.why_not.text_in(rendered_));

    std::size_t size = annotation_text.size() + result.error.size() + 32;
    for (const std::string& cell : cells_) size += cell.size() + 1;
    std::string& row = rows_.begin_row(size);
    if (cells_.empty()) {
      row += RowStore::error_row;
      row += error_line(result);
    }
    for (std::size_t i = 0; i < cells_.size(); ++i) {
      columns_[i].width = std::max(columns_[i].width, display_width(cells_[i]));
      row += cells_[i];
      row += RowStore::cell_end;
    }
    if (!annotation_text.empty()) {
      row += RowStore::annotations;
      row += annotation_text;
    }
    rows_.end_row();
  }

  void finish(std::string& out) override {
    if (options_.audit) {
      // The stamp is the same on every row: one line above the table.
      out += "policy " + escape_for_terminal(options_.audit->policy);
      if (options_.audit->version) out += "  version " + std::to_string(*options_.audit->version);
      out += "  sha256 " + options_.audit->sha256 + "\n";
    }
    std::vector<std::string_view> cells;
    for (const Column& column : columns_) cells.push_back(column.title);
    print_cells(cells, out);
    rows_.drain([&](std::string_view row) {
      const std::size_t annotations_at = row.find(RowStore::annotations);
      const std::string_view main = row.substr(0, annotations_at);
      if (!main.empty() && main.front() == RowStore::error_row) {
        out += main.substr(1);
        out += '\n';
      } else {
        cells.clear();
        for (std::size_t start = 0; start < main.size();) {
          const std::size_t end = main.find(RowStore::cell_end, start);
          cells.push_back(main.substr(start, end - start));
          start = end + 1;
        }
        print_cells(cells, out);
      }
      if (annotations_at != std::string_view::npos) out += row.substr(annotations_at + 1);
    });
  }

 private:
  // The cells of a lead's row into cells_; none for a record that could not be read.
  void fill_cells(const ResultView& result) {
    cells_.clear();
    if (result.outcome == nullptr) return;
    const eval::LeadOutcome& outcome = *result.outcome;
    const Value* id = result_id(policy_, result);
    cells_.push_back(id != nullptr ? cell_text(*id)
                                   : format_number(static_cast<double>(result.record)));
    const eval::StageAnswer answer = eval::stage_answer(policy_, outcome);
    // No funnel, or no line true: "none", as the explain trace says it.
    std::string stage = answer.stage != nullptr ? escape_for_terminal(*answer.stage) : "none";
    if (answer.held_from != nullptr) stage += " (held)";
    if (answer.recycled) stage += " (recycled)";
    if (result.sla && result.sla->overdue()) stage += " (overdue by " + sla_amount(*result.sla, result.sla->overdue_by()) + ")";
    cells_.push_back(std::move(stage));
    cells_.push_back(answer.because != nullptr ? escape_for_terminal(*answer.because) : "");
    for (std::size_t i = 0; i < policy_.scores.size(); ++i) {
      cells_.push_back(i < outcome.scores.size() ? format_number(outcome.scores[i]) : "");
    }
    for (std::size_t i = 0; i < policy_.grades.size(); ++i) {
      cells_.push_back(i < outcome.grades.size() ? escape_for_terminal(cell_text(outcome.grades[i]))
                                                 : "unknown");
    }
    for (std::size_t i = 0; i < policy_.icps.size(); ++i) {
      cells_.push_back(i < outcome.icps.size() ? cell_text(outcome.icps[i]) : "unknown");
    }
    for (const CheckColumn& check : checks_) {
      cells_.push_back(check.index < outcome.checks.size() ? cell_text(outcome.checks[check.index])
                                                           : "unknown");
    }
  }

  // `engagement: senior title +10; ...`, a line for each score some rule counted in.
  std::string ledger_text(const eval::LeadOutcome& outcome) const {
    std::string text;
    for (std::uint32_t i = 0; i < policy_.scores.size() && i < outcome.ledger.size(); ++i) {
      if (outcome.ledger[i].empty()) continue;
      text += policy_.scores[i].name;
      text += ": ";
      ledger_->append_text(text, i, outcome.ledger[i]);
      text += '\n';
    }
    return text;
  }

  static std::string error_line(const ResultView& result) {
    std::string line = "record " + format_number(static_cast<double>(result.record));
    if (result.error_id != nullptr)
      line += " (id " + escape_for_terminal(cell_text(*result.error_id)) + ")";
    return line + ": error: " + escape_for_terminal(result.error);
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

  void print_cells(const std::vector<std::string_view>& cells, std::string& out) const {
    std::string line;
    for (std::size_t i = 0; i < cells.size() && i < columns_.size(); ++i) {
      const Column& column = columns_[i];
      const std::size_t padding = column.width - std::min(column.width, display_width(cells[i]));
      if (i > 0) line += column_gap;
      if (column.right_aligned) line.append(padding, ' ');
      line += cells[i];
      if (!column.right_aligned) line.append(padding, ' ');
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line;
    out += '\n';
  }

  const CheckedPolicy& policy_;
  WriterOptions options_;
  std::vector<CheckColumn> checks_;
  std::vector<Column> columns_;
  std::optional<LedgerTexts> ledger_;  // with --ledger
  std::vector<std::string> cells_;  // the row being written, reused
  std::string rendered_;            // an annotation rendered for the row, reused
  RowStore rows_;
};

}  // namespace

std::unique_ptr<ResultWriter> make_table_writer(const CheckedPolicy& policy,
                                                const WriterOptions& options) {
  return std::make_unique<TableWriter>(policy, options);
}

}  // namespace qpl::present
