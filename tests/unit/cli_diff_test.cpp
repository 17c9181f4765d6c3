// `qualify diff`'s engine on generated policy pairs: the transition counts equal those of two
// separate evaluations joined by id, the cells add up to the records, and the report is the same
// whatever the thread count. Also the score sketch and --fail-on.
#include <doctest/doctest.h>

#include <cstdio>
#include <map>
#include <random>
#include <string>

#include <fmt/core.h>

#include "diff/diff_pipeline.hpp"
#include "diff/diff_report.hpp"
#include "cli/diff/fail_on.hpp"
#include "diff/score_sketch.hpp"
#include "eval/evaluator.hpp"
#include "model/schema_equal.hpp"
#include "sema/load.hpp"

using namespace qpl;
using namespace qpl::cli;
using namespace qpl::diff;

namespace {

constexpr std::int32_t today = 20'000;  // 2024-10-04

// A policy with random thresholds, lists and stage names; its `size` field is sometimes
// required (then a lead without one cannot be read) and its `clicks` sometimes text.
std::string random_policy(std::mt19937& rng) {
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  static const char* countries[] = {"\"FR\"", "\"DE\"", "\"ES\"", "\"IT\"", "\"US\""};
  std::string list;
  for (const char* c : countries) {
    if (pick(0, 1) == 1) list += (list.empty() ? "" : ", ") + std::string(c);
  }
  if (list.empty()) list = "\"FR\"";
  static const char* hot[] = {"sql", "hot", "sales_ready"};
  static const char* warm[] = {"mql", "warm"};
  const bool clicks_text = pick(0, 4) == 0;
  return fmt::format(
      "fields {{\n  id: text\n  size: number{}\n  clicks: {}\n  country: text\n}}\n"
      "icp fit {{\n  require size between {} and {}\n  require country in [{}]\n}}\n"
      "score engagement from 0 to 100 {{\n  +{} per {} up to {}\n  +{} when country = \"FR\"\n}}\n"
      "funnel {{\n  out when not fit\n  {} when fit and engagement >= {}\n  {} when engagement >= {}\n"
      "{}}}\n",
      pick(0, 3) == 0 ? "" : "?", clicks_text ? "text?" : "number?", pick(0, 50), pick(100, 2000), list,
      pick(1, 10), clicks_text ? "length(clicks)" : "clicks", pick(20, 80), pick(0, 30),
      hot[pick(0, 2)], pick(20, 90), warm[pick(0, 1)], pick(5, 50),
      pick(0, 1) == 1 ? "  cold otherwise\n" : "  prospect otherwise\n");
}

std::string random_leads(std::mt19937& rng, int count) {
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  static const char* countries[] = {"FR", "DE", "ES", "IT", "US", "BR"};
  std::string out;
  for (int i = 1; i <= count; ++i) {
    std::string size = pick(0, 6) == 0 ? "" : fmt::format(",\"size\":{}", pick(0, 3000));
    std::string clicks = pick(0, 5) == 0 ? "" : pick(0, 8) == 0 ? ",\"clicks\":\"many\"" : fmt::format(",\"clicks\":{}", pick(0, 30));
    out += fmt::format("{{\"id\":\"L-{}\"{}{},\"country\":\"{}\"}}\n", i, size, clicks, countries[pick(0, 5)]);
  }
  if (pick(0, 1) == 1) out += "{not json\n";  // unreadable by both
  return out;
}

std::unique_ptr<CheckedPolicy> load(const std::string& text) {
  sema::LoadResult loaded = sema::load_policy_text("generated.qpl", text);
  REQUIRE_MESSAGE(loaded.ok(), text);
  return std::move(loaded.policy);
}

struct MemoryFile {
  explicit MemoryFile(std::string text) : text_(std::move(text)) {
    file = fmemopen(text_.data(), text_.size(), "rb");
    REQUIRE(file != nullptr);
  }
  ~MemoryFile() { std::fclose(file); }
  std::string text_;
  std::FILE* file = nullptr;
};

// What `qualify eval POLICY` gives per id: the stage, "none", or "unreadable" (an error line,
// keyed by its record number as eval's error lines are).
std::map<std::string, std::string> eval_stages(const CheckedPolicy& policy, const std::string& leads) {
  MemoryFile file(leads);
  auto reader = io::open_lead_reader(io::InputFormat::ndjson, file.file, "leads.ndjson", policy.schema);
  eval::Evaluator evaluator(policy);
  std::map<std::string, std::string> stages;
  io::ReadItem item;
  while (reader->next(item)) {
    if (!item.ok) {
      stages[fmt::format("record {}", item.number)] = "unreadable";
      continue;
    }
    eval::LeadOutcome outcome;
    evaluator.evaluate(item.record, today, eval::ExplainLevel::none, outcome);
    const std::string id = std::get<std::string>(item.record.fields[0].data);
    stages[id] = outcome.funnel_line < 0 ? "none" : policy.funnel->lines[static_cast<std::size_t>(outcome.funnel_line)].stage;
  }
  return stages;
}

// `shared`: one reader for both policies, as `qualify diff` does when their schemas are the same.
DiffTally run_diff(const CheckedPolicy& a, const CheckedPolicy& b, const DiffShape& shape,
                   const std::string& leads, unsigned jobs, bool shared = false) {
  MemoryFile old_file(leads), new_file(leads);
  auto old_reader = io::open_lead_reader(io::InputFormat::ndjson, old_file.file, "leads.ndjson", a.schema);
  auto new_reader = io::open_lead_reader(io::InputFormat::ndjson, new_file.file, "leads.ndjson", b.schema);
  DiffSettings settings;
  settings.today = today;
  settings.jobs = jobs;
  settings.examples = 2;
  return run_diff_pipeline(a, b, shape, *old_reader, shared ? nullptr : new_reader.get(), settings);
}

// Joins by id; a record one side cannot read is joined by its record number, which is its
// place in the file (the id is not known to that side).
std::map<std::pair<std::string, std::string>, std::uint64_t> joined(const std::string& leads,
                                                                    const CheckedPolicy& a,
                                                                    const CheckedPolicy& b) {
  const auto old_stages = eval_stages(a, leads), new_stages = eval_stages(b, leads);
  std::map<std::pair<std::string, std::string>, std::uint64_t> counts;
  std::uint64_t number = 0;
  std::size_t start = 0;
  while (start < leads.size()) {
    const std::size_t end = leads.find('\n', start);
    ++number;
    const std::string line = leads.substr(start, end - start);
    start = end + 1;
    const std::size_t id_at = line.find("\"id\":\"");
    const std::string id = id_at == std::string::npos ? "" : line.substr(id_at + 6, line.find('"', id_at + 6) - id_at - 6);
    auto side = [&](const std::map<std::string, std::string>& stages) {
      auto it = stages.find(fmt::format("record {}", number));
      if (it != stages.end()) return it->second;
      return stages.at(id);
    };
    ++counts[{side(old_stages), side(new_stages)}];
  }
  return counts;
}

}  // namespace

TEST_CASE("diff: the matrix equals two separate evaluations joined by id, over generated policy pairs") {
  std::mt19937 rng(20261205);
  int shared_rounds = 0;
  for (int round = 0; round < 60; ++round) {
    CAPTURE(round);
    const std::string old_text = random_policy(rng), new_text = random_policy(rng);
    CAPTURE(old_text);
    CAPTURE(new_text);
    const auto a = load(old_text), b = load(new_text);
    const std::string leads = random_leads(rng, std::uniform_int_distribution<int>(0, 300)(rng));
    const DiffShape shape = DiffShape::of(*a, *b);
    const DiffTally tally = run_diff(*a, *b, shape, leads, 1);

    std::map<std::pair<std::string, std::string>, std::uint64_t> from_diff;
    std::uint64_t total = 0;
    for (std::size_t from = 0; from < shape.old_stages.size(); ++from) {
      for (std::size_t to = 0; to < shape.new_stages.size(); ++to) {
        const std::uint64_t n = tally.cells[shape.cell(from, to)];
        total += n;
        if (n > 0) from_diff[{shape.old_stages[from], shape.new_stages[to]}] += n;
      }
    }
    CHECK(total == tally.records);
    CHECK(tally.records == static_cast<std::uint64_t>(std::count(leads.begin(), leads.end(), '\n')));
    CHECK(from_diff == joined(leads, *a, *b));

    // The same report with worker threads: counts, examples and sketches do not depend on them.
    const DiffTally threaded = run_diff(*a, *b, shape, leads, 3);
    const DiffReport one{"a", "b", "", "", "2024-10-04", shape, tally, {}, false};
    const DiffReport three{"a", "b", "", "", "2024-10-04", shape, threaded, {}, false};
    CHECK(diff_json(one) == diff_json(three));

    // Policies that read records the same way share one reader: the same report.
    if (same_schema(a->schema, b->schema)) {
      ++shared_rounds;
      const DiffTally shared = run_diff(*a, *b, shape, leads, 2, true);
      const DiffReport once{"a", "b", "", "", "2024-10-04", shape, shared, {}, false};
      CHECK(diff_json(one) == diff_json(once));
    }
  }
  CHECK(shared_rounds > 10);  // the generator makes both kinds of pairs
}

TEST_CASE("diff: same_schema tells whether two fields blocks read records the same way") {
  const auto a = load("fields { id: text  n: number?  kind: one of (\"a\", \"b\") }\nlet x = n >= 5\n");
  const auto b = load("fields { id: text  n: number?  kind: one of (\"a\", \"b\") }\nlet x = n >= 7\n");
  const auto required = load("fields { id: text  n: number  kind: one of (\"a\", \"b\") }\n");
  const auto more_values = load("fields { id: text  n: number?  kind: one of (\"a\", \"b\", \"c\") }\n");
  const auto renamed = load("fields { id: text  n: number? from \"N\"  kind: one of (\"a\", \"b\") }\n");
  CHECK(same_schema(a->schema, b->schema));
  CHECK_FALSE(same_schema(a->schema, required->schema));
  CHECK_FALSE(same_schema(a->schema, more_values->schema));
  CHECK_FALSE(same_schema(a->schema, renamed->schema));
  // A field option reads other values: `lower` added must not share the old policy's reads.
  const auto lowered = load("fields { id: text lower  n: number?  kind: one of (\"a\", \"b\") }\n");
  const auto formatted = load("fields { id: text  n: number? format \"1 000\"  kind: one of (\"a\", \"b\") }\n");
  const auto lenient = load("fields { id: text  n: number? unreadable missing  kind: one of (\"a\", \"b\") }\n");
  CHECK_FALSE(same_schema(a->schema, lowered->schema));
  CHECK_FALSE(same_schema(a->schema, formatted->schema));
  CHECK_FALSE(same_schema(a->schema, lenient->schema));
}

TEST_CASE("diff: adding 'lower trim' to a field moves the leads whose case differed") {
  const auto a = load("fields { id: text  industry: text }\n"
                      "funnel {\n  target when industry = \"fintech\"\n  other otherwise\n}\n");
  const auto b = load("fields { id: text  industry: text lower trim }\n"
                      "funnel {\n  target when industry = \"fintech\"\n  other otherwise\n}\n");
  const DiffShape shape = DiffShape::of(*a, *b);
  const DiffTally tally = run_diff(
      *a, *b, shape,
      "{\"id\":\"A\",\"industry\":\"Fintech \"}\n{\"id\":\"B\",\"industry\":\"fintech\"}\n", 1);
  CHECK(tally.cells[shape.cell(1, 0)] == 1);  // other -> target: A
  CHECK(tally.cells[shape.cell(0, 0)] == 1);  // B stays
}

TEST_CASE("diff: every example of a changed cell names the first rule that differs") {
  const auto a = load(
      "fields { id: text  clicks: number }\n"
      "score engagement from 0 to 100 { +10 per clicks up to 100 }\n"
      "funnel {\n  mql when engagement >= 50\n  lead otherwise\n}\n");
  const auto b = load(
      "fields { id: text  clicks: number }\n"
      "score engagement from 0 to 100 { +10 per clicks up to 100 }\n"
      "funnel {\n  mql when engagement >= 40\n  lead otherwise\n}\n");
  const DiffShape shape = DiffShape::of(*a, *b);
  const DiffTally tally = run_diff(*a, *b, shape, "{\"id\":\"A\",\"clicks\":4}\n{\"id\":\"B\",\"clicks\":9}\n", 1);
  const auto& held = tally.examples[shape.cell(1, 0)];  // lead -> mql
  REQUIRE(held.size() == 1);
  CHECK(held[0].id == "A");
  REQUIRE(held[0].why.old_side);
  REQUIRE(held[0].why.new_side);
  CHECK(held[0].why.old_side->rule == "mql when engagement >= 50");
  CHECK(held[0].why.old_side->result == "false");
  CHECK(held[0].why.new_side->rule == "mql when engagement >= 40");
  CHECK(held[0].why.new_side->result == "true");
  REQUIRE(held[0].why.new_side->reads.size() == 1);
  CHECK(held[0].why.new_side->reads[0].name == "engagement");
  CHECK(held[0].why.new_side->reads[0].text == "40");
  CHECK(tally.cells[shape.cell(0, 0)] == 1);  // B stays an mql
}

TEST_CASE("diff: --fail-on matches moves, * never matches a lead that kept its stage") {
  const auto a = load("fields { id: text  n: number }\nfunnel {\n  mql when n >= 5\n  lead otherwise\n}\n");
  const auto b = load("fields { id: text  n: number }\nfunnel {\n  mql when n >= 3\n  lead otherwise\n}\n");
  const DiffShape shape = DiffShape::of(*a, *b);
  const DiffTally tally = run_diff(*a, *b, shape, "{\"id\":\"A\",\"n\":4}\n{\"id\":\"B\",\"n\":9}\n", 1);
  auto fails = [&](const std::string& text) {
    const auto rules = parse_fail_on(text, shape);
    REQUIRE(rules);
    return listed_move_happened(*rules, shape, tally);
  };
  CHECK(fails("lead->mql"));
  CHECK(fails("lead->*"));
  CHECK(fails("*->mql"));
  CHECK_FALSE(fails("mql->*"));  // B stays an mql
  CHECK_FALSE(fails("mql->lead, lead->none"));
  CHECK_FALSE(parse_fail_on("lead->mq", shape));
  CHECK_FALSE(parse_fail_on("lead", shape));
}

TEST_CASE("diff: the score sketch is exact for few values, within 1% for many") {
  ScoreSketch few;
  for (int i = 1; i <= 100; ++i) few.add(i % 10 * 5);
  CHECK(few.exact());
  CHECK(few.quantile(0.5) == 20);
  CHECK(few.quantile(0.9) == 40);
  CHECK(few.mean() == doctest::Approx(22.5));

  ScoreSketch many, half;
  for (int i = 1; i <= 100'000; ++i) (i % 2 == 0 ? many : half).add(i * 0.37);
  many.merge(half);
  CHECK_FALSE(many.exact());
  CHECK(many.count() == 100'000);
  CHECK(many.quantile(0.5) == doctest::Approx(50'000 * 0.37).epsilon(0.01));
  CHECK(many.quantile(0.9) == doctest::Approx(90'000 * 0.37).epsilon(0.01));
  CHECK(many.mean() == doctest::Approx(50'000.5 * 0.37));
}

TEST_CASE("diff: a score rule whose points changed is the rule that differs, with its points") {
  const auto a = load(
      "fields { id: text  clicks: number  senior: bool }\n"
      "score engagement from 0 to 100 {\n  +5 per clicks up to 30\n  +10 when senior\n}\n"
      "funnel {\n  mql when engagement >= 40\n  lead otherwise\n}\n");
  const auto b = load(
      "fields { id: text  clicks: number  senior: bool }\n"
      "score engagement from 0 to 100 {\n  +5 per clicks up to 30\n  +20 when senior\n}\n"
      "funnel {\n  mql when engagement >= 40\n  lead otherwise\n}\n");
  const DiffShape shape = DiffShape::of(*a, *b);
  const DiffTally tally = run_diff(*a, *b, shape, "{\"id\":\"A\",\"clicks\":4,\"senior\":true}\n", 1);
  const auto& held = tally.examples[shape.cell(1, 0)];  // lead -> mql
  REQUIRE(held.size() == 1);
  REQUIRE(held[0].why.old_side);
  REQUIRE(held[0].why.new_side);
  CHECK(held[0].why.old_side->rule == "+10 when senior");
  CHECK(held[0].why.old_side->result == "+10");
  CHECK(held[0].why.new_side->rule == "+20 when senior");
  CHECK(held[0].why.new_side->result_json == "20");
  CHECK(tally.scores[0].changed == 1);
  CHECK(tally.scores[0].old_values.mean() == 30);
  CHECK(tally.scores[0].new_values.mean() == 40);
}

TEST_CASE("diff: a stage named like a pseudo-stage keeps its own row") {
  const auto a = load("fields { id: text  n: number }\nfunnel {\n  unreadable when n >= 5\n  lead otherwise\n}\n");
  const auto b = load("fields { id: text  n: number }\nfunnel {\n  unreadable when n >= 3\n  lead otherwise\n}\n");
  const DiffShape shape = DiffShape::of(*a, *b);
  CHECK(shape.old_stages == std::vector<std::string>{"unreadable", "lead", "none", "(unreadable)"});
  const DiffTally tally = run_diff(*a, *b, shape, "{\"id\":\"A\",\"n\":4}\n{\"id\":\"B\",\"n\":\"x\"}\n", 1);
  CHECK(tally.cells[shape.cell(1, 0)] == 1);  // lead -> unreadable (the stage)
  CHECK(tally.cells[shape.cell(3, 3)] == 1);  // a record neither can read
  const DiffReport report{"a", "b", "", "", "2024-10-04", shape, tally, {}, false};
  CHECK(diff_detail::summary_line(report, "->") == "1 of 2 leads changes stage: lead -> unreadable 1");
  const auto net = diff_detail::net_change(report);
  CHECK(net == std::vector<std::pair<std::string, std::int64_t>>{{"unreadable", 1}, {"lead", -1}});
}
