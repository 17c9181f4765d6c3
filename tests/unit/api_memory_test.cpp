// Stage memory through Policy::evaluate_stream (`eval --previous`), on random leads and random
// previous results: running again with the first run's results, NDJSON or CSV, changes nothing
// when the leads did not change, and a lead's `since` stays the date it entered its stage.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <unistd.h>
#include <vector>

#include <fmt/format.h>

#include "qualify/qualify.hpp"

namespace fs = std::filesystem;

namespace {

const char* const fields = R"(fields {
  id:             text
  demo_requested: bool
  clicks:         number?
}

score engagement from 0 to 100 {
  +5  per clicks up to 20
  +20 when demo_requested
}
)";

// Reads its memory; each line that reads it gives the same stage again on its own result.
const char* const remembering_funnel = R"(
funnel {
  sql      when demo_requested                                                   as "demo request"
  sql      when previous.stage = "sql" and days_in_stage <= 30                   as "still an SQL"
  mql      when engagement >= 15
  nurture  when previous.stage = "nurture" or
                (previous.stage = "mql" and days_in_stage > 14 and engagement < 15) as "stuck MQL"
  prospect otherwise
}
)";

// Does not read it: --previous only carries `since`.
const char* const plain_funnel = R"(
funnel {
  sql      when demo_requested
  mql      when engagement >= 15
  prospect otherwise
}
)";

std::shared_ptr<const qualify::Policy> compile(const std::string& funnel) {
  qualify::Compiled result = qualify::compile(std::string(fields) + funnel);
  if (!result.ok()) throw std::runtime_error(result.diagnostics_text());
  return result.policy;
}

struct TempFile {
  fs::path path;
  TempFile(const std::string& name, const std::string& text)
      : path(fs::temp_directory_path() / ("qualify-memory-" + std::to_string(getpid()) + "-" + name)) {
    std::ofstream(path, std::ios::binary) << text;
  }
  ~TempFile() {
    std::error_code ec;
    fs::remove(path, ec);
  }
};

struct Run {
  qualify::StreamReport report;
  std::string out;
  std::vector<std::string> warnings;
};

Run run(const qualify::Policy& policy, const fs::path& leads, const std::optional<qualify::LeadInput>& previous,
        const std::string& as_of, qualify::OutputFormat format = qualify::OutputFormat::ndjson) {
  qualify::StreamOptions options;
  options.as_of = as_of;
  options.previous = previous;
  options.format = format;
  options.jobs = 2;
  Run result;
  qualify::StreamOutput output;
  output.write = [&result](std::string_view bytes) { result.out += bytes; };
  output.warning = [&result](const std::string& w) { result.warnings.push_back(w); };
  result.report = policy.evaluate_stream({{leads.string(), qualify::InputFormat::ndjson}}, output, options);
  return result;
}

std::string random_leads(std::mt19937& rng, int count) {
  std::string text;
  for (int i = 1; i <= count; ++i) {
    text += "{\"id\":\"R-" + std::to_string(i) + "\",\"demo_requested\":" + (rng() % 5 == 0 ? "true" : "false");
    if (rng() % 6 != 0) text += ",\"clicks\":" + std::to_string(rng() % 6);
    text += "}\n";
  }
  return text;
}

// Random earlier results: some leads absent, stages of the funnel (and one it lacks), dates
// before the run, sometimes no since.
std::string random_previous(std::mt19937& rng, int count) {
  const char* stages[] = {"sql", "mql", "nurture", "prospect", "trial"};
  std::string text;
  for (int i = 1; i <= count; ++i) {
    if (rng() % 4 == 0) continue;
    text += "{\"id\":\"R-" + std::to_string(i) + "\",\"stage\":\"" + stages[rng() % 5] + "\"";
    if (rng() % 8 != 0) {
      const int day = 1 + static_cast<int>(rng() % 28);
      text += std::string(",\"since\":\"2026-") + (rng() % 2 ? "09" : "10") + "-" + (day < 10 ? "0" : "") +
              std::to_string(day) + "\"";
    }
    text += "}\n";
  }
  return text;
}

}  // namespace

TEST_CASE("memory: running again on the first run's results changes nothing (random leads)") {
  const auto policy = compile(remembering_funnel);
  for (unsigned seed = 1; seed <= 20; ++seed) {
    CAPTURE(seed);
    std::mt19937 rng(seed);
    TempFile leads("leads.ndjson", random_leads(rng, 200));
    TempFile previous("previous.ndjson", random_previous(rng, 200));
    const Run first = run(*policy, leads.path, qualify::LeadInput{previous.path.string()}, "2026-11-01");
    REQUIRE(first.report.ok());
    CHECK(first.out.find("\"since\":") != std::string::npos);

    TempFile first_ndjson("first.ndjson", first.out);
    const Run again = run(*policy, leads.path, qualify::LeadInput{first_ndjson.path.string()}, "2026-11-01");
    CHECK(again.out == first.out);
    CHECK(again.warnings.empty());

    const Run first_csv = run(*policy, leads.path, qualify::LeadInput{previous.path.string()}, "2026-11-01",
                              qualify::OutputFormat::csv);
    TempFile csv("first.csv", first_csv.out);
    const Run from_csv =
        run(*policy, leads.path, qualify::LeadInput{csv.path.string(), qualify::InputFormat::csv}, "2026-11-01");
    CHECK(from_csv.out == first.out);
  }
}

TEST_CASE("memory: without memory in the policy, since is the first run's date on every later run") {
  const auto policy = compile(plain_funnel);
  std::mt19937 rng(7);
  TempFile leads("plain.ndjson", random_leads(rng, 100));
  const Run first = run(*policy, leads.path, std::nullopt, "2026-11-01");
  CHECK(first.out.find("\"since\"") == std::string::npos);  // bytes as before stage memory
  const Run with_since = run(*policy, leads.path, qualify::LeadInput{leads.path.string()}, "2026-11-01");
  TempFile first_results("plain-first.ndjson", with_since.out);
  const Run later = run(*policy, leads.path, qualify::LeadInput{first_results.path.string()}, "2026-12-15");
  std::istringstream a(with_since.out), b(later.out);
  std::string before, after;
  int lines = 0;
  while (std::getline(a, before) && std::getline(b, after)) {
    ++lines;
    CHECK(before == after);  // same stage, same since
    CHECK(after.find("\"since\":\"2026-11-01\"") != std::string::npos);
  }
  CHECK(lines == 100);
}

TEST_CASE("memory: overdue writes exactly the full run's overdue and error lines, in order (random leads)") {
  const auto policy = compile(R"(
funnel {
  sql      when demo_requested
  mql      when engagement >= 15
  prospect otherwise
  sla mql within 3 days
  sla sql within 2 weeks
}
)");
  for (unsigned seed = 1; seed <= 20; ++seed) {
    CAPTURE(seed);
    std::mt19937 rng(seed);
    std::string leads_text = random_leads(rng, 200);
    leads_text += "{\"id\":\"R-bad\",\"demo_requested\":\"maybe\"}\n";
    TempFile leads("sla-leads.ndjson", leads_text);
    TempFile previous("sla-previous.ndjson", random_previous(rng, 200));
    const qualify::LeadInput previous_input{previous.path.string()};
    const Run full = run(*policy, leads.path, previous_input, "2026-11-01");
    REQUIRE(full.report.ok());
    std::string expected;
    std::istringstream lines(full.out);
    for (std::string line; std::getline(lines, line);)
      if (line.find("\"overdue\":true") != std::string::npos || line.find("\"error\"") != std::string::npos)
        expected += line + "\n";
    CHECK(expected.find("\"overdue\":true") != std::string::npos);

    qualify::StreamOptions options;
    options.as_of = "2026-11-01";
    options.previous = previous_input;
    options.overdue = true;
    options.jobs = 2;
    std::string overdue;
    qualify::StreamOutput output;
    output.write = [&overdue](std::string_view bytes) { overdue += bytes; };
    const qualify::StreamReport report =
        policy->evaluate_stream({{leads.path.string(), qualify::InputFormat::ndjson}}, output, options);
    REQUIRE(report.ok());
    CHECK(overdue == expected);
    CHECK(report.stats.records == 201);  // every record is counted, written or not
  }
}

TEST_CASE("memory: an hour sla's since keeps its time of day from run to run (random leads)") {
  const auto policy = compile(R"(
funnel {
  sql      when demo_requested
  mql      when engagement >= 15
  prospect otherwise
  sla mql within 3 days
  sla sql within 4 hours
}
)");
  for (unsigned seed = 1; seed <= 10; ++seed) {
    CAPTURE(seed);
    std::mt19937 rng(seed);
    TempFile leads("hours-leads.ndjson", random_leads(rng, 100));
    // Earlier results at random times of the day before, some with an offset, some date-only.
    std::string previous_text;
    for (int i = 1; i <= 100; ++i) {
      if (rng() % 4 == 0) continue;
      const auto hour = rng() % 24, minute = rng() % 60;
      std::string since = fmt::format("2026-11-01T{:02}:{:02}:00Z", hour, minute);
      if (rng() % 5 == 0) since = "2026-11-01";
      if (rng() % 5 == 0) since = fmt::format("2026-11-01T{:02}:{:02}:00+02:00", hour, minute);
      previous_text += fmt::format("{{\"id\":\"R-{}\",\"stage\":\"{}\",\"since\":\"{}\"}}\n", i,
                                   rng() % 2 ? "sql" : "mql", since);
    }
    TempFile previous("hours-previous.ndjson", previous_text);
    const Run first = run(*policy, leads.path, qualify::LeadInput{previous.path.string()}, "2026-11-02T08:30:00Z");
    REQUIRE(first.report.ok());
    CHECK(first.out.find("\"age_hours\":") != std::string::npos);
    TempFile first_results("hours-first.ndjson", first.out);
    const Run again =
        run(*policy, leads.path, qualify::LeadInput{first_results.path.string()}, "2026-11-02T08:30:00Z");
    REQUIRE(again.report.ok());
    CHECK(again.out == first.out);
    // Every sql's since is a UTC date-time; every other since a date.
    std::istringstream lines(first.out);
    for (std::string line; std::getline(lines, line);) {
      if (line.find("\"stage\":\"sql\"") != std::string::npos)
        CHECK(line.find("Z\",\"sla\":{\"within\":\"4 hours\",\"age_hours\":") != std::string::npos);
      else if (const auto at = line.find("\"since\":\""); at != std::string::npos)
        CHECK(line.substr(at + 19, 1) == "\"");  // "since":"YYYY-MM-DD", no time
    }
  }
}

TEST_CASE("memory: one lead's hour sla through the API, measured at a date-time as_of") {
  const auto policy = compile(R"(
funnel {
  sql      when demo_requested
  prospect otherwise
  sla sql within 4 hours
}
)");
  qualify::EvalOptions options;
  options.as_of = "2026-11-02T05:30:00+01:00";
  const qualify::Result result = policy->evaluate_json(
      R"({"id":"A-1","demo_requested":true,"clicks":1,"previous":{"stage":"sql","since":"2026-11-02T03:00:00Z"}})",
      options);
  REQUIRE(result.status == qualify::Status::ok);
  // The lead's own previous is a date: 00:00 UTC, so 4 hours 30 minutes old at 04:30 UTC.
  CHECK(result.json.find("\"since\":\"2026-11-02T00:00:00Z\",\"sla\":{\"within\":\"4 hours\",\"age_hours\":4,"
                         "\"overdue\":false}") != std::string::npos);
  // The explanation says it too: in the JSON tree after because, in text under the stage.
  options.explain = qualify::Explain::json;
  const qualify::Result json = policy->evaluate_json(
      R"({"id":"A-1","demo_requested":true,"clicks":1,"previous":{"stage":"sql","since":"2026-11-01"}})", options);
  CHECK(json.explain.find("\"because\":\"demo_requested\",\"sla\":{\"within\":\"4 hours\",\"age_hours\":28,"
                          "\"overdue\":true},\"as_of\":\"2026-11-02\"") != std::string::npos);
  options.explain = qualify::Explain::text;
  const qualify::Result text = policy->evaluate_json(
      R"({"id":"A-1","demo_requested":true,"clicks":1,"previous":{"stage":"sql","since":"2026-11-01"}})", options);
  CHECK(text.explain.find("sla: sql within 4 hours — age 28 hours, overdue by 24 hours\n") != std::string::npos);
}
