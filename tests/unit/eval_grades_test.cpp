// grade and bands (docs/language.md, "grade NAME"): labels computed by hand, the Kleene
// readings (an unknown line before a true one, an unknown number), `text + text` and the
// trace's line that decided. The compiled program's agreement is in eval_program_test.cpp.
#include "eval/trace.hpp"
#include "eval_support.hpp"

namespace qpl::eval_test {
namespace {

const char* const policy_text = R"(
fields {
  size:   number?
  sector: text?
  clicks: number?
  rating: number?
}
icp fit {
  require size between 50 and 5000
}
score engagement from 0 to 100 {
  +5 per clicks up to 60
}
grade fit_grade {
  "A" when fit and sector = "saas"
  "B" when fit
  C   when size >= 20
  "D" otherwise
}
bands engagement_band of engagement {
  cold below 20
  warm below 50
  hot  otherwise
}
bands engagement_tier of engagement { "4" below 20, "3" below 40, "2" below 60, "1" otherwise }
bands rating_band of rating - 1 { low below -0.5, mid below 1.5, high otherwise }
let matrix = fit_grade + engagement_tier
)";

struct Grades {
  std::string fit, band, tier, rating;
};

Grades grades_of(const Fields& fields) {
  const auto policy = load(policy_text);
  eval::Evaluator evaluator(*policy);
  eval::LeadOutcome out;
  const RecordValue lead_record = lead(*policy, fields);
  evaluator.evaluate(lead_record, as_of, eval::ExplainLevel::none, out);
  REQUIRE(out.grades.size() == 4);
  return {show(out.grades[0]), show(out.grades[1]), show(out.grades[2]), show(out.grades[3])};
}

std::string eval_text(const char* expr, const Fields& fields) {
  const auto policy = load(std::string(policy_text) + "let x = " + expr + "\n");
  eval::Evaluator evaluator(*policy);
  return show(evaluator.evaluate_expression(*let_decl(*policy, "x").value, lead(*policy, fields), as_of));
}

TEST_CASE("grades: the first true line gives the label") {
  // size 200 fits; saas: "A". 9 clicks: 45 points, warm (20 <= 45 < 50), tier "2" (40 <= 45 < 60).
  auto g = grades_of({{"size", number(200)}, {"sector", text("saas")}, {"clicks", number(9)}});
  CHECK(g.fit == "\"A\"");
  CHECK(g.band == "\"warm\"");
  CHECK(g.tier == "\"2\"");
  // retail: "B"; 4 clicks: 20 points, on the bound: warm, not cold; tier "3".
  g = grades_of({{"size", number(200)}, {"sector", text("retail")}, {"clicks", number(4)}});
  CHECK(g.fit == "\"B\"");
  CHECK(g.band == "\"warm\"");
  CHECK(g.tier == "\"3\"");
  // 30 people do not fit (false, not unknown): the third line, a bare word read as "C".
  g = grades_of({{"size", number(30)}, {"sector", text("saas")}, {"clicks", number(2)}});
  CHECK(g.fit == "\"C\"");
  CHECK(g.band == "\"cold\"");
  CHECK(g.tier == "\"4\"");
  // Every line false: otherwise. 12 clicks: 60 points (capped), hot, tier "1" (60 is not < 60).
  g = grades_of({{"size", number(10)}, {"sector", text("saas")}, {"clicks", number(12)}});
  CHECK(g.fit == "\"D\"");
  CHECK(g.band == "\"hot\"");
  CHECK(g.tier == "\"1\"");
}

TEST_CASE("grades: Kleene readings") {
  // size missing: fit is unknown, so the first line is unknown before any true one: unknown,
  // not "B" or "D".
  auto g = grades_of({{"sector", text("saas")}, {"clicks", number(12)}});
  CHECK(g.fit == "unknown");
  // A false line before the unknown one does not help: retail makes line 1 false, line 2 is
  // `fit`, unknown.
  g = grades_of({{"sector", text("retail")}});
  CHECK(g.fit == "unknown");
  // size 200 with the sector missing: line 1 is `true and unknown`, unknown, so the grade is
  // unknown although line 2 (`fit`) holds: the lines are read in order.
  g = grades_of({{"size", number(200)}});
  CHECK(g.fit == "unknown");
  // Bands of a score are always known (a missing `per` adds nothing): 0 points, cold.
  CHECK(g.band == "\"cold\"");
  // Bands of an unknown number are unknown; of a known one, the computed value is cut.
  CHECK(g.rating == "unknown");
  CHECK(grades_of({{"rating", number(0.4)}}).rating == "\"low\"");   // -0.6 < -0.5
  CHECK(grades_of({{"rating", number(0.5)}}).rating == "\"mid\"");   // -0.5 is not below -0.5
  CHECK(grades_of({{"rating", number(2.5)}}).rating == "\"high\"");  // 1.5 is not below 1.5
}

TEST_CASE("grades: usable in expressions, joined with +") {
  const Fields a2{{"size", number(200)}, {"sector", text("saas")}, {"clicks", number(9)}};
  CHECK(eval_text("matrix", a2) == "\"A2\"");
  CHECK(eval_text("matrix in [\"A1\", \"A2\"]", a2) == "true");
  CHECK(eval_text("fit_grade = \"A\" and engagement_band != \"hot\"", a2) == "true");
  CHECK(eval_text("fit_grade + \"/\" + engagement_band", a2) == "\"A/warm\"");
  CHECK(eval_text("matrix", {{"sector", text("saas")}}) == "unknown");
  CHECK(eval_text("fit_grade otherwise \"D\"", {{"sector", text("saas")}}) == "\"D\"");
  CHECK(eval_text("\"x\" + \"\"", {}) == "\"x\"");
}

TEST_CASE("grades: the matrix's type is the one of every pairing") {
  const auto policy = load(std::string(policy_text) + "let x = 1\n");
  const LetDecl& matrix = let_decl(*policy, "matrix");
  REQUIRE(matrix.value->type != nullptr);
  CHECK(type_name(matrix.value->type) ==
        "one of (\"A4\", \"A3\", \"A2\", \"A1\", \"B4\", \"B3\", \"B2\", \"B1\", \"C4\", \"C3\", "
        "\"C2\", \"C1\", \"D4\", \"D3\", \"D2\", \"D1\")");
}

TEST_CASE("grades: the trace says which line decided") {
  const auto policy = load(policy_text);
  eval::Evaluator evaluator(*policy);
  eval::LeadOutcome out;
  const RecordValue lead_record = lead(*policy, {{"size", number(200)}, {"sector", text("retail")}, {"clicks", number(9)}});
  evaluator.evaluate(lead_record,
                     as_of, eval::ExplainLevel::compact, out);
  REQUIRE(out.trace);
  std::vector<std::string> lines;
  for (const eval::TraceNode& node : out.trace->nodes) {
    if (node.kind != eval::TraceKind::grade) continue;
    std::string text = policy->grades[node.index].name + " = " + show(node.value) + ":";
    for (const std::uint32_t child : node.children) {
      const eval::TraceNode& c = out.trace->nodes[child];
      if (c.kind == eval::TraceKind::grade_line) text += " " + std::to_string(c.index) + "/" + show(c.value);
    }
    lines.push_back(text);
  }
  // Tried in order up to the one that held; the lines after it are not tried.
  CHECK(lines == std::vector<std::string>{"fit_grade = \"B\": 0/false 1/true",
                                          "engagement_band = \"warm\": 0/false 1/true",
                                          "engagement_tier = \"2\": 0/false 1/false 2/true",
                                          "rating_band = unknown:"});
}

}  // namespace
}  // namespace qpl::eval_test
