// `qualify lint PATH...`: the front end's errors and the linter's warnings for every policy
// found, as text (code frames), json, sarif, junit or github annotations.
#include <cstdio>
#include <map>
#include <set>
#include <string>
#include <string_view>

#include <unistd.h>

#include <fmt/core.h>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/exit_code.hpp"
#include "io/lead_reader.hpp"
#include "lint/against.hpp"
#include "lint/codes.hpp"
#include "lint/config.hpp"
#include "lint/run.hpp"
#include "present/render.hpp"
#include "support/utf8.hpp"

namespace qpl::cli {

using present::DiagnosticSet;
using present::RenderOptions;
using present::RuleDescription;
using present::render_github;
using present::render_json;
using present::render_junit;
using present::render_sarif;
using present::render_text;
using present::summary_line;
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

std::vector<RuleDescription> rule_descriptions(const std::vector<DiagnosticSet>& sets) {
  std::vector<RuleDescription> rules;
  std::set<std::string, std::less<>> known;
  for (const auto& c : lint::all_codes()) {
    rules.push_back({std::string(c.code), std::string(c.name), std::string(c.summary),
                     lint::help_uri(c.code), c.severity});
    known.insert(std::string(c.code));
  }
  // A code missing from the table still needs its rule, or code scanning refuses the file.
  for (const auto& set : sets)
    for (const auto& d : set.diagnostics->items())
      if (known.insert(d.code).second)
        rules.push_back({d.code, d.code, d.message, lint::help_uri(d.code), d.severity});
  return rules;
}

void write(const std::string& text) { std::fwrite(text.data(), 1, text.size(), stdout); }

}  // namespace

int run_lint(const LintOptions& options) {
  const auto today = resolve_as_of(options.as_of);
  if (!today) return to_int(ExitCode::failure);
  const auto files = collect_policy_files(options.paths);
  if (!files) return to_int(ExitCode::failure);

  // Each policy's nearest .qualify-lint, read once per file found.
  std::map<std::string, lint::LintConfig> configs;
  std::vector<lint::LintRun> runs;
  runs.reserve(files->size());
  for (const std::string& file : *files) {
    const lint::LintConfig* config = nullptr;
    if (auto path = lint::find_config(file)) {
      const std::string key = path->generic_string();
      auto it = configs.find(key);
      if (it == configs.end()) {
        auto parsed = lint::load_config(*path);
        for (const auto& e : parsed.errors) print_error(sanitize_for_terminal(e));
        if (!parsed.errors.empty()) return to_int(ExitCode::failure);
        it = configs.emplace(key, std::move(parsed.config)).first;
      }
      config = &it->second;
    }
    runs.push_back(lint::lint_file(file, config, *today));
    if (options.against && runs.back().policy) {
      try {
        lint::check_against_sample(*runs.back().policy, *options.against, runs.back().diagnostics);
      } catch (const io::InputError& e) {
        print_error(sanitize_for_terminal(e.what()));
        return to_int(ExitCode::failure);
      }
    }
  }

  const Severity minimum = lint::parse_severity(options.severity).value_or(Severity::info);
  LintTally tally;
  Diagnostics shown;  // every policy's, for the closing summary
  std::vector<DiagnosticSet> sets;
  ShownDiagnostics shown_before;  // a file several policies import: its findings are shown once
  static const SourceSet no_sources;
  for (std::size_t i = 0; i < runs.size(); ++i) {
    lint::drop_below(minimum, runs[i].diagnostics);
    shown_before.drop_repeated(runs[i].diagnostics, runs[i].policy ? runs[i].policy->sources : no_sources);
    shown.append(runs[i].diagnostics);
    if (!runs[i].policy) tally.unreadable = true;
    count(runs[i].diagnostics, tally);
    sets.push_back({(*files)[i], runs[i].policy ? &runs[i].policy->sources : &no_sources,
                    &runs[i].diagnostics});
  }

  if (options.format == "json") {
    std::string json = "[";
    for (const auto& set : sets) append_json_items(json, render_json(*set.diagnostics, *set.sources));
    write(json + "]\n");
  } else if (options.format == "sarif") {
    write(render_sarif(sets, rule_descriptions(sets)));
  } else if (options.format == "junit") {
    write(render_junit(sets));
  } else if (options.format == "github") {
    write(render_github(sets));
  } else {
    RenderOptions render_options;
    render_options.color = options.color || isatty(fileno(stdout)) != 0;
    for (const auto& set : sets) {
      if (set.diagnostics->empty()) continue;
      std::string text = render_text(*set.diagnostics, *set.sources, render_options);
      if (!text.empty() && text.back() != '\n') text += '\n';
      write(text);
    }
    // On stderr, so that piping the report elsewhere still shows the verdict.
    if (!shown.empty()) {
      std::fflush(stdout);
      fmt::print(stderr, "{} in {}\n", summary_line(shown), plural(files->size(), "file"));
    }
  }
  if (tally.unreadable) return to_int(ExitCode::failure);
  if (tally.errors > 0 || (options.strict && tally.warnings > 0)) return to_int(ExitCode::record_errors);
  return to_int(ExitCode::ok);
}

}  // namespace qpl::cli
