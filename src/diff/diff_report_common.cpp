#include <algorithm>
#include <cmath>

#include <fmt/core.h>

#include "diff/diff_report.hpp"
#include "support/number_format.hpp"

namespace qpl::diff::diff_detail {

std::vector<Move> moves(const DiffReport& report) {
  const DiffShape& shape = report.shape;
  std::vector<Move> out;
  for (std::size_t from = 0; from < shape.old_stages.size(); ++from) {
    for (std::size_t to = 0; to < shape.new_stages.size(); ++to) {
      const std::uint64_t count = report.tally.cells[shape.cell(from, to)];
      if (count > 0 && !shape.same_stage(from, to)) out.push_back({from, to, count});
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const Move& a, const Move& b) { return a.count > b.count; });
  return out;
}

std::uint64_t changed(const DiffReport& report) {
  std::uint64_t total = 0;
  for (const Move& m : moves(report)) total += m.count;
  return total;
}

std::vector<std::pair<std::string, std::int64_t>> net_change(const DiffReport& report) {
  const DiffShape& shape = report.shape;
  std::vector<std::string> names;
  auto add = [&](const std::string& name) {
    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
  };
  for (std::size_t i = 0; i + 2 < shape.old_stages.size(); ++i) add(shape.old_stages[i]);
  for (std::size_t i = 0; i + 2 < shape.new_stages.size(); ++i) add(shape.new_stages[i]);
  const std::vector<std::string> pseudo{shape.old_stages[shape.none_old()], shape.new_stages[shape.none_new()],
                                        shape.old_stages[shape.unreadable_old()],
                                        shape.new_stages[shape.unreadable_new()]};
  for (const std::string& name : pseudo) add(name);
  std::vector<std::pair<std::string, std::int64_t>> out;
  for (const std::string& name : names) {
    std::int64_t net = 0;
    for (std::size_t from = 0; from < shape.old_stages.size(); ++from) {
      for (std::size_t to = 0; to < shape.new_stages.size(); ++to) {
        const auto count = static_cast<std::int64_t>(report.tally.cells[shape.cell(from, to)]);
        if (shape.new_stages[to] == name) net += count;
        if (shape.old_stages[from] == name) net -= count;
      }
    }
    const bool special = std::find(pseudo.begin(), pseudo.end(), name) != pseudo.end();
    if (!special || net != 0) out.emplace_back(name, net);
  }
  return out;
}

std::string summary_line(const DiffReport& report, const char* arrow) {
  const std::uint64_t records = report.tally.records;
  const std::uint64_t moved = changed(report);
  const char* noun = records == 1 ? "lead" : "leads";
  if (moved == 0) return fmt::format("no lead changes stage ({} {})", with_commas(records), noun);
  std::string line = fmt::format("{} of {} {} {} stage:", with_commas(moved), with_commas(records),
                                 noun, moved == 1 ? "changes" : "change");
  const char* separator = " ";
  for (const Move& m : moves(report)) {
    line += fmt::format("{}{} {} {} {}", separator, report.shape.old_stages[m.from], arrow,
                        report.shape.new_stages[m.to], with_commas(m.count));
    separator = ", ";
  }
  return line;
}

namespace {

std::uint64_t row_total(const DiffReport& report, std::size_t from) {
  std::uint64_t total = 0;
  for (std::size_t to = 0; to < report.shape.new_stages.size(); ++to)
    total += report.tally.cells[report.shape.cell(from, to)];
  return total;
}

std::uint64_t column_total(const DiffReport& report, std::size_t to) {
  std::uint64_t total = 0;
  for (std::size_t from = 0; from < report.shape.old_stages.size(); ++from)
    total += report.tally.cells[report.shape.cell(from, to)];
  return total;
}

}  // namespace

std::vector<std::size_t> shown_rows(const DiffReport& report) {
  std::vector<std::size_t> rows;
  const std::size_t n = report.shape.old_stages.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (i + 2 < n || row_total(report, i) > 0) rows.push_back(i);
  }
  return rows;
}

std::vector<std::size_t> shown_columns(const DiffReport& report) {
  std::vector<std::size_t> columns;
  const std::size_t n = report.shape.new_stages.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (i + 2 < n || column_total(report, i) > 0) columns.push_back(i);
  }
  return columns;
}

std::uint64_t unreadable_old(const DiffReport& report) {
  return row_total(report, report.shape.unreadable_old());
}

std::uint64_t unreadable_new(const DiffReport& report) {
  return column_total(report, report.shape.unreadable_new());
}

std::string unreadable_line(const DiffReport& report) {
  const std::uint64_t old_count = unreadable_old(report), new_count = unreadable_new(report);
  auto records = [](std::uint64_t n) { return fmt::format("{} {}", with_commas(n), n == 1 ? "record" : "records"); };
  if (old_count > 0 && new_count > 0) {
    return fmt::format("{} the old policy cannot read, {} the new one", records(old_count), with_commas(new_count));
  }
  if (old_count > 0) return records(old_count) + " the old policy cannot read";
  if (new_count > 0) return records(new_count) + " the new policy cannot read";
  return {};
}

std::string with_commas(std::uint64_t n) {
  const std::string digits = std::to_string(n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string signed_count(std::int64_t n) {
  if (n == 0) return "0";
  const std::string magnitude = with_commas(static_cast<std::uint64_t>(n < 0 ? -n : n));
  return (n < 0 ? "-" : "+") + magnitude;
}

std::string number_text(double value) {
  return format_number(std::round(value * 100) / 100);
}

}  // namespace qpl::diff::diff_detail
