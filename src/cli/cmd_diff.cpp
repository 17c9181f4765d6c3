// `qualify diff OLD NEW INPUT...`: loads both policies (files or FILE@REVISION), reads every
// record once per policy, and reports the stage moves, score shifts and result changes.
#include <cstdio>
#include <memory>
#include <optional>
#include <thread>

#include <fmt/core.h>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "diff/diff_pipeline.hpp"
#include "diff/diff_report.hpp"
#include "cli/diff/fail_on.hpp"
#include "cli/diff/policy_source.hpp"
#include "cli/exit_code.hpp"
#include "stream/account_table.hpp"
#include "stream/input_chain.hpp"
#include "model/schema_equal.hpp"
#include "support/date.hpp"
#include "support/utf8.hpp"

namespace qpl::cli {

int run_diff(const DiffOptions& options) {
  const int failure = to_int(ExitCode::failure);
  const auto today = resolve_as_of(options.as_of);
  if (!today) return failure;
  for (const std::string& input : options.inputs) {
    if (input == "-") {
      print_error("diff cannot read leads from stdin: each policy reads the inputs itself, so give lead files");
      return failure;
    }
  }
  auto inputs = stream::plan_inputs(options.inputs, options.input_format);
  if (!inputs) return failure;
  const PolicySpec old_spec = parse_policy_spec(options.old_policy);
  const PolicySpec new_spec = parse_policy_spec(options.new_policy);
  const auto old_policy = load_policy_spec(old_spec);
  if (!old_policy) return failure;
  const auto new_policy = load_policy_spec(new_spec);
  if (!new_policy) return failure;
  for (const auto* policy : {&old_policy, &new_policy}) {
    if (!(*policy)->account) continue;
    const std::string shown = sanitize_for_terminal(policy == &old_policy ? old_spec.shown : new_spec.shown);
    if (auto problem = stream::inputs_read_twice_problem(*inputs, shown)) {
      print_error(*problem);
      return failure;
    }
  }

  const diff::DiffShape shape = diff::DiffShape::of(*old_policy, *new_policy);
  std::vector<diff::MoveRule> fail_on;
  if (options.fail_on) {
    auto parsed = parse_fail_on(*options.fail_on, shape);
    if (!parsed) return failure;
    fail_on = std::move(*parsed);
  }

  diff::DiffSettings settings;
  settings.today = *today;
  settings.examples = options.examples;
  settings.jobs = options.jobs != 0 ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
  // Accounts: each side's table from its own policy (pass 1), `account` read from no column.
  std::optional<Schema> old_read, new_read;
  std::unique_ptr<stream::AccountTable> old_accounts, new_accounts;
  try {
    if (old_policy->account) {
      old_read = stream::schema_without_account_input(old_policy->schema, *old_policy);
      old_accounts = std::make_unique<stream::AccountTable>(*old_policy, *inputs, *old_read, *today, settings.jobs);
      settings.old_account = [table = old_accounts.get()](RecordValue& lead) { table->attach(lead); };
    }
    if (new_policy->account) {
      new_read = stream::schema_without_account_input(new_policy->schema, *new_policy);
      new_accounts = std::make_unique<stream::AccountTable>(*new_policy, *inputs, *new_read, *today, settings.jobs);
      settings.new_account = [table = new_accounts.get()](RecordValue& lead) { table->attach(lead); };
    }
  } catch (const io::InputError& e) {
    print_error(e.what());
    return failure;
  }
  const Schema& old_schema = old_read ? *old_read : old_policy->schema;
  const Schema& new_schema = new_read ? *new_read : new_policy->schema;
  // The same fields block (the usual case: a threshold, a list): each record is read once.
  stream::InputChain old_input(*inputs, old_schema);
  std::optional<stream::InputChain> new_input;
  if (!same_schema(old_schema, new_schema)) new_input.emplace(std::move(*inputs), new_schema);
  std::optional<diff::DiffTally> tally;
  try {
    tally = diff::run_diff_pipeline(*old_policy, *new_policy, shape, old_input, new_input ? &*new_input : nullptr,
                              settings);
  } catch (const io::InputError& e) {
    print_error(e.what());
    return failure;
  }

  diff::DiffReport report{old_spec.shown, new_spec.shown, policy_title(*old_policy), policy_title(*new_policy),
                    format_date(*today), shape, *tally, fail_on, false};
  report.failed = !fail_on.empty() && diff::listed_move_happened(fail_on, shape, *tally);
  const std::string text = options.format == "json"       ? diff::diff_json(report)
                           : options.format == "markdown" ? diff::diff_markdown(report)
                                                          : diff::diff_text(report);
  if (std::fwrite(text.data(), 1, text.size(), stdout) != text.size() || std::fflush(stdout) != 0) {
    print_error("cannot write the report to stdout");
    return failure;
  }
  // Status 1, "found problems", is for diff a listed move.
  return to_int(report.failed ? ExitCode::record_errors : ExitCode::ok);
}

}  // namespace qpl::cli
