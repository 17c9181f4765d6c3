// The compact explain text: one line per funnel line tried, with what decided it, short enough
// for a screen. The whole tree is explain_text (--explain=tree, --explain=full).
#include <fmt/format.h>

#include "present/explain.hpp"
#include "present/trace_describe.hpp"
#include "present/why_not.hpp"
#include "support/utf8.hpp"

namespace qpl::present {
namespace {

using namespace explain_detail;

// Where the location column starts, as in the tree.
constexpr std::size_t location_column = 62;
// Reasons shown under one funnel line; the rest are counted.
constexpr std::size_t max_reasons_shown = 3;

class CompactRenderer {
 public:
  CompactRenderer(const eval::Trace& trace, const CheckedPolicy& policy, bool color)
      : trace_(trace), policy_(policy), color_(color) {}

  std::string render() {
    if (!policy_.funnel) return "stage: none — the policy has no funnel\n";
    const auto& lines = policy_.funnel->lines;
    const int chosen = trace_.chosen_line;
    const bool decided = chosen >= 0 && static_cast<std::size_t>(chosen) < lines.size();
    out_ += sanitize_for_terminal(stage_heading(trace_, policy_));
    out_ += '\n';
    if (trace_.sla) out_ += sanitize_for_terminal(sla_line(*trace_.sla)) + '\n';

    std::vector<std::uint32_t> tried;  // the lines before the decision, false or unknown
    std::uint32_t decider = static_cast<std::uint32_t>(trace_.nodes.size());
    for (const auto id : trace_.lines) {
      if (id >= trace_.nodes.size()) continue;
      const auto index = trace_.nodes[id].index;
      if (decided && index == static_cast<std::uint32_t>(chosen)) decider = id;
      else if (!decided || index < static_cast<std::uint32_t>(chosen)) tried.push_back(id);
    }
    const auto why = reasons_not_true(trace_, policy_, tried);
    for (std::size_t i = 0; i < tried.size(); ++i) {
      const eval::TraceNode& n = trace_.nodes[tried[i]];
      line(0, n.value.is_unknown() ? "?" : "✗", n.value.is_unknown() ? ansi_yellow : ansi_red,
           node_title(trace_, n, policy_), n.span);
      const std::string title = node_title(trace_, n, policy_);
      // `not fit` is false because fit is true: what held says more than the fields it read.
      const bool only_reads = why[i].size() == 1 && why[i][0].what == title;
      reasons(only_reads ? reasons_true(trace_, policy_, tried[i]) : why[i], title);
    }
    if (decider < trace_.nodes.size()) {
      const eval::TraceNode& n = trace_.nodes[decider];
      line(0, "✓", ansi_green, node_title(trace_, n, policy_), n.span);
      reasons(reasons_true(trace_, policy_, decider), node_title(trace_, n, policy_));
    }
    if (decided && static_cast<std::size_t>(chosen) + 1 < lines.size()) {
      std::string rest = "not reached:";
      for (auto i = static_cast<std::size_t>(chosen) + 1; i < lines.size(); ++i) {
        const auto& file = policy_.sources.file(lines[i].span.file);
        rest += fmt::format("{} {} (line {})", i > static_cast<std::size_t>(chosen) + 1 ? "," : "",
                            lines[i].stage, file.position(lines[i].span.begin).line);
      }
      mark("–", ansi_dim);
      out_ += sanitize_for_terminal(rest);
      out_ += '\n';
    }
    // A forward-only funnel's backward move: each recycle line tried, true or not.
    for (const auto id : trace_.recycles) {
      if (id >= trace_.nodes.size()) continue;
      const eval::TraceNode& n = trace_.nodes[id];
      const std::string title = node_title(trace_, n, policy_);
      if (n.value.is_true()) {
        line(0, "✓", ansi_green, title, n.span);
        reasons(reasons_true(trace_, policy_, id), title);
      } else {
        line(0, n.value.is_unknown() ? "?" : "✗", n.value.is_unknown() ? ansi_yellow : ansi_red, title, n.span);
        reasons(reasons_not_true(trace_, policy_, {id}).front(), title);
      }
    }
    return std::move(out_);
  }

 private:
  static constexpr const char* ansi_green = "\x1b[32m";
  static constexpr const char* ansi_red = "\x1b[31m";
  static constexpr const char* ansi_yellow = "\x1b[33m";
  static constexpr const char* ansi_dim = "\x1b[2m";
  static constexpr const char* ansi_reset = "\x1b[0m";

  void mark(const char* symbol, const char* ansi) {
    if (color_) out_ += ansi;
    out_ += symbol;
    if (color_) out_ += ansi_reset;
    out_ += ' ';
  }

  void line(int indent, const char* symbol, const char* ansi, const std::string& text, Span span) {
    out_.append(static_cast<std::size_t>(indent) * 4, ' ');
    mark(symbol, ansi);
    const std::string clean = sanitize_for_terminal(text);
    out_ += clean;
    const std::size_t width = static_cast<std::size_t>(indent) * 4 + 2 + display_width(clean);
    out_.append(width < location_column ? location_column - width : 2, ' ');
    if (color_) out_ += ansi_dim;
    out_ += sanitize_for_terminal(location(policy_, span));
    if (color_) out_ += ansi_reset;
    out_ += '\n';
  }

  // A reason that only repeats its line's title shows just its detail.
  void reasons(const std::vector<WhyNotReason>& rs, const std::string& title) {
    std::size_t shown = 0;
    for (const auto& r : rs) {
      if (shown == max_reasons_shown) {
        out_ += fmt::format("    … {} more (--explain=tree shows them)\n", rs.size() - shown);
        return;
      }
      WhyNotReason copy = r;
      if (copy.what == title) {
        // The fields the line read, when other reasons already say why: noise.
        if (rs.size() > 1) continue;
        if (copy.detail.empty() && copy.missing.empty() && copy.faults.empty()) continue;
        copy.what = copy.detail.empty() ? "read" : "read: " + copy.detail;
        copy.detail.clear();
      }
      const char* symbol = r.holds ? "✓" : r.unknown ? "?" : "✗";
      const char* ansi = r.holds ? ansi_green : r.unknown ? ansi_yellow : ansi_red;
      line(1, symbol, ansi, why_not_reason_text(copy), r.span);
      ++shown;
    }
  }

  const eval::Trace& trace_;
  const CheckedPolicy& policy_;
  bool color_;
  std::string out_;
};

}  // namespace

std::string explain_compact_text(const eval::Trace& trace, const CheckedPolicy& policy, bool color) {
  return CompactRenderer(trace, policy, color).render();
}

}  // namespace qpl::present
