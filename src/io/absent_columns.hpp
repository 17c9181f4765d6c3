#pragma once
// Columns (CSV header cells) and keys (JSON) a policy reads that an input lacks, found once per
// file: a misspelt `from` would otherwise read as missing in every record, silently.
#include <optional>
#include <string>
#include <vector>

#include "model/policy.hpp"

namespace qpl::io {

struct AbsentColumn {
  std::string column;  // as the policy names it: the `from` source, else the field name
  std::string field;   // the field: `budget`, or `size` of a record type (see `record`)
  std::string record;  // the record type of a nested field; empty for a lead field
  bool required = false;
  std::optional<std::string> suggestion;  // the closest column the input has
};

// The lead fields whose column is not in `header` (cells as read, trimmed), in field order.
std::vector<AbsentColumn> absent_csv_columns(const Schema& schema,
                                             const std::vector<std::string>& header);

// The closest of `present` to `column`: the same name but for case, spaces, `_` and `-` first
// (`Lead Number` for `lead_number`), else a likely typo.
std::optional<std::string> closest_column(const std::string& column,
                                          const std::vector<std::string>& present);

// `column "Last Visit" (field last_visit) is not in the header (did you mean "Last visit"?)`;
// `where` is "in the header" or, for JSON, the place the key was looked for.
std::string absent_column_message(const AbsentColumn& absent, std::string_view where);

}  // namespace qpl::io
