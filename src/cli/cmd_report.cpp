// `qualify report POLICY INPUT...`: streams the leads through the eval pipeline into a tally of
// counters (no result is written), then renders the figures as HTML or JSON.
#include <algorithm>
#include <cstdio>
#include <memory>
#include <optional>
#include <thread>

#include <fmt/core.h>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "stream/account_table.hpp"
#include "stream/eval_pipeline.hpp"
#include "cli/exit_code.hpp"
#include "stream/input_chain.hpp"
#include "stream/keep_columns.hpp"
#include "stream/previous_results.hpp"
#include "model/memory.hpp"
#include "report/report_figures.hpp"
#include "support/date.hpp"
#include "support/replace_file.hpp"
#include "support/utf8.hpp"

namespace qpl::cli {
namespace {

// A "writer" that writes nothing: it feeds each result to the tally, on the main thread and in
// input order (stateless() is false), while workers still evaluate in parallel.
class TallyWriter final : public present::ResultWriter {
 public:
  TallyWriter(report::ReportTally& tally, std::int32_t today) : tally_(tally), today_(today) {}
  void write(const present::ResultView& result, std::string&) override {
    if (result.lead == nullptr || result.outcome == nullptr) {
      tally_.add_error();
      return;
    }
    tally_.add(*result.lead, *result.outcome, today_);
    if (result.sla && result.sla->overdue()) tally_.add_overdue(*result.sla->sla);
  }
  bool stateless() const override { return false; }

 private:
  report::ReportTally& tally_;
  std::int32_t today_;
};

void warn_about_outcome(const report::ReportTally& tally, const report::OutcomeSpec& spec) {
  if (tally.outcome_unreadable == 0) return;
  std::string examples;
  for (const std::string& e : tally.unreadable_examples)
    examples += (examples.empty() ? "" : ", ") + json_escape(e);
  print_error(sanitize_for_terminal(fmt::format(
      "warning: {} {} an unreadable \"{}\" outcome (not 1/0, yes/no or true/false), e.g. {}; "
      "{} left out of the conversion figures",
      tally.outcome_unreadable, tally.outcome_unreadable == 1 ? "lead has" : "leads have", spec.column,
      examples, tally.outcome_unreadable == 1 ? "it is" : "they are")));
}

}  // namespace

int run_report(const ReportOptions& options) {
  const int failure = to_int(ExitCode::failure);
  const auto as_of = resolve_as_of_moment(options.as_of);
  if (!as_of) return failure;
  const std::optional<std::int32_t> today = as_of->days;
  auto inputs = stream::plan_inputs(options.inputs, options.input_format);
  if (!inputs) return failure;
  const auto policy = load_policy_or_report(options.policy);
  if (!policy) return failure;
  if (policy->account) {
    if (auto problem = stream::inputs_read_twice_problem(*inputs, sanitize_for_terminal(options.policy))) {
      print_error(*problem);
      return failure;
    }
  }

  std::optional<report::OutcomeSettings> outcome;
  std::optional<stream::KeptSchema> kept;
  if (options.outcome) {
    auto spec = report::parse_outcome_spec(*options.outcome);
    if (!spec) {
      print_error("--outcome: an empty column name (write --outcome Converted, or --outcome \"Status=Won\")");
      return failure;
    }
    kept = stream::schema_with_kept_columns(*policy, {spec->column}, "--outcome");
    outcome = report::OutcomeSettings{std::move(*spec), kept->columns.front().slot};
  }
  report::ReportContext context;
  context.policy_file = options.policy;
  for (const stream::InputSpec& input : *inputs) context.files.push_back(input.path);
  if (context.files.empty()) context.files.push_back("-");
  context.as_of = format_date(*today);

  report::ReportTally tally(*policy, outcome);
  TallyWriter writer(tally, *today);
  stream::EvalSettings settings;
  if (kept) settings.input_schema = &kept->schema;
  settings.today = *today;
  settings.now = as_of->instant();
  // The SLA state of each lead (its overdue count per stage) needs its memory: the leads' own
  // `previous`, or --previous.
  std::unique_ptr<stream::PreviousResults> previous;
  if (policy->funnel != nullptr && !policy->funnel->slas.empty()) {
    settings.previous_slot = previous_slot((kept ? kept->schema : policy->schema).lead);
    if (options.previous) {
      auto file = stream::plan_inputs({*options.previous}, std::nullopt);
      if (!file) return failure;
      try {
        previous = std::make_unique<stream::PreviousResults>(
            file->front(), *policy, [](const std::string& warning) { print_error(sanitize_for_terminal(warning)); });
      } catch (const io::InputError& e) {
        print_error(std::string("previous results: ") + e.what());
        return failure;
      }
      settings.previous = previous.get();
    }
  } else if (options.previous) {
    // Stages are counted by the funnel line that fired, so only SLA ages read the memory.
    print_error(sanitize_for_terminal(fmt::format(
        "warning: --previous {} changes nothing here: the policy has no sla, and the report counts "
        "each stage by the funnel line that fired",
        *options.previous)));
  }
  settings.jobs = options.jobs != 0 ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
  // Accounts: pass 1 over the same inputs, `account` read from no column.
  std::optional<Schema> account_schema;
  std::unique_ptr<stream::AccountTable> accounts;
  if (policy->account) {
    account_schema = stream::schema_without_account_input(kept ? kept->schema : policy->schema, *policy);
    settings.input_schema = &*account_schema;
    try {
      accounts = std::make_unique<stream::AccountTable>(*policy, *inputs, *account_schema, *today, settings.jobs);
    } catch (const io::InputError& e) {
      print_error(e.what());
      return failure;
    }
    settings.accounts = accounts.get();
  }
  stream::InputChain chain(std::move(*inputs), settings.input_schema ? *settings.input_schema : policy->schema);
  chain.on_warning([](const std::string& warning) { print_error(sanitize_for_terminal(warning)); });
  try {
    stream::run_eval_pipeline(*policy, chain, writer, settings, [](std::string_view) {});
  } catch (const io::InputError& e) {
    print_error(e.what());
    return failure;
  }
  if (outcome) {
    const std::uint64_t evaluated = tally.records - tally.errors;
    if (evaluated > 0 && tally.outcome_missing == evaluated) {
      // A CSV header without the column stopped the run already; from JSON, a misspelt key.
      print_error(sanitize_for_terminal(fmt::format(
          "--outcome: no record has a value for \"{}\" (a CSV column, a JSON key or a dotted path)",
          outcome->spec.column)));
      return failure;
    }
    warn_about_outcome(tally, outcome->spec);
  }

  const report::ReportFigures figures = report::make_figures(*policy, tally, context);
  const std::string text = options.format == "json" ? report::report_json(figures) : report::report_html(figures);
  if (options.output) {
    if (const auto error = write_file(*options.output, text)) {
      print_error(fmt::format("cannot write '{}': {}", sanitize_for_terminal(*options.output), error->message));
      return failure;
    }
  } else if (std::fwrite(text.data(), 1, text.size(), stdout) != text.size() || std::fflush(stdout) != 0) {
    print_error("cannot write the report to stdout");
    return failure;
  }
  return to_int(tally.errors > 0 ? ExitCode::record_errors : ExitCode::ok);
}

}  // namespace qpl::cli
