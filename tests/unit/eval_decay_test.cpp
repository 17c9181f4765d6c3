// Score decay: each kept element gives the points times 0.5^(age/N) or max(0, 1 - age/N), age
// from its date field; values hand-computed to 1e-9. An element without a date makes the rule
// unknown (it adds nothing, and the trace says unknown, not 0). The compiled program and the tree
// walk agree.
#include <algorithm>
#include <cmath>
#include <random>

#include "eval/trace.hpp"
#include "present/explain.hpp"
#include "present/why_not.hpp"
#include "eval_support.hpp"

namespace qpl::eval_test {
namespace {

const char* const policy_text = R"(
fields {
  id: text
  events: list of event?
}
record event {
  type: one of ("webinar", "page_view")
  day:  date?
}
score webinars {
  +10 per events where type = "webinar" decaying half-life 30 days
}
score views {
  +10 per events decaying linearly over 90 days by day
}
score capped {
  +10 per events decaying half-life 2 weeks up to 12
}
funnel {
  hot  when webinars >= 10
  cold otherwise
}
)";

Value event(const char* type, Value day) { return record({text(type), std::move(day)}); }

// Every score of the lead, by the compiled program (no trace) and by the tree walk (a trace),
// which must agree.
std::vector<double> scores(const CheckedPolicy& policy, const Value& events) {
  eval::Evaluator ev(policy);
  const auto l = lead(policy, {{"id", text("L")}, {"events", events}});
  eval::LeadOutcome fast, traced;
  ev.evaluate(l, as_of, eval::ExplainLevel::none, fast);
  ev.evaluate(l, as_of, eval::ExplainLevel::compact, traced);
  REQUIRE(fast.scores.size() == traced.scores.size());
  for (std::size_t i = 0; i < fast.scores.size(); ++i) CHECK(fast.scores[i] == traced.scores[i]);
  return fast.scores;
}

TEST_CASE("decay: half-life and linear factors, hand-computed") {
  const auto policy = load(policy_text);
  // 45 days before 2026-11-01.
  auto s = scores(*policy, list({event("webinar", date(2026, 9, 17))}));
  CHECK(std::fabs(s[0] - 3.5355339059327378) < 1e-9);  // 10 x 0.5^(45/30)
  CHECK(std::fabs(s[1] - 5) < 1e-9);                   // 10 x (1 - 45/90)
  CHECK(std::fabs(s[2] - 10 * std::pow(0.5, 45.0 / 14)) < 1e-9);
  CHECK(std::fabs(s[2] - 1.077466026558722) < 1e-9);

  // Today, 30 days and 90 days old; a page view is left out of the webinars.
  s = scores(*policy, list({event("webinar", date(2026, 11, 1)), event("webinar", date(2026, 10, 2)),
                            event("page_view", date(2026, 8, 3))}));
  CHECK(std::fabs(s[0] - 15) < 1e-9);                  // 10 + 5
  CHECK(std::fabs(s[1] - (10 + 10 * (1 - 30.0 / 90) + 0)) < 1e-9);  // 16.666..., 90 days gives 0
  CHECK(s[2] == 12);                                   // up to 12 caps the decayed total

  // A future date counts as today; an empty list gives 0.
  s = scores(*policy, list({event("webinar", date(2027, 1, 1))}));
  CHECK(s[0] == 10);
  CHECK(s[1] == 10);
  s = scores(*policy, list({}));
  CHECK(s[0] == 0);
}

TEST_CASE("decay: an unknown date makes the rule unknown, not 0") {
  const auto policy = load(policy_text);
  // A kept element without a date: the whole rule adds nothing.
  auto s = scores(*policy, list({event("webinar", date(2026, 11, 1)), event("webinar", unknown())}));
  CHECK(s[0] == 0);
  // An element the condition leaves out does not need a date.
  s = scores(*policy, list({event("webinar", date(2026, 11, 1)), event("page_view", unknown())}));
  CHECK(s[0] == 10);
  CHECK(s[1] == 0);  // the linear rule keeps every element: unknown

  eval::Evaluator ev(*policy);
  eval::LeadOutcome out;
  const RecordValue lead_record = lead(*policy, {{"id", text("L")}, {"events", list({event("webinar", unknown())})}});
  ev.evaluate(lead_record,
              as_of, eval::ExplainLevel::compact, out);
  REQUIRE(out.trace);
  bool found = false;
  for (const auto& n : out.trace->nodes)
    if (n.kind == eval::TraceKind::score_rule && n.index == 0 && !n.decayed.empty()) {
      found = true;
      CHECK(n.value.is_unknown());
      CHECK(!n.decayed.front().day);
    }
  CHECK(found);
  const std::string explained = present::explain_text(*out.trace, *policy, false);
  INFO(explained);
  CHECK(explained.find("· webinar of unknown date: unknown") != std::string::npos);
  CHECK(explained.find("(missing: events[1].day)") != std::string::npos);

  // A missing list: unknown, as for count.
  s = scores(*policy, unknown());
  CHECK(s[0] == 0);
}

TEST_CASE("decay: explain lists each element, why-not says what it now gives") {
  const auto policy = load(policy_text);
  eval::Evaluator ev(*policy);
  eval::LeadOutcome out;
  // 30 days old: 5 points; 7 days old: 10 x 0.5^(7/30) = 8.505...
  const RecordValue two_webinars = lead(*policy, {{"id", text("L")},
                     {"events", list({event("webinar", date(2026, 10, 2)),
                                      event("webinar", date(2026, 10, 25))})}});
  evaluate_every_line(ev, two_webinars, day(2026, 11, 1), out);
  REQUIRE(out.trace);
  const std::string explained = present::explain_text(*out.trace, *policy, false);
  INFO(explained);
  CHECK(explained.find("· webinar of 2026-10-02: +5\n") != std::string::npos);
  CHECK(explained.find("· webinar of 2026-10-25: +8.51\n") != std::string::npos);
  CHECK(explained.find("→ +13.506") != std::string::npos);

  const RecordValue one_webinar =
      lead(*policy, {{"id", text("L")}, {"events", list({event("webinar", date(2026, 10, 2))})}});
  evaluate_every_line(ev, one_webinar, day(2026, 11, 1), out);
  const std::string why = present::why_not_text(*out.trace, *policy, "hot", false);
  INFO(why);
  CHECK(why.find("5 points short; the webinar of 2026-10-02 now gives 5 after decay") !=
        std::string::npos);
}

TEST_CASE("decay: the ledger gives a decaying rule its decayed points, or null when unknown") {
  const auto policy = load(policy_text);
  eval::Evaluator ev(*policy);
  ev.keep_ledger(true);
  eval::LeadOutcome out;
  const RecordValue lead_record = lead(*policy, {{"id", text("L")}, {"events", list({event("webinar", date(2026, 9, 17))})}});
  ev.evaluate(lead_record,
              as_of, eval::ExplainLevel::none, out);
  REQUIRE(out.ledger.size() == 3);
  REQUIRE(out.ledger[0].size() == 1);
  REQUIRE(out.ledger[0][0].points);
  CHECK(std::fabs(*out.ledger[0][0].points - 3.5355339059327378) < 1e-9);

  const RecordValue lead_record_2 = lead(*policy, {{"id", text("L")}, {"events", list({event("webinar", unknown())})}});
  ev.evaluate(lead_record_2,
              as_of, eval::ExplainLevel::none, out);
  REQUIRE(out.ledger[0].size() == 1);
  CHECK(!out.ledger[0][0].points);
}

TEST_CASE("decay: random lists, the program, the tree walk and a direct computation agree") {
  const auto policy = load(policy_text);
  std::mt19937 rng(20261101);
  auto below = [&](std::uint32_t n) { return static_cast<std::uint32_t>(rng() % n); };
  for (int round = 0; round < 200; ++round) {
    std::vector<Value> events;
    double webinars = 0, views = 0, capped = 0;
    bool webinar_unknown = false, any_unknown = false;
    for (std::uint32_t i = 0, n = below(6); i < n; ++i) {
      const bool webinar = below(2) == 0;
      const bool dated = below(8) != 0;
      const std::int32_t age = static_cast<std::int32_t>(below(200)) - 20;  // some in the future
      events.push_back(event(webinar ? "webinar" : "page_view",
                             dated ? Value(Date{as_of - age}) : unknown()));
      if (!dated) {
        any_unknown = true;
        webinar_unknown = webinar_unknown || webinar;
        continue;
      }
      const double a = std::max(0, age);
      if (webinar) webinars += 10 * std::pow(0.5, a / 30);
      views += 10 * std::max(0.0, 1 - a / 90);
      capped += 10 * std::pow(0.5, a / 14);
    }
    const auto s = scores(*policy, list(events));
    INFO("round " << round);
    CHECK(std::fabs(s[0] - (webinar_unknown ? 0 : webinars)) < 1e-9);
    CHECK(std::fabs(s[1] - (any_unknown ? 0 : views)) < 1e-9);
    CHECK(std::fabs(s[2] - (any_unknown ? 0 : std::min(12.0, capped))) < 1e-9);
  }
}

}  // namespace
}  // namespace qpl::eval_test
