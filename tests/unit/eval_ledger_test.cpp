// The points ledger (`eval --ledger`, docs/commands.md "The ledger"): which rules gave a score its
// points, hand-computed; the compiled program and the tree walk give the same entries; the known
// points add up to the score.
#include <cmath>
#include <string>
#include <vector>

#include "eval/trace.hpp"
#include "eval_support.hpp"

namespace qpl::eval_test {
namespace {

using eval::Evaluator;
using eval::ExplainLevel;
using eval::LeadOutcome;
using eval::LedgerEntry;

// `rule:points` for each entry, `?` for unknown points, `clamp` for the range's entry.
std::string entries_text(const std::vector<LedgerEntry>& entries) {
  std::string out;
  for (const LedgerEntry& entry : entries) {
    if (!out.empty()) out += ' ';
    out += entry.rule == LedgerEntry::clamp ? std::string("clamp") : std::to_string(entry.rule);
    out += ':';
    out += entry.points ? format_number(*entry.points) : std::string("?");
  }
  return out;
}

std::string ledger_text(const LeadOutcome& o) {
  std::string out;
  for (const auto& entries : o.ledger) out += "[" + entries_text(entries) + "]";
  return out;
}

const char* const hand_policy = R"(
fields {
  id: text
  clicks: number?
  title: text?
  visits: number?
  student: bool?
}
score heat {
  +5 per clicks up to 20
  +10 when title = "vp" as "senior title"
  +2.5 per visits
  -15 when student
  +7 when title = "vp" from 2027-01-01
  +3 when title = "vp" until 2026-10-31 as "expired campaign"
}
score capped from 0 to 12 {
  +10 when title = "vp"
  +8 per visits
  -4 when student
}
)";

LeadOutcome evaluate_with_ledger(const CheckedPolicy& policy, const RecordValue& l, ExplainLevel level) {
  Evaluator evaluator(policy);
  evaluator.keep_ledger(true);
  LeadOutcome out;
  evaluator.evaluate(l, as_of, level, out);
  return out;
}

TEST_CASE("ledger: hand-computed entries, in source order, both evaluations") {
  const auto policy = load(hand_policy);
  for (const ExplainLevel level : {ExplainLevel::none, ExplainLevel::compact}) {
    INFO("level " << int(level));
    // 7 clicks: 35 capped to 20; a vp: +10; 2 visits: +5; a student: -15. The rule from 2027 and
    // the one until 2026-10-31 are out of their windows on 2026-11-01: absent, not entries.
    const LeadOutcome all = evaluate_with_ledger(
        *policy,
        lead(*policy, {{"id", text("A")}, {"clicks", number(7)}, {"title", text("vp")},
                       {"visits", number(2)}, {"student", Value(true)}}),
        level);
    CHECK(ledger_text(all) == "[0:20 1:10 2:5 3:-15][0:10 1:16 2:-4 clamp:-10]");
    CHECK(all.scores[0] == 20);  // 20 + 10 + 5 - 15
    CHECK(all.scores[1] == 12);  // 10 + 16 - 4 = 22, clamped to 12

    // Unknown clicks and student: null points; a title that is not vp: left out; 0 visits: left out.
    const LeadOutcome unknowns = evaluate_with_ledger(
        *policy, lead(*policy, {{"id", text("B")}, {"title", text("ic")}, {"visits", number(0)}}), level);
    CHECK(ledger_text(unknowns) == "[0:? 3:?][2:?]");
    CHECK(unknowns.scores[0] == 0);
    CHECK(unknowns.scores[1] == 0);

    // A negative sum clamped up to 0: the clamp entry gives back what the rules took.
    const LeadOutcome negative = evaluate_with_ledger(
        *policy, lead(*policy, {{"id", text("C")}, {"title", text("ic")}, {"visits", number(-1)},
                                {"student", Value(false)}, {"clicks", number(1)}}),
        level);
    CHECK(ledger_text(negative) == "[0:5 2:-2.5][1:-8 clamp:8]");
    CHECK(negative.scores[0] == 2.5);
    CHECK(negative.scores[1] == 0);
  }
}

TEST_CASE("ledger: none is kept unless asked, and the outcome is the same with or without it") {
  const auto policy = load(hand_policy);
  const RecordValue l = lead(*policy, {{"id", text("A")}, {"clicks", number(3)}, {"title", text("vp")}});
  Evaluator evaluator(*policy);
  LeadOutcome without, with;
  evaluator.evaluate(l, as_of, ExplainLevel::none, without);
  CHECK(without.ledger.empty());
  evaluator.keep_ledger(true);
  evaluator.evaluate(l, as_of, ExplainLevel::none, with);
  CHECK(with.ledger.size() == 2);
  CHECK(with.scores == without.scores);
  evaluator.keep_ledger(false);
  evaluator.evaluate(l, as_of, ExplainLevel::none, with);  // an outcome reused: emptied
  CHECK(with.ledger.empty());
}

// A policy with every kind of rule; leads over a grid of values, missing ones included.
const char* const grid_policy = R"(
fields {
  id: text
  email: text?
  size: number?
  budget: number?
  signed: date?
  tags: list of text?
}
score heat from -10 to 40 {
  +2 per size / 100 up to 20
  +10 when lower(email) contains "ceo" as "ceo"
  +5 when signed + 1 months > today
  +5 when signed within 30 days
  +7 when length(tags) >= 1
  +1 when "vip" in tags
  +3 when budget / (size - 100) > 1
  -4 per budget / 1000 when size > 1000 up to 12
  +0.1 per size
  +3 per budget / 0 when budget > 1000
}
score plain {
  +1 when email is present
  -2.5 per size / 7
}
)";

TEST_CASE("ledger: the program's entries are the tree walk's, and known points add up to the score") {
  const auto policy = load(grid_policy);
  Evaluator program(*policy), tree(*policy);
  program.keep_ledger(true);
  tree.keep_ledger(true);
  const std::vector<Value> emails = {text("ceo@acme.fr"), text("x@gmail.com"), unknown()};
  const std::vector<Value> sizes = {number(50), number(100), number(3000), number(0), unknown()};
  const std::vector<Value> budgets = {number(20000), number(0), number(-3), unknown()};
  const std::vector<Value> signs = {date(2026, 10, 20), date(2026, 1, 31), unknown()};
  const std::vector<Value> tag_lists = {list({text("vip")}), list({}), unknown()};
  int leads = 0;
  for (const auto& email : emails)
    for (const auto& size : sizes)
      for (const auto& budget : budgets)
        for (const auto& signed_on : signs)
          for (const auto& tags : tag_lists) {
            const RecordValue l = lead(*policy, {{"id", text("L")}, {"email", email}, {"size", size},
                                                 {"budget", budget}, {"signed", signed_on}, {"tags", tags}});
            LeadOutcome fast, traced;
            program.evaluate(l, as_of, ExplainLevel::none, fast);
            tree.evaluate(l, as_of, ExplainLevel::compact, traced);
            INFO("lead " << leads);
            CHECK(ledger_text(fast) == ledger_text(traced));
            REQUIRE(fast.ledger.size() == policy->scores.size());
            for (std::size_t s = 0; s < fast.scores.size(); ++s) {
              double sum = 0;
              for (const LedgerEntry& entry : fast.ledger[s]) {
                if (entry.points) sum += *entry.points;
                CHECK((!entry.points || *entry.points != 0));  // a rule that gave 0 is left out
              }
              CHECK(std::fabs(sum - fast.scores[s]) <= 1e-9 * std::max(1.0, std::fabs(fast.scores[s])));
            }
            ++leads;
          }
  CHECK(leads == 3 * 5 * 4 * 3 * 3);
}

}  // namespace
}  // namespace qpl::eval_test
