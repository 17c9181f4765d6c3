#pragma once
// `qualify lint POLICY --against SAMPLE`: the columns the policy reads, checked against the
// header of a sample CSV file, as `eval` would report them on that file (QPL510, QPL511).
#include <string>

#include "model/policy.hpp"
#include "support/diagnostic.hpp"

namespace qpl::lint {

// Adds a diagnostic at the field's declaration for each column the sample's header lacks.
// Throws InputError when the sample cannot be read or is not CSV.
void check_against_sample(const CheckedPolicy& policy, const std::string& sample_path,
                          Diagnostics& out);

}  // namespace qpl::lint
