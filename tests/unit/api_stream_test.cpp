// Policy::evaluate_stream(): `qualify eval`'s run through the public API: every result line as
// evaluate_json gives it, the csv and table writers, --jobs, --keep, --unreadable missing,
// input failures and bad options as values, and several streams on one Policy at once.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <unistd.h>
#include <vector>

#include "qualify/qualify.hpp"

namespace fs = std::filesystem;

namespace {

const char* const policy_text = R"(policy "stream test" version 1

fields {
  id:       text
  budget:   number?
  industry: text?
}

score interest from 0 to 100 {
  +40 when budget >= 10000 as "big budget"
  +20 when industry = "fintech"
}

funnel {
  hot  when interest >= 40 as "big budget"
  warm when interest >= 20
  cold otherwise
}
)";

// Compiled once; a policy that does not compile fails every test case that uses it.
const std::shared_ptr<const qualify::Policy>& policy() {
  static const std::shared_ptr<const qualify::Policy> compiled = [] {
    qualify::Compiled result = qualify::compile(policy_text);
    if (!result.ok()) throw std::runtime_error(result.diagnostics_text());
    return result.policy;
  }();
  return compiled;
}

struct TempFile {
  fs::path path;
  TempFile(const std::string& name, const std::string& text)
      : path(fs::temp_directory_path() / ("qualify-stream-" + std::to_string(getpid()) + "-" + name)) {
    std::ofstream(path, std::ios::binary) << text;
  }
  ~TempFile() {
    std::error_code ec;
    fs::remove(path, ec);
  }
};

std::string lead_line(int i) {
  std::string industry = i % 3 == 0 ? "fintech" : "retail";
  std::string budget = i % 7 == 0 ? "null" : std::to_string(i * 173 % 20000);
  return "{\"id\": \"L" + std::to_string(i) + "\", \"budget\": " + budget + ", \"industry\": \"" +
         industry + "\"}";
}

std::string ndjson_leads(int count) {
  std::string text;
  for (int i = 1; i <= count; ++i) text += lead_line(i) + "\n";
  return text;
}

struct Run {
  qualify::StreamReport report;
  std::string out;
};

Run run(const std::vector<qualify::LeadInput>& inputs, qualify::StreamOptions options) {
  if (!options.as_of) options.as_of = "2026-11-01";
  Run result;
  qualify::StreamOutput output;
  output.write = [&result](std::string_view bytes) { result.out += bytes; };
  result.report = policy()->evaluate_stream(inputs, output, options);
  return result;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

}  // namespace

TEST_CASE("a stream's lines are evaluate_json's lines, record numbers continuing across files") {
  TempFile first("first.ndjson", ndjson_leads(5));
  TempFile second("second.ndjson", "{\"id\": \"X\", \"budget\": \"lots\"}\n" + lead_line(6) + "\n");
  const Run r = run({{first.path.string(), qualify::InputFormat::ndjson},
                     {second.path.string(), qualify::InputFormat::ndjson}},
                    {});
  REQUIRE(r.report.ok());
  const std::vector<std::string> lines = lines_of(r.out);
  REQUIRE(lines.size() == 7);
  qualify::EvalOptions one;
  one.as_of = "2026-11-01";
  for (int i = 1; i <= 5; ++i) CHECK(lines[i - 1] == policy()->evaluate_json(lead_line(i), one).json);
  one.record_number = 6;  // the bad record of the second file is record 6 of the stream
  CHECK(lines[5] == policy()->evaluate_json("{\"id\": \"X\", \"budget\": \"lots\"}", one).json);
  CHECK(lines[5].find("\"error\"") != std::string::npos);

  CHECK(r.report.stats.records == 7);
  CHECK(r.report.stats.errors == 1);
  std::uint64_t staged = 0;
  for (const auto& [stage, count] : r.report.stats.stages) staged += count;
  CHECK(staged + r.report.stats.no_stage == 6);
  REQUIRE(r.report.stats.stages.size() == 3);
  CHECK(r.report.stats.stages[0].first == "hot");
}

TEST_CASE("jobs > 1 writes the same bytes, in input order, as one thread") {
  TempFile leads("many.ndjson", ndjson_leads(3000));
  qualify::StreamOptions options;
  options.explain = qualify::ExplainDetail::compact;
  options.jobs = 1;
  const Run single = run({{leads.path.string(), qualify::InputFormat::ndjson}}, options);
  options.jobs = 3;
  const Run threaded = run({{leads.path.string(), qualify::InputFormat::ndjson}}, options);
  REQUIRE(single.report.ok());
  REQUIRE(threaded.report.ok());
  CHECK(lines_of(single.out).size() == 3000);
  CHECK(single.out == threaded.out);
  CHECK(single.out.find("\"explain\"") != std::string::npos);
}

TEST_CASE("csv and table results, with why-not, from a CSV input") {
  TempFile leads("leads.csv", "id,budget,industry\nA,20000,fintech\nB,50,retail\n");
  qualify::StreamOptions options;
  options.format = qualify::OutputFormat::csv;
  options.why_not = "hot";
  const Run csv = run({{leads.path.string(), qualify::InputFormat::csv}}, options);
  REQUIRE(csv.report.ok());
  const std::vector<std::string> rows = lines_of(csv.out);  // why-not cells span lines
  REQUIRE(rows.size() > 3);
  CHECK(rows[0] == "id,stage,because,interest,error,why_not");
  CHECK(rows[1].rfind("A,hot,big budget,60,,", 0) == 0);
  CHECK(csv.out.find("\nB,cold,otherwise,0,,\"why not hot:") != std::string::npos);

  options.format = qualify::OutputFormat::table;
  options.why_not.reset();
  const Run table = run({{leads.path.string(), qualify::InputFormat::csv}}, options);
  REQUIRE(table.report.ok());
  CHECK(table.out.find("hot") != std::string::npos);
  CHECK(table.out != csv.out);
}

TEST_CASE("keep carries input columns into each result line") {
  TempFile leads("keep.ndjson", "{\"id\": \"A\", \"budget\": 1, \"crm\": \"C-9\"}\n");
  qualify::StreamOptions options;
  options.keep = {"crm"};
  const Run r = run({{leads.path.string(), qualify::InputFormat::ndjson}}, options);
  REQUIRE(r.report.ok());
  CHECK(r.out.find("\"input\":{\"crm\":\"C-9\"}") != std::string::npos);
}

TEST_CASE("unreadable_missing reads a bad value as missing for that stream only") {
  TempFile leads("unreadable.ndjson", "{\"id\": \"A\", \"budget\": \"lots\"}\n");
  qualify::StreamOptions options;
  options.unreadable_missing = true;
  options.summary = true;
  const Run r = run({{leads.path.string(), qualify::InputFormat::ndjson}}, options);
  REQUIRE(r.report.ok());
  CHECK(r.report.stats.errors == 0);
  CHECK(r.out.find("\"error\"") == std::string::npos);
  REQUIRE(r.report.data_warnings.size() == 1);
  CHECK(r.report.data_warnings[0].find("budget") != std::string::npos);
  CHECK(r.report.summary.find("1 record") != std::string::npos);
  // The policy itself is unchanged: evaluating the same lead again without the option fails.
  const qualify::Result again = policy()->evaluate_json("{\"id\": \"A\", \"budget\": \"lots\"}");
  CHECK(again.status == qualify::Status::bad_record);
  const Run plain = run({{leads.path.string(), qualify::InputFormat::ndjson}}, {});
  CHECK(plain.report.stats.errors == 1);
}

TEST_CASE("a key no JSON record had is an input warning after the run") {
  std::string text;  // an optional field's key is looked for over enough records
  for (int i = 0; i < 200; ++i) text += "{\"id\": \"L" + std::to_string(i) + "\", \"budget\": 1}\n";
  TempFile leads("absent.ndjson", text);
  const Run r = run({{leads.path.string(), qualify::InputFormat::ndjson}}, {});
  REQUIRE(r.report.ok());
  REQUIRE(r.report.input_warnings.size() == 1);
  CHECK(r.report.input_warnings[0].find("industry") != std::string::npos);
}

TEST_CASE("an input that cannot be opened is an input_error, after the results before it") {
  TempFile leads("before.ndjson", ndjson_leads(2));
  const Run r = run({{leads.path.string(), qualify::InputFormat::ndjson},
                     {"/nonexistent/qualify/leads.ndjson", qualify::InputFormat::ndjson}},
                    {});
  CHECK(r.report.status == qualify::StreamStatus::input_error);
  CHECK(r.report.error.find("/nonexistent/qualify/leads.ndjson") != std::string::npos);
  CHECK(lines_of(r.out).size() == 2);
  CHECK(r.report.stats.records == 2);
}

TEST_CASE("invalid options are bad_argument before anything is read") {
  TempFile leads("args.ndjson", ndjson_leads(1));
  const std::vector<qualify::LeadInput> inputs{{leads.path.string(), qualify::InputFormat::ndjson}};
  qualify::StreamOptions options;
  options.as_of = "2026-02-30";
  Run r = run(inputs, options);
  CHECK(r.report.status == qualify::StreamStatus::bad_argument);
  CHECK(r.report.error.find("2026-02-30") != std::string::npos);
  CHECK(r.out.empty());

  options = {};
  options.why_not = "lukewarm";
  r = run(inputs, options);
  CHECK(r.report.status == qualify::StreamStatus::bad_argument);
  CHECK(r.report.error.find("lukewarm") != std::string::npos);

  options = {};
  options.keep = {"crm"};
  options.format = qualify::OutputFormat::table;
  r = run(inputs, options);
  CHECK(r.report.status == qualify::StreamStatus::bad_argument);
  CHECK(r.out.empty());

  options = {};
  options.keep = {"crm", ""};
  r = run(inputs, options);
  CHECK(r.report.status == qualify::StreamStatus::bad_argument);
  CHECK(r.report.error == "keep: an empty column name");
}

TEST_CASE("an exception from the output stops the run and leaves evaluate_stream") {
  TempFile leads("throw.ndjson", ndjson_leads(500));
  qualify::StreamOutput output;
  output.write = [](std::string_view) { throw std::runtime_error("disk full"); };
  qualify::StreamOptions options;
  options.jobs = 2;
  CHECK_THROWS_WITH_AS(policy()->evaluate_stream({{leads.path.string(), qualify::InputFormat::ndjson}},
                                                 output, options),
                       "disk full", std::runtime_error);
}

TEST_CASE("several streams on one Policy at once, each with its own options, each as if alone") {
  TempFile leads("shared.ndjson", ndjson_leads(2000));
  const std::vector<qualify::LeadInput> inputs{{leads.path.string(), qualify::InputFormat::ndjson}};
  qualify::StreamOptions plain, tree;
  tree.explain = qualify::ExplainDetail::tree;
  tree.format = qualify::OutputFormat::csv;
  tree.unreadable_missing = true;
  const Run expected_plain = run(inputs, plain);
  const Run expected_tree = run(inputs, tree);
  std::vector<Run> runs(6);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < runs.size(); ++t) {
    threads.emplace_back([&, t] { runs[t] = run(inputs, t % 2 == 0 ? plain : tree); });
  }
  for (std::thread& thread : threads) thread.join();
  for (std::size_t t = 0; t < runs.size(); ++t) {
    CHECK(runs[t].out == (t % 2 == 0 ? expected_plain.out : expected_tree.out));
  }
}

TEST_CASE("ledger: evaluate_json gives each score's rules as values and in its line") {
  qualify::EvalOptions options;
  options.as_of = "2026-11-01";
  options.ledger = true;
  const qualify::Result result =
      policy()->evaluate_json(R"({"id": "L", "budget": 20000, "industry": "fintech"})", options);
  REQUIRE(result.ok());
  REQUIRE(result.ledger.size() == 1);
  CHECK(result.ledger[0].first == "interest");
  const auto& entries = result.ledger[0].second;
  REQUIRE(entries.size() == 2);
  CHECK(entries[0].rule == "big budget");
  CHECK(entries[0].line == 10);
  CHECK(entries[0].file.empty());
  CHECK(entries[0].points == 40.0);
  CHECK(entries[1].rule == "+20 when industry = \"fintech\"");
  CHECK(entries[1].line == 11);
  CHECK(entries[1].points == 20.0);
  CHECK(result.json ==
        "{\"id\":\"L\",\"stage\":\"hot\",\"because\":\"big budget\",\"scores\":{\"interest\":60},\"icp\":{},"
        "\"gates\":{},\"ledger\":{\"interest\":[{\"rule\":\"big budget\",\"line\":10,\"points\":40},"
        "{\"rule\":\"+20 when industry = \\\"fintech\\\"\",\"line\":11,\"points\":20}]}}");

  // A missing budget: the rule might count, the data does not say.
  const qualify::Result unknown = policy()->evaluate_json(R"({"id": "M", "industry": "retail"})", options);
  REQUIRE(unknown.ledger.size() == 1);
  REQUIRE(unknown.ledger[0].second.size() == 1);
  CHECK(!unknown.ledger[0].second[0].points.has_value());

  options.ledger = false;
  const qualify::Result plain = policy()->evaluate_json(R"({"id": "L", "budget": 20000})", options);
  CHECK(plain.ledger.empty());
  CHECK(plain.json.find("ledger") == std::string::npos);
}

TEST_CASE("ledger and audit: a stream's lines carry them, with or without explain, on any thread count") {
  TempFile leads("ledger.ndjson", ndjson_leads(400) + "{\"id\": \"X\", \"budget\": \"lots\"}\n");
  qualify::StreamOptions options;
  options.ledger = true;
  options.audit = true;
  options.jobs = 1;
  const Run single = run({{leads.path.string(), qualify::InputFormat::ndjson}}, options);
  options.jobs = 3;
  const Run threaded = run({{leads.path.string(), qualify::InputFormat::ndjson}}, options);
  REQUIRE(single.report.ok());
  CHECK(single.out == threaded.out);
  const std::vector<std::string> lines = lines_of(single.out);
  REQUIRE(lines.size() == 401);
  // The stamp of a compiled text: its name, its version, the sha256 of its bytes.
  const std::string stamp = ",\"policy\":\"policy.qpl\",\"version\":1,\"sha256\":\"";
  for (const std::string& line : lines) CHECK(line.find(stamp) != std::string::npos);
  CHECK(lines[400].rfind("{\"record\":401,\"id\":\"X\",\"error\":", 0) == 0);
  qualify::EvalOptions one;
  one.as_of = "2026-11-01";
  one.ledger = true;
  // evaluate_json's line is the stream's line without the stamp.
  const std::string json = policy()->evaluate_json(lead_line(3), one).json;
  CHECK(lines[2].substr(0, lines[2].find(stamp)) + "}" == json);

  options.explain = qualify::ExplainDetail::compact;  // the traced evaluation keeps the same ledger
  const Run traced = run({{leads.path.string(), qualify::InputFormat::ndjson}}, options);
  const std::vector<std::string> traced_lines = lines_of(traced.out);
  REQUIRE(traced_lines.size() == 401);
  for (std::size_t i = 0; i < 400; ++i) {
    const std::size_t at = traced_lines[i].find(",\"explain\":");
    REQUIRE(at != std::string::npos);
    CHECK(traced_lines[i].substr(0, at) + "}" == lines[i]);
  }
}

namespace {

const char* const account_policy_text = R"(fields {
  id:     text
  domain: text
  budget: number
}

account by domain {
  let total = sum(budget of contacts)
}

funnel {
  big   when account.total >= 100
  small otherwise
}
)";

TEST_CASE("stream: a policy with an account block reads its files twice and writes its accounts") {
  qualify::Compiled compiled = qualify::compile(account_policy_text);
  REQUIRE(compiled.ok());
  CHECK(compiled.policy->declares_accounts());
  CHECK_FALSE(policy()->declares_accounts());
  const TempFile leads("accounts.ndjson", "{\"id\":\"1\",\"domain\":\"a\",\"budget\":60}\n"
                                          "{\"id\":\"2\",\"domain\":\"b\",\"budget\":60}\n"
                                          "{\"id\":\"3\",\"domain\":\"a\",\"budget\":50}\n");
  std::string out, accounts;
  qualify::StreamOutput output;
  output.write = [&out](std::string_view bytes) { out += bytes; };
  output.accounts = [&accounts](std::string_view bytes) { accounts += bytes; };
  qualify::StreamOptions options;
  options.as_of = "2026-11-01";
  options.accounts = qualify::OutputFormat::ndjson;
  for (const unsigned jobs : {1u, 2u}) {
    out.clear();
    accounts.clear();
    options.jobs = jobs;
    const qualify::StreamReport report =
        compiled.policy->evaluate_stream({{leads.path.string(), qualify::InputFormat::ndjson}}, output, options);
    REQUIRE(report.ok());
    CHECK(out.find("{\"id\":\"1\",\"stage\":\"big\"") == 0);
    CHECK(out.find("{\"id\":\"2\",\"stage\":\"small\"") != std::string::npos);
    CHECK(accounts == "{\"account\":\"a\",\"contacts\":2,\"values\":{\"total\":110}}\n"
                      "{\"account\":\"b\",\"contacts\":1,\"values\":{\"total\":60}}\n");
  }
  // Stdin cannot be read twice; accounts of a policy without a block, or as a table, are refused.
  const qualify::StreamReport from_stdin =
      compiled.policy->evaluate_stream({{"-", qualify::InputFormat::ndjson}}, output, options);
  CHECK(from_stdin.status == qualify::StreamStatus::bad_argument);
  CHECK(policy()->evaluate_stream({{leads.path.string(), qualify::InputFormat::ndjson}}, output, options).status ==
        qualify::StreamStatus::bad_argument);
  options.accounts = qualify::OutputFormat::table;
  CHECK(compiled.policy->evaluate_stream({{leads.path.string(), qualify::InputFormat::ndjson}}, output, options).status ==
        qualify::StreamStatus::bad_argument);
}

}  // namespace
