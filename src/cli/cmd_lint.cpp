// `qualify lint PATH...`: the checker's errors and warnings for every policy found.
#include <cstdio>
#include <string>
#include <string_view>

#include <fmt/core.h>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/exit_code.hpp"
#include "support/render.hpp"

namespace qpl::cli {
namespace {

struct LintTally {
  std::size_t errors = 0;
  std::size_t warnings = 0;
  bool unreadable = false;
};

void count(const Diagnostics& diagnostics, LintTally& tally) {
  for (const Diagnostic& d : diagnostics.items()) {
    if (d.severity == Severity::error) ++tally.errors;
    if (d.severity == Severity::warning) ++tally.warnings;
  }
}

std::string plural(std::size_t n, std::string_view word) {
  return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

// "2 errors, 1 warning in 3 files"
std::string counts_line(const LintTally& tally, std::size_t files) {
  std::string line;
  if (tally.errors > 0) line = plural(tally.errors, "error");
  if (tally.warnings > 0) line += (line.empty() ? "" : ", ") + plural(tally.warnings, "warning");
  return line + " in " + plural(files, "file");
}

// One JSON array for the whole run: each policy's array, its brackets removed, joined.
void append_json_items(std::string& all, const std::string& array) {
  const auto open = array.find('[');
  const auto close = array.rfind(']');
  if (open == std::string::npos || close == std::string::npos || close <= open) return;
  std::string items = array.substr(open + 1, close - open - 1);
  const auto first = items.find_first_not_of(" \n\r\t");
  if (first == std::string::npos) return;
  if (all.size() > 1) all += ',';
  all += items.substr(first);
}

}  // namespace

int run_lint(const LintOptions& options) {
  const auto files = collect_policy_files(options.paths);
  if (!files) return to_int(ExitCode::failure);
  LintTally tally;
  std::string json = "[";
  for (const std::string& file : *files) {
    const LoadResult loaded = load_policy(file);
    if (!loaded.policy) tally.unreadable = true;
    count(loaded.diagnostics, tally);
    if (options.format == "json") {
      static const SourceSet no_sources;
      append_json_items(json, render_json(loaded.diagnostics,
                                          loaded.policy ? loaded.policy->sources : no_sources));
    } else {
      print_diagnostics(loaded, options.color, stdout);
    }
  }
  if (options.format == "json") {
    json += "]\n";
    std::fwrite(json.data(), 1, json.size(), stdout);
  } else if (tally.errors + tally.warnings > 0) {
    fmt::print(stdout, "{}\n", counts_line(tally, files->size()));
  }
  if (tally.unreadable) return to_int(ExitCode::failure);
  if (tally.errors > 0 || (options.strict && tally.warnings > 0)) {
    return to_int(ExitCode::record_errors);
  }
  return to_int(ExitCode::ok);
}

}  // namespace qpl::cli
