// Score rules with `from DATE until DATE`: absent outside their window (bounds included), not
// false; absent from the trace, so explain and why-not never count them.
#include "eval/trace.hpp"
#include "present/explain.hpp"
#include "present/why_not.hpp"
#include "eval_support.hpp"

namespace qpl::eval_test {
namespace {

const char* const policy_text = R"(
fields {
  clicks: number?
  webinar: bool?
}
score engagement {
  +10 when webinar from 2026-09-01 until 2026-12-31 as "autumn webinars"
  +1  per clicks up to 5 until 2026-10-15
  +3  from 2026-11-15
  +2
}
funnel {
  hot  when engagement >= 20
  cold otherwise
}
)";

double engagement_on(const CheckedPolicy& policy, const Fields& fields, std::int32_t today) {
  eval::Evaluator ev(policy);
  eval::LeadOutcome out;
  const RecordValue lead_record = lead(policy, fields);
  ev.evaluate(lead_record, today, eval::ExplainLevel::none, out);
  return out.scores.at(0);
}

TEST_CASE("rule dates: in force from the first day to the last, both included") {
  const auto policy = load(policy_text);
  const Fields f{{"clicks", number(4)}, {"webinar", Value(true)}};
  CHECK(engagement_on(*policy, f, day(2026, 8, 31)) == 6);    // 4 clicks + 2
  CHECK(engagement_on(*policy, f, day(2026, 9, 1)) == 16);    // + the webinar
  CHECK(engagement_on(*policy, f, day(2026, 10, 15)) == 16);
  CHECK(engagement_on(*policy, f, day(2026, 10, 16)) == 12);  // clicks no longer count
  CHECK(engagement_on(*policy, f, day(2026, 11, 15)) == 15);  // + 3 from mid-November
  CHECK(engagement_on(*policy, f, day(2026, 12, 31)) == 15);
  CHECK(engagement_on(*policy, f, day(2027, 1, 1)) == 5);
  // Unknown data inside the window: the rule adds nothing, as any rule.
  CHECK(engagement_on(*policy, {}, day(2026, 10, 1)) == 2);
}

TEST_CASE("rule dates: a rule out of its window is not in the trace, nor in why-not") {
  const auto policy = load(policy_text);
  eval::Evaluator ev(*policy);
  eval::LeadOutcome out;
  const auto lead_value = lead(*policy, {{"clicks", number(1)}, {"webinar", Value(false)}});
  evaluate_every_line(ev, lead_value, day(2027, 1, 1), out);
  const std::string explained = present::explain_text(*out.trace, *policy, false);
  INFO(explained);
  CHECK(explained.find("autumn webinars") == std::string::npos);
  const std::string why = present::why_not_text(*out.trace, *policy, "hot", false);
  INFO(why);
  CHECK(why.find("autumn webinars") == std::string::npos);

  // Inside the window the same rule is traced as false, and why-not names it.
  evaluate_every_line(ev, lead_value, day(2026, 10, 1), out);
  CHECK(present::explain_text(*out.trace, *policy, false).find("autumn webinars") != std::string::npos);
}

}  // namespace
}  // namespace qpl::eval_test
