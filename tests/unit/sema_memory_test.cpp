// Stage memory in the checker (docs/language.md, "Stage memory"): `previous` and `days_in_stage`
// exist for a policy with a funnel that reads them, a stage literal is checked against the
// funnel, and a declaration of the policy's own under either name wins.
#include <doctest/doctest.h>

#include <string>

#include "model/memory.hpp"
#include "sema/load.hpp"

namespace {

using namespace qpl;

sema::LoadResult load(const std::string& body) {
  return sema::load_policy_text("memory.qpl", "fields {\n  id: text\n  clicks: number\n}\n\n" + body);
}

const std::string funnel =
    "funnel {\n  sql when clicks > 3\n  mql when previous.stage = \"sql\" and days_in_stage > 30\n"
    "  lead otherwise\n}\n";

}  // namespace

TEST_CASE("memory: a funnel reading previous and days_in_stage gives the lead a remembered field") {
  const auto loaded = load(funnel);
  REQUIRE(loaded.ok());
  const int slot = previous_slot(loaded.policy->schema.lead);
  REQUIRE(slot == 2);  // after the declared fields, whose slots do not move
  const FieldSchema& field = loaded.policy->schema.lead.fields[2];
  CHECK(field.optional);
  CHECK(field.remembered);
  REQUIRE(field.type->kind == TypeKind::record);
  const RecordType& record = *field.type->record;
  REQUIRE(record.fields.size() == 2);
  CHECK(record.fields[previous_stage_slot].name == "stage");
  CHECK(type_name(record.fields[previous_stage_slot].type) == "one of (\"sql\", \"mql\", \"lead\")");
  CHECK(record.fields[previous_since_slot].name == "since");
  CHECK(type_name(record.fields[previous_since_slot].type) == "date");
  // days_in_stage is the let of the file <memory>.
  REQUIRE(loaded.policy->lets.size() == 1);
  CHECK(loaded.policy->lets[0].name == "days_in_stage");
  CHECK(type_name(loaded.policy->lets[0].type) == "number");
}

TEST_CASE("memory: a policy that does not read it has no remembered field and no <memory> file") {
  const auto loaded = load("funnel {\n  sql when clicks > 3\n  lead otherwise\n}\n");
  REQUIRE(loaded.ok());
  CHECK(previous_slot(loaded.policy->schema.lead) == -1);
  CHECK(loaded.policy->lets.empty());
  CHECK(loaded.policy->modules.size() == 1);
}

TEST_CASE("memory: a previous stage literal must be a stage of the funnel") {
  const auto loaded = load("funnel {\n  sql when previous.stage = \"sqll\"\n  lead otherwise\n}\n");
  CHECK_FALSE(loaded.ok());
  const std::string text = loaded.diagnostics.items().empty() ? "" : loaded.diagnostics.items()[0].message;
  CHECK(text.find("sqll") != std::string::npos);
}

TEST_CASE("memory: without a funnel, previous is an unknown name") {
  const auto loaded = load("let stuck = previous.stage = \"mql\"\n");
  CHECK_FALSE(loaded.ok());
}

TEST_CASE("memory: a field or let named like the memory is the policy's own") {
  const auto field = sema::load_policy_text(
      "own.qpl", "fields {\n  id: text\n  previous: text?\n}\nfunnel {\n  sql when previous = \"x\"\n  lead otherwise\n}\n");
  REQUIRE(field.ok());
  CHECK(previous_slot(field.policy->schema.lead) == -1);
  const auto let = load("let days_in_stage = clicks\nfunnel {\n  sql when days_in_stage > 3\n  lead otherwise\n}\n");
  REQUIRE(let.ok());
  CHECK(let.policy->lets.size() == 1);
  CHECK(let.policy->modules.size() == 1);
  CHECK(previous_slot(let.policy->schema.lead) == -1);
}

TEST_CASE("memory: a forward-only funnel has memory without reading previous") {
  const auto loaded = load("funnel forward-only {\n  order lead < sql\n  sql when clicks > 3\n  lead otherwise\n}\n");
  REQUIRE(loaded.ok());
  CHECK(previous_slot(loaded.policy->schema.lead) == 2);
  REQUIRE(loaded.policy->funnel != nullptr);
  CHECK(loaded.policy->funnel->rank("sql") == 1);
  CHECK(loaded.policy->funnel->rank("nurture") == -1);
}
