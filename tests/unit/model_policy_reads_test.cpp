// PolicyReads: what expressions read, followed through the definitions they name.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "model/policy_reads.hpp"
#include "sema/load.hpp"

namespace {

using namespace qpl;

const char* policy_text = R"(
fields {
  id: text
  size: number?
  country: text?
  demo: bool?
  budget: number?
  unused: text?
}
let big = size >= 100
icp fit {
  require big
  require country in ["FR", "DE"]
}
score interest {
  +20 when demo
}
gates bant {
  budget when budget > 0
  other  when country = "FR"
}
let lonely = budget > 1
funnel {
  sql when fit and bant.budget
  mql when interest >= 20
  lead otherwise
}
)";

std::vector<std::string> field_names(const CheckedPolicy& p, const PolicyReads& reads) {
  std::vector<std::string> names;
  for (const std::uint32_t slot : reads.lead_fields()) names.push_back(p.schema.lead.fields[slot].name);
  return names;
}

}  // namespace

TEST_CASE("PolicyReads: the funnel reaches definitions through names, fields in first-read order") {
  const sema::LoadResult r = sema::load_policy_text("t.qpl", policy_text);
  REQUIRE(r.policy);
  const CheckedPolicy& p = *r.policy;
  PolicyReads reads(p);
  for (const auto& line : p.funnel->lines)
    if (line.condition) reads.read(*line.condition);
  // fit, then bant.budget, then interest: the walk goes into a definition where it is named; a
  // definition's several expressions (fit's two clauses) are walked from the last one.
  CHECK(field_names(p, reads) == std::vector<std::string>{"country", "size", "budget", "demo"});
  CHECK(reads.lets() == std::vector<bool>{true, false});  // big, not lonely
  CHECK(reads.icps() == std::vector<bool>{true});
  CHECK(reads.scores() == std::vector<bool>{true});
  CHECK(reads.checks() == std::vector<bool>{true, false});  // bant.budget only
  CHECK(reads.gates() == std::vector<bool>{true});           // a check read counts its group
}

TEST_CASE("PolicyReads: a gates group read as a whole reads every check; nothing reads twice") {
  const sema::LoadResult r = sema::load_policy_text("t.qpl", policy_text);
  REQUIRE(r.policy);
  const CheckedPolicy& p = *r.policy;
  PolicyReads reads(p);
  reads.read_gates(0);
  CHECK(reads.checks() == std::vector<bool>{true, true});
  CHECK(field_names(p, reads) == std::vector<std::string>{"country", "budget"});
  reads.read_check(1);  // already read: adds nothing
  reads.read_icp(0);
  CHECK(field_names(p, reads) == std::vector<std::string>{"country", "budget", "size"});
  CHECK(reads.lets() == std::vector<bool>{true, false});
  CHECK(reads.scores() == std::vector<bool>{false});
}
