#include "repl/missing_fields.hpp"

#include "model/policy_reads.hpp"

namespace qpl::repl {

std::vector<std::string> missing_fields_of(const Expr& root, const CheckedPolicy& policy,
                                           const RecordValue& lead) {
  PolicyReads reads(policy);
  reads.read(root);
  std::vector<std::string> names;
  for (const std::uint32_t slot : reads.lead_fields())
    if (slot < lead.fields.size() && lead.fields[slot].is_unknown())
      names.push_back(policy.schema.lead.fields[slot].name);
  return names;
}

}  // namespace qpl::repl
