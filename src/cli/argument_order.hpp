#pragma once
// `qualify eval leads.csv policy.qpl`: the lead file named where the policy goes. Said once,
// with the command in the right order, instead of a parse error on the first CSV line.
#include <string>
#include <vector>

namespace qpl::cli {

// False after printing the error when `policy` has a lead file's extension (.csv, .ndjson,
// .jsonl, .json); the command it prints puts a .qpl among `inputs` (else POLICY.qpl) first.
bool check_policy_comes_first(const std::string& verb, const std::string& policy,
                              const std::vector<std::string>& inputs);

}  // namespace qpl::cli
