// Forward-only funnels (docs/language.md, "Forward-only funnels"): a backward move in the order
// is held unless a recycle line fires; both evaluators agree; a rerun on its own results moves
// nothing; no lead moves back without a recycle line.
#include <random>
#include <string>

#include "eval/forward_only.hpp"
#include "eval/trace.hpp"
#include "eval_support.hpp"
#include "model/memory.hpp"

namespace qpl::eval_test {
namespace {

const std::string policy_text = R"(
fields {
  id:     text
  fit:    bool
  clicks: number
  active: bool
}

funnel forward-only {
  order prospect < mql < sql
  disqualified when not fit                                as "not a fit"
  nurture      when previous.stage = "nurture" and not active as "still quiet"
  sql          when clicks >= 50
  mql          when clicks >= 10
  prospect     otherwise
  recycle to sql     when clicks < 0                       as "never: sql is the last stage"
  recycle to nurture when days_in_stage > 90 and not active as "went quiet"
}
)";

const std::int32_t today = day(2026, 11, 1);

RecordValue make_lead(const CheckedPolicy& p, Value fit, Value clicks, Value active,
                      const std::string* stage, std::int32_t since) {
  RecordValue r = lead(p, {{"id", text("L")}, {"fit", std::move(fit)}, {"clicks", std::move(clicks)},
                           {"active", std::move(active)}});
  if (stage != nullptr)
    r.fields[static_cast<std::size_t>(previous_slot(p.schema.lead))] = previous_value(*stage, Date{since});
  return r;
}

struct Answer {
  std::string stage, because;
  bool held = false, recycled = false;
};

// The answer of the compiled program (no trace) and of the tree walk (traced), which must agree.
Answer answer(const CheckedPolicy& p, const RecordValue& lead) {
  eval::Evaluator ev(p);
  eval::LeadOutcome fast, traced;
  ev.evaluate(lead, today, eval::ExplainLevel::none, fast);
  ev.evaluate(lead, today, eval::ExplainLevel::compact, traced);
  CHECK(fast.funnel_line == traced.funnel_line);
  CHECK(fast.recycle_line == traced.recycle_line);
  CHECK(fast.held_rank == traced.held_rank);
  const eval::StageAnswer a = eval::stage_answer(p, fast);
  REQUIRE(a.stage != nullptr);
  return {*a.stage, *a.because, a.held_from != nullptr, a.recycled};
}

}  // namespace

TEST_CASE("forward-only: a lead falling back in the order is held at its previous stage") {
  const auto p = load(policy_text);
  const std::string sql = "sql";
  const Answer a = answer(*p, make_lead(*p, Value(true), number(20), Value(true), &sql, day(2026, 10, 1)));
  CHECK(a.stage == "sql");
  CHECK(a.because == "clicks >= 10");  // what the lines say today
  CHECK(a.held);
  CHECK_FALSE(a.recycled);
}

TEST_CASE("forward-only: a recycle line that is true takes the lead back, with its because") {
  const auto p = load(policy_text);
  const std::string sql = "sql";
  const Answer a = answer(*p, make_lead(*p, Value(true), number(20), Value(false), &sql, day(2026, 7, 1)));
  CHECK(a.stage == "nurture");
  CHECK(a.because == "went quiet");
  CHECK(a.recycled);
  CHECK_FALSE(a.held);
}

TEST_CASE("forward-only: an unknown recycle condition does not fire, and the lead is held") {
  const auto p = load(policy_text);
  const std::string sql = "sql";
  const Answer a = answer(*p, make_lead(*p, Value(true), number(20), unknown(), &sql, day(2026, 7, 1)));
  CHECK(a.stage == "sql");
  CHECK(a.held);
}

TEST_CASE("forward-only: new leads, forward moves and side stages move as in any funnel") {
  const auto p = load(policy_text);
  const std::string sql = "sql", mql = "mql", nurture = "nurture";
  CHECK(answer(*p, make_lead(*p, Value(true), number(0), Value(true), nullptr, 0)).stage == "prospect");
  CHECK(answer(*p, make_lead(*p, Value(true), number(60), Value(true), &mql, day(2026, 7, 1))).stage == "sql");
  const Answer out = answer(*p, make_lead(*p, Value(false), number(60), Value(true), &sql, day(2026, 7, 1)));
  CHECK(out.stage == "disqualified");
  CHECK_FALSE(out.held);
  const Answer back = answer(*p, make_lead(*p, Value(true), number(0), Value(true), &nurture, day(2026, 7, 1)));
  CHECK(back.stage == "prospect");
  CHECK_FALSE(back.held);
}

TEST_CASE("forward-only: the explain trace lists the recycle lines tried") {
  const auto p = load(policy_text);
  const std::string sql = "sql";
  eval::Evaluator ev(*p);
  eval::LeadOutcome out;
  const RecordValue lead_record = make_lead(*p, Value(true), number(20), Value(false), &sql, day(2026, 7, 1));
  ev.evaluate(lead_record, today,
              eval::ExplainLevel::compact, out);
  REQUIRE(out.trace);
  REQUIRE(out.trace->recycles.size() == 1);  // the line to sql is never eligible: not tried
  CHECK(out.trace->nodes[out.trace->recycles[0]].kind == eval::TraceKind::recycle_line);
  CHECK(out.trace->recycle_line == 1);
}

TEST_CASE("forward-only property: no backward move without a recycle line; a rerun moves nothing") {
  const auto p = load(policy_text);
  const std::vector<std::string> stages{"prospect", "mql", "sql", "nurture", "disqualified"};
  std::mt19937 random(17);
  const auto pick = [&](std::uint32_t n) { return static_cast<std::uint32_t>(random() % n); };
  const auto maybe = [&](Value v) { return pick(6) == 0 ? unknown() : std::move(v); };
  for (int i = 0; i < 2000; ++i) {
    INFO("case " << i);
    const Value fit = maybe(Value(pick(5) != 0));
    const Value clicks = maybe(number(static_cast<double>(pick(80)) - 5));
    const Value active = maybe(Value(pick(2) == 0));
    const bool has_previous = pick(4) != 0;
    const std::string& previous = stages[pick(static_cast<std::uint32_t>(stages.size()))];
    const std::int32_t since = today - static_cast<std::int32_t>(pick(200));
    const RecordValue first_lead = make_lead(*p, fit, clicks, active, has_previous ? &previous : nullptr, since);
    const Answer first = answer(*p, first_lead);
    const int from = p->funnel->rank(previous), to = p->funnel->rank(first.stage);
    if (has_previous && from >= 0 && to >= 0 && !first.recycled) CHECK(to >= from);
    if (!has_previous) CHECK_FALSE((first.held || first.recycled));

    // The second run reads the first run's stage and since, for the same lead.
    const int slot = previous_slot(p->schema.lead);
    const auto first_since = since_for(first_lead, slot, &first.stage, today);
    REQUIRE(first_since);
    const RecordValue second_lead = make_lead(*p, fit, clicks, active, &first.stage, first_since->days);
    const Answer second = answer(*p, second_lead);
    CHECK(second.stage == first.stage);
    CHECK(since_for(second_lead, slot, &second.stage, today)->days == first_since->days);
  }
}

}  // namespace qpl::eval_test
