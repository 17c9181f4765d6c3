// `qualify eval POLICY [INPUT...]`: checks the options and the inputs before any work, loads the
// policy, then streams every record through the pipeline to the chosen writer.
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <fmt/core.h>

#include "cli/argument_order.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/data_watch.hpp"
#include "cli/eval_pipeline.hpp"
#include "cli/keep_columns.hpp"
#include "cli/eval_report.hpp"
#include "cli/exit_code.hpp"
#include "cli/input_chain.hpp"
#include "cli/output_guard.hpp"
#include "support/utf8.hpp"
#include "support/stage_hint.hpp"

namespace qpl::cli {
namespace {

OutputFormat parse_output_format(const std::string& name) {
  if (name == "csv") return OutputFormat::csv;
  if (name == "table") return OutputFormat::table;
  return OutputFormat::ndjson;
}

bool check_why_not_stage(const CheckedPolicy& policy, const std::string& stage) {
  std::vector<std::string> stages;
  if (policy.funnel != nullptr) {
    for (const FunnelLine& line : policy.funnel->lines) {
      if (line.stage == stage) return true;
      stages.push_back(line.stage);
    }
  }
  if (policy.funnel == nullptr) {
    print_error("--why-not needs a policy with a funnel");
    return false;
  }
  std::string message = fmt::format("--why-not: unknown stage '{}'", sanitize_for_terminal(stage));
  message += stage_hint(stage, stages);
  print_error(message);
  return false;
}

// `--unreadable missing`: as if every optional field were declared `unreadable missing`.
void read_unreadable_as_missing(Schema& schema) {
  const auto allow = [](RecordType& record) {
    for (FieldSchema& field : record.fields)
      if (field.optional) field.reading.unreadable_missing = true;
  };
  allow(schema.lead);
  for (RecordType& record : schema.records) allow(record);
}

// After the results: what the data watch noticed, on stderr, then counted in --summary.
void report_data_warnings(const DataWatch& watch, std::string* summary) {
  for (const std::string& line : watch.warnings())
    fmt::print(stderr, "{}\n", sanitize_for_terminal(line));
  if (summary != nullptr) *summary += watch.summary();
}

struct OutputError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Where results go: stdout or --output FILE, written in large blocks.
class OutputStream {
 public:
  explicit OutputStream(const std::optional<std::string>& path)
      : name_(path ? *path : "stdout") {
    if (!path) {
      file_ = stdout;
      return;
    }
    file_ = std::fopen(path->c_str(), "wb");
    owned_ = file_ != nullptr;
  }
  ~OutputStream() {
    if (owned_) std::fclose(file_);
  }
  OutputStream(const OutputStream&) = delete;
  OutputStream& operator=(const OutputStream&) = delete;

  bool is_open() const { return file_ != nullptr; }
  const std::string& name() const { return name_; }

  void write(std::string_view bytes) {
    if (std::fwrite(bytes.data(), 1, bytes.size(), file_) != bytes.size()) fail();
  }
  void flush() {
    if (std::fflush(file_) != 0) fail();
  }
  void close() {
    if (std::fflush(file_) != 0) fail();
    if (owned_) {
      owned_ = false;
      if (std::fclose(file_) != 0) fail();
    }
  }

 private:
  [[noreturn]] void fail() const {
    throw OutputError(fmt::format("cannot write to '{}': {}", sanitize_for_terminal(name_),
                                  system_error_text(errno)));
  }
  std::string name_;
  std::FILE* file_ = nullptr;
  bool owned_ = false;
};

// After the run, on stderr: the keys no record of a JSON file had, then the --summary (which
// repeats them, so that a summary pasted into a ticket tells the whole story).
void report_end_of_run(const CheckedPolicy& policy, const EvalStats& stats,
                       const InputChain& chain, const DataWatch& watch, bool summary) {
  const std::vector<std::string> warnings = chain.absent_key_warnings();
  for (const std::string& warning : warnings) print_error(warning);
  std::string text = summary ? summary_text(policy, stats, warnings) : std::string();
  report_data_warnings(watch, summary ? &text : nullptr);
  std::fwrite(text.data(), 1, text.size(), stderr);
}

}  // namespace

int run_eval(const EvalOptions& options) {
  const int failure = to_int(ExitCode::failure);
  if (!check_policy_comes_first("eval", options.policy, options.inputs)) return failure;
  const auto today = resolve_as_of(options.as_of);
  if (!today) return failure;
  auto inputs = plan_inputs(options.inputs, options.input_format);
  if (!inputs) return failure;
  const auto policy = load_policy_or_report(options.policy);
  if (!policy) return failure;
  if (options.why_not && !check_why_not_stage(*policy, *options.why_not)) return failure;
  if (options.unreadable == "missing") read_unreadable_as_missing(policy->schema);
  DataWatch watch(*policy);

  const OutputFormat format = parse_output_format(options.format);
  WriterOptions writer_options;
  writer_options.explain = options.explain.has_value();
  writer_options.why_not = options.why_not.has_value();
  std::optional<KeptSchema> kept;
  if (options.keep) {
    if (format == OutputFormat::table) {
      print_error("--keep carries input columns into --format csv or ndjson results, not table");
      return failure;
    }
    const auto names = parse_keep_list(*options.keep);
    if (!names) return failure;
    kept = schema_with_kept_columns(*policy, *names);
    writer_options.keep = kept->columns;
  }
  const auto writer = make_result_writer(format, *policy, writer_options);

  EvalSettings settings;
  if (kept) settings.input_schema = &kept->schema;
  settings.today = *today;
  settings.annotations.explain = writer_options.explain;
  settings.annotations.explain_tree = options.explain && *options.explain != "compact";
  settings.annotations.why_not_stage = options.why_not;
  settings.annotations.style = writer->annotation_style();
  if (options.explain) {
    settings.level = *options.explain == "full" ? ExplainLevel::full : ExplainLevel::compact;
  } else if (options.why_not) {
    settings.level = ExplainLevel::compact;
  }
  settings.watch = &watch;
  settings.jobs = options.jobs != 0 ? options.jobs : std::max(1u, std::thread::hardware_concurrency());

  if (options.output &&
      output_would_destroy_a_source(*options.output, *inputs, options.policy, *policy))
    return failure;
  OutputStream output(options.output);
  if (!output.is_open()) {
    print_error(fmt::format("cannot write to '{}': {}", sanitize_for_terminal(output.name()),
                            system_error_text(errno)));
    return failure;
  }
  ProgressLine progress;
  InputChain chain(std::move(*inputs), kept ? kept->schema : policy->schema);
  chain.on_warning([&](const std::string& warning) {
    progress.clear();
    print_error(sanitize_for_terminal(warning));
  });
  EvalStats stats;  // also what was written before an input error, for --summary
  try {
    stats = run_eval_pipeline(
        *policy, chain, *writer, settings,
        [&](std::string_view bytes) { bytes.empty() ? output.flush() : output.write(bytes); },
        [&](const EvalStats& s) {
          stats = s;
          progress.update(s);
        });
    output.close();
  } catch (const InputError& e) {
    progress.clear();
    try {
      output.close();
    } catch (const OutputError&) {
    }
    print_error(e.what());
    report_end_of_run(*policy, stats, chain, watch, options.summary);
    return failure;
  } catch (const OutputError& e) {
    progress.clear();
    print_error(e.what());
    return failure;
  }
  progress.clear();
  report_end_of_run(*policy, stats, chain, watch, options.summary);
  return to_int(stats.errors > 0 ? ExitCode::record_errors : ExitCode::ok);
}

}  // namespace qpl::cli
