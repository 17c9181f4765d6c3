#include "cli/diff/fail_on.hpp"

#include <algorithm>

#include <fmt/core.h>

#include "cli/common.hpp"
#include "support/utf8.hpp"
#include "support/stage_hint.hpp"

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
  message += stage_hint(name, stages);
  print_error(message);
  return false;
}

}  // namespace

std::optional<std::vector<diff::MoveRule>> parse_fail_on(const std::string& text, const diff::DiffShape& shape) {
  std::vector<diff::MoveRule> rules;
  std::size_t start = 0;
  for (;;) {
    const std::size_t comma = text.find(',', start);
    const std::string item = trim(text.substr(start, comma == std::string::npos ? comma : comma - start));
    const std::size_t arrow = item.find("->");
    diff::MoveRule rule;
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

}  // namespace qpl::cli
