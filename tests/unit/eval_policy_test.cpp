// Icps, scores, gates and the funnel [R34-R38], and the spec's acme example end to end.
#include "eval/trace.hpp"
#include "present/explain.hpp"
#include "present/why_not.hpp"
#include "eval_support.hpp"

namespace qpl::eval_test {
namespace {

double score_of(const CheckedPolicy& policy, const eval::LeadOutcome& out, const std::string& name) {
  for (std::size_t i = 0; i < policy.scores.size(); ++i)
    if (policy.scores[i].name == name) return out.scores[i];
  FAIL("no score " << name);
  return 0;
}
Value icp_of(const CheckedPolicy& policy, const eval::LeadOutcome& out, const std::string& name) {
  for (std::size_t i = 0; i < policy.icps.size(); ++i)
    if (policy.icps[i].name == name) return out.icps[i];
  FAIL("no icp " << name);
  return {};
}
Value check_of(const CheckedPolicy& policy, const eval::LeadOutcome& out, const std::string& group,
               const std::string& label) {
  for (std::size_t i = 0; i < policy.checks.size(); ++i)
    if (policy.checks[i].group == group && policy.checks[i].label == label) return out.checks[i];
  FAIL("no check " << group << "." << label);
  return {};
}
std::string stage_of(const CheckedPolicy& policy, const eval::LeadOutcome& out) {
  if (out.funnel_line < 0) return "(none)";
  return policy.funnel->lines[static_cast<std::size_t>(out.funnel_line)].stage;
}
std::string because_of(const CheckedPolicy& policy, const eval::LeadOutcome& out) {
  if (out.funnel_line < 0) return "(none)";
  return policy.funnel->lines[static_cast<std::size_t>(out.funnel_line)].because;
}

TEST_CASE("icp: Kleene and of requires and not excludes; references keep unknown [R37]") {
  const auto policy = load(R"(
fields { n: number?  b: bool? }
icp fit {
  require n > 3
  exclude b
}
icp anything {}
let not_fit = not fit
funnel {
  out when not fit
  inside when fit
  maybe otherwise
}
)");
  eval::Evaluator ev(*policy);
  eval::LeadOutcome out;
  const RecordValue lead_record = lead(*policy, {{"n", number(5)}});
  ev.evaluate(lead_record, as_of, eval::ExplainLevel::none, out);
  CHECK(show(icp_of(*policy, out, "fit")) == "unknown");
  CHECK(show(icp_of(*policy, out, "anything")) == "true");
  CHECK(show(ev.evaluate_expression(*let_decl(*policy, "not_fit").value,
                                    lead(*policy, {{"n", number(5)}}), as_of)) == "unknown");
  CHECK(stage_of(*policy, out) == "maybe");  // `out when not fit` does not fire on unknown

  const RecordValue lead_record_2 = lead(*policy, {{"n", number(5)}, {"b", Value(false)}});
  ev.evaluate(lead_record_2, as_of, eval::ExplainLevel::none, out);
  CHECK(show(icp_of(*policy, out, "fit")) == "true");
  CHECK(stage_of(*policy, out) == "inside");

  const RecordValue lead_record_3 = lead(*policy, {{"n", number(1)}});
  ev.evaluate(lead_record_3, as_of, eval::ExplainLevel::none, out);
  CHECK(show(icp_of(*policy, out, "fit")) == "false");  // false and unknown is false
  CHECK(stage_of(*policy, out) == "out");
}

TEST_CASE("score rules: per, up to after per, unknown adds nothing, clamp once [R35, R36]") {
  const auto policy = load(R"(
fields { n: number?  b: bool? }
score per_click { +5 per n up to 20 }
score capped { +30 up to 20 }
score zero_cap { +30 up to 0 }
score flipped { +5 per n }
score negative from 0 to 100 {
  -10
  -5 when b
}
score fixed from 5 to 5 {}
score running from 0 to 10 {
  +8
  +8
  -8
}
score overflow { +10 per n }
score when_unknown {
  +3 when b
  +2 when not b
  +1.5
}
)");
  eval::Evaluator ev(*policy);
  eval::LeadOutcome out;
  const auto run = [&](Fields f) {
    const RecordValue lead_record = lead(*policy, f);
    ev.evaluate(lead_record, as_of, eval::ExplainLevel::none, out);
  };
  run({{"n", number(3)}});
  CHECK(score_of(*policy, out, "per_click") == 15);
  CHECK(score_of(*policy, out, "capped") == 20);
  CHECK(score_of(*policy, out, "zero_cap") == 0);
  CHECK(score_of(*policy, out, "negative") == 0);
  CHECK(score_of(*policy, out, "fixed") == 5);
  CHECK(score_of(*policy, out, "running") == 8);  // 16 - 8, clamped once at the end
  CHECK(score_of(*policy, out, "when_unknown") == 1.5);
  run({{"n", number(10)}, {"b", Value(true)}});
  CHECK(score_of(*policy, out, "per_click") == 20);
  CHECK(score_of(*policy, out, "when_unknown") == 4.5);
  run({{"n", number(-2)}});
  CHECK(score_of(*policy, out, "flipped") == -10);
  CHECK(score_of(*policy, out, "per_click") == -10);
  run({{"n", number(-10)}});
  CHECK(score_of(*policy, out, "per_click") == -20);
  run({});
  CHECK(score_of(*policy, out, "per_click") == 0);
  CHECK(score_of(*policy, out, "flipped") == 0);
  run({{"n", number(1.7e308)}});
  CHECK(score_of(*policy, out, "overflow") == 0);
}

TEST_CASE("gates: checks are three-valued, group forms count them [R34]") {
  const auto policy = load(R"(
fields { budget: number?  ok: bool? }
gates bant {
  budget when budget >= 10_000
  authority when ok
  both when bant.budget and bant.authority
}
gates nothing {}
let three = at least 3 of bant
let two = at least 2 of bant
let all_nothing = all of nothing
let any_nothing = any of nothing
let none_nothing = none of nothing
)");
  eval::Evaluator ev(*policy);
  eval::LeadOutcome out;
  const RecordValue l = lead(*policy, {{"ok", Value(true)}});
  ev.evaluate(l, as_of, eval::ExplainLevel::none, out);
  CHECK(show(check_of(*policy, out, "bant", "budget")) == "unknown");
  CHECK(show(check_of(*policy, out, "bant", "authority")) == "true");
  CHECK(show(check_of(*policy, out, "bant", "both")) == "unknown");
  const auto let = [&](const char* name) {
    return show(ev.evaluate_expression(*let_decl(*policy, name).value, l, as_of));
  };
  CHECK(let("three") == "unknown");
  CHECK(let("two") == "unknown");
  CHECK(let("all_nothing") == "true");
  CHECK(let("any_nothing") == "false");
  CHECK(let("none_nothing") == "true");
}

TEST_CASE("funnel: the first true line wins, unknown lines fall through; no funnel [R37, R38]") {
  const auto policy = load(R"(
fields { n: number? }
funnel {
  big when n > 100 as "a big one"
  small when n >
     0   # a comment inside the condition
  rest otherwise
}
)");
  eval::Evaluator ev(*policy);
  eval::LeadOutcome out;
  const RecordValue lead_record = lead(*policy, {{"n", number(500)}});
  ev.evaluate(lead_record, as_of, eval::ExplainLevel::none, out);
  CHECK(stage_of(*policy, out) == "big");
  CHECK(because_of(*policy, out) == "a big one");
  const RecordValue lead_record_2 = lead(*policy, {{"n", number(5)}});
  ev.evaluate(lead_record_2, as_of, eval::ExplainLevel::none, out);
  CHECK(stage_of(*policy, out) == "small");
  CHECK(because_of(*policy, out) == "n > 0");
  const RecordValue lead_record_3 = lead(*policy, {});
  ev.evaluate(lead_record_3, as_of, eval::ExplainLevel::none, out);
  CHECK(stage_of(*policy, out) == "rest");
  CHECK(because_of(*policy, out) == "otherwise");

  const auto bare = load("fields { n: number? }\nscore s { +1 }\n");
  eval::Evaluator ev2(*bare);
  const RecordValue lead_record_4 = lead(*bare, {});
  ev2.evaluate(lead_record_4, as_of, eval::ExplainLevel::compact, out);
  CHECK(out.funnel_line == -1);
  CHECK(out.scores.at(0) == 1);
  CHECK(present::explain_text(*out.trace, *bare, false).starts_with("stage: none"));
}

TEST_CASE("why-not: a range that is empty is never true, not some distance off [R23]") {
  const auto policy = load(R"(
fields { size: number? }
funnel {
  sql when size between 10 and 5
  rest otherwise
}
)");
  eval::Evaluator ev(*policy);
  eval::LeadOutcome out;
  const RecordValue small = lead(*policy, {{"size", number(20)}});
  evaluate_every_line(ev, small, as_of, out);
  const std::string text = present::why_not_text(*out.trace, *policy, "sql", false);
  INFO(text);
  CHECK(text.find("size = 20 (never true: the range is empty)") != std::string::npos);
  CHECK(text.find("over") == std::string::npos);
}

TEST_CASE("one evaluator over many leads: memoized values never leak between leads") {
  const auto policy = load(R"(
fields { n: number? }
let doubled = n * 2
score s { +1 per doubled }
funnel {
  high when doubled > 10
  low otherwise
}
)");
  eval::Evaluator ev(*policy);
  eval::LeadOutcome out;
  for (int i = 0; i < 20; ++i) {
    const RecordValue lead_record = lead(*policy, {{"n", number(i)}});
    ev.evaluate(lead_record, as_of, eval::ExplainLevel::none, out);
    CHECK(out.scores[0] == 2 * i);
    CHECK(stage_of(*policy, out) == (2 * i > 10 ? "high" : "low"));
  }
}

}  // namespace
}  // namespace qpl::eval_test
