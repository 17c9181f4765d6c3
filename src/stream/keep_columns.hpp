#pragma once
// `eval --keep "Email,Company Name"`: input columns (CSV) or keys and dotted paths (JSON) carried
// through to the results, so a CRM can match them back to its records.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "present/result_writer.hpp"
#include "model/policy.hpp"

namespace qpl::stream {

// The names of a --keep list: split on commas, each trimmed; a name may be written in double
// quotes to hold a comma ("\"Revenue, USD\",Email"). Nullopt (with the error printed) for an
// empty name or an unclosed quote.
std::optional<std::vector<std::string>> parse_keep_list(std::string_view text);

// The policy's schema with one optional text field per kept name appended (`kept` set, read from
// the column or path of that name), and where each lands in the lead record.
struct KeptSchema {
  Schema schema;
  std::vector<present::KeptColumn> columns;
};
// `option` is what a reader's error about a missing column names (`report --outcome` uses it too).
KeptSchema schema_with_kept_columns(const CheckedPolicy& policy,
                                    const std::vector<std::string>& names,
                                    const char* option = "--keep");

}  // namespace qpl::stream
