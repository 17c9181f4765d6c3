// The text report: for people at a terminal. Text from leads and policies is sanitized.
#include <algorithm>

#include <fmt/core.h>

#include "diff/diff_report.hpp"
#include "support/utf8.hpp"

namespace qpl::diff {
namespace {

using namespace diff_detail;

void matrix(const DiffReport& report, std::string& out) {
  const DiffShape& shape = report.shape;
  const std::vector<std::size_t> rows = shown_rows(report), columns = shown_columns(report);
  const std::string corner = "old \\ new";
  std::size_t label_width = corner.size();
  for (const std::size_t r : rows) label_width = std::max(label_width, shape.old_stages[r].size());
  std::vector<std::size_t> widths;
  for (const std::size_t c : columns) {
    std::size_t width = shape.new_stages[c].size();
    for (const std::size_t r : rows) width = std::max(width, with_commas(report.tally.cells[shape.cell(r, c)]).size());
    widths.push_back(width);
  }
  out += fmt::format("{:<{}}", corner, label_width);
  for (std::size_t i = 0; i < columns.size(); ++i) out += fmt::format("  {:>{}}", shape.new_stages[columns[i]], widths[i]);
  out += '\n';
  for (const std::size_t r : rows) {
    out += fmt::format("{:<{}}", shape.old_stages[r], label_width);
    for (std::size_t i = 0; i < columns.size(); ++i) {
      const std::uint64_t count = report.tally.cells[shape.cell(r, columns[i])];
      out += fmt::format("  {:>{}}", count == 0 ? "." : with_commas(count), widths[i]);
    }
    out += '\n';
  }
}

void side(const char* which, const std::optional<present::RuleSide>& rule, const std::string& error,
          std::string& out) {
  if (!error.empty()) {
    out += fmt::format("      {}  unreadable: {}\n", which, sanitize_for_terminal(error));
    return;
  }
  if (!rule) {
    out += fmt::format("      {}  (no such rule)\n", which);
    return;
  }
  out += fmt::format("      {}  {}  {}: {}", which, sanitize_for_terminal(rule->at),
                     sanitize_for_terminal(rule->rule), rule->result);
  std::string reads;
  for (const present::RuleSide::Read& r : rule->reads) {
    if (!reads.empty()) reads += ", ";
    reads += r.name + " = " + r.text;
  }
  if (!reads.empty()) out += fmt::format("  ({})", sanitize_for_terminal(reads));
  out += '\n';
}

void examples(const DiffReport& report, std::string& out) {
  for (const Move& m : moves(report)) {
    out += fmt::format("\n{} -> {}: {} {}\n", report.shape.old_stages[m.from],
                       report.shape.new_stages[m.to], with_commas(m.count), m.count == 1 ? "lead" : "leads");
    for (const DiffExample& e : report.tally.examples[report.shape.cell(m.from, m.to)]) {
      out += fmt::format("  {}\n", sanitize_for_terminal(e.id));
      side("old", e.why.old_side, e.old_error, out);
      side("new", e.why.new_side, e.new_error, out);
    }
  }
}

void scores(const DiffReport& report, std::string& out) {
  if (report.shape.scores.empty()) return;
  out += "\nscores (leads both policies read)\n";
  for (std::size_t i = 0; i < report.shape.scores.size(); ++i) {
    const DiffShape::Pair& pair = report.shape.scores[i];
    const DiffTally::ScoreStats& s = report.tally.scores[i];
    auto stats = [](const ScoreSketch& k) {
      return fmt::format("mean {}, p10 {}, p50 {}, p90 {}", number_text(k.mean()), number_text(k.quantile(0.1)),
                         number_text(k.quantile(0.5)), number_text(k.quantile(0.9)));
    };
    if (pair.old_index < 0) {
      out += fmt::format("  {}: added: {}\n", pair.name, stats(s.new_values));
    } else if (pair.new_index < 0) {
      out += fmt::format("  {}: removed: {}\n", pair.name, stats(s.old_values));
    } else if (s.changed == 0) {
      out += fmt::format("  {}: unchanged: {}\n", pair.name, stats(s.old_values));
    } else {
      out += fmt::format("  {}: changed for {} {}\n    old  {}\n    new  {}\n", pair.name,
                         with_commas(s.changed), s.changed == 1 ? "lead" : "leads",
                         stats(s.old_values), stats(s.new_values));
    }
  }
}

void results(const DiffReport& report, std::string& out) {
  if (report.shape.results.empty()) return;
  std::string lines;
  for (std::size_t i = 0; i < report.shape.results.size(); ++i) {
    const DiffShape::Pair& pair = report.shape.results[i];
    const auto& counts = report.tally.results[i];
    std::string line = fmt::format("  {} {}: ", pair.kind, pair.name);
    if (pair.old_index < 0) {
      line += "added";
    } else if (pair.new_index < 0) {
      line += "removed";
    } else {
      std::string changes;
      for (std::size_t a = 0; a < 3; ++a) {
        for (std::size_t b = 0; b < 3; ++b) {
          if (a == b || counts[a * 3 + b] == 0) continue;
          if (!changes.empty()) changes += ", ";
          changes += fmt::format("{} -> {} {}", tristate_name(static_cast<Tristate>(a)),
                                 tristate_name(static_cast<Tristate>(b)), with_commas(counts[a * 3 + b]));
        }
      }
      if (changes.empty()) continue;
      line += changes;
    }
    lines += line + '\n';
  }
  out += lines.empty() ? "\nicp and gates: no result changed\n"
                       : "\nicp and gates (leads both policies read)\n" + lines;
}

}  // namespace

std::string diff_text(const DiffReport& report) {
  std::string out = fmt::format("{} -> {}, as of {}\n", sanitize_for_terminal(report.old_name),
                                sanitize_for_terminal(report.new_name), report.as_of);
  out += summary_line(report, "->") + '\n';
  if (const std::string line = unreadable_line(report); !line.empty()) out += line + '\n';
  out += '\n';
  matrix(report, out);
  std::string net;
  for (const auto& [stage, n] : net_change(report)) {
    if (!net.empty()) net += ", ";
    net += fmt::format("{} {}", stage, signed_count(n));
  }
  out += "net change: " + net + '\n';
  examples(report, out);
  scores(report, out);
  results(report, out);
  if (!report.fail_on.empty()) {
    out += report.failed ? "\n--fail-on: a listed move happened\n" : "\n--fail-on: no listed move happened\n";
  }
  return out;
}

}  // namespace qpl::diff
