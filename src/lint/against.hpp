#pragma once
// `qualify lint POLICY --against SAMPLE`: the columns the policy reads, checked against the
// header of a sample CSV file, or the keys against those a sample NDJSON or JSON file's records
// have, as `eval` would report them on that file (QPL510, QPL511). The files of table-driven
// tests (`leads from "cases.csv"`) are checked the same way, always.
#include <string>

#include "model/policy.hpp"
#include "support/diagnostic.hpp"

namespace qpl::lint {

// Adds a diagnostic at the field's declaration for each column the sample's header lacks.
// Throws InputError when the sample cannot be read or its extension names no format.
void check_against_sample(const CheckedPolicy& policy, const std::string& sample_path,
                          Diagnostics& out);

// Each `leads from` file of the policy's tests, once: an unreadable file (QPL314), the table's
// own mistakes (QPL312, QPL313, as `qualify test` reports them), and its header against the
// columns the policy reads (QPL510, QPL511, at the `leads from` line). Adds the expectation
// columns' expressions to the policy, as `qualify test` does.
void check_test_tables(CheckedPolicy& policy, Diagnostics& out);

}  // namespace qpl::lint
