// The markdown report: a pull-request comment. Lead and policy text is escaped for tables.
#include <fmt/core.h>

#include "diff/diff_report.hpp"

namespace qpl::diff {
namespace {

using namespace diff_detail;

// Plain text in a table cell: on one line, no bare pipes, no HTML (lead data is not trusted;
// the report itself uses <br>).
std::string cell(const std::string& text) {
  std::string out;
  for (const char c : text) {
    if (c == '|') out += "\\|";
    else if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else if (c == '\n' || c == '\r') out += ' ';
    else out += c;
  }
  return out;
}

// Text in inline code inside a table cell, where entities would show as typed: pipes escaped,
// backticks (which would end the code) turned into quotes.
std::string code(const std::string& text) {
  std::string out;
  for (const char c : text) {
    if (c == '|') out += "\\|";
    else if (c == '`') out += '\'';
    else if (c == '\n' || c == '\r') out += ' ';
    else out += c;
  }
  return out;
}

std::string side(const std::optional<present::RuleSide>& rule, const std::string& error) {
  if (!error.empty()) return "unreadable: " + cell(error);
  if (!rule) return "(no such rule)";
  std::string text = fmt::format("`{}` → **{}** ({})", code(rule->rule), cell(rule->result), cell(rule->at));
  std::string reads;
  for (const present::RuleSide::Read& r : rule->reads) {
    if (!reads.empty()) reads += ", ";
    reads += r.name + " = " + r.text;
  }
  if (!reads.empty()) text += "<br>" + cell(reads);
  return text;
}

}  // namespace

std::string diff_markdown(const DiffReport& report) {
  const DiffShape& shape = report.shape;
  std::string out = fmt::format("### qualify diff: `{}` → `{}`\n\n", code(report.old_name), code(report.new_name));
  out += fmt::format("**{}** (as of {})\n", summary_line(report, "→"), report.as_of);
  if (const std::string line = unreadable_line(report); !line.empty()) out += '\n' + line + '\n';

  const std::vector<std::size_t> rows = shown_rows(report), columns = shown_columns(report);
  out += "\n| old \\ new |";
  for (const std::size_t c : columns) out += fmt::format(" {} |", shape.new_stages[c]);
  out += "\n|---|";
  for (std::size_t i = 0; i < columns.size(); ++i) out += "---:|";
  out += '\n';
  for (const std::size_t r : rows) {
    out += fmt::format("| **{}** |", shape.old_stages[r]);
    for (const std::size_t c : columns) {
      const std::uint64_t count = report.tally.cells[shape.cell(r, c)];
      const std::string text = count == 0 ? "·" : with_commas(count);
      const bool plain = shape.same_stage(r, c) || count == 0;
      out += plain ? fmt::format(" {} |", text) : fmt::format(" **{}** |", text);
    }
    out += '\n';
  }
  std::string net;
  for (const auto& [stage, n] : net_change(report)) {
    if (!net.empty()) net += ", ";
    net += fmt::format("{} {}", stage, signed_count(n));
  }
  out += "\nNet change: " + net + '\n';

  for (const Move& m : moves(report)) {
    const auto& held = report.tally.examples[shape.cell(m.from, m.to)];
    out += fmt::format("\n#### {} → {}: {} {}\n", shape.old_stages[m.from], shape.new_stages[m.to],
                       with_commas(m.count), m.count == 1 ? "lead" : "leads");
    if (held.empty()) continue;
    out += "\n| lead | old | new |\n|---|---|---|\n";
    for (const DiffExample& e : held) {
      out += fmt::format("| {} | {} | {} |\n", cell(e.id), side(e.why.old_side, e.old_error),
                         side(e.why.new_side, e.new_error));
    }
  }

  if (!shape.scores.empty()) {
    out += "\n#### Scores\n\n| score | leads changed | mean | p10 | p50 | p90 |\n|---|---:|---:|---:|---:|---:|\n";
    for (std::size_t i = 0; i < shape.scores.size(); ++i) {
      const DiffShape::Pair& pair = shape.scores[i];
      const DiffTally::ScoreStats& s = report.tally.scores[i];
      auto both = [&](double (*get)(const ScoreSketch&)) {
        if (pair.old_index < 0) return fmt::format("(added) {}", number_text(get(s.new_values)));
        if (pair.new_index < 0) return fmt::format("{} (removed)", number_text(get(s.old_values)));
        return fmt::format("{} → {}", number_text(get(s.old_values)), number_text(get(s.new_values)));
      };
      out += fmt::format("| {} | {} | {} | {} | {} | {} |\n", pair.name, with_commas(s.changed),
                         both([](const ScoreSketch& k) { return k.mean(); }),
                         both([](const ScoreSketch& k) { return k.quantile(0.1); }),
                         both([](const ScoreSketch& k) { return k.quantile(0.5); }),
                         both([](const ScoreSketch& k) { return k.quantile(0.9); }));
    }
  }
  std::string results;
  for (std::size_t i = 0; i < shape.results.size(); ++i) {
    const DiffShape::Pair& pair = shape.results[i];
    const auto& counts = report.tally.results[i];
    std::string changes = pair.old_index < 0 ? "added" : pair.new_index < 0 ? "removed" : "";
    for (std::size_t a = 0; a < 3; ++a) {
      for (std::size_t b = 0; b < 3; ++b) {
        if (a == b || counts[a * 3 + b] == 0 || pair.old_index < 0 || pair.new_index < 0) continue;
        if (!changes.empty()) changes += ", ";
        changes += fmt::format("{} → {} {}", tristate_name(static_cast<Tristate>(a)),
                               tristate_name(static_cast<Tristate>(b)), with_commas(counts[a * 3 + b]));
      }
    }
    if (!changes.empty()) results += fmt::format("| {} `{}` | {} |\n", pair.kind, pair.name, changes);
  }
  if (!results.empty()) out += "\n#### icp and gates\n\n| result | changes |\n|---|---|\n" + results;
  if (!report.fail_on.empty() && report.failed) out += "\n:x: a move listed in `--fail-on` happened\n";
  return out;
}

}  // namespace qpl::diff
