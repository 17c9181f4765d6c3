#include "stream/eval_report.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <vector>

#include <fmt/core.h>

#include "support/utf8.hpp"

namespace qpl::stream {

ProgressLine::ProgressLine()
    : enabled_(isatty(fileno(stderr)) != 0),
      start_(std::chrono::steady_clock::now()),
      last_(start_) {}

ProgressLine::~ProgressLine() { clear(); }

void ProgressLine::update(std::uint64_t records, std::uint64_t errors) {
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  if (now - last_ < std::chrono::milliseconds(500)) return;
  last_ = now;
  const double seconds = std::chrono::duration<double>(now - start_).count();
  fmt::print(stderr, "\rqualify: {} records, {} in error, {:.0f} records/s\x1b[K",
             records, errors, seconds > 0 ? static_cast<double>(records) / seconds : 0.0);
  std::fflush(stderr);
  shown_ = true;
}

void ProgressLine::clear() {
  if (!shown_) return;
  std::fputs("\r\x1b[K", stderr);
  std::fflush(stderr);
  shown_ = false;
}

std::string summary_text(const CheckedPolicy& policy, const EvalStats& stats,
                         const std::vector<std::string>& notes) {
  struct Row {
    std::string label;
    std::uint64_t count = 0;
  };
  std::vector<Row> rows;
  if (policy.funnel != nullptr) {
    for (std::size_t i = 0; i < policy.funnel->lines.size(); ++i) {
      const std::string& stage = policy.funnel->lines[i].stage;
      auto it = std::find_if(rows.begin(), rows.end(), [&](const Row& r) { return r.label == stage; });
      if (it == rows.end()) it = rows.insert(rows.end(), Row{stage, 0});
      if (i < stats.per_line.size()) it->count += stats.per_line[i];
    }
  }
  if (stats.no_stage > 0 || policy.funnel == nullptr) rows.push_back({"(no stage)", stats.no_stage});

  std::size_t width = 0;
  for (Row& row : rows) {
    row.label = sanitize_for_terminal(row.label);
    width = std::max(width, display_width(row.label));
  }
  const std::size_t count_width = std::max<std::size_t>(fmt::format("{}", stats.records).size(), 5);
  std::string out;
  if (const std::string title = policy_title(policy); !title.empty())
    out = sanitize_for_terminal(title) + ": ";
  out += fmt::format("{} {}, {} evaluated, {} in error\n", stats.records,
                     stats.records == 1 ? "record" : "records", stats.records - stats.errors,
                     stats.errors);
  // Shares are of the leads evaluated: a record in error has no stage, and counting it would
  // shrink every stage's share by a data problem (issue 20). Errors are counted apart.
  const std::uint64_t evaluated = stats.records - stats.errors;
  for (const Row& row : rows) {
    const double share =
        evaluated > 0 ? 100.0 * static_cast<double>(row.count) / static_cast<double>(evaluated) : 0.0;
    out += fmt::format("  {}{}  {:>{}}  {:5.1f}%\n", row.label,
                       std::string(width - display_width(row.label), ' '), row.count, count_width,
                       share);
  }
  if (stats.errors > 0)
    out += fmt::format("  shares are of the {} evaluated; the {} {} in error {} not in them\n", evaluated,
                       stats.errors, stats.errors == 1 ? "record" : "records",
                       stats.errors == 1 ? "is" : "are");
  for (const std::string& note : notes) out += "  " + note + "\n";
  return out;
}

}  // namespace qpl::stream
