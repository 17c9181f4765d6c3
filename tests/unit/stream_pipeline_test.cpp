// The eval pipeline and the input chain on a hand-built policy (no funnel, no scores): record
// order, error records in place, the same bytes with worker threads, failures that stop the run.
#include <doctest/doctest.h>

#include <cstdio>
#include <stdexcept>
#include <string>

#include "stream/eval_pipeline.hpp"
#include "stream/input_chain.hpp"

using namespace qpl;
using namespace qpl::stream;

namespace {

// Records 1..count; every seventh is an error record; throws after `fail_after` records.
class CountingReader final : public io::LeadReader {
 public:
  CountingReader(std::uint64_t count, std::uint64_t fail_after = 0)
      : count_(count), fail_after_(fail_after) {}
  bool next(io::ReadItem& item) override {
    if (fail_after_ != 0 && next_ > fail_after_) throw io::InputError("disk on fire");
    if (next_ > count_) return false;
    item.number = next_++;
    item.ok = item.number % 7 != 0;
    item.error = item.ok ? "" : "n: expected a number, got \"x\"";
    item.record.fields.assign(1, Value(static_cast<double>(item.number)));
    return true;
  }

 private:
  std::uint64_t count_, fail_after_, next_ = 1;
};

struct PolicyFixture {
  CheckedPolicy policy;
  PolicyFixture() {
    policy.schema.lead.fields.push_back(
        FieldSchema{"n", "n", {"n"}, policy.types.number(), false, {}, {}});
  }
};

std::string run(const CheckedPolicy& policy, io::LeadReader& reader, unsigned jobs,
                EvalStats* stats_out = nullptr, present::OutputFormat format = present::OutputFormat::ndjson) {
  auto writer = present::make_result_writer(format, policy, {});
  EvalSettings settings;
  settings.jobs = jobs;
  settings.batch_size = 10;
  std::string out;
  const EvalStats stats =
      run_eval_pipeline(policy, reader, *writer, settings, [&](std::string_view b) { out += b; });
  if (stats_out != nullptr) *stats_out = stats;
  return out;
}

std::size_t line_count(const std::string& text) {
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

}  // namespace

TEST_CASE("pipeline: one line per record, in order, errors in place") {
  PolicyFixture f;
  CountingReader reader(15);
  EvalStats stats;
  const std::string out = run(f.policy, reader, 1, &stats);
  CHECK(line_count(out) == 15);
  CHECK(out.rfind("{\"id\":1,\"stage\":null,\"because\":null,\"scores\":{},\"icp\":{},\"gates\":{}}\n"
                  "{\"id\":2,",
                  0) == 0);
  CHECK(out.find("{\"record\":7,\"error\":\"n: expected a number, got \\\"x\\\"\"}\n{\"id\":8,") !=
        std::string::npos);
  CHECK(stats.records == 15);
  CHECK(stats.errors == 2);
  CHECK(stats.no_stage == 13);
}

TEST_CASE("pipeline: worker threads give the same bytes as one thread") {
  PolicyFixture f;
  CountingReader one(2503), many(2503);
  const std::string expected = run(f.policy, one, 1);
  EvalStats stats;
  CHECK(run(f.policy, many, 4, &stats) == expected);
  CHECK(stats.records == 2503);
  CHECK(stats.errors == 2503 / 7);
}

TEST_CASE("pipeline: the table writer (stateful) with threads keeps order too") {
  PolicyFixture f;
  CountingReader one(300), many(300);
  const std::string expected = run(f.policy, one, 1, nullptr, present::OutputFormat::table);
  CHECK(run(f.policy, many, 3, nullptr, present::OutputFormat::table) == expected);
  CHECK(line_count(expected) == 301);  // the header, then one row per record
}

TEST_CASE("pipeline: an input error stops the run and is rethrown, threads joined") {
  PolicyFixture f;
  for (const unsigned jobs : {1u, 3u}) {
    CountingReader reader(1000, 55);
    CHECK_THROWS_AS(run(f.policy, reader, jobs), io::InputError);
  }
}

TEST_CASE("pipeline: an empty input writes only the header") {
  PolicyFixture f;
  CountingReader reader(0);
  CHECK(run(f.policy, reader, 2, nullptr, present::OutputFormat::csv) == "id,stage,because,error\n");
}

TEST_CASE("input chain: record numbers continue from file to file (R45)") {
  PolicyFixture f;
  const std::string dir = std::string(P_tmpdir) + "/";
  const std::string a = dir + "qualify_cli_chain_a.ndjson";
  const std::string b = dir + "qualify_cli_chain_b.csv";
  {
    std::FILE* fa = std::fopen(a.c_str(), "wb");
    std::fputs("{\"n\":1}\n\n{\"n\":2}\n", fa);
    std::fclose(fa);
    std::FILE* fb = std::fopen(b.c_str(), "wb");
    std::fputs("n\n3\nfour\n", fb);
    std::fclose(fb);
  }
  InputChain chain({{a, io::InputFormat::ndjson}, {b, io::InputFormat::csv}}, f.policy.schema);
  io::ReadItem item;
  std::vector<std::uint64_t> numbers;
  std::vector<bool> ok;
  while (chain.next(item)) {
    numbers.push_back(item.number);
    ok.push_back(item.ok);
  }
  CHECK(numbers == std::vector<std::uint64_t>{1, 2, 3, 4});
  CHECK(ok == std::vector<bool>{true, true, true, false});
  std::remove(a.c_str());
  std::remove(b.c_str());

  InputChain missing({{dir + "qualify_cli_no_such_file.ndjson", io::InputFormat::ndjson}},
                     f.policy.schema);
  CHECK_THROWS_AS(missing.next(item), io::InputError);
}

TEST_CASE("pipeline: workers parsing NDJSON give the bytes of one thread, errors in place") {
  PolicyFixture f;
  const std::string dir = std::string(P_tmpdir) + "/";
  const std::string a = dir + "qualify_cli_jobs_a.ndjson";
  const std::string b = dir + "qualify_cli_jobs_b.csv";
  {
    std::FILE* fa = std::fopen(a.c_str(), "wb");
    for (int i = 1; i <= 700; ++i) {
      if (i % 11 == 0) {
        std::fputs("{\"n\": oops}\n", fa);
      } else if (i % 13 == 0) {
        std::fputs("{\"n\":\"many\"}\n\n", fa);
      } else {
        std::fprintf(fa, "{\"n\":%d}\n", i);
      }
    }
    std::fclose(fa);
    std::FILE* fb = std::fopen(b.c_str(), "wb");
    std::fputs("n\n3\nfour\n5\n", fb);
    std::fclose(fb);
  }
  const std::vector<InputSpec> inputs{{a, io::InputFormat::ndjson}, {b, io::InputFormat::csv}};
  InputChain one(inputs, f.policy.schema);
  EvalStats expected_stats;
  const std::string expected = run(f.policy, one, 1, &expected_stats);
  CHECK(line_count(expected) == 703);
  CHECK(expected.find("{\"record\":11,\"error\":\"invalid JSON") != std::string::npos);
  for (const unsigned jobs : {2u, 3u}) {
    InputChain many(inputs, f.policy.schema);
    EvalStats stats;
    CHECK(run(f.policy, many, jobs, &stats) == expected);
    CHECK(stats.records == expected_stats.records);
    CHECK(stats.errors == expected_stats.errors);
  }
  std::remove(a.c_str());
  std::remove(b.c_str());
}
