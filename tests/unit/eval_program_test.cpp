// The compiled program (eval/program.*) against the tree walk it mirrors: the untraced outcome
// (the program) equals the traced one (the tree walk), faults included, on the forms the program
// runs itself, on those it hands to the tree walk, and on equal sub-expressions made once.
#include <string>
#include <vector>

#include "eval/program.hpp"
#include "eval/trace.hpp"
#include "eval_support.hpp"

namespace qpl::eval_test {
namespace {

std::string outcome_text(const eval::LeadOutcome& o) {
  std::string out = "line " + std::to_string(o.funnel_line);
  for (double s : o.scores) out += " score " + format_number(s);
  for (const auto& v : o.icps) out += " icp " + show(v) + (v.is_unknown() ? "/" + std::to_string(int(v.fault())) : "");
  for (const auto& v : o.checks) out += " check " + show(v) + (v.is_unknown() ? "/" + std::to_string(int(v.fault())) : "");
  for (const auto& v : o.grades) out += " grade " + show(v) + (v.is_unknown() ? "/" + std::to_string(int(v.fault())) : "");
  return out;
}

const char* const policy_text = R"(
fields {
  id: text
  email: text?
  country: text?
  size: number?
  budget: number?
  signed: date?
  tags: list of text?
}
let region = lower(country) otherwise "none"
icp fit {
  require size between 10 and 5000
  require lower(country) in ["fr", "be", "ch", "ca", "us", "de", "nl", "es", "it", "pt"]
  exclude lower(email) ends with "@gmail.com"
  exclude domain(email) = "yahoo.com"
}
score heat from 0 to 100 {
  +2 per size / 100 up to 20
  +10 when lower(email) contains "ceo"
  +5 when signed + 1 months > today
  +5 when signed within 30 days
  +7 when length(tags) >= 1
  +1 when "vip" in tags
  +3 when budget / (size - 100) > 1
  -4 when region not in ["fr", "be"]
  +1 when trim(email) matches "^[a-z]+@"
}
gates bant {
  budget when budget >= 10_000
  size when size is present and round(size) % 2 = 0
}
funnel {
  out  when not fit
  hot  when fit and (heat >= 20 or at least 2 of bant)
  warm when any of (heat >= 10, budget > 0)
  cold otherwise
}
)";

TEST_CASE("the compiled program gives the tree walk's outcome, faults included") {
  const auto policy = load(policy_text);
  eval::Evaluator program(*policy), tree(*policy);
  const std::vector<Value> emails = {text("ceo@acme.fr"), text("x@gmail.com"), text("a@yahoo.com"),
                                     text("no-at-sign"), unknown(), text(" Ceo@ACME.de")};
  const std::vector<Value> countries = {text("FR"), text("pt"), text("jp"), unknown()};
  const std::vector<Value> sizes = {number(50), number(100), number(9000), unknown()};
  const std::vector<Value> budgets = {number(20000), number(0), unknown()};
  const std::vector<Value> signs = {date(2026, 10, 20), date(2026, 1, 31), unknown()};
  int leads = 0;
  for (const auto& email : emails)
    for (const auto& country : countries)
      for (const auto& size : sizes)
        for (const auto& budget : budgets)
          for (const auto& signed_on : signs) {
            const RecordValue l = lead(*policy, {{"id", text("L")}, {"email", email},
                                                 {"country", country}, {"size", size},
                                                 {"budget", budget}, {"signed", signed_on},
                                                 {"tags", list({text("vip")})}});
            eval::LeadOutcome fast, traced;
            program.evaluate(l, as_of, eval::ExplainLevel::none, fast);
            tree.evaluate(l, as_of, eval::ExplainLevel::compact, traced);
            INFO("lead " << leads);
            CHECK(outcome_text(fast) == outcome_text(traced));
            CHECK(fast.trace == nullptr);
            ++leads;
          }
  CHECK(leads == 6 * 4 * 4 * 3 * 3);
}

// Grades and bands: the program computes them itself (OpCode::grade), the tree walk line by line.
const char* const grades_text = R"(
fields {
  id: text
  size: number?
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
  "C" when size / (size - 30) > 1
  "D" otherwise
}
bands engagement_band of engagement { cold below 20, warm below 50, hot otherwise }
bands engagement_tier of engagement { "4" below 20, "3" below 40, "2" below 60, "1" otherwise }
bands rating_band of rating / (size - 200) { low below 0, high otherwise }
let matrix = fit_grade + engagement_tier
funnel {
  sql     when matrix in ["A1", "A2", "B1"]
  nurture when engagement_band = "warm" or rating_band = "high"
  other   otherwise
}
)";

TEST_CASE("the compiled program gives the tree walk's grades and bands, faults included") {
  const auto policy = load(grades_text);
  eval::Evaluator program(*policy), tree(*policy);
  const std::vector<Value> sizes = {number(200), number(30), number(10), number(45), unknown()};
  const std::vector<Value> sectors = {text("saas"), text("retail"), unknown()};
  const std::vector<Value> clicks = {number(0), number(4), number(9), number(30), unknown()};
  const std::vector<Value> ratings = {number(3), number(-2), unknown()};
  int leads = 0;
  for (const auto& size : sizes)
    for (const auto& sector : sectors)
      for (const auto& click : clicks)
        for (const auto& rating : ratings) {
          const RecordValue l = lead(*policy, {{"id", text("L")}, {"size", size}, {"sector", sector},
                                               {"clicks", click}, {"rating", rating}});
          eval::LeadOutcome fast, traced;
          program.evaluate(l, as_of, eval::ExplainLevel::none, fast);
          tree.evaluate(l, as_of, eval::ExplainLevel::compact, traced);
          INFO("lead " << leads);
          CHECK(outcome_text(fast) == outcome_text(traced));
          CHECK(fast.grades.size() == 4);
          ++leads;
        }
  CHECK(leads == 5 * 3 * 5 * 3);
}

// Constant sub-expressions of every form the program runs, faults and texts included, beside
// ones that read the lead or today and must not be folded.
const char* const constants_text = R"(
fields {
  id: text
  size: number?
  signed: date?
}
let thousands = 10 * 1000 + 0.5 - 0.5
let broken = 1 / 0
let too_big = 100000000000000000000 * 100000000000000000000 * 100000000000000000000 * 100000000000000000000 * 100000000000000000000 * 100000000000000000000 * 100000000000000000000 * 100000000000000000000 * 100000000000000000000 * 100000000000000000000 * 100000000000000000000 * 100000000000000000000 * 100000000000000000000 * 100000000000000000000 * 100000000000000000000 * 100000000000000000000
let label = lower("ABC") + "-" + upper(trim("  x "))
let shifted = 2026-01-01 + 30 days
let listed = "fr" in ["fr", "be"] and not (3 in [1, 2])
let ranged = 5 between 1 and 10 and "b" between "a" and "c"
let rounded = round(2.5) + length("héllo")
let mail_domain = domain("Ann@Example.COM")
let no_domain = domain("no at sign")
let rescued = (1 / 0) otherwise 7
let presence = "x" is present and not ("x" is missing)
let grouped = at least 2 of (1 < 2, 2 < 1, "a" = "a")
let reads_lead = size * 2
let reads_today = signed within 30 days or days_since(2026-01-01) > 3
gates constants {
  thousands when size < thousands
  broken when size < broken
  too_big when size < too_big
  label when label = "abc-X"
  shifted when signed < shifted
  listed when listed and size > 0
  ranged when ranged and size > 0
  rounded when size > rounded
  mail_domain when mail_domain = "example.com" and size > 0
  no_domain when no_domain = "" or size > 0
  rescued when size > rescued
  presence when presence and size > 0
  grouped when grouped and size > 0
  reads_lead when reads_lead > 10
  reads_today when reads_today
}
)";

TEST_CASE("constant operations are folded, with the values and faults the tree walk gives") {
  const auto policy = load(constants_text);
  const eval::Program program = eval::Program::compile(*policy);
  // Every let but the last two is one constant, computed once.
  REQUIRE(program.lets.size() == 15);
  for (std::size_t i = 0; i + 2 < program.lets.size(); ++i) {
    INFO("let " << policy->lets[i].decl->name);
    CHECK(program.ops[program.lets[i]].code == eval::OpCode::constant);
  }
  CHECK(program.ops[program.lets[13]].code != eval::OpCode::constant);  // reads the lead
  CHECK(program.ops[program.lets[14]].code != eval::OpCode::constant);  // reads today
  const eval::Slot& label = program.ops[program.lets[3]].constant;
  REQUIRE(label.kind == eval::Slot::Kind::text);
  CHECK(label.text() == "abc-X");
  CHECK(program.ops[program.lets[1]].constant.fault == Fault::division_by_zero);
  CHECK(program.ops[program.lets[2]].constant.fault == Fault::non_finite);
  CHECK(program.ops[program.lets[9]].constant.fault == Fault::no_domain);

  eval::Evaluator fast_evaluator(*policy), tree(*policy);
  int leads = 0;
  for (const auto& size : {number(5), number(20000), unknown()})
    for (const auto& signed_on : {date(2026, 1, 15), date(2026, 10, 20), unknown()}) {
      const RecordValue l = lead(*policy, {{"id", text("L")}, {"size", size}, {"signed", signed_on}});
      eval::LeadOutcome fast, traced;
      fast_evaluator.evaluate(l, as_of, eval::ExplainLevel::none, fast);
      tree.evaluate(l, as_of, eval::ExplainLevel::compact, traced);
      INFO("lead " << leads);
      CHECK(outcome_text(fast) == outcome_text(traced));
      ++leads;
    }
  CHECK(leads == 9);
}

TEST_CASE("a shared sub-expression is computed again for every lead") {
  const auto policy = load(policy_text);
  eval::Evaluator evaluator(*policy);
  eval::LeadOutcome first, second;
  const RecordValue lead_record = lead(*policy, {{"id", text("A")}, {"email", text("ceo@x.fr")}, {"country", text("FR")}, {"size", number(100)}});
  evaluator.evaluate(lead_record,
                     as_of, eval::ExplainLevel::none, first);
  const RecordValue lead_record_2 = lead(*policy, {{"id", text("B")}, {"email", text("bob@gmail.com")}, {"country", text("FR")}, {"size", number(100)}});
  evaluator.evaluate(lead_record_2,
                     as_of, eval::ExplainLevel::none, second);
  REQUIRE(first.icps.size() == 1);
  CHECK(first.icps[0].is_true());
  CHECK(second.icps[0].is_false());  // lower(email) of the second lead, not the first's
}

}  // namespace
}  // namespace qpl::eval_test
