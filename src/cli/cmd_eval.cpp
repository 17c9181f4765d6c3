// `qualify eval POLICY [INPUT...]`: checks the options and the inputs before any work, compiles
// the policy with libqualify, then streams every record through Policy::evaluate_stream (as any
// client of the library would) to stdout or --output.
#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <fmt/core.h>

#include "cli/argument_order.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "stream/account_table.hpp"
#include "stream/eval_report.hpp"
#include "cli/exit_code.hpp"
#include "stream/input_chain.hpp"
#include "stream/keep_columns.hpp"
#include "cli/output_guard.hpp"
#include "qualify/qualify.hpp"
#include "support/stage_hint.hpp"
#include "support/utf8.hpp"

namespace qpl::cli {
namespace {

qualify::OutputFormat parse_output_format(const std::string& name) {
  if (name == "csv") return qualify::OutputFormat::csv;
  if (name == "table") return qualify::OutputFormat::table;
  return qualify::OutputFormat::ndjson;
}

qualify::ExplainDetail parse_explain(const std::optional<std::string>& explain) {
  if (!explain) return qualify::ExplainDetail::none;
  if (*explain == "full") return qualify::ExplainDetail::full;
  if (*explain == "tree") return qualify::ExplainDetail::tree;
  return qualify::ExplainDetail::compact;
}

qualify::InputFormat public_format(io::InputFormat format) {
  switch (format) {
    case io::InputFormat::csv: return qualify::InputFormat::csv;
    case io::InputFormat::json: return qualify::InputFormat::json;
    case io::InputFormat::ndjson: return qualify::InputFormat::ndjson;
  }
  return qualify::InputFormat::ndjson;
}

bool check_why_not_stage(const qualify::Policy& policy, const std::string& stage) {
  const std::vector<std::string> stages = policy.stages();
  if (stages.empty()) {
    print_error("--why-not needs a policy with a funnel");
    return false;
  }
  for (const std::string& known : stages)
    if (known == stage) return true;
  std::string message = fmt::format("--why-not: unknown stage '{}'", sanitize_for_terminal(stage));
  message += stage_hint(stage, stages);
  print_error(message);
  return false;
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

// After the run, on stderr: the keys no record of a JSON file had, what the data watch noticed,
// then the --summary (which repeats them, so that a summary pasted into a ticket tells the whole
// story).
void report_end_of_run(const qualify::StreamReport& report) {
  for (const std::string& warning : report.input_warnings) print_error(warning);
  for (const std::string& line : report.data_warnings) fmt::print(stderr, "{}\n", sanitize_for_terminal(line));
  std::fwrite(report.summary.data(), 1, report.summary.size(), stderr);
}

}  // namespace

int run_eval(const EvalOptions& options) {
  const int failure = to_int(ExitCode::failure);
  if (!check_policy_comes_first("eval", options.policy, options.inputs)) return failure;
  if (!resolve_as_of(options.as_of)) return failure;
  auto inputs = stream::plan_inputs(options.inputs, options.input_format);
  if (!inputs) return failure;
  const std::shared_ptr<const qualify::Policy> policy = compile_policy_or_report(options.policy);
  if (!policy) return failure;
  if (options.why_not && !check_why_not_stage(*policy, *options.why_not)) return failure;
  const std::string policy_shown = sanitize_for_terminal(options.policy);
  if (policy->declares_accounts()) {
    if (auto problem = stream::inputs_read_twice_problem(*inputs, policy_shown)) {
      print_error(*problem);
      return failure;
    }
  } else if (options.accounts) {
    print_error(fmt::format("--accounts writes one line per account, and {} declares no 'account' block",
                            policy_shown));
    return failure;
  }
  std::optional<qualify::OutputFormat> accounts_format;
  if (options.accounts) {
    const std::string& path = *options.accounts;
    const auto ends_with = [&path](std::string_view tail) {
      return path.size() >= tail.size() && path.compare(path.size() - tail.size(), tail.size(), tail) == 0;
    };
    if (ends_with(".csv")) {
      accounts_format = qualify::OutputFormat::csv;
    } else if (ends_with(".ndjson") || ends_with(".jsonl")) {
      accounts_format = qualify::OutputFormat::ndjson;
    } else {
      print_error(fmt::format("--accounts: cannot tell the format of '{}': name it .ndjson, .jsonl or .csv",
                              sanitize_for_terminal(path)));
      return failure;
    }
  }

  qualify::StreamOptions stream;
  stream.as_of = options.as_of;
  stream.format = parse_output_format(options.format);
  stream.explain = parse_explain(options.explain);
  stream.why_not = options.why_not;
  stream.unreadable_missing = options.unreadable == "missing";
  stream.jobs = options.jobs;
  stream.summary = options.summary;
  stream.ledger = options.ledger;
  stream.audit = options.audit;
  stream.overdue = options.overdue;
  stream.accounts = accounts_format;
  if (options.keep) {
    if (stream.format == qualify::OutputFormat::table) {
      print_error("--keep carries input columns into --format csv or ndjson results, not table");
      return failure;
    }
    auto names = stream::parse_keep_list(*options.keep);
    if (!names) return failure;
    stream.keep = std::move(*names);
  }

  std::vector<stream::InputSpec> sources = *inputs;
  if (options.previous) {
    auto previous = stream::plan_inputs({*options.previous}, std::nullopt);
    if (!previous) return failure;
    stream.previous = qualify::LeadInput{previous->front().path, public_format(previous->front().format)};
    sources.push_back(previous->front());
  }
  if (options.output &&
      output_would_destroy_a_source(*options.output, sources, options.policy, policy->files()))
    return failure;
  if (options.accounts &&
      output_would_destroy_a_source(*options.accounts, sources, options.policy, policy->files()))
    return failure;
  if (options.accounts && options.output) {
    const auto normal = [](const std::string& path) {
      std::error_code ec;
      const auto absolute = std::filesystem::absolute(path, ec);
      const auto canonical = std::filesystem::weakly_canonical(absolute, ec);  // links followed
      return (ec ? absolute : canonical).lexically_normal();
    };
    if (normal(*options.output) == normal(*options.accounts)) {
      print_error(fmt::format("--accounts and --output name the same file, '{}': give the accounts a file of "
                              "their own",
                              sanitize_for_terminal(*options.accounts)));
      return failure;
    }
  }
  OutputStream output(options.output);
  if (!output.is_open()) {
    print_error(fmt::format("cannot write to '{}': {}", sanitize_for_terminal(output.name()),
                            system_error_text(errno)));
    return failure;
  }
  std::unique_ptr<OutputStream> accounts_output;
  if (options.accounts) {
    accounts_output = std::make_unique<OutputStream>(options.accounts);
    if (!accounts_output->is_open()) {
      print_error(fmt::format("cannot write to '{}': {}", sanitize_for_terminal(accounts_output->name()),
                              system_error_text(errno)));
      return failure;
    }
  }
  std::vector<qualify::LeadInput> leads;
  for (const stream::InputSpec& input : *inputs) leads.push_back({input.path, public_format(input.format)});

  stream::ProgressLine progress;
  qualify::StreamOutput sink;
  sink.write = [&output](std::string_view bytes) { output.write(bytes); };
  sink.flush = [&output] { output.flush(); };
  sink.warning = [&progress](const std::string& warning) {
    progress.clear();
    print_error(sanitize_for_terminal(warning));
  };
  if (accounts_output) sink.accounts = [&accounts_output](std::string_view bytes) { accounts_output->write(bytes); };
  if (progress.enabled())
    sink.progress = [&progress](const qualify::StreamStats& s) { progress.update(s.records, s.errors); };
  qualify::StreamReport report;
  try {
    report = policy->evaluate_stream(leads, sink, stream);
    // Checked above, but for --overdue on a policy without an sla.
    if (report.status == qualify::StreamStatus::bad_argument) {
      print_error(report.error);
      return failure;
    }
    if (report.ok()) output.close();
    if (report.ok() && accounts_output) accounts_output->close();
  } catch (const OutputError& e) {
    progress.clear();
    print_error(e.what());
    return failure;
  }
  progress.clear();
  if (!report.ok()) {  // an input failed: the results before it are written, then why
    try {
      output.close();
    } catch (const OutputError&) {
    }
    print_error(report.error);
    report_end_of_run(report);
    return failure;
  }
  report_end_of_run(report);
  return to_int(report.stats.errors > 0 ? ExitCode::record_errors : ExitCode::ok);
}

}  // namespace qpl::cli
