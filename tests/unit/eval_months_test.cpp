// `months` durations: calendar arithmetic on dates and `within N months`. Today is 2026-11-01
// unless a case says otherwise.
#include "eval_support.hpp"

namespace qpl::eval_test {
namespace {

const char* const schema = R"(
fields {
  d: date?
}
)";

std::string eval_at(const char* expr, const Fields& fields, std::int32_t today = as_of) {
  const auto policy = load(std::string(schema) + "let x = " + expr + "\n");
  eval::Evaluator evaluator(*policy);
  return show(evaluator.evaluate_expression(*let_decl(*policy, "x").value, lead(*policy, fields), today));
}

TEST_CASE("months: date arithmetic, end of month clamped") {
  CHECK(eval_at("2026-01-31 + 1 months", {}) == "2026-02-28");
  CHECK(eval_at("2024-01-31 + 1 month", {}) == "2024-02-29");
  CHECK(eval_at("2026-03-31 - 1 months", {}) == "2026-02-28");
  CHECK(eval_at("1 months + 2026-03-31", {}) == "2026-04-30");
  // Each shift in turn: clamping does not add up like days.
  CHECK(eval_at("2026-01-31 + 1 months + 1 months", {}) == "2026-03-28");
  CHECK(eval_at("2026-01-31 + 2 months", {}) == "2026-03-31");
  CHECK(eval_at("2026-01-31 + 1 months + 3 days", {}) == "2026-03-03");
  CHECK(eval_at("today - 12 months", {}) == "2025-11-01");
  CHECK(eval_at("d + 3 months", {{"d", date(2026, 11, 30)}}) == "2027-02-28");
  CHECK(eval_at("d + 3 months", {}) == "unknown");
  CHECK(eval_at("9999-12-15 + 1 months", {}) == "unknown");
  CHECK(eval_at("(9999-12-15 + 1 months) is missing", {}) == "true");
}

TEST_CASE("months: within N months reaches back to the same day, clamped") {
  CHECK(eval_at("d within 1 months", {{"d", date(2026, 10, 1)}}) == "true");
  CHECK(eval_at("d within 1 months", {{"d", date(2026, 9, 30)}}) == "false");
  CHECK(eval_at("d within 1 months", {{"d", date(2026, 11, 2)}}) == "false");  // the future
  CHECK(eval_at("d within 1 months", {{"d", date(2026, 11, 1)}}) == "true");
  CHECK(eval_at("d within 1 months", {}) == "unknown");
  const std::int32_t march_31 = day(2026, 3, 31);
  CHECK(eval_at("d within 1 months", {{"d", date(2026, 2, 28)}}, march_31) == "true");
  CHECK(eval_at("d within 1 months", {{"d", date(2026, 2, 27)}}, march_31) == "false");
  CHECK(eval_at("d within 12 months", {{"d", date(2025, 11, 1)}}) == "true");
  CHECK(eval_at("d within 12 months", {{"d", date(2025, 10, 31)}}) == "false");
  CHECK(eval_at("d within 100000 months", {{"d", date(1, 1, 1)}}) == "true");
}

TEST_CASE("months: the checker treats them as durations") {
  auto r = sema::load_policy_text("t.qpl", std::string(schema) + "let w = 3 months\n");
  CHECK(!r.ok());
  r = sema::load_policy_text("t.qpl", std::string(schema) + "let w = d + 1.5 months\n");
  CHECK(!r.ok());
  r = sema::load_policy_text("t.qpl", std::string(schema) + "let w = d - 2 months > today\n");
  CHECK(r.ok());
}

}  // namespace
}  // namespace qpl::eval_test
