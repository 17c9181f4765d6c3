// `eval --keep`: the list of names and the schema the inputs are read with.
#include <doctest/doctest.h>

#include "stream/keep_columns.hpp"
#include "sema/load.hpp"

namespace qpl::stream {
namespace {

TEST_CASE("keep: names are split on commas and trimmed; quotes hold a comma") {
  const auto names = parse_keep_list(R"( Email ,"Revenue, USD",company.name)");
  REQUIRE(names);
  CHECK(*names == std::vector<std::string>{"Email", "Revenue, USD", "company.name"});
  CHECK_FALSE(parse_keep_list("Email,,Phone"));
  CHECK_FALSE(parse_keep_list(""));
  CHECK_FALSE(parse_keep_list("\"Email"));
  CHECK_FALSE(parse_keep_list("\"Email\" x"));
}

TEST_CASE("keep: kept names become optional text fields after the policy's, with their paths") {
  const sema::LoadResult loaded = sema::load_policy_text("t.qpl", "fields {\n  id: text\n  size: number\n}\n");
  REQUIRE(loaded.ok());
  const KeptSchema kept = schema_with_kept_columns(*loaded.policy, {"Email", "company.name"});
  REQUIRE(kept.schema.lead.fields.size() == 4);
  REQUIRE(kept.columns.size() == 2);
  CHECK(kept.columns[0].name == "Email");
  CHECK(kept.columns[0].slot == 2);
  const FieldSchema& path = kept.schema.lead.fields[kept.columns[1].slot];
  CHECK(path.kept);
  CHECK(path.optional);
  CHECK(path.path == std::vector<std::string>{"company", "name"});
  CHECK(path.type->kind == TypeKind::text);
  // The policy's own schema is left as it was.
  CHECK(loaded.policy->schema.lead.fields.size() == 2);
}

}  // namespace
}  // namespace qpl::stream
