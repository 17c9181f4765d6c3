#include "cli/diff/fail_on.hpp"

#include <algorithm>

#include <fmt/core.h>

#include "cli/common.hpp"
#include "support/suggest.hpp"
#include "support/utf8.hpp"

namespace qpl::cli {
namespace {

std::string trim(const std::string& text) {
  const std::size_t first = text.find_first_not_of(" \t");
  if (first == std::string::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

bool check_stage(const std::string& name, const std::vector<std::string>& stages, const char* side) {
  if (name == "*" || std::find(stages.begin(), stages.end(), name) != stages.end()) return true;
  std::string message = fmt::format("--fail-on: '{}' is not a stage of the {} policy",
                                    sanitize_for_terminal(name), side);
  if (auto close = did_you_mean(name, stages)) message += fmt::format(" (did you mean '{}'?)", *close);
  print_error(message);
  return false;
}

}  // namespace

std::optional<std::vector<MoveRule>> parse_fail_on(const std::string& text, const DiffShape& shape) {
  std::vector<MoveRule> rules;
  std::size_t start = 0;
  for (;;) {
    const std::size_t comma = text.find(',', start);
    const std::string item = trim(text.substr(start, comma == std::string::npos ? comma : comma - start));
    const std::size_t arrow = item.find("->");
    MoveRule rule;
    if (arrow != std::string::npos) {
      rule.from = trim(item.substr(0, arrow));
      rule.to = trim(item.substr(arrow + 2));
    }
    if (rule.from.empty() || rule.to.empty()) {
      print_error(fmt::format("--fail-on: expected FROM->TO (a stage or '*' on each side), got '{}'",
                              sanitize_for_terminal(item)));
      return std::nullopt;
    }
    if (!check_stage(rule.from, shape.old_stages, "old") || !check_stage(rule.to, shape.new_stages, "new")) {
      return std::nullopt;
    }
    rules.push_back(std::move(rule));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return rules;
}

bool listed_move_happened(const std::vector<MoveRule>& rules, const DiffShape& shape,
                          const DiffTally& tally) {
  for (std::size_t from = 0; from < shape.old_stages.size(); ++from) {
    for (std::size_t to = 0; to < shape.new_stages.size(); ++to) {
      if (tally.cells[shape.cell(from, to)] == 0 || shape.same_stage(from, to)) continue;
      for (const MoveRule& rule : rules) {
        const bool from_matches = rule.from == "*" || rule.from == shape.old_stages[from];
        const bool to_matches = rule.to == "*" || rule.to == shape.new_stages[to];
        if (from_matches && to_matches) return true;
      }
    }
  }
  return false;
}

}  // namespace qpl::cli
