// Accounts: the folds of an account's aggregates over `contacts`, fed one contact at a time, and
// the account lets computed from them (docs/language.md, "account by"), with the Kleene readings
// of "Aggregates"; and the checker's remembered field `account`.
#include "eval_support.hpp"

#include "eval/account_folds.hpp"

namespace qpl::eval_test {
namespace {

const char* const policy_text = R"(
fields {
  id: text
  domain: text?
  vp: bool
  clicks: number?
}
let floor = 2
account by domain {
  let vps = count(contacts where vp)
  let total = sum(clicks of contacts)
  let best = max(clicks of contacts where vp)
  let all_vp = all(contacts where vp)
  let group = account.vps >= floor
}
let hot = account.group otherwise false
)";

struct Contact {
  bool vp;
  Value clicks;
};

// The account's values, shown in declaration order.
std::vector<std::string> account_of(const std::vector<Contact>& contacts) {
  const auto policy = load(policy_text);
  eval::Evaluator evaluator(*policy);
  const eval::AccountFolder folder(*policy);
  eval::AccountFolds folds = folder.start();
  std::vector<Value> parts;
  for (const Contact& c : contacts) {
    folder.contact_parts(evaluator, lead(*policy, {{"id", text("x")}, {"domain", text("a.io")},
                                                   {"vp", Value(c.vp)}, {"clicks", c.clicks}}),
                         as_of, parts);
    folder.fold(parts, folds);
  }
  const Value values = folder.account_value(evaluator, folds, as_of);
  std::vector<std::string> shown;
  for (const Value& v : std::get<RecordPtr>(values.data)->fields) shown.push_back(show(v));
  return shown;
}

TEST_CASE("accounts: the checker adds the remembered optional field account, one member per let") {
  const auto policy = load(policy_text);
  REQUIRE(policy->account);
  const AccountInfo& account = *policy->account;
  CHECK(account.lets.size() == 5);
  CHECK(account.aggregates.size() == 4);
  const FieldSchema& field = policy->schema.lead.fields[static_cast<std::size_t>(account.field_slot)];
  CHECK(field.name == "account");
  CHECK(field.optional);
  CHECK(field.remembered);
  // `group` reads `vps`: it comes after it.
  const auto at = [&](std::uint32_t i) { return std::find(account.order.begin(), account.order.end(), i) - account.order.begin(); };
  CHECK(at(0) < at(4));
}

TEST_CASE("accounts: the folds read as the aggregates do") {
  CHECK(account_of({{true, number(3)}, {false, number(4)}, {true, number(7)}}) ==
        std::vector<std::string>{"2", "14", "7", "false", "true"});
  // An unknown value makes sum and max unknown; count skips unknown conditions.
  CHECK(account_of({{true, unknown()}, {true, number(1)}}) ==
        std::vector<std::string>{"2", "unknown", "unknown", "true", "true"});
  // max over no selected contact is unknown, sum over none is 0 (here: no vp).
  CHECK(account_of({{false, number(5)}}) == std::vector<std::string>{"0", "5", "unknown", "false", "false"});
}

TEST_CASE("accounts: a lead evaluated alone reads its account values as unknown") {
  const auto policy = load(policy_text);
  eval::Evaluator evaluator(*policy);
  const Value v = evaluator.evaluate_expression(*let_decl(*policy, "hot").value,
                                                lead(*policy, {{"id", text("x")}, {"vp", Value(true)}}), as_of);
  CHECK(show(v) == "false");  // `account.group otherwise false`
}

TEST_CASE("accounts: the key text groups numbers by value") {
  std::string key;
  CHECK(eval::account_key_text(Value(-0.0), key));
  CHECK(key == "0");
  CHECK_FALSE(eval::account_key_text(Value(Unknown{}), key));
}

}  // namespace
}  // namespace qpl::eval_test
