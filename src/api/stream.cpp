// Policy::evaluate_stream(): `qualify eval`'s run (the input chain, the batched pipeline with its
// worker threads, the result writers, the data watch and the summary) behind the public API.
#include <algorithm>
#include <memory>
#include <optional>
#include <thread>

#include "api/policy_impl.hpp"
#include "stream/account_table.hpp"
#include "stream/data_watch.hpp"
#include "stream/eval_pipeline.hpp"
#include "stream/eval_report.hpp"
#include "stream/input_chain.hpp"
#include "stream/keep_columns.hpp"
#include "stream/previous_results.hpp"
#include "model/memory.hpp"
#include "support/date.hpp"

namespace qualify {
namespace {

qpl::present::OutputFormat internal_format(OutputFormat format) {
  switch (format) {
    case OutputFormat::ndjson: return qpl::present::OutputFormat::ndjson;
    case OutputFormat::csv: return qpl::present::OutputFormat::csv;
    case OutputFormat::table: return qpl::present::OutputFormat::table;
  }
  return qpl::present::OutputFormat::ndjson;
}

qpl::io::InputFormat internal_format(InputFormat format) {
  switch (format) {
    case InputFormat::ndjson: return qpl::io::InputFormat::ndjson;
    case InputFormat::json: return qpl::io::InputFormat::json;
    case InputFormat::csv: return qpl::io::InputFormat::csv;
  }
  return qpl::io::InputFormat::ndjson;
}

// `unreadable missing` for every optional field of the schema the inputs are read with.
void read_unreadable_as_missing(qpl::Schema& schema) {
  const auto allow = [](qpl::RecordType& record) {
    for (qpl::FieldSchema& field : record.fields)
      if (field.optional) field.reading.unreadable_missing = true;
  };
  allow(schema.lead);
  for (qpl::RecordType& record : schema.records) allow(record);
}

std::optional<std::string> why_not_problem(const qpl::CheckedPolicy& policy, const std::string& stage) {
  if (policy.funnel == nullptr) return "why_not needs a policy with a funnel";
  for (const qpl::FunnelLine& line : policy.funnel->lines)
    if (line.stage == stage) return std::nullopt;
  return "why_not: unknown stage '" + stage + "'";
}

StreamStats public_stats(const qpl::CheckedPolicy& policy, const qpl::stream::EvalStats& internal) {
  StreamStats stats;
  stats.records = internal.records;
  stats.errors = internal.errors;
  stats.no_stage = internal.no_stage;
  if (policy.funnel == nullptr) return stats;
  // Lines of one stage added up, stages in the order they first appear in the funnel.
  for (std::size_t i = 0; i < policy.funnel->lines.size(); ++i) {
    const std::string& stage = policy.funnel->lines[i].stage;
    const std::uint64_t count = i < internal.per_line.size() ? internal.per_line[i] : 0;
    auto it = std::find_if(stats.stages.begin(), stats.stages.end(),
                           [&stage](const auto& entry) { return entry.first == stage; });
    if (it == stats.stages.end()) {
      stats.stages.emplace_back(stage, count);
    } else {
      it->second += count;
    }
  }
  return stats;
}

StreamReport bad_argument(std::string error) {
  StreamReport report;
  report.status = StreamStatus::bad_argument;
  report.error = std::move(error);
  return report;
}

}  // namespace

StreamReport Policy::evaluate_stream(const std::vector<LeadInput>& inputs, const StreamOutput& output,
                                     const StreamOptions& options) const {
  const qpl::CheckedPolicy& policy = *impl_->policy;
  std::int32_t today = 0;
  std::int64_t now = 0;  // what hour SLAs are measured at: 00:00 UTC of a date alone
  if (options.as_of) {
    const auto moment = qpl::parse_moment(*options.as_of);
    if (!moment) return bad_argument("as_of: '" + *options.as_of + "' is not a YYYY-MM-DD date");
    today = moment->days;
    now = moment->instant();
  } else {
    now = qpl::now_utc();
    today = static_cast<std::int32_t>(qpl::whole_units_between(0, now, qpl::seconds_per_day));
  }
  if (options.why_not) {
    if (auto problem = why_not_problem(policy, *options.why_not)) return bad_argument(std::move(*problem));
  }
  if (options.overdue && (policy.funnel == nullptr || policy.funnel->slas.empty()))
    return bad_argument("overdue lists the leads past their stage's sla, and the policy has no 'sla' line");
  if (!options.keep.empty() && options.format == OutputFormat::table)
    return bad_argument("keep carries input columns into csv or ndjson results, not table");
  for (const std::string& name : options.keep)
    if (name.empty()) return bad_argument("keep: an empty column name");
  if (options.accounts && !policy.account)
    return bad_argument("accounts: the policy declares no 'account' block, so it has no accounts to write");
  if (options.accounts && *options.accounts == OutputFormat::table)
    return bad_argument("accounts are written as ndjson or csv, not table");
  if (policy.account) {
    // Pass 1 and pass 2 each read the inputs: a feed that cannot be read twice is refused.
    std::vector<qpl::stream::InputSpec> paths;
    for (const LeadInput& input : inputs) paths.push_back({input.path, internal_format(input.format)});
    if (auto problem = qpl::stream::inputs_read_twice_problem(paths, "the policy")) return bad_argument(std::move(*problem));
  }

  // The schema the inputs are read with: the policy's, plus kept columns, plus `unreadable
  // missing`. The Policy itself stays as compiled (other threads may be using it).
  qpl::present::WriterOptions writer_options;
  writer_options.explain = options.explain != ExplainDetail::none;
  writer_options.why_not = options.why_not.has_value();
  writer_options.ledger = options.ledger;
  if (options.audit) writer_options.audit = qpl::present::audit_stamp(policy);
  std::optional<qpl::stream::KeptSchema> kept;
  if (!options.keep.empty()) {
    kept = qpl::stream::schema_with_kept_columns(policy, options.keep);
    writer_options.keep = kept->columns;
  }
  // Stage memory: read the previous results first (their warnings come before any result), and
  // carry the remembered field even when the policy does not read it, to write `since`.
  std::unique_ptr<qpl::stream::PreviousResults> previous;
  std::optional<qpl::Schema> memory_schema;
  if (options.previous) {
    try {
      previous = std::make_unique<qpl::stream::PreviousResults>(
          qpl::stream::InputSpec{options.previous->path, internal_format(options.previous->format)}, policy,
          [&output](const std::string& warning) {
            if (output.warning) output.warning(warning);
          });
    } catch (const qpl::io::InputError& e) {
      StreamReport report;
      report.status = StreamStatus::input_error;
      report.error = std::string("previous results: ") + e.what();
      return report;
    }
    if (qpl::previous_slot(policy.schema.lead) < 0)
      memory_schema = previous->schema_with_memory(kept ? kept->schema : policy.schema);
  }
  std::optional<qpl::Schema> unreadable_schema;
  if (options.unreadable_missing) {
    unreadable_schema = memory_schema ? *memory_schema : kept ? kept->schema : policy.schema;
    read_unreadable_as_missing(*unreadable_schema);
  }
  const qpl::Schema* input_schema = unreadable_schema ? &*unreadable_schema
                                    : memory_schema   ? &*memory_schema
                                    : kept            ? &kept->schema
                                                      : nullptr;
  // Accounts: `account` is the table's to set, whatever column the inputs have of that name.
  std::optional<qpl::Schema> account_schema;
  if (policy.account) {
    account_schema = qpl::stream::schema_without_account_input(input_schema ? *input_schema : policy.schema, policy);
    input_schema = &*account_schema;
  }
  const int previous_slot = qpl::previous_slot((input_schema ? *input_schema : policy.schema).lead);
  writer_options.since = previous_slot >= 0;
  const auto writer = qpl::present::make_result_writer(internal_format(options.format), policy, writer_options);

  qpl::stream::DataWatch watch(policy);
  if (!options.as_of) watch.judge_ages_from(today);
  qpl::stream::EvalSettings settings;
  settings.input_schema = input_schema;
  settings.today = today;
  settings.now = now;
  settings.ledger = options.ledger;
  settings.annotations.explain = writer_options.explain;
  settings.annotations.explain_tree =
      options.explain == ExplainDetail::tree || options.explain == ExplainDetail::full;
  settings.annotations.why_not_stage = options.why_not;
  settings.annotations.style = writer->annotation_style();
  if (options.explain != ExplainDetail::none) {
    settings.level = options.explain == ExplainDetail::full ? qpl::eval::ExplainLevel::full
                                                            : qpl::eval::ExplainLevel::compact;
  } else if (options.why_not) {
    settings.level = qpl::eval::ExplainLevel::compact;
  }
  settings.watch = &watch;
  settings.previous = previous.get();
  settings.previous_slot = previous_slot;
  settings.overdue_only = options.overdue;
  settings.jobs = options.jobs != 0 ? options.jobs : std::max(1u, std::thread::hardware_concurrency());

  std::vector<qpl::stream::InputSpec> specs;
  specs.reserve(inputs.size());
  for (const LeadInput& input : inputs) specs.push_back({input.path, internal_format(input.format)});
  // Pass 1: every record's account, before any result is written.
  std::unique_ptr<qpl::stream::AccountTable> accounts;
  if (policy.account) {
    try {
      accounts = std::make_unique<qpl::stream::AccountTable>(policy, specs, *input_schema, today, settings.jobs);
    } catch (const qpl::io::InputError& e) {
      StreamReport report;
      report.status = StreamStatus::input_error;
      report.error = e.what();
      return report;
    }
    settings.accounts = accounts.get();
  }
  qpl::stream::InputChain chain(std::move(specs), input_schema ? *input_schema : policy.schema);
  if (output.warning) chain.on_warning([&output](const std::string& warning) { output.warning(warning); });

  StreamReport report;
  qpl::stream::EvalStats stats;  // also what was written before an input error
  try {
    stats = qpl::stream::run_eval_pipeline(
        policy, chain, *writer, settings,
        [&output](std::string_view bytes) {
          if (!bytes.empty()) {
            if (output.write) output.write(bytes);
          } else if (output.flush) {
            output.flush();
          }
        },
        [&](const qpl::stream::EvalStats& s) {
          stats = s;
          if (output.progress) output.progress(public_stats(policy, s));
        });
  } catch (const qpl::io::InputError& e) {
    report.status = StreamStatus::input_error;
    report.error = e.what();
  }
  report.stats = public_stats(policy, stats);
  report.input_warnings = chain.absent_key_warnings();
  if (previous && report.ok())
    if (auto unmatched = previous->unmatched_warning()) report.input_warnings.push_back(std::move(*unmatched));
  report.data_warnings = watch.warnings();
  if (options.summary) {
    report.summary = qpl::stream::summary_text(policy, stats, report.input_warnings);
    if (accounts) report.summary += accounts->summary_line() + "\n";
    report.summary += watch.summary();
  }
  if (accounts && options.accounts && report.ok() && output.accounts) {
    std::string lines;
    if (*options.accounts == OutputFormat::csv) accounts->write_csv(lines);
    else accounts->write_ndjson(lines);
    output.accounts(lines);
  }
  return report;
}

}  // namespace qualify
