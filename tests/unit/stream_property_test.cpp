// The eval pipeline over generated policies and NDJSON leads (fixed seeds), broken lines mixed
// in: one output line per input record with one and two jobs (the same bytes), NDJSON output is
// valid JSON, table output carries no control byte from the leads, CSV output starts no formula.
#include <doctest/doctest.h>

#include <cstdint>
#include <cstdio>
#include <string>

#include "../fuzz/output_checks.hpp"
#include "../fuzz/policy_generator.hpp"
#include "stream/eval_pipeline.hpp"
#include "sema/load.hpp"
#include "support/date.hpp"

namespace qpl::stream {
namespace {

std::string run(const CheckedPolicy& policy, const std::string& input, present::OutputFormat format,
                unsigned jobs, EvalStats& stats) {
  present::WriterOptions options;
  options.explain = true;
  options.why_not = true;
  const auto writer = present::make_result_writer(format, policy, options);
  EvalSettings settings;
  settings.today = days_from_civil(2026, 11, 1);
  settings.level = eval::ExplainLevel::compact;
  settings.annotations.explain = true;
  settings.annotations.why_not_stage = "hot";
  settings.annotations.style = writer->annotation_style();
  settings.jobs = jobs;
  settings.batch_size = 5;
  std::FILE* stream = fmemopen(const_cast<char*>(input.data()), input.size(), "rb");
  REQUIRE(stream);
  const auto reader = io::open_lead_reader(io::InputFormat::ndjson, stream, "gen.ndjson", policy.schema);
  std::string out;
  stats = run_eval_pipeline(policy, *reader, *writer, settings, [&](std::string_view b) { out.append(b); });
  std::fclose(stream);
  return out;
}

TEST_CASE("one output line per record, the same with two jobs, and safe output") {
  for (std::uint32_t seed = 1; seed <= 12; ++seed) {
    fuzz::PolicyGenerator gen(seed);
    const std::string text = gen.policy(2);
    auto loaded = sema::load_policy_text("gen.qpl", text);
    INFO("seed " << seed << "\n" << text);
    REQUIRE(loaded.ok());
    const CheckedPolicy& policy = *loaded.policy;

    std::string input;
    const std::uint32_t records = 1 + gen.below(40);
    for (std::uint32_t i = 1; i <= records; ++i) {
      switch (gen.below(12)) {
        case 0: input += "{\"id\": \"broken\n"; break;  // an unterminated string: an error line
        case 1: input += "[1, 2]\n"; break;            // not an object
        default: input += gen.ndjson_lead(i) + "\n"; break;
      }
    }
    INFO(input);

    EvalStats one_job, two_jobs, table_stats, csv_stats;
    const std::string ndjson = run(policy, input, present::OutputFormat::ndjson, 1, one_job);
    CHECK(one_job.records == records);
    CHECK(fuzz::count_lines(ndjson) == records);
    CHECK(fuzz::ndjson_problem(ndjson) == "");
    CHECK(run(policy, input, present::OutputFormat::ndjson, 2, two_jobs) == ndjson);

    const std::string table = run(policy, input, present::OutputFormat::table, 1, table_stats);
    CHECK(table_stats.records == records);
    CHECK(fuzz::terminal_problem(table) == "");
    const std::string csv = run(policy, input, present::OutputFormat::csv, 1, csv_stats);
    CHECK(csv_stats.records == records);
    CHECK(fuzz::csv_problem(csv) == "");
  }
}

}  // namespace
}  // namespace qpl::stream
