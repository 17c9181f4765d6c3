// Bytes as leads for a bundled policy, through the reader and the `eval` pipeline in every output
// format with explain and why-not. The first byte picks the policy and the input format; the
// rest is the lead file. Checked: one result per record, NDJSON lines are valid JSON, table
// output carries no control byte from lead data, CSV cells never start a spreadsheet formula.
#include <cstdint>
#include <string>
#include <string_view>

#include "stream/eval_pipeline.hpp"
#include "fuzz_support.hpp"
#include "output_checks.hpp"
#include "support/date.hpp"

namespace {

using namespace qpl;

struct Run {
  std::string out;
  qpl::stream::EvalStats stats;
  bool input_error = false;
};

Run run(const CheckedPolicy& policy, io::InputFormat input_format, present::OutputFormat output_format,
        const std::uint8_t* data, std::size_t size) {
  present::WriterOptions writer_options;
  writer_options.explain = true;
  writer_options.why_not = policy.funnel != nullptr;
  const auto writer = present::make_result_writer(output_format, policy, writer_options);
  qpl::stream::EvalSettings settings;
  settings.today = days_from_civil(2026, 11, 1);
  settings.level = eval::ExplainLevel::full;
  settings.annotations.explain = true;
  if (policy.funnel) settings.annotations.why_not_stage = policy.funnel->lines.back().stage;
  settings.annotations.style = writer->annotation_style();
  settings.batch_size = 7;  // several batches even for small inputs

  Run r;
  const fuzz::FilePtr stream = fuzz::memory_stream(data, size);
  fuzz::require(stream != nullptr, "cannot open a memory stream");
  try {
    const auto reader = io::open_lead_reader(input_format, stream.get(), "fuzz", policy.schema, 1);
    r.stats = qpl::stream::run_eval_pipeline(policy, *reader, *writer, settings,
                                     [&](std::string_view bytes) { r.out.append(bytes); });
  } catch (const io::InputError&) {
    r.input_error = true;
  }
  return r;
}

void check(const std::string& problem, const char* what) {
  if (!problem.empty()) fuzz::fail(std::string(what) + ": " + problem);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const auto& policies = fuzz::bundled_policies();
  const std::size_t pick = data[0] % policies.size();
  const io::InputFormat input_format = (data[0] / policies.size()) % 2 ? io::InputFormat::csv : io::InputFormat::ndjson;
  const CheckedPolicy& policy = *policies[pick].policy;
  ++data;
  --size;

  const Run ndjson = run(policy, input_format, present::OutputFormat::ndjson, data, size);
  if (!ndjson.input_error) {
    fuzz::require(fuzz::count_lines(ndjson.out) == ndjson.stats.records, "one NDJSON line per input record");
    check(fuzz::ndjson_problem(ndjson.out), "NDJSON output");
  }
  const Run table = run(policy, input_format, present::OutputFormat::table, data, size);
  check(fuzz::terminal_problem(table.out), "table output");
  const Run csv = run(policy, input_format, present::OutputFormat::csv, data, size);
  check(fuzz::csv_problem(csv.out), "CSV output");
  fuzz::require(ndjson.input_error == table.input_error && ndjson.stats.records == table.stats.records &&
                    ndjson.stats.records == csv.stats.records,
                "every output format sees the same records");
  return 0;
}
