// Properties of the evaluator over generated well-typed policies and leads (fixed seeds, so a
// failure names its seed and replays): evaluation is deterministic, Kleene laws hold, and the
// explain trace decides what the result says.
#include <algorithm>
#include <cmath>
#include <random>
#include <string>

#include "../fuzz/policy_generator.hpp"
#include "eval/forward_only.hpp"
#include "eval/trace.hpp"
#include "model/memory.hpp"
#include "present/explain.hpp"
#include "eval_support.hpp"

namespace qpl::eval_test {
namespace {

using fuzz::PolicyGenerator;

// A lead for PolicyGenerator::schema(): every field a random value or missing.
RecordValue random_lead(const CheckedPolicy& policy, PolicyGenerator& gen) {
  auto maybe = [&](Value v) { return gen.chance(20) ? unknown() : std::move(v); };
  static const char* const texts[] = {"a", "x", "", "ax", "\x1b[31m", "vp"};
  std::vector<Value> tags;
  for (std::uint32_t i = 0, n = gen.below(4); i < n; ++i) tags.push_back(text(texts[gen.below(6)]));
  static const char* const seniorities[] = {"ic", "vp", "cto"};
  static const char* const stages[] = {"out", "hot", "warm", "cold"};
  RecordValue r = lead(policy, {
                          {"id", text("L")},
                          {"b1", maybe(Value(gen.chance(50)))},
                          {"b2", maybe(Value(gen.chance(50)))},
                          {"b3", maybe(Value(gen.chance(50)))},
                          {"n1", maybe(number(static_cast<double>(gen.below(30)) - 5))},
                          {"n2", maybe(number(static_cast<double>(gen.below(5))))},
                          {"t1", maybe(text(texts[gen.below(6)]))},
                          {"s1", maybe(text(seniorities[gen.below(3)]))},
                          {"tags", maybe(list(std::move(tags)))},
                          {"d1", maybe(date(2026, 1 + gen.below(12), 1 + gen.below(28)))},
                      });
  // A forward-only funnel's memory: a previous stage, or none (a new lead).
  if (const int slot = previous_slot(policy.schema.lead); slot >= 0 && gen.chance(70))
    r.fields[static_cast<std::size_t>(slot)] =
        previous_value(stages[gen.below(4)], Date{as_of - static_cast<std::int32_t>(gen.below(100))});
  return r;
}

std::string show_outcome(const eval::LeadOutcome& o) {
  std::string out = "line " + std::to_string(o.funnel_line) + " recycle " + std::to_string(o.recycle_line) +
                    " held " + std::to_string(o.held_rank);
  for (double s : o.scores) out += " score " + format_number(s);
  for (const auto& v : o.icps) out += " icp " + show(v);
  for (const auto& v : o.checks) out += " check " + show(v);
  return out;
}

std::unique_ptr<CheckedPolicy> load_generated(const std::string& text, std::uint32_t seed) {
  INFO("seed " << seed);
  return load(text);
}

TEST_CASE("evaluation is deterministic and the explain trace decides the stage") {
  for (std::uint32_t seed = 1; seed <= 40; ++seed) {
    PolicyGenerator gen(seed);
    const std::string text = gen.policy(3);
    const auto policy = load_generated(text, seed);
    eval::Evaluator first(*policy);
    for (int i = 0; i < 25; ++i) {
      const RecordValue lead = random_lead(*policy, gen);
      eval::LeadOutcome fast, again, explained;
      first.evaluate(lead, as_of, eval::ExplainLevel::none, fast);
      first.evaluate(lead, as_of, eval::ExplainLevel::none, again);
      eval::Evaluator fresh(*policy);
      fresh.evaluate(lead, as_of, eval::ExplainLevel::full, explained);
      INFO("seed " << seed << ", lead " << i << "\n" << text);
      CHECK(show_outcome(again) == show_outcome(fast));
      CHECK(show_outcome(explained) == show_outcome(fast));  // tracing changes nothing

      REQUIRE(explained.trace);
      const eval::Trace& trace = *explained.trace;
      CHECK(trace.chosen_line == fast.funnel_line);
      // The lines tried end at the chosen one, which is the only true one among them.
      REQUIRE(!trace.lines.empty());
      for (std::size_t k = 0; k < trace.lines.size(); ++k) {
        const Value& v = trace.nodes[trace.lines[k]].value;
        const bool is_true = !v.is_unknown() && std::get<bool>(v.data);
        CHECK(is_true == (fast.funnel_line >= 0 && k + 1 == trace.lines.size()));
      }
      const eval::StageAnswer answer = eval::stage_answer(*policy, fast);
      const std::string stage = answer.stage != nullptr ? *answer.stage : "none";
      const std::string explained_text = present::explain_text(trace, *policy, false);
      CHECK(explained_text.rfind("stage: " + stage, 0) == 0);
      std::string json;
      present::explain_json(trace, *policy, json);
      if (fast.funnel_line >= 0) CHECK(json.find("\"stage\":\"" + stage + "\"") != std::string::npos);
    }
  }
}

// The points ledger (eval --ledger): the program's entries are the tree walk's, a rule is listed
// at most once and in source order, and the known points add up to the score.
TEST_CASE("the ledger of generated policies adds up to each score, the same in both evaluations") {
  int entries_seen = 0;
  for (std::uint32_t seed = 1; seed <= 40; ++seed) {
    PolicyGenerator gen(seed);
    const std::string text = gen.policy(3);
    const auto policy = load_generated(text, seed);
    eval::Evaluator program(*policy), tree(*policy);
    program.keep_ledger(true);
    tree.keep_ledger(true);
    for (int i = 0; i < 25; ++i) {
      const RecordValue lead = random_lead(*policy, gen);
      eval::LeadOutcome fast, traced;
      program.evaluate(lead, as_of, eval::ExplainLevel::none, fast);
      tree.evaluate(lead, as_of, eval::ExplainLevel::compact, traced);
      INFO("seed " << seed << ", lead " << i << "\n" << text);
      REQUIRE(fast.ledger.size() == policy->scores.size());
      REQUIRE(traced.ledger.size() == policy->scores.size());
      for (std::size_t s = 0; s < fast.scores.size(); ++s) {
        REQUIRE(fast.ledger[s].size() == traced.ledger[s].size());
        double sum = 0;
        for (std::size_t e = 0; e < fast.ledger[s].size(); ++e) {
          const eval::LedgerEntry& entry = fast.ledger[s][e];
          CHECK(entry.rule == traced.ledger[s][e].rule);
          CHECK(entry.points == traced.ledger[s][e].points);
          if (e > 0) CHECK(entry.rule > fast.ledger[s][e - 1].rule);  // source order, once each
          if (entry.points) sum += *entry.points;
          ++entries_seen;
        }
        CHECK(std::fabs(sum - fast.scores[s]) <= 1e-9 * std::max(1.0, std::fabs(fast.scores[s])));
      }
    }
  }
  CHECK(entries_seen > 100);  // the generated policies do give points
}

TEST_CASE("Kleene laws: double negation, De Morgan, at least 1 of (a, b) = a or b") {
  for (std::uint32_t seed = 1; seed <= 60; ++seed) {
    PolicyGenerator gen(seed);
    const std::string a = "(" + gen.boolean(3) + ")";
    const std::string b = "(" + gen.boolean(3) + ")";
    const std::string text = std::string(PolicyGenerator::schema()) +
                             "let a = " + a + "\n" +
                             "let nn = not not " + a + "\n" +
                             "let dm_and = not (" + a + " and " + b + ")\n" +
                             "let dm_and_r = not " + a + " or not " + b + "\n" +
                             "let dm_or = not (" + a + " or " + b + ")\n" +
                             "let dm_or_r = not " + a + " and not " + b + "\n" +
                             "let one = at least 1 of (" + a + ", " + b + ")\n" +
                             "let one_r = " + a + " or " + b + "\n";
    const auto policy = load_generated(text, seed);
    eval::Evaluator evaluator(*policy);
    auto value = [&](const char* name, const RecordValue& lead) {
      return show(evaluator.evaluate_expression(*let_decl(*policy, name).value, lead, as_of));
    };
    for (int i = 0; i < 30; ++i) {
      const RecordValue lead = random_lead(*policy, gen);
      INFO("seed " << seed << ", lead " << i << "\n" << text);
      CHECK(value("nn", lead) == value("a", lead));
      CHECK(value("dm_and", lead) == value("dm_and_r", lead));
      CHECK(value("dm_or", lead) == value("dm_or_r", lead));
      CHECK(value("one", lead) == value("one_r", lead));
    }
  }
}

}  // namespace
}  // namespace qpl::eval_test
