#pragma once
// What every writer reads from a result, in one place: the id value (R46) and the columns of the
// policy (scores, icps, checks in declaration order, R47). The stage is eval::stage_answer's.
#include <string>
#include <vector>

#include "present/result_writer.hpp"

namespace qpl::present {

// [R46] The `id` field's value when the schema declares one (unknown when it is missing);
// null when there is no `id` field: the id is then the record number.
const Value* result_id(const CheckedPolicy& policy, const ResultView& result);

// "bant.budget" for every check, in output order, with its index into CheckedPolicy::checks.
struct CheckColumn {
  std::string group;
  std::string label;
  std::uint32_t index = 0;
};
std::vector<CheckColumn> check_columns(const CheckedPolicy& policy);

}  // namespace qpl::present
