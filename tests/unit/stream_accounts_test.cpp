// Accounts in a run of eval (stream/account_table): pass 1 groups by the key after its options,
// counts keyless records, sets each lead's `account` (missing without a key), and writes the
// account lines; and the inputs it refuses.
#include <doctest/doctest.h>

#include <fstream>

#include "sema/load.hpp"
#include "stream/account_table.hpp"
#include "tests/support/scratch_dir.hpp"

namespace qpl::stream {
namespace {

const char* const policy_text = R"(fields {
  id: text
  domain: text? lower trim
  clicks: number
}
account by domain {
  let n = count(contacts)
  let total = sum(clicks of contacts)
  let big = account.total > 10
}
)";

TEST_CASE("accounts: pass 1 groups by the key after its options, in first-seen order") {
  const qpl::testing::ScratchDir dir("accounts");
  const std::string leads = (dir / "leads.ndjson").string();
  std::ofstream(leads) << R"({"id":"1","domain":"Acme.io ","clicks":4}
{"id":"2","domain":"b.com","clicks":1}
{"id":"3","clicks":9}
{"id":"4","domain":"acme.io","clicks":7}
{"id":"5","domain":"b.com","clicks":"x"}
)";
  const sema::LoadResult loaded = sema::load_policy_text("t.qpl", policy_text);
  REQUIRE(loaded.ok());
  const CheckedPolicy& policy = *loaded.policy;
  const Schema schema = schema_without_account_input(policy.schema, policy);
  const AccountTable table(policy, {{leads, io::InputFormat::ndjson}}, schema, 0);
  CHECK(table.size() == 2);
  CHECK(table.keyless() == 1);               // record 3; record 5 is in error: no one's contact
  CHECK(table.with_several_contacts() == 1);
  std::string lines;
  table.write_ndjson(lines);
  CHECK(lines ==
        "{\"account\":\"acme.io\",\"contacts\":2,\"values\":{\"n\":2,\"total\":11,\"big\":true}}\n"
        "{\"account\":\"b.com\",\"contacts\":1,\"values\":{\"n\":1,\"total\":1,\"big\":false}}\n");
  std::string csv;
  table.write_csv(csv);
  CHECK(csv == "account,contacts,n,total,big\nacme.io,2,2,11,true\nb.com,1,1,1,false\n");
  CHECK(table.summary_line() == "accounts: 2 (with 2 or more contacts: 1; records without a key: 1)");

  // attach: the account's record, or missing without a key (whatever the record held).
  const auto slot = static_cast<std::size_t>(policy.account->field_slot);
  const auto key = static_cast<std::size_t>(policy.account->key_slot);
  RecordValue lead;
  lead.fields.resize(policy.schema.lead.fields.size());
  lead.fields[key] = Value(std::string("acme.io"));
  table.attach(lead);
  REQUIRE(std::holds_alternative<RecordPtr>(lead.fields[slot].data));
  CHECK(std::get<double>(std::get<RecordPtr>(lead.fields[slot].data)->fields[0].data) == 2.0);
  lead.fields[key] = Value();
  table.attach(lead);
  CHECK(lead.fields[slot].is_unknown());
}

TEST_CASE("accounts: a blank key (an empty CSV cell, spaces) is no account, not the company \"\"") {
  const qpl::testing::ScratchDir dir("accounts");
  const std::string leads = (dir / "leads.csv").string();
  std::ofstream(leads) << "id,domain,clicks\n1,acme.io,4\n2,,1\n3,\"   \",9\n4,,2\n";
  const sema::LoadResult loaded = sema::load_policy_text("t.qpl", R"(fields {
  id: text
  domain: text
  clicks: number
}
account by domain {
  let n = count(contacts)
}
)");
  REQUIRE(loaded.ok());
  const CheckedPolicy& policy = *loaded.policy;
  const Schema schema = schema_without_account_input(policy.schema, policy);
  const AccountTable table(policy, {{leads, io::InputFormat::csv}}, schema, 0);
  CHECK(table.size() == 1);
  CHECK(table.keyless() == 3);
  std::string lines;
  table.write_ndjson(lines);
  CHECK(lines == "{\"account\":\"acme.io\",\"contacts\":1,\"values\":{\"n\":1}}\n");
}

TEST_CASE("accounts: stdin and anything not a regular file are refused, with the policy named") {
  const qpl::testing::ScratchDir dir("accounts");
  const std::string file = (dir / "leads.ndjson").string();
  std::ofstream(file) << "{}\n";
  CHECK_FALSE(inputs_read_twice_problem({{file, io::InputFormat::ndjson}}, "p.qpl"));
  const auto problem = inputs_read_twice_problem({{file, io::InputFormat::ndjson}, {"-", io::InputFormat::ndjson}}, "p.qpl");
  REQUIRE(problem);
  CHECK(*problem == "p.qpl declares 'account', so its leads are read twice: give them as files, not stdin "
                    "(save the feed to a file first)");
  CHECK(inputs_read_twice_problem({{dir.path().string(), io::InputFormat::ndjson}}, "p.qpl"));
}

TEST_CASE("accounts: the inputs' own 'account' column does not fill the remembered field") {
  const sema::LoadResult loaded = sema::load_policy_text("t.qpl", policy_text);
  REQUIRE(loaded.ok());
  const Schema schema = schema_without_account_input(loaded.policy->schema, *loaded.policy);
  const FieldSchema& field = schema.lead.fields[static_cast<std::size_t>(loaded.policy->account->field_slot)];
  CHECK(field.name == "account");
  CHECK(field.source != "account");
}

}  // namespace
}  // namespace qpl::stream
